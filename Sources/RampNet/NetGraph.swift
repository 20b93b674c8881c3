import RampKernel
import RampSyntax

/// Where a graph node, or one of the graph's outputs, reads from: an input port (by number) or a node.
enum GraphSource: Hashable, Sendable {
    case input(Int)
    case node(Int)
}

/// `NetGraph[{layers…}, {connections…}]` or `NetGraph[<|"name" -> layer, …|>, {…}]`: layers wired
/// as a directed acyclic graph. Connections are rules `1 -> 2`, `"a" -> "b"`, chains `1 -> 2 -> 3`,
/// several sources into a multi-input layer `{1, 2} -> 3` (in order), and the graph's ports
/// `NetPort["x"] -> 1` (an input port) and `3 -> NetPort["out"]` (an output port). A node input that
/// no rule feeds reads the port "Input"; the one node whose output feeds nothing is the port
/// "Output" unless a rule names an output. A port feeding several layers sums their gradients.
///
/// With several input ports the graph still runs as a `NetLayer` for training: its batch input is
/// then every port's example flattened and joined in port order (`packedInput`).
public final class NetGraph: NetLayer {
    /// Layers by node: each a NetLayer (one input), a MultiInputLayer, or a ConstantArrayLayer (none).
    let nodes: [any NetModel]
    /// Node names of the association form; nil for the list form (nodes are numbered).
    let names: [String]?
    /// Each node's sources, in the order of its inputs (empty for a node without inputs).
    let sources: [[GraphSource]]
    /// The input ports, in order of first mention, and their shapes as given by options.
    let inputNames: [String]
    let inputOptions: [PortShape?]
    /// The output ports and where each reads from.
    let outputNames: [String]
    let outputSources: [GraphSource]
    /// The nodes in an order where every node comes after its sources.
    let order: [Int]

    init(nodes: [any NetModel], names: [String]?, sources: [[GraphSource]], inputNames: [String], inputOptions: [PortShape?],
         outputNames: [String], outputSources: [GraphSource], order: [Int]) {
        self.nodes = nodes
        self.names = names
        self.sources = sources
        self.inputNames = inputNames
        self.inputOptions = inputOptions
        self.outputNames = outputNames
        self.outputSources = outputSources
        self.order = order
    }

    /// A graph with the ports "Input" and "Output".
    convenience init(nodes: [any NetModel], names: [String]?, sources: [[GraphSource]], outputSource: GraphSource, order: [Int], inputOption: PortShape?) {
        self.init(nodes: nodes, names: names, sources: sources, inputNames: ["Input"], inputOptions: [inputOption],
                  outputNames: ["Output"], outputSources: [outputSource], order: order)
    }

    func with(nodes: [any NetModel], inputOptions: [PortShape?]? = nil) -> NetGraph {
        NetGraph(nodes: nodes, names: names, sources: sources, inputNames: inputNames, inputOptions: inputOptions ?? self.inputOptions,
                 outputNames: outputNames, outputSources: outputSources, order: order)
    }

    public var head: Symbol { Symbol.named("NetGraph") }

    /// The first output's source (the graph's output when it has one).
    var outputSource: GraphSource { outputSources[0] }
    /// The first input port's option.
    var inputOption: PortShape? { inputOptions[0] }
    /// Whether the graph has the one input and one output a NetChain layer has.
    var isSimple: Bool { inputNames.count == 1 && outputNames.count == 1 }

    /// The shape of input port `k`: the option, or what the layers reading it were built for.
    func portShape(_ k: Int) -> PortShape? {
        if let s = inputOptions[k] { return s }
        for (i, srcs) in sources.enumerated() {
            for (j, s) in srcs.enumerated() where s == .input(k) {
                if let l = nodes[i] as? any NetLayer, let s = l.inputShape { return s }
                if let m = nodes[i] as? any MultiInputLayer, let ss = m.inputShapes, j < ss.count { return ss[j] }
            }
        }
        return nil
    }

