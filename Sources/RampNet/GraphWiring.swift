import RampKernel
import RampSyntax

/// The connections of a NetGraph, read and checked: each node's sources, the input and output
/// ports, an order.
struct GraphWiring {
    var sources: [[GraphSource]]
    /// Input ports: ordered by the first node that reads them (then by mention), so that a graph
    /// printed as its connections reads back with the same port order.
    var inputNames: [String]
    /// Output ports in the order the connections name them.
    var outputNames: [String]
    var outputs: [GraphSource]
    var order: [Int]

    /// A reference in a connection: a node, or a port of the graph by name.
    enum Ref: Equatable { case node(Int), port(String) }

    static func read(_ spec: Expr, nodeCount: Int, names: [String]?, inputless: [Bool]) throws(NetFailure) -> GraphWiring {
        guard spec.hasHead(Sym.List) else {
            throw NetFailure("netinvparam2", spec, text("the connections"), text("a list of rules was expected"))
        }
        func node(_ e: Expr) -> Int? {
            if case .integer(let k) = e, k >= 1, k <= nodeCount { return k - 1 }
            if case .integer(let k) = e, k < 0, -k <= nodeCount { return nodeCount + k }
            if let s = e.string, let names, let i = names.firstIndex(of: s) { return i }
            return nil
        }
        func ref(_ e: Expr) throws(NetFailure) -> Ref {
            if let i = node(e) { return .node(i) }
            if e.hasHead(Symbol.named("NetPort")) {
                let a = e.args
                if a.count == 1, let s = a[0].string { return .port(s) }
                // NetPort[{layer, "Output"}] and NetPort[layer, "Output"]: the layer's output.
                if a.count == 1, a[0].hasHead(Sym.List), a[0].args.count == 2, a[0].args[1] == "Output", let i = node(a[0].args[0]) { return .node(i) }
                if a.count == 2, a[1] == "Output", let i = node(a[0]) { return .node(i) }
            }
            throw NetFailure("netinvparam2", e, text("a connection"), text("a layer number, a layer name or NetPort[\"name\"] was expected"))
        }
        var sources = [[GraphSource]](repeating: [], count: nodeCount)
        var connected = [Bool](repeating: false, count: nodeCount)
        var fed = [Bool](repeating: false, count: nodeCount)
        var inputNames: [String] = []
        var outputNames: [String] = []
        var outputs: [GraphSource] = []
        func inputPort(_ name: String) throws(NetFailure) -> GraphSource {
            guard !outputNames.contains(name) else {
                throw NetFailure("netinvparam2", .call(Symbol.named("NetPort"), [.string(name)]), text("a connection"), text("a port cannot be both an input and an output"))
            }
            if let k = inputNames.firstIndex(of: name) { return .input(k) }
            inputNames.append(name)
            return .input(inputNames.count - 1)
        }
        func connect(_ from: [Ref], _ to: Ref) throws(NetFailure) {
            var srcs: [GraphSource] = []
            for f in from {
                switch f {
                case .node(let j): srcs.append(.node(j))
                case .port(let name): srcs.append(try inputPort(name))
                }
            }
            switch to {
            case .node(let i):
                guard !inputless[i] else {
                    throw NetFailure("netinvparam2", .integer(i + 1), text("a connection"), text("the layer has no input"))
                }
                guard !connected[i] else {
                    throw NetFailure("netinvparam2", .integer(i + 1), text("a connection"), text("the layer's input is connected twice"))
                }
                sources[i] = srcs
                connected[i] = true
            case .port(let name):
                let port = Expr.call(Symbol.named("NetPort"), [.string(name)])
                guard srcs.count == 1, !outputNames.contains(name) else {
                    throw NetFailure("netinvparam2", port, text("a connection"), text("an output port takes one source"))
                }
                guard !inputNames.contains(name) else {
                    throw NetFailure("netinvparam2", port, text("a connection"), text("a port cannot be both an input and an output"))
                }
                outputNames.append(name)
                outputs.append(srcs[0])
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
                var from: [Ref] = []
                if lhs.hasHead(Sym.List) {
                    for e in lhs.args { from.append(try ref(e)) }
                } else {
                    from = [try ref(lhs)]
                }
                try connect(from, try ref(chain[k + 1]))
            }
        }
        // Unfed inputs read the port "Input".
        for i in 0..<nodeCount where !connected[i] && !inputless[i] { sources[i] = [try inputPort("Input")] }
        // Canonical port order: by the first node reading each port, then ports no node reads.
        var rank: [Int] = []
        for srcs in sources { for case .input(let k) in srcs where !rank.contains(k) { rank.append(k) } }
        for k in inputNames.indices where !rank.contains(k) { rank.append(k) }
        let newIndex = Dictionary(uniqueKeysWithValues: rank.enumerated().map { ($1, $0) })
        func renumber(_ s: GraphSource) -> GraphSource {
            if case .input(let k) = s { return .input(newIndex[k]!) }
            return s
        }
        sources = sources.map { $0.map(renumber) }
        outputs = outputs.map(renumber)
        inputNames = rank.map { inputNames[$0] }
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
        guard !inputNames.isEmpty else {
            throw NetFailure("netinvparam2", spec, text("the connections"), text("the graph has no input"))
        }
        if outputs.isEmpty {
            let ends = (0..<nodeCount).filter { !fed[$0] }
            guard ends.count == 1 else {
                throw NetFailure("netinvparam2", .list(ends.map { .integer($0 + 1) }), text("the outputs"),
                                 text(ends.isEmpty ? "no layer is left over to be the output" : "several layers feed nothing; connect each to be kept to a NetPort[\"name\"]"))
            }
            guard !inputNames.contains("Output") else {
                throw NetFailure("netinvparam2", .call(Symbol.named("NetPort"), ["Output"]), text("a connection"), text("a port cannot be both an input and an output"))
            }
            outputNames = ["Output"]
            outputs = [.node(ends[0])]
        }
        return GraphWiring(sources: sources, inputNames: inputNames, outputNames: outputNames, outputs: outputs, order: order)
    }
}
