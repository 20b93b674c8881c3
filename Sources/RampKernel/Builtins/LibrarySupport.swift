import RampSyntax

/// Shared helpers for the library areas (Lists, Associations, Structure, Random): argument-count
/// checks with Wolfram's messages, list views that understand packed arrays, level specifications
/// and exact/machine number arithmetic for the statistics functions.

extension BuiltinCall {
    /// Evaluates `f[args…]`.
    func apply(_ f: Expr, _ args: Expr...) throws(EvaluationControl) -> Expr {
        try kernel.eval(.call(f, args))
    }

    /// Evaluates `f[x]` and tells whether it gave `True`.
    func test(_ f: Expr, _ x: Expr) throws(EvaluationControl) -> Bool {
        try kernel.eval(.call(f, [x])) == .true
    }
}

extension Expr {
    /// Whether this is a `List` (normal or packed).
    public var isList: Bool {
        switch self {
        case .packed: return true
        case .normal(let n): return n.head.symbol === Sym.List
        default: return false
        }
    }

    /// The elements when this is a list (normal or packed).
    var listElements: [Expr]? { isList ? args : nil }

    /// The number of arguments (parts along the first dimension for a packed array).
    var length: Int {
        if case .native(let o) = self { return (o as? AssociationObject)?.entries.count ?? 0 }
        return argCount
    }

    /// A list: packed when the elements allow it.
    static func listPackingIfPossible(_ elements: [Expr]) -> Expr {
        let l = Expr.list(elements)
        if let p = PackedArray.pack(l) { return .packed(p) }
        return l
    }

    /// `head[args]` keeping the head of `self`.
    func withArgs(_ newArgs: [Expr]) -> Expr {
        switch self {
        case .normal(let n): return .call(n.head, newArgs)
        default: return .list(newArgs)
        }
    }

    /// `True` when this is `Infinity` or `DirectedInfinity[1]`.
    var isPositiveInfinity: Bool {
        if case .symbol(let s) = self { return s === Sym.Infinity }
        if case .normal(let n) = self, n.head.symbol === Sym.DirectedInfinity, n.args == [.integer(1)] { return true }
        return false
    }

    /// A machine real when this is a real number (integer, rational or real), else nil.
    var doubleValue: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .bigInteger(let b): return Double(b)
        case .rational(let n, let d): return Double(n) / Double(d)
        case .real(let r): return r
        default: return nil
        }
    }

    /// Whether this is an exact or machine real number (not complex).
    var isRealNumber: Bool {
        switch self {
        case .integer, .bigInteger, .rational, .real: return true
        default: return false
        }
    }
}

// MARK: - Level specifications

/// A level specification `{min, max}` with negative levels counted from the leaves.
struct LibLevelSpec {
    var min: Int
    var max: Int  // Int.max for Infinity

    /// Parses `n`, `{n}`, `{m, n}`, `Infinity`, `All`; nil when malformed.
    init?(_ e: Expr, defaultMin: Int = 1) {
        func bound(_ x: Expr) -> Int? {
            if let i = x.int { return i }
            if x.isPositiveInfinity { return Int.max }
            return nil
        }
        if let n = bound(e) { min = defaultMin; max = n; return }
        if e.symbol === Sym.All { min = 0; max = Int.max; return }
        guard e.isList else { return nil }
        let a = e.args
        if a.count == 1, let n = bound(a[0]) { min = n; max = n; return }
        if a.count == 2, let m = bound(a[0]), let n = bound(a[1]) { min = m; max = n; return }
        return nil
    }

    init(min: Int, max: Int) { self.min = min; self.max = max }

    /// Whether a subexpression at `level` (from the top) with `depth` (Depth) is included.
    func includes(level: Int, depth: Int) -> Bool {
        let lo = min >= 0 ? level >= min : -depth >= min
        let hi = max >= 0 ? level <= max : -depth <= max
        return lo && hi
    }

    /// Whether any level below `level` can still be included (to stop recursion early).
    func mayDescend(below level: Int) -> Bool { max < 0 || level < max }
}

/// `Depth[e]`: 1 for atoms, 1 + the maximum depth of the arguments otherwise (heads not counted).
func libDepth(_ e: Expr) -> Int {
    switch e {
    case .packed(let p): return p.rank + 1
    case .normal(let n):
        var d = 0
        for a in n.args { d = Swift.max(d, libDepth(a)) }
        return d + 1
    default: return 1
    }
}

