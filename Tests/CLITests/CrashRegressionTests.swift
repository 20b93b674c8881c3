import Testing
import Foundation

/// Inputs that once crashed, trapped or hung the interpreter (issue 13, §1), run through the `ramp`
/// executable: each must end normally (no signal) with Wolfram's result and messages.
struct CrashCase: CustomTestStringConvertible, Sendable {
    let code: String
    /// The last line printed: the result.
    let result: String
    /// Message tags (`Head::tag`) that must be printed before it, in order.
    let messages: [String]

    init(_ code: String, _ result: String, _ messages: String...) {
        self.code = code
        self.result = result
        self.messages = messages
    }

    var testDescription: String { code }
}

/// `$Failed` after `General::nomem`: the answer to every request past Ramp's one size limit.
func nomem(_ code: String) -> CrashCase { CrashCase(code, "$Failed", "General::nomem") }

/// The message tags at the start of the lines of `out` (`Head::tag: text`).
func messageTags(_ out: String) -> [String] {
    out.split(separator: "\n").compactMap { line in
        guard let colon = line.range(of: ": "), line[..<colon.lowerBound].contains("::") else { return nil }
        return String(line[..<colon.lowerBound])
    }
}

@Suite struct CrashRegressionTests {
    static let infinities: [CrashCase] = [
        CrashCase("a*Infinity", "DirectedInfinity[a]"),
        CrashCase("Pi*Infinity", "Infinity"),
        CrashCase("\"a\"*Infinity", "DirectedInfinity[a]"),
        CrashCase("InputForm[\"a\"*Infinity]", "DirectedInfinity[\"a\"]"),
        CrashCase("-a*Infinity // FullForm", "DirectedInfinity[Times[-1, a]]"),
        CrashCase("a*ComplexInfinity", "ComplexInfinity"),
        CrashCase("Log2[0]", "-Infinity"),
        CrashCase("Log10[0]", "-Infinity"),
        CrashCase("Log[7, 0]", "-Infinity"),
        CrashCase("Sqrt[2]/0", "ComplexInfinity", "Power::infy"),
        CrashCase("Normalize[ComplexInfinity]", "ComplexInfinity"),
        CrashCase("Range[0, x, 0]", "Range[0, x, 0]", "Power::infy", "Range::range"),
        CrashCase("Do[0, {i, 1, x, 0}]", "Do[0, {i, 1, x, 0}]", "Power::infy", "Do::iterb"),
    ]

    static let sizes: [CrashCase] = [
        nomem("RandomInteger[1, 2^61]"),
        nomem("RandomReal[1, 2^61]"),
        nomem("RandomChoice[{1}, 2^32]"),
        nomem("StringPadLeft[\"ab\", 2^62]"),
        nomem("StringRepeat[\"a\", 10^9]"),
        nomem("Tuples[{1, 2}, 2^62]"),
        nomem("Tuples[{1}, 2^63 - 1]"),
        CrashCase("Tuples[{}, 2^63 - 1]", "{}"),
        CrashCase("Tuples[{}, 0]", "{{}}"),
        nomem("Table[0., {i, 2^28}]"),
        nomem("Table[0, {i, 2^14}, {j, 2^14}]"),
        nomem("Array[f, 10^9]"),
        nomem("IntegerDigits[5, 2, 2^62]"),
        nomem("Outer[List, Range[10^4], Range[10^4]]"),
        nomem("NestList[f, x, 2^63 - 1]"),
        CrashCase("Transpose[ConstantArray[1, {2^14, 2^14}]]", "Transpose[$Failed]", "General::nomem", "Transpose::nmtx"),
        CrashCase("Subsets[{a, b}, {0, 2^62}]", "{{}, {a}, {b}, {a, b}}"),
        CrashCase("Subsets[{a, b, c}, {3, -2^62, -2}]", "{{a, b, c}, {a}, {b}, {c}}"),
    ]

    static let pureFunctions: [CrashCase] = [
        CrashCase("Function[][1]", "Function[][1]", "Function::argb"),
        CrashCase("(Sequence[]&)[1]", "Function[][1]", "Function::argb"),
        CrashCase("Map[Sequence[]&, {1, 2}]", "{Function[][1], Function[][2]}", "Function::argb", "Function::argb"),
        CrashCase("Array[Sequence[]&, 1]", "{Function[][1]}", "Function::argb"),
        CrashCase("Fold[Sequence[]&, 0, {1}]", "Function[][0, 1]", "Function::argb"),
        CrashCase("FoldList[Sequence[]&, 0, {1}]", "{0, Function[][0, 1]}", "Function::argb"),
        CrashCase("MapIndexed[Sequence[]&, {1}]", "{Function[][1, {1}]}", "Function::argb"),
        CrashCase("NestWhile[Sequence[]&, 1, True&, 1, 1]", "Function[][1]", "Function::argb"),
        CrashCase("FixedPoint[Sequence[]&, 1, 1]", "Function[][1]", "Function::argb"),
        CrashCase("Function[x, y, z, w][1]", "Function[x, y, z, w][1]", "Function::argb"),
    ]

