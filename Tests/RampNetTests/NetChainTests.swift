import Foundation
import Testing
import Ramp

@Suite struct NetChainTests {
    /// The LearningRateMultipliers example's net: Linear → frozen leaky ReLU → Linear.
    func exampleNet(_ s: NetSession) -> Expr {
        let leaky = call("ParametricRampLayer", rule(LRM, 0))
        return s.ev(call("NetChain", [call("LinearLayer", 10), leaky, call("LinearLayer", 1)], rule("Input", 1)))
    }

    @Test func shapesAreInferredThroughTheChain() {
        let s = NetSession()
        let net = exampleNet(s)
        #expect(s.ev(call("NetExtract", net, "Output")) == 1)
        #expect(s.ev(call("NetExtract", net, [2, "Input"])) == 10)
        let initialized = s.ev(call("NetInitialize", net, rule(.sym("RandomSeeding"), 1234)))
        let slope = s.ev(call("Normal", call("NetExtract", initialized, [2, "Slope"])))
        #expect(flatValues(slope) == Array(repeating: f32(0.1), count: 10))
        // Reproducible with a seed.
        let again = s.ev(call("NetInitialize", net, rule(.sym("RandomSeeding"), 1234)))
        #expect(again == initialized)
        let out = s.ev(.call(initialized, [[0.5]]))
        #expect(flatValues(out)?.count == 1)
        #expect(s.takeMessages().isEmpty)
    }

    @Test func chainOutputMatchesTheLayersAppliedInTurn() {
        let s = NetSession()
        let net = s.ev(call("NetInitialize", exampleNet(s), rule(.sym("RandomSeeding"), 7)))
        var x: Expr = [[0.25], [-2.0]]
        let whole = s.ev(.call(net, [x]))
        for i in 1...3 { x = s.ev(.call(s.ev(call("NetExtract", net, .integer(i))), [x])) }
        #expect(whole == x)
    }

    @Test func integersAndFunctionsBecomeLayers() {
        let s = NetSession()
        let net = s.ev(call("NetChain", [3, .sym("Ramp"), "SELU", .call(Sym.Function, [.call(Sym.Plus, .call(Sym.Slot, 1), 1)])], rule("Input", 2)))
        let normal = s.ev(call("Normal", net))
        #expect(normal.args.map { $0.head } == [.sym("LinearLayer"), .sym("ElementwiseLayer"), .sym("ElementwiseLayer"), .sym("ElementwiseLayer")])
        #expect(s.ev(call("Information", net, "LayersCount")) == 4)
        #expect(s.ev(call("Information", net, "LayerTypeCounts")) == s.ev(.call(Sym.Association, [rule(.sym("LinearLayer"), 1), rule(.sym("ElementwiseLayer"), 3)])))
    }

    @Test func associationFormAndNamedExtraction() {
        let s = NetSession()
        let net = s.ev(call("NetChain", .call(Sym.Association, [rule("lin", call("LinearLayer", 3)), rule("act", call("ParametricRampLayer"))]), rule("Input", 4)))
        #expect(s.ev(call("NetExtract", net, ["act", "Input"])) == 3)
        let initialized = s.ev(call("NetInitialize", net))
        #expect(s.ev(call("Information", initialized, "ArraysPositionList")) == [["lin", "Weights"], ["lin", "Biases"], ["act", "Slope"]])
        #expect(s.ev(call("Information", initialized, "ArraysTotalElementCount")) == 18)
    }

