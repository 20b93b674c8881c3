#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Releases deeply nested expressions without deep recursion. Freeing `f[f[…]]` would otherwise run
/// one nested deinit per level and overflow the stack at around 100,000 levels.
///
/// A dying `Normal` hands its normal children to a per-thread queue, which keeps them alive past
/// the parent's own teardown. The next `Normal` deinit on the thread first releases what is queued,
/// one item at a time (children of those items are queued, not freed in place), so nesting never
/// goes deeper than two deinits. Until then the queued children stay allocated.
final class DeepRelease {
    private var pending: [Normal] = []
    private var draining = false

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            let p: UnsafeMutableRawPointer? = pointer  // optional on Linux, not on Darwin
            guard let p else { return }
            // At thread exit: nodes freed while draining queue their children on this same queue
            // (the key is cleared before destructors run, so they would otherwise make a new queue,
            // which the exiting thread would leak).
            pthread_setspecific(DeepRelease.key, p)
            let queue = Unmanaged<DeepRelease>.fromOpaque(p).takeUnretainedValue()
            queue.draining = true
            while let next = queue.pending.popLast() { _ = next }
            pthread_setspecific(DeepRelease.key, nil)
            Unmanaged<DeepRelease>.fromOpaque(p).release()
        }
        return key
    }()

    private static var current: DeepRelease {
        if let p = pthread_getspecific(key) { return Unmanaged<DeepRelease>.fromOpaque(p).takeUnretainedValue() }
        let queue = DeepRelease()
        pthread_setspecific(key, Unmanaged.passRetained(queue).toOpaque())
        return queue
    }

    deinit {
        draining = true
        while let next = pending.popLast() { _ = next }
    }

    /// Frees what this thread's queue holds now (iteratively). An in-place update calls it first:
    /// a queued node still references its children, which would otherwise look shared.
    static func drainQueued() {
        guard let p = pthread_getspecific(key) else { return }
        let queue = Unmanaged<DeepRelease>.fromOpaque(p).takeUnretainedValue()
        guard !queue.draining, !queue.pending.isEmpty else { return }
        queue.draining = true
        while let next = queue.pending.popLast() { _ = next }
        queue.draining = false
    }

    /// Called from `Normal.deinit` with the dying node's parts.
    static func adopt(_ head: Expr, _ args: [Expr]) {
        var hasNormal = false
        if case .normal = head { hasNormal = true }
        if !hasNormal { for a in args { if case .normal = a { hasNormal = true; break } } }
        guard hasNormal else { return }
        let queue = current
        if !queue.draining {
            // Items queued earlier are held by the queue alone: free them here, iteratively.
            queue.draining = true
            while let next = queue.pending.popLast() { _ = next }
            queue.draining = false
        }
        if case .normal(let n) = head { queue.pending.append(n) }
        for a in args { if case .normal(let n) = a { queue.pending.append(n) } }
    }
}
