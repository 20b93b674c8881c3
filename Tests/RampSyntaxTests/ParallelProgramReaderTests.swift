import Testing
@testable import RampSyntax

/// The two-thread program reader must give exactly what reading in order gives: the same statements
/// with the same line numbers, and the same first error, wherever the second thread starts.
@Suite struct ParallelProgramReaderTests {
    /// Statements of every shape that matters at a split: multi-line brackets, strings and comments
    /// holding newlines, a trailing operator that continues on the next line, `?Name` lines, an
    /// association over two lines, `#!` that is not a shebang, and blank lines.
    static let pieces = [
        "a = b c + d",
        "f1[x_, y_:1] := Module[{z = x^2 + 5 y},\n  If[z > 9 && EvenQ[z], z/2, {z, -z, 4.5*^3}]]",
        "s = \"line one\nline two (* not a comment *) [\"",
        "(* a comment\n   over (* nested *) lines [ *) c = 3",
        "x = 1 +\n 2",
        "?Plus",
        "<|\"a\" -> 1,\n \"b\" -> {2, 3}|>",
        "{1,\n2}",
        "#!/not/a/shebang",
        "",
        "ParametricRampLayer[<1, 2>, \"Slope\" -> 0.2, LearningRateMultipliers -> 0]",
        "g[n_Integer?Positive] := g[n - 1] + n // N",
        "Table[Sin[9.2 k] Exp[-k/3], {k, 1, 10}] /. {x_ /; x < 0 :> 0}",
        "y = (1 +\n  2) *\n 3",
    ]

    /// A program of `count` pieces chosen by a fixed pseudo-random sequence.
    static func program(_ count: Int, seed: UInt64, error: String? = nil) -> [UInt8] {
        var state = seed
        var lines: [String] = []
        for _ in 0..<count {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            lines.append(pieces[Int((state >> 33) % UInt64(pieces.count))])
        }
        if let error { lines.insert(error, at: Int((state >> 20) % UInt64(count))) }
        return Array(lines.joined(separator: "\n").utf8)
    }

    /// The statements and first error read in order on this thread.
    static func sequential(_ bytes: [UInt8]) -> ([(expr: Expr, line: Int)], SyntaxError?) {
        var core = ParserCore(bytes: bytes, fileName: "t.wl")
        var statements: [(expr: Expr, line: Int)] = []
        let error = StatementReader.readStatements(&core, into: &statements, line: (0, 1))
        return (statements, error)
    }

    static func same(_ a: [(expr: Expr, line: Int)], _ b: [(expr: Expr, line: Int)]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.expr == $1.expr && $0.line == $1.line }
    }

    /// Every split spot in a program (and in programs with a syntax error somewhere) gives the
    /// sequential result; the second half is really used for many spots.
    @Test(arguments: [nil, "f[1,)", "x = \"open", "a + * b"] as [String?])
    func everySplitGivesTheSequentialResult(error: String?) {
        let bytes = Self.program(120, seed: 7, error: error)
        let (expected, expectedError) = Self.sequential(bytes)
        #expect((expectedError == nil) == (error == nil))
        var joined = 0, tried = 0
        for middle in stride(from: 1, to: bytes.count, by: 7) {
            guard let outcome = ParallelProgramReader.read(bytes, fileName: "t.wl", splitAfter: middle) else { continue }
            tried += 1
            if outcome.joined { joined += 1 }
            #expect(Self.same(outcome.statements, expected), "split after \(middle)")
            #expect(outcome.error == expectedError, "split after \(middle)")
        }
        #expect(tried > bytes.count / 7 / 2)
        // Without an error most guesses are right; with one, only splits before it can be joined.
        #expect(joined > (error == nil ? tried / 4 : 0), "the second thread's half was used for \(joined) of \(tried) splits")
    }

    /// A guessed split inside a statement (a trailing `+`, a string or comment the scan cannot see
    /// from a line start it chose) falls back to reading on alone.
    @Test func wrongGuessesFallBack() {
        let text = "a = 1\nb = 2 +\n3\nc = 4\n"
        let bytes = Array(text.utf8)
        let (expected, _) = Self.sequential(bytes)
        // The line start after `b = 2 +` is a wrong guess: `3` belongs to `b`'s statement.
        let outcome = ParallelProgramReader.read(bytes, fileName: nil, splitAfter: 13)
        #expect(outcome != nil)
        #expect(outcome?.joined == false)
        #expect(Self.same(outcome?.statements ?? [], expected))
        #expect(expected.map(\.line) == [1, 2, 4])
    }

    /// Line continuations or carriage returns before the split make the scan give up (sequential).
    @Test func continuationsAndCarriageReturnsReadSequentially() {
        // Found by FuzzParse: outside strings the lexer reads `\\` then a continuation (`\` + newline);
        // the scan had taken `\\` as one escape and split after it.
        #expect(ParallelProgramReader.splitPoint(Array("\\\\\n\nx_ !\n\nx\\\n\nx_\\\\".utf8), after: 9) == nil)
        #expect(ParallelProgramReader.splitPoint(Array("a = 1 + \\\n 2\nb = 3\nc = 4\n".utf8), after: 14) == nil)
        #expect(ParallelProgramReader.splitPoint(Array("a = 1\r\nb = 3\r\nc = 4\r\n".utf8), after: 8) == nil)
        let split = ParallelProgramReader.splitPoint(Array("a = {1,\n2}\n\"x\ny\"\nc = 4\n".utf8), after: 1)
        #expect(split?.offset == 11 && split?.line == 3)
    }

    /// A large program through the public entry point: the same expressions as sequential reading,
    /// line numbers included (scripts report them).
    @Test func largeProgramThroughParseProgram() throws {
        let bytes = Self.program(40_000, seed: 11)
        #expect(bytes.count >= ParallelProgramReader.minimumSize)
        let (expected, _) = Self.sequential(bytes)
        var reader = StatementReader(source: String(decoding: bytes, as: UTF8.self), fileName: "big.wl")
        var got: [(expr: Expr, line: Int)] = []
        while let next = try reader.next() { got.append(next) }
        #expect(Self.same(got, expected))
        let outcome = ParallelProgramReader.read(bytes, fileName: "big.wl", splitAfter: bytes.count / 2)
        #expect(outcome?.joined == true)
    }

    /// `Parser.readsLargeProgramsOnTwoThreads = false` keeps reading on one thread.
    @Test func twoThreadsCanBeSwitchedOff() {
        let bytes = Self.program(40_000, seed: 5)
        if ParallelProgramReader.processorCount() > 1 {
            #expect(ParallelProgramReader.read(bytes, fileName: nil) != nil)
        }
        Parser.readsLargeProgramsOnTwoThreads = false
        defer { Parser.readsLargeProgramsOnTwoThreads = true }
        #expect(ParallelProgramReader.read(bytes, fileName: nil) == nil)
    }
}
