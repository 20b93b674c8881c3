import Synchronization

/// A Wolfram-language expression: an atom or a normal expression `head[args…]`.
///
/// `Expr` is a value type; compound payloads live in immutable shared objects, so copying is cheap.
/// Invariants (kept by the constructors below and by the kernel):
/// - an integer that fits in `Int` is `.integer`, never `.bigInteger`;
/// - `.rational(n, d)` is in lowest terms with `d > 1`;
/// - `.complex(re, im)` has a non-zero imaginary part, and both parts are exact numbers or both are
///   machine reals, or both are arbitrary-precision reals (an exact part rounded to the other's
///   precision);
/// - a packed array equals (and hashes like) the nested `List` it stands for.
public enum Expr: Sendable {
    /// A machine integer.
    case integer(Int)
    /// An integer outside `Int`'s range.
    indirect case bigInteger(BigInt)
    /// An exact rational `numerator/denominator`, lowest terms, denominator > 1.
    indirect case rational(BigInt, BigInt)
    /// A machine real (IEEE double).
    case real(Double)
    /// An arbitrary-precision real (MPFR) with its Wolfram precision.
    case bigReal(BigReal)
    /// A complex number `Complex[re, im]`.
    indirect case complex(Expr, Expr)
    /// A string.
    case string(String)
    /// A symbol.
    case symbol(Symbol)
    /// A normal expression `head[args…]`.
    case normal(Normal)
    /// A packed rectangular numeric array (a `List` to the user).
    case packed(PackedArray)
    /// A native Swift object (layers, nets, `NumericArray`, …).
    case native(any NativeObject)
}

/// The payload of a normal expression: its head and arguments, shared between copies of the value.
/// The arguments change only through ``Expr/updateArguments(_:)``, which mutates them in place
/// only when no other value shares this object (so it is a value to everyone who holds it).
public final class Normal: @unchecked Sendable {
    public let head: Expr
    /// Read without exclusivity checks (hot path); written only by `updateArguments` on an object
    /// that is uniquely referenced, hence never while anyone else reads it.
    @exclusivity(unchecked) public private(set) var args: [Expr]
    /// Bookkeeping of the evaluator, not part of the value: the definitions version of a kernel under
    /// which this expression is known to evaluate to itself (0: unknown).
    public let evaluationStamp = Atomic<UInt>(0)

    public init(_ head: Expr, _ args: [Expr]) {
        self.head = head
        self.args = args
    }

    /// Runs `body` on the arguments in place; the caller has made sure nothing else references
    /// this object. The evaluation stamp is cleared unless `keepsStamp` (the caller knows the new
    /// arguments are still evaluated).
    fileprivate func mutateArguments<R, E: Error>(keepsStamp: Bool, _ body: (inout [Expr]) throws(E) -> R) throws(E) -> R {
        if !keepsStamp { evaluationStamp.store(0, ordering: .relaxed) }
        return try body(&args)
    }

    /// Nested normal expressions are released iteratively (see `DeepRelease`), so dropping a very
    /// deep expression cannot overflow the stack.
    deinit { DeepRelease.adopt(head, args) }
}

// MARK: - Construction

