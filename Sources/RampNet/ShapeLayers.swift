import RampKernel
import RampSyntax
#if canImport(Glibc)
import Glibc
#endif

/// Shared parts of the one-input layers without arrays whose behaviour is set by constructor
/// parameters (SoftmaxLayer, FlattenLayer, ReshapeLayer, SummationLayer, DropoutLayer, PartLayer):
/// ports, parts, printing, equality. A subclass gives its head, its output shape, forward and
/// backward, and how to copy itself for another input shape.
public class ParameterLayer: NetLayer, @unchecked Sendable {
    /// The constructor's positional parameters as given (InputForm and `NetExtract[layer, "Parameters"]`).
    let parameters: [Expr]
    public let inputShape: PortShape?

    init(parameters: [Expr], inputShape: PortShape?) {
        self.parameters = parameters
        self.inputShape = inputShape
    }

    public var head: Symbol { fatalError("subclass") }
    /// The output shape for an input shape (throws when the input does not fit).
    func outputShape(for input: PortShape) throws(NetFailure) -> PortShape { input }
    func copy(inputShape: PortShape?) -> ParameterLayer { fatalError("subclass") }
    public func forward(_ x: Tensor) -> Tensor { x }
    public func backward(input x: Tensor, output y: Tensor, gradient dy: Tensor) -> (input: Tensor, arrays: [Tensor]) {
        (Tensor(shape: x.shape, data: dy.data), [])
    }

    public var outputShape: PortShape? { inputShape.flatMap { try? outputShape(for: $0) } }
    public var arraySlots: [NetArraySlot] { [] }
    public var isInitialized: Bool { true }
    public func inferred(input shape: PortShape) throws(NetFailure) -> any NetLayer {
        if let own = inputShape, !(own.count == shape.count && zip(own, shape).allSatisfy { $0 == .varying || $0 == $1 }) {
            throw NetFailure("invindata1", text("port \"Input\""), text(Shapes.phrase(shape)), text(Shapes.phrase(own)))
        }
        _ = try outputShape(for: shape)
        return copy(inputShape: shape)
    }
    public func initialized(overwrite: Bool, random: inout NetRandom) throws(NetFailure) -> any NetModel { self }
    public func deinitialized() -> any NetModel { self }
    public func withArrayValues(_ values: [Tensor]) -> any NetLayer { self }
    public var partNames: [Expr] { ["Input", "Output"] }
    public func extract(_ name: Expr) -> Expr? {
        switch name {
        case "Input": return Shapes.userForm(inputShape)
        case "Output": return Shapes.userForm(outputShape)
        default: return nil
        }
    }
    public func replacing(_ path: [Expr], with value: Expr) throws(NetFailure) -> any NetModel {
        guard path.count == 1, path[0] == "Input" else { throw NetFailure("netnopart", .list(path)) }
        guard let s = try Shapes.parse(value) else { throw NetFailure("invportshape", value, text("port \"Input\""), text("an array")) }
        return try inferred(input: s)
    }
    public var inputForm: Expr {
        var args = parameters
        if let s = inputShape { args.append(.call(Sym.Rule, "Input", Shapes.userForm(s))) }
        return .call(head, args)
    }
    public var summary: String {
        let p = parameters.isEmpty ? "" : "Parameters: " + parameters.map { OutputForm.format($0) }.joined(separator: ", ") + " | "
        return "\(head.name)[\(p)Input: \(Shapes.describe(inputShape)) | Output: \(Shapes.describe(outputShape))]"
    }
    public func isSame(as other: any NativeObject) -> Bool {
        guard let o = other as? ParameterLayer, o.head === head else { return false }
        return o.parameters == parameters && o.inputShape == inputShape
    }

    /// This layer inferred for `input` when it is given (the constructor's "Input" option).
    func fitted(to input: PortShape?) throws(NetFailure) -> ParameterLayer {
        guard let input else { return self }
        _ = try outputShape(for: input)
        return copy(inputShape: input)
    }

