import Testing
import Foundation
import Ramp

/// Growth ratios measured in one process: each template is code that reads `n`; it runs at `n` and
/// at `8n` in one fresh kernel (best of three each), and the test fails when the time at 8n is more
/// than 20× the time at n. A linear builtin grows about 8×, n log n about 9–10×; a quadratic one
/// about 64×. The bound holds on a busy machine and fails on a quadratic trap.
///
/// `n` is chosen per template so that a run at n takes a few milliseconds in the debug build the
/// tests run in (the kernel is not optimized there), which keeps the whole suite well under a
/// minute. `RAMP_SCALING_REPORT=1 swift test --filter ScalingTests` prints every growth ratio.
/// `scripts/bench/scaling.sh` measures the same kind of code with the release build at
/// n = 2000 and 16000.
///
/// Left out, still quadratic (release build, n = 2000 → 16000, load 3–4):
/// - `Module[{s = {}}, Do[PrependTo[s, f[i]], {i, n}]]`: 20.6×. Prepending moves the whole list
///   (an array grows in place only at its end); Wolfram's PrependTo copies the list too.
/// - `s = ""; Do[s = s <> "ab", {i, n}]`: 13.5× at these sizes, quadratic in the bytes copied: the
///   old string is still the variable's value while `StringJoin` runs, so it is copied, as in
///   Wolfram (appending to a list and joining once is linear, and is a template below).
/// - `Module[{b = a}, Do[KeyDropFrom[b, i], {i, n}]]` on an association of n keys: 37.6×:
///   removing a key from the ordered dictionary moves the keys after it (dropping many keys in one
///   call is linear and is a template).
/// - `Do[With[{j = i}, h[j, x_] := x + j], {i, n}]`: 61× (1 s at n = 2000): each new pattern
///   definition is compared with every stored one to find its place by specificity.
/// - `ReplaceRepeated[Mod[Range[n], 10], {a___, 3, b___} :> {a, b}]`: 53×: n/10 passes, each
///   building a new list of about n elements, as the rule asks (Wolfram does the same).
@Suite(.serialized) struct ScalingTests {
    struct Template: Sendable, CustomTestStringConvertible {
        let n: Int
        let code: String
        var testDescription: String { "n = \(n): \(code)" }
    }

    static func T(_ n: Int, _ code: String) -> Template { Template(n: n, code: code) }

