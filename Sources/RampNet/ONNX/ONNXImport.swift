import RampKernel
import RampSyntax

/// Reads ONNX models into Ramp nets. The graph must be a chain (each node reads the previous
/// node's output and constant initializers) of the operators Ramp exports — `PRelu`, `Gemm`,
/// `MatMul` (+ `Add`), `Flatten`/`Reshape` around them, and elementwise operators (`Relu`, `Tanh`,
/// `Sigmoid`, `Add`, `Mul`, `Pow`, …, folded into one ElementwiseLayer per run) — and gives a
/// NetChain. Anything else is a failure naming what is missing.
enum ONNXImport {
    /// Why a model cannot be read: `op` names an unsupported operator (`Import::onnxop`), otherwise
    /// `message` says what is wrong (`Import::onnx`).
    struct Failure: Error {
        var op: String? = nil
        var message: String
    }

    /// The model in `bytes`, parsed.
    static func parse(_ bytes: [UInt8]) throws(Failure) -> Onnx_ModelProto {
        let model: Onnx_ModelProto
        do {
            model = try Onnx_ModelProto(serializedBytes: bytes)
        } catch {
            throw Failure(message: "the file is not an ONNX model (\(error))")
        }
        // Protobuf reads many byte strings as messages of unknown fields: a model has a version
        // and a graph.
        guard model.irVersion > 0, model.hasGraph else { throw Failure(message: "the file is not an ONNX model (no IR version or graph)") }
        return model
    }

    /// The net of a parsed model: a NetChain when the layers form a chain, else a NetGraph.
    static func net(_ model: Onnx_ModelProto) throws(Failure) -> any NetLayer {
        let graph = model.graph
        var constants: [String: Onnx_TensorProto] = [:]
        for t in graph.initializer { constants[t.name] = t }
        // Every node names its output (a malformed file may not): later reads rely on it.
        for node in graph.node where node.output.first?.isEmpty ?? true {
            throw Failure(message: "the node \(node.name) (\(node.opType)) has no output")
        }
        for node in graph.node where node.opType == "Constant" {
            guard node.output.count == 1, let a = node.attribute.first(where: { $0.name == "value" }), a.hasT else {
                throw Failure(op: "Constant", message: "a Constant node without a tensor value")
            }
            constants[node.output[0]] = a.t
        }
        let inputs = graph.input.filter { constants[$0.name] == nil }
        guard inputs.count == 1 else { throw Failure(message: "the graph has \(inputs.count) inputs; Ramp reads nets with one") }
        guard graph.output.count == 1 else { throw Failure(message: "the graph has \(graph.output.count) outputs; Ramp reads nets with one") }
        let inputShape = try portShape(inputs[0])
        // Elementwise nodes of numbers only (an exporter's `-1 * 2`) are folded into numbers.
        var nodes: [Onnx_NodeProto] = []
        for node in graph.node where node.opType != "Constant" {
            if ElementwiseReader.operators.contains(node.opType), node.output.count == 1, !node.input.isEmpty,
               node.input.allSatisfy({ constants[$0].map { $0.elementCount == 1 } ?? false }) {
                var folder = ElementwiseReader(constants: constants, values: [:])
                let out = try folder.add(node)
                var t = Onnx_TensorProto()
                t.name = out
                t.dataType = Int32(Onnx_TensorProto.DataType.float.rawValue)
                t.floatData = [Float(folder.values[out]!.evaluate(0).0)]
                constants[out] = t
                continue
            }
            nodes.append(node)
        }
        var reader = GraphReader(constants: constants, nodes: nodes, input: inputs[0].name, inputShape: inputShape)
        try reader.readAll()
        guard let output = reader.values[graph.output[0].name] else {
            throw Failure(message: "the graph's output \(graph.output[0].name) is not computed from its input")
        }
        return reader.net(output: output.source, inputShape: inputShape)
    }

