import Foundation
import Testing
@testable import RampNet
import Ramp

/// NetGraph with several named input and output ports (issue 18): construction, shapes,
/// application by association, messages, Information, persistence and training.
@Suite struct NetGraphPortsTests {
    static let twoInputs = "NetGraph[<|\"a\" -> LinearLayer[2], \"b\" -> LinearLayer[2], \"t\" -> TotalLayer[]|>, {NetPort[\"x\"] -> \"a\", NetPort[\"y\"] -> \"b\", {\"a\", \"b\"} -> \"t\"}, \"x\" -> 3, \"y\" -> 2]"

    func session() -> NetSession {
        let s = NetSession()
        _ = s.run("SeedRandom[7]; g = NetInitialize[\(Self.twoInputs)];")
        return s
    }

    @Test func portsAndShapes() {
        let s = session()
        #expect(OutputForm.format(s.run("Information[g, \"InputPorts\"]"), bareStrings: true) == "<|x -> 3, y -> 2|>")
        #expect(OutputForm.format(s.run("Information[g, \"OutputPorts\"]"), bareStrings: true) == "<|Output -> 2|>")
        #expect(OutputForm.format(s.run("Information[g, \"InputPortNames\"]"), bareStrings: true) == "{x, y}")
        #expect(s.run("NetExtract[g, \"y\"]") == .integer(2))
        // Shapes inferred from the layers a port feeds.
        let inferred = s.run("NetGraph[{LinearLayer[2, \"Input\" -> 4], ElementwiseLayer[Tanh], TotalLayer[]}, {NetPort[\"p\"] -> 1, NetPort[\"q\"] -> 2, {1, 2} -> 3}]")
        guard case .native(let graph as NetGraph) = inferred else { Issue.record("not a graph"); return }
        #expect(graph.inputNames == ["p", "q"])
        #expect(graph.portShape(0) == Shapes.fixed([4]))
        #expect(graph.portShape(1) == nil)  // known from the data (shapes are not inferred backwards)
        _ = s.run("gq = NetInitialize[NetGraph[{LinearLayer[2, \"Input\" -> 4], ElementwiseLayer[Tanh], TotalLayer[]}, {NetPort[\"p\"] -> 1, NetPort[\"q\"] -> 2, {1, 2} -> 3}]];")
        #expect(flatValues(s.run("gq[<|\"p\" -> {1, 2, 3, 4}, \"q\" -> {0.5, 1}|>]"))?.count == 2)
        #expect(flatValues(s.run("gq[<|\"p\" -> {{1, 2, 3, 4}}, \"q\" -> {{0.5, 1}}|>]"))?.count == 2)
        #expect(s.takeMessages().isEmpty)
        // A one-input graph keeps "Input" and its summary.
        let one = OutputForm.format(s.run("NetGraph[{LinearLayer[2]}, {}, \"Input\" -> 3]"))
        #expect(one.hasPrefix("NetGraph[Input: vector (size: 3) | 1: LinearLayer ← Input"))
        #expect(one.contains("| Output: vector (size: 2) | uninitialized]"))
        #expect(OutputForm.format(s.run("g")).hasPrefix("NetGraph[x: vector (size: 3) | y: vector (size: 2) | a: LinearLayer ← x"))
    }

