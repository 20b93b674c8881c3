import RampKernel
import RampSyntax

/// `Information[net]` (a report) and `Information[net, prop]` (wolfram-nn.md §2).
enum NetInformation {
    static let properties: [String] = [
        "Arrays", "ArraysByteCounts", "ArraysCount", "ArraysDimensions", "ArraysElementCounts",
        "ArraysLearningRateMultipliers", "ArraysList", "ArraysPositionList", "ArraysSizes",
        "ArraysTotalByteCount", "ArraysTotalElementCount", "ArraysTotalSize", "FullSummaryGraphic",
        "InputForm", "InputPortNames", "InputPorts", "Layers", "LayersCount", "LayersGraph", "LayersList",
        "LayerTypeCounts", "MXNetNodeGraph", "MXNetNodeGraphPlot", "OutputPortNames", "OutputPorts",
        "Properties", "RecurrentStatesCount", "RecurrentStatesPositionList", "SharedArraysCount",
        "SummaryGraphic", "TopologyHash",
    ]

    static func assoc(_ pairs: [(Expr, Expr)]) -> Expr { association(pairs) }

    /// The exact element count of an array (an integer of any size: a declared shape may describe
    /// arrays past `Int`, such as the weights of `LinearLayer[2^40, "Input" -> 2^40]`).
    static func elementCount(_ s: NetArraySlot) -> BigInt? {
        s.dims.map { $0.reduce(BigInt(1)) { $0 * BigInt($1) } }
    }

    /// `Quantity[n, "Bytes"]`, or kilo/mega/gigabytes (decimal) from 1000 bytes on.
    static func size(_ bytes: BigInt) -> Expr {
        let q = Sym.Quantity
        if bytes < 1000 { return .call(q, .integer(bytes), "Bytes") }
        for (unit, scale) in [("Kilobytes", 1e3), ("Megabytes", 1e6), ("Gigabytes", 1e9)].reversed() where Double(bytes) >= scale {
            return .call(q, .real(Double(bytes) / scale), .string(unit))
        }
        return .call(q, .integer(bytes), "Bytes")
    }

    static func sizeText(_ bytes: BigInt) -> String {
        if bytes < 1000 { return "\(bytes) bytes" }
        let (v, unit): (Double, String) = bytes >= 1_000_000_000 ? (Double(bytes) / 1e9, "GB") : bytes >= 1_000_000 ? (Double(bytes) / 1e6, "MB") : (Double(bytes) / 1e3, "kB")
        let r = (v * 100).rounded() / 100
        return "\(r) \(unit)"
    }

    /// The value of one property; nil for an unknown property.
    static func property(_ net: any NetModel, _ name: String, kernel: Kernel, head: Symbol) -> Expr? {
        let slots = net.arraySlots
        let positions = slots.map { Expr.list($0.path) }
        switch name {
        case "Arrays":
            return assoc(zip(positions, slots).map { ($0, $1.value.map { .native(NumericArrayObject($0)) } ?? .automatic) })
        case "ArraysList": return .list(slots.map { $0.value.map { .native(NumericArrayObject($0)) } ?? .automatic })
        case "ArraysCount": return .integer(slots.count)
        case "ArraysDimensions":
            return assoc(zip(positions, slots).map { ($0, $1.dims.map { .list($0.map { .integer($0) }) } ?? .symbol(Sym.Indeterminate)) })
        case "ArraysElementCounts":
            return assoc(zip(positions, slots).map { ($0, elementCount($1).map { .integer($0) } ?? .symbol(Sym.Indeterminate)) })
        case "ArraysByteCounts":
            return assoc(zip(positions, slots).map { ($0, elementCount($1).map { .integer(4 * $0) } ?? .symbol(Sym.Indeterminate)) })
        case "ArraysSizes":
            return assoc(zip(positions, slots).map { ($0, elementCount($1).map { size(4 * $0) } ?? .symbol(Sym.Indeterminate)) })
        case "ArraysPositionList": return .list(positions)
        case "ArraysTotalElementCount": return totalElements(slots).map { .integer($0) } ?? .symbol(Sym.Indeterminate)
        case "ArraysTotalByteCount": return totalElements(slots).map { .integer(4 * $0) } ?? .symbol(Sym.Indeterminate)
        case "ArraysTotalSize": return totalElements(slots).map { size(4 * $0) } ?? .symbol(Sym.Indeterminate)
        case "ArraysLearningRateMultipliers":
            return assoc(zip(positions, slots).map { ($0, .real($1.learningRateMultiplier)) })
        case "SharedArraysCount": return 0
        case "Layers": return assoc(net.leafLayers.map { (.list($0.path), .native($0.layer)) })
        case "LayersCount": return .integer(net.leafLayers.count)
        case "LayersList": return .list(net.leafLayers.map { .native($0.layer) })
        case "LayerTypeCounts":
            var order: [Symbol] = []
            var counts: [Symbol: Int] = [:]
            for (_, l) in net.leafLayers {
                if counts[l.head] == nil { order.append(l.head) }
                counts[l.head, default: 0] += 1
            }
            return assoc(order.map { (.symbol($0), .integer(counts[$0]!)) })
        case "InputPorts": return assoc(net.inputPorts.map { (.string($0.name), Shapes.userForm($0.shape)) })
        case "OutputPorts": return assoc(net.outputPorts.map { (.string($0.name), Shapes.userForm($0.shape)) })
        case "InputPortNames": return .list(net.inputPorts.map { .string($0.name) })
        case "OutputPortNames": return .list(net.outputPorts.map { .string($0.name) })
        case "RecurrentStatesCount": return 0
        case "RecurrentStatesPositionList": return .emptyList
        case "InputForm": return .call(Sym.HoldForm, net.inputForm)
        case "TopologyHash": return .string(topologyHash(net))
        case "Properties": return .list(properties.map { .string($0) })
        case "LayersGraph": return layersGraph(net)
        case "SummaryGraphic", "FullSummaryGraphic":
            guard net is NetChain || net is NetGraph else {
                kernel.message(head, "nonetsumm", [])
                return .failed
            }
            return .string(summaryTable(net, full: name == "FullSummaryGraphic"))
        case "MXNetNodeGraph", "MXNetNodeGraphPlot":
            kernel.message(head, "nomxnet", [.string(name)])
            return .call(Sym.Missing, "NotAvailable", .string(name))
        default: return nil
        }
    }