    /// The per-example shape of a graph input: its dimensions after the first (the batch); a
    /// symbolic dimension is `"Varying"` only in first position, as Ramp allows.
    static func portShape(_ info: Onnx_ValueInfoProto) throws(Failure) -> PortShape {
        guard info.type.tensorType.elemType == Int32(Onnx_TensorProto.DataType.float.rawValue)
                || info.type.tensorType.elemType == Int32(Onnx_TensorProto.DataType.double.rawValue) else {
            throw Failure(message: "the input \(info.name) is not a tensor of real numbers")
        }
        let dims = info.type.tensorType.shape.dim
        guard !dims.isEmpty else { throw Failure(message: "the input \(info.name) has no batch dimension") }
        var shape: PortShape = []
        for (k, d) in dims.dropFirst().enumerated() {
            switch d.value {
            case .dimValue(let n) where n > 0 && n < Int64(Int32.max): shape.append(.fixed(Int(n)))
            case .dimParam where k == 0, .none where k == 0: shape.append(.varying)
            default: throw Failure(message: "the input \(info.name) has a dynamic dimension Ramp cannot represent (only the first may vary)")
            }
        }
        return shape
    }

    /// The numbers of a float or double tensor, with its dimensions; the size is checked against
    /// the data before anything is allocated.
    static func floats(_ t: Onnx_TensorProto) throws(Failure) -> (shape: [Int], values: [Float]) {
        var shape: [Int] = []
        var count = 1
        for d in t.dims {
            guard d >= 0, d < Int64(Int32.max) else { throw Failure(message: "the tensor \(t.name) has a bad dimension \(d)") }
            shape.append(Int(d))
            let (c, o) = count.multipliedReportingOverflow(by: Int(d))
            guard !o else { throw Failure(message: "the tensor \(t.name) is too large") }
            count = c
        }
        guard t.dataLocation != .external else { throw Failure(message: "the tensor \(t.name) is stored in an external file") }
        switch t.dataType {
        case Int32(Onnx_TensorProto.DataType.float.rawValue):
            if !t.rawData.isEmpty {
                guard t.rawData.count == count * 4 else { throw Failure(message: "the tensor \(t.name) has \(t.rawData.count) bytes for \(count) numbers") }
                let bytes = [UInt8](t.rawData)
                let values = (0..<count).map { i in
                    Float(bitPattern: UInt32(bytes[4 * i]) | UInt32(bytes[4 * i + 1]) << 8 | UInt32(bytes[4 * i + 2]) << 16 | UInt32(bytes[4 * i + 3]) << 24)
                }
                return (shape, values)
            }
            guard t.floatData.count == count else { throw Failure(message: "the tensor \(t.name) has \(t.floatData.count) numbers for \(count)") }
            return (shape, t.floatData)
        case Int32(Onnx_TensorProto.DataType.double.rawValue):
            if !t.rawData.isEmpty {
                guard t.rawData.count == count * 8 else { throw Failure(message: "the tensor \(t.name) has \(t.rawData.count) bytes for \(count) numbers") }
                let bytes = [UInt8](t.rawData)
                let values = (0..<count).map { i in
                    var bits: UInt64 = 0
                    for k in 0..<8 { bits |= UInt64(bytes[8 * i + k]) << (8 * k) }
                    return Float(Double(bitPattern: bits))
                }
                return (shape, values)
            }
            guard t.doubleData.count == count else { throw Failure(message: "the tensor \(t.name) has \(t.doubleData.count) numbers for \(count)") }
            return (shape, t.doubleData.map { Float($0) })
        default:
            throw Failure(message: "the tensor \(t.name) is not a tensor of real numbers")
        }
    }

    /// The integers of an int64 (or int32) tensor.
    static func integers(_ t: Onnx_TensorProto) throws(Failure) -> [Int64] {
        switch t.dataType {
        case Int32(Onnx_TensorProto.DataType.int64.rawValue):
            if !t.rawData.isEmpty {
                let bytes = [UInt8](t.rawData)
                guard bytes.count % 8 == 0 else { throw Failure(message: "the tensor \(t.name) has a bad size") }
                return (0..<(bytes.count / 8)).map { i in
                    var bits: UInt64 = 0
                    for k in 0..<8 { bits |= UInt64(bytes[8 * i + k]) << (8 * k) }
                    return Int64(bitPattern: bits)
                }
            }
            return t.int64Data
        case Int32(Onnx_TensorProto.DataType.int32.rawValue):
            return t.int32Data.map(Int64.init)
        default:
            throw Failure(message: "the tensor \(t.name) is not a tensor of integers")
        }
    }
}