    /// The input shape: the one port's shape; with several ports, a vector holding every port's
    /// example flattened (known when every port's shape is).
    public var inputShape: PortShape? {
        if inputNames.count == 1 { return portShape(0) }
        guard let n = packedSize else { return nil }
        return [.fixed(n)]
    }

    /// The size of every port's example joined, when all are known and fixed.
    var packedSize: Int? {
        var total = 0
        for k in inputNames.indices {
            guard let s = portShape(k), let n = Shapes.fixedSize(s) else { return nil }
            total += n
        }
        return total
    }

    public var outputShape: PortShape? { shape(of: outputSource) }

    public var inputPorts: [(name: String, shape: PortShape?)] { inputNames.indices.map { (inputNames[$0], portShape($0)) } }
    public var outputPorts: [(name: String, shape: PortShape?)] { outputNames.indices.map { (outputNames[$0], shape(of: outputSources[$0])) } }

    func shape(of source: GraphSource) -> PortShape? {
        switch source {
        case .input(let k): return portShape(k)
        case .node(let i): return Self.outputShape(nodes[i])
        }
    }

    static func outputShape(_ n: any NetModel) -> PortShape? {
        if let l = n as? any NetLayer { return l.outputShape }
        if let m = n as? any MultiInputLayer { return m.outputShape }
        return nil
    }

    func key(_ i: Int) -> Expr { names.map { .string($0[i]) } ?? .integer(i + 1) }

    func index(of key: Expr) -> Int? {
        if let names, let s = key.string { return names.firstIndex(of: s) }
        if case .integer(let k) = key, k >= 1, k <= nodes.count { return k - 1 }
        if case .integer(let k) = key, k < 0, -k <= nodes.count { return nodes.count + k }
        return nil
    }

    public var leafLayers: [(path: [Expr], layer: any NetModel)] {
        var out: [(path: [Expr], layer: any NetModel)] = []
        for (i, n) in nodes.enumerated() { for (p, l) in n.leafLayers { out.append(([key(i)] + p, l)) } }
        return out
    }

    public var arraySlots: [NetArraySlot] {
        var out: [NetArraySlot] = []
        for (i, n) in nodes.enumerated() {
            for var s in n.arraySlots { s.path = [key(i)] + s.path; out.append(s) }
        }
        return out
    }

    public var isInitialized: Bool { nodes.allSatisfy { $0.isInitialized } }
    public var firstUninitializedArray: NetArraySlot? {
        for (i, n) in nodes.enumerated() {
            if var s = n.firstUninitializedArray { s.path = [key(i)] + s.path; return s }
        }
        return nil
    }

    // MARK: Shapes

    /// The nodes with shapes inferred from the input ports' shapes along the graph.
    func inferNodes(inputs: [PortShape?]) throws(NetFailure) -> [any NetModel] {
        var out = nodes
        for i in order where !sources[i].isEmpty {
            var shapes: [PortShape] = []
            for s in sources[i] {
                switch s {
                case .input(let k): if k < inputs.count, let x = inputs[k] { shapes.append(x) }
                case .node(let j): if let x = Self.outputShape(out[j]) { shapes.append(x) }
                }
            }
            guard shapes.count == sources[i].count else { continue }  // not yet known
            if let l = out[i] as? any NetLayer {
                if l.inputShape != shapes[0] { out[i] = try l.inferred(input: shapes[0]) }
            } else if let m = out[i] as? any MultiInputLayer {
                if m.inputShapes != shapes { out[i] = try m.inferred(inputs: shapes) }
            }
        }
        return out
    }

    /// The ports' shapes as known now.
    var portShapes: [PortShape?] { inputNames.indices.map(portShape) }

    /// The graph with its nodes inferred for input ports of these shapes (nil: as known).
    func inferred(ports: [PortShape?]) throws(NetFailure) -> NetGraph {
        for (k, s) in ports.enumerated() {
            guard let s, let own = portShape(k) else { continue }
            if own != s {
                throw NetFailure("invindata1", text("port \"\(inputNames[k])\""), text(Shapes.phrase(s)), text(Shapes.phrase(own)))
            }
        }
        let merged = inputNames.indices.map { ports[$0] ?? portShape($0) }
        return with(nodes: try inferNodes(inputs: merged))
    }

