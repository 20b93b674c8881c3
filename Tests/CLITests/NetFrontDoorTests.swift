import Foundation
import Testing

/// Issue 12 §2 (items 1, 2, 3, 4, 9, 12) through the `ramp` executable: `-c`, script files and
/// piped standard input, as users run it.
@Suite struct NetFrontDoorTests {
    /// A script's standard output, run as a file and as piped standard input (both must agree).
    func script(_ text: String) throws -> String {
        let file = try ramp([try scriptFile("nets.wl", text)])
        let piped = try ramp([], stdin: text)
        #expect(file.status == 0 && piped.status == 0, "\(file.err)\(piped.err)")
        #expect(file.out == piped.out)
        return file.out
    }

    // MARK: 1. SeedRandom makes NetInitialize and NetTrain reproducible

    @Test func seedRandomReproducesNetInitializeAcrossRuns() throws {
        let code = "SeedRandom[7]; Normal[NetExtract[NetInitialize[LinearLayer[3, \"Input\" -> 2]], \"Weights\"]]"
        let runs = try (0..<3).map { _ in try ramp(["-c", code]).out }
        #expect(runs[0].hasPrefix("{{"), "\(runs[0])")
        #expect(runs[1] == runs[0] && runs[2] == runs[0])
        let other = try ramp(["-c", code.replacingOccurrences(of: "SeedRandom[7]", with: "SeedRandom[8]")]).out
        #expect(other != runs[0])
    }

    @Test func seedRandomReproducesNetTrainAcrossRuns() throws {
        let code = """
            SeedRandom[3]; NetTrain[NetChain[{LinearLayer[4], ParametricRampLayer[], LinearLayer[1]}, "Input" -> 1],
              Table[{x} -> {Sin[x]}, {x, -2, 2, 0.25}], "RoundLossList", BatchSize -> 4, MaxTrainingRounds -> 3,
              TrainingProgressReporting -> None]
            """
        let first = try ramp(["-c", code]).out
        #expect(first.hasPrefix("{") && first.split(separator: ",").count == 3, "\(first)")
        #expect(try ramp(["-c", code]).out == first)
        #expect(try ramp(["-c", code]).out == first)
        // The case: a lone layer's trained slopes (the shuffling draws from SeedRandom's generator).
        let slopes = """
            SeedRandom[1]; Normal[NetExtract[NetTrain[ParametricRampLayer["Input" -> 3], Table[{x, -x, 2 x} -> {x, -0.3 x, 2 x}, {x, -1, 1, 0.01}],
              MaxTrainingRounds -> 3, BatchSize -> 7, TrainingProgressReporting -> None], "Slope"]]
            """
        let runs = try (0..<3).map { _ in try ramp(["-c", slopes]).out }
        #expect(runs[0].hasPrefix("{0.1") && runs[1] == runs[0] && runs[2] == runs[0], "\(runs)")
        let reseeded = try ramp(["-c", slopes.replacingOccurrences(of: "SeedRandom[1]", with: "SeedRandom[2]")]).out
        #expect(reseeded != runs[0])
    }

    @Test func seedRandomInsideOneScript() throws {
        let out = try script("""
            init := NetExtract[NetInitialize[LinearLayer[2, "Input" -> 2]], "Weights"];
            SeedRandom[1]; a = init; SeedRandom[1]; b = init; SeedRandom[2]; c = init;
            Print[{a === b, a === c}]
            Print[NetInitialize[ParametricRampLayer["Input" -> 2], RandomSeeding -> Automatic] === NetInitialize[ParametricRampLayer["Input" -> 2]]]
            """)
        #expect(out == "{True, False}\nTrue\n")
    }

    // MARK: 2. A scalar slope under the default level

    @Test func scalarSlopeAppliesOnceTheDataGivesItsDimensions() throws {
        let run = try ramp(["-c", "Round[1000 ParametricRampLayer[\"Slope\" -> 0.3][{-1, -2}]]"])
        #expect(run.out == "{-300, -600}\n")
        let out = try script("""
            p = ParametricRampLayer["Slope" -> 0.3];
            Print[Chop[p[{-1, -2}] - {-0.3, -0.6}, 10^-6]]
            Print[Head[NetExtract[ParametricRampLayer["Slope" -> 0.3, "Input" -> 2], "Slope"]]]
            Print[Round[10 Normal[NetExtract[NetChain[{LinearLayer[3], p}, "Input" -> 2], {2, "Slope"}]]]]
            """)
        #expect(out == "{0, 0}\nNumericArray\n{3, 3, 3}\n")
    }

    // MARK: 3. Options

    @Test func optionsOfTheNetBuiltinsWithWolframsDefaults() throws {
        #expect(try ramp(["-c", "Options[NetTrain]"]).out == "{BatchSize -> Automatic, LearningRate -> Automatic, LearningRateMultipliers -> Automatic, LossFunction -> Automatic, MaxTrainingRounds -> Automatic, Method -> Automatic, PerformanceGoal -> Automatic, RandomSeeding -> Inherited, TargetDevice -> CPU, TimeGoal -> Automatic, TrainingProgressCheckpointing -> None, TrainingProgressFunction -> None, TrainingProgressMeasurements -> Automatic, TrainingProgressReporting -> Automatic, TrainingStoppingCriterion -> None, ValidationSet -> None, WorkingPrecision -> Automatic}\n")
        #expect(try ramp(["-c", "Options[NetInitialize]"]).out == "{Method -> Automatic, RandomSeeding -> Inherited}\n")
        #expect(try ramp(["-c", "InputForm[Options[ParametricRampLayer]]"]).out == "{\"Slope\" -> Automatic, LearningRateMultipliers -> Automatic, \"Input\" -> Automatic, \"Output\" -> Automatic}\n")
        #expect(try ramp(["-c", "Options[StringMatchQ]"]).out == "{IgnoreCase -> False}\n")
        #expect(try ramp(["-c", "Options[Position]"]).out == "{Heads -> True}\n")
        #expect(try ramp(["-c", "Names[\"Learn*\"]"]).out == "{LearningRate, LearningRateMultipliers}\n")
    }

