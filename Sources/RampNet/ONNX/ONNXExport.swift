import RampKernel
import RampSyntax

/// Why a net cannot be written as ONNX (the text of `Export::onnx`).
struct ONNXFailure: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// Writes Ramp nets as ONNX models (IR version 8, opset 17): ParametricRampLayer as `PRelu`,
/// LinearLayer as `Gemm` (with `Flatten`/`Reshape` around it for non-vector shapes),
/// ElementwiseLayer as the ONNX operator of a named function or a subgraph of `Add`, `Mul`, `Pow`,
/// … for a pure function, NetChain as the sequence of its layers. The batch dimension is the
/// symbolic `"batch"`; the graph's input and output are named after the net's ports.
enum ONNXExport {
    static let opsetVersion: Int64 = 17
    static let irVersion: Int64 = 8

    /// The ONNX model of `net` (initialized, with a known input shape).
    static func model(_ net: any NetModel, producerVersion: String) throws(ONNXFailure) -> Onnx_ModelProto {
        guard let layer = net as? any NetLayer else { throw ONNXFailure("only nets with one input and one output port can be exported") }
        if let missing = net.firstUninitializedArray {
            throw ONNXFailure("the array \(OutputForm.format(.list(missing.path))) is not initialized (use NetInitialize)")
        }
        guard let inputShape = layer.inputShape else { throw ONNXFailure("the input shape is not known (give \"Input\" -> shape)") }
        var builder = ONNXGraphBuilder()
        let (output, outputShape) = try emit(layer, input: "Input", shape: inputShape, path: "", into: &builder)
        // The graph's output is always called "Output": rename the last node's output.
        builder.renameOutput(output, to: "Output", ifInput: "Input")
        builder.graph.name = "RampNet"
        builder.graph.input = [valueInfo("Input", inputShape)]
        builder.graph.output = [valueInfo("Output", outputShape)]
        var model = Onnx_ModelProto()
        model.irVersion = irVersion
        model.producerName = "Ramp"
        model.producerVersion = producerVersion
        var opset = Onnx_OperatorSetIdProto()
        opset.version = opsetVersion
        model.opsetImport = [opset]
        model.graph = builder.graph
        return model
    }

    /// A tensor type with the batch dimension first.
    static func valueInfo(_ name: String, _ shape: PortShape) -> Onnx_ValueInfoProto {
        var tensor = Onnx_TypeProto.Tensor()
        tensor.elemType = Int32(Onnx_TensorProto.DataType.float.rawValue)
        var dims: [Onnx_TensorShapeProto.Dimension] = []
        var batch = Onnx_TensorShapeProto.Dimension()
        batch.dimParam = "batch"
        dims.append(batch)
        for (i, d) in shape.enumerated() {
            var dim = Onnx_TensorShapeProto.Dimension()
            switch d {
            case .fixed(let n): dim.dimValue = Int64(n)
            case .varying: dim.dimParam = "n\(i + 1)"
            }
            dims.append(dim)
        }
        tensor.shape.dim = dims
        var info = Onnx_ValueInfoProto()
        info.name = name
        info.type.tensorType = tensor
        return info
    }