    /// Splits a constructor's arguments into positional parameters and the "Input" option.
    static func split(_ args: [Expr], head: String, maxParameters: Int) throws(NetFailure) -> ([Expr], PortShape?) {
        var params: [Expr] = []
        var input: PortShape? = nil
        for a in args {
            if a.hasHead(Sym.Rule), a.args.count == 2 {
                switch a.args[0] {
                case "Input":
                    guard let s = try Shapes.parse(a.args[1]) else { throw NetFailure("invportshape", a.args[1], text("port \"Input\""), text("an array")) }
                    input = s
                case "Output": continue
                case .string(let name): throw NetFailure("netunkparam", quoted(name), text(head), text(allowedList(["\"Input\"", "\"Output\""])))
                default: throw NetFailure("netinvrule", a, text(head))
                }
            } else {
                params.append(a)
            }
        }
        guard params.count <= maxParameters else {
            throw NetFailure("argcnterr", text("\(head) provided with \(params.count) parameters; at most \(maxParameters) expected."))
        }
        return (params, input)
    }

    /// Every dimension known, else the failure for a layer that needs them.
    static func known(_ shape: PortShape, _ head: String) throws(NetFailure) -> [Int] {
        var dims: [Int] = []
        for d in shape {
            guard let n = d.size else { throw NetFailure("invportshape", Shapes.userForm(shape), text("port \"Input\" of \(head)"), text("an array of fixed size")) }
            dims.append(n)
        }
        return dims
    }
}

/// `SoftmaxLayer[]` (= `SoftmaxLayer[-1]`): exp(x) / Σ exp(x) over the last dimension (a vector:
/// all of it); `SoftmaxLayer[n]` over dimension n of an example (negative n counts from the end).
final class SoftmaxLayer: ParameterLayer, @unchecked Sendable {
    override var head: Symbol { Symbol.named("SoftmaxLayer") }
    override func copy(inputShape: PortShape?) -> ParameterLayer { SoftmaxLayer(parameters: parameters, inputShape: inputShape) }
    /// The level as given (default -1).
    var level: Int { if case .integer(let n)? = parameters.first { return n } else { return -1 } }

    /// The normalised dimension's index in an example of rank `rank` (0-based), nil when out of range.
    func axis(rank: Int) -> Int? {
        let a = level > 0 ? level - 1 : rank + level
        return level != 0 && a >= 0 && a < rank ? a : nil
    }

    override func outputShape(for input: PortShape) throws(NetFailure) -> PortShape {
        guard !input.isEmpty else { throw NetFailure("invportshape", "Real", text("port \"Input\" of SoftmaxLayer"), text("an array of rank ≥ 1")) }
        guard axis(rank: input.count) != nil else {
            throw NetFailure("invportshape", Shapes.userForm(input), text("port \"Input\" of SoftmaxLayer[\(level)]"),
                             text("an array of rank ≥ \(Swift.abs(level))"))
        }
        return input
    }

    /// (count before, size, count after) of the normalised dimension in a batch tensor.
    func strides(_ shape: [Int]) -> (outer: Int, size: Int, inner: Int) {
        let a = 1 + (axis(rank: shape.count - 1) ?? (shape.count - 2))
        return (shape[..<a].reduce(1, *), shape[a], shape[(a + 1)...].reduce(1, *))
    }