    @Test func applyByAssociation() throws {
        let s = session()
        let one = try #require(flatValues(s.run("g[<|\"x\" -> {1, 2, 3}, \"y\" -> {1, -1}|>]")))
        #expect(one.count == 2)
        // By hand: Wa.x + Wb.y.
        let hand = try #require(flatValues(s.run("Normal[NetExtract[g, {\"a\", \"Weights\"}]] . {1, 2, 3} + Normal[NetExtract[g, {\"b\", \"Weights\"}]] . {1, -1}")))
        for (a, b) in zip(one, hand) { #expect(abs(a - b) < 1e-5) }
        let batch = try #require(flatValues(s.run("g[<|\"x\" -> {{1, 2, 3}, {0, 0, 0}}, \"y\" -> {{1, -1}, {0, 0}}|>]")))
        #expect(Array(batch.prefix(2)) == one)
        #expect(Array(batch.suffix(2)) == [0, 0])
        let rows = try #require(flatValues(s.run("g[{<|\"x\" -> {1, 2, 3}, \"y\" -> {1, -1}|>, <|\"x\" -> {0, 0, 0}, \"y\" -> {0, 0}|>}]")))
        #expect(rows == batch)
        #expect(s.takeMessages().isEmpty)
    }

    @Test func badPortData() {
        let s = session()
        let cases: [(String, String)] = [
            ("g[<|\"x\" -> {1, 2, 3}|>]", "NetGraph::inpmiss: Required input slot y was not provided."),
            ("g[<|\"x\" -> {1, 2, 3}, \"y\" -> {1, 1}, \"z\" -> 1|>]", "NetGraph::inpunk: Unknown input z provided."),
            ("g[<|\"x\" -> {1, 2}, \"y\" -> {1, 1}|>]", "NetGraph::invindata1: Data supplied to port \"x\" was a length-2 vector of real numbers, but expected a length-3 vector of real numbers."),
            ("g[<|\"x\" -> {{1, 2, 3}}, \"y\" -> {{1, 1}, {2, 2}}|>]", "NetGraph::netbatchlen: The inputs have different numbers of examples: {x -> 1, y -> 2}."),
            ("g[{1, 2, 3}]", "NetGraph::inpmiss: Required input slot x was not provided."),
            ("g[<|\"x\" -> \"a\", \"y\" -> {1, 1}|>]", "NetGraph::invindata2: Data supplied to port \"x\" was not a length-3 vector of real numbers (or a list of these)."),
            ("g[<|\"x\" -> {1, 2, 3}, \"y\" -> {}|>]", "NetGraph::netemptin: Empty inputs are not permitted."),
        ]
        for (code, message) in cases {
            #expect(s.run(code) == .failed, "\(code)")
            #expect(s.takeMessages() == [message], "\(code)")
        }
        #expect(s.run("NetGraph[{LinearLayer[2]}, {NetPort[\"x\"] -> 1}, \"z\" -> 3]") == .failed)
        #expect(s.takeMessages().first?.hasPrefix("NetGraph::netinvrule: z -> 3 is not a valid option for NetGraph.") == true)
        #expect(s.run("NetGraph[{LinearLayer[2]}, {NetPort[\"x\"] -> 1 -> NetPort[\"x\"]}]") == .failed)
        #expect(s.takeMessages().first?.contains("a port cannot be both an input and an output") == true)
        #expect(s.run("NetGraph[{LinearLayer[2]}, {NetPort[\"Output\"] -> 1}]") == .failed)
        #expect(s.takeMessages().first?.contains("a port cannot be both an input and an output") == true)
        #expect(s.run("NetChain[{g}]") == .failed)
        #expect(s.takeMessages().first?.contains("a NetGraph with several input or output ports cannot be a layer of another net yet") == true)
    }

    @Test func severalOutputs() throws {
        let s = NetSession()
        _ = s.run("SeedRandom[3]; h = NetInitialize[NetGraph[{LinearLayer[2], ElementwiseLayer[Tanh]}, {NetPort[\"x\"] -> 1 -> NetPort[\"lin\"], 1 -> 2 -> NetPort[\"act\"]}, \"x\" -> 2]];")
        let r = s.run("h[<|\"x\" -> {1, 2}|>]")
        #expect(associationKeys(r) == ["lin", "act"])
        let lin = try #require(flatValues(s.run("h[{1, 2}][\"lin\"]")))
        let act = try #require(flatValues(s.run("h[{1, 2}][\"act\"]")))
        for (l, a) in zip(lin, act) { #expect(abs(f32(tanh(l)) - a) < 1e-6) }
        #expect(OutputForm.format(s.run("Dimensions /@ h[{{1, 2}, {3, 4}, {5, 6}}]"), bareStrings: true) == "<|lin -> {3, 2}, act -> {3, 2}|>")
        #expect(OutputForm.format(s.run("Information[h, \"OutputPorts\"]"), bareStrings: true) == "<|lin -> 2, act -> 2|>")
        #expect(s.run("NetTrain[h, {{1, 2} -> {1, 1}}]") == .failed)
        #expect(s.takeMessages().first?.contains("NetTrain needs a graph with one output") == true)
    }

    @Test func persistence() throws {
        let s = session()
        #expect(s.run("ToExpression[ToString[InputForm[g]]] === g") == .symbol(Sym.True))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ports-\(UUID().uuidString).rampnet").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = s.run("Export[\"\(path)\", g]")
        #expect(s.run("Import[\"\(path)\"] === g") == .symbol(Sym.True))
        // Port order does not depend on the order of the rules.
        #expect(OutputForm.format(s.run("Information[NetGraph[{LinearLayer[2], LinearLayer[2], TotalLayer[]}, {NetPort[\"y\"] -> 2, NetPort[\"x\"] -> 1, {1, 2} -> 3}], \"InputPortNames\"]"), bareStrings: true) == "{x, y}")
    }

    @Test func trainingWithSeveralInputs() throws {
        let s = session()
        _ = s.run("""
            SeedRandom[5];
            xs = RandomReal[{-1, 1}, {64, 3}]; ys = RandomReal[{-1, 1}, {64, 2}];
            f[x_, y_] := {x[[1]] - y[[2]], x[[2]] + x[[3]] + y[[1]]};
            ts = MapThread[f, {xs, ys}];
            """)
        for data in ["<|\"x\" -> xs, \"y\" -> ys, \"Output\" -> ts|>",
                     "MapThread[<|\"x\" -> #1, \"y\" -> #2, \"Output\" -> #3|> &, {xs, ys, ts}]"] {
            let before = try #require(flatValues(s.run("Mean[Flatten[(g[<|\"x\" -> xs, \"y\" -> ys|>] - ts)^2]]")))[0]
            _ = s.run("t = NetTrain[g, \(data), MaxTrainingRounds -> 300, LearningRate -> 0.05, TrainingProgressReporting -> None, RandomSeeding -> 1];")
            let after = try #require(flatValues(s.run("Mean[Flatten[(t[<|\"x\" -> xs, \"y\" -> ys|>] - ts)^2]]")))[0]
            #expect(after < before / 100, "\(data): \(before) → \(after)")
            #expect(s.takeMessages().isEmpty)
        }
        #expect(s.run("NetTrain[g, <|\"x\" -> xs, \"Output\" -> ts|>]") == .failed)
        #expect(s.takeMessages() == ["NetTrain::inpmiss: Required input slot y was not provided."])
    }

    @Test func outputByName() throws {
        let s = NetSession()
        _ = s.run("SeedRandom[3]; h = NetInitialize[NetGraph[{LinearLayer[2], ElementwiseLayer[Tanh]}, {NetPort[\"x\"] -> 1 -> NetPort[\"lin\"], 1 -> 2 -> NetPort[\"act\"]}, \"x\" -> 2]];")
        #expect(s.run("h[{1, 2}, \"act\"] == h[{1, 2}][\"act\"]") == .symbol(Sym.True))
        #expect(s.run("h[{1, 2}, All] == h[{1, 2}]") == .symbol(Sym.True))
        #expect(associationKeys(s.run("NetInitialize[NetGraph[{LinearLayer[2]}, {}, \"Input\" -> 2]][{1, 2}, All]")) == ["Output"])
        #expect(s.takeMessages().isEmpty)
        #expect(s.run("h[{1, 2}, \"nope\"]") == .failed)
        #expect(s.takeMessages() == ["NetGraph::netnopart: Part nope does not exist."])
    }

    /// `Information[net, "LayersGraph"]`: a Graph expression of ports and layers.
    @Test func layersGraph() {
        let s = session()
        #expect(OutputForm.format(s.run("InputForm[Information[g, \"LayersGraph\"]]")) == "Graph[{NetPort[\"x\"], NetPort[\"y\"], \"a\", \"b\", \"t\", NetPort[\"Output\"]}, {DirectedEdge[NetPort[\"x\"], \"a\"], DirectedEdge[NetPort[\"y\"], \"b\"], DirectedEdge[\"a\", \"t\"], DirectedEdge[\"b\", \"t\"], DirectedEdge[\"t\", NetPort[\"Output\"]]}]")
        #expect(OutputForm.format(s.run("InputForm[Information[NetChain[{LinearLayer[3], Ramp}], \"LayersGraph\"]]")) == "Graph[{NetPort[\"Input\"], 1, 2, NetPort[\"Output\"]}, {DirectedEdge[NetPort[\"Input\"], 1], DirectedEdge[1, 2], DirectedEdge[2, NetPort[\"Output\"]]}]")
        #expect(OutputForm.format(s.run("Information[NetChain[<|\"lin\" -> LinearLayer[3]|>], \"LayersGraph\"]"), bareStrings: true) == "Graph[{NetPort[Input], lin, NetPort[Output]}, {DirectedEdge[NetPort[Input], lin], DirectedEdge[lin, NetPort[Output]]}]")
        #expect(s.run("Head[Information[ParametricRampLayer[], \"LayersGraph\"]]") == .symbol(Symbol.named("Graph")))
    }
}
