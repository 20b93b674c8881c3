import RampKernel
import RampSyntax

/// One dimension of a port shape: a fixed size, or the variable length of a sequence (first only).
public enum NetDim: Hashable, Sendable {
    case fixed(Int)
    case varying

    var size: Int? { if case .fixed(let n) = self { return n } else { return nil } }
}

/// The shape of a port: the dimensions of one example (the batch dimension excluded).
/// `[]` is a real scalar (`"Real"`).
public typealias PortShape = [NetDim]

/// A failure while building, inferring or running a net: a message (`General::tag` templates,
/// issued under the head being evaluated) and no result.
public struct NetFailure: Error, Sendable {
    public let tag: String
    public let slots: [Expr]
    public init(_ tag: String, _ slots: Expr...) {
        self.tag = tag
        self.slots = slots
    }
    /// Issues the message under `head`.
    public func issue(_ kernel: Kernel, _ head: Symbol) { kernel.message(head, tag, slots) }
}

/// A string slot that prints with its quotes (`"Slope"`), as Wolfram's net messages show names.
func quoted(_ s: String) -> Expr { .string("\"" + s + "\"") }
/// A slot printed verbatim.
func text(_ s: String) -> Expr { .string(s) }

// MARK: - Shapes: user forms and phrases

/// The most elements one array may have: Ramp's one allocation limit (`SizeLimit`), counting a
/// value and its gradient per element (2^27 with the default limit).
var maxArrayElements: Int { SizeLimit.maxPackedElements }

/// The element count of `dims`, or nil when it overflows or passes `SizeLimit`.
func checkedCount(_ dims: [Int]) -> Int? {
    guard SizeLimit.allows(dimensions: dims, elementSize: SizeLimit.packedElement) else { return nil }
    return dims.reduce(1, *)
}

/// `tnsrmaxsz` for an array too large to create.
func tooLarge(_ dims: [Int]) -> NetFailure {
    NetFailure("tnsrmaxsz", .list(dims.map { .integer($0) }), text("more memory than Ramp allows"), text("over 100"))
}

enum Shapes {
    /// Parses a port specification: `n`, `{n1, n2, …}`, `{"Varying", n, …}`, `"Varying"`, `"Real"`.
    /// Returns nil when the form is not a shape at all; a `"Varying"` after the first dimension gives
    /// `invvardim`.
    static func parse(_ e: Expr) throws(NetFailure) -> PortShape? {
        switch e {
        case .integer(let n) where n > 0 && n <= maxArrayElements: return [.fixed(n)]
        case .string("Real"): return []
        case .string("Varying"): return [.varying]
        default: break
        }
        guard e.hasHead(Sym.List), checkedCount(e.args.map { $0.int ?? 1 }) != nil else { return nil }
        var dims: PortShape = []
        for (i, d) in e.args.enumerated() {
            switch d {
            case .integer(let n) where n > 0: dims.append(.fixed(n))
            case .string("Varying") where i == 0: dims.append(.varying)
            case .string("Varying"): throw NetFailure("invvardim", e)
            default: return nil
            }
        }
        return dims
    }

    /// The user-level form of a shape: `3`, `{3, 4}`, `{"Varying", 3}`, `"Real"`.
    static func userForm(_ s: PortShape?) -> Expr {
        guard let s else { return .automatic }
        if s.isEmpty { return "Real" }
        if s.count == 1, case .fixed(let n) = s[0] { return .integer(n) }
        return .list(s.map { d in d.size.map { Expr.integer($0) } ?? "Varying" })
    }

    static func sizeText(_ s: PortShape) -> String {
        s.map { $0.size.map(String.init) ?? "n" }.joined(separator: "×")
    }

    /// The summary phrase: `vector (size: 3)`, `matrix (size: n×3)`, `real`, `array`.
    static func describe(_ s: PortShape?) -> String {
        guard let s else { return "array" }
        switch s.count {
        case 0: return "real"
        case 1: return "vector (size: \(sizeText(s)))"
        case 2: return "matrix (size: \(sizeText(s)))"
        default: return "array (size: \(sizeText(s)))"
        }
    }

    /// The message phrase: `a length-3 vector of real numbers`, `a 3×4 matrix of real numbers`.
    static func phrase(_ s: PortShape?) -> String {
        guard let s else { return "an array of real numbers" }
        switch s.count {
        case 0: return "a real number"
        case 1: return s[0].size.map { "a length-\($0) vector of real numbers" } ?? "a vector of real numbers"
        case 2: return "a \(sizeText(s)) matrix of real numbers"
        default: return "a \(sizeText(s)) array of real numbers"
        }
    }

    static func fixed(_ dims: [Int]) -> PortShape { dims.map { .fixed($0) } }

    /// Whether concrete data dimensions fit a shape.
    static func accepts(_ s: PortShape, _ dims: [Int]) -> Bool {
        guard s.count == dims.count else { return false }
        for (d, n) in zip(s, dims) {
            if case .fixed(let m) = d, m != n { return false }
            if n < 1 { return false }
        }
        return true
    }
}

/// Describes an array's dimensions for summaries: `vector (size: 3)`, `real` for a scalar.
func describeArray(_ dims: [Int]?) -> String {
    guard let dims else { return "array" }
    return Shapes.describe(Shapes.fixed(dims))
}

// MARK: - Associations

/// An association value (the library's `AssociationObject`).
func association(_ pairs: [(Expr, Expr)]) -> Expr { .native(AssociationObject(pairs: pairs)) }

/// The rules of an association, native or written `Association[rules…]`; nil for anything else.
func associationRules(_ e: Expr) -> [Expr]? {
    if case .native(let a as AssociationObject) = e { return a.rules }
    if e.hasHead(Sym.Association) { return e.args }
    return nil
}
