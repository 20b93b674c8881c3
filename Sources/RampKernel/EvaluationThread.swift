#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A persistent thread with a large stack that runs a kernel's top-level evaluations, so deep
/// recursion and the destruction of deeply nested expressions cannot overflow the caller's stack.
/// Callers hand a job over and wait for it; a caller already on an evaluation thread runs the job
/// directly.
final class EvaluationThread: @unchecked Sendable {
    /// Reserved stack size (virtual memory; pages are committed only when touched).
    static let stackSize = 1 << 30

    private var mutex = pthread_mutex_t()
    private var jobReady = pthread_cond_t()
    private var jobDone = pthread_cond_t()
    private var job: (() -> Void)?
    private var finished = false
    private var stopping = false
    private var started = false
    /// The thread, joined by `stop()` so that it has ended (its thread-local storage released)
    /// when the kernel is gone.
    #if canImport(Glibc)
    private var thread: pthread_t?
    #else
    private var thread: pthread_t??
    #endif

    private static let key: pthread_key_t = {
        var k = pthread_key_t()
        pthread_key_create(&k, nil)
        return k
    }()

    /// Whether the calling thread is an evaluation thread.
    static var isCurrent: Bool { pthread_getspecific(key) != nil }

    init() {
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&jobReady, nil)
        pthread_cond_init(&jobDone, nil)
    }

    /// Starts the thread; false when the system refuses (the caller then runs jobs inline).
    func start() -> Bool {
        var attr = pthread_attr_t()
        pthread_attr_init(&attr)
        defer { pthread_attr_destroy(&attr) }
        pthread_attr_setstacksize(&attr, Self.stackSize)
        let box = Unmanaged.passRetained(self)
        #if canImport(Glibc)
        var tid = pthread_t()
        #else
        var tid: pthread_t? = nil
        #endif
        let rc = pthread_create(&tid, &attr, { raw in
            #if canImport(Glibc)
            let me = Unmanaged<EvaluationThread>.fromOpaque(raw!).takeRetainedValue()
            #else
            let me = Unmanaged<EvaluationThread>.fromOpaque(raw).takeRetainedValue()
            #endif
            me.run()
            return nil
        }, box.toOpaque())
        if rc != 0 { box.release(); return false }
        thread = tid
        started = true
        return true
    }

    private func run() {
        pthread_setspecific(Self.key, UnsafeRawPointer(bitPattern: 1))
        var local = 0
        withUnsafeMutablePointer(to: &local) { p in
            let here = UInt(bitPattern: p)
            StackGuard.limit = here &- UInt(Self.stackSize) &+ (32 << 20)
        }
        pthread_mutex_lock(&mutex)
        while true {
            while job == nil && !stopping { pthread_cond_wait(&jobReady, &mutex) }
            if stopping { break }
            let work = job!
            pthread_mutex_unlock(&mutex)
            work()
            pthread_mutex_lock(&mutex)
            job = nil
            finished = true
            pthread_cond_broadcast(&jobDone)
        }
        pthread_mutex_unlock(&mutex)
    }

    /// Runs `work` on this thread and waits for it.
    func perform(_ work: @escaping () -> Void) {
        pthread_mutex_lock(&mutex)
        while job != nil { pthread_cond_wait(&jobDone, &mutex) }
        finished = false
        job = work
        pthread_cond_signal(&jobReady)
        while !finished { pthread_cond_wait(&jobDone, &mutex) }
        pthread_mutex_unlock(&mutex)
    }

    /// Asks the thread to exit once idle and waits until it has (unless called on that thread).
    func stop() {
        pthread_mutex_lock(&mutex)
        stopping = true
        pthread_cond_broadcast(&jobReady)
        pthread_mutex_unlock(&mutex)
        guard let thread else { return }
        self.thread = nil
        if Self.isCurrent { pthread_detach(thread) } else { pthread_join(thread, nil) }
    }
}

/// The stack bound of the current thread, checked by the evaluator before recursing.
enum StackGuard {
    /// Lowest stack address evaluation may reach on this thread (0: unknown, no check).
    private static let key: pthread_key_t = {
        var k = pthread_key_t()
        pthread_key_create(&k, nil)
        return k
    }()

    /// The limit of the current thread, computed once per thread.
    static var limit: UInt {
        get { UInt(bitPattern: pthread_getspecific(key)) }
        set { pthread_setspecific(key, UnsafeRawPointer(bitPattern: newValue)) }
    }

    /// Sets a conservative limit for a thread the kernel did not create (used only when the
    /// evaluation thread could not be started): 256 KiB below the current frame.
    static func establishForCurrentThread() {
        if limit != 0 { return }
        var probe = 0
        let here = withUnsafeMutablePointer(to: &probe) { UInt(bitPattern: $0) }
        limit = here &- (256 << 10)
    }

    /// Whether the stack is nearly exhausted.
    @inline(__always) static func isNearlyExhausted(_ limit: UInt) -> Bool {
        var probe = 0
        return withUnsafeMutablePointer(to: &probe) { UInt(bitPattern: $0) < limit }
    }
}