    static let templates: [Template] = [
        // list construction
        T(20000, "Length[Range[n]]"),
        T(3000, "Length[Table[i^2, {i, n}]]"),
        T(1000, "Length[Table[{i, i}, {i, n}]]"),
        T(1500, "Length[Table[f[i], {i, n}]]"),
        T(400, "Length[Table[i + j, {i, n}, {j, 3}]]"),
        T(800, "Length[Array[#^2 &, n]]"),
        T(20000, "Length[ConstantArray[0, {n, 2}]]"),
        T(2000, "Length[NestList[# + 1 &, 0, n]]"),
        T(800, "Length[Join[Range[n], Table[f[i], {i, n}]]]"),
        T(400, "x = RandomReal[1, {n, 3}]; Length[Join[x, x, 2]]"),
        T(1000, "Length[Reverse[Table[f[i], {i, n}]]]"),
        T(800, "Module[{s = {}}, Do[AppendTo[s, i], {i, n}]; Length[s]]"),
        T(400, "Module[{s = {}}, Do[AppendTo[s, {i, i}], {i, n}]; Length[s]]"),
        T(5000, "Length[Developer`ToPackedArray[Table[i, {i, n}]]]"),
        T(1500, "Length[Developer`FromPackedArray[RandomReal[1, {n, 3}]]]"),
        T(250, "Length[IntegerDigits[Range[n]]]"),
        T(1000, "Length[Subsets[Range[n], {1}]]"),
        T(400, "Length[Outer[Times, Range[n], {1, 2}]]"),
        // Part assignment and updates in loops
        T(500, "v = Table[1., {n}]; Module[{w = v}, Do[w[[i]] = 0., {i, n}]; Total[w]]"),
        T(200, "v = Table[{i, i}, {i, n}]; Do[v[[i, 2]] += 1, {i, n}]; Length[v]"),
        T(400, "v = ConstantArray[0, {n, 2}]; Do[v[[i, 1]] = i, {i, n}]; Total[v[[All, 1]]]"),
        T(200, "v = Table[f[i], {i, n}]; Do[v[[i, 1]]++, {i, n}]; Length[v]"),
        T(400, "v = Range[n]; Do[v[[-i]] = i, {i, n}]; Total[v]"),
        T(500, "v = Table[f[i], {i, n}]; v[[Range[1, n, 2]]] = 0; Length[v]"),
        T(200, "x = Table[{i, i}, {i, n}]; Do[x[[i, All]] = 0, {i, n}]; Length[x]"),
        T(250, "x = Range[n]; Do[x[[i ;; i]] = 0, {i, n}]; Total[x]"),
        T(200, "x = Table[f[i], {i, n}]; Do[x[[{i}]] = {0}, {i, n}]; Length[x]"),
        T(200, "x = RandomReal[1, {n, 3}]; Do[x[[i, 2 ;; 3]] = 0., {i, n}]; Total[x[[All, 2]]]"),
        T(3000, "s = 0; Do[s += i, {i, n}]; s"),
        T(1000, "s = 0; For[i = 1, i <= n, i++, s += i]; s"),
        T(500, "s = 0; i = 0; While[i < n, i++; s += i]; s"),
        T(250, "Module[{t = 0}, Do[Module[{u = i}, t += u], {i, n}]; t]"),
        // Part reads in loops
        T(500, "x = Range[n]; Do[x[[i]], {i, n}]; Length[x]"),
        T(500, "x = RandomReal[1, {n, 3}]; Do[x[[i, 2]], {i, n}]; Length[x]"),
        T(250, "x = RandomReal[1, {n, 3}]; Do[First[x]; Last[x], {n}]; Length[x]"),
        T(1000, "x = RandomReal[1, {n, 3}]; Do[Length[x], {n}]; Length[x]"),
        T(200, "x = RandomReal[1, {n, 3}]; Do[Take[x, 2]; Drop[x, n - 2], {n}]; Length[x]"),
        T(200, "x = RandomReal[1, {n, 3}]; Do[x[[i ;; i + 1, 2]], {i, n - 1}]; Length[x[[All, 1]]]"),
        T(400, "x = RandomReal[1, {n, 3}]; Do[Extract[x, {i, 1}], {i, n}]; Length[x]"),
        T(250, "x = Table[f[i], {i, n}]; Do[x[[i, 1]], {i, n}]; Length[x]"),
        T(200, "x = Table[{i, f[i]}, {i, n}]; Do[x[[i ;; i + 1, 1]], {i, n - 1}]; Length[x]"),
        // Thread and Transpose
        T(500, "x = RandomReal[1, {n, 3}]; Length[Thread[x -> x]]"),
        T(1000, "x = Range[n]; Length[Thread[x -> x]]"),
        T(500, "Length[Thread[Range[n] -> Table[f[i], {i, n}]]]"),
        T(500, "Length[Thread[f[Range[n], Table[g[i], {i, n}]]]]"),
        T(1000, "Length[Transpose[{Range[n], Range[n]}]]"),
        T(5000, "Length[Transpose[RandomReal[1, {n, 3}]]]"),
        T(400, "Length[Transpose[Table[{i, f[i]}, {i, n}]]]"),
        T(1000, "Length[MapThread[f, {Range[n], Range[n]}]]"),
        T(250, "Length[MapThread[f, {RandomReal[1, {n, 2}], RandomReal[1, {n, 2}]}, 2]]"),
        // Map, Apply, Select, Cases
        T(1500, "Length[Map[f, Range[n]]]"),
        T(800, "Length[Map[#^2 &, Range[n]]]"),
        T(200, "Length[Map[Function[x, x + 1], Table[g[i], {i, n}]]]"),
        T(250, "Length[Map[f, RandomReal[1, {n, 3}], {2}]]"),
        T(500, "Length[Map[Total, RandomReal[1, {n, 3}]]]"),
        T(250, "Length[Map[If[EvenQ[#], 1, 0] &, Range[n]]]"),
        T(500, "Length[MapIndexed[f, Range[n]]]"),
        T(500, "Clear[h]; h[x_Integer] := x + 1; Total[Map[h, Range[n]]]"),
        T(5000, "Apply[Plus, Range[n]]"),
        T(400, "Length[Apply[f, Table[{i, i}, {i, n}], {1}]]"),
        T(800, "Length[f @@@ RandomReal[1, {n, 2}]]"),
        T(500, "Length[Select[Range[n], EvenQ]]"),
        T(200, "Length[Select[RandomReal[1, {n, 2}], #[[1]] > 0.5 &]]"),
        T(500, "Length[Cases[Range[n], _?EvenQ]]"),
        T(400, "Length[Cases[Table[f[i], {i, n}], f[x_] :> x]]"),
        T(200, "Length[Cases[RandomReal[1, {n, 2}], {x_, y_} /; x > y]]"),
        T(800, "Length[DeleteCases[Mod[Range[n], 5], 3]]"),
        T(500, "Count[Range[n], _?EvenQ]"),
        T(4000, "MemberQ[Range[n], -1]"),
        T(800, "FreeQ[Table[f[i], {i, n}], g]"),
        T(1000, "AllTrue[Range[n], Positive]"),
        T(1000, "Length[Level[Table[f[i], {i, n}], {2}]]"),
        // Sort, SortBy, GatherBy, GroupBy and friends
        T(2000, "Length[Sort[RandomInteger[10^6, n]]]"),
        // One random integer of 64·n bits (its words are joined once, not shifted in one by one).
        T(2000, "IntegerLength[RandomInteger[2^(64 n)]] > 0"),
        T(2000, "Length[Sort[RandomReal[1, {n, 2}]]]"),
        T(200, "Length[Sort[Developer`FromPackedArray[RandomReal[1, {n, 2}]]]]"),
        T(400, "Length[Sort[Table[ToString[i], {i, n}]]]"),
        T(200, "Length[Sort[Table[f[Mod[i, 13], i], {i, n}]]]"),
        T(250, "Length[Sort[Range[n], Greater]]"),
        T(200, "Length[SortBy[Range[n], Mod[#, 7] &]]"),
        T(250, "Length[SortBy[RandomReal[1, {n, 2}], Last]]"),
        T(1000, "Length[Ordering[RandomReal[1, n]]]"),
        T(400, "Length[GatherBy[Range[n], Mod[#, 10] &]]"),
        T(800, "Length[Gather[Mod[Range[n], 10]]]"),
        T(400, "Length[GroupBy[Range[n], Mod[#, 10] &]]"),
        T(200, "Length[GroupBy[RandomReal[1, {n, 2}], Round[First[#], 0.1] &, Length]]"),
        T(250, "Length[SplitBy[Range[n], Quotient[#, 10] &]]"),
        T(200, "Length[Split[Mod[Quotient[Range[n], 3], 2]]]"),
        T(500, "Length[Tally[Mod[Range[n], 100]]]"),
        T(400, "Length[Tally[Table[{Mod[i, 50]}, {i, n}]]]"),
        T(200, "Length[Counts[Mod[Range[n], 100]]]"),
        T(800, "Length[Union[Mod[Range[n], 100]]]"),
        T(200, "Length[Union[Table[f[i], {i, n}], Table[f[i], {i, n}]]]"),
        T(1000, "Length[DeleteDuplicates[Mod[Range[n], 100]]]"),
        T(400, "Length[DeleteDuplicates[Table[{Mod[i, 50]}, {i, n}]]]"),
        T(1500, "Length[Intersection[Range[n], Range[2, n, 2]]]"),
        T(1500, "Length[Complement[Range[n], Range[1, n, 2]]]"),
        T(200, "Max[RandomReal[1, n]] + Min[Table[i/2, {i, n}]]"),
        T(800, "Mean[RandomReal[1, n]] + Median[RandomReal[1, n]]"),
        // associations: building and lookup
        T(500, "Length[Association[Thread[Range[n] -> Range[n]]]]"),
        T(1000, "Length[AssociationThread[Range[n], Range[n]]]"),
        T(400, "Length[AssociationThread[Table[ToString[i], {i, n}] -> Range[n]]]"),
        T(250, "Length[Association[Table[i -> f[i], {i, n}]]]"),
        T(800, "Length[AssociationMap[f, Range[n]]]"),
        T(200, "a = <||>; Do[a[i] = i, {i, n}]; Length[a]"),
        T(200, "a = <||>; Do[AssociateTo[a, i -> i], {i, n}]; Length[a]"),
        T(200, "a = AssociationThread[Range[n], Range[n]]; Do[a[i], {i, n}]; Length[a]"),
        T(250, "a = AssociationThread[Range[n], Range[n]]; Length[Lookup[a, Range[n]]]"),
        T(250, "a = AssociationThread[Range[n], Range[n]]; Do[Lookup[a, i, 0], {i, n}]; Length[a]"),
        T(200, "a = AssociationThread[Range[n], Range[n]]; Do[KeyExistsQ[a, i], {i, n}]; Length[a]"),
        T(200, "a = AssociationThread[Range[n], Range[n]]; Do[a[[Key[i]]], {i, n}]; Length[a]"),
        T(400, "a = AssociationThread[Range[n], Range[n]]; Length[Keys[a]] + Length[Values[a]]"),
        T(400, "a = AssociationThread[Reverse[Range[n]], Range[n]]; Length[KeySort[a]]"),
        T(200, "a = AssociationThread[Range[n], Range[n]]; Length[Map[# + 1 &, a]]"),
        T(200, "a = AssociationThread[Range[n], Range[n]]; Length[Select[a, EvenQ]]"),
        T(200, "a = AssociationThread[Range[n], Range[n]]; Length[KeySelect[a, EvenQ]]"),
        T(200, "a = AssociationThread[Range[n], Range[n]]; Length[Merge[{a, a}, Total]]"),
        T(250, "a = AssociationThread[Range[n], Range[n]]; Length[Normal[a]]"),
        T(500, "a = AssociationThread[Range[n], Range[n]]; Length[KeyValueMap[f, a]]"),
        T(250, "c = Counts[Mod[Range[n], 97]]; Total[Table[c[Mod[i, 97]], {i, n}]]"),
        T(800, "a = AssociationThread[Range[n], Range[n]]; Length[KeyDrop[a, Range[1, n, 2]]]"),
        T(800, "a = AssociationThread[Range[n], Range[n]]; KeyDropFrom[a, Range[1, n, 2]]; Length[a]"),
        T(500, "r = Thread[Range[n] -> Range[n]]; Length[KeyTake[r, Range[1, n, 2]]]"),
        T(500, "r = Thread[Range[n] -> Range[n]]; Length[KeyDrop[r, Range[1, n, 2]]]"),
        T(250, "a = AssociationThread[ToString /@ Range[n], Range[n]]; Length[Delete[a, ToString /@ Range[1, n, 2]]]"),
        // strings: building, splitting, replacing
        T(5000, "StringLength[StringJoin[Table[\"ab\", {n}]]]"),
        T(500, "StringLength[StringJoin[ToString /@ Range[n]]]"),
        T(400, "Module[{parts = {}}, Do[AppendTo[parts, ToString[i]], {i, n}]; StringLength[StringJoin[parts]]]"),
        T(500, "StringLength[StringRiffle[ToString /@ Range[n], \",\"]]"),
        T(250, "Length[StringSplit[StringRepeat[\"ab cd \", n]]]"),
        T(500, "Length[StringSplit[StringRiffle[ToString /@ Range[n], \",\"], \",\"]]"),
        T(1500, "StringLength[StringReplace[StringRepeat[\"abc\", n], \"b\" -> \"xy\"]]"),
        T(500, "StringLength[StringReplace[StringRepeat[\"abc\", n], \"a\" ~~ x_ :> x]]"),
        T(2000, "Length[StringCases[StringRepeat[\"ab1\", n], DigitCharacter]]"),
        T(1000, "Length[StringPosition[StringRepeat[\"abc\", n], \"bc\"]]"),
        T(2000, "StringCount[StringRepeat[\"abc\", n], \"c\"]"),
        T(4000, "Length[Characters[StringRepeat[\"ab\", n]]]"),
        T(2000, "StringLength[StringJoin[Characters[StringRepeat[\"ab\", n]]]]"),
        T(250, "s = StringRepeat[\"ab\", n]; Do[StringTake[s, {i}], {i, n}]; StringLength[s]"),
        T(250, "s = StringRepeat[\"ab\", n]; k = 0; While[k < StringLength[s], k++]; k"),
        T(8000, "StringLength[ToUpperCase[StringRepeat[\"ab\", n]]]"),
        T(5000, "StringLength[StringReverse[StringRepeat[\"ab\", n]]]"),
        T(10000, "StringLength[ToString[Range[n]]]"),
        T(500, "Length[ToExpression[\"{\" <> StringRiffle[ToString /@ Range[n], \",\"] <> \"}\"]]"),
        T(5000, "Length[ToCharacterCode[StringRepeat[\"ab\", n]]]"),
        T(500, "StringLength[FromCharacterCode[Mod[Range[n], 26] + 97]]"),
        T(2000, "StringLength[StringInsert[StringRepeat[\"ab\", n], \"x\", Range[1, n, 3]]]"),
        // ReplaceAll, ReplaceRepeated
        T(3000, "Length[Range[n] /. 3 -> x]"),
        T(400, "Length[Range[n] /. Dispatch[Thread[Range[n] -> -Range[n]]]]"),
        T(400, "Length[Range[n] /. Thread[Range[n] -> -Range[n]]]"),
        T(250, "Length[Table[f[i], {i, n}] /. f[x_] :> x + 1]"),
        T(250, "Length[Table[f[i], {i, n}] /. {f[1] -> 0, g[x_] :> x}]"),
        T(500, "Length[Replace[Range[n], x_Integer :> x + 1, {1}]]"),
        T(800, "Length[ReplaceRepeated[Range[n], {a___, 3, b___} :> {a, b}]]"),
        T(800, "Length[ReplaceRepeated[Join[Range[n], {3, 3, 3}], {a___, 3, b___} :> {a, b}]]"),
        T(200, "Length[Range[n] //. {a___, x_, y_, b___} /; x > y :> {a, y, x, b}]"),
        T(500, "Length[ReplaceRepeated[Join[Range[n], {a}], {x__Integer, s_Symbol} :> {s, x}]]"),
        T(8000, "Length[Range[n] /. {x___, 5, y___} :> {y}]"),
        T(1000, "Length[ReplaceList[Range[n], {___, x_, 5, ___} :> x]]"),
        T(200, "Length[Table[f[g[i]], {i, n}] //. {f[g[x_]] :> h[x], h[x_] :> x}]"),
        // Fold, Nest and friends
        T(1500, "Fold[Plus, 0, Range[n]]"),
        T(1500, "Length[FoldList[Plus, 0, Range[n]]]"),
        T(250, "Fold[#1 + #2^2 &, 0, Range[n]]"),
        T(3000, "Nest[# + 1 &, 0, n]"),
        // An assigned value whose parts share their tails (each chain of a NestList holds the last).
        T(2000, "y = NestList[f[#] &, x, n]; Length[y]"),
        T(2000, "y = Nest[f[#] &, x, n]; Depth[y]"),
        T(250, "FixedPoint[If[# < n, # + 1, #] &, 0]"),
        T(250, "NestWhile[# + 1 &, 0, # < n &]"),
        // definitions
        T(250, "Clear[g]; Do[g[i] = i, {i, n}]; Do[g[i], {i, n}]; g[n]"),
        T(200, "Clear[g]; Do[g[i] = i, {i, n}]; Do[g[i] =., {i, n}]; Length[DownValues[g]]"),
        T(200, "Clear[fib]; fib[0] = 0; fib[1] = 1; fib[k_] := fib[k] = Mod[fib[k - 1] + fib[k - 2], 1000]; Do[fib[i], {i, n}]; fib[n]"),
        // Position, Flatten, Partition, Riffle, Accumulate, Total, Dot
        T(800, "Length[Position[Mod[Range[n], 7], 0]]"),
        T(250, "Length[Position[Table[f[Mod[i, 10]], {i, n}], f[3]]]"),
        T(1000, "Length[Flatten[Table[{i, i}, {i, n}]]]"),
        T(20000, "Length[Flatten[RandomReal[1, {n, 3}]]]"),
        T(250, "Length[Flatten[Table[{{i}, {f[i]}}, {i, n}], 1]]"),
        T(3000, "Length[Partition[Range[n], 2]]"),
        T(1500, "Length[Partition[Range[n], 3, 1]]"),
        T(500, "Length[Partition[Table[f[i], {i, n}], 2]]"),
        T(5000, "Length[Riffle[Range[n], 0]]"),
        T(500, "Length[Riffle[Table[f[i], {i, n}], Table[g[i], {i, n}]]]"),
        T(20000, "Length[Accumulate[Range[n]]]"),
        T(200, "Length[Accumulate[Table[i/2, {i, n}]]]"),
        T(15000, "Length[Differences[RandomReal[1, n]]]"),
        T(20000, "Total[Range[n]]"),
        T(20000, "Length[Total[RandomReal[1, {n, 3}]]]"),
        T(200, "Total[Table[i/3, {i, n}]]"),
        T(20000, "Length[RandomReal[1, {n, 3}] . RandomReal[1, 3]]"),
        T(20000, "RandomReal[1, n] . RandomReal[1, n]"),
        T(200, "Table[i/2, {i, n}] . Table[i/3, {i, n}]"),
        T(3000, "Length[ReplacePart[Range[n], Table[i -> 0, {i, 1, n, 7}]]]"),
        T(2000, "Length[Delete[Range[n], Table[{i}, {i, 1, n, 7}]]]"),
        T(5000, "Length[PadRight[Range[n], 2 n]]"),
        T(5000, "Length[RotateLeft[Range[n], 3]]"),
        T(20000, "Range[n] === Range[n]"),
        T(500, "Table[f[i], {i, n}] === Table[f[i], {i, n}]"),
        // NetTrain data forms
        T(400, "p = NetInitialize[ParametricRampLayer[\"Input\" -> 3]]; x = RandomReal[{-1, 1}, {n, 3}]; Head[NetTrain[p, Thread[x -> x], MaxTrainingRounds -> 1, TrainingProgressReporting -> None]]"),
        T(10000, "p = NetInitialize[ParametricRampLayer[\"Input\" -> 3]]; x = RandomReal[{-1, 1}, {n, 3}]; Head[NetTrain[p, x -> x, MaxTrainingRounds -> 1, TrainingProgressReporting -> None]]"),
        T(10000, "p = NetInitialize[ParametricRampLayer[\"Input\" -> 3]]; x = RandomReal[{-1, 1}, {n, 3}]; Head[NetTrain[p, <|\"Input\" -> x, \"Output\" -> x|>, MaxTrainingRounds -> 1, TrainingProgressReporting -> None]]"),
        T(1000, "p = NetInitialize[ParametricRampLayer[\"Input\" -> 2]]; r = Table[{0.001 i, -0.001 i} -> {0.001 i, 0.}, {i, n}]; Head[NetTrain[p, r, MaxTrainingRounds -> 1, TrainingProgressReporting -> None]]"),
        T(1000, "p = NetInitialize[ParametricRampLayer[\"Input\" -> 3]]; x = Developer`FromPackedArray[RandomReal[{-1, 1}, {n, 3}]]; Head[NetTrain[p, x -> x, MaxTrainingRounds -> 1, TrainingProgressReporting -> None]]"),
    ]

