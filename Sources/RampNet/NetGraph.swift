import RampKernel
import RampSyntax

/// Where a graph node, or the graph's output, reads from.
enum GraphSource: Hashable, Sendable {
    case input
    case node(Int)
}

/// `NetGraph[{layers…}, {connections…}]` or `NetGraph[<|"name" -> layer, …|>, {…}]`: layers wired
/// as a directed acyclic graph. Connections are rules `1 -> 2`, `"a" -> "b"`, chains `1 -> 2 -> 3`,
/// several sources into a multi-input layer `{1, 2} -> 3` (in order), and the ports
/// `NetPort["Input"] -> 1`, `3 -> NetPort["Output"]`. A node input that no rule feeds reads the
/// graph's "Input"; the one node whose output feeds nothing is the graph's "Output" unless a rule
/// names it. One input and one output port (several are not built yet). A port feeding several
/// layers sums their gradients in the backward pass.
public final class NetGraph: NetLayer {
    /// Layers by node: each a NetLayer (one input) or a MultiInputLayer.
    let nodes: [any NetModel]
    /// Node names of the association form; nil for the list form (nodes are numbered).
    let names: [String]?
    /// Each node's sources, in the order of its inputs.
    let sources: [[GraphSource]]
    let outputSource: GraphSource
    /// The nodes in an order where every node comes after its sources.
    let order: [Int]
    /// The "Input" option as given.
    let inputOption: PortShape?

    init(nodes: [any NetModel], names: [String]?, sources: [[GraphSource]], outputSource: GraphSource, order: [Int], inputOption: PortShape?) {
        self.nodes = nodes
        self.names = names
        self.sources = sources
        self.outputSource = outputSource
        self.order = order
        self.inputOption = inputOption
    }

    func with(nodes: [any NetModel], inputOption: PortShape?? = nil) -> NetGraph {
        NetGraph(nodes: nodes, names: names, sources: sources, outputSource: outputSource, order: order,
                 inputOption: inputOption ?? self.inputOption)
    }

    public var head: Symbol { Symbol.named("NetGraph") }

    /// The input shape: the option, or what the layers reading the input were built for.
    public var inputShape: PortShape? {
        if let s = inputOption { return s }
        for (i, srcs) in sources.enumerated() where srcs.contains(.input) {
            if let l = nodes[i] as? any NetLayer, let s = l.inputShape { return s }
        }
        return nil
    }

    public var outputShape: PortShape? { shape(of: outputSource) }

