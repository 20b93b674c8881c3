import RampKernel
import RampSyntax

/// A layer with several inputs, which a NetGraph node can hold (`{1, 2} -> total`): no arrays of
/// its own. The inputs come as one list in standalone use (`TotalLayer[][{{1, 2}, {3, 4}}]`).
protocol MultiInputLayer: NetModel {
    /// The shapes of the inputs once known.
    var inputShapes: [PortShape]? { get }
    var outputShape: PortShape? { get }
    /// The layer with shapes inferred for inputs of `shapes`.
    func inferred(inputs shapes: [PortShape]) throws(NetFailure) -> any MultiInputLayer
    /// Forward pass over batches (each `[batch] + example shape`).
    func forward(_ xs: [Tensor]) -> Tensor
    /// The gradient for each input.
    func backward(inputs xs: [Tensor], output y: Tensor, gradient dy: Tensor) -> [Tensor]
}

extension MultiInputLayer {
    public var inputPorts: [(name: String, shape: PortShape?)] { [("Input", nil)] }
    public var outputPorts: [(name: String, shape: PortShape?)] { [("Output", outputShape)] }
    public var arraySlots: [NetArraySlot] { [] }
    public var isInitialized: Bool { true }
    public func initialized(overwrite: Bool, random: inout NetRandom) throws(NetFailure) -> any NetModel { self }
    public func deinitialized() -> any NetModel { self }
    public var partNames: [Expr] { ["Input", "Output"] }
    public func extract(_ name: Expr) -> Expr? {
        switch name {
        case "Input": return inputShapes.map { .list($0.map(Shapes.userForm)) } ?? .automatic
        case "Output": return Shapes.userForm(outputShape)
        default: return nil
        }
    }
    public func replacing(_ path: [Expr], with value: Expr) throws(NetFailure) -> any NetModel { throw NetFailure("netnopart", .list(path)) }
    public var inputForm: Expr { .call(head, []) }
    public var summary: String {
        let ins = inputShapes.map { $0.map(Shapes.describe).joined(separator: ", ") } ?? "arrays"
        return "\(head.name)[Inputs: \(ins) | Output: \(Shapes.describe(outputShape))]"
    }
    public func isSame(as other: any NativeObject) -> Bool {
        guard let o = other as? any MultiInputLayer, o.head === head else { return false }
        return o.inputShapes == inputShapes
    }

    /// Standalone use: the argument is a list of arrays, one example each.
    public func apply(_ args: [Expr], kernel: Kernel) throws(EvaluationControl) -> Expr? {
        guard args.count == 1, args[0].hasHead(Sym.List), !args[0].args.isEmpty else {
            NetFailure("invindata2", text("port \"Input\""), text("a list of arrays")).issue(kernel, head)
            return .failed
        }
        var inputs: [Tensor] = []
        for item in args[0].args {
            guard let d = NetData.read(item) else {
                NetFailure("invindata2", text("port \"Input\""), text("a list of arrays of real numbers")).issue(kernel, head)
                return .failed
            }
            inputs.append(Tensor(shape: [1] + d.tensor.shape, data: d.tensor.data))
        }
        do throws(NetFailure) {
            let layer = try inferred(inputs: inputs.map { Shapes.fixed(Array($0.shape.dropFirst())) })
            let y = layer.forward(inputs)
            return outputExpr(Tensor(shape: Array(y.shape.dropFirst()), data: y.data), numericArray: false)
        } catch {
            error.issue(kernel, head)
            return .failed
        }
    }
}

/// `TotalLayer[]`: the sum of its inputs, which must have one shape.
final class TotalLayer: MultiInputLayer {
    let inputShapes: [PortShape]?
    init(inputShapes: [PortShape]? = nil) { self.inputShapes = inputShapes }
    var head: Symbol { Symbol.named("TotalLayer") }
    var outputShape: PortShape? { inputShapes?.first }