    /// Seconds for `source`, best of three.
    static func seconds(_ kernel: Kernel, _ source: String) throws -> Double {
        var best = Double.infinity
        for _ in 0..<3 {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try kernel.evaluate(source: source)
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return best
    }

    /// Time at 8n over time at n, in one kernel; also the messages the runs issued.
    static func growth(_ t: Template) throws -> (ratio: Double, messages: [String]) {
        let kernel = Kernel.standard()
        final class Messages: @unchecked Sendable { var texts: [String] = [] }
        let messages = Messages()
        kernel.messageHandler = { messages.texts.append($0.description) }
        kernel.printHandler = { _ in }
        _ = try kernel.evaluate(source: "n = \(t.n);")
        let small = try seconds(kernel, t.code)
        _ = try kernel.evaluate(source: "n = \(8 * t.n);")
        let large = try seconds(kernel, t.code)
        return (large / max(small, 1e-6), messages.texts)
    }

    @Test func atLeast120Templates() {
        #expect(Self.templates.count >= 120)
    }

    @Test(arguments: templates)
    func growsLinearly(_ t: Template) throws {
        var (ratio, messages) = try Self.growth(t)
        // A loaded machine (tests run in parallel) can stretch one timing: measure again, up to
        // twice, before calling it superlinear. Quadratic code grows ~64× every time.
        for _ in 0..<2 where ratio >= 20 { ratio = min(ratio, try Self.growth(t).ratio) }
        if ProcessInfo.processInfo.environment["RAMP_SCALING_REPORT"] != nil {
            print(String(format: "growth %5.1fx  n = %5d  %@", ratio, t.n, t.code))
        }
        #expect(messages.isEmpty, "\(t.code): messages \(messages)")
        #expect(ratio < 20, "\(t.code): 8n took \(ratio)× as long as n (n = \(t.n))")
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
