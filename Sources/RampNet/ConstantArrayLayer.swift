import RampKernel
import RampSyntax

/// `ConstantArrayLayer["Array" -> array]` / `ConstantArrayLayer["Output" -> dims]`: a layer with no
/// input whose output is a learned array (Wolfram's older name for NetArrayLayer). It is a NetGraph
/// node that no connection feeds; standalone, `layer[]` gives the array. An array not given is
/// filled by NetInitialize as a weight array (its `Method`, the last dimension as the fan-in).
public final class ConstantArrayLayer: InputlessLayer {
    /// The output's dimensions once known.
    let dims: [Int]?
    let array: Tensor?
    let learningRateMultiplier: Double?

    init(dims: [Int]?, array: Tensor?, learningRateMultiplier: Double?) {
        self.dims = dims
        self.array = array
        self.learningRateMultiplier = learningRateMultiplier
    }

    public var head: Symbol { Symbol.named("ConstantArrayLayer") }
    public var inputShape: PortShape? { nil }
    public var outputShape: PortShape? { dims.map(Shapes.fixed) }
    public var inputPorts: [(name: String, shape: PortShape?)] { [] }
    public var inputPhrase: String { "no input" }

    public var arraySlots: [NetArraySlot] {
        [NetArraySlot(path: ["Array"], value: array, dims: dims, learningRateMultiplier: learningRateMultiplier ?? 1)]
    }
    public var isInitialized: Bool { array != nil }

    /// Nothing to infer: the layer reads no input.
    public func inferred(input shape: PortShape) throws(NetFailure) -> any NetLayer { self }

    public func initialized(overwrite: Bool, random: inout NetRandom) throws(NetFailure) -> any NetModel {
        if array != nil && !overwrite { return self }
        guard let d = dims else { throw NetFailure("nninit", text("initialize"), text("array \"Array\""), text("the layer")) }
        _ = try allocatableCount(d)
        return ConstantArrayLayer(dims: d, array: random.weightInitialization.weights(d, random: &random), learningRateMultiplier: learningRateMultiplier)
    }
    public func deinitialized() -> any NetModel { ConstantArrayLayer(dims: dims, array: nil, learningRateMultiplier: learningRateMultiplier) }
    public func withArrayValues(_ values: [Tensor]) -> any NetLayer {
        ConstantArrayLayer(dims: dims, array: values[0], learningRateMultiplier: learningRateMultiplier)
    }

    public var partNames: [Expr] { ["Array", "Output"] }
    public func extract(_ name: Expr) -> Expr? {
        switch name {
        case "Array": return array.map { .native(NumericArrayObject($0)) } ?? .automatic
        case "Output": return Shapes.userForm(outputShape)
        default: return nil
        }
    }
    public func replacing(_ path: [Expr], with value: Expr) throws(NetFailure) -> any NetModel {
        guard path.count == 1 else { throw NetFailure("netnopart", .list(path)) }
        switch path[0] {
        case "Array": return try Self.construct([.call(Sym.Rule, "Array", value), .call(Sym.Rule, .symbol(Sym.LearningRateMultipliers), learningRateMultiplier.map(Expr.real) ?? .automatic)])
        case "Output":
            guard let s = try Shapes.parse(value), let d = Self.dims(s) else { throw NetFailure("invportshape", value, text("port \"Output\""), text("an array of fixed dimensions")) }
            if let a = array, a.shape != d { return ConstantArrayLayer(dims: d, array: nil, learningRateMultiplier: learningRateMultiplier) }
            return ConstantArrayLayer(dims: d, array: array, learningRateMultiplier: learningRateMultiplier)
        default: throw NetFailure("netnopart", path[0])
        }
    }

    /// The array repeated for every example of the batch (`x.shape[0]`; `x` is otherwise unread).
    public func forward(_ x: Tensor) -> Tensor {
        let batch = x.shape.first ?? 1
        guard let a = array else { return Tensor(shape: [batch], repeating: 0) }
        var out = [Float]()
        out.reserveCapacity(batch * a.count)
        for _ in 0..<batch { out += a.data }
        return Tensor(shape: [batch] + a.shape, data: out)
    }