    func shape(of source: GraphSource) -> PortShape? {
        switch source {
        case .input: return inputShape
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

    /// The nodes with shapes inferred from `input` along the graph.
    func inferNodes(input: PortShape?) throws(NetFailure) -> [any NetModel] {
        var out = nodes
        for i in order {
            var shapes: [PortShape] = []
            for s in sources[i] {
                switch s {
                case .input: if let x = input { shapes.append(x) }
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

    public func inferred(input shape: PortShape) throws(NetFailure) -> any NetLayer {
        with(nodes: try inferNodes(input: shape))
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

    public var partNames: [Expr] { (0..<nodes.count).map(key) + ["Input", "Output"] }

    public func extract(_ name: Expr) -> Expr? {
        if let i = index(of: name) { return .native(nodes[i]) }
        switch name {
        case "Input": return Shapes.userForm(inputShape)
        case "Output": return Shapes.userForm(outputShape)
        default: return nil
        }
    }

    public func replacing(_ path: [Expr], with value: Expr) throws(NetFailure) -> any NetModel {
        if path.count == 1, path[0] == "Input" {
            guard let s = try Shapes.parse(value) else { throw NetFailure("invportshape", value, text("port \"Input\""), text("an array")) }
            return with(nodes: try inferNodes(input: s), inputOption: .some(s))
        }
        guard let i = index(of: path[0]) else { throw NetFailure("netnopart", path[0]) }
        var new = nodes
        if path.count == 1 {
            guard let l = try Self.node(from: value) else {
                throw NetFailure("netinvparam2", value, text("layer \(OutputForm.format(path[0]))"), text("a layer was expected"))
            }
            new[i] = l
        } else {
            new[i] = try nodes[i].replacing(Array(path.dropFirst()), with: value)
        }
        let graph = with(nodes: new)
        return with(nodes: try graph.inferNodes(input: graph.inputShape))
    }

    // MARK: Running

    /// Every node's output for the batch `x`.
    func activations(_ x: Tensor) -> [Tensor?] {
        var values = [Tensor?](repeating: nil, count: nodes.count)
        func value(_ s: GraphSource) -> Tensor {
            switch s {
            case .input: return x
            case .node(let j): return values[j]!
            }
        }
        for i in order {
            if let l = nodes[i] as? any NetLayer {
                values[i] = l.forward(value(sources[i][0]))
            } else if let m = nodes[i] as? any MultiInputLayer {
                values[i] = m.forward(sources[i].map(value))
            }
        }
        return values
    }

    public func forward(_ x: Tensor) -> Tensor {
        switch outputSource {
        case .input: return x
        case .node(let i): return activations(x)[i]!
        }
    }

    public func backward(input x: Tensor, output y: Tensor, gradient dy: Tensor) -> (input: Tensor, arrays: [Tensor]) {
        let values = activations(x)
        func value(_ s: GraphSource) -> Tensor {
            switch s {
            case .input: return x
            case .node(let j): return values[j]!
            }
        }
        // Gradients of every node's output, summed over the layers it feeds.
        var outputGradients = [Tensor?](repeating: nil, count: nodes.count)
        var inputGradient: Tensor? = nil
        func add(_ g: Tensor, to s: GraphSource) {
            switch s {
            case .input: inputGradient = inputGradient.map { Self.sum($0, g) } ?? g
            case .node(let j): outputGradients[j] = outputGradients[j].map { Self.sum($0, g) } ?? g
            }
        }
        add(dy, to: outputSource)
        var arrayGradients: [[Tensor]] = nodes.map { n in n.arraySlots.compactMap { s in s.dims.map { Tensor(shape: $0, repeating: 0) } } }
        for i in order.reversed() {
            guard let g = outputGradients[i] else { continue }  // feeds nothing the output depends on
            if let l = nodes[i] as? any NetLayer {
                let r = l.backward(input: value(sources[i][0]), output: values[i]!, gradient: g)
                add(r.input, to: sources[i][0])
                arrayGradients[i] = r.arrays
            } else if let m = nodes[i] as? any MultiInputLayer {
                let gs = m.backward(inputs: sources[i].map(value), output: values[i]!, gradient: g)
                for (s, gi) in zip(sources[i], gs) { add(gi, to: s) }
            }
        }
        return (inputGradient ?? Tensor(shape: x.shape, repeating: 0), arrayGradients.flatMap { $0 })
    }

    static func sum(_ a: Tensor, _ b: Tensor) -> Tensor {
        var d = a.data
        for i in d.indices { d[i] += b.data[i] }
        return Tensor(shape: a.shape, data: d)
    }

    // MARK: Printing

    /// The connections as rules, in node order (`NetPort["Input"] -> 1`, `{1, 2} -> 3`, `3 -> NetPort["Output"]`).
    var connectionRules: [Expr] {
        func ref(_ s: GraphSource) -> Expr {
            switch s {
            case .input: return .call(Symbol.named("NetPort"), ["Input"])
            case .node(let j): return key(j)
            }
        }
        var rules: [Expr] = []
        for i in 0..<nodes.count where !sources[i].isEmpty {
            let lhs = sources[i].count == 1 ? ref(sources[i][0]) : .list(sources[i].map(ref))
            rules.append(.call(Sym.Rule, lhs, key(i)))
        }
        rules.append(.call(Sym.Rule, ref(outputSource), .call(Symbol.named("NetPort"), ["Output"])))
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
        if let s = inputOption { args.append(.call(Sym.Rule, "Input", Shapes.userForm(s))) }
        return .call(head, args)
    }

    public var summary: String {
        var parts = ["Input: " + Shapes.describe(inputShape)]
        for (i, n) in nodes.enumerated() {
            let from = sources[i].map { s -> String in
                switch s {
                case .input: return "Input"
                case .node(let j): return OutputForm.format(key(j), bareStrings: true)
                }
            }.joined(separator: ", ")
            parts.append("\(OutputForm.format(key(i), bareStrings: true)): \(n.head.name) ← \(from) → \(Shapes.describe(Self.outputShape(n)))")
        }
        parts.append("Output: " + Shapes.describe(outputShape))
        parts.append(isInitialized ? "initialized" : "uninitialized")
        return "NetGraph[" + parts.joined(separator: " | ") + "]"
    }

    public func isSame(as other: any NativeObject) -> Bool {
        guard let o = other as? NetGraph, o.names == names, o.sources == sources, o.outputSource == outputSource,
              o.nodes.count == nodes.count, o.inputOption == inputOption else { return false }
        return zip(o.nodes, nodes).allSatisfy { $0.isSame(as: $1) }
    }

    // MARK: Construction

    /// A node from a spec: a layer object, an integer (LinearLayer[n]), a function (ElementwiseLayer),
    /// a list (NetChain).
    static func node(from spec: Expr) throws(NetFailure) -> (any NetModel)? {
        if case .native(let m as any MultiInputLayer) = spec { return m }
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
        var input: PortShape? = nil
        for rule in args.dropFirst(2) {
            guard rule.hasHead(Sym.Rule), rule.args.count == 2, let name = rule.args[0].string else { throw NetFailure("netinvrule", rule, text("NetGraph")) }
            switch name {
            case "Input": input = try Shapes.parse(rule.args[1])
            default: throw NetFailure("netinvrule", rule, text("NetGraph"))
            }
        }
        let wiring = try GraphWiring.read(args[1], nodeCount: nodes.count, names: names)
        var graph = NetGraph(nodes: nodes, names: names, sources: wiring.sources, outputSource: wiring.output, order: wiring.order,
                             inputOption: input)
        // Node kinds must match their wiring: one source for a one-input layer.
        for (i, n) in nodes.enumerated() where n is any NetLayer && wiring.sources[i].count != 1 {
            let refs: [Expr] = wiring.sources[i].map { s in
                if case .node(let j) = s { return graph.key(j) }
                return .call(Symbol.named("NetPort"), ["Input"])
            }
            throw NetFailure("netinvparam2", .list(refs), text("the inputs of layer \(OutputForm.format(graph.key(i)))"),
                             text("\(n.head.name) takes one input"))
        }
        graph = graph.with(nodes: try graph.inferNodes(input: graph.inputShape))
        return graph
    }
}

/// The connections of a NetGraph, read and checked: each node's sources, the output, an order.
struct GraphWiring {
    var sources: [[GraphSource]]
    var output: GraphSource
    var order: [Int]

    /// A reference in a connection: a node, or one of the graph's ports.
    enum Ref: Equatable { case node(Int), input, output }

    static func read(_ spec: Expr, nodeCount: Int, names: [String]?) throws(NetFailure) -> GraphWiring {
        guard spec.hasHead(Sym.List) else {
            throw NetFailure("netinvparam2", spec, text("the connections"), text("a list of rules was expected"))
        }
        func ref(_ e: Expr) throws(NetFailure) -> Ref {
            if case .integer(let k) = e, k >= 1, k <= nodeCount { return .node(k - 1) }
            if case .integer(let k) = e, k < 0, -k <= nodeCount { return .node(nodeCount + k) }
            if let s = e.string, let names, let i = names.firstIndex(of: s) { return .node(i) }
            if e.hasHead(Symbol.named("NetPort")), e.args.count == 1 {
                let a = e.args[0]
                if a == "Input" { return .input }
                if a == "Output" { return .output }
                if a.hasHead(Sym.List), a.args.count == 2, a.args[1] == "Output" { return try ref(a.args[0]) }
            }
            throw NetFailure("netinvparam2", e, text("a connection"), text("a layer number, a layer name or NetPort[\"Input\"|\"Output\"] was expected"))
        }
        var sources = [[GraphSource]](repeating: [], count: nodeCount)
        var fed = [Bool](repeating: false, count: nodeCount)
        var output: GraphSource? = nil
        func connect(_ from: [Ref], _ to: Ref) throws(NetFailure) {
            var srcs: [GraphSource] = []
            for f in from {
                switch f {
                case .input: srcs.append(.input)
                case .node(let j): srcs.append(.node(j))
                case .output: throw NetFailure("netinvparam2", "NetPort[\"Output\"]", text("a connection"), text("the output port cannot feed a layer"))
                }
            }
            switch to {
            case .node(let i):
                guard sources[i].isEmpty else {
                    throw NetFailure("netinvparam2", .integer(i + 1), text("a connection"), text("the layer's input is connected twice"))
                }
                sources[i] = srcs
            case .output:
                guard srcs.count == 1, output == nil else {
                    throw NetFailure("netinvparam2", "NetPort[\"Output\"]", text("a connection"), text("the output port takes one source"))
                }
                output = srcs[0]
            case .input:
                throw NetFailure("netinvparam2", "NetPort[\"Input\"]", text("a connection"), text("the input port cannot be fed"))
            }
            for case .node(let j) in srcs { fed[j] = true }
        }
        for rule in spec.args {
            // a -> b -> c is a -> (b -> c): each link in turn.
            var r = rule
            var chain: [Expr] = []
            while r.hasHead(Sym.Rule), r.args.count == 2 { chain.append(r.args[0]); r = r.args[1] }
            guard !chain.isEmpty else { throw NetFailure("netinvparam2", rule, text("a connection"), text("a rule was expected")) }
            chain.append(r)
            for k in 0..<(chain.count - 1) {
                let lhs = chain[k]
                let from: [Ref]
                if lhs.hasHead(Sym.List) {
                    var refs: [Ref] = []
                    for e in lhs.args { refs.append(try ref(e)) }
                    from = refs
                } else {
                    from = [try ref(lhs)]
                }
                try connect(from, try ref(chain[k + 1]))
            }
        }
        // Unfed inputs read the graph's input; the one unused output is the graph's output.
        for i in 0..<nodeCount where sources[i].isEmpty { sources[i] = [.input] }
        // Order: Kahn's algorithm; a cycle leaves nodes over.
        var remaining = sources.map { Set($0.compactMap { s -> Int? in if case .node(let j) = s { return j } else { return nil } }) }
        var order: [Int] = []
        var ready = (0..<nodeCount).filter { remaining[$0].isEmpty }
        while let i = ready.first {
            ready.removeFirst()
            order.append(i)
            for k in 0..<nodeCount where remaining[k].contains(i) {
                remaining[k].remove(i)
                if remaining[k].isEmpty { ready.append(k) }
            }
        }
        guard order.count == nodeCount else {
            let cycle = (0..<nodeCount).filter { !order.contains($0) }.map { Expr.integer($0 + 1) }
            throw NetFailure("netinvparam2", .list(cycle), text("the connections"), text("the layers form a cycle"))
        }
        if output == nil {
            let ends = (0..<nodeCount).filter { !fed[$0] }
            guard ends.count == 1 else {
                throw NetFailure("netinvparam2", .list(ends.map { .integer($0 + 1) }), text("the outputs"),
                                 text(ends.isEmpty ? "no layer is left over to be the output" : "several layers feed nothing; connect one to NetPort[\"Output\"] (several output ports are not supported yet)"))
            }
            output = .node(ends[0])
        }
        return GraphWiring(sources: sources, output: output!, order: order)
    }
}
