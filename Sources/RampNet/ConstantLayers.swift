import RampKernel
import RampSyntax

/// `ConstantTimesLayer[]` (a learned "Scaling" array, initialized to 1) and `ConstantPlusLayer[]`
/// (learned "Biases", initialized to 0): the input times or plus an array of the input's
/// dimensions, element by element. The array can be given (`"Scaling" -> {…}`, or a number for
/// every element) and frozen with `LearningRateMultipliers -> 0`.
public final class ConstantArrayOpLayer: NetLayer {
    enum Kind: Sendable { case times, plus }
    let kind: Kind
    public let inputShape: PortShape?
    /// The array once known; a number given before the shape is known stays `scalar`.
    let array: Tensor?
    let scalar: Float?
    let learningRateMultiplier: Double?

    init(kind: Kind, inputShape: PortShape?, array: Tensor?, scalar: Float?, learningRateMultiplier: Double?) {
        self.kind = kind
        self.inputShape = inputShape
        self.array = array
        self.scalar = scalar
        self.learningRateMultiplier = learningRateMultiplier
    }

    var arrayName: String { kind == .times ? "Scaling" : "Biases" }
    public var head: Symbol { Symbol.named(kind == .times ? "ConstantTimesLayer" : "ConstantPlusLayer") }
    public var outputShape: PortShape? { inputShape }
    var dims: [Int]? { inputShape.flatMap { s in s.allSatisfy { $0.size != nil } ? s.map { $0.size! } : nil } }

    func with(inputShape: PortShape?? = nil, array: Tensor?? = nil) -> ConstantArrayOpLayer {
        ConstantArrayOpLayer(kind: kind, inputShape: inputShape ?? self.inputShape, array: array ?? self.array, scalar: scalar,
                             learningRateMultiplier: learningRateMultiplier)
    }

    public var arraySlots: [NetArraySlot] {
        let value = array ?? scalar.flatMap { v in dims.map { Tensor(shape: $0, repeating: v) } }
        return [NetArraySlot(path: [.string(arrayName)], value: value, dims: dims, learningRateMultiplier: learningRateMultiplier ?? 1)]
    }
    public var isInitialized: Bool { array != nil || scalar != nil }

    public func inferred(input shape: PortShape) throws(NetFailure) -> any NetLayer {
        if let own = inputShape, own != shape {
            throw NetFailure("invindata1", text("port \"Input\""), text(Shapes.phrase(shape)), text(Shapes.phrase(own)))
        }
        if let a = array, a.shape != shape.map({ $0.size ?? -1 }) {
            throw NetFailure("netinconsdims", text("The \(arrayName) array has dimensions \(OutputForm.format(.list(a.shape.map { .integer($0) }))), the input \(Shapes.describe(shape))."))
        }
        var layer = with(inputShape: .some(shape))
        if array == nil, let v = scalar, let d = layer.dims { layer = layer.with(array: .some(Tensor(shape: d, repeating: v))) }
        return layer
    }

    public func initialized(overwrite: Bool, random: inout NetRandom) throws(NetFailure) -> any NetModel {
        if array != nil && !overwrite { return self }
        guard let d = dims else { throw NetFailure("nninit", text("initialize"), text("array \"\(arrayName)\""), text("the layer")) }
        _ = try allocatableCount(d)
        return with(array: .some(Tensor(shape: d, repeating: kind == .times ? 1 : 0)))
    }
    public func deinitialized() -> any NetModel { ConstantArrayOpLayer(kind: kind, inputShape: inputShape, array: nil, scalar: nil, learningRateMultiplier: learningRateMultiplier) }
    public func withArrayValues(_ values: [Tensor]) -> any NetLayer { with(array: .some(values[0])) }