/// Reads the nodes of an ONNX graph (in their topological order) into the layers of a Ramp graph:
/// runs of nodes with one data input become one-input layers (through ChainReader's patterns), nodes
/// joining several values become TotalLayer, ThreadingLayer or CatenateLayer.
struct GraphReader {
    let constants: [String: Onnx_TensorProto]
    let nodes: [Onnx_NodeProto]
    /// Where each ONNX value comes from in the Ramp graph, with its per-example shape.
    var values: [String: (source: GraphSource, shape: PortShape)]
    var layers: [any NetModel] = []
    var sources: [[GraphSource]] = []
    /// How many nodes read each value (a value read outside an elementwise run ends the run).
    let readers: [String: Int]

    typealias Failure = ONNXImport.Failure

    init(constants: [String: Onnx_TensorProto], nodes: [Onnx_NodeProto], input: String, inputShape: PortShape) {
        self.constants = constants
        self.nodes = nodes
        values = [input: (.input(0), inputShape)]
        var count: [String: Int] = [:]
        for n in nodes { for i in n.input { count[i, default: 0] += 1 } }
        readers = count
    }

    mutating func readAll() throws(Failure) {
        var i = 0
        while i < nodes.count {
            let next = try read(from: i)
            // Every read consumes a node (a reader that did not would loop forever).
            guard next > i else { throw Failure(message: "the node \(nodes[i].name) (\(nodes[i].opType)) has no Ramp form") }
            i = next
        }
    }

    /// Reads the layer starting at node `i`; returns the next unread index.
    mutating func read(from i: Int) throws(Failure) -> Int {
        let node = nodes[i]
        guard node.domain.isEmpty || node.domain == "ai.onnx" else { throw Failure(op: node.opType, message: "") }
        var data: [String] = []
        for name in node.input where !name.isEmpty && constants[name] == nil {
            guard values[name] != nil else {
                throw Failure(message: "the node \(node.name) (\(node.opType)) reads \(name), which is neither computed before it nor a constant")
            }
            if !data.contains(name) { data.append(name) }
        }
        guard !data.isEmpty else { throw Failure(message: "the node \(node.name) (\(node.opType)) reads only constants") }
        if data.count == 1 {
            let (source, shape) = values[data[0]]!
            var chain = ChainReader(constants: constants, current: data[0], shape: shape, readers: readers)
            let next = try chain.read(nodes, from: i)
            let layer = chain.layers[0]
            layers.append(layer)
            sources.append([source])
            values[chain.current] = (.node(layers.count - 1), chain.shape)
            return next
        }
        guard node.output.count == 1 else { throw Failure(message: "\(node.opType) with \(node.output.count) outputs") }
        let ins = node.input.filter { !$0.isEmpty }
        guard ins.allSatisfy({ values[$0] != nil }) else {
            throw Failure(message: "\(node.opType) joins arrays and constants; Ramp joins arrays only")
        }
        let layer: any MultiInputLayer
        switch node.opType {
        case "Sum", "Add": layer = TotalLayer()
        case "Mul": layer = ThreadingLayer(function: "Times", inputShapes: nil)
        case "Sub": layer = ThreadingLayer(function: "Subtract", inputShapes: nil)
        case "Div": layer = ThreadingLayer(function: "Divide", inputShapes: nil)
        case "Max": layer = ThreadingLayer(function: "Max", inputShapes: nil)
        case "Min": layer = ThreadingLayer(function: "Min", inputShapes: nil)
        case "Concat":
            guard let axis = node.attribute.first(where: { $0.name == "axis" })?.i, axis == 1 else {
                throw Failure(message: "Concat along an axis other than the first after the batch has no Ramp form")
            }
            layer = CatenateLayer()
        default: throw Failure(op: node.opType, message: "")
        }
        let inferred: any MultiInputLayer
        do { inferred = try layer.inferred(inputs: ins.map { values[$0]!.shape }) } catch {
            throw Failure(message: "the inputs of \(node.name) (\(node.opType)) have shapes Ramp cannot join")
        }
        layers.append(inferred)
        sources.append(ins.map { values[$0]!.source })
        values[node.output[0]] = (.node(layers.count - 1), inferred.outputShape ?? [])
        return i + 1
    }

