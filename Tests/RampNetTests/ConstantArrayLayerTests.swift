import Foundation
import Testing
@testable import RampNet
import Ramp

/// `ConstantArrayLayer` (issue 18): a learned array with no input, standalone and as a NetGraph node.
@Suite struct ConstantArrayLayerTests {
    @Test func standalone() {
        let s = NetSession()
        #expect(flatValues(s.run("ConstantArrayLayer[\"Array\" -> {1., 2.}][]")) == [1, 2])
        #expect(OutputForm.format(s.run("ConstantArrayLayer[\"Array\" -> {1., 2.}]")) == "ConstantArrayLayer[Output: vector (size: 2) | Array: vector (size: 2) | initialized]")
        #expect(OutputForm.format(s.run("ConstantArrayLayer[\"Output\" -> {2, 3}]")) == "ConstantArrayLayer[Output: matrix (size: 2×3) | Array: matrix (size: 2×3) | uninitialized]")
        #expect(OutputForm.format(s.run("SeedRandom[1]; Dimensions[NetInitialize[ConstantArrayLayer[\"Output\" -> {2, 3}]][]]")) == "{2, 3}")
        #expect(OutputForm.format(s.run("NetExtract[ConstantArrayLayer[\"Array\" -> {{1, 2}}], \"Output\"]")) == "{1, 2}")
        #expect(s.run("ConstantArrayLayer[\"Output\" -> 2] === ToExpression[ToString[InputForm[ConstantArrayLayer[\"Output\" -> 2]]]]") == .symbol(Sym.True))
        #expect(s.run("c = ConstantArrayLayer[\"Array\" -> {1., 2.}, LearningRateMultipliers -> 0]; ToExpression[ToString[InputForm[c]]] === c") == .symbol(Sym.True))
        #expect(OutputForm.format(s.run("Information[c, \"ArraysLearningRateMultipliers\"]"), bareStrings: true) == "<|{Array} -> 0.|>")
        #expect(s.takeMessages().isEmpty)
        let bad: [(String, String)] = [
            ("ConstantArrayLayer[][]", "ConstantArrayLayer::nninit: Cannot evaluate net: unspecified value for array \"Array\"."),
            ("ConstantArrayLayer[\"Array\" -> {1, 2}, \"Output\" -> 3]", "ConstantArrayLayer::netinconsdims: The array has dimensions {2}, the output {3}."),
            ("ConstantArrayLayer[\"Foo\" -> 3]", "ConstantArrayLayer::netunkparam: \"Foo\" is not a known parameter for ConstantArrayLayer. Allowed parameters include: \"Array\" and \"Output\"."),
            ("ConstantArrayLayer[\"Array\" -> {1, 2}][{1, 2}]", "ConstantArrayLayer::invargc: 1 inputs provided, 0 were expected."),
            ("ConstantArrayLayer[\"Array\" -> \"x\"]", "ConstantArrayLayer::netinvparam2: Value of x given for \"Array\" was invalid: an array of real numbers was expected"),
            ("ConstantArrayLayer[\"Output\" -> {0}]", "ConstantArrayLayer::invportshape: Specification {0} is not compatible with port \"Output\", which must be an array of fixed dimensions."),
        ]
        for (code, message) in bad {
            #expect(s.run(code) == .failed, "\(code)")
            #expect(s.takeMessages() == [message], "\(code)")
        }
        #expect(s.run("NetChain[{ConstantArrayLayer[\"Array\" -> {1., 2.}]}]") == .failed)
        #expect(s.takeMessages().first?.contains("ConstantArrayLayer has no input: it can only be a node of a NetGraph") == true)
    }

    static let graph = "NetGraph[<|\"c\" -> ConstantArrayLayer[\"Array\" -> {1., 2.}], \"l\" -> LinearLayer[2], \"t\" -> TotalLayer[]|>, {NetPort[\"x\"] -> \"l\", {\"l\", \"c\"} -> \"t\"}, \"x\" -> 3]"

    @Test func inGraph() throws {
        let s = NetSession()
        _ = s.run("SeedRandom[4]; g = NetInitialize[\(Self.graph)];")
        #expect(flatValues(s.run("g[{0, 0, 0}]")) == [1, 2])
        #expect(flatValues(s.run("g[<|\"x\" -> {{0, 0, 0}, {0, 0, 0}}|>]")) == [1, 2, 1, 2])
        #expect(OutputForm.format(s.run("g")).contains("c: ConstantArrayLayer → vector (size: 2)"))
        #expect(OutputForm.format(s.run("Information[g, \"InputPortNames\"]"), bareStrings: true) == "{x}")
        // Trained: the array moves (with the biases) towards the targets; frozen it stays.
        _ = s.run("t = NetTrain[g, {{0, 0, 0} -> {5., 7.}}, MaxTrainingRounds -> 500, LearningRate -> 0.05, TrainingProgressReporting -> None, RandomSeeding -> 1];")
        let out = try #require(flatValues(s.run("t[{0, 0, 0}]")))
        #expect(abs(out[0] - 5) < 0.05 && abs(out[1] - 7) < 0.05, "\(out)")
        #expect(flatValues(s.run("Normal[NetExtract[t, {\"c\", \"Array\"}]]")) != [1, 2])
        _ = s.run("f = NetTrain[g, {{0, 0, 0} -> {5., 7.}}, MaxTrainingRounds -> 50, LearningRateMultipliers -> {\"c\" -> 0}, TrainingProgressReporting -> None];")
        #expect(flatValues(s.run("Normal[NetExtract[f, {\"c\", \"Array\"}]]")) == [1, 2])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("constant-\(UUID().uuidString).rampnet").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = s.run("Export[\"\(path)\", t]")
        #expect(s.run("Import[\"\(path)\"] === t") == .symbol(Sym.True))
        #expect(s.takeMessages().isEmpty)
        #expect(s.run("NetGraph[{ConstantArrayLayer[\"Array\" -> {1., 2.}], LinearLayer[2]}, {NetPort[\"Input\"] -> 1, 1 -> 2}]") == .failed)
        #expect(s.takeMessages().first?.contains("the layer has no input") == true)
    }
}