    static let overflows: [CrashCase] = [
        CrashCase("Reverse[{1, 2}, {}]", "{1, 2}"),
        CrashCase("DeleteCases[{x}, x, -2^63]", "{x}"),
        CrashCase("Gamma[2^63 - 1]", "Overflow[]", "General::ovfl"),
        CrashCase("Binomial[3, 1.*^308]", "0."),
        CrashCase("Binomial[0.1, -10^19]", "0."),
        // (-1)^(n-k) Binomial[-k-1, n-k] = -Binomial[2^63 - 1, 2^63 - 1].
        CrashCase("Binomial[-1, -2^63]", "-1"),
        CrashCase("x = <|a -> x|>; x", "Hold[<|a -> x|>]", "$RecursionLimit::reclim2"),
        CrashCase("Total[{a, b, c}, 2^31]", "a + b + c"),
        // Binomial[2^62 + 2^61 - 1, 2^61]: far past the integer size limit, refused before GMP starts.
        CrashCase("Binomial[-2^62, 2^61]", "Overflow[]", "General::ovfl"),
        CrashCase("Head[Nest[NetChain[{#}]&, ParametricRampLayer[], 2000]]", "NetChain"),
        CrashCase("TimeConstrained[1, Infinity]", "1"),
        CrashCase("-1", "-1"),
        // Found by reading the code: a negative packed base to a huge real power trapped in Int(y).
        CrashCase("Range[-3., -1.]^(10.^300)", "{Infinity, Infinity, 1.}"),
        CrashCase("-x - 1", "-1 - x"),
    ]

    /// Steps that did not poll for aborts, so `TimeConstrained` (and Ctrl-C, and the fuzzer's
    /// budget) waited for them: printing a large expression (`ToString`, `Export`), and sorting or
    /// hashing a long list (`Sort`, `Union`, `DeleteDuplicates`, `Tally`, the distinct elements
    /// `Permutations` counts). Each took 6 to 20 s here (debug build) before the abort was noticed,
    /// and still gave `$Aborted`; `quick` gives `{slow, seconds, result}` for a step that takes more
    /// than 5 s against a limit of 0.1 s. The data is built before the limit, by builtins whose
    /// results are not evaluated again (and no definition is made after it), so only the step
    /// itself is timed.
    static let quick = "quick = If[#[[1]] < 5, #[[2]], {slow, #[[1]], #[[2]]}] &; "
    static func limited(_ step: String) -> String { "quick[AbsoluteTiming[TimeConstrained[\(step), 0.1]]]" }
    static let aborts: [CrashCase] = [
        CrashCase(quick + "a = ConstantArray[f[x], 3*10^6]; {\(limited("StringLength[ToString[a, InputForm]]")), after}",
                  "{$Aborted, after}"),
        CrashCase(quick + "r = Range[3*10^7]; {\(limited("StringLength[ExportString[r, \"Text\"]]")), after}", "{$Aborted, after}"),
        CrashCase(quick + "data = Array[f, 10^6]; {" + ["Union[data]", "Sort[data]", "DeleteDuplicates[data]", "Tally[data]",
                                                      "Permutations[data, {1}]"].map { limited("Length[\($0)]") }.joined(separator: ", ") + "}",
                  "{$Aborted, $Aborted, $Aborted, $Aborted, $Aborted}"),
    ]

    static let nets: [CrashCase] = [
        // A shape whose element count fits in Int may be declared; building an array past the
        // size limit from it (initializing, filling a scalar slope, a batch's activations) is
        // General::nomem, as for every builtin.
        CrashCase("Head[ParametricRampLayer[1, \"Input\" -> {2^28}]]", "ParametricRampLayer"),
        nomem("NetInitialize[ParametricRampLayer[1, \"Input\" -> {2^28}]]"),
        nomem("NetInitialize[LinearLayer[2^20, \"Input\" -> 2^10]]"),
        nomem("ParametricRampLayer[\"Slope\" -> 0.5, \"Input\" -> {2^28}]"),
        nomem("NetReplacePart[ParametricRampLayer[\"Slope\" -> 0.5], \"Input\" -> {2^28}]"),
        nomem("NetInitialize[LinearLayer[2^20, \"Input\" -> 1]][Table[{1.}, 300]]"),
        nomem("NetTrain[NetChain[{LinearLayer[2^20], LinearLayer[1]}, \"Input\" -> 1], Table[{1.} -> {1.}, 200], BatchSize -> 200]"),
        CrashCase("Information[LinearLayer[2^40, \"Input\" -> 2^40], \"ArraysTotalElementCount\"]",
                  "1208925819615728686333952"),
        CrashCase("ParametricRampLayer[\"Input\" -> {2^62, 4}]", "$Failed", "ParametricRampLayer::invportshape"),
        // A run stopped before its first batch ended has no rounds; its loss plot built a packed
        // array of shape {0} (PackedArray's precondition).
        CrashCase("NetTrain[LinearLayer[1, \"Input\" -> 1], {{1.} -> {1.}}, \"LossPlot\", "
                  + "Method -> {\"ADAM\", \"LearningRateSchedule\" -> (\"x\" &)}, TrainingProgressReporting -> None]",
                  "ListLogPlot[{}]", "NetTrain::badlrs"),
    ]