    /// The layers as a NetChain when each reads the one before (the first the input, the last
    /// giving the output), else as a NetGraph.
    func net(output: GraphSource, inputShape: PortShape) -> any NetLayer {
        let isChain = output == .node(layers.count - 1) && sources.enumerated().allSatisfy { i, s in
            s == [i == 0 ? .input(0) : .node(i - 1)]
        } && layers.allSatisfy { $0 is any NetLayer }
        if isChain {
            return NetChain(layers: layers.map { $0 as! any NetLayer }, names: nil, inputOption: inputShape, outputOption: nil)
        }
        let order = Array(layers.indices)  // ONNX nodes come in topological order, and so do the layers
        return NetGraph(nodes: layers, names: nil, sources: sources, outputSource: output, order: order, inputOption: inputShape)
    }
}

/// Walks a chain of ONNX nodes, turning runs of them into Ramp layers.
struct ChainReader {
    let constants: [String: Onnx_TensorProto]
    /// The value the next layer reads, and its per-example shape.
    var current: String
    var shape: PortShape
    /// How many nodes read each value (empty: no limit).
    var readers: [String: Int] = [:]
    var layers: [any NetLayer] = []

    typealias Failure = ONNXImport.Failure

    /// Reads the layer starting at node `i`; returns the index of the next unread node.
    mutating func read(_ nodes: [Onnx_NodeProto], from i: Int) throws(Failure) -> Int {
        let node = nodes[i]
        guard node.domain.isEmpty || node.domain == "ai.onnx" else { throw Failure(op: node.opType, message: "") }
        guard node.input.contains(current) else { throw Failure(message: "the node \(node.name) (\(node.opType)) does not read the previous node's output: the graph is not a chain") }
        switch node.opType {
        case "PRelu":
            try readPRelu(node)
            return i + 1
        case "Flatten" where !(i + 1 < nodes.count && ["Gemm", "MatMul"].contains(nodes[i + 1].opType) && nodes[i + 1].input.first == node.output.first):
            if let axis = attribute(node, "axis"), axis.i != 1 { throw Failure(message: "Flatten with axis \(axis.i) has no Ramp form") }
            return try add(FlattenLayer(parameters: [], inputShape: nil), node, i)
        case "Flatten", "Gemm", "MatMul":
            return try readLinear(nodes, from: i)
        case "Softmax":
            let axis = attribute(node, "axis")?.i ?? -1
            guard axis != 0, axis >= -Int64(shape.count), axis <= Int64(shape.count) else { throw Failure(message: "Softmax along the batch axis has no Ramp form") }
            let level: [Expr] = axis == -1 || axis == Int64(shape.count) ? [] : [.integer(Int(axis))]
            return try add(SoftmaxLayer(parameters: level, inputShape: nil), node, i)
        case "Dropout":
            return try add(DropoutLayer(parameters: [], inputShape: nil), node, i)
        case "Reshape":
            let target = try ONNXImport.integers(try constant(node.arg(1)))
            guard target.count >= 2, target[0] == -1 || target[0] == 0, target.dropFirst().allSatisfy({ $0 > 0 }) else {
                throw Failure(message: "a Reshape that changes the batch dimension has no Ramp form")
            }
            return try add(ReshapeLayer(parameters: [.list(target.dropFirst().map { .integer(Int($0)) })], inputShape: nil), node, i)
        case "ReduceSum":
            if let k = attribute(node, "keepdims"), k.i != 0 { throw Failure(message: "ReduceSum keeping dimensions has no Ramp form") }
            let axes = node.input.count > 1 ? try ONNXImport.integers(try constant(node.arg(1))) : (attribute(node, "axes")?.ints ?? [])
            guard Set(axes) == Set((1...Swift.max(shape.count, 1)).map(Int64.init)) || (shape.isEmpty && axes.isEmpty) else {
                throw Failure(message: "ReduceSum over only some axes has no Ramp form")
            }
            return try add(SummationLayer(parameters: [], inputShape: nil), node, i)
        case "Gather":
            guard attribute(node, "axis")?.i == 1, let t = constants[node.arg(1)], t.dims.isEmpty,
                  let k = try ONNXImport.integers(t).first, let n = shape.first?.size, k >= -Int64(n), k < Int64(n) else {
                throw Failure(message: "Gather other than one index on the first axis has no Ramp form")
            }
            return try add(PartLayer(parameters: [.integer(Int(k) + 1)], inputShape: nil), node, i)
        case "Slice":
            guard node.input.count >= 4 else { throw Failure(message: "Slice without axes has no Ramp form") }
            let starts = try ONNXImport.integers(try constant(node.arg(1))), ends = try ONNXImport.integers(try constant(node.arg(2)))
            let axes = try ONNXImport.integers(try constant(node.arg(3)))
            let steps = node.input.count > 4 ? try ONNXImport.integers(try constant(node.arg(4))) : [1]
            guard axes == [1], steps == [1], starts.count == 1, ends.count == 1, let n = shape.first?.size else {
                throw Failure(message: "Slice other than one range of the first axis has no Ramp form")
            }
            let lo = Int(Swift.min(Swift.max(starts[0] < 0 ? starts[0] + Int64(n) : starts[0], 0), Int64(n)))
            let hi = Int(Swift.min(Swift.max(ends[0] < 0 ? ends[0] + Int64(n) : ends[0], 0), Int64(n)))
            guard hi > lo else { throw Failure(message: "an empty Slice has no Ramp form") }
            return try add(PartLayer(parameters: [.call(Sym.Span, [.integer(lo + 1), .integer(hi)])], inputShape: nil), node, i)
        case "Mul" where takesArray(node), "Add" where takesArray(node):
            let (arrayShape, values) = try ONNXImport.floats(try constant(node.input.first { constants[$0] != nil }!))
            let dims = shape.map { $0.size ?? -1 }
            guard arrayShape == dims || (arrayShape.first == 1 && Array(arrayShape.dropFirst()) == dims) else {
                throw Failure(message: "\(node.opType) with an array of dimensions \(arrayShape) on an input of \(dims) has no Ramp form")
            }
            let layer = ConstantArrayOpLayer(kind: node.opType == "Mul" ? .times : .plus, inputShape: nil,
                                             array: Tensor(shape: dims, data: values), scalar: nil, learningRateMultiplier: nil)
            return try add(layer, node, i)
        default:
            if ElementwiseReader.operators.contains(node.opType) {
                return try readElementwise(nodes, from: i)
            }
            throw Failure(op: node.opType, message: "")
        }
    }

