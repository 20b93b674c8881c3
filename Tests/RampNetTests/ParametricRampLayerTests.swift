import Testing
import Ramp

@Suite struct ParametricRampLayerTests {
    // MARK: The documentation page's examples (wolfram-nn.md §1.2)

    @Test func basicExampleCreatesAnUninitializedLayer() {
        let s = NetSession()
        let layer = s.ev(call("ParametricRampLayer"))
        guard case .native(let o as ParametricRampLayer) = layer else { Issue.record("not a layer: \(layer)"); return }
        #expect(!o.isInitialized)
        #expect(o.summary.contains("uninitialized"))
        #expect(o.summary.contains("Levels: 1"))
        #expect(s.takeMessages().isEmpty)
    }

    @Test func basicExampleWithScalarSlopeAppliesToAMatrix() {
        let s = NetSession()
        let prelu = s.ev(call("ParametricRampLayer", [], rule("Slope", 0.25)))
        let out = s.ev(.call(prelu, [[[10, 10, 10], [-10, -10, -10]]]))
        #expect(flatValues(out) == [10, 10, 10, -2.5, -2.5, -2.5])
        #expect(s.takeMessages().isEmpty)
    }

    @Test func scopeVectorOfLength3HasThreeSlopes() {
        let s = NetSession()
        let prelu = s.ev(call("NetInitialize", call("ParametricRampLayer", rule("Input", 3))))
        let slope = s.ev(call("NetExtract", prelu, "Slope"))
        guard case .native(let na as NumericArrayObject) = slope else { Issue.record("\(slope)"); return }
        #expect(na.type == .real32 && na.shape == [3])
        #expect(flatValues(s.ev(call("Normal", slope))) == [f32(0.1), f32(0.1), f32(0.1)])
        #expect(flatValues(s.ev(.call(prelu, [[-1, 0, 2]]))) == [-f32(0.1), 0, 2])
        // A batch of two.
        #expect(flatValues(s.ev(.call(prelu, [[[-1, 0, 2], [3, -10, 1]]]))) == [-f32(0.1), 0, 2, 3, Double(Float(0.1) * -10), 1])
    }

    @Test func scopeUniqueSlopeAndSequences() {
        let s = NetSession()
        let unique = s.ev(call("NetInitialize", call("ParametricRampLayer", [], rule("Input", 3))))
        #expect(s.ev(call("Dimensions", call("NetExtract", unique, "Slope"))) == [])
        let seq = s.ev(call("NetInitialize", call("ParametricRampLayer", 2, rule("Input", ["Varying", 3]))))
        #expect(s.ev(call("Dimensions", call("NetExtract", seq, "Slope"))) == [3])
        let out = s.ev(.call(seq, [[[-1, -2, -3], [1, 2, 3]]]))
        #expect(flatValues(out) == [-f32(0.1), f32(-0.2), f32(-0.30000000000000004), 1, 2, 3].map { f32($0) })
        // A ragged batch of sequences.
        let ragged = s.ev(.call(seq, [[[[-1, 0, 1]], [[1, 1, 1], [-10, -10, -10]]]]))
        #expect(ragged.args.count == 2)
        #expect(flatValues(ragged.args[1]) == [1, 1, 1] + Array(repeating: Double(Float(0.1) * -10), count: 3))
        #expect(s.takeMessages().isEmpty)
    }

    @Test func defaultLevelOnASequenceCannotBeInitialized() {
        let s = NetSession()
        let r = s.ev(call("NetInitialize", call("ParametricRampLayer", rule("Input", ["Varying", 3]))))
        #expect(r == .failed)
        #expect(s.takeMessages() == ["NetInitialize::nninit: Cannot initialize net: unspecified or partially specified shape for array \"Slope\"."])
    }