    public var partNames: [Expr] { [.string(arrayName), "Input", "Output"] }
    public func extract(_ name: Expr) -> Expr? {
        switch name {
        case .string(arrayName): return arraySlots[0].value.map { .native(NumericArrayObject($0)) } ?? .automatic
        case "Input": return Shapes.userForm(inputShape)
        case "Output": return Shapes.userForm(outputShape)
        default: return nil
        }
    }
    public func replacing(_ path: [Expr], with value: Expr) throws(NetFailure) -> any NetModel {
        guard path.count == 1 else { throw NetFailure("netnopart", .list(path)) }
        switch path[0] {
        case .string(arrayName):
            guard let d = NetData.read(value) else { throw NetFailure("netinvparam2", value, quoted(arrayName), text("an array of real numbers was expected")) }
            return try ConstantArrayOpLayer(kind: kind, inputShape: nil, array: d.tensor, scalar: nil, learningRateMultiplier: learningRateMultiplier)
                .inferred(input: inputShape ?? Shapes.fixed(d.tensor.shape))
        case "Input":
            guard let s = try Shapes.parse(value) else { throw NetFailure("invportshape", value, text("port \"Input\""), text("an array")) }
            return try inferred(input: s)
        default: throw NetFailure("netnopart", path[0])
        }
    }

    public func forward(_ x: Tensor) -> Tensor {
        guard let a = arraySlots[0].value else { return x }
        let n = a.count
        var out = x.data
        for i in out.indices { out[i] = kind == .times ? out[i] * a.data[i % n] : out[i] + a.data[i % n] }
        return Tensor(shape: x.shape, data: out)
    }

    public func backward(input x: Tensor, output y: Tensor, gradient dy: Tensor) -> (input: Tensor, arrays: [Tensor]) {
        guard let a = arraySlots[0].value else { return (dy, []) }
        let n = a.count
        var dx = dy.data
        var da = [Float](repeating: 0, count: n)
        for i in dx.indices {
            if kind == .times { da[i % n] += dy.data[i] * x.data[i]; dx[i] = dy.data[i] * a.data[i % n] } else { da[i % n] += dy.data[i] }
        }
        return (Tensor(shape: x.shape, data: dx), [Tensor(shape: a.shape, data: da)])
    }

    public var inputForm: Expr {
        var args: [Expr] = []
        if let a = array { args.append(.call(Sym.Rule, .string(arrayName), outputExpr(a, numericArray: false))) }
        else if let v = scalar { args.append(.call(Sym.Rule, .string(arrayName), .real(Double(v)))) }
        if let r = learningRateMultiplier { args.append(.call(Sym.Rule, .symbol(Sym.LearningRateMultipliers), .real(r))) }
        if let s = inputShape { args.append(.call(Sym.Rule, "Input", Shapes.userForm(s))) }
        return .call(head, args)
    }
    public var summary: String {
        "\(head.name)[Input: \(Shapes.describe(inputShape)) | Output: \(Shapes.describe(outputShape)) | \(isInitialized ? "initialized" : "uninitialized")]"
    }
    public func isSame(as other: any NativeObject) -> Bool {
        guard let o = other as? ConstantArrayOpLayer else { return false }
        return o.kind == kind && o.inputShape == inputShape && o.array == array && o.scalar == scalar && o.learningRateMultiplier == learningRateMultiplier
    }

    static func construct(_ kind: Kind, _ args: [Expr]) throws(NetFailure) -> ConstantArrayOpLayer {
        let head = kind == .times ? "ConstantTimesLayer" : "ConstantPlusLayer"
        let name = kind == .times ? "Scaling" : "Biases"
        var input: PortShape? = nil, array: Tensor? = nil, scalar: Float? = nil, lr: Double? = nil
        for a in args {
            guard a.hasHead(Sym.Rule), a.args.count == 2 else {
                throw NetFailure("argcnterr", text("\(head) provided with \(args.count) parameters; 0 parameters are expected."))
            }
            let value = a.args[1]
            switch a.args[0] {
            case "Input", "Output":
                guard let s = try Shapes.parse(value) else { throw NetFailure("invportshape", value, text("port \"Input\""), text("an array")) }
                input = s
            case .string(name):
                if value == .automatic { continue }
                if let v = NetData.scalar(value) { scalar = v; continue }
                guard let d = NetData.read(value) else { throw NetFailure("netinvparam2", value, quoted(name), text("an array of real numbers was expected")) }
                array = d.tensor
            case .symbol(Sym.LearningRateMultipliers):
                lr = try ConstantArrayOpLayer.learningRateMultiplier(value)
            case .string(let other):
                throw NetFailure("netunkparam", quoted(other), text(head), text(allowedList(["\"\(name)\"", "\"Input\"", "\"Output\""])))
            default:
                throw NetFailure("netinvrule", a, text(head))
            }
        }
        let layer = ConstantArrayOpLayer(kind: kind, inputShape: nil, array: array, scalar: scalar, learningRateMultiplier: lr)
        if let s = input ?? array.map({ Shapes.fixed($0.shape) }) {
            guard let inferred = try layer.inferred(input: s) as? ConstantArrayOpLayer else { return layer }
            return inferred
        }
        return layer
    }
}