    /// Whether a binary node combines the data with a constant array of more than one number
    /// (ConstantTimesLayer, ConstantPlusLayer) rather than a number (part of an elementwise function).
    func takesArray(_ node: Onnx_NodeProto) -> Bool {
        node.input.count == 2 && node.input.contains { constants[$0].map { $0.elementCount > 1 } ?? false }
    }

    /// Appends a one-input layer for `node` (inferred for the current shape) and moves past it.
    mutating func add(_ layer: any NetLayer, _ node: Onnx_NodeProto, _ i: Int) throws(Failure) -> Int {
        let inferred: any NetLayer
        do { inferred = try layer.inferred(input: shape) } catch { throw Failure(message: "\(node.opType) does not fit its input \(Shapes.describe(shape))") }
        layers.append(inferred)
        current = node.output[0]
        shape = inferred.outputShape ?? shape
        return i + 1
    }

    func constant(_ name: String) throws(Failure) -> Onnx_TensorProto {
        guard let t = constants[name] else { throw Failure(message: "\(name) is not a constant: the graph is not a chain") }
        return t
    }

    func attribute(_ node: Onnx_NodeProto, _ name: String) -> Onnx_AttributeProto? {
        node.attribute.first { $0.name == name }
    }

    /// `PRelu(x, slope)`: the levels are the input's dimensions where the slope (aligned on the
    /// right) is more than 1 long.
    mutating func readPRelu(_ node: Onnx_NodeProto) throws(Failure) {
        guard node.input.count == 2, node.output.count == 1 else { throw Failure(message: "PRelu needs two inputs") }
        let (slopeShape, values) = try ONNXImport.floats(try constant(node.arg(1)))
        let rank = shape.count
        guard slopeShape.count <= rank + 1 else { throw Failure(message: "the PRelu slope has more dimensions than its input") }
        // Align on the right against [batch] + shape; a slope dimension over the batch must be 1.
        let aligned = [Int](repeating: 1, count: rank + 1 - slopeShape.count) + slopeShape
        guard aligned[0] == 1 else { throw Failure(message: "the PRelu slope varies along the batch") }
        var levels: [Int] = []
        var slopeDims: [Int] = []
        for k in 0..<rank where aligned[k + 1] != 1 {
            guard shape[k].size == aligned[k + 1] else { throw Failure(message: "the PRelu slope does not fit its input") }
            levels.append(k + 1)
            slopeDims.append(aligned[k + 1])
        }
        let layer = ParametricRampLayer(levels: .list(levels), levelsGiven: true,
                                        slope: .tensor(Tensor(shape: slopeDims, data: values)), inputShape: shape)
        layers.append(layer)
        current = node.output[0]
    }