extension Expr {
    /// `head[args…]`.
    @inlinable public static func call(_ head: Expr, _ args: [Expr]) -> Expr { .normal(Normal(head, args)) }
    /// `head[args…]` for a symbol head.
    @inlinable public static func call(_ head: Symbol, _ args: [Expr]) -> Expr { .normal(Normal(.symbol(head), args)) }
    /// `head[args…]` for a symbol head, variadic.
    @inlinable public static func call(_ head: Symbol, _ args: Expr...) -> Expr { .normal(Normal(.symbol(head), args)) }
    /// `{elements…}`.
    @inlinable public static func list(_ elements: [Expr]) -> Expr { .normal(Normal(.symbol(Sym.List), elements)) }
    /// The symbol with this name.
    @inlinable public static func sym(_ name: String) -> Expr { .symbol(Symbol.named(name)) }
    /// An integer in canonical form: `.integer` when it fits in `Int`, else `.bigInteger`.
    public static func integer(_ value: BigInt) -> Expr {
        if let small = Int(exactly: value) { return .integer(small) }
        return .bigInteger(value)
    }
    /// `n/d` in canonical form (an integer when `d` divides `n`). A zero `d` gives what `n/0`
    /// evaluates to, `ComplexInfinity` (`DirectedInfinity[]`), or `Indeterminate` for `0/0`, without
    /// the message: the kernel's callers never pass one (`Rational[n, 0]` and `Divide` issue
    /// `Power::infy` first; the rest divide by denominators of canonical rationals, counts checked
    /// to be positive, or odd numbers), and this keeps a future slip from trapping.
    public static func rational(_ n: BigInt, over d: BigInt) -> Expr {
        if d.isZero { return n.isZero ? .symbol(Sym.Indeterminate) : .call(Sym.DirectedInfinity, []) }
        var n = n, d = d
        if d.sign == .minus { n.negate(); d.negate() }
        let g = n.greatestCommonDivisor(with: d)
        if g != 1 { n /= g; d /= g }
        if d == 1 { return .integer(n) }
        return .rational(n, d)
    }

    public static let null = Expr.symbol(Sym.Null)
    public static let `true` = Expr.symbol(Sym.True)
    public static let `false` = Expr.symbol(Sym.False)
    public static let failed = Expr.symbol(Sym.Failed)
    public static let aborted = Expr.symbol(Sym.Aborted)
    public static let automatic = Expr.symbol(Sym.Automatic)
    public static let emptyList = Expr.list([])
    /// `True` or `False`.
    @inlinable public static func bool(_ b: Bool) -> Expr { b ? .true : .false }
}

// MARK: - Inspection

extension Expr {
    /// The head: `Integer`, `Real`, `Rational`, `Complex`, `String`, `Symbol` for atoms, `List` for
    /// packed arrays, the object's head for native objects.
    public var head: Expr {
        switch self {
        case .integer, .bigInteger: return .symbol(Sym.Integer)
        case .rational: return .symbol(Sym.Rational)
        case .real, .bigReal: return .symbol(Sym.Real)
        case .complex: return .symbol(Sym.Complex)
        case .string: return .symbol(Sym.String)
        case .symbol: return .symbol(Sym.SymbolHead)
        case .normal(let n): return n.head
        case .packed: return .symbol(Sym.List)
        case .native(let o): return .symbol(o.head)
        }
    }

    /// Arguments of a normal expression (the parts of a packed array); empty for atoms.
    public var args: [Expr] {
        switch self {
        case .normal(let n): return n.args
        case .packed(let p): return p.parts
        default: return []
        }
    }

    /// The number of arguments (the length along the first dimension of a packed array), without
    /// building them as `args` does for a packed array; 0 for atoms.
    @inlinable public var argCount: Int {
        switch self {
        case .normal(let n): return n.args.count
        case .packed(let p): return p.shape[0]
        default: return 0
        }
    }

    /// The argument at 0-based index `i` (`i < argCount`): for a packed array only that part is
    /// built (`args[i]` would build every part first, making a loop over the parts quadratic).
    @inlinable public func arg(_ i: Int) -> Expr {
        switch self {
        case .normal(let n): return n.args[i]
        case .packed(let p): return p.part(i)
        default: preconditionFailure("Expr.arg: \(i) of an atom")
        }
    }

    /// The arguments as a collection that builds a packed array's parts one at a time, as they are
    /// read: `for x in e.argList`, `e.argList.first`, `e.argList.last` cost O(1) parts each.
    @inlinable public var argList: ArgumentList { ArgumentList(self) }

    /// True for everything that is not a normal expression or a packed array.
    public var isAtom: Bool {
        switch self {
        case .normal, .packed: return false
        default: return true
        }
    }

