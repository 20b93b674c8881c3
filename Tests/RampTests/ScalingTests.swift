import Testing
import Foundation
import Ramp

/// Growth ratios measured in one process: the time at 8n over the time at n (best of three each).
/// A linear builtin grows about 8×, n log n about 9–10×; a quadratic one about 64×. The bound is
/// 20×, so the test holds on a busy machine and fails on a quadratic trap.
@Suite(.serialized) struct ScalingTests {
    static func seconds(_ kernel: Kernel, _ source: String) throws -> Double {
        var best = Double.infinity
        for _ in 0..<3 {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try kernel.evaluate(source: source)
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return best
    }

    static func growth(_ template: String, n: Int) throws -> Double {
        let kernel = Kernel.standard()
        let small = try seconds(kernel, template.replacingOccurrences(of: "N", with: "\(n)"))
        let large = try seconds(kernel, template.replacingOccurrences(of: "N", with: "\(8 * n)"))
        return large / max(small, 1e-6)
    }

    @Test(arguments: [
        // Thread over packed arrays took each row by unpacking the whole array: quadratic.
        "x = RandomReal[1, {N, 3}]; Length[Thread[x -> x]]",
        "x = Range[N]; Length[Thread[x -> x]]",
        // Updates of a variable's value copied it each time (InPlaceUpdates.swift): quadratic.
        "Module[{s = {}}, Do[AppendTo[s, i], {i, N}]; Length[s]]",
        "Module[{s = {}}, Do[AppendTo[s, {i, i}], {i, N}]; Length[s]]",
        "v = Table[1., {N}]; Module[{w = v}, Do[w[[i]] = 0., {i, N}]; Total[w]]",
        "v = Table[{i, i}, {i, N}]; Do[v[[i, 2]] += 1, {i, N}]; Length[v]",
        "v = ConstantArray[0, {N, 2}]; Do[v[[i, 1]] = i, {i, N}]; Total[v[[All, 1]]]",
        "v = Table[f[i], {i, N}]; Do[v[[i, 1]]++, {i, N}]; Length[v]",
        "a = <||>; Do[a[i] = i, {i, N}]; Length[a]",
        "a = <||>; Do[AssociateTo[a, i -> i], {i, N}]; Length[a]",
        "r = Reap[Do[Sow[i], {i, N}]]; Length[r[[2, 1]]]",
    ])
    func growsLinearly(_ template: String) throws {
        let ratio = try Self.growth(template, n: 2000)
        #expect(ratio < 20, "\(template): 8n took \(ratio)× as long as n")
    }

    /// Net data is read into Float32 at a cost per number close to a packed array's: applying a
    /// layer to packed data used to build every row (`args` of the packed array, ~500 ns a number),
    /// and unpacked lists or lists of rules made a tensor per number (~600–1000 ns). Compared in one
    /// kernel with packed arithmetic over the same numbers, which costs about 1 ns a number.
    @Test func netDataIsReadAtAboutThePriceOfPackedArithmetic() throws {
        let kernel = Kernel.standard()
        _ = try kernel.evaluate(source: """
            SeedRandom[1]; xp = RandomReal[1, {20000, 3}]; x = Developer`FromPackedArray[xp];
            rules = Developer`FromPackedArray /@ Thread[x -> x]; p = NetInitialize[ParametricRampLayer["Input" -> 3]];
            """)
        let arithmetic = try Self.seconds(kernel, "Length[xp + 1.]")
        let packed = try Self.seconds(kernel, "Length[p[xp]]")
        let unpacked = try Self.seconds(kernel, "Length[p[x]]")
        let trainPacked = try Self.seconds(kernel, "NetTrain[p, xp -> xp, MaxTrainingRounds -> 1, TrainingProgressReporting -> None]; 0")
        let trainRules = try Self.seconds(kernel, "NetTrain[p, rules, MaxTrainingRounds -> 1, TrainingProgressReporting -> None]; 0")
        #expect(packed / arithmetic < 30, "applying to packed data took \(packed / arithmetic)× packed arithmetic")
        #expect(unpacked / arithmetic < 60, "applying to unpacked data took \(unpacked / arithmetic)× packed arithmetic")
        #expect(trainRules / trainPacked < 40, "NetTrain on rules took \(trainRules / trainPacked)× NetTrain on packed data")
    }
}