    /// Emits the nodes of `layer` reading `input` (of per-example `shape`); returns the output's
    /// name and per-example shape.
    static func emit(_ layer: any NetLayer, input: String, shape: PortShape, path: String,
                     into b: inout ONNXGraphBuilder) throws(ONNXFailure) -> (String, PortShape) {
        switch layer {
        case let chain as NetChain:
            var current = input, currentShape = shape
            for (i, l) in chain.layers.enumerated() {
                let name = chain.names?[i] ?? String(i + 1)
                (current, currentShape) = try emit(l, input: current, shape: currentShape, path: path.isEmpty ? name : path + "/" + name, into: &b)
            }
            return (current, currentShape)
        case let graph as NetGraph:
            return try emitGraph(graph, input: input, shape: shape, path: path, into: &b)
        case let prelu as ParametricRampLayer:
            return (try emitPRelu(prelu, input: input, shape: shape, path: path, into: &b), shape)
        case let linear as LinearLayer:
            return try emitLinear(linear, input: input, shape: shape, path: path, into: &b)
        case let elementwise as ElementwiseLayer:
            let out = try emitFunction(elementwise.function, x: input, path: path.isEmpty ? "Elementwise" : path, into: &b)
            // The identity function: an explicit node keeps input and output names apart.
            return (out == input ? b.node("Identity", [input], name: path) : out, shape)
        case let softmax as SoftmaxLayer:
            // Example dimension n is ONNX axis n (the batch is axis 0); negative levels are the same.
            return (b.node("Softmax", [input], attributes: [ONNXGraphBuilder.int("axis", Int64(softmax.level))], name: path), shape)
        case is DropoutLayer:
            return (b.node("Identity", [input], name: path), shape)
        case let flatten as FlattenLayer:
            guard let out = flatten.outputShape else { throw ONNXFailure("the shapes of \(path) are not known") }
            if flatten.level == nil {
                return (b.node("Flatten", [input], attributes: [ONNXGraphBuilder.int("axis", 1)], name: path), out)
            }
            let target = b.int64Initializer(path + "/Shape", [-1] + out.map { Int64($0.size ?? 1) })
            return (b.node("Reshape", [input, target], name: path), out)
        case let reshape as ReshapeLayer:
            guard let out = reshape.outputShape else { throw ONNXFailure("the shapes of \(path) are not known") }
            let target = b.int64Initializer(path + "/Shape", [-1] + out.map { Int64($0.size ?? 1) })
            return (b.node("Reshape", [input, target], name: path), out)
        case is SummationLayer:
            guard !shape.isEmpty else { return (b.node("Identity", [input], name: path), []) }
            let axes = b.int64Initializer(path + "/Axes", (1...shape.count).map(Int64.init))
            return (b.node("ReduceSum", [input, axes], attributes: [ONNXGraphBuilder.int("keepdims", 0)], name: path), [])
        case let part as PartLayer:
            guard let first = shape.first?.size, let (lo, hi, keeps) = part.range(first), let out = part.outputShape else {
                throw ONNXFailure("the shapes of \(path) are not known")
            }
            if !keeps {
                let index = b.int64Scalar(path + "/Index", Int64(lo))
                return (b.node("Gather", [input, index], attributes: [ONNXGraphBuilder.int("axis", 1)], name: path), out)
            }
            let starts = b.int64Initializer(path + "/Starts", [Int64(lo)])
            let ends = b.int64Initializer(path + "/Ends", [Int64(hi + 1)])
            let axes = b.int64Initializer(path + "/Axes", [1])
            return (b.node("Slice", [input, starts, ends, axes], name: path), out)
        case let constant as ConstantArrayOpLayer:
            guard let a = constant.arraySlots[0].value else { throw ONNXFailure("the array of \(path) is not initialized") }
            let name = b.initializer(path.isEmpty ? constant.arrayName : path + "/" + constant.arrayName, shape: a.shape, a.data)
            return (b.node(constant.kind == .times ? "Mul" : "Add", [input, name], name: path), shape)
        default:
            throw ONNXFailure("\(layer.head.name) has no ONNX form in Ramp yet")
        }
    }

