import Testing
import Ramp

/// The documentation page's examples (wolfram-nn.md §1.2) typed as source text.
@Suite struct DocExamplesTests {
    func run(_ s: NetSession, _ source: String) throws -> Expr { try s.kernel.evaluate(source: source) }

    @Test func pageExamplesFromSource() throws {
        let s = NetSession()
        _ = try run(s, "prelu = ParametricRampLayer[{}, \"Slope\" -> 0.25]")
        #expect(try run(s, "prelu[{{10, 10, 10}, {-10, -10, -10}}]") == [[10.0, 10.0, 10.0], [-2.5, -2.5, -2.5]])
        _ = try run(s, "prelu = NetInitialize@ParametricRampLayer[\"Input\" -> 3]")
        #expect(try run(s, "Normal[NetExtract[prelu, \"Slope\"]]") == .list(Array(repeating: .real(f32(0.1)), count: 3)))
        #expect(try run(s, "prelu[{-1, 0, 2}]") == [.real(-f32(0.1)), 0.0, 2.0])
        #expect(try run(s, "Dimensions[NetExtract[NetInitialize@ParametricRampLayer[{}, \"Input\" -> 3], \"Slope\"]]") == [])
        #expect(try run(s, "Dimensions[NetExtract[NetInitialize@ParametricRampLayer[2, \"Input\" -> {\"Varying\", 3}], \"Slope\"]]") == [3])
        let fixed = try run(s, "fixed = ParametricRampLayer[<1, 2>, \"Slope\" -> 0.2, LearningRateMultipliers -> 0, \"Input\" -> {2, 2}]")
        #expect(try run(s, "NetExtract[fixed, \"Levels\"]") == [1, 2])
        guard case .native(let layer as ParametricRampLayer) = fixed else { Issue.record("\(fixed)"); return }
        #expect(layer.arraySlots[0].learningRateMultiplier == 0)
        #expect(s.takeMessages().isEmpty)
    }

    @Test func frozenSlopeInAChain() throws {
        let s = NetSession()
        _ = try run(s, "leaky = ParametricRampLayer[LearningRateMultipliers -> 0]")
        _ = try run(s, "net = NetInitialize[NetChain[{LinearLayer[10], leaky, LinearLayer[1]}, \"Input\" -> 1]]")
        #expect(try run(s, "Normal[NetExtract[net, {2, \"Slope\"}]]") == .list(Array(repeating: .real(f32(0.1)), count: 10)))
        #expect(try run(s, "Information[net, \"ArraysLearningRateMultipliers\"][{2, \"Slope\"}]") == 0.0)
        #expect(try run(s, "Information[net, \"LayersCount\"]") == 3)
        #expect(try run(s, "Information[net, \"ArraysTotalElementCount\"]") == 41)
    }

    @Test func usageText() throws {
        let s = NetSession()
        let usage = try run(s, "MessageName[ParametricRampLayer, \"usage\"]")
        #expect(usage.string?.hasPrefix("ParametricRampLayer[] represents a net layer") == true)
    }
}
