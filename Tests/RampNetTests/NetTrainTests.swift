import Foundation
import Testing
@testable import RampNet
import Ramp

extension NetSession {
    /// Evaluates source text (CompoundExpression allowed).
    func run(_ source: String) -> Expr { (try? kernel.evaluate(source: source)) ?? .symbol(Symbol.named("$SyntaxError")) }
}

/// A fixed 8-example regression set: 2 inputs, 1 output.
let xs: [[Double]] = [[0.5, -1.0], [1.5, 0.25], [-0.75, 0.5], [2.0, -0.5], [-1.25, -1.0], [0.1, 0.9], [1.0, 1.0], [-2.0, 0.3]]
let ts: [Double] = [0.3, 1.1, -0.4, 1.2, -0.9, 0.2, 0.8, -1.0]

func dataSource() -> String {
    let ins = xs.map { "{\($0[0]), \($0[1])}" }.joined(separator: ", ")
    let outs = ts.map { "{\($0)}" }.joined(separator: ", ")
    return "{\(ins)} -> {\(outs)}"
}

@Suite struct NetTrainTests {
    /// Plain full-batch gradient descent against an independent float64 trajectory.
    @Test func sgdMatchesFloat64Reference() throws {
        let s = NetSession()
        let trained = s.run("""
            net = NetChain[{LinearLayer[1, "Weights" -> {{0.4, -0.3}}, "Biases" -> {0.05}], ParametricRampLayer[{}, "Slope" -> 0.2]}, "Input" -> 2];
            r = NetTrain[net, \(dataSource()), All, Method -> {"SGD", "Momentum" -> 0, "LearningRateSchedule" -> None},
              LearningRate -> 0.1, BatchSize -> 8, MaxTrainingRounds -> 50, TrainingProgressReporting -> None, RandomSeeding -> 1];
            {Normal[NetExtract[r["TrainedNet"], {1, "Weights"}]], Normal[NetExtract[r["TrainedNet"], {1, "Biases"}]],
             Normal[NetExtract[r["TrainedNet"], {2, "Slope"}]], r["RoundLossList"]}
            """)
        #expect(s.takeMessages().isEmpty)
        // Reference in Double.
        var w = [0.4, -0.3], b = 0.05, slope = 0.2
        var losses: [Double] = []
        for _ in 0..<50 {
            var dw = [0.0, 0.0], db = 0.0, ds = 0.0, loss = 0.0
            for (x, t) in zip(xs, ts) {
                let z = w[0] * x[0] + w[1] * x[1] + b
                let y = z > 0 ? z : slope * z
                loss += (y - t) * (y - t) / 8
                let dy = 2 * (y - t) / 8
                let dz = dy * (z > 0 ? 1 : slope)
                ds += z > 0 ? 0 : dy * z
                dw[0] += dz * x[0]; dw[1] += dz * x[1]; db += dz
            }
            losses.append(loss)
            w[0] -= 0.1 * dw[0]; w[1] -= 0.1 * dw[1]; b -= 0.1 * db; slope -= 0.1 * ds
        }
        let parts = trained.args
        try #require(parts.count == 4)
        let got = (flatValues(parts[0]) ?? []) + (flatValues(parts[1]) ?? []) + (flatValues(parts[2]) ?? [])
        let want = w + [b, slope]
        try #require(got.count == 4)
        for (g, r) in zip(got, want) { #expect(abs(g - r) <= 1e-5 * max(1, abs(r)), "\(got) vs \(want)") }
        let gotLosses = flatValues(parts[3]) ?? []
        try #require(gotLosses.count == 50)
        for (g, r) in zip(gotLosses, losses) { #expect(abs(g - r) <= 1e-5 * max(1, abs(r))) }
        #expect(losses.last! < losses.first!)
    }

    /// ADAM updates one by one against the folded formula of wolfram-nn.md §4.2.
    @Test func adamStepsMatchFormula() throws {
        let s = NetSession()
        var w = [0.4, -0.3], b = 0.05
        var m = [0.0, 0.0, 0.0], v = [0.0, 0.0, 0.0]
        for step in 1...5 {
            let out = s.run("""
                net = NetChain[{LinearLayer[1, "Weights" -> {{0.4, -0.3}}, "Biases" -> {0.05}]}, "Input" -> 2];
                t = NetTrain[net, \(dataSource()), BatchSize -> 8, MaxTrainingRounds -> \(step), LearningRate -> 0.01,
                  TrainingProgressReporting -> None];
                Join[Flatten[Normal[NetExtract[t, {1, "Weights"}]]], Normal[NetExtract[t, {1, "Biases"}]]]
                """)
            // Reference step `step`.
            var g = [0.0, 0.0, 0.0]
            for (x, t) in zip(xs, ts) {
                let y = w[0] * x[0] + w[1] * x[1] + b
                let dy = 2 * (y - t)
                g[0] += dy * x[0]; g[1] += dy * x[1]; g[2] += dy
            }
            g = g.map { $0 / 8 }
            let lrt = 0.01 * (1 - pow(0.999, Double(step))).squareRoot() / (1 - pow(0.9, Double(step)))
            var p = w + [b]
            for i in 0..<3 {
                m[i] = 0.9 * m[i] + 0.1 * g[i]
                v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i]
                p[i] -= lrt * m[i] / (v[i].squareRoot() + 1e-5)
            }
            w = [p[0], p[1]]; b = p[2]
            let got = try #require(flatValues(out))
            for (a, r) in zip(got, p) { #expect(abs(a - r) <= 2e-6, "step \(step): \(got) vs \(p)") }
        }
        #expect(s.takeMessages().isEmpty)
    }

    /// The documentation's "Learn the slopes on some data" example.
    @Test func learnTheSlopes() throws {
        let s = NetSession()
        let out = s.run("""
            prelu = NetInitialize@ParametricRampLayer["Input" -> 3];
            data = Table[With[{x = {-1., -2., 0.5} * k}, x -> {If[x[[1]] < 0, 0.3 x[[1]], x[[1]]], If[x[[2]] < 0, 0.5 x[[2]], x[[2]]], If[x[[3]] < 0, 0.7 x[[3]], x[[3]]]}], {k, -2, 2, 0.25}];
            trained = NetTrain[prelu, data, MaxTrainingRounds -> 400, LearningRate -> 0.05, TrainingProgressReporting -> None, RandomSeeding -> 3];
            Normal[NetExtract[trained, "Slope"]]
            """)
        let slopes = try #require(flatValues(out))
        try #require(slopes.count == 3)
        for (g, r) in zip(slopes, [0.3, 0.5, 0.7]) { #expect(abs(g - r) < 0.02, "\(slopes)") }
        #expect(s.takeMessages().isEmpty)
    }

    /// §5.4: a frozen leaky ReLU inside a trained chain stays bit-identical; the Linear layers learn.
    @Test func frozenSlopeStaysAndOthersTrain() throws {
        let s = NetSession()
        let out = s.run("""
            leaky = ParametricRampLayer[LearningRateMultipliers -> 0];
            net = NetInitialize[NetChain[{LinearLayer[10], leaky, LinearLayer[1]}, "Input" -> 1], RandomSeeding -> 5];
            data = Table[{x} -> {Sin[x]}, {x, -3., 3., 0.1}];
            r = NetTrain[net, data, All, MaxTrainingRounds -> 200, TrainingProgressReporting -> None, RandomSeeding -> 9];
            {Normal[NetExtract[r["TrainedNet"], {2, "Slope"}]], Normal[NetExtract[net, {1, "Weights"}]] === Normal[NetExtract[r["TrainedNet"], {1, "Weights"}]],
             First[r["RoundLossList"]], r["RoundLoss"], r["TotalRounds"], r["BatchSize"], r["TotalBatches"], r["ExamplesProcessed"],
             r["OptimizationMethod"], r["ReasonTrainingStopped"], r["FinalRoundLoss"] === r["RoundLoss"], Length[r["BatchLossList"]]}
            """)
        let p = out.args
        try #require(p.count == 12, "\(out)")
        #expect(flatValues(p[0]) == Array(repeating: f32(0.1), count: 10))
        #expect(p[1] == .symbol(Sym.False))
        let first = try #require(flatValues(p[2])?.first), last = try #require(flatValues(p[3])?.first)
        #expect(last < first / 2)
        #expect(p[4] == 200)
        #expect(p[5] == 61)
        #expect(p[6] == 200)
        #expect(p[7] == .integer(200 * 61))
        #expect(p[8] == "ADAM")
        #expect(p[9] == "MaxTrainingRoundsReached")
        #expect(p[10] == .symbol(Sym.True))
        #expect(p[11] == 200)
        #expect(s.takeMessages().isEmpty)
    }

    @Test func sameSeedIsBitIdentical() {
        let s = NetSession()
        let src = "NetTrain[NetChain[{LinearLayer[4], Ramp, LinearLayer[1]}, \"Input\" -> 2], \(dataSource()), MaxTrainingRounds -> 20, BatchSize -> 3, RandomSeeding -> 42, TrainingProgressReporting -> None]"
        let a = s.run(src), b = s.run(src)
        let c = s.run(src.replacingOccurrences(of: "RandomSeeding -> 42", with: "RandomSeeding -> 43"))
        #expect(a == b)
        #expect(a != c)
    }

    @Test func frozenAndParameterlessNetsAreReturnedUnchanged() {
        let s = NetSession()
        let frozen = s.run("f = NetInitialize@ParametricRampLayer[\"Input\" -> 3, LearningRateMultipliers -> 0]; NetTrain[f, {{1, 2, 3} -> {1, 2, 3}}] === f")
        #expect(frozen == .symbol(Sym.True))
        #expect(s.takeMessages() == ["NetTrain::netfrozen: All trainable parameters have been frozen: returning net unchanged."])
        let viaOption = s.run("g = NetInitialize@ParametricRampLayer[\"Input\" -> 3]; NetTrain[g, {{1, 2, 3} -> {1, 2, 3}}, LearningRateMultipliers -> 0] === g")
        #expect(viaOption == .symbol(Sym.True))
        #expect(s.takeMessages().first?.hasPrefix("NetTrain::netfrozen") == true)
        let none = s.run("e = ElementwiseLayer[Ramp]; NetTrain[e, {{1, 2} -> {1, 2}}] === e")
        #expect(none == .symbol(Sym.True))
        #expect(s.takeMessages() == ["NetTrain::netnoparams: Net does not contain any trainable parameters: returning net unchanged."])
    }

    @Test func learningRateMultiplierRules() throws {
        let s = NetSession()
        let out = s.run("""
            net = NetInitialize[NetChain[{LinearLayer[3], Ramp, LinearLayer[1]}, "Input" -> 2], RandomSeeding -> 1];
            t = NetTrain[net, \(dataSource()), LearningRateMultipliers -> {1 -> 0, _ -> 1}, MaxTrainingRounds -> 5, TrainingProgressReporting -> None];
            {NetExtract[t, {1, "Weights"}] === NetExtract[net, {1, "Weights"}], NetExtract[t, {3, "Weights"}] === NetExtract[net, {3, "Weights"}]}
            """)
        #expect(out == .list([.symbol(Sym.True), .symbol(Sym.False)]))
        #expect(s.takeMessages().isEmpty)
        _ = s.run("NetTrain[net, \(dataSource()), LearningRateMultipliers -> {7 -> 0}]")
        #expect(s.takeMessages().first?.hasPrefix("NetTrain::arrpattmiss") == true)
    }

    @Test func badDataGivesMessages() {
        let s = NetSession()
        _ = s.run("p = NetInitialize@ParametricRampLayer[\"Input\" -> 2];")
        let cases: [(String, String)] = [
            ("NetTrain[p, {}]", "NetTrain::nodata: No training data provided."),
            ("NetTrain[p, {{1, 2}, {3, 4}} -> {{1, 2}}]", "NetTrain::invinlen: Inconsistent numbers of examples provided to ports: lengths were {2, 1}."),
            ("NetTrain[p, 17]", "NetTrain::invtdata: Training data should be an association of lists, or a rule from input to output examples."),
            ("NetTrain[p, {{1, 2, 3} -> {1, 2}}]", "NetTrain::invindata1"),
            ("NetTrain[p, {{1, Indeterminate} -> {1, 2}}]", "NetTrain::invindata2"),
            // Packed reals beyond Float32's range (checked while reading them into Float32).
            ("NetTrain[p, RandomReal[{1, 2}, {3, 2}] 10.^300 -> RandomReal[1, {3, 2}]]", "NetTrain::invindata2: Data supplied to port \"Input\""),
            ("NetTrain[p, RandomReal[1, {3, 2}] -> Join[RandomReal[1, {2, 2}], {{1., -10.^50}}]]", "NetTrain::invindata2: Data supplied to port \"Output\""),
            ("NetTrain[p, {{1, 2} -> {1, 2}}, BatchSize -> -1]", "NetTrain::optpi"),
            ("NetTrain[p, {{1, 2} -> {1, 2}}, RandomSeeding -> 1.5]", "NetTrain::seeding"),
            ("NetTrain[p, {{1, 2} -> {1, 2}}, \"Bogus\"]", "NetTrain::invntrspec"),
        ]
        for (src, msg) in cases {
            let r = s.run(src)
            #expect(r == .failed, "\(src)")
            let m = s.takeMessages()
            #expect(m.count == 1 && m[0].hasPrefix(msg), "\(src): \(m)")
        }
    }

    /// Packed integer and real data train (read into Float32 in one pass, checked finite there).
    @Test func packedDataOfBothKinds() {
        let s = NetSession()
        let r = s.run("""
            p = NetInitialize@ParametricRampLayer["Input" -> 2];
            {Developer`PackedArrayQ[i = RandomInteger[{-3, 3}, {40, 2}]], Developer`PackedArrayQ[x = RandomReal[{-1, 1}, {40, 2}]],
             Head[NetTrain[p, i -> x, MaxTrainingRounds -> 2, TrainingProgressReporting -> None]],
             Head[NetTrain[p, x -> i, MaxTrainingRounds -> 2, TrainingProgressReporting -> None]]}
            """)
        let layer = Expr.symbol(Symbol.named("ParametricRampLayer"))
        #expect(r == .list([.symbol(Sym.True), .symbol(Sym.True), layer, layer]))
        #expect(s.takeMessages().isEmpty)
    }

    @Test func divergenceStopsWithArrdiv() {
        let s = NetSession()
        let r = s.run("""
            r = NetTrain[NetChain[{LinearLayer[1]}, "Input" -> 2], {{1000., 1000.} -> {1.}, {-1000., 2000.} -> {-1.}}, All,
              Method -> {"SGD", "Momentum" -> 0, "LearningRateSchedule" -> None}, LearningRate -> 10., MaxTrainingRounds -> 200,
              TrainingProgressReporting -> None];
            {r["ReasonTrainingStopped"], AllTrue[Flatten[Normal[NetExtract[r["TrainedNet"], {1, "Weights"}]]], NumberQ]}
            """)
        #expect(r.args.first == "WeightsDiverged")
        #expect(s.takeMessages().first?.hasPrefix("NetTrain::arrdiv") == true)
    }

    @Test func abortReturnsTheNetTrainedSoFar() {
        let s = NetSession()
        _ = s.run("p = NetInitialize@ParametricRampLayer[\"Input\" -> 2];")
        let kernel = s.kernel
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { kernel.abort() }
        let r = s.run("r = NetTrain[p, {{-1, -2} -> {-0.5, -1}}, All, MaxTrainingRounds -> 100000000, TrainingProgressReporting -> None]; {r[\"ReasonTrainingStopped\"], r[\"TotalBatches\"] > 0, Head[r[\"TrainedNet\"]]}")
        #expect(r == .list(["ManualStop", .symbol(Sym.True), .symbol(Symbol.named("ParametricRampLayer"))]))
        #expect(s.takeMessages().contains { $0.hasPrefix("NetTrain::aborted") })
    }

    @Test func validationSetPicksTheBestNet() throws {
        let s = NetSession()
        let out = s.run("""
            r = NetTrain[NetChain[{LinearLayer[1]}, "Input" -> 2], \(dataSource()), All, ValidationSet -> Scaled[0.25],
              MaxTrainingRounds -> 30, TrainingProgressReporting -> None, RandomSeeding -> 2];
            {r["ValidationExamples"], r["TrainingExamples"], Length[r["ValidationLossList"]], r["ValidationLoss"] == Min[r["ValidationLossList"]]}
            """)
        #expect(out == .list([2, 6, 30, .symbol(Sym.True)]))
    }

    @Test func printReportingAndLossPlot() {
        let s = NetSession()
        var printed: [String] = []
        s.kernel.printHandler = { printed.append($0) }
        let r = s.run("r = NetTrain[NetChain[{LinearLayer[1]}, \"Input\" -> 2], \(dataSource()), All, MaxTrainingRounds -> 3, TrainingProgressReporting -> \"Print\"]; r")
        #expect(printed.first == "Starting training.")
        #expect(printed.contains("Optimization Method: ADAM"))
        #expect(printed.last == "Training complete.")
        if case .native(let o as NetTrainResultsObject) = r {
            let plot = o.property("LossPlot")
            if case .native(let p as LossPlotObject)? = plot {
                #expect(p.summary.contains("*"))
                #expect(p.svg.hasPrefix("<svg"))
            } else { Issue.record("no plot") }
        } else { Issue.record("no results object: \(r)") }
        let path = NSTemporaryDirectory() + "ramp-loss-\(getpid()).svg"
        #expect(s.run("Export[\"\(path)\", r[\"LossPlot\"]]") == .string(path))
        let svg = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        // Drawn by the graphics module (Cairo): the loss plot's lines are paths.
        #expect(svg.contains("<svg") && svg.contains("<path"))
        try? FileManager.default.removeItem(atPath: path)
    }

    @Test func numericArrayAndAssociationData() {
        let s = NetSession()
        let out = s.run("""
            p = NetInitialize@ParametricRampLayer["Input" -> 2];
            a = NetTrain[p, NumericArray[{{-1., -2.}, {1., 2.}}, "Real32"] -> NumericArray[{{-0.5, -1.}, {1., 2.}}, "Real32"], "TotalBatches", MaxTrainingRounds -> 3, TrainingProgressReporting -> None];
            b = NetTrain[p, <|"Input" -> {{-1., -2.}, {1., 2.}}, "Output" -> {{-0.5, -1.}, {1., 2.}}|>, {"TotalRounds", "BatchSize"}, MaxTrainingRounds -> 4, TrainingProgressReporting -> None];
            {a, b}
            """)
        #expect(out == .list([3, .list([4, 2])]))
        #expect(s.takeMessages().isEmpty)
    }

    /// Bad training data names the net's port shape, and a ragged example list says so (issue 12).
    @Test func badTrainingDataNamesThePortShape() {
        let s = NetSession()
        #expect(s.run("NetTrain[ParametricRampLayer[\"Input\" -> 3], {{1, 2, x} -> {1, 2, 3}}]") == .failed)
        #expect(s.takeMessages() == ["NetTrain::invindata2: Data supplied to port \"Input\" was not a length-3 vector of real numbers (or a list of these)."])
        #expect(s.run("NetTrain[ParametricRampLayer[\"Input\" -> 3], {{1, 2, 3} -> {1, 2, y}}]") == .failed)
        #expect(s.takeMessages() == ["NetTrain::invindata2: Data supplied to port \"Output\" was not a length-3 vector of real numbers (or a list of these)."])
        #expect(s.run("NetTrain[ParametricRampLayer[], {{1, 2, 3} -> {1, 2, 3}, {1, 2} -> {1, 2}}]") == .failed)
        #expect(s.takeMessages() == ["NetTrain::invindata1: Data supplied to port \"Input\" was a ragged list (elements of dimensions {3} and {2}), but expected an array of real numbers (or a list of these)."])
        #expect(s.run("NetTrain[ParametricRampLayer[\"Input\" -> 3], {{1, 2, 3} -> {1, 2, 3}, {1, 2} -> {1, 2}}]") == .failed)
        #expect(s.takeMessages() == ["NetTrain::invindata1: Data supplied to port \"Input\" was a length-2 vector of real numbers, but expected a length-3 vector of real numbers."])
    }
}
