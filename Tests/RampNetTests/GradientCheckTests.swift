import Foundation
import Testing
@testable import RampNet
import Ramp

/// Finite-difference checks of every layer's backward pass and of the training losses.
@Suite struct GradientCheckTests {
    /// Deterministic values in ±scale, kept away from 0 (the kinks of Ramp and PReLU).
    static func values(_ n: Int, seed: UInt64, scale: Double = 1) -> [Float] {
        var r = NetRandom(seed: seed)
        return (0..<n).map { _ in
            let u = r.uniform() * 2 - 1
            return Float((u < 0 ? u - 0.1 : u + 0.1) * scale)
        }
    }

    /// L(net) = Σ y·r in Double; checks d L/d input and d L/d arrays against central differences.
    func check(_ source: String, inputShape: [Int], batch: Int = 3, tolerance: Double = 3e-3) throws {
        let s = NetSession()
        guard case .native(let model as any NetLayer) = s.run(source) else { Issue.record("not a layer: \(source)"); return }
        var rng = NetRandom(seed: 11)
        let inferred = try model.inferred(input: Shapes.fixed(inputShape))
        let net = try #require(try inferred.initialized(overwrite: false, random: &rng) as? any NetLayer)
        let x = Tensor(shape: [batch] + inputShape, data: Self.values(batch * inputShape.reduce(1, *), seed: 3))
        let y = net.forward(x)
        let r = Tensor(shape: y.shape, data: Self.values(y.count, seed: 5))
        let back = net.backward(input: x, output: y, gradient: r)
        func objective(_ n: any NetLayer, _ x: Tensor) -> Double {
            zip(n.forward(x).data, r.data).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        }
        let h: Float = 1e-2
        for i in 0..<x.count {
            var plus = x, minus = x
            plus.data[i] += h; minus.data[i] -= h
            let fd = (objective(net, plus) - objective(net, minus)) / Double(2 * h)
            #expect(abs(fd - Double(back.input.data[i])) <= tolerance * max(1, abs(fd)), "\(source) input[\(i)]: \(fd) vs \(back.input.data[i])")
        }
        let values = net.arraySlots.map { $0.value! }
        #expect(back.arrays.count == values.count)
        for (a, v) in values.enumerated() {
            for i in 0..<v.count {
                var plus = values, minus = values
                plus[a].data[i] += h; minus[a].data[i] -= h
                let fd = (objective(net.withArrayValues(plus), x) - objective(net.withArrayValues(minus), x)) / Double(2 * h)
                #expect(abs(fd - Double(back.arrays[a].data[i])) <= tolerance * max(1, abs(fd)),
                        "\(source) array \(a)[\(i)]: \(fd) vs \(back.arrays[a].data[i])")
            }
        }
    }

    @Test func parametricRamp() throws {
        try check("ParametricRampLayer[\"Slope\" -> {0.1, 0.3, -0.2}]", inputShape: [3])
        try check("ParametricRampLayer[{}, \"Slope\" -> 0.25]", inputShape: [2, 3])
        try check("ParametricRampLayer[2, \"Slope\" -> {0.1, 0.5, 0.9}]", inputShape: [2, 3])
    }

    /// Graphs: fan-out (one output feeding two layers sums their gradients), fan-in through
    /// TotalLayer and CatenateLayer, the graph's input feeding several layers, named nodes.
    @Test func graphs() throws {
        try check("NetGraph[{LinearLayer[4], ParametricRampLayer[\"Slope\" -> {0.1, 0.3, -0.2, 0.5}], ElementwiseLayer[Tanh], TotalLayer[], LinearLayer[2]}, {1 -> 2, 1 -> 3, {2, 3} -> 4, 4 -> 5}]", inputShape: [3])
        try check("NetGraph[{LinearLayer[3], ElementwiseLayer[#^2 &], CatenateLayer[]}, {NetPort[\"Input\"] -> 1 -> 2, {2, NetPort[\"Input\"], 1} -> 3}]", inputShape: [3])
        try check("NetGraph[<|\"a\" -> LinearLayer[{2, 3}], \"b\" -> LinearLayer[{2, 3}], \"t\" -> TotalLayer[], \"c\" -> CatenateLayer[]|>, {{\"a\", \"b\"} -> \"t\", {\"t\", \"a\"} -> \"c\"}]", inputShape: [2])
    }

    /// The graph layers of issue 18 alone (multi-input ones inside a graph).
    /// Graphs with several input ports: the packed input (every port's example joined) is what
    /// NetTrain differentiates, so its gradient is each port's gradient.
    @Test func graphPorts() throws {
        try check("NetGraph[<|\"a\" -> LinearLayer[2], \"b\" -> LinearLayer[2], \"t\" -> TotalLayer[]|>, {NetPort[\"x\"] -> \"a\", NetPort[\"y\"] -> \"b\", {\"a\", \"b\"} -> \"t\"}, \"x\" -> 3, \"y\" -> 2]", inputShape: [5])
        // A port feeding two layers and a layer directly; a matrix port.
        try check("NetGraph[{LinearLayer[3], ElementwiseLayer[Tanh], ThreadingLayer[Times], CatenateLayer[]}, {NetPort[\"x\"] -> 1 -> 2, {2, NetPort[\"x\"]} -> 3, {3, NetPort[\"y\"]} -> 4}, \"x\" -> 3, \"y\" -> 4]", inputShape: [7])
        try check("NetGraph[{LinearLayer[2], LinearLayer[2], TotalLayer[]}, {NetPort[\"m\"] -> 1, NetPort[\"v\"] -> 2, {1, 2} -> 3}, \"m\" -> {2, 3}, \"v\" -> 2]", inputShape: [8])
    }

    /// ConstantArrayLayer: alone (its output the array for every example) and as a graph node
    /// feeding a product and a sum.
    @Test func constantArray() throws {
        try check("ConstantArrayLayer[\"Array\" -> {{0.5, -0.3}, {0.2, 0.9}}]", inputShape: [1])
        try check("NetGraph[{ConstantArrayLayer[\"Array\" -> {0.5, -0.3, 0.8}], LinearLayer[3], ThreadingLayer[Times], TotalLayer[]}, {NetPort[\"Input\"] -> 2, {1, 2} -> 3, {3, 1} -> 4}]", inputShape: [2])
        try check("NetGraph[{ConstantArrayLayer[\"Output\" -> 2], LinearLayer[2], TotalLayer[]}, {NetPort[\"x\"] -> 2, {1, 2, NetPort[\"y\"]} -> 3}, \"x\" -> 3, \"y\" -> 2]", inputShape: [5])
    }

    @Test func graphLayers() throws {
        try check("SoftmaxLayer[]", inputShape: [4])
        try check("SoftmaxLayer[]", inputShape: [2, 3])
        try check("FlattenLayer[]", inputShape: [2, 3])
        try check("SoftmaxLayer[1]", inputShape: [3, 2])
        try check("SoftmaxLayer[-2]", inputShape: [2, 3, 2])
        try check("FlattenLayer[1]", inputShape: [2, 3, 2])
        try check("FlattenLayer[-1]", inputShape: [2, 3, 2])
        try check("ReshapeLayer[{3, Automatic}]", inputShape: [6])
        try check("SummationLayer[]", inputShape: [2, 2])
        try check("DropoutLayer[0.2]", inputShape: [3])
        try check("PartLayer[2]", inputShape: [3, 2])
        try check("PartLayer[2 ;; 3]", inputShape: [4])
        try check("ConstantTimesLayer[\"Scaling\" -> {0.5, -2., 3.}]", inputShape: [3])
        try check("ConstantPlusLayer[\"Biases\" -> {{1., 2.}, {3., 4.}}]", inputShape: [2, 2])
        for f in ["Plus", "Times", "Subtract", "Divide", "Max", "Min"] {
            try check("NetGraph[{LinearLayer[3], ElementwiseLayer[Sin], ThreadingLayer[\(f)]}, {1 -> 2, {1, 2} -> 3}]", inputShape: [2])
        }
        try check("NetGraph[{LinearLayer[3], LinearLayer[3], LinearLayer[3], ThreadingLayer[Times]}, {{1, 2, 3} -> 4}]", inputShape: [2])
    }

    @Test func linear() throws {
        try check("LinearLayer[4]", inputShape: [3])
        try check("LinearLayer[{2, 2}]", inputShape: [2, 3])
        try check("LinearLayer[2, \"Biases\" -> None]", inputShape: [5])
    }

    @Test func elementwise() throws {
        for f in ["Tanh", "LogisticSigmoid", "Ramp", "\"SELU\"", "\"SoftPlus\"", "\"GELU\"", "\"Swish\"", "Sin", "(#^2 + 1 &)"] {
            try check("ElementwiseLayer[\(f)]", inputShape: [4])
        }
    }

    @Test func chain() throws {
        try check("NetChain[{LinearLayer[5], ParametricRampLayer[], LinearLayer[3], Tanh, LinearLayer[1]}]", inputShape: [4])
    }

    @Test func losses() {
        let x = Tensor(shape: [3, 4], data: Self.values(12, seed: 8))
        let t = Tensor(shape: [3, 4], data: Self.values(12, seed: 9))
        for loss in [TrainingLoss.meanSquared, .meanAbsolute] {
            let (losses, g) = loss.evaluate(output: x, target: t)
            func total(_ x: Tensor) -> Double { loss.evaluate(output: x, target: t).losses.reduce(0.0) { $0 + Double($1) } }
            // Per-example value against the definition.
            for b in 0..<3 {
                let d = (0..<4).map { Double(x.data[b * 4 + $0]) - Double(t.data[b * 4 + $0]) }
                let want = loss == .meanSquared ? d.map { $0 * $0 }.reduce(0, +) / 4 : d.map(abs).reduce(0, +) / 4
                #expect(abs(Double(losses[b]) - want) < 1e-6)
            }
            let h: Float = 1e-3
            for i in 0..<12 {
                var p = x, m = x
                p.data[i] += h; m.data[i] -= h
                let fd = (total(p) - total(m)) / Double(2 * h)
                #expect(abs(fd - Double(g.data[i])) < 2e-3, "\(loss) [\(i)]: \(fd) vs \(g.data[i])")
            }
        }
    }

    /// Cross-entropy in its three forms: values against the definition, gradients by differences.
    @Test func crossEntropyLosses() {
        // Probabilities in (0.1, 0.9): 3 examples of 2 groups of 3 classes.
        let x = Tensor(shape: [3, 2, 3], data: Self.values(18, seed: 8).map { 0.5 + 0.35 * $0 })
        let probabilities = Tensor(shape: [3, 2, 3], data: Self.values(18, seed: 9).map { 0.5 + 0.4 * $0 })
        let indices = Tensor(shape: [3, 2], data: [1, 3, 2, 2, 3, 1])
        let cases: [(CrossEntropyForm, Tensor)] = [(.probabilities, probabilities), (.binary, probabilities), (.index, indices)]
        for (form, t) in cases {
            let (losses, g) = form.evaluate(output: x, target: t)
            for b in 0..<3 {
                var want = 0.0
                for k in 0..<2 {
                    for c in 0..<3 {
                        let p = Double(x.data[b * 6 + k * 3 + c])
                        let y: Double
                        if form == .index { y = Int(t.data[b * 2 + k]) == c + 1 ? 1 : 0 } else { y = Double(t.data[b * 6 + k * 3 + c]) }
                        if form == .binary {
                            let term: Double = y * Foundation.log(p) + (1 - y) * Foundation.log(1 - p)
                            want -= term / 6
                        } else {
                            want -= y * Foundation.log(p) / 2
                        }
                    }
                }
                #expect(abs(Double(losses[b]) - want) < 1e-5, "\(form) example \(b): \(losses[b]) vs \(want)")
            }
            func total(_ x: Tensor) -> Double { form.evaluate(output: x, target: t).losses.reduce(0.0) { $0 + Double($1) } }
            let h: Float = 1e-3
            for i in 0..<18 {
                var p = x, m = x
                p.data[i] += h; m.data[i] -= h
                let fd = (total(p) - total(m)) / Double(2 * h)
                #expect(abs(fd - Double(g.data[i])) < 5e-3 * max(1, abs(fd)), "\(form) [\(i)]: \(fd) vs \(g.data[i])")
            }
        }
    }
}