    @Test func optionsSlopeListAndFixedLeakyRelu() {
        let s = NetSession()
        let layer = s.ev(call("ParametricRampLayer", rule("Slope", [0.1, 0.2, 0.3])))
        let out = s.ev(.call(layer, [[[-1, -1], [-1, 1], [2, -2]]]))
        #expect(flatValues(out) == [-f32(0.1), -f32(0.1), -f32(0.2), 1, 2, -Double(Float(0.3) * 2)])
        let leaky = s.ev(call("ParametricRampLayer", [], rule("Slope", 0.2), rule(LRM, 0)))
        #expect(flatValues(s.ev(.call(leaky, [[-5, 5]]))) == [Double(Float(0.2) * -5), 5])
        #expect(s.ev(call("NetExtract", leaky, LRM)) == 0)
    }

    @Test func scalarSlopeFillsEverySlopeOfTheLevels() {
        let s = NetSession()
        let layer = s.ev(call("ParametricRampLayer", [1, 2], rule("Slope", 0.5), rule("Input", [2, 3])))
        #expect(s.ev(call("Dimensions", call("NetExtract", layer, "Slope"))) == [2, 3])
        #expect(flatValues(s.ev(.call(layer, [[[-2, -2, -2], [-2, -2, -2]]]))) == [-1, -1, -1, -1, -1, -1])
    }

    // MARK: Level forms against the scalar reference

    @Test func everyLevelFormThroughTheLayer() {
        let s = NetSession()
        let shapes: [[Int]] = [[3], [3, 4], [2, 3, 4]]
        let specs: [(Expr, (Int) -> [Int])] = [
            (1, { _ in [0] }), (span(1, 2), { r in r >= 2 ? [0, 1] : [] }), ([1, 2], { _ in [0, 1] }),
            ([], { _ in [] }), (2, { _ in [1] }), (-1, { r in [r - 1] }),
        ]
        for shape in shapes {
            for (spec, levels) in specs {
                let r = shape.count
                let lv = levels(r)
                if lv.contains(where: { $0 >= r }) || (spec == span(1, 2) && r < 2) { continue }
                let ref = ScalarPReLU(exampleShape: shape, batch: 4, levels: lv)
                let slopes = (0..<ref.slopeCount).map { Double($0 + 1) / 8 }
                let slopeExpr: Expr = lv.isEmpty ? .real(slopes[0]) : packed(slopes, lv.map { shape[$0] })
                let layer = s.ev(call("ParametricRampLayer", spec, rule("Slope", slopeExpr), rule("Input", .list(shape.map { .integer($0) }))))
                let x = testData(ref.count, seed: 3).map(Double.init)
                let out = s.ev(.call(layer, [packed(x, [4] + shape)]))
                let expected = ref.forward(x.map(Float.init), slopes.map(Float.init)).map(Double.init)
                #expect(flatValues(out) == expected, "\(shape) \(spec)")
                // A NumericArray in gives a NumericArray out.
                let na = s.ev(call("NumericArray", packed(x, [4] + shape), "Real32"))
                let naOut = s.ev(.call(layer, [na]))
                #expect(naOut.head == .sym("NumericArray"))
                #expect(flatValues(naOut) == expected)
            }
        }
        #expect(s.takeMessages().isEmpty)
    }

    @Test func integersNaNAndInfinitiesFlowThrough() {
        let s = NetSession()
        let layer = s.ev(call("ParametricRampLayer", [], rule("Slope", 0.5)))
        let out = s.ev(.call(layer, [[-4, .sym("Indeterminate"), .call(Sym.DirectedInfinity, 1), .call(Sym.DirectedInfinity, -1)]]))
        let v = flatValues(out) ?? []
        #expect(v.count == 4 && v[0] == -2 && v[1].isNaN && v[2] == .infinity && v[3] == -.infinity)
    }

    // MARK: Messages

    @Test func realInputIsRejected() {
        let s = NetSession()
        #expect(s.ev(call("ParametricRampLayer", rule("Input", "Real"))) == .failed)
        #expect(s.takeMessages() == ["ParametricRampLayer::invportshape: Specification Real is not compatible with port \"Input\", which must be an array of rank ≥ 1."])
    }

