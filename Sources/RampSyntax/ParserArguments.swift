/// The elements of all argument lists being read, on one stack: a list pushes its elements and, when
/// it closes, moves them into an array of exactly the right size. One allocation per list, no
/// regrowth, and the stack's own storage is reused for the whole source.
struct ArgumentStack: ~Copyable {
    private var storage: UnsafeMutablePointer<Expr>
    private var capacity: Int
    /// Number of elements on the stack (a list remembers it as its base before pushing).
    private(set) var count = 0

    init() {
        capacity = 64
        storage = .allocate(capacity: capacity)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    @inline(__always) mutating func push(_ e: consuming Expr) {
        if count == capacity { grow() }
        (storage + count).initialize(to: e)
        count += 1
    }

    /// Pushes every element of `elements`.
    mutating func push(contentsOf elements: [Expr]) {
        for e in elements { push(e) }
    }

    /// The elements from `base` to the top, moved out into a new array; the stack shrinks to `base`.
    @inline(__always) mutating func take(from base: Int) -> [Expr] {
        let n = count - base
        guard n > 0 else { return [] }
        let source = storage + base
        count = base
        // Array literals allocate their exact size directly (cheaper than `reserveCapacity`).
        switch n {
        case 1: return [source.move()]
        case 2: return [source.move(), (source + 1).move()]
        case 3: return [source.move(), (source + 1).move(), (source + 2).move()]
        case 4: return [source.move(), (source + 1).move(), (source + 2).move(), (source + 3).move()]
        default:
            var result: [Expr] = []
            result.reserveCapacity(n)
            for i in 0..<n { result.append((source + i).move()) }
            return result
        }
    }

    @inline(never) private mutating func grow() {
        let bigger = UnsafeMutablePointer<Expr>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: storage, count: count)
        storage.deallocate()
        storage = bigger
        capacity *= 2
    }
}
