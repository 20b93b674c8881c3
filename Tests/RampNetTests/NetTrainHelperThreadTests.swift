import Foundation
import Testing
@testable import RampNet
import Ramp

/// The fused ParametricRamp kernel runs the second half of large batches on a helper thread; the
/// halves are fixed and summed in a fixed order, so training gives the same bits with and without
/// the helper. Serialized: the tests switch `BatchHelper.allowed`, which other suites only read
/// (their results do not depend on it).
@Suite(.serialized) struct NetTrainHelperThreadTests {
    /// Trains with the helper turned off, then on, and returns both results as bit patterns.
    func bothWays(_ s: NetSession, _ train: String) -> (off: [UInt64], on: [UInt64]) {
        func bits(_ e: Expr) -> [UInt64] { (flatValues(e) ?? []).map(\.bitPattern) }
        BatchHelper.allowed.store(false, ordering: .relaxed)
        let off = s.run(train)
        BatchHelper.allowed.store(true, ordering: .relaxed)
        let on = s.run(train)
        return (bits(off), bits(on))
    }

    static let cases: [(layer: String, input: String, loss: String)] = [
        ("ParametricRampLayer[\"Input\" -> 200]", "{1000, 200}", "MeanSquaredLossLayer[]"),   // one slope per element
        ("ParametricRampLayer[\"Input\" -> {20, 12}]", "{1000, 20, 12}", "MeanSquaredLossLayer[]"),   // shared along level 2
        ("ParametricRampLayer[{}, \"Input\" -> 200]", "{1000, 200}", "MeanAbsoluteLossLayer[]"),   // one slope
    ]

    /// 1000 examples in batches of 63: odd halves (32 + 31) and a last short batch of 55 rows.
    @Test(arguments: 0..<3) func helperGivesTheSameSlopesBitForBit(index: Int) {
        let c = Self.cases[index]
        let s = NetSession()
        _ = s.run("""
            SeedRandom[11]; x = RandomReal[{-1, 1}, \(c.input)]; y = RandomReal[{-1, 1}, \(c.input)];
            net = NetInitialize[\(c.layer), RandomSeeding -> 3];
            """)
        let train = """
            r = NetTrain[net, x -> y, All, LossFunction -> \(c.loss), BatchSize -> 63, MaxTrainingRounds -> 2,
              TrainingProgressReporting -> None, RandomSeeding -> 5];
            Flatten[{Normal[NetExtract[r["TrainedNet"], "Slope"]], r["RoundLossList"], r["BatchLossList"]}]
            """
        let (off, on) = bothWays(s, train)
        #expect(off.count > 2 * 16)
        #expect(off == on)
        #expect(s.takeMessages().isEmpty)
        // The slopes moved (the comparison is not between two untrained nets).
        let initial = (flatValues(s.run("Normal[NetExtract[net, \"Slope\"]]")) ?? []).map(\.bitPattern)
        #expect(Array(off.prefix(initial.count)) != initial)
    }

    /// Batches of 1, 2, 3, 64 and 65 rows through the kernel directly, with the helper taking every
    /// batch (even an empty second half): gradients and losses equal the one-thread ones bit for bit.
    @Test func oddAndTinyBatchesThroughTheHelper() throws {
        let n = 40, count = 200
        var rng = SystemRandomNumberGenerator()
        let x = (0..<(count * n)).map { _ in Float.random(in: -1...1, using: &rng) }
        let t = (0..<(count * n)).map { _ in Float.random(in: -1...1, using: &rng) }
        let slopes = (0..<n).map { _ in Float.random(in: 0...0.5, using: &rng) }
        let data = TrainingData(inputs: Tensor(shape: [count, n], data: x), targets: Tensor(shape: [count, n], data: t))
        let layer = ParametricRampLayer(slope: .tensor(Tensor(shape: [n], data: slopes)))
        for loss in [TrainingLoss.meanSquared, .meanAbsolute] {
            BatchHelper.allowed.store(false, ordering: .relaxed)
            var alone = try #require(FusedRampGradient(layer: layer, data: data, loss: loss, batchSize: 65, helperThreshold: 0))
            BatchHelper.allowed.store(true, ordering: .relaxed)
            var helped = try #require(FusedRampGradient(layer: layer, data: data, loss: loss, batchSize: 65, helperThreshold: 0))
            #expect(alone.helper == nil)
            #expect((helped.helper != nil) == (BatchHelper.usableProcessors() >= 2))
            for size in [1, 2, 3, 64, 65] {
                let rows = (0..<size).map { ($0 * 37 + 11) % count }
                var g1: [[Float]] = [[Float](repeating: 0, count: n)], g2 = g1
                let (l1, l2) = rows.withUnsafeBufferPointer { r in
                    (alone.run(rows: r, weights: [slopes], gradients: &g1), helped.run(rows: r, weights: [slopes], gradients: &g2))
                }
                #expect(l1.bitPattern == l2.bitPattern)
                #expect(g1[0].map(\.bitPattern) == g2[0].map(\.bitPattern))
                #expect(g1[0].contains { $0 != 0 })
            }
        }
    }

    /// Thousands of tiny batches: the helper and the training thread race to claim each second
    /// half (each half is run by exactly one of them); every batch still matches the one-thread
    /// result bit for bit.
    @Test func claimRaceOverManyTinyBatches() throws {
        let n = 48, count = 64
        var rng = NetRandom(seed: 21)
        let x = (0..<(count * n)).map { _ in rng.symmetric(1) }
        let t = (0..<(count * n)).map { _ in rng.symmetric(1) }
        let slopes = (0..<n).map { _ in rng.symmetric(0.5) }
        let data = TrainingData(inputs: Tensor(shape: [count, n], data: x), targets: Tensor(shape: [count, n], data: t))
        let layer = ParametricRampLayer(slope: .tensor(Tensor(shape: [n], data: slopes)))
        BatchHelper.allowed.store(false, ordering: .relaxed)
        var alone = try #require(FusedRampGradient(layer: layer, data: data, loss: .meanSquared, batchSize: 8, helperThreshold: 0))
        BatchHelper.allowed.store(true, ordering: .relaxed)
        var helped = try #require(FusedRampGradient(layer: layer, data: data, loss: .meanSquared, batchSize: 8, helperThreshold: 0))
        var mismatches = 0
        for k in 0..<5000 {
            let rows = (0..<(1 + k % 8)).map { (k * 7 + $0 * 13) % count }
            var g1: [[Float]] = [[Float](repeating: 0, count: n)], g2 = g1
            let (l1, l2) = rows.withUnsafeBufferPointer { r in
                (alone.run(rows: r, weights: [slopes], gradients: &g1), helped.run(rows: r, weights: [slopes], gradients: &g2))
            }
            if l1.bitPattern != l2.bitPattern || g1[0].map(\.bitPattern) != g2[0].map(\.bitPattern) { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    /// An abort reaches a training run whose batches use the helper; the run ends cleanly.
    @Test func abortWithTheHelperRunning() {
        let s = NetSession()
        _ = s.run("x = RandomReal[{-1, 1}, {2000, 300}]; p = NetInitialize@ParametricRampLayer[\"Input\" -> 300];")
        let kernel = s.kernel
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { kernel.abort() }
        let r = s.run("r = NetTrain[p, x -> x, All, MaxTrainingRounds -> 100000000, TrainingProgressReporting -> None]; {r[\"ReasonTrainingStopped\"], r[\"TotalBatches\"] > 0}")
        #expect(r == .list(["ManualStop", .symbol(Sym.True)]))
        #expect(s.takeMessages().contains { $0.hasPrefix("NetTrain::aborted") })
    }
}
