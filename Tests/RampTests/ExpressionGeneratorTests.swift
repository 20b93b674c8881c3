import Testing
import Ramp
import RampFuzzing

/// The evaluation fuzzer's program generator (Sources/RampFuzzing).
@Suite struct ExpressionGeneratorTests {
    static let names = BudgetedEvaluator.builtinNames()

    @Test func namesComeFromTheKernelWithoutTheExcludedOnes() {
        #expect(Self.names.contains("Table"))
        #expect(Self.names.contains("ParametricRampLayer"))
        #expect(!Self.names.contains("Exit"))
        #expect(!Self.names.contains("DeleteFile"))
    }

    @Test func everyByteStringGivesAProgramThatParses() throws {
        let generator = ExpressionGenerator(names: Self.names)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for length in 0..<300 {
            let bytes = (0..<length).map { _ -> UInt8 in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return UInt8(truncatingIfNeeded: state >> 56)
            }
            let program = generator.program(bytes)
            #expect(program == generator.program(bytes))
            #expect(throws: Never.self, "\(program)") { try Parser.parseProgram(program) }
        }
    }

    @Test func theBudgetAbortsALongEvaluation() {
        let evaluator = BudgetedEvaluator(seconds: 0.2)
        #expect(evaluator.run("While[True]") == "$Aborted")
        #expect(evaluator.run("1 + 1") == "2")
    }

    /// Printing the result counts toward the budget. A fuzz finding (Fixtures/fuzz-eval,
    /// permutations-print-budget.wl) evaluated in milliseconds and then took two seconds to print in
    /// three forms; a result that takes long to print now stops printing at the budget (here a
    /// packed Range, quick to build and about 79 million characters in InputForm).
    @Test func theBudgetCoversPrintingTheResult() throws {
        let evaluator = BudgetedEvaluator(seconds: 0.5)
        let text = try #require(evaluator.run("Range[10^7]"))
        #expect(text.hasPrefix("{1, 2, 3"))
        #expect(!text.hasSuffix("10000000}"))
    }
}
