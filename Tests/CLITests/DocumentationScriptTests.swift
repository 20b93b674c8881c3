import Testing
import Foundation

/// The documentation's ParametricRampLayer examples (wolfram-nn.md §1.2 and §5.4) run as a script
/// file: results through Print, NetTrain's automatic progress report ("Print" off a terminal).
@Suite struct DocumentationScriptTests {
    static let script = #"""
(* wolfram-nn.md §1.2: the ParametricRampLayer page's examples *)
prelu = ParametricRampLayer[{}, "Slope" -> 0.25];
Print[prelu[{{10, 10, 10}, {-10, -10, -10}}]];
prelu = NetInitialize@ParametricRampLayer["Input" -> 3];
Print[Normal[NetExtract[prelu, "Slope"]]];
Print[prelu[{-1, 0, 2}]];
data = Table[With[{x = {-1., -2., 0.5} k}, x -> MapThread[If[#1 < 0, #2 #1, #1] &, {x, {0.3, 0.5, 0.7}}]], {k, -2, 2, 0.25}];
trained = NetTrain[prelu, data, MaxTrainingRounds -> 400, LearningRate -> 0.05, RandomSeeding -> 3];
Print[Round[10 Normal[NetExtract[trained, "Slope"]]]];
Print[Dimensions[NetExtract[NetInitialize@ParametricRampLayer[{}, "Input" -> 3], "Slope"]]];
(* §5.4: a leaky ReLU with a fixed slope of 0.1 inside a trained network *)
leaky = ParametricRampLayer[LearningRateMultipliers -> 0];
net = NetChain[{LinearLayer[10], leaky, LinearLayer[1]}, "Input" -> 1];
data = Table[{x} -> {Sin[x]}, {x, -3, 3, 0.1}];
trained = NetTrain[net, data, MaxTrainingRounds -> 100, RandomSeeding -> 1];
Print[{Dimensions[NetExtract[trained, {2, "Slope"}]], NetExtract[trained, {2, "Slope"}] === NetExtract[NetInitialize[net], {2, "Slope"}]}];
Print[NetExtract[trained, {1, "Weights"}] =!= NetExtract[NetInitialize[net, RandomSeeding -> 1], {1, "Weights"}]];
"""#

    @Test func documentationExamplesRunAsAScript() throws {
        let path = try scriptFile("prelu-examples.wl", Self.script)
        let run = try ramp([path])
        #expect(run.status == 0)
        #expect(run.err == "")
        let lines = run.out.split(separator: "\n").map(String.init)
        let results = lines.filter { $0.hasPrefix("{") || $0 == "True" || $0 == "False" }
        #expect(results == [
            "{{10., 10., 10.}, {-2.5, -2.5, -2.5}}",
            "{0.10000000149011612, 0.10000000149011612, 0.10000000149011612}",
            "{-0.10000000149011612, 0., 2.}",
            "{3, 5, 7}",
            "{}",
            "{{10}, True}",
            "True",
        ], "\(run.out)")
        // Both trainings reported their start, their settings and their end.
        #expect(lines.filter { $0 == "Starting training." }.count == 2)
        #expect(lines.contains("Batch Size: 17"))
        #expect(lines.contains("Training Examples: 61"))
        #expect(lines.filter { $0 == "Training complete." }.count == 2)
        #expect(!run.out.contains("::"))
    }
}