/// Walks `e` in post-order, calling `visit` on each subexpression selected by `spec`, and rebuilds
/// the expression with the results (`Map` at levels). `heads` also visits heads. Association values
/// that changed are evaluated with `kernel` (the evaluator does not look inside associations).
func mapAtLevels(_ e: Expr, _ spec: LibLevelSpec, heads: Bool = false, kernel: Kernel? = nil,
                 _ visit: (Expr, Int) throws(EvaluationControl) -> Expr) throws(EvaluationControl) -> Expr {
    func go(_ x: Expr, _ level: Int) throws(EvaluationControl) -> (Expr, Int) {
        var node = x
        var depth = 1
        if !x.isAtom || isAssociation(x) {
            if let a = x.association, spec.mayDescend(below: level) {
                var newEntries: [(Expr, Expr, Bool)] = []
                var d = 0
                for (k, v) in a.entries {
                    var (nv, dv) = try go(v.value, level + 1)
                    if let kernel, !v.delayed, nv != v.value { nv = try kernel.eval(nv) }
                    d = Swift.max(d, dv)
                    newEntries.append((k, nv, v.delayed))
                }
                depth = d + 1
                node = .native(AssociationObject(newEntries))
            } else if case .normal(let n) = x, spec.mayDescend(below: level) || spec.min < 0 {
                var d = 0
                var newArgs: [Expr] = []
                newArgs.reserveCapacity(n.args.count)
                for a in n.args {
                    let (na, da) = try go(a, level + 1)
                    d = Swift.max(d, da)
                    newArgs.append(na)
                }
                var newHead = n.head
                if heads { newHead = try go(n.head, level + 1).0 }
                depth = d + 1
                node = .call(newHead, newArgs)
            } else if case .packed(let p) = x {
                if spec.mayDescend(below: level) || spec.min < 0 {
                    return try go(.list(p.parts), level)
                }
                depth = p.rank + 1
            } else if case .normal = x {
                depth = libDepth(x)
            } else if let a = x.association {
                depth = 1 + (a.entries.values.map { libDepth($0.value) }.max() ?? 0)
            }
        }
        if spec.includes(level: level, depth: depth) { node = try visit(node, level) }
        return (node, depth)
    }
    return try go(e, 0).0
}

/// Collects the subexpressions selected by `spec` in post-order (`Level`).
func collectLevels(_ e: Expr, _ spec: LibLevelSpec, heads: Bool = false) -> [Expr] {
    var out: [Expr] = []
    func go(_ x: Expr, _ level: Int) -> Int {
        var depth = 1
        if case .normal(let n) = x {
            var d = 0
            if heads && spec.mayDescend(below: level) { _ = go(n.head, level + 1) }
            for a in n.args { d = Swift.max(d, go(a, level + 1)) }
            depth = d + 1
        } else if case .packed(let p) = x {
            return go(.list(p.parts), level)
        } else if let a = x.association {
            var d = 0
            for v in a.entries.values { d = Swift.max(d, go(v.value, level + 1)) }
            depth = d + 1
        }
        if spec.includes(level: level, depth: depth) { out.append(x) }
        return depth
    }
    _ = go(e, 0)
    return out
}

// MARK: - Numbers

/// A real number, exact (`n/d`, d > 0) or machine; the arithmetic the statistics functions need
/// without calling into `Plus`/`Times`.
enum LNum {
    case exact(BigInt, BigInt)
    case machine(Double)

    init?(_ e: Expr) {
        switch e {
        case .integer(let i): self = .exact(BigInt(i), 1)
        case .bigInteger(let b): self = .exact(b, 1)
        case .rational(let n, let d): self = .exact(n, d)
        case .real(let r): self = .machine(r)
        default: return nil
        }
    }

    var double: Double {
        switch self {
        case .exact(let n, let d): return d == 1 ? Double(n) : Double(n) / Double(d)
        case .machine(let r): return r
        }
    }

    var expr: Expr {
        switch self {
        case .exact(let n, let d): return .rational(n, over: d)
        case .machine(let r): return .real(r)
        }
    }

    static func + (a: LNum, b: LNum) -> LNum {
        if case .exact(let n1, let d1) = a, case .exact(let n2, let d2) = b {
            if d1 == 1 && d2 == 1 { return .exact(n1 + n2, 1) }
            return normalized(n1 * d2 + n2 * d1, d1 * d2)
        }
        return .machine(a.double + b.double)
    }
    static prefix func - (a: LNum) -> LNum {
        switch a {
        case .exact(let n, let d): return .exact(-n, d)
        case .machine(let r): return .machine(-r)
        }
    }
    static func - (a: LNum, b: LNum) -> LNum { a + (-b) }
    static func * (a: LNum, b: LNum) -> LNum {
        if case .exact(let n1, let d1) = a, case .exact(let n2, let d2) = b { return normalized(n1 * n2, d1 * d2) }
        return .machine(a.double * b.double)
    }
    /// Division; nil for an exact zero divisor.
    static func / (a: LNum, b: LNum) -> LNum? {
        if case .exact(let n1, let d1) = a, case .exact(let n2, let d2) = b {
            if n2.isZero { return nil }
            return normalized(n1 * d2, d1 * n2)
        }
        return .machine(a.double / b.double)
    }
    static func normalized(_ n: BigInt, _ d: BigInt) -> LNum {
        var n = n, d = d
        if d.sign == .minus { n.negate(); d.negate() }
        let g = n.greatestCommonDivisor(with: d)
        if g > 1 { n /= g; d /= g }
        return .exact(n, d)
    }
    static func < (a: LNum, b: LNum) -> Bool {
        if case .exact(let n1, let d1) = a, case .exact(let n2, let d2) = b { return n1 * d2 < n2 * d1 }
        return a.double < b.double
    }
    var isExact: Bool { if case .exact = self { return true } else { return false } }
}