    func inferred(inputs shapes: [PortShape]) throws(NetFailure) -> any MultiInputLayer {
        guard let first = shapes.first else { throw NetFailure("netinconsdims", text("TotalLayer needs at least one input.")) }
        for s in shapes.dropFirst() where s != first {
            throw NetFailure("netinconsdims", text("Inputs to TotalLayer have different dimensions: \(Shapes.describe(first)) and \(Shapes.describe(s))."))
        }
        return TotalLayer(inputShapes: shapes)
    }

    func forward(_ xs: [Tensor]) -> Tensor {
        var out = xs[0].data
        for x in xs.dropFirst() { for i in out.indices { out[i] += x.data[i] } }
        return Tensor(shape: xs[0].shape, data: out)
    }

    func backward(inputs xs: [Tensor], output y: Tensor, gradient dy: Tensor) -> [Tensor] {
        xs.map { _ in dy }
    }

    static func construct(_ args: [Expr]) throws(NetFailure) -> TotalLayer {
        guard args.isEmpty else { throw NetFailure("argcnterr", text("TotalLayer takes no arguments.")) }
        return TotalLayer()
    }
}

/// `CatenateLayer[]`: its inputs joined along their first dimension (vectors end to end); the
/// other dimensions must agree.
final class CatenateLayer: MultiInputLayer {
    let inputShapes: [PortShape]?
    init(inputShapes: [PortShape]? = nil) { self.inputShapes = inputShapes }
    var head: Symbol { Symbol.named("CatenateLayer") }
    var outputShape: PortShape? {
        guard let shapes = inputShapes, let first = shapes.first else { return nil }
        let total = shapes.reduce(0) { $0 + ($1.first?.size ?? 0) }
        return [.fixed(total)] + first.dropFirst()
    }

    func inferred(inputs shapes: [PortShape]) throws(NetFailure) -> any MultiInputLayer {
        guard let first = shapes.first else { throw NetFailure("netinconsdims", text("CatenateLayer needs at least one input.")) }
        for s in shapes {
            guard !s.isEmpty, s.first?.size != nil, Array(s.dropFirst()) == Array(first.dropFirst()) else {
                throw NetFailure("netinconsdims", text("Inputs to CatenateLayer cannot be joined: \(shapes.map(Shapes.describe).joined(separator: ", "))."))
            }
        }
        return CatenateLayer(inputShapes: shapes)
    }

    /// Each input's block of every example: its first dimension times the rest.
    private func blockSizes(_ xs: [Tensor]) -> [Int] {
        xs.map { $0.shape.dropFirst().reduce(1, *) }
    }

    func forward(_ xs: [Tensor]) -> Tensor {
        let batch = xs[0].shape[0]
        let blocks = blockSizes(xs)
        let width = blocks.reduce(0, +)
        var out = [Float](repeating: 0, count: batch * width)
        for b in 0..<batch {
            var offset = b * width
            for (k, x) in xs.enumerated() {
                let n = blocks[k]
                for i in 0..<n { out[offset + i] = x.data[b * n + i] }
                offset += n
            }
        }
        let shape = [batch, xs.reduce(0) { $0 + $1.shape[1] }] + xs[0].shape.dropFirst(2)
        return Tensor(shape: shape, data: out)
    }

    func backward(inputs xs: [Tensor], output y: Tensor, gradient dy: Tensor) -> [Tensor] {
        let batch = xs[0].shape[0]
        let blocks = blockSizes(xs)
        let width = blocks.reduce(0, +)
        var start = 0
        var grads: [Tensor] = []
        for (k, x) in xs.enumerated() {
            let n = blocks[k]
            var g = [Float](repeating: 0, count: batch * n)
            for b in 0..<batch { for i in 0..<n { g[b * n + i] = dy.data[b * width + start + i] } }
            grads.append(Tensor(shape: x.shape, data: g))
            start += n
        }
        return grads
    }

    static func construct(_ args: [Expr]) throws(NetFailure) -> CatenateLayer {
        guard args.isEmpty else { throw NetFailure("argcnterr", text("CatenateLayer takes no arguments (only level 1 is supported).")) }
        return CatenateLayer()
    }
}