    @Test func inconsistentSlopeDimensions() {
        let s = NetSession()
        #expect(s.ev(call("ParametricRampLayer", rule("Slope", [2, 3]), rule("Input", [3]))) == .failed)
        #expect(s.takeMessages() == ["ParametricRampLayer::netinconsdims: Inferred inconsistent dimensions for array \"Slope\" (a length-2 vector of real numbers versus a length-3 vector of real numbers)."])
    }

    @Test func applyingUninitializedAndBadData() {
        let s = NetSession()
        let raw = s.ev(call("ParametricRampLayer", rule("Input", 3)))
        #expect(s.ev(.call(raw, [[1, 2, 3]])) == .failed)
        #expect(s.takeMessages() == ["ParametricRampLayer::nninit: Cannot evaluate net: unspecified value for array \"Slope\"."])
        let net = s.ev(call("NetInitialize", raw))
        #expect(s.ev(.call(net, [[1, 2]])) == .failed)
        #expect(s.takeMessages() == ["ParametricRampLayer::invindata1: Data supplied to port \"Input\" was a length-2 vector of real numbers, but expected a length-3 vector of real numbers."])
        #expect(s.ev(.call(net, [[]])) == .failed)
        #expect(s.takeMessages() == ["ParametricRampLayer::netemptin: Empty inputs are not permitted."])
        #expect(s.ev(.call(net, ["a"])) == .failed)
        #expect(s.takeMessages() == ["ParametricRampLayer::invindata2: Data supplied to port \"Input\" was not a length-3 vector of real numbers (or a list of these)."])
    }

    @Test func unknownParameterBadRuleAndArgumentCount() {
        let s = NetSession()
        #expect(s.ev(call("ParametricRampLayer", rule("Foo", 1))) == .failed)
        #expect(s.takeMessages() == ["ParametricRampLayer::netunkparam: \"Foo\" is not a known parameter for ParametricRampLayer. Allowed parameters include: \"Slope\", \"Input\", \"Output\" and LearningRateMultipliers."])
        #expect(s.ev(call("ParametricRampLayer", rule(1, 2))) == .failed)
        let m = s.takeMessages()
        #expect(m.count == 1 && m[0].hasPrefix("ParametricRampLayer::netinvrule: ") && m[0].hasSuffix(" is not a valid option for ParametricRampLayer."))
        #expect(s.ev(call("ParametricRampLayer", 1, 2)) == .failed)
        #expect(s.takeMessages() == ["ParametricRampLayer::argcnterr: ParametricRampLayer provided with 2 parameters; 0 or 1 parameters are expected."])
    }

    // MARK: Round trips

    @Test func inputFormEvaluatesBackToAnEqualLayer() {
        let s = NetSession()
        let layers = [
            call("ParametricRampLayer"),
            call("NetInitialize", call("ParametricRampLayer", rule("Input", [3, 4]))),
            call("ParametricRampLayer", span(1, 2), rule("Slope", 0.3), rule(LRM, 0)),
            call("ParametricRampLayer", [], rule("Slope", 0.25)),
            call("ParametricRampLayer", [2, 1], rule("Input", ["Varying", 3, 2])),
        ]
        for l in layers {
            let layer = s.ev(l)
            guard case .native(let o) = layer else { Issue.record("\(l)"); continue }
            #expect(s.ev(o.inputForm) == layer, "\(o.inputForm)")
        }
        #expect(s.takeMessages().isEmpty)
    }

    // MARK: Issue 12: scalar slope under the default level, data messages