    override func forward(_ x: Tensor) -> Tensor {
        let (outer, n, inner) = strides(x.shape)
        var out = x.data
        for o in 0..<outer {
            for j in 0..<inner {
                let base = o * n * inner + j
                var m = -Float.infinity
                for i in 0..<n { m = max(m, out[base + i * inner]) }
                var total: Float = 0
                for i in 0..<n { let e = expf(out[base + i * inner] - m); out[base + i * inner] = e; total += e }
                for i in 0..<n { out[base + i * inner] /= total }
            }
        }
        return Tensor(shape: x.shape, data: out)
    }
    override func backward(input x: Tensor, output y: Tensor, gradient dy: Tensor) -> (input: Tensor, arrays: [Tensor]) {
        let (outer, n, inner) = strides(x.shape)
        var dx = [Float](repeating: 0, count: x.count)
        for o in 0..<outer {
            for j in 0..<inner {
                let base = o * n * inner + j
                var dot: Float = 0
                for i in 0..<n { dot += dy.data[base + i * inner] * y.data[base + i * inner] }
                for i in 0..<n { let k = base + i * inner; dx[k] = y.data[k] * (dy.data[k] - dot) }
            }
        }
        return (Tensor(shape: x.shape, data: dx), [])
    }
    static func construct(_ args: [Expr]) throws(NetFailure) -> ParameterLayer {
        let (p, input) = try split(args, head: "SoftmaxLayer", maxParameters: 1)
        if let l = p.first {
            guard case .integer(let n) = l, n != 0 else {
                throw NetFailure("netinvparam2", l, text("the level of SoftmaxLayer"), text("a non-zero integer was expected"))
            }
        }
        return try SoftmaxLayer(parameters: p, inputShape: nil).fitted(to: input)
    }
}

/// `FlattenLayer[]` (= `FlattenLayer[Infinity]`): the input as a vector (its elements in order).
/// `FlattenLayer[n]` joins the first n + 1 dimensions of an example, `FlattenLayer[-n]` the last
/// n + 1; the input must have rank greater than n.
final class FlattenLayer: ParameterLayer, @unchecked Sendable {
    override var head: Symbol { Symbol.named("FlattenLayer") }
    override func copy(inputShape: PortShape?) -> ParameterLayer { FlattenLayer(parameters: parameters, inputShape: inputShape) }
    /// The level as given; nil for all of them.
    var level: Int? { if case .integer(let n)? = parameters.first { return n } else { return nil } }

    override func outputShape(for input: PortShape) throws(NetFailure) -> PortShape {
        let dims = try Self.known(input, "FlattenLayer")
        guard let n = level else { return [.fixed(saturatingProduct(dims))] }
        guard dims.count > Swift.abs(n) else {
            throw NetFailure("invportshape", Shapes.userForm(input), text("port \"Input\" of FlattenLayer[\(n)]"),
                             text("an array of rank > \(Swift.abs(n))"))
        }
        let joined = n >= 0 ? 0...n : (dims.count + n - 1)...(dims.count - 1)
        var out: [Int] = Array(dims[..<joined.lowerBound])
        out.append(saturatingProduct(Array(dims[joined])))
        out += dims[(joined.upperBound + 1)...]
        return out.map { .fixed($0) }
    }
    override func forward(_ x: Tensor) -> Tensor {
        guard let out = try? outputShape(for: x.shape.dropFirst().map { .fixed($0) }) else { return x }
        return Tensor(shape: [x.shape[0]] + out.compactMap { $0.size }, data: x.data)
    }
    static func construct(_ args: [Expr]) throws(NetFailure) -> ParameterLayer {
        let (p, input) = try split(args, head: "FlattenLayer", maxParameters: 1)
        if let l = p.first {
            guard l == .symbol(Sym.Infinity) || l.hasHead(Sym.DirectedInfinity) || l.int != nil else {
                throw NetFailure("netinvparam2", l, text("the level of FlattenLayer"), text("an integer or Infinity was expected"))
            }
        }
        return try FlattenLayer(parameters: p, inputShape: nil).fitted(to: input)
    }
}