    public func inferred(input shape: PortShape) throws(NetFailure) -> any NetLayer {
        if inputNames.count == 1 { return with(nodes: try inferNodes(inputs: [shape])) }
        // Several ports: the packed vector must match what the ports' shapes give.
        guard let s = inputShape, s == shape else {
            throw NetFailure("invindata1", text("port \"Input\""), text(Shapes.phrase(shape)), text(inputShape.map(Shapes.phrase) ?? "an association of ports"))
        }
        return self
    }

    public func initialized(overwrite: Bool, random: inout NetRandom) throws(NetFailure) -> any NetModel {
        var out: [any NetModel] = []
        for (i, n) in nodes.enumerated() {
            do {
                out.append(try n.initialized(overwrite: overwrite, random: &random))
            } catch {
                if error.tag == "nninit", error.slots.count == 3, let t = error.slots[2].string {
                    let where_ = names.map { "layer \"\($0[i])\"" } ?? "layer \(i + 1)"
                    throw NetFailure("nninit", error.slots[0], error.slots[1], text(t + " of " + where_))
                }
                throw error
            }
        }
        return with(nodes: out)
    }

    public func deinitialized() -> any NetModel { with(nodes: nodes.map { $0.deinitialized() }) }

    public func withArrayValues(_ values: [Tensor]) -> any NetLayer {
        var k = 0
        var out: [any NetModel] = []
        for n in nodes {
            let count = n.arraySlots.count
            if count > 0, let l = n as? any NetLayer { out.append(l.withArrayValues(Array(values[k..<(k + count)]))) } else { out.append(n) }
            k += count
        }
        return with(nodes: out)
    }

    // MARK: Parts

    public var partNames: [Expr] { (0..<nodes.count).map(key) + inputNames.map { .string($0) } + outputNames.map { .string($0) } }

    public func extract(_ name: Expr) -> Expr? {
        if let i = index(of: name) { return .native(nodes[i]) }
        if let s = name.string, let k = inputNames.firstIndex(of: s) { return Shapes.userForm(portShape(k)) }
        if let s = name.string, let k = outputNames.firstIndex(of: s) { return Shapes.userForm(shape(of: outputSources[k])) }
        return nil
    }

    public func replacing(_ path: [Expr], with value: Expr) throws(NetFailure) -> any NetModel {
        if path.count == 1, let name = path[0].string, let k = inputNames.firstIndex(of: name) {
            guard let s = try Shapes.parse(value) else { throw NetFailure("invportshape", value, text("port \"\(name)\""), text("an array")) }
            var options = inputOptions
            options[k] = s
            var ports = portShapes
            ports[k] = s
            return with(nodes: try inferNodes(inputs: ports), inputOptions: options)
        }
        guard let i = index(of: path[0]) else { throw NetFailure("netnopart", path[0]) }
        var new = nodes
        if path.count == 1 {
            guard let l = try Self.node(from: value) else {
                throw NetFailure("netinvparam2", value, text("layer \(OutputForm.format(path[0]))"), text("a layer was expected"))
            }
            guard (l is any InputlessLayer) == (nodes[i] is any InputlessLayer), (l is any NetLayer) == (nodes[i] is any NetLayer) else {
                throw NetFailure("netinvparam2", value, text("layer \(OutputForm.format(path[0]))"), text("a layer with the same number of inputs was expected"))
            }
            new[i] = l
        } else {
            new[i] = try nodes[i].replacing(Array(path.dropFirst()), with: value)
        }
        let graph = with(nodes: new)
        return with(nodes: try graph.inferNodes(inputs: graph.portShapes))
    }

    // MARK: Running