extension ConstantArrayOpLayer {
    /// A constant layer's `LearningRateMultipliers -> v`: a number, `None` (0) or `Automatic`
    /// (nil); anything else is `netinvparam2`. Shared with `ConstantArrayLayer`.
    static func learningRateMultiplier(_ value: Expr) throws(NetFailure) -> Double? {
        switch value {
        case .integer(let i): return Double(i)
        case .real(let r): return r
        case .symbol(let s) where s.name == "None": return 0
        case .automatic: return nil
        default: throw NetFailure("netinvparam2", value, text("LearningRateMultipliers"), text("a number was expected"))
        }
    }
}

/// `ThreadingLayer[f]`: `f` applied element by element across its inputs, which must have one
/// shape; `f` is `Plus`, `Times`, `Subtract`, `Divide`, `Max` or `Min`.
final class ThreadingLayer: MultiInputLayer {
    let function: String
    let inputShapes: [PortShape]?
    init(function: String, inputShapes: [PortShape]?) { self.function = function; self.inputShapes = inputShapes }
    static let functions: Set<String> = ["Plus", "Times", "Subtract", "Divide", "Max", "Min"]
    var head: Symbol { Symbol.named("ThreadingLayer") }
    var outputShape: PortShape? { inputShapes?.first }
    var inputForm: Expr { .call(head, [.symbol(Symbol.named(function))]) }

    func inferred(inputs shapes: [PortShape]) throws(NetFailure) -> any MultiInputLayer {
        guard let first = shapes.first, shapes.allSatisfy({ $0 == first }) else {
            throw NetFailure("netinconsdims", text("Inputs to ThreadingLayer have different dimensions: \(shapes.map(Shapes.describe).joined(separator: ", "))."))
        }
        if (function == "Subtract" || function == "Divide") && shapes.count != 2 {
            throw NetFailure("netinconsdims", text("ThreadingLayer[\(function)] takes two inputs, not \(shapes.count)."))
        }
        return ThreadingLayer(function: function, inputShapes: shapes)
    }

    func apply(_ a: Float, _ b: Float) -> Float {
        switch function {
        case "Plus": return a + b
        case "Times": return a * b
        case "Subtract": return a - b
        case "Divide": return a / b
        case "Max": return max(a, b)
        default: return min(a, b)
        }
    }

    func forward(_ xs: [Tensor]) -> Tensor {
        var out = xs[0].data
        for x in xs.dropFirst() { for i in out.indices { out[i] = apply(out[i], x.data[i]) } }
        return Tensor(shape: xs[0].shape, data: out)
    }

    func backward(inputs xs: [Tensor], output y: Tensor, gradient dy: Tensor) -> [Tensor] {
        var grads = xs.map { [Float](repeating: 0, count: $0.count) }
        for i in 0..<dy.count {
            let g = dy.data[i]
            switch function {
            case "Plus": for k in xs.indices { grads[k][i] = g }
            case "Times":
                for k in xs.indices {
                    var p: Float = 1
                    for j in xs.indices where j != k { p *= xs[j].data[i] }
                    grads[k][i] = g * p
                }
            case "Subtract": grads[0][i] = g; grads[1][i] = -g
            case "Divide":
                let a = xs[0].data[i], b = xs[1].data[i]
                grads[0][i] = g / b; grads[1][i] = -g * a / (b * b)
            default:
                // The input that gave the max (min) gets the gradient; the first of equals.
                if let k = xs.indices.first(where: { xs[$0].data[i] == y.data[i] }) { grads[k][i] = g }
            }
        }
        return zip(xs, grads).map { Tensor(shape: $0.shape, data: $1) }
    }

    static func construct(_ args: [Expr]) throws(NetFailure) -> ThreadingLayer {
        guard args.count == 1, let f = args[0].symbol, functions.contains(f.name) else {
            throw NetFailure("netinvparam2", args.first ?? .list([]), text("the function"), text("Plus, Times, Subtract, Divide, Max or Min was expected"))
        }
        return ThreadingLayer(function: f.name, inputShapes: nil)
    }
}