/// `ReshapeLayer[{d1, d2, …}]`: the input's elements laid out in those dimensions (one may be
/// `Automatic`, computed from the count).
final class ReshapeLayer: ParameterLayer, @unchecked Sendable {
    override var head: Symbol { Symbol.named("ReshapeLayer") }
    override func copy(inputShape: PortShape?) -> ParameterLayer { ReshapeLayer(parameters: parameters, inputShape: inputShape) }
    override func outputShape(for input: PortShape) throws(NetFailure) -> PortShape {
        let count = try Self.known(input, "ReshapeLayer").reduce(1, *)
        let spec = parameters[0].args
        let known = spec.compactMap { e -> Int? in if case .integer(let n) = e { return n } else { return nil } }
        let product = saturatingProduct(known)
        var dims: [Int] = []
        for e in spec {
            if case .integer(let n) = e { dims.append(n) } else { dims.append(product > 0 ? count / product : 0) }
        }
        guard saturatingProduct(dims) == count else {
            throw NetFailure("netinconsdims", text("ReshapeLayer cannot lay out \(count) elements as \(OutputForm.format(parameters[0]))."))
        }
        return Shapes.fixed(dims)
    }
    override func forward(_ x: Tensor) -> Tensor {
        let dims = (try? outputShape(for: Shapes.fixed(Array(x.shape.dropFirst())))).map { $0.map { $0.size ?? 1 } } ?? []
        return Tensor(shape: [x.shape[0]] + dims, data: x.data)
    }
    static func construct(_ args: [Expr]) throws(NetFailure) -> ParameterLayer {
        let (p, input) = try split(args, head: "ReshapeLayer", maxParameters: 1)
        guard let spec = p.first, spec.hasHead(Sym.List), !spec.args.isEmpty,
              spec.args.allSatisfy({ if case .integer(let n) = $0 { return n > 0 } else { return $0 == .automatic } }),
              spec.args.filter({ $0 == .automatic }).count <= 1 else {
            throw NetFailure("netinvparam2", p.first ?? .list([]), text("the dimensions"), text("a list of positive integers (one may be Automatic) was expected"))
        }
        return try ReshapeLayer(parameters: [spec], inputShape: nil).fitted(to: input)
    }
}

/// `SummationLayer[]`: the sum of every element of the input (a real number).
final class SummationLayer: ParameterLayer, @unchecked Sendable {
    override var head: Symbol { Symbol.named("SummationLayer") }
    override func copy(inputShape: PortShape?) -> ParameterLayer { SummationLayer(parameters: parameters, inputShape: inputShape) }
    override func outputShape(for input: PortShape) throws(NetFailure) -> PortShape { [] }
    override func forward(_ x: Tensor) -> Tensor {
        let batch = x.shape[0], n = x.count / max(batch, 1)
        var out = [Float](repeating: 0, count: batch)
        for b in 0..<batch { var s: Float = 0; for i in 0..<n { s += x.data[b * n + i] }; out[b] = s }
        return Tensor(shape: [batch], data: out)
    }
    override func backward(input x: Tensor, output y: Tensor, gradient dy: Tensor) -> (input: Tensor, arrays: [Tensor]) {
        let batch = x.shape[0], n = x.count / max(batch, 1)
        var dx = [Float](repeating: 0, count: x.count)
        for b in 0..<batch { for i in 0..<n { dx[b * n + i] = dy.data[b] } }
        return (Tensor(shape: x.shape, data: dx), [])
    }
    static func construct(_ args: [Expr]) throws(NetFailure) -> ParameterLayer {
        let (p, input) = try split(args, head: "SummationLayer", maxParameters: 0)
        return try SummationLayer(parameters: p, inputShape: nil).fitted(to: input)
    }
}

/// `DropoutLayer[p]`: in training, Wolfram zeroes elements with probability p; Ramp's NetTrain
/// does not drop yet, so the layer passes its input through in training and evaluation alike.
final class DropoutLayer: ParameterLayer, @unchecked Sendable {
    override var head: Symbol { Symbol.named("DropoutLayer") }
    override func copy(inputShape: PortShape?) -> ParameterLayer { DropoutLayer(parameters: parameters, inputShape: inputShape) }
    static func construct(_ args: [Expr]) throws(NetFailure) -> ParameterLayer {
        let (p, input) = try split(args, head: "DropoutLayer", maxParameters: 1)
        if let q = p.first {
            let v: Double? = { switch q { case .integer(let i): return Double(i); case .real(let r): return r; default: return nil } }()
            guard let v, v >= 0, v < 1 else { throw NetFailure("netinvparam2", q, text("the dropout probability"), text("a number between 0 and 1 was expected")) }
        }
        return try DropoutLayer(parameters: p, inputShape: nil).fitted(to: input)
    }
}