    @Test func optionNamesHaveUsageAndDoubleQuestionListsOptions() throws {
        let usage = try script("?BatchSize\n?MaxTrainingRounds\n")
        #expect(usage.hasPrefix("BatchSize is an option for NetTrain"), "\(usage)")
        #expect(usage.contains("\nMaxTrainingRounds is an option for NetTrain"))
        let long = try ramp([], stdin: "??NetTrain\n").out
        #expect(long.contains("Options[NetTrain] = {BatchSize -> Automatic, LearningRate -> Automatic, "), "\(long)")
        #expect(long.contains("RandomSeeding -> Inherited, TargetDevice -> \"CPU\""))
    }

    @Test func setOptionsChangesLaterCalls() throws {
        let out = try script("""
            SetOptions[NetTrain, MaxTrainingRounds -> 3, TrainingProgressReporting -> None];
            Print[NetTrain[ParametricRampLayer["Input" -> 2], {{-1, 2} -> {-0.2, 2}}, "TotalRounds"]]
            SetOptions[ParametricRampLayer, "Slope" -> 0.5];
            Print[ParametricRampLayer[][{-2, 4}]]
            SetOptions[StringMatchQ, IgnoreCase -> True];
            Print[StringMatchQ["ABC", "abc"]]
            Print[OptionValue[NetTrain, MaxTrainingRounds]]
            """)
        #expect(out == "3\n{-1., 4.}\nTrue\n3\n")
    }

    // MARK: 4. Validation loss in the progress output

    @Test func printProgressShowsValidationLossAndTheFinalRound() throws {
        let run = try ramp(["-c", """
            NetTrain[ParametricRampLayer["Input" -> 2], Table[{x, -x} -> {x, -0.3 x}, {x, -1, 1, 0.1}], "TotalRounds",
              MaxTrainingRounds -> 4, ValidationSet -> Scaled[0.2], TrainingProgressReporting -> "Print", RandomSeeding -> 1]
            """])
        let lines = run.out.split(separator: "\n").map(String.init)
        #expect(lines.first == "Starting training.")
        #expect(lines.last == "4")
        #expect(lines.dropLast().last == "Training complete.")
        let header = try #require(lines.first { $0.contains("round") })
        #expect(header.hasSuffix("validation"))
        let rows = lines.filter { $0.contains("%") && !$0.contains("round") }
        let last = try #require(rows.last)
        #expect(last.contains(" 4/4 "), "\(run.out)")
        // Batch loss, round loss and validation loss: three numbers at the end of the row.
        let cells = last.split(separator: " ")
        #expect(cells.suffix(3).allSatisfy { Double($0) != nil }, "\(last)")
    }

    @Test func csvLogHasValidationLoss() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ramp-nets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("log.csv").path
        let run = try ramp(["-c", """
            NetTrain[ParametricRampLayer["Input" -> 2], Table[{x, -x} -> {x, -0.3 x}, {x, -1, 1, 0.1}], "ValidationLossList",
              MaxTrainingRounds -> 3, ValidationSet -> Scaled[0.2], TrainingProgressReporting -> File["\(log)"]]
            """])
        let csv = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        #expect(csv.first == "round,batch,examples,learning_rate,time,round_loss,validation_loss")
        #expect(csv.count == 4)
        #expect(csv.dropFirst().allSatisfy { Double($0.split(separator: ",").last ?? "") != nil }, "\(csv)")
        #expect(run.out.hasPrefix("{") && run.out.split(separator: ",").count == 3)
    }

    // MARK: 9. Data messages

    @Test func dataMessagesNameTheRealProblem() throws {
        let out = try script("""
            p = NetInitialize[ParametricRampLayer["Input" -> 3]];
            p[{1, 2, x}];
            p[{{1, 2, 3}, {1, 2}}];
            MeanSquaredLossLayer[][<|"Input" -> {1, 2}, "Target" -> {1, x}|>];
            NetTrain[p, {{1, 2, 3} -> {1, 2, y}}];
            """)
        #expect(out == """

            ParametricRampLayer::invindata2: Data supplied to port "Input" was not a length-3 vector of real numbers (or a list of these).

            ParametricRampLayer::invindata1: Data supplied to port "Input" was a ragged list (elements of dimensions {3} and {2}), but expected a length-3 vector of real numbers (or a list of these).

            MeanSquaredLossLayer::invindata2: Data supplied to port "Target" was not a length-2 vector of real numbers (or a list of these).

            NetTrain::invindata2: Data supplied to port "Output" was not a length-3 vector of real numbers (or a list of these).

            """)
    }

    // MARK: 12. NetGraph

    @Test func netGraphBuildsAndRuns() throws {
        let run = try ramp(["-c", "Print[NetGraph[{ParametricRampLayer[], LinearLayer[2]}, {1 -> 2}, \"Input\" -> 3]];"])
        #expect(run.out == "NetGraph[Input: vector (size: 3) | 1: ParametricRampLayer ← Input → vector (size: 3) | 2: LinearLayer ← 1 → vector (size: 2) | Output: vector (size: 2) | uninitialized]\nNull\n")
    }
}