    @Test func elementwiseFunctionsAndGradients() {
        let s = NetSession()
        let cases: [(Expr, (Double) -> Double)] = [
            (.sym("Ramp"), { max($0, 0) }), (.sym("Tanh"), { tanh($0) }),
            (.sym("LogisticSigmoid"), { 1 / (1 + exp(-$0)) }), ("ReLU", { max($0, 0) }),
            ("ELU", { $0 >= 0 ? $0 : exp($0) - 1 }), ("SELU", { $0 >= 0 ? 1.0507009873554805 * $0 : 1.758099340847161 * (exp($0) - 1) }),
            ("Swish", { $0 / (1 + exp(-$0)) }), ("SoftPlus", { log(1 + exp($0)) }),
            ("GELU", { 0.5 * $0 * (1 + erf($0 / 2.0.squareRoot())) }),
            (.call(Sym.Function, [.call(Sym.Times, 2, .call(Sym.Power, .call(Sym.Slot, 1), 2))]), { 2 * $0 * $0 }),
        ]
        let xs = [-1.5, -0.25, 0.0, 0.5, 2.0]
        for (f, ref) in cases {
            let layer = s.ev(call("ElementwiseLayer", f))
            let out = flatValues(s.ev(.call(layer, [.list(xs.map { .real($0) })]))) ?? []
            let ok = out.count == xs.count && zip(out, xs).allSatisfy { abs($0 - f32(ref($1))) < 1e-5 * max(1, abs($0)) }
            #expect(ok, "\(f)")
            // Backward: the derivative matches a central difference.
            guard case .native(let l as ElementwiseLayer) = layer else { continue }
            let x = Tensor(shape: [1, xs.count], data: xs.map(Float.init))
            let dx = l.backward(input: x, output: l.forward(x), gradient: Tensor(shape: x.shape, repeating: 1)).input
            for (i, v) in xs.enumerated() where v != 0 {
                let numeric = (ref(v + 1e-4) - ref(v - 1e-4)) / 2e-4
                #expect(abs(Double(dx.data[i]) - numeric) < 1e-3 * max(1, abs(numeric)), "\(f) at \(v)")
            }
        }
    }

    @Test func linearLayerComputesWxPlusB() {
        let s = NetSession()
        let l = s.ev(call("LinearLayer", 2, rule("Weights", [[1, 2], [3, 4]]), rule("Biases", [0.5, -1])))
        #expect(flatValues(s.ev(.call(l, [[1, 1]]))) == [3.5, 6])
        #expect(s.ev(call("NetExtract", l, "Input")) == 2)
        // Gradients against a finite difference of sum(y).
        guard case .native(let layer as LinearLayer) = l else { Issue.record("not linear"); return }
        let x = Tensor(shape: [1, 2], data: [0.5, -1])
        let g = layer.backward(input: x, output: layer.forward(x), gradient: Tensor(shape: [1, 2], repeating: 1))
        #expect(g.input.data == [4, 6])
        #expect(g.arrays[0].data == [0.5, -1, 0.5, -1])
        #expect(g.arrays[1].data == [1, 1])
    }

    @Test func meanSquaredLoss() {
        let s = NetSession()
        let loss = s.ev(call("MeanSquaredLossLayer"))
        #expect(s.ev(.call(loss, [.call(Sym.Association, [rule("Input", [1, 2, 3]), rule("Target", [1, 2, 5])])])) == .real(Double(Float(4.0 / 3.0))))
        #expect(s.ev(.call(loss, [rule([0, 0], [3, 4])])) == 12.5)
    }

    @Test func chainBackwardMatchesFiniteDifferences() {
        let s = NetSession()
        let net = s.ev(call("NetInitialize", call("NetChain", [call("LinearLayer", 4), call("ParametricRampLayer", rule("Slope", 0.3)), call("LinearLayer", 1)], rule("Input", 3)), rule(.sym("RandomSeeding"), 5)))
        guard case .native(let chain as NetChain) = net else { Issue.record("no chain"); return }
        let x = Tensor(shape: [2, 3], data: [0.3, -0.7, 0.2, -0.5, 0.9, -0.1])
        let y = chain.forward(x)
        let grads = chain.backward(input: x, output: y, gradient: Tensor(shape: y.shape, repeating: 1))
        // Perturb every array element and compare d(sum y) with the analytic gradient.
        let values = chain.arraySlots.map { $0.value! }
        for (k, v) in values.enumerated() {
            for i in 0..<v.count {
                var plus = values, minus = values
                plus[k].data[i] += 1e-2
                minus[k].data[i] -= 1e-2
                let fp = chain.withArrayValues(plus).forward(x).data.reduce(0, +)
                let fm = chain.withArrayValues(minus).forward(x).data.reduce(0, +)
                let numeric = Double(fp - fm) / 2e-2
                #expect(abs(Double(grads.arrays[k].data[i]) - numeric) < 2e-2 * max(1, abs(numeric)), "array \(k) element \(i)")
            }
        }
    }
}