    /// The symbol, when this is a symbol.
    @inlinable public var symbol: Symbol? {
        if case .symbol(let s) = self { return s }
        return nil
    }

    /// The head symbol of a normal expression (or `List` for a packed array), if it is a symbol.
    public var headSymbol: Symbol? {
        switch self {
        case .normal(let n): return n.head.symbol
        case .packed: return Sym.List
        default: return nil
        }
    }

    /// Whether this is `head[…]` for the given symbol head (packed arrays count as `List`).
    @inlinable public func hasHead(_ s: Symbol) -> Bool { headSymbol === s }

    /// Whether this is a number atom (integer, rational, real or complex).
    public var isNumber: Bool {
        switch self {
        case .integer, .bigInteger, .rational, .real, .bigReal, .complex: return true
        default: return false
        }
    }

    /// The string, when this is a string.
    public var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The value as a machine integer, when this is an integer that fits.
    public var int: Int? {
        if case .integer(let i) = self { return i }
        return nil
    }

    /// A normal expression with a packed array turned into its nested `List` form (one level only).
    public var unpackedOneLevel: Expr {
        if case .packed(let p) = self { return .list(p.parts) }
        return self
    }
}

/// The arguments of an expression as a random-access collection (see ``Expr/argList``): a
/// normal expression's stored arguments, or a packed array's parts built on access.
public struct ArgumentList: RandomAccessCollection, Sendable {
    @usableFromInline let expr: Expr
    public let count: Int

    @inlinable init(_ expr: Expr) {
        self.expr = expr
        count = expr.argCount
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { count }
    @inlinable public subscript(i: Int) -> Expr {
        precondition(i >= 0 && i < count, "ArgumentList: index \(i) out of 0..<\(count)")
        return expr.arg(i)
    }
}

// MARK: - Equality and hashing (SameQ)

extension Expr: Hashable {
    /// Structural identity, as `SameQ`: `1 === 1.` is false; a packed array equals its list.
    public static func == (a: Expr, b: Expr) -> Bool {
        switch (a, b) {
        case (.integer(let x), .integer(let y)): return x == y
        case (.bigInteger(let x), .bigInteger(let y)): return x == y
        case (.rational(let n1, let d1), .rational(let n2, let d2)): return n1 == n2 && d1 == d2
        case (.real(let x), .real(let y)): return x == y || (x.isNaN && y.isNaN)
        case (.bigReal(let x), .bigReal(let y)): return x == y
        case (.complex(let r1, let i1), .complex(let r2, let i2)): return r1 == r2 && i1 == i2
        case (.string(let x), .string(let y)): return x == y
        case (.symbol(let x), .symbol(let y)): return x === y
        case (.normal(let x), .normal(let y)):
            return x === y || (x.args.count == y.args.count && x.head == y.head && x.args == y.args)
        case (.packed(let x), .packed(let y)):
            if x === y { return true }
            guard x.shape == y.shape else { return false }
            switch (x.storage, y.storage) {
            case (.integers(let p), .integers(let q)): return p == q
            case (.reals(let p), .reals(let q)): return p == q
            default: return false
            }
        case (.packed(let p), .normal(let n)), (.normal(let n), .packed(let p)):
            guard n.head == .symbol(Sym.List), n.args.count == p.shape[0] else { return false }
            for (i, arg) in n.args.enumerated() where arg != p.part(i) { return false }
            return true
        case (.native(let x), .native(let y)): return x === y || x.isSame(as: y)
        default: return false
        }
    }

    /// Hashes at most `Expr.hashNodeBudget` nodes, visited in an order fixed by the structure, so
    /// equal expressions still hash alike while a deep or shared structure (an association holding
    /// copies of itself, a DAG of repeated subexpressions) costs a bounded time to hash.
    public func hash(into h: inout Hasher) {
        var budget = Expr.hashNodeBudget
        hash(into: &h, budget: &budget)
    }

    /// How many nodes one hash visits at most.
    public static let hashNodeBudget = 2048