    /// Every node's output for the ports' batches `xs` (each `[batch] + the port's shape`).
    func activations(_ xs: [Tensor], batch: Int) -> [Tensor?] {
        var values = [Tensor?](repeating: nil, count: nodes.count)
        func value(_ s: GraphSource) -> Tensor {
            switch s {
            case .input(let k): return xs[k]
            case .node(let j): return values[j]!
            }
        }
        for i in order {
            if sources[i].isEmpty, let l = nodes[i] as? any NetLayer {
                values[i] = l.forward(Tensor(shape: [batch], repeating: 0))  // the batch size only
            } else if let l = nodes[i] as? any NetLayer {
                values[i] = l.forward(value(sources[i][0]))
            } else if let m = nodes[i] as? any MultiInputLayer {
                values[i] = m.forward(sources[i].map(value))
            }
        }
        return values
    }

    /// The outputs of every output port for the ports' batches `xs`.
    func forwardPorts(_ xs: [Tensor], batch: Int) -> [Tensor] {
        let values = activations(xs, batch: batch)
        return outputSources.map { s in
            switch s {
            case .input(let k): return xs[k]
            case .node(let j): return values[j]!
            }
        }
    }

    /// The packed batch (`[batch, Σ port sizes]`) split into one batch per port.
    func unpack(_ x: Tensor) -> [Tensor] {
        let batch = x.shape.first ?? 1
        let sizes = inputNames.indices.map { portShape($0).flatMap(Shapes.fixedSize) ?? 0 }
        let width = sizes.reduce(0, +)
        var start = 0
        var out: [Tensor] = []
        for (k, n) in sizes.enumerated() {
            var d = [Float](repeating: 0, count: batch * n)
            for b in 0..<batch { for i in 0..<n { d[b * n + i] = x.data[b * width + start + i] } }
            let dims = (portShape(k) ?? []).map { $0.size ?? 1 }
            out.append(Tensor(shape: [batch] + dims, data: d))
            start += n
        }
        return out
    }

    /// Port batches joined example by example (the inverse of `unpack`).
    static func pack(_ xs: [Tensor], batch: Int) -> Tensor {
        let sizes = xs.map { $0.shape.dropFirst().reduce(1, *) }
        let width = sizes.reduce(0, +)
        var d = [Float](repeating: 0, count: batch * width)
        for b in 0..<batch {
            var offset = b * width
            for (k, x) in xs.enumerated() {
                for i in 0..<sizes[k] { d[offset + i] = x.data[b * sizes[k] + i] }
                offset += sizes[k]
            }
        }
        return Tensor(shape: [batch, width], data: d)
    }

    func portBatches(_ x: Tensor) -> [Tensor] { inputNames.count == 1 ? [x] : unpack(x) }

    public func forward(_ x: Tensor) -> Tensor {
        forwardPorts(portBatches(x), batch: x.shape.first ?? 1)[0]
    }

    public func backward(input x: Tensor, output y: Tensor, gradient dy: Tensor) -> (input: Tensor, arrays: [Tensor]) {
        let xs = portBatches(x)
        let r = backwardPorts(xs, batch: x.shape.first ?? 1, gradients: [dy])
        return (inputNames.count == 1 ? r.inputs[0] : Self.pack(r.inputs, batch: x.shape.first ?? 1), r.arrays)
    }