    /// A graph's nodes in order; TotalLayer as `Sum`, CatenateLayer as `Concat` on axis 1.
    static func emitGraph(_ graph: NetGraph, input: String, shape: PortShape, path: String,
                          into b: inout ONNXGraphBuilder) throws(ONNXFailure) -> (String, PortShape) {
        guard graph.isSimple else { throw ONNXFailure("a NetGraph with several input or output ports has no ONNX form in Ramp yet") }
        var values = [(String, PortShape)?](repeating: nil, count: graph.nodes.count)
        func value(_ s: GraphSource) -> (String, PortShape) {
            switch s {
            case .input: return (input, shape)
            case .node(let j): return values[j]!
            }
        }
        for i in graph.order {
            let name = OutputForm.format(graph.key(i), bareStrings: true)
            let nodePath = path.isEmpty ? name : path + "/" + name
            let ins = graph.sources[i].map(value)
            switch graph.nodes[i] {
            case let layer as any NetLayer:
                values[i] = try emit(layer, input: ins[0].0, shape: ins[0].1, path: nodePath, into: &b)
            case let total as TotalLayer:
                guard let out = total.outputShape else { throw ONNXFailure("the shapes of \(nodePath) are not known") }
                values[i] = (b.node(ins.count == 1 ? "Identity" : "Sum", ins.map(\.0), name: nodePath), out)
            case let threading as ThreadingLayer:
                guard let out = threading.outputShape else { throw ONNXFailure("the shapes of \(nodePath) are not known") }
                let names = ins.map(\.0)
                let op = ["Plus": "Sum", "Times": "Mul", "Subtract": "Sub", "Divide": "Div", "Max": "Max", "Min": "Min"][threading.function]!
                if ["Sum", "Max", "Min"].contains(op) || names.count == 2 {
                    values[i] = (b.node(op, names, name: nodePath), out)
                } else {
                    var acc = names[0]
                    for n in names.dropFirst() { acc = b.node(op, [acc, n], name: nodePath) }
                    values[i] = (acc, out)
                }
            case let catenate as CatenateLayer:
                guard let out = catenate.outputShape else { throw ONNXFailure("the shapes of \(nodePath) are not known") }
                values[i] = (b.node("Concat", ins.map(\.0), attributes: [ONNXGraphBuilder.int("axis", 1)], name: nodePath), out)
            default:
                throw ONNXFailure("\(graph.nodes[i].head.name) has no ONNX form in Ramp yet")
            }
        }
        return value(graph.outputSource)
    }

    /// `PRelu(x, slope)` with the slopes laid out so that ONNX's broadcasting (aligned on the
    /// right, batch first) gives each element its slope: the example's dimensions at the chosen
    /// levels, 1 elsewhere, in the input's order (levels given as `{2, 1}` are transposed).
    static func emitPRelu(_ layer: ParametricRampLayer, input: String, shape: PortShape, path: String,
                          into b: inout ONNXGraphBuilder) throws(ONNXFailure) -> String {
        guard let slopes = layer.arraySlots[0].value else { throw ONNXFailure("the slopes are not initialized") }
        guard let levels = layer.levels.resolve(rank: shape.count) else { throw ONNXFailure("the levels do not fit the input") }
        var broadcastShape = [Int](repeating: 1, count: shape.count)
        for l in levels {
            guard let n = shape[l].size else { throw ONNXFailure("slopes along a \"Varying\" dimension have no ONNX form") }
            broadcastShape[l] = n
        }
        // Slope index of each position of the broadcast shape: Σ position[level_k] · stride_k.
        let strides = rowMajorStrides(levels.map { broadcastShape[$0] })
        var levelStride = [Int](repeating: 0, count: shape.count)
        for (k, l) in levels.enumerated() { levelStride[l] = strides[k] }
        let count = broadcastShape.reduce(1, *)
        var values = [Float](repeating: 0, count: count)
        var position = [Int](repeating: 0, count: shape.count)
        for j in 0..<count {
            var index = 0
            for d in 0..<shape.count { index += position[d] * levelStride[d] }
            values[j] = slopes.data[index]
            var d = shape.count - 1
            while d >= 0 {
                position[d] += 1
                if position[d] < broadcastShape[d] { break }
                position[d] = 0
                d -= 1
            }
        }
        // A shared slope (no levels) is one number: shape [1] broadcasts to anything.
        let slopeName = b.initializer(path.isEmpty ? "Slope" : path + "/Slope", shape: shape.isEmpty || levels.isEmpty ? [1] : broadcastShape, values)
        return b.node("PRelu", [input, slopeName], name: path)
    }