    /// `ParametricRampLayer["Slope" -> 0.3]` takes its dimensions from the data (was `nninit`),
    /// and once the dimensions are known `NetExtract` gives the filled array, not `Automatic`.
    @Test func scalarSlopeUnderTheDefaultLevelIsAppliedToData() {
        let s = NetSession()
        let layer = s.ev(call("ParametricRampLayer", rule("Slope", 0.3)))
        #expect(flatValues(s.ev(.call(layer, [[-1, -2]]))) == [-f32(0.3), Double(Float(0.3) * -2)])
        #expect(flatValues(s.ev(.call(layer, [[[-1, 4], [2, -10]]]))) == [-f32(0.3), 4, 2, Double(Float(0.3) * -10)])
        #expect(s.takeMessages().isEmpty)
        // Dimensions unknown: Automatic, as Wolfram documents for parameters not yet inferred.
        #expect(s.ev(call("NetExtract", layer, "Slope")) == .automatic)
        let fixed = s.ev(call("ParametricRampLayer", rule("Slope", 0.3), rule("Input", 2)))
        #expect(flatValues(s.ev(call("Normal", call("NetExtract", fixed, "Slope")))) == [f32(0.3), f32(0.3)])
        let chain = s.ev(call("NetChain", [call("LinearLayer", 3), call("ParametricRampLayer", rule("Slope", 0.3))], rule("Input", 2)))
        #expect(flatValues(s.ev(call("Normal", call("NetExtract", chain, [2, "Slope"])))) == [f32(0.3), f32(0.3), f32(0.3)])
        #expect(s.takeMessages().isEmpty)
    }

    /// Data messages name the real problem: a non-number (`invindata2`, with the port's shape),
    /// a ragged batch, a bad loss-layer `"Target"`.
    @Test func badDataMessagesNameTheProblem() {
        let s = NetSession()
        let net = s.ev(call("NetInitialize", call("ParametricRampLayer", rule("Input", 3))))
        #expect(s.ev(.call(net, [[1, 2, .sym("x")]])) == .failed)
        #expect(s.takeMessages() == ["ParametricRampLayer::invindata2: Data supplied to port \"Input\" was not a length-3 vector of real numbers (or a list of these)."])
        #expect(s.ev(.call(net, [[[1, 2, 3], [1, 2]]])) == .failed)
        #expect(s.takeMessages() == ["ParametricRampLayer::invindata1: Data supplied to port \"Input\" was a ragged list (elements of dimensions {3} and {2}), but expected a length-3 vector of real numbers (or a list of these)."])
        #expect(s.ev(.call(net, [[[1, 2, 3], [1, 2, .sym("x")]]])) == .failed)
        #expect(s.takeMessages() == ["ParametricRampLayer::invindata2: Data supplied to port \"Input\" was not a length-3 vector of real numbers (or a list of these)."])
        // Exact numbers are still read through N.
        #expect(flatValues(s.ev(.call(net, [[.sym("Pi"), 1, -10]]))) == [f32(Double.pi), 1, -Double(Float(0.1) * 10)])
        let loss = s.ev(call("MeanSquaredLossLayer"))
        #expect(s.ev(.call(loss, [call("Association", rule("Input", [1, 2]), rule("Target", [1, .sym("x")]))])) == .failed)
        #expect(s.takeMessages() == ["MeanSquaredLossLayer::invindata2: Data supplied to port \"Target\" was not a length-2 vector of real numbers (or a list of these)."])
        #expect(s.ev(.call(loss, [call("Association", rule("Input", [.sym("y"), 2]), rule("Target", [1, 2]))])) == .failed)
        #expect(s.takeMessages() == ["MeanSquaredLossLayer::invindata2: Data supplied to port \"Input\" was not an array of real numbers (or a list of these)."])
        #expect(s.ev(.call(loss, [call("Association", rule("Input", [[1, 2], [3, 4]]), rule("Target", [[1, 2], [3]]))])) == .failed)
        #expect(s.takeMessages() == ["MeanSquaredLossLayer::invindata1: Data supplied to port \"Target\" was a ragged list (elements of dimensions {2} and {1}), but expected a 2×2 matrix of real numbers (or a list of these)."])
    }
}
