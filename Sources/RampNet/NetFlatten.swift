import RampKernel
import RampSyntax

/// `NetFlatten[net]`: nested NetChains (in a chain or a graph) and nested NetGraphs (in a graph)
/// become layers of the outer net, named by their path joined with "/" (`"1/2"`, `"enc/lin"`);
/// `NetFlatten[net, n]` flattens n levels. A net with nothing nested is returned as it is.
enum NetFlattening {
    static func flatten(_ net: any NetModel, levels: Int) -> any NetModel {
        guard levels > 0 else { return net }
        switch net {
        case let chain as NetChain:
            var layers: [any NetLayer] = []
            var names: [String] = []
            var nested = false
            for (i, l) in chain.layers.enumerated() {
                let name = OutputForm.format(chain.key(i), bareStrings: true)
                if let inner = flatten(l, levels: levels - 1) as? NetChain {
                    nested = true
                    for (j, m) in inner.layers.enumerated() {
                        layers.append(m)
                        names.append(name + "/" + OutputForm.format(inner.key(j), bareStrings: true))
                    }
                } else {
                    layers.append(l)
                    names.append(name)
                }
            }
            guard nested else { return chain }
            return NetChain(layers: layers, names: names, inputOption: chain.inputShape, outputOption: nil)
        case let graph as NetGraph:
            return flattenGraph(graph, levels: levels)
        default:
            return net
        }
    }

    /// A graph whose chain and graph nodes are replaced by their layers (sources rewired).
    static func flattenGraph(_ graph: NetGraph, levels: Int) -> any NetModel {
        var nodes: [any NetModel] = []
        var names: [String] = []
        var sources: [[GraphSource]] = []
        // Where each old node's output now comes from.
        var outputOf = [GraphSource](repeating: .input(0), count: graph.nodes.count)
        var nested = false
        func map(_ s: GraphSource) -> GraphSource {
            if case .node(let j) = s { return outputOf[j] }
            return s
        }
        for i in graph.order {
            let name = OutputForm.format(graph.key(i), bareStrings: true)
            let inner = flatten(graph.nodes[i], levels: levels - 1)
            let from = graph.sources[i].map(map)
            if let chain = inner as? NetChain, !chain.layers.isEmpty {
                nested = true
                var previous = from[0]
                for (j, l) in chain.layers.enumerated() {
                    nodes.append(l)
                    names.append(name + "/" + OutputForm.format(chain.key(j), bareStrings: true))
                    sources.append([previous])
                    previous = .node(nodes.count - 1)
                }
                outputOf[i] = previous
            } else if let sub = inner as? NetGraph {
                nested = true
                var innerOutput = [GraphSource](repeating: .input(0), count: sub.nodes.count)
                for k in sub.order {
                    nodes.append(sub.nodes[k])
                    names.append(name + "/" + OutputForm.format(sub.key(k), bareStrings: true))
                    sources.append(sub.sources[k].map { s in
                        if case .node(let j) = s { return innerOutput[j] }
                        return from[0]
                    })
                    innerOutput[k] = .node(nodes.count - 1)
                }
                if case .node(let j) = sub.outputSource { outputOf[i] = innerOutput[j] } else { outputOf[i] = from[0] }
            } else {
                nodes.append(inner)
                names.append(name)
                sources.append(from)
                outputOf[i] = .node(nodes.count - 1)
            }
        }
        guard nested else { return graph }
        return NetGraph(nodes: nodes, names: names, sources: sources, inputNames: graph.inputNames, inputOptions: graph.portShapes,
                        outputNames: graph.outputNames, outputSources: graph.outputSources.map(map), order: Array(nodes.indices))
    }
}