    /// `[Flatten] Gemm|MatMul [Add] [Reshape]` as one LinearLayer.
    mutating func readLinear(_ nodes: [Onnx_NodeProto], from start: Int) throws(Failure) -> Int {
        var i = start
        var value = current
        if nodes[i].opType == "Flatten" {
            if let axis = attribute(nodes[i], "axis"), axis.i != 1 { throw Failure(message: "Flatten with axis \(axis.i) has no Ramp form") }
            value = nodes[i].output[0]
            i += 1
            guard i < nodes.count, ["Gemm", "MatMul"].contains(nodes[i].opType), nodes[i].input.first == value else {
                throw Failure(op: "Flatten", message: "")
            }
        } else if shape.count != 1 {
            throw Failure(message: "\(nodes[i].opType) on an input of rank \(shape.count + 1) has no Ramp form (flatten it first)")
        }
        let inSize = shape.reduce(1) { $0 * ($1.size ?? 1) }
        let node = nodes[i]
        let (bShape, bValues) = try ONNXImport.floats(try constant(node.arg(1)))
        guard bShape.count == 2 else { throw Failure(message: "the weights of \(node.name) are not a matrix") }
        var weights: [Float]
        var outSize: Int
        var biases: [Float]? = nil
        if node.opType == "Gemm" {
            if let a = attribute(node, "transA"), a.i != 0 { throw Failure(message: "Gemm with transA has no Ramp form") }
            let transB = (attribute(node, "transB")?.i ?? 0) != 0
            let alpha = attribute(node, "alpha")?.f ?? 1, beta = attribute(node, "beta")?.f ?? 1
            (weights, outSize) = try Self.outByIn(bShape, bValues, transposed: transB, inSize: inSize)
            if alpha != 1 { weights = weights.map { $0 * alpha } }
            if node.input.count == 3 {
                let (cShape, c) = try ONNXImport.floats(try constant(node.arg(2)))
                guard c.count == outSize || c.count == 1, cShape.count <= 2 else { throw Failure(message: "the bias of \(node.name) does not fit") }
                biases = (c.count == 1 ? [Float](repeating: c[0], count: outSize) : c).map { $0 * beta }
            }
            value = node.output[0]
            i += 1
        } else {
            (weights, outSize) = try Self.outByIn(bShape, bValues, transposed: false, inSize: inSize)
            value = node.output[0]
            i += 1
            if i < nodes.count, nodes[i].opType == "Add", nodes[i].input.count == 2, nodes[i].input.contains(value),
               let other = nodes[i].input.first(where: { $0 != value }), let t = constants[other] {
                let (_, c) = try ONNXImport.floats(t)
                guard c.count == outSize || c.count == 1 else { throw Failure(message: "the bias of \(nodes[i].name) does not fit") }
                biases = c.count == 1 ? [Float](repeating: c[0], count: outSize) : c
                value = nodes[i].output[0]
                i += 1
            }
        }
        var outDims = [outSize]
        if i < nodes.count, nodes[i].opType == "Reshape", nodes[i].input.first == value, nodes[i].input.count == 2 {
            let target = try ONNXImport.integers(try constant(nodes[i].arg(1)))
            let dims = target.dropFirst().map { Int($0) }
            guard target.first == -1 || target.first == 0, dims.allSatisfy({ $0 > 0 && $0 <= outSize }), saturatingProduct(dims) == outSize else {
                throw Failure(message: "the Reshape after \(node.name) has no Ramp form")
            }
            outDims = dims
            value = nodes[i].output[0]
            i += 1
        }
        let layer = LinearLayer(outDims: outDims, outGiven: true, inputShape: shape,
                                weights: Tensor(shape: outDims + [inSize], data: weights),
                                biases: biases.map { Tensor(shape: outDims, data: $0) }, hasBiases: biases != nil, lr: nil)
        layers.append(layer)
        current = value
        shape = Shapes.fixed(outDims)
        return i
    }