    /// `Gemm(x, W, B, transB = 1)`, flattening a non-vector input first and reshaping to the
    /// output dimensions after.
    static func emitLinear(_ layer: LinearLayer, input: String, shape: PortShape, path: String,
                           into b: inout ONNXGraphBuilder) throws(ONNXFailure) -> (String, PortShape) {
        guard let weights = layer.weights, let outDims = layer.outDims else { throw ONNXFailure("the weights are not initialized") }
        let inSize = weights.shape.last ?? 1
        let outSize = weights.count / Swift.max(inSize, 1)
        var x = input
        if shape.count != 1 {
            x = b.node("Flatten", [input], attributes: [ONNXGraphBuilder.int("axis", 1)], name: path + "/Flatten")
        }
        let prefix = path.isEmpty ? "" : path + "/"
        let w = b.initializer(prefix + "Weights", shape: [outSize, inSize], weights.data)
        var inputs = [x, w]
        if layer.hasBiases {
            guard let biases = layer.biases else { throw ONNXFailure("the biases are not initialized") }
            inputs.append(b.initializer(prefix + "Biases", shape: [outSize], biases.data))
        }
        var y = b.node("Gemm", inputs, attributes: [ONNXGraphBuilder.int("transB", 1)], name: path)
        if outDims.count != 1 {
            let target = b.int64Initializer(prefix + "OutputShape", [-1] + outDims.map(Int64.init))
            y = b.node("Reshape", [y, target], name: path + "/Reshape")
        }
        return (y, Shapes.fixed(outDims))
    }

    /// The nodes computing `f` of the tensor `x`; returns the result's name.
    static func emitFunction(_ f: ScalarFunction, x: String, path: String, into b: inout ONNXGraphBuilder) throws(ONNXFailure) -> String {
        func go(_ f: ScalarFunction) throws(ONNXFailure) -> String {
            switch f {
            case .x: return x
            case .constant(let c): return b.initializer(path + "/c", shape: [], [Float(c)])
            case .sum(let terms): return try fold("Add", terms)
            case .product(let factors): return try fold("Mul", factors)
            case .power(let base, let exponent): return b.node("Pow", [try go(base), try go(exponent)], name: path)
            case .min(let fs): return b.node("Min", try fs.map { f throws(ONNXFailure) in try go(f) }, name: path)
            case .max(let fs): return b.node("Max", try fs.map { f throws(ONNXFailure) in try go(f) }, name: path)
            case .unary(let name, let a):
                let v = try go(a)
                switch name {
                case "CubeRoot":
                    // Sign(a) |a|^(1/3): Pow of a negative base to 1/3 is NaN.
                    let third = b.initializer(path + "/c", shape: [], [Float(1.0 / 3.0)])
                    let magnitude = b.node("Pow", [b.node("Abs", [v], name: path), third], name: path)
                    return b.node("Mul", [b.node("Sign", [v], name: path), magnitude], name: path)
                case "ELU": return b.node("Elu", [v], attributes: [ONNXGraphBuilder.float("alpha", 1)], name: path)
                case "SELU":
                    return b.node("Selu", [v], attributes: [ONNXGraphBuilder.float("alpha", 1.6732632423543772),
                                                            ONNXGraphBuilder.float("gamma", 1.0507009873554805)], name: path)
                default:
                    guard let op = ONNXOperators.unary[name] else { throw ONNXFailure("\(name) has no ONNX operator") }
                    return b.node(op, [v], name: path)
                }
            }
        }
        func fold(_ op: String, _ fs: [ScalarFunction]) throws(ONNXFailure) -> String {
            guard var acc = try fs.first.map({ f throws(ONNXFailure) in try go(f) }) else {
                return b.initializer(path + "/c", shape: [], [op == "Add" ? 0 : 1])
            }
            for f in fs.dropFirst() { acc = b.node(op, [acc, try go(f)], name: path) }
            return acc
        }
        return try go(f)
    }
}