/// `PartLayer[i]` or `PartLayer[m ;; n]`: part i (negative from the end) or parts m through n of
/// the input's first dimension.
final class PartLayer: ParameterLayer, @unchecked Sendable {
    override var head: Symbol { Symbol.named("PartLayer") }
    override func copy(inputShape: PortShape?) -> ParameterLayer { PartLayer(parameters: parameters, inputShape: inputShape) }

    /// The first and last index (0-based, inclusive) and whether the first dimension stays.
    func range(_ n: Int) -> (Int, Int, Bool)? {
        func fix(_ k: Int) -> Int? { let v = k > 0 ? k - 1 : n + k; return v >= 0 && v < n ? v : nil }
        let p = parameters[0]
        if case .integer(let k) = p { return fix(k).map { ($0, $0, false) } }
        if p.hasHead(Sym.Span), p.args.count == 2 {
            let a = p.args[0] == .symbol(Sym.All) ? 1 : p.args[0].int ?? 0
            let b = p.args[1] == .symbol(Sym.All) ? -1 : p.args[1].int ?? 0
            guard let x = fix(a), let y = fix(b), x <= y else { return nil }
            return (x, y, true)
        }
        return nil
    }

    override func outputShape(for input: PortShape) throws(NetFailure) -> PortShape {
        guard let first = input.first?.size, let (a, b, keeps) = range(first) else {
            throw NetFailure("netinvparam2", parameters[0], text("the part"), text("a part of an input of dimensions \(OutputForm.format(Shapes.userForm(input))) was expected"))
        }
        return keeps ? [.fixed(b - a + 1)] + input.dropFirst() : Array(input.dropFirst())
    }
    override func forward(_ x: Tensor) -> Tensor {
        let batch = x.shape[0], first = x.shape[1], inner = x.shape.dropFirst(2).reduce(1, *)
        guard let (a, b, keeps) = range(first) else { return x }
        let width = (b - a + 1) * inner
        var out = [Float](repeating: 0, count: batch * width)
        for e in 0..<batch { for i in 0..<width { out[e * width + i] = x.data[e * first * inner + a * inner + i] } }
        return Tensor(shape: [batch] + (keeps ? [b - a + 1] : []) + Array(x.shape.dropFirst(2)), data: out)
    }
    override func backward(input x: Tensor, output y: Tensor, gradient dy: Tensor) -> (input: Tensor, arrays: [Tensor]) {
        let batch = x.shape[0], first = x.shape[1], inner = x.shape.dropFirst(2).reduce(1, *)
        var dx = [Float](repeating: 0, count: x.count)
        guard let (a, b, _) = range(first) else { return (Tensor(shape: x.shape, data: dx), []) }
        let width = (b - a + 1) * inner
        for e in 0..<batch { for i in 0..<width { dx[e * first * inner + a * inner + i] = dy.data[e * width + i] } }
        return (Tensor(shape: x.shape, data: dx), [])
    }
    static func construct(_ args: [Expr]) throws(NetFailure) -> ParameterLayer {
        let (p, input) = try split(args, head: "PartLayer", maxParameters: 1)
        guard let spec = p.first, spec.int != nil || spec.hasHead(Sym.Span) else {
            throw NetFailure("netinvparam2", p.first ?? .list([]), text("the part"), text("an integer or a span m ;; n was expected"))
        }
        return try PartLayer(parameters: [spec], inputShape: nil).fitted(to: input)
    }
}