    /// Hashes this expression, each visited node taking one from `budget`; stops when it is spent.
    /// Native objects hash through `NativeObject.hash(into:budget:)`.
    public func hash(into h: inout Hasher, budget: inout Int) {
        guard budget > 0 else { return }
        budget -= 1
        switch self {
        case .integer(let x): h.combine(0); h.combine(x)
        case .bigInteger(let x): h.combine(1); h.combine(x)
        case .rational(let n, let d): h.combine(2); h.combine(n); h.combine(d)
        case .real(let x): h.combine(3); h.combine(x.isNaN ? Double.nan.bitPattern : x == 0 ? 0 : x.bitPattern)  // 0. === -0.
        case .bigReal(let x): h.combine(10); h.combine(x)
        case .complex(let r, let i): h.combine(4); h.combine(r); h.combine(i)
        case .string(let s): h.combine(5); h.combine(s)
        case .symbol(let s): h.combine(6); h.combine(ObjectIdentifier(s))
        case .normal(let n):
            h.combine(7); h.combine(n.args.count)
            n.head.hash(into: &h, budget: &budget)
            for a in n.args {
                guard budget > 0 else { return }
                a.hash(into: &h, budget: &budget)
            }
        case .packed(let p):
            // Hash exactly as the equivalent List would (visiting the same nodes).
            h.combine(7); h.combine(p.shape[0])
            Expr.symbol(Sym.List).hash(into: &h, budget: &budget)
            for i in 0..<p.shape[0] {
                guard budget > 0 else { return }
                p.part(i).hash(into: &h, budget: &budget)
            }
        case .native(let o): h.combine(9); o.hash(into: &h, budget: &budget)
        }
    }
}

// MARK: - Literals (for tests and Swift callers)

extension Expr: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral
{
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .real(value) }
    /// A string literal is a Wolfram *string*; use `.sym("x")` for a symbol.
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = value ? .true : .false }
    public init(arrayLiteral elements: Expr...) { self = .list(elements) }
}

// MARK: - In-place updates

extension Expr {
    /// Runs `body` on the arguments of this normal expression: in place when no other value shares
    /// them (so a loop of `x[[i]] = v` or `AppendTo[x, e]` is O(1) per step), otherwise on a copy that
    /// becomes this value. Nil (and `body` is not run) when this is not a normal expression.
    /// The expression's evaluation stamp is cleared unless `keepsStamp`.
    public mutating func updateArguments<R, E: Error>(keepsStamp: Bool = false, _ body: (inout [Expr]) throws(E) -> R) throws(E) -> R? {
        guard case .normal(var n) = self else { return nil }
        self = .integer(0)  // drop this value's reference, so `n` is unique when nobody else holds it
        DeepRelease.drainQueued()  // a node waiting there to be freed still references `n`
        if !isKnownUniquelyReferenced(&n) { n = Normal(n.head, n.args) }
        defer { self = .normal(n) }
        return try n.mutateArguments(keepsStamp: keepsStamp, body)
    }

    /// Frees the expressions this thread still holds for deferred release (see DeepRelease.swift).
    /// Call it before testing a native object with `isKnownUniquelyReferenced`: a node waiting to be
    /// freed still references its children.
    public static func releaseDeferredNodes() { DeepRelease.drainQueued() }

    /// Sets the scalar at flat index `i` of this packed array in place when no other value shares
    /// it (otherwise on a copy). False, with nothing changed, when this is not a packed array or
    /// `value` is not a machine number of the array's kind.
    public mutating func setPackedElement(flat i: Int, to value: Expr) -> Bool {
        guard case .packed(var p) = self else { return false }
        switch (p.storage, value) {
        case (.integers, .integer), (.reals, .real): break
        default: return false
        }
        self = .integer(0)
        DeepRelease.drainQueued()
        if !isKnownUniquelyReferenced(&p) { p = PackedArray(shape: p.shape, storage: p.storage) }
        p.setElement(flat: i, to: value)
        self = .packed(p)
        return true
    }
}