/// ONNX operators for Ramp's one-argument elementwise functions (both directions).
enum ONNXOperators {
    static let unary: [String: String] = [
        "Ramp": "Relu", "Tanh": "Tanh", "LogisticSigmoid": "Sigmoid", "Sin": "Sin", "Cos": "Cos", "Tan": "Tan",
        "Exp": "Exp", "Log": "Log", "Sqrt": "Sqrt", "Abs": "Abs", "ArcTan": "Atan", "Sinh": "Sinh", "Cosh": "Cosh",
        "Erf": "Erf", "Sign": "Sign", "Floor": "Floor", "Ceiling": "Ceil", "Round": "Round",
    ]
    static let unaryInverse: [String: String] = Dictionary(uniqueKeysWithValues: unary.map { ($1, $0) })
}

/// An ONNX graph under construction: nodes in order, initializers, unique value names.
struct ONNXGraphBuilder {
    var graph = Onnx_GraphProto()
    private var used: Set<String> = ["Input", "Output"]

    /// `base`, or `base_2`, `base_3`, … when taken.
    mutating func freshName(_ base: String) -> String {
        var name = base.isEmpty ? "v" : base
        var k = 2
        while used.contains(name) { name = "\(base)_\(k)"; k += 1 }
        used.insert(name)
        return name
    }

    /// Adds a node; returns the name of its (single) output.
    mutating func node(_ op: String, _ inputs: [String], attributes: [Onnx_AttributeProto] = [], name: String) -> String {
        var n = Onnx_NodeProto()
        n.opType = op
        n.name = freshName((name.isEmpty ? "" : name + "/") + op + "_node")
        n.input = inputs
        n.output = [freshName((name.isEmpty ? "" : name + "/") + op)]
        n.attribute = attributes
        graph.node.append(n)
        return n.output[0]
    }

    /// A float initializer (raw little-endian data); returns its name (made unique).
    mutating func initializer(_ name: String, shape: [Int], _ values: [Float]) -> String {
        var t = Onnx_TensorProto()
        t.name = used.contains(name) ? freshName(name) : { used.insert(name); return name }()
        t.dims = shape.map(Int64.init)
        t.dataType = Int32(Onnx_TensorProto.DataType.float.rawValue)
        var bytes = [UInt8]()
        bytes.reserveCapacity(values.count * 4)
        for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        t.rawData = .init(bytes)
        graph.initializer.append(t)
        return t.name
    }

    /// An int64 vector initializer; returns its name.
    mutating func int64Initializer(_ name: String, _ values: [Int64]) -> String {
        var t = Onnx_TensorProto()
        t.name = freshName(name)
        t.dims = [Int64(values.count)]
        t.dataType = Int32(Onnx_TensorProto.DataType.int64.rawValue)
        t.int64Data = values
        graph.initializer.append(t)
        return t.name
    }

    /// An int64 scalar initializer (rank 0); returns its name.
    mutating func int64Scalar(_ name: String, _ value: Int64) -> String {
        var t = Onnx_TensorProto()
        t.name = freshName(name)
        t.dataType = Int32(Onnx_TensorProto.DataType.int64.rawValue)
        t.int64Data = [value]
        graph.initializer.append(t)
        return t.name
    }

    /// Renames the value `old` (a node output) to `new` everywhere; when `old` is the graph input
    /// itself (an empty net), adds an Identity node instead.
    mutating func renameOutput(_ old: String, to new: String, ifInput input: String) {
        if old == input { _ = node("Identity", [input], name: ""); graph.node[graph.node.count - 1].output = [new]; return }
        for i in graph.node.indices {
            graph.node[i].output = graph.node[i].output.map { $0 == old ? new : $0 }
            graph.node[i].input = graph.node[i].input.map { $0 == old ? new : $0 }
        }
    }

    static func int(_ name: String, _ value: Int64) -> Onnx_AttributeProto {
        var a = Onnx_AttributeProto()
        a.name = name
        a.type = .int
        a.i = value
        return a
    }

    static func float(_ name: String, _ value: Double) -> Onnx_AttributeProto {
        var a = Onnx_AttributeProto()
        a.name = name
        a.type = .float
        a.f = Float(value)
        return a
    }
}
