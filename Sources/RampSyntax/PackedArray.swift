/// A rectangular numeric array stored contiguously with its shape: the packed form of a nested
/// `List` of machine integers or machine reals. Users cannot tell it from the equivalent list
/// (`==`, hashing, printing, `Part` and pattern matching treat it as that list); arithmetic, `Total`,
/// `Dot` and the nets work on the flat buffer.
public final class PackedArray: @unchecked Sendable {
    /// The flat, row-major element buffer.
    public enum Storage: Sendable, Equatable {
        case integers([Int])
        case reals([Double])
    }

    /// Dimensions, outermost first; never empty, every entry ≥ 1... except a packed `{}` which is
    /// not represented (an empty list is always an ordinary `List[]`).
    public let shape: [Int]
    /// Read without exclusivity checks; written only by `setElement`, on an array that no other value
    /// shares (``Expr/setPackedElement(flat:to:)`` checks).
    @exclusivity(unchecked) public private(set) var storage: Storage

    /// Sets the scalar at flat index `i` to `value`, a machine number of the storage's kind.
    func setElement(flat i: Int, to value: Expr) {
        switch storage {
        case .integers(var a):
            guard case .integer(let x) = value else { preconditionFailure("PackedArray.setElement: \(value) is not an integer") }
            storage = .integers([])  // drop the enum's reference so `a` is unique
            a[i] = x
            storage = .integers(a)
        case .reals(var a):
            guard case .real(let x) = value else { preconditionFailure("PackedArray.setElement: \(value) is not a real") }
            storage = .reals([])
            a[i] = x
            storage = .reals(a)
        }
    }

    /// Creates a packed array. `shape`'s product must equal the buffer's count and be positive.
    ///
    /// These are the type's invariants, checked here as preconditions: every caller derives the
    /// shape from a packed array that exists (an elementwise result, a slice or selection of at
    /// least one row (`Part`, `Take`, `Rest` return `{}` before slicing nothing), a sort, a sum over the
    /// first level of an array of rank ≥ 2) or from counts it has checked to be positive (`Range`,
    /// `Join`, `Differences` of at least two elements). Sizes that come from the user (`ConstantArray`,
    /// `RandomReal`, `NumericArray`, a net's output, a training record that may hold no rounds) go
    /// through `PackedArray.expr(shape:storage:)`, which also takes zero dimensions and rank 0.
    public init(shape: [Int], storage: Storage) {
        precondition(!shape.isEmpty && shape.allSatisfy { $0 > 0 }, "PackedArray: bad shape \(shape)")
        self.shape = shape
        self.storage = storage
        precondition(count == shape.reduce(1, *), "PackedArray: shape \(shape) does not match \(count) elements")
    }

    public convenience init(integers: [Int], shape: [Int]? = nil) {
        self.init(shape: shape ?? [integers.count], storage: .integers(integers))
    }

    public convenience init(reals: [Double], shape: [Int]? = nil) {
        self.init(shape: shape ?? [reals.count], storage: .reals(reals))
    }

    /// Number of scalar elements.
    public var count: Int {
        switch storage {
        case .integers(let a): return a.count
        case .reals(let a): return a.count
        }
    }

    /// Rank (`ArrayDepth`).
    public var rank: Int { shape.count }

    /// The scalar at flat index `i` as an expression.
    @inlinable public func element(flat i: Int) -> Expr {
        switch storage {
        case .integers(let a): return .integer(a[i])
        case .reals(let a): return .real(a[i])
        }
    }

    /// The `i`-th (0-based) part along the first dimension: a scalar for rank 1, else a packed sub-array.
    public func part(_ i: Int) -> Expr {
        if shape.count == 1 { return element(flat: i) }
        let sub = Array(shape.dropFirst())
        let n = sub.reduce(1, *)
        switch storage {
        case .integers(let a): return .packed(PackedArray(shape: sub, storage: .integers(Array(a[(i * n)..<((i + 1) * n)]))))
        case .reals(let a): return .packed(PackedArray(shape: sub, storage: .reals(Array(a[(i * n)..<((i + 1) * n)]))))
        }
    }

    /// The parts along the first dimension (what a `List`'s arguments would be).
    public var parts: [Expr] { (0..<shape[0]).map(part) }

    /// The equivalent nested `List` expression (fully unpacked).
    public var unpacked: Expr {
        func build(_ level: Int, _ offset: Int) -> Expr {
            let n = shape[level]
            if level == shape.count - 1 {
                return .list((0..<n).map { element(flat: offset + $0) })
            }
            let stride = shape[(level + 1)...].reduce(1, *)
            return .list((0..<n).map { build(level + 1, offset + $0 * stride) })
        }
        return build(0, 0)
    }