    /// The weights as an out × in matrix (row-major), from ONNX's `B` ([in, out], or [out, in] when
    /// `transposed`).
    static func outByIn(_ shape: [Int], _ values: [Float], transposed: Bool, inSize: Int) throws(Failure) -> ([Float], Int) {
        let (rows, cols) = (shape[0], shape[1])
        if transposed {
            guard cols == inSize else { throw Failure(message: "the weights have \(cols) columns for \(inSize) inputs") }
            return (values, rows)
        }
        guard rows == inSize else { throw Failure(message: "the weights have \(rows) rows for \(inSize) inputs") }
        var out = [Float](repeating: 0, count: values.count)
        for r in 0..<rows { for c in 0..<cols { out[c * rows + r] = values[r * cols + c] } }
        return (out, cols)
    }

    /// A run of elementwise nodes computing one function of the current value, as one
    /// ElementwiseLayer.
    mutating func readElementwise(_ nodes: [Onnx_NodeProto], from start: Int, maxLength: Int = .max) throws(Failure) -> Int {
        var reader = ElementwiseReader(constants: constants, values: [current: .x])
        var i = start
        var last = current
        // Node reads within the run of each value computed in it: a value also read by a node
        // after the run must be the run's last (it is the layer's output).
        var readsInRun: [String: Int] = [:]
        while i < nodes.count, i - start < maxLength, ElementwiseReader.operators.contains(nodes[i].opType),
              nodes[i].input.contains(where: { reader.values[$0] != nil }),
              nodes[i].input.allSatisfy({ reader.values[$0] != nil || constants[$0].map { $0.elementCount == 1 } ?? false }) {
            for name in nodes[i].input { readsInRun[name, default: 0] += 1 }
            last = try reader.add(nodes[i])
            i += 1
        }
        guard i > start else {
            throw Failure(message: "the node \(nodes[start].name) (\(nodes[start].opType)) combines its input with an array, which an elementwise function cannot")
        }
        // Every value of the run but the last must be read only inside it; else the run is cut to
        // its first node, whose output the later readers then see.
        if !readers.isEmpty, i - start > 1,
           reader.values.keys.contains(where: { $0 != last && $0 != current && (readers[$0] ?? 0) != (readsInRun[$0] ?? 0) }) {
            return try readElementwise(nodes, from: start, maxLength: 1)
        }
        let function = reader.values[last]!
        let spec = function.specExpr
        guard let layer = ElementwiseLayer.make(spec, inputShape: shape) else {
            throw Failure(message: "the function \(OutputForm.format(spec)) has no ElementwiseLayer form")
        }
        layers.append(layer)
        current = last
        return i
    }
}

/// Folds elementwise ONNX nodes into a `ScalarFunction` of the run's input.
struct ElementwiseReader {
    static let operators: Set<String> = Set(ONNXOperators.unaryInverse.keys).union([
        "Add", "Sub", "Mul", "Div", "Pow", "Min", "Max", "Neg", "Reciprocal", "Identity", "Elu", "Selu",
    ])
    let constants: [String: Onnx_TensorProto]
    var values: [String: ScalarFunction]