// MARK: - Symbolic arithmetic (evaluated by the numbers area)

/// `a + b`, computed when both are real numbers, else `Plus[a, b]` threaded over equal-length lists.
func addExprs(_ a: Expr, _ b: Expr) -> Expr {
    if let x = LNum(a), let y = LNum(b) { return (x + y).expr }
    if a.isList, b.isList, a.length == b.length {
        if case .packed(let p) = a, case .packed(let q) = b, p.shape == q.shape, let r = packedAdd(p, q) { return .packed(r) }
        return .list(zip(a.args, b.args).map { addExprs($0, $1) })
    }
    return .call(Sym.Plus, [a, b])
}

/// `a * b` for numbers, else `Times[a, b]`.
func mulExprs(_ a: Expr, _ b: Expr) -> Expr {
    if let x = LNum(a), let y = LNum(b) { return (x * y).expr }
    return .call(Sym.Times, [a, b])
}

/// `a - b` for numbers, else `Plus[a, Times[-1, b]]`.
func subExprs(_ a: Expr, _ b: Expr) -> Expr {
    if let x = LNum(a), let y = LNum(b) { return (x - y).expr }
    if a.isList, b.isList, a.length == b.length { return .list(zip(a.args, b.args).map { subExprs($0, $1) }) }
    return .call(Sym.Plus, [a, .call(Sym.Times, [.integer(-1), b])])
}

/// `a / b` for numbers (exact division by zero left symbolic), else `Times[a, Power[b, -1]]`.
func divExprs(_ a: Expr, _ b: Expr) -> Expr {
    if let x = LNum(a), let y = LNum(b), let q = x / y { return q.expr }
    if a.isList { return .list(a.args.map { divExprs($0, b) }) }
    return .call(Sym.Times, [a, .call(Sym.Power, [b, .integer(-1)])])
}

/// Elementwise sum of two packed arrays of the same shape.
func packedAdd(_ p: PackedArray, _ q: PackedArray) -> PackedArray? {
    switch (p.storage, q.storage) {
    case (.reals(let a), .reals(let b)):
        return PackedArray(shape: p.shape, storage: .reals(zip(a, b).map { $0 + $1 }))
    case (.integers(let a), .integers(let b)):
        var out = [Int](repeating: 0, count: a.count)
        for i in a.indices {
            let (s, o) = a[i].addingReportingOverflow(b[i])
            if o { return nil }
            out[i] = s
        }
        return PackedArray(shape: p.shape, storage: .integers(out))
    case (.integers(let a), .reals(let b)):
        return PackedArray(shape: p.shape, storage: .reals(zip(a, b).map { Double($0) + $1 }))
    case (.reals(let a), .integers(let b)):
        return PackedArray(shape: p.shape, storage: .reals(zip(a, b).map { $0 + Double($1) }))
    }
}

/// Dimensions of a rectangular array down to `limit` levels (all when nil); packed arrays answer
/// from their shape.
func arrayDimensions(_ e: Expr, limit: Int? = nil, head requiredHead: Expr? = nil) -> [Int] {
    if case .packed(let p) = e, requiredHead == nil || requiredHead == .symbol(Sym.List) {
        return Array(p.shape.prefix(limit ?? p.shape.count))
    }
    guard case .normal(let n) = e else { return [] }
    let h = requiredHead ?? n.head
    guard n.head == h else { return [] }
    if limit == 0 { return [] }
    var dims = [n.args.count]
    if n.args.isEmpty { return dims }
    let nextLimit = limit.map { $0 - 1 }
    if nextLimit == 0 { return dims }
    // Every argument must share the head and the dimensions.
    var common: [Int]? = nil
    for a in n.args {
        let isCompound: Bool
        switch a {
        case .normal(let m): isCompound = m.head == h
        case .packed: isCompound = h == .symbol(Sym.List)
        default: isCompound = false
        }
        if !isCompound { return dims }
        let d = arrayDimensions(a, limit: nextLimit, head: h)
        if let c = common {
            var k = 0
            while k < c.count && k < d.count && c[k] == d[k] { k += 1 }
            common = Array(c.prefix(k))
            if k == 0 { return dims }
        } else {
            common = d
        }
    }
    dims += common ?? []
    return dims
}