    /// Gradients for every input port and array, given gradients for the first outputs.
    func backwardPorts(_ xs: [Tensor], batch: Int, gradients dys: [Tensor]) -> (inputs: [Tensor], arrays: [Tensor]) {
        let values = activations(xs, batch: batch)
        func value(_ s: GraphSource) -> Tensor {
            switch s {
            case .input(let k): return xs[k]
            case .node(let j): return values[j]!
            }
        }
        // Gradients of every node's output, summed over the layers it feeds.
        var outputGradients = [Tensor?](repeating: nil, count: nodes.count)
        var inputGradients = [Tensor?](repeating: nil, count: xs.count)
        func add(_ g: Tensor, to s: GraphSource) {
            switch s {
            case .input(let k): inputGradients[k] = inputGradients[k].map { Self.sum($0, g) } ?? g
            case .node(let j): outputGradients[j] = outputGradients[j].map { Self.sum($0, g) } ?? g
            }
        }
        for (s, dy) in zip(outputSources, dys) { add(dy, to: s) }
        var arrayGradients: [[Tensor]] = nodes.map { n in n.arraySlots.compactMap { s in s.dims.map { Tensor(shape: $0, repeating: 0) } } }
        for i in order.reversed() {
            guard let g = outputGradients[i] else { continue }  // feeds nothing the outputs depend on
            if let l = nodes[i] as? any NetLayer {
                let input = sources[i].isEmpty ? Tensor(shape: [batch], repeating: 0) : value(sources[i][0])
                let r = l.backward(input: input, output: values[i]!, gradient: g)
                if let s = sources[i].first { add(r.input, to: s) }
                arrayGradients[i] = r.arrays
            } else if let m = nodes[i] as? any MultiInputLayer {
                let gs = m.backward(inputs: sources[i].map(value), output: values[i]!, gradient: g)
                for (s, gi) in zip(sources[i], gs) { add(gi, to: s) }
            }
        }
        let ins = xs.indices.map { inputGradients[$0] ?? Tensor(shape: xs[$0].shape, repeating: 0) }
        return (ins, arrayGradients.flatMap { $0 })
    }

    static func sum(_ a: Tensor, _ b: Tensor) -> Tensor {
        var d = a.data
        for i in d.indices { d[i] += b.data[i] }
        return Tensor(shape: a.shape, data: d)
    }

    // MARK: Printing

    /// A source as it is written in a connection (`NetPort["x"]`, `2`, `"a"`).
    func reference(_ s: GraphSource) -> Expr {
        switch s {
        case .input(let k): return .call(Symbol.named("NetPort"), [.string(inputNames[k])])
        case .node(let j): return key(j)
        }
    }

    /// The connections as rules, in node order (`NetPort["Input"] -> 1`, `{1, 2} -> 3`, `3 -> NetPort["Output"]`).
    var connectionRules: [Expr] {
        var rules: [Expr] = []
        for i in 0..<nodes.count where !sources[i].isEmpty {
            let lhs = sources[i].count == 1 ? reference(sources[i][0]) : .list(sources[i].map(reference))
            rules.append(.call(Sym.Rule, lhs, key(i)))
        }
        for (name, s) in zip(outputNames, outputSources) {
            rules.append(.call(Sym.Rule, reference(s), .call(Symbol.named("NetPort"), [.string(name)])))
        }
        return rules
    }

    public var inputForm: Expr {
        let specs: Expr
        if let names {
            specs = .call(Sym.Association, zip(names, nodes).map { .call(Sym.Rule, .string($0), $1.inputForm) })
        } else {
            specs = .list(nodes.map { $0.inputForm })
        }
        var args = [specs, .list(connectionRules)]
        for (name, s) in zip(inputNames, inputOptions) {
            if let s { args.append(.call(Sym.Rule, .string(name), Shapes.userForm(s))) }
        }
        return .call(head, args)
    }

    /// A source's name in summaries: the port's name or the layer's key.
    func sourceName(_ s: GraphSource) -> String {
        switch s {
        case .input(let k): return inputNames[k]
        case .node(let j): return OutputForm.format(key(j), bareStrings: true)
        }
    }

    public var summary: String {
        var parts = inputNames.indices.map { "\(inputNames[$0]): " + Shapes.describe(portShape($0)) }
        for (i, n) in nodes.enumerated() {
            let from = sources[i].isEmpty ? "" : " ← " + sources[i].map(sourceName).joined(separator: ", ")
            parts.append("\(OutputForm.format(key(i), bareStrings: true)): \(n.head.name)\(from) → \(Shapes.describe(Self.outputShape(n)))")
        }
        for (name, s) in zip(outputNames, outputSources) {
            parts.append("\(name): " + Shapes.describe(shape(of: s)) + (isSimple ? "" : " ← " + sourceName(s)))
        }
        parts.append(isInitialized ? "initialized" : "uninitialized")
        return "NetGraph[" + parts.joined(separator: " | ") + "]"
    }

