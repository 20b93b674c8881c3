#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the parser on a thread with a large stack, so that nesting up to `ParserCore.maxDepth` is
/// safe whatever thread (and stack size) the caller is on. Small inputs are parsed in place.
enum ParserStack {
    /// Inputs shorter than this cannot nest deeply enough to matter and are parsed on the caller's stack.
    static let inlineLimit = 64
    /// Stack size of the parsing thread (reserved address space; pages are touched only as needed).
    static let stackSize = 256 << 20

    private final class Job: @unchecked Sendable {
        let work: () -> Void
        init(_ work: @escaping () -> Void) { self.work = work }
    }

    /// `body()`, evaluated on a large-stack thread when `byteCount` is large.
    static func run<T>(byteCount: Int, _ body: () -> T) -> T {
        if byteCount < inlineLimit { return body() }
        return withoutActuallyEscaping(body) { body -> T in
            var result: T?
            // `body` runs before `run` returns (the thread is joined), so it may capture the caller's state.
            guard let thread = startThread(Job { result = body() }) else { return body() }  // no thread: here
            join(thread)
            return result!   // set by the job, which ran to its end before the thread was joined
        }
    }

    /// A parse running on its own large-stack thread (see `spawn`).
    final class Running<T>: @unchecked Sendable {
        fileprivate var result: T?
        fileprivate var thread: Thread?

        /// Waits for the thread and returns what `body` returned.
        func join() -> T {
            if let thread { ParserStack.join(thread) }
            return result!   // set by the job before its thread ended (`spawn` never returns without one)
        }
    }

    /// Starts `body` on a new large-stack thread; nil when no thread could be started. The caller must
    /// `join()` the result.
    static func spawn<T>(_ body: @escaping @Sendable () -> T) -> Running<T>? {
        let running = Running<T>()
        guard let thread = startThread(Job { running.result = body() }) else { return nil }
        running.thread = thread
        return running
    }

    typealias Thread = pthread_t

    /// Starts `job` on a new thread with a `stackSize` stack; nil when none could be started.
    private static func startThread(_ job: Job) -> Thread? {
        let context = Unmanaged.passRetained(job).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, stackSize)
        #if canImport(Darwin)
        var thread: pthread_t?
        let rc = pthread_create(&thread, &attributes, { context in
            Unmanaged<Job>.fromOpaque(context).takeRetainedValue().work()
            return nil
        }, context)
        #else
        var thread = pthread_t()
        let rc = pthread_create(&thread, &attributes, { context in
            if let context { Unmanaged<Job>.fromOpaque(context).takeRetainedValue().work() }
            return nil
        }, context)
        #endif
        guard rc == 0 else {
            Unmanaged<Job>.fromOpaque(context).release()
            return nil
        }
        return thread
    }

    private static func join(_ thread: Thread) {
        pthread_join(thread, nil)
    }
}