    static func totalElements(_ slots: [NetArraySlot]) -> BigInt? {
        var t = BigInt(0)
        for s in slots { guard let n = elementCount(s) else { return nil }; t += n }
        return t
    }

    /// A base-36 hash of the net's structure without its array values.
    static func topologyHash(_ net: any NetModel) -> String {
        let text = OutputForm.format(net.deinitialized().inputForm)
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return String(h, radix: 36)
    }

    /// The layers as a graph: `Graph[{vertices…}, {DirectedEdge[a, b], …}]` (Ramp has no Graph
    /// object; the expression stays as it is). Vertices are the net's ports, `NetPort["Input"]`,
    /// `NetPort["Output"]`, …, and its layers by name or number (a nested net is one vertex); a
    /// layer that is not a container is the one vertex `1`.
    static func layersGraph(_ net: any NetModel) -> Expr {
        func port(_ name: String) -> Expr { .call(Symbol.named("NetPort"), [.string(name)]) }
        func edge(_ a: Expr, _ b: Expr) -> Expr { .call(Symbol.named("DirectedEdge"), [a, b]) }
        var vertices: [Expr] = []
        var edges: [Expr] = []
        if let graph = net as? NetGraph {
            vertices = graph.inputNames.map(port) + graph.nodes.indices.map(graph.key) + graph.outputNames.map(port)
            func vertex(_ s: GraphSource) -> Expr {
                if case .input(let k) = s { return port(graph.inputNames[k]) }
                if case .node(let j) = s { return graph.key(j) }
                return .null
            }
            for i in graph.order { for s in graph.sources[i] { edges.append(edge(vertex(s), graph.key(i))) } }
            for (name, s) in zip(graph.outputNames, graph.outputSources) { edges.append(edge(vertex(s), port(name))) }
        } else {
            let keys: [Expr] = (net as? NetChain).map { c in c.layers.indices.map(c.key) } ?? [.integer(1)]
            vertices = net.inputPorts.map { port($0.name) } + keys + net.outputPorts.map { port($0.name) }
            let path = net.inputPorts.map { port($0.name) }.prefix(1) + keys + net.outputPorts.map { port($0.name) }.prefix(1)
            for (a, b) in zip(path, path.dropFirst()) { edges.append(edge(a, b)) }
        }
        return .call(Symbol.named("Graph"), [.list(vertices), .list(edges)])
    }

    /// A text table of a chain's layers and their output shapes.
    static func summaryTable(_ net: any NetModel, full: Bool) -> String {
        if let graph = net as? NetGraph { return graphTable(graph, full: full) }
        guard let chain = net as? NetChain else { return "" }
        var rows: [(String, String, String)] = [("", "Input", Shapes.describe(chain.inputShape))]
        for (i, l) in chain.layers.enumerated() {
            var shape = Shapes.describe(l.outputShape)
            if full { shape += "   arrays: " + (l.arraySlots.map { "\($0.name) \(describeArray($0.dims))" }.joined(separator: ", ")) }
            rows.append((OutputForm.format(chain.key(i), bareStrings: true), l.head.name, shape))
        }
        rows.append(("", "Output", Shapes.describe(chain.outputShape)))
        let w0 = rows.map { $0.0.count }.max() ?? 0, w1 = rows.map { $0.1.count }.max() ?? 0
        return rows.map { r in
            String(repeating: " ", count: w0 - r.0.count) + r.0 + "  " + r.1 + String(repeating: " ", count: w1 - r.1.count) + "  " + r.2
        }.joined(separator: "\n")
    }

