import Foundation
import Testing
@testable import RampNet
import Ramp

/// The fused ParametricRamp kernel, losses, multipliers on containers, schedules and progress
/// reporting of NetTrain.
@Suite struct NetTrainOptionsTests {
    /// A layer inferred for `example` with the given levels and slopes.
    func rampLayer(_ levels: SlopeLevels, _ example: [Int], slopes: [Float]) throws -> ParametricRampLayer {
        let layer = try ParametricRampLayer(levels: levels, levelsGiven: true).inferredLayer(Shapes.fixed(example))
        let dims = try #require(layer.arraySlots[0].dims)
        return try #require(layer.withArrayValues([Tensor(shape: dims, data: slopes)]) as? ParametricRampLayer)
    }

    /// The fused kernel gives the losses and slope gradients of the layers' own forward/backward
    /// passes, for slopes along the whole example, along one level, and shared.
    @Test func fusedKernelMatchesTheLayerPasses() throws {
        let cases: [(SlopeLevels, [Int], Int)] = [(.level(1), [37], 37), (.level(2), [3, 20], 20), (.list([]), [2, 9], 1),
                                                  (.list([2, 1]), [3, 5], 15), (.level(1), [9000], 9000), (.level(2), [3, 3000], 3000),
                                                  // Examples under 16 elements take the narrow (one vector per row) path.
                                                  (.level(1), [1], 1), (.level(1), [3], 3), (.level(1), [4], 4), (.level(1), [5], 5),
                                                  (.level(1), [8], 8), (.list([]), [3], 1), (.level(2), [2, 6], 6)]
        for (levels, example, slopeCount) in cases {
            let n = example.reduce(1, *), examples = 11
            var rng = NetRandom(seed: 7)
            let x = (0..<(examples * n)).map { _ in rng.symmetric(1) }
            let t = (0..<(examples * n)).map { _ in rng.symmetric(1) }
            let slopes = (0..<slopeCount).map { _ in rng.symmetric(0.5) }
            let layer = try rampLayer(levels, example, slopes: slopes)
            let data = TrainingData(inputs: Tensor(shape: [examples] + example, data: x), targets: Tensor(shape: [examples] + example, data: t))
            let shapes = [layer.arraySlots[0].dims ?? []]
            for loss in [TrainingLoss.meanSquared, .meanAbsolute] {
                var fused = try #require(FusedRampGradient(layer: layer, data: data, loss: loss, batchSize: 4))
                var general = LayerGradient(net: layer, data: data, loss: loss, shapes: shapes, batchSize: 4)
                // Row 10 is the data's last: its vector load would run past the end.
                let rows = [9, 2, 10, 5]
                var g1 = [[Float](repeating: 0, count: slopeCount)], g2 = g1
                let l1 = rows.withUnsafeBufferPointer { fused.run(rows: $0, weights: [slopes], gradients: &g1) }
                let l2 = rows.withUnsafeBufferPointer { general.run(rows: $0, weights: [slopes], gradients: &g2) }
                #expect(abs(l1 - l2) <= 1e-5 * max(1, abs(l2)), "\(levels) \(loss)")
                for (a, b) in zip(g1[0], g2[0]) { #expect(abs(a - b) <= 1e-4 * max(1, abs(b)), "\(levels) \(loss): \(g1) vs \(g2)") }
                // A second batch starts from zero gradients (nothing carried over).
                let again = rows.withUnsafeBufferPointer { fused.run(rows: $0, weights: [slopes], gradients: &g1) }
                #expect(again == l1)
                #expect(zip(g1[0], g2[0]).allSatisfy { abs($0 - $1) <= 1e-4 * max(1, abs($1)) })
            }
        }
    }

    /// Training through the fused path equals training the same layer inside a chain with a
    /// trailing identity layer (the general path), update for update.
    @Test func fusedTrainingMatchesTheGeneralPath() throws {
        let s = NetSession()
        let out = s.run("""
            data = Table[{Sin[k], Cos[3 k], Sin[5 k] - 0.2} -> {Sin[k] + 0.1, If[Cos[3 k] > 0, Cos[3 k], 0.4 Cos[3 k]], -0.3}, {k, 1., 40.}];
            opts = Sequence[BatchSize -> 7, MaxTrainingRounds -> 6, RandomSeeding -> 11, TrainingProgressReporting -> None, LearningRate -> 0.01];
            a = NetTrain[NetInitialize@ParametricRampLayer["Input" -> 3], data, All, opts];
            b = NetTrain[NetChain[{NetInitialize@ParametricRampLayer["Input" -> 3], ElementwiseLayer[# &]}], data, All, opts];
            {Normal[NetExtract[a["TrainedNet"], "Slope"]], Normal[NetExtract[b["TrainedNet"], {1, "Slope"}]], a["RoundLossList"], b["RoundLossList"]}
            """)
        let p = out.args
        try #require(p.count == 4, "\(out)")
        let sa = try #require(flatValues(p[0])), sb = try #require(flatValues(p[1]))
        #expect(sa.count == 3 && sa != [f32(0.1), f32(0.1), f32(0.1)])
        for (a, b) in zip(sa, sb) { #expect(abs(a - b) < 1e-5, "\(sa) vs \(sb)") }
        let la = try #require(flatValues(p[2])), lb = try #require(flatValues(p[3]))
        #expect(la.count == 6)
        for (a, b) in zip(la, lb) { #expect(abs(a - b) < 1e-5 * max(1, b)) }
        #expect(s.takeMessages().isEmpty)
    }

    /// Automatic attaches MeanSquaredLossLayer to a real output: the first full-batch loss is
    /// the mean squared error of the initial net, and the run equals LossFunction -> MeanSquaredLossLayer[].
    @Test func automaticLossIsMeanSquared() throws {
        let s = NetSession()
        let out = s.run("""
            net = NetInitialize[NetChain[{LinearLayer[2], ParametricRampLayer[], LinearLayer[1]}, "Input" -> 2], RandomSeeding -> 4];
            data = \(dataSource());
            train[loss_] := NetTrain[net, data, "RoundLossList", LossFunction -> loss, BatchSize -> 8, MaxTrainingRounds -> 3, TrainingProgressReporting -> None];
            outs = net[data[[1]]];
            {train[Automatic], train[MeanSquaredLossLayer[]], train[MeanAbsoluteLossLayer[]],
             Mean[Flatten[(outs - data[[2]])^2]], Mean[Flatten[Abs[outs - data[[2]]]]]}
            """)
        let p = out.args
        try #require(p.count == 5, "\(out)")
        let auto = try #require(flatValues(p[0])), mse = try #require(flatValues(p[1])), mae = try #require(flatValues(p[2]))
        #expect(auto == mse)
        #expect(auto != mae)
        let wantSquared = try #require(flatValues(p[3])?.first), wantAbsolute = try #require(flatValues(p[4])?.first)
        #expect(abs(auto[0] - wantSquared) < 1e-5)
        #expect(abs(mae[0] - wantAbsolute) < 1e-5)
        #expect(s.takeMessages().isEmpty)
    }

    /// MeanAbsoluteLossLayer is a layer of its own, applied like MeanSquaredLossLayer.
    @Test func meanAbsoluteLossLayerEvaluates() throws {
        let s = NetSession()
        #expect(s.run("MeanAbsoluteLossLayer[][<|\"Input\" -> {1, 2, 3}, \"Target\" -> {1, 2, 5}|>]") == .real(f32(2.0 / 3.0)))
        #expect(s.run("MeanAbsoluteLossLayer[][{0, 0} -> {3, -4}]") == 3.5)
        #expect(s.run("MeanAbsoluteLossLayer[\"Input\" -> 2][{{0, 0}, {1, 1}} -> {{3, -4}, {1, 2}}]") == [3.5, 0.5])
        #expect(s.run("NetExtract[MeanAbsoluteLossLayer[\"Input\" -> {2, 3}], \"Target\"]") == [2, 3])
        #expect(s.run("Head[MeanAbsoluteLossLayer[]]") == .symbol(Symbol.named("MeanAbsoluteLossLayer")))
        #expect(s.run("InputForm[MeanAbsoluteLossLayer[\"Input\" -> 3]] // ToString") == "MeanAbsoluteLossLayer[\"Input\" -> 3]")
        #expect(s.takeMessages().isEmpty)
        #expect(s.run("MeanAbsoluteLossLayer[][<|\"Input\" -> {1, 2}|>]") == .failed)
        #expect(s.takeMessages().first?.hasPrefix("MeanAbsoluteLossLayer::inpmiss") == true)
        _ = s.run("MeanAbsoluteLossLayer[\"Bogus\" -> 1]")
        #expect(s.takeMessages().first?.hasPrefix("MeanAbsoluteLossLayer::netunkparam") == true)
        // Saved and loaded like the other layers.
        let path = NSTemporaryDirectory() + "ramp-mae-\(getpid()).rampnet"
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(s.run("l = MeanAbsoluteLossLayer[\"Input\" -> 4]; Export[\"\(path)\", l]; Import[\"\(path)\"] === l") == .symbol(Sym.True))
    }

    /// NetChain's own LearningRateMultipliers option: reported by Information, used by NetTrain
    /// (frozen arrays stay bit-identical), overridden by NetTrain's option, kept by InputForm.
    @Test func chainLearningRateMultipliers() throws {
        let s = NetSession()
        let out = s.run("""
            net = NetInitialize[NetChain[{LinearLayer[3], Ramp, LinearLayer[1]}, "Input" -> 2, LearningRateMultipliers -> {1 -> 0, {3, "Biases"} -> 0.5}], RandomSeeding -> 3];
            lrm = Information[net, "ArraysLearningRateMultipliers"];
            t = NetTrain[net, \(dataSource()), MaxTrainingRounds -> 5, TrainingProgressReporting -> None];
            u = NetTrain[net, \(dataSource()), LearningRateMultipliers -> {_ -> 1}, MaxTrainingRounds -> 5, TrainingProgressReporting -> None];
            {lrm[{1, "Weights"}], lrm[{1, "Biases"}], lrm[{3, "Weights"}], lrm[{3, "Biases"}],
             NetExtract[t, {1, "Weights"}] === NetExtract[net, {1, "Weights"}], NetExtract[t, {3, "Weights"}] === NetExtract[net, {3, "Weights"}],
             NetExtract[u, {1, "Weights"}] === NetExtract[net, {1, "Weights"}],
             ToExpression[ToString[InputForm[net]]] === net}
            """)
        #expect(out == .list([0.0, 0.0, 1.0, 0.5, .symbol(Sym.True), .symbol(Sym.False), .symbol(Sym.False), .symbol(Sym.True)]), "\(out)")
        #expect(s.takeMessages().isEmpty)
        // A chain frozen through its option alone.
        _ = s.run("NetTrain[NetChain[{LinearLayer[1]}, \"Input\" -> 2, LearningRateMultipliers -> 0], \(dataSource())]")
        #expect(s.takeMessages().first?.hasPrefix("NetTrain::netfrozen") == true)
        #expect(s.run("NetChain[{LinearLayer[1]}, LearningRateMultipliers -> {1 -> \"x\"}]") == .failed)
        #expect(s.takeMessages().first?.hasPrefix("NetChain::arrpattnnum") == true)
        #expect(s.run("NetChain[{LinearLayer[1]}, \"Input\" -> 2, LearningRateMultipliers -> {5 -> 0}]") == .failed)
        #expect(s.takeMessages().first?.hasPrefix("NetChain::arrpattmiss") == true)
    }

    /// "LearningRateSchedule" for SGD: a function of (batch, total batches) scaling the rate,
    /// against a float64 trajectory; the polynomial default; a bad value stops with badlrs.
    @Test func sgdLearningRateSchedules() throws {
        let s = NetSession()
        let out = s.run("""
            net = NetChain[{LinearLayer[1, "Weights" -> {{0.4, -0.3}}, "Biases" -> {0.05}]}, "Input" -> 2];
            r = NetTrain[net, \(dataSource()), All, Method -> {"SGD", "Momentum" -> 0, "LearningRateSchedule" -> (0.5^(#1 - 1) (1 - #1/(#2 + 1)) &)},
              LearningRate -> 0.1, BatchSize -> 8, MaxTrainingRounds -> 4, TrainingProgressReporting -> None];
            p = NetTrain[net, \(dataSource()), All, Method -> "SGD", BatchSize -> 8, MaxTrainingRounds -> 4, TrainingProgressReporting -> None];
            {Join[Flatten[Normal[NetExtract[r["TrainedNet"], {1, "Weights"}]]], Normal[NetExtract[r["TrainedNet"], {1, "Biases"}]]],
             r["FinalLearningRate"], r["InitialLearningRate"], p["FinalLearningRate"]}
            """)
        let p = out.args
        try #require(p.count == 4, "\(out)")
        var w = [0.4, -0.3, 0.05]
        var lr = 0.0
        for k in 1...4 {
            var g = [0.0, 0.0, 0.0]
            for (x, t) in zip(xs, ts) {
                let dy = 2 * (w[0] * x[0] + w[1] * x[1] + w[2] - t) / 8
                g[0] += dy * x[0]; g[1] += dy * x[1]; g[2] += dy
            }
            lr = 0.1 * pow(0.5, Double(k - 1)) * (1 - Double(k) / 5)
            for i in 0..<3 { w[i] -= lr * g[i] }
        }
        let got = try #require(flatValues(p[0]))
        for (a, b) in zip(got, w) { #expect(abs(a - b) < 1e-6, "\(got) vs \(w)") }
        #expect(abs((flatValues(p[1])?.first ?? 0) - lr) < 1e-12)
        #expect(p[2] == 0.1)
        // Polynomial: Sqrt[1 - Min[i, m]/(m + 1)] at the last update (i = 3 of m = 4).
        #expect(abs((flatValues(p[3])?.first ?? 0) - 0.01 * (1 - 3.0 / 5).squareRoot()) < 1e-12)
        #expect(s.takeMessages().isEmpty)
        _ = s.run("NetTrain[net, \(dataSource()), Method -> {\"SGD\", \"LearningRateSchedule\" -> (2 &)}, MaxTrainingRounds -> 2, TrainingProgressReporting -> None]")
        #expect(s.takeMessages().first == "NetTrain::badlrs: Learning rate scheduler returned 2, which is not a real value between 0 and 1.")
    }

    /// `TrainingProgressReporting -> File[...]`: a CSV header and one row per round.
    @Test func progressToAFile() throws {
        let s = NetSession()
        let path = NSTemporaryDirectory() + "ramp-log-\(getpid()).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let out = s.run("""
            r = NetTrain[NetChain[{LinearLayer[1]}, "Input" -> 2], \(dataSource()), All, BatchSize -> 3, MaxTrainingRounds -> 4,
              TrainingProgressReporting -> File["\(path)"]]; r["RoundLossList"]
            """)
        let losses = try #require(flatValues(out))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        try #require(lines.count == 5, "\(text)")
        #expect(lines[0] == "round,batch,examples,learning_rate,time,round_loss,validation_loss")
        for (k, line) in lines.dropFirst().enumerated() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            try #require(cells.count == 7, "\(line)")
            #expect(cells[0] == "\(k + 1)")
            #expect(cells[1] == "3")
            #expect(cells[2] == "\(3 * 3 * (k + 1))")
            #expect(Double(cells[3]) == 0.001)
            #expect((Double(cells[4]) ?? -1) >= 0)
            #expect(abs((Double(cells[5]) ?? .nan) - losses[k]) < 1e-12)
            #expect(cells[6] == "")
        }
        #expect(s.takeMessages().isEmpty)
    }

    /// Which reporting a setting gives on terminals and pipes.
    @Test func progressModeFollowsTheTerminal() {
        let both = ProgressReporter.Terminals(output: true, error: true)
        let piped = ProgressReporter.Terminals(output: false, error: true)
        let none = ProgressReporter.Terminals(output: false, error: false)
        #expect(ProgressReporter.mode(.automatic, terminals: both) == .bar)
        #expect(ProgressReporter.mode(.automatic, terminals: piped) == .print)
        #expect(ProgressReporter.mode("ProgressIndicator", terminals: piped) == .bar)
        #expect(ProgressReporter.mode("ProgressIndicator", terminals: none) == .print)
        #expect(ProgressReporter.mode(.symbol(Sym.None), terminals: both) == ProgressReporter.Mode.none)
        #expect(ProgressReporter.mode("Sideways", terminals: both) == nil)
        // With a live display (Jupyter), Automatic and "ProgressIndicator" draw there.
        #expect(ProgressReporter.mode(.automatic, terminals: none, live: true) == .bar)
        #expect(ProgressReporter.mode("ProgressIndicator", terminals: none, live: true) == .bar)
        #expect(ProgressReporter.mode("Print", terminals: none, live: true) == .print)
    }

    /// With the kernel's `progressDisplay`, the bar's lines go there (none to standard error),
    /// the last one marked final.
    @Test func progressGoesToTheLiveDisplay() throws {
        let s = NetSession()
        final class Lines { var shown: [(String, Bool)] = [] }
        let lines = Lines()
        s.kernel.progressDisplay = { lines.shown.append(($0, $1)) }
        _ = try s.kernel.evaluate(source: "NetTrain[NetInitialize[ParametricRampLayer[\"Input\" -> 1]], {{1.} -> {1.}}, MaxTrainingRounds -> 2]")
        let shown = lines.shown
        #expect(shown.count >= 2)
        #expect(shown.dropLast().allSatisfy { !$0.1 && $0.0.contains("round") })
        #expect(shown.last?.1 == true)
        #expect(shown.last?.0.hasPrefix("Training complete.") == true)
    }

    /// 300 rounds ending within 0.1 s of each other redraw the terminal bar once, not 300 times.
    @Test func shortRoundsDoNotRedrawEachTime() {
        let s = NetSession()
        var reporter = ProgressReporter(mode: .bar, kernel: s.kernel)
        var written: [String] = []
        reporter.writeBar = { written.append($0) }
        reporter.start(method: "ADAM", batchSize: 1, batchesPerRound: 1, examples: 1)
        for round in 1...300 {
            reporter.batchDone(.init(round: round, maxRounds: 300, batch: 1, batchesPerRound: 1, examples: round,
                                     elapsed: 0.15 + Double(round) * 1e-4, timeLeft: 1, learningRate: 0.001, batchLoss: 0.25,
                                     roundLoss: 0.25, validationLoss: nil), roundEnded: true)
        }
        #expect(written.count == 1, "\(written.count)")
    }

    /// The terminal bar: redrawn in place, cut to the terminal's width, closed with a summary.
    @Test func progressBarDrawsInPlace() {
        let s = NetSession()
        for columns in [120, 40] {
            var reporter = ProgressReporter(mode: .bar, kernel: s.kernel)
            var written: [String] = []
            reporter.writeBar = { written.append($0) }
            reporter.columns = columns
            reporter.start(method: "ADAM", batchSize: 2, batchesPerRound: 2, examples: 4)
            for round in 1...2 {
                for batch in 1...2 {
                    reporter.batchDone(.init(round: round, maxRounds: 2, batch: batch, batchesPerRound: 2, examples: 2 * (2 * (round - 1) + batch),
                                             elapsed: Double(round) * 0.5 + Double(batch) * 0.2, timeLeft: 1, learningRate: 0.001, batchLoss: 0.25,
                                             roundLoss: batch == 2 ? 0.25 : nil, validationLoss: nil), roundEnded: batch == 2)
                }
            }
            reporter.finish("Training complete.", summary: "2 rounds")
            // Batches 0.2 s apart all draw (at most 10 redraws a second).
            #expect(written.count >= 3)
            let bars = written.dropLast()
            #expect(bars.allSatisfy { $0.hasPrefix("\r[") && $0.hasSuffix("\u{1B}[K") })
            #expect(bars.allSatisfy { $0.dropFirst().dropLast(3).count <= columns - 1 })
            let half = bars.first { $0.contains("round 1/2 batch 2/2") }
            if columns == 120 {
                #expect(half?.hasPrefix("\r[##########----------] round 1/2 batch 2/2 loss 0.25") == true, "\(String(describing: half))")
                #expect(bars.last?.hasPrefix("\r[####################] round 2/2") == true)
            }
            #expect(written.last == "\r\u{1B}[KTraining complete. 2 rounds\n")
        }
    }

    /// Rates print without exponents, and a narrow bar drops whole fields instead of cutting one.
    @Test func progressRatesAndFieldsFit() {
        #expect(formatRate(950) == "950")
        #expect(formatRate(12_345) == "12.3k")
        #expect(formatRate(4_561_234) == "4.56M")
        #expect(formatRate(35_000_000) == "35M")
        #expect(formatRate(123_456_789) == "123M")
        #expect(formatRate(2.5e9) == "2.5G")
        let fields = ["[----]", "round 1/2", "batch 10/20", "loss 0.25", "35M ex/s"]
        #expect(ProgressReporter.fit(fields, columns: 80) == "[----] round 1/2 batch 10/20 loss 0.25 35M ex/s")
        #expect(ProgressReporter.fit(fields, columns: 30) == "[----] round 1/2 batch 10/20")
        #expect(ProgressReporter.fit(fields, columns: 27) == "[----] round 1/2")
        #expect(ProgressReporter.fit(["[----------]"], columns: 5) == "[----")
    }

    /// ADAM on arrays long enough for the vector loop gives the scalar formula's Float results
    /// exactly, update after update (with L2 decay); gradient clipping takes the scalar loop.
    @Test func adamVectorLoopMatchesTheFormula() {
        var settings = OptimizerSettings.defaults(.adam)
        settings.l2 = 0.01
        let n = 37
        var rng = NetRandom(seed: 5)
        var weights = [(0..<n).map { _ in rng.symmetric(1) }]
        var w = weights[0], m = [Float](repeating: 0, count: n), v = m
        var optimizer = Optimizer(settings: settings, sizes: [n])
        for step in 1...4 {
            let g = (0..<n).map { _ in rng.symmetric(3) }
            optimizer.update(weights: &weights, gradients: [g], multipliers: [0.5], batchSize: 4, learningRate: 0.01)
            let lrt = Float(0.01 * 0.5 * (1 - pow(0.999, Double(step))).squareRoot() / (1 - pow(0.9, Double(step))))
            for i in 0..<n {
                let gi = g[i] * Float(1.0 / 4.0) + Float(0.01) * w[i]
                m[i] = Float(0.9) * m[i] + (1 - Float(0.9)) * gi
                v[i] = Float(0.999) * v[i] + (1 - Float(0.999)) * gi * gi
                w[i] -= lrt * m[i] / (v[i].squareRoot() + Float(1e-5))
            }
            #expect(weights[0] == w, "step \(step)")
        }
        settings.gradientClipping = 0.1
        var clipped = Optimizer(settings: settings, sizes: [n])
        var big = [[Float](repeating: 1, count: n)]
        clipped.update(weights: &big, gradients: [[Float](repeating: 100, count: n)], multipliers: [1], batchSize: 1, learningRate: 0.01)
        // The first step moves every weight by lr·√(1−β2)/(1−β1) · m/(√v + ε) with g clipped to 0.1.
        let step1 = Float(0.01 * (1 - 0.999).squareRoot() / (1 - 0.9))
        let g = Float(0.1)   // 100 + 0.01·1 after decay, clipped
        let expected = 1 - step1 * ((1 - Float(0.9)) * g) / (((1 - Float(0.999)) * g * g).squareRoot() + Float(1e-5))
        #expect(big[0].allSatisfy { $0 == expected }, "\(big[0][0]) vs \(expected)")
    }

    /// TimeGoal alone (rounds unknown until the first round ends) trains and stops on time, with
    /// ADAM, SGD's polynomial schedule and a schedule function.
    @Test func timeGoalWithoutRoundsStopsOnTime() throws {
        let s = NetSession()
        for method in ["\"ADAM\"", "\"SGD\"", "{\"SGD\", \"LearningRateSchedule\" -> (1 - #1/(#2 + 1) &)}"] {
            let out = s.run("""
                r = NetTrain[NetInitialize@ParametricRampLayer["Input" -> 2], Table[{k, -k} -> {k, -0.3 k}, {k, -1., 1., 0.01}], All,
                  TimeGoal -> 0.2, Method -> \(method), BatchSize -> 4, TrainingProgressReporting -> None];
                {MemberQ[{"TimeGoalReached", "MaxTrainingRoundsReached"}, r["ReasonTrainingStopped"]], r["TotalBatches"] > 0,
                 r["TotalTrainingTime"] < 5, 0 <= r["FinalLearningRate"] && r["FinalLearningRate"] <= 0.01}
                """)
            // The rounds are estimated from the first round's time (1.2 TimeGoal / round time), so
            // either limit may end the run.
            #expect(out == .list([.symbol(Sym.True), .symbol(Sym.True), .symbol(Sym.True), .symbol(Sym.True)]), "\(method): \(out)")
        }
        #expect(s.takeMessages().isEmpty)
    }

    // MARK: Issue 12: seeding and validation in the progress output

    /// `SeedRandom[n]` makes NetTrain reproducible under the default `RandomSeeding -> Inherited`
    /// (initialization and shuffling both draw from the kernel's generator).
    @Test func seedRandomMakesNetTrainReproducible() {
        let s = NetSession()
        let train = """
            NetTrain[NetChain[{LinearLayer[3], ParametricRampLayer[], LinearLayer[1]}, "Input" -> 2], \(dataSource()), "RoundLossList",
              BatchSize -> 3, MaxTrainingRounds -> 4, TrainingProgressReporting -> None]
            """
        let a = s.run("SeedRandom[5]; \(train)")
        let b = s.run("SeedRandom[5]; \(train)")
        let c = s.run("SeedRandom[6]; \(train)")
        #expect(flatValues(a)?.count == 4)
        #expect(a == b)
        #expect(a != c)
        #expect(s.takeMessages().isEmpty)
    }

    /// With a ValidationSet, the "Print" table has each printed round's validation loss, and a run
    /// shorter than the 2 s between rows still prints its final round.
    @Test func printTableShowsValidationLossAndTheFinalRound() throws {
        let s = NetSession()
        var lines: [String] = []
        s.kernel.printHandler = { lines.append($0) }
        let out = s.run("""
            r = NetTrain[NetChain[{LinearLayer[1]}, "Input" -> 2], \(dataSource()), All, BatchSize -> 2, MaxTrainingRounds -> 5,
              ValidationSet -> Scaled[0.25], TrainingProgressReporting -> "Print", RandomSeeding -> 3]; r["ValidationLossList"]
            """)
        let validation = try #require(flatValues(out))
        #expect(validation.count == 5)
        #expect(lines.first == "Starting training.")
        #expect(lines.last == "Training complete.")
        let header = try #require(lines.first { $0.contains("round") && $0.contains("validation") })
        #expect(header.hasSuffix("validation"))
        let rows = lines.filter { $0.contains("%") && !$0.contains("round") }
        try #require(rows.count >= 2, "\(lines)")
        // The first round's row (printed at once) and the final round's row (printed at the end).
        #expect(rows.first?.contains(" 1/5 ") == true)
        let last = try #require(rows.last)
        #expect(last.contains(" 5/5 "), "\(lines)")
        let cells = last.split(separator: " ").map(String.init)
        #expect(cells.last == formatNumber(validation[4]))
        #expect(s.takeMessages().isEmpty)
    }

    /// The CSV log fills `validation_loss` and the bar shows the latest validation loss.
    @Test func logAndBarShowValidationLoss() throws {
        let s = NetSession()
        let path = NSTemporaryDirectory() + "ramp-vlog-\(getpid()).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let out = s.run("""
            r = NetTrain[NetChain[{LinearLayer[1]}, "Input" -> 2], \(dataSource()), All, BatchSize -> 3, MaxTrainingRounds -> 3,
              ValidationSet -> \(dataSource()), TrainingProgressReporting -> File["\(path)"]]; r["ValidationLossList"]
            """)
        let validation = try #require(flatValues(out))
        let rows = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst()
        try #require(rows.count == 3)
        for (row, v) in zip(rows, validation) {
            #expect(Double(row.split(separator: ",").last.map(String.init) ?? "") == v)
        }
        var reporter = ProgressReporter(mode: .bar, kernel: s.kernel)
        var written: [String] = []
        reporter.writeBar = { written.append($0) }
        reporter.columns = 200
        for round in 1...2 {
            reporter.batchDone(.init(round: round, maxRounds: 2, batch: 1, batchesPerRound: 1, examples: round, elapsed: Double(round),
                                     timeLeft: 0, learningRate: 0.001, batchLoss: 0.5, roundLoss: 0.5, validationLoss: 0.125 * Double(round)),
                               roundEnded: true)
        }
        #expect(written.count == 2)
        #expect(written[0].contains("loss 0.5 validation loss 0.125 "), "\(written)")
        #expect(written[1].contains("validation loss 0.25 "), "\(written)")
        #expect(s.takeMessages().isEmpty)
    }
}