    /// Packs a nested list of machine integers or machine reals (mixed gives reals, unless
    /// `mixing` is false: then nil); nil when `expr` is not a non-empty rectangular array of machine
    /// numbers.
    /// A flat list of machine numbers packed in one loop (the common case, kept free of the nested
    /// walk's captured state).
    static func packFlat(_ elements: [Expr], mixing: Bool) -> PackedArray? {
        var ints: [Int] = []
        ints.reserveCapacity(elements.count)
        for (k, e) in elements.enumerated() {
            switch e {
            case .integer(let v): ints.append(v)
            case .real:
                guard mixing || k == 0 else { return nil }
                var reals: [Double] = ints.map(Double.init)
                reals.reserveCapacity(elements.count)
                for e in elements[k...] {
                    switch e {
                    case .real(let v): reals.append(v)
                    case .integer(let v) where mixing: reals.append(Double(v))
                    default: return nil
                    }
                }
                return PackedArray(reals: reals, shape: [elements.count])
            default: return nil
            }
        }
        return PackedArray(integers: ints, shape: [elements.count])
    }

    public static func pack(_ expr: Expr, mixing: Bool = true) -> PackedArray? {
        if case .packed(let p) = expr { return p }
        var shape: [Int] = []
        var probe = expr
        while case .normal(let n) = probe, n.head == .symbol(Sym.List) {
            guard !n.args.isEmpty else { return nil }
            shape.append(n.args.count)
            probe = n.args[0]
        }
        if case .packed(let p) = probe { shape += p.shape }
        guard !shape.isEmpty else { return nil }
        if shape.count == 1, case .normal(let n) = expr { return packFlat(n.args, mixing: mixing) }
        var ints: [Int] = []
        var reals: [Double] = []
        var isReal = false
        ints.reserveCapacity(shape.reduce(1, *))
        func walk(_ e: Expr, _ level: Int) -> Bool {
            if level == shape.count {
                switch e {
                case .integer(let v):
                    if isReal { guard mixing else { return false }; reals.append(Double(v)) } else { ints.append(v) }
                    return true
                case .real(let v):
                    if !isReal {
                        guard mixing || ints.isEmpty else { return false }
                        isReal = true; reals = ints.map(Double.init); ints = []
                    }
                    reals.append(v)
                    return true
                default: return false
                }
            }
            switch e {
            case .normal(let n) where n.head == .symbol(Sym.List) && n.args.count == shape[level]:
                return n.args.allSatisfy { walk($0, level + 1) }
            case .packed(let p) where Array(shape[level...]) == p.shape:
                switch p.storage {
                case .integers(let a):
                    if isReal { guard mixing else { return false }; reals += a.map(Double.init) } else { ints += a }
                case .reals(let a):
                    if !isReal {
                        guard mixing || ints.isEmpty else { return false }
                        isReal = true; reals = ints.map(Double.init); ints = []
                    }
                    reals += a
                }
                return true
            default: return false
            }
        }
        guard walk(expr, 0) else { return nil }
        return PackedArray(shape: shape, storage: isReal ? .reals(reals) : .integers(ints))
    }
}

extension PackedArray {
    /// The array of `shape` holding `storage` as an expression, for any shape a user can ask for:
    /// a packed array when every dimension is positive, nested empty lists (`{}`, `{{}, {}}`) when
    /// one is zero, the element itself for rank 0. `storage` must hold the product of `shape`
    /// elements (that is the caller's arithmetic, not the user's input).
    public static func expr(shape: [Int], storage: Storage) -> Expr {
        if shape.contains(0) { return .emptyNested(shape) }
        let array = PackedArray(shape: shape.isEmpty ? [1] : shape, storage: storage)
        return shape.isEmpty ? array.element(flat: 0) : .packed(array)
    }
}

extension Expr {
    /// Nested empty lists of the given dimensions, one of which is 0: `{}` for `{0}`, `{{}, {}}`
    /// for `{2, 0}` (dimensions after the first zero do not show).
    public static func emptyNested(_ shape: [Int]) -> Expr {
        guard let zero = shape.firstIndex(of: 0) else { return .emptyList }
        var e = Expr.emptyList
        for d in shape[..<zero].reversed() { e = .list(Array(repeating: e, count: d)) }
        return e
    }
}