    /// A text table of a graph's layers: name, type, where its inputs come from, output shape.
    static func graphTable(_ graph: NetGraph, full: Bool) -> String {
        let from = graph.sourceName
        var rows: [(String, String, String, String)] = graph.inputPorts.map { ("", $0.name, "", Shapes.describe($0.shape)) }
        for i in graph.order {
            let n = graph.nodes[i]
            var shape = Shapes.describe(NetGraph.outputShape(n))
            if full && !n.arraySlots.isEmpty { shape += "   arrays: " + n.arraySlots.map { "\($0.name) \(describeArray($0.dims))" }.joined(separator: ", ") }
            let ins = graph.sources[i].isEmpty ? "" : "← " + graph.sources[i].map(from).joined(separator: ", ")
            rows.append((OutputForm.format(graph.key(i), bareStrings: true), n.head.name, ins, shape))
        }
        for (name, s) in zip(graph.outputNames, graph.outputSources) { rows.append(("", name, "← " + from(s), Shapes.describe(graph.shape(of: s)))) }
        let w0 = rows.map { $0.0.count }.max() ?? 0, w1 = rows.map { $0.1.count }.max() ?? 0, w2 = rows.map { $0.2.count }.max() ?? 0
        func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: w - s.count) }
        return rows.map { r in
            String(repeating: " ", count: w0 - r.0.count) + r.0 + "  " + pad(r.1, w1) + "  " + pad(r.2, w2) + "  " + r.3
        }.joined(separator: "\n")
    }

    /// The report of `Information[net]`.
    static func report(_ net: any NetModel) -> NetInformationReport {
        let slots = net.arraySlots
        let total = totalElements(slots)
        func ports(_ ps: [(name: String, shape: PortShape?)]) -> String {
            ps.map { "\"\($0.name)\": \(Shapes.describe($0.shape))" }.joined(separator: ", ")
        }
        let rows: [(String, String)] = [
            ("Layers count", "\(net.leafLayers.count)"),
            ("Arrays count", "\(slots.count)"),
            ("Shared arrays count", "0"),
            ("Input ports", ports(net.inputPorts)),
            ("Output ports", ports(net.outputPorts)),
            ("Arrays total element count", total.map { String($0) } ?? "not yet known"),
            ("Arrays total size", total.map { sizeText(4 * $0) } ?? "not yet known"),
            ("Initialized", net.isInitialized ? "yes" : "no"),
        ]
        return NetInformationReport(title: net.head.name, rows: rows)
    }
}

/// What `Information[net]` gives: a titled table that prints as a readable block in the terminal.
final class NetInformationReport: NativeObject {
    let title: String
    let rows: [(String, String)]
    init(title: String, rows: [(String, String)]) { self.title = title; self.rows = rows }

    var head: Symbol { Symbol.named("InformationData") }
    var inputForm: Expr {
        .call(head, .call(Sym.Association, [.call(Sym.Rule, "ObjectType", .string(title))]
            + rows.map { .call(Sym.Rule, .string($0.0), .string($0.1)) }))
    }
    var summary: String {
        let w = rows.map { $0.0.count }.max() ?? 0
        let body = rows.map { "  " + $0.0 + String(repeating: " ", count: w - $0.0.count) + "  " + $0.1 }
        return ([title] + body).joined(separator: "\n")
    }
    func isSame(as other: any NativeObject) -> Bool {
        guard let o = other as? NetInformationReport else { return false }
        return o.title == title && o.rows.map { $0.0 + "\u{0}" + $0.1 } == rows.map { $0.0 + "\u{0}" + $0.1 }
    }
    func hash(into h: inout Hasher) { h.combine(title) }
}

/// Every net answers `Information[net]` and `Information[net, "prop"]` (the kernel's builtin asks).
extension NetModel {
    public func informationReport(kernel: Kernel) -> Expr { .native(NetInformation.report(self)) }
    public func informationProperty(_ name: String, kernel: Kernel, head: Symbol) -> Expr? {
        NetInformation.property(self, name, kernel: kernel, head: head)
    }
    public var informationPropertyNames: [String] { NetInformation.properties }
}