    func check(_ c: CrashCase) throws {
        let run = try ramp(["-c", c.code])
        #expect(run.status == 0, "\(c.code) ended with status \(run.status): \(run.err)")
        let lines = run.out.split(separator: "\n", omittingEmptySubsequences: true)
        #expect(lines.last.map(String.init) == c.result, "\(c.code) printed \(run.out)")
        #expect(messageTags(run.out) == c.messages, "\(c.code) printed \(run.out)")
    }

    @Test(arguments: infinities) func infiniteQuantities(_ c: CrashCase) throws { try check(c) }
    @Test(arguments: sizes) func sizesPastTheLimit(_ c: CrashCase) throws { try check(c) }
    @Test(arguments: pureFunctions) func emptyPureFunctions(_ c: CrashCase) throws { try check(c) }
    @Test(arguments: overflows) func overflowsAndHangs(_ c: CrashCase) throws { try check(c) }
    @Test(arguments: nets) func netsPastTheLimit(_ c: CrashCase) throws { try check(c) }
    @Test(arguments: aborts) func abortsStopLongSteps(_ c: CrashCase) throws { try check(c) }

    /// A `.rampnet` whose body is a bare `s` or `y` token, or a string length past the end, with a
    /// valid checksum; and a `.rampnet` that is a link to /dev/zero.
    @Test func corruptNetFilesGiveMessages() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ramp-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func fnv(_ s: String) -> String {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            return String(h, radix: 16)
        }
        for body in ["s", "y", "s 9223372036854775807 ", "y 5 ab"] {
            let text = "RampNet 1\n\(body)\n"
            let path = dir.appendingPathComponent("bad.rampnet").path
            try (text + "end \(fnv(text))\n").write(toFile: path, atomically: true, encoding: .utf8)
            let run = try ramp(["-c", "Import[\"\(path)\"]"])
            #expect(run.status == 0, "body \(body): status \(run.status)")
            #expect(messageTags(run.out) == ["Import::rampnet"], "body \(body): \(run.out)")
            #expect(run.out.hasSuffix("$Failed\n"))
        }
        let link = dir.appendingPathComponent("zero.rampnet").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/dev/zero")
        let run = try ramp(["-c", "Import[\"\(link)\"]"])
        #expect(run.status == 0)
        #expect(messageTags(run.out) == ["Import::rampnet"], "\(run.out)")
        #expect(run.out.contains("not a RampNet file"))
        #expect(run.out.hasSuffix("$Failed\n"))
    }

    /// Files past the size limit: a regular file is refused by its size before anything is read (a
    /// sparse 2 GiB file costs nothing to make); a device without a size (a link to /dev/zero) is
    /// read up to the limit and no further. Each gives General::nomem and $Failed, and PutAppend
    /// leaves the file it could not read alone. The runs are capped at 4 GB of address space, so a
    /// regression fails the test instead of exhausting the machine.
    @Test func filesPastTheLimitGiveNomem() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ramp-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func capped(_ arguments: [String]) throws -> Run {
            try ramp(["-c", "ulimit -v 4194304 && exec \"$0\" \"$@\"", rampBinary().path] + arguments, shell: true)
        }
        var names: [String: String] = [:]
        for name in ["big.txt", "big.rampnet", "big.wl"] {
            let path = dir.appendingPathComponent(name).path
            #expect(FileManager.default.createFile(atPath: path, contents: nil))
            let handle = try #require(FileHandle(forWritingAtPath: path))
            try handle.truncate(atOffset: 2 << 30)
            try handle.close()
            names[name] = path
        }
        let zero = dir.appendingPathComponent("zero.txt").path
        try FileManager.default.createSymbolicLink(atPath: zero, withDestinationPath: "/dev/zero")
        for code in ["Import[\"\(names["big.txt"]!)\"]", "Import[\"\(names["big.rampnet"]!)\"]",
                     "Get[\"\(names["big.wl"]!)\"]", "ReadString[\"\(names["big.txt"]!)\"]",
                     "PutAppend[1, \"\(names["big.txt"]!)\"]", "Import[\"\(zero)\"]"] {
            let run = try capped(["-c", code])
            #expect(run.status == 0, "\(code): status \(run.status) \(run.err)")
            #expect(messageTags(run.out) == ["General::nomem"], "\(code): \(run.out)")
            #expect(run.out.hasSuffix("$Failed\n"), "\(code): \(run.out)")
        }
        let size = try FileManager.default.attributesOfItem(atPath: names["big.txt"]!)[.size] as? Int
        #expect(size == 2 << 30)
        let script = try capped([names["big.wl"]!])
        #expect(script.status == 2)
        #expect(script.err.contains("size limit"), "\(script.err)")
    }
}