    /// The array's gradient is the output gradient summed over the batch; the input gets none.
    public func backward(input x: Tensor, output y: Tensor, gradient dy: Tensor) -> (input: Tensor, arrays: [Tensor]) {
        guard let a = array else { return (Tensor(shape: x.shape, repeating: 0), []) }
        let n = a.count
        var g = [Float](repeating: 0, count: n)
        for i in 0..<dy.count { g[i % n] += dy.data[i] }
        return (Tensor(shape: x.shape, repeating: 0), [Tensor(shape: a.shape, data: g)])
    }

    /// `layer[]`: the array.
    public func apply(_ args: [Expr], kernel: Kernel) throws(EvaluationControl) -> Expr? {
        let data = args.filter { !NetApply.isOptionRule($0) }
        guard data.isEmpty else {
            kernel.message(head, "invargc", [.integer(data.count), .integer(0)])
            return .failed
        }
        guard let a = array else {
            notInitialized("evaluate", arraySlots[0]).issue(kernel, head)
            return .failed
        }
        return outputExpr(a, numericArray: false)
    }

    public var inputForm: Expr {
        var args: [Expr] = []
        if let a = array { args.append(.call(Sym.Rule, "Array", outputExpr(a, numericArray: false))) }
        if let r = learningRateMultiplier { args.append(.call(Sym.Rule, .symbol(Sym.LearningRateMultipliers), .real(r))) }
        if array == nil, let s = outputShape { args.append(.call(Sym.Rule, "Output", Shapes.userForm(s))) }
        return .call(head, args)
    }
    public var summary: String {
        "ConstantArrayLayer[Output: \(Shapes.describe(outputShape)) | Array: \(describeArray(dims)) | \(isInitialized ? "initialized" : "uninitialized")]"
    }
    public func isSame(as other: any NativeObject) -> Bool {
        guard let o = other as? ConstantArrayLayer else { return false }
        return o.dims == dims && o.array == array && o.learningRateMultiplier == learningRateMultiplier
    }

    static func dims(_ s: PortShape) -> [Int]? {
        var d: [Int] = []
        for x in s { guard let n = x.size else { return nil }; d.append(n) }
        return d
    }

    static func construct(_ args: [Expr]) throws(NetFailure) -> ConstantArrayLayer {
        let head = "ConstantArrayLayer"
        var dims: [Int]? = nil, array: Tensor? = nil, lr: Double? = nil
        for a in args {
            guard a.hasHead(Sym.Rule), a.args.count == 2 else {
                throw NetFailure("argcnterr", text("\(head) provided with \(args.count) parameters; 0 parameters are expected."))
            }
            let value = a.args[1]
            switch a.args[0] {
            case "Output":
                if value == .automatic { continue }
                guard let s = try Shapes.parse(value), let d = Self.dims(s) else {
                    throw NetFailure("invportshape", value, text("port \"Output\""), text("an array of fixed dimensions"))
                }
                dims = d
            case "Array":
                if value == .automatic { continue }
                guard let d = NetData.read(value), d.tensor.count > 0 else { throw NetFailure("netinvparam2", value, quoted("Array"), text("an array of real numbers was expected")) }
                array = d.tensor
            case .symbol(Sym.LearningRateMultipliers):
                lr = try ConstantArrayOpLayer.learningRateMultiplier(value)
            case .string(let other):
                throw NetFailure("netunkparam", quoted(other), text(head), text(allowedList(["\"Array\"", "\"Output\""])))
            default:
                throw NetFailure("netinvrule", a, text(head))
            }
        }
        if let a = array, let d = dims, a.shape != d {
            throw NetFailure("netinconsdims", text("The array has dimensions \(OutputForm.format(.list(a.shape.map { .integer($0) }))), the output \(OutputForm.format(.list(d.map { .integer($0) })))."))
        }
        return ConstantArrayLayer(dims: array?.shape ?? dims, array: array, learningRateMultiplier: lr)
    }
}