    func operand(_ name: String) throws(ONNXImport.Failure) -> ScalarFunction {
        if let f = values[name] { return f }
        if let t = constants[name] {
            let (_, v) = try ONNXImport.floats(t)
            guard v.count == 1 else { throw ONNXImport.Failure(message: "\(name) is not a single number: elementwise operations take numbers") }
            return .constant(Double(v[0]))
        }
        throw ONNXImport.Failure(message: "\(name) is neither the layer's input nor a constant: the graph is not a chain")
    }

    /// Adds a node; returns its output's name.
    mutating func add(_ node: Onnx_NodeProto) throws(ONNXImport.Failure) -> String {
        let a = try node.input.map { n throws(ONNXImport.Failure) in try operand(n) }
        func two() throws(ONNXImport.Failure) -> (ScalarFunction, ScalarFunction) {
            guard a.count == 2 else { throw ONNXImport.Failure(message: "\(node.opType) needs two inputs") }
            return (a[0], a[1])
        }
        let f: ScalarFunction
        switch node.opType {
        case "Add": let (x, y) = try two(); f = .sum([x, y])
        case "Sub": let (x, y) = try two(); f = .sum([x, .product([.constant(-1), y])])
        case "Mul": let (x, y) = try two(); f = .product([x, y])
        case "Div": let (x, y) = try two(); f = .product([x, .power(y, .constant(-1))])
        case "Pow": let (x, y) = try two(); f = .power(x, y)
        case "Min": f = .min(a)
        case "Max": f = .max(a)
        case "Neg": f = .product([.constant(-1), a[0]])
        case "Reciprocal": f = .power(a[0], .constant(-1))
        case "Identity": f = a[0]
        case "Elu":
            if let alpha = node.attribute.first(where: { $0.name == "alpha" }), alpha.f != 1 {
                throw ONNXImport.Failure(message: "Elu with alpha \(alpha.f) has no Ramp form")
            }
            f = .unary("ELU", a[0])
        case "Selu": f = .unary("SELU", a[0])
        default:
            guard let name = ONNXOperators.unaryInverse[node.opType], a.count == 1 else { throw ONNXImport.Failure(op: node.opType, message: "") }
            f = .unary(name, a[0])
        }
        guard node.output.count == 1 else { throw ONNXImport.Failure(message: "\(node.opType) with \(node.output.count) outputs") }
        values[node.output[0]] = f
        return node.output[0]
    }
}

extension ScalarFunction {
    /// The function as an ElementwiseLayer spec: a symbol (`Tanh`), a named activation (`"ELU"`),
    /// or a pure function of `#`.
    var specExpr: Expr {
        if case .unary(let name, .x) = self {
            if name == "ELU" || name == "SELU" { return .string(name) }
            return .symbol(Symbol.named(name))
        }
        return .call(Sym.Function, [body])
    }

    private var body: Expr {
        switch self {
        case .x: return .call(Symbol.named("Slot"), [.integer(1)])
        case .constant(let c): return c == c.rounded() && abs(c) < 1e15 ? .integer(Int(c)) : .real(c)
        case .sum(let fs): return .call(Symbol.named("Plus"), fs.map(\.body))
        case .product(let fs): return .call(Symbol.named("Times"), fs.map(\.body))
        case .power(let a, let b): return .call(Symbol.named("Power"), [a.body, b.body])
        case .min(let fs): return .call(Symbol.named("Min"), fs.map(\.body))
        case .max(let fs): return .call(Symbol.named("Max"), fs.map(\.body))
        case .unary(let name, let a): return .call(Symbol.named(name), [a.body])
        }
    }
}

extension Onnx_NodeProto {
    /// Input `k`, or "" (no value: never a constant nor a computed value) when the node has fewer.
    func arg(_ k: Int) -> String { k < input.count ? input[k] : "" }
}

extension Onnx_TensorProto {
    /// The number of elements its dimensions give, saturating (a malformed file may give huge ones);
    /// -1 when a dimension is negative.
    var elementCount: Int64 {
        var n: Int64 = 1
        for d in dims {
            guard d >= 0 else { return -1 }
            let (m, o) = n.multipliedReportingOverflow(by: d)
            n = o ? .max : m
        }
        return n
    }
}
