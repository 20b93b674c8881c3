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
            if let p { Unmanaged<DeepRelease>.fromOpaque(p).release() }
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

    /// Called from `Normal.deinit` with the dying node's parts.
    static func adopt(_ head: Expr, _ args: [Expr]) {
        // Children whose subtrees are small and shallow are released in place: their release
        // recurses only a few levels. This keeps the queue (and its thread-local lookup) off the
        // path of the many small expressions an evaluation creates and drops.
        var budget = 64
        var hasDeep = false
        if case .normal(let n) = head, !isShallow(n, depth: 16, budget: &budget) { hasDeep = true }
        if !hasDeep {
            for i in args.indices {
                if case .normal(let n) = args[i], !isShallow(n, depth: 16, budget: &budget) { hasDeep = true; break }
            }
        }
        guard hasDeep else { return }
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

    /// Whether `n`'s subtree is at most `depth` levels deep, seen within `budget` nodes in all.
    private static func isShallow(_ n: Normal, depth: Int, budget: inout Int) -> Bool {
        budget -= 1
        if budget < 0 || depth == 0 { return false }
        if case .normal(let h) = n.head, !isShallow(h, depth: depth - 1, budget: &budget) { return false }
        let args = n.args
        for i in args.indices {
            if case .normal(let m) = args[i], !isShallow(m, depth: depth - 1, budget: &budget) { return false }
        }
        return true
    }
}