    public func isSame(as other: any NativeObject) -> Bool {
        guard let o = other as? NetGraph, o.names == names, o.sources == sources, o.outputSources == outputSources,
              o.outputNames == outputNames, o.inputNames == inputNames,
              o.nodes.count == nodes.count, o.inputOptions == inputOptions else { return false }
        return zip(o.nodes, nodes).allSatisfy { $0.isSame(as: $1) }
    }

    // MARK: Construction

    /// A node from a spec: a layer object, an integer (LinearLayer[n]), a function (ElementwiseLayer),
    /// a list (NetChain).
    static func node(from spec: Expr) throws(NetFailure) -> (any NetModel)? {
        if case .native(let m as any MultiInputLayer) = spec { return m }
        if case .native(let l as any InputlessLayer) = spec { return l }
        return try NetChain.layer(from: spec)
    }

    static func construct(_ args: [Expr]) throws(NetFailure) -> NetGraph {
        guard args.count >= 2 else { throw NetFailure("argcnterr", text("NetGraph needs layers and connections: NetGraph[{layers…}, {connections…}].")) }
        var names: [String]? = nil
        let specs: [Expr]
        if case .native(let a as AssociationObject) = args[0] {
            var ns: [String] = []
            var ss: [Expr] = []
            for (k, v) in a.entries {
                guard let s = k.string else { throw NetFailure("netinvparam2", k, text("a layer name"), text("a string was expected")) }
                ns.append(s)
                ss.append(v.value)
            }
            names = ns
            specs = ss
        } else if args[0].hasHead(Sym.List) {
            specs = args[0].args
        } else {
            throw NetFailure("netinvparam2", args[0], text("the layers"), text("a list or association of layers was expected"))
        }
        var nodes: [any NetModel] = []
        for s in specs {
            guard let n = try node(from: s) else {
                throw NetFailure("netinvparam2", s, text("a layer of the graph"), text("a layer was expected"))
            }
            nodes.append(n)
        }
        guard !nodes.isEmpty else { throw NetFailure("argcnterr", text("NetGraph needs at least one layer.")) }
        let wiring = try GraphWiring.read(args[1], nodeCount: nodes.count, names: names, inputless: nodes.map { $0 is any InputlessLayer })
        var options = [PortShape?](repeating: nil, count: wiring.inputNames.count)
        for rule in args.dropFirst(2) {
            guard rule.hasHead(Sym.Rule), rule.args.count == 2, let name = rule.args[0].string,
                  let k = wiring.inputNames.firstIndex(of: name) else { throw NetFailure("netinvrule", rule, text("NetGraph")) }
            guard let s = try Shapes.parse(rule.args[1]) else {
                throw NetFailure("invportshape", rule.args[1], text("port \"\(name)\""), text("an array"))
            }
            options[k] = s
        }
        var graph = NetGraph(nodes: nodes, names: names, sources: wiring.sources, inputNames: wiring.inputNames, inputOptions: options,
                             outputNames: wiring.outputNames, outputSources: wiring.outputs, order: wiring.order)
        // Node kinds must match their wiring: one source for a one-input layer.
        for (i, n) in nodes.enumerated() where n is any NetLayer && !(n is any InputlessLayer) && wiring.sources[i].count != 1 {
            throw NetFailure("netinvparam2", .list(wiring.sources[i].map(graph.reference)), text("the inputs of layer \(OutputForm.format(graph.key(i)))"),
                             text("\(n.head.name) takes one input"))
        }
        graph = graph.with(nodes: try graph.inferNodes(inputs: graph.portShapes))
        return graph
    }
}

/// A layer without an input (`ConstantArrayLayer`): a graph node no connection feeds. Its
/// `forward` reads only the batch size (the first dimension) of what it is given.
protocol InputlessLayer: NetLayer {}
