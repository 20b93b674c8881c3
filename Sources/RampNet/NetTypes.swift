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
    /// `General::nomem`: an array past Ramp's one size limit (see `allocatableCount`).
    static let outOfMemory = NetFailure("nomem")

    /// Issues the message under `head` (`nomem` under `General`, as every builtin issues it).
    public func issue(_ kernel: Kernel, _ head: Symbol) { kernel.message(tag == "nomem" ? Sym.General : head, tag, slots) }
}

/// A string slot that prints with its quotes (`"Slope"`), as Wolfram's net messages show names.
func quoted(_ s: String) -> Expr { .string("\"" + s + "\"") }
/// A slot printed verbatim.
func text(_ s: String) -> Expr { .string(s) }

// MARK: - Shapes: user forms and phrases

/// The element count of `dims`, or nil when a dimension is negative or the product overflows `Int`.
/// A declared shape (`"Input" -> {2^28}`) only needs this: it may describe arrays larger than Ramp
/// allocates, which are refused when they are built (`allocatableCount`).
func elementCount(_ dims: [Int]) -> Int? {
    var count = 1
    for d in dims {
        guard d >= 0 else { return nil }
        let (c, overflow) = count.multipliedReportingOverflow(by: d)
        if overflow { return nil }
        count = c
    }
    return count
}

/// The element count of an array of `dims` about to be allocated (a layer's array, a scalar
/// slope filled out, a batch's activations), or `General::nomem` when it passes Ramp's one size
/// limit (`SizeLimit`, 8 bytes an element: a value and its gradient). Every allocation whose size
/// comes from a user-given shape asks this first.
func allocatableCount(_ dims: [Int]) throws(NetFailure) -> Int {
    guard SizeLimit.allows(dimensions: dims, elementSize: SizeLimit.packedElement), let n = elementCount(dims) else {
        throw NetFailure.outOfMemory
    }
    return n
}

/// Checks that running `net` on a batch of `batch` examples stays within `SizeLimit`: every leaf
/// layer's output (the activations the forward and backward passes allocate), `General::nomem`
/// otherwise. The net must have been inferred (its output shapes known).
func checkActivations(_ net: any NetModel, batch: Int) throws(NetFailure) {
    for (_, leaf) in net.leafLayers {
        guard let layer = leaf as? any NetLayer, let shape = layer.outputShape else { continue }
        _ = try allocatableCount([batch] + shape.map { $0.size ?? 1 })
    }
}

enum Shapes {
    /// Parses a port specification: `n`, `{n1, n2, …}`, `{"Varying", n, …}`, `"Varying"`, `"Real"`.
    /// Returns nil when the form is not a shape at all; a `"Varying"` after the first dimension gives
    /// `invvardim`.
    static func parse(_ e: Expr) throws(NetFailure) -> PortShape? {
        switch e {
        case .integer(let n) where n > 0: return [.fixed(n)]
        case .string("Real"): return []
        case .string("Varying"): return [.varying]
        default: break
        }
        guard e.hasHead(Sym.List), elementCount(e.args.map { $0.int ?? 1 }) != nil else { return nil }
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

    /// The element count of a shape whose dimensions are all fixed (nil otherwise or on overflow).
    static func fixedSize(_ s: PortShape) -> Int? {
        var dims: [Int] = []
        for d in s { guard let n = d.size else { return nil }; dims.append(n) }
        return elementCount(dims)
    }

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
