import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a large program on two threads: this one parses from the start while a second one finds a
/// likely statement boundary about half-way and parses from there to the end. The result is exactly
/// that of reading the whole program in order:
///
/// - The second thread starts at a line start that a quick scan finds outside brackets, strings and
///   comments. That is only a guess. The first thread confirms it: it parses statement after statement
///   until the next one would start at or past the second thread's first token, and uses the second
///   half only when a statement of its own starts exactly there (a top-level statement start, where
///   the parser holds no state from before, so parsing from there gives the same statements).
/// - A statement running across the guessed boundary, or an error before it, makes the first thread
///   go on alone (the second half is dropped): the result is then the plain sequential one.
/// - Statements before an error are kept, and the first error is reported, as sequentially.
///
/// Used for sources of at least `minimumSize` bytes on machines with more than one processor; sources
/// with carriage returns or line continuations before the middle are read sequentially.
enum ParallelProgramReader {
    /// Backs `Parser.readsLargeProgramsOnTwoThreads`.
    static let enabled = Atomic<Bool>(true)

    /// Smaller sources are read on one thread (a thread start costs more than it saves below this).
    static let minimumSize = 512 << 10

    typealias Statements = [(expr: Expr, line: Int)]

    /// The second thread's first token offset once known; -1 while it scans, -2 when it has none.
    private final class SecondStart: Sendable {
        let offset = Atomic<Int>(-1)
    }

    /// The program's statements and first error, or nil when it should be read sequentially.
    static func read(_ bytes: [UInt8], fileName: String?) -> (Statements, SyntaxError?)? {
        guard bytes.count >= minimumSize, Parser.readsLargeProgramsOnTwoThreads, processorCount() > 1 else { return nil }
        // The second thread also scans for the split, so it gets a little less than half to parse.
        let outcome = read(bytes, fileName: fileName, splitAfter: bytes.count / 2 + bytes.count / 32)
        return outcome.map { ($0.statements, $0.error) }
    }

    /// What the two threads read: `joined` tells whether the second thread's statements were used.
    struct Outcome {
        var statements: Statements
        var error: SyntaxError?
        var joined: Bool
    }

    /// `read` with the second thread starting at the first line start the scan accepts at or after
    /// `middle`, whatever the size (tests choose the spot).
    static func read(_ bytes: [UInt8], fileName: String?, splitAfter middle: Int) -> Outcome? {
        let secondStart = SecondStart()
        let second = ParserStack.spawn { () -> (Statements, SyntaxError?)? in
            guard let split = splitPoint(bytes, after: middle) else {
                secondStart.offset.store(-2, ordering: .releasing)
                return nil
            }
            var core = ParserCore(bytes: bytes, fileName: fileName, start: split.offset)
            guard core.tok.kind != .eof && core.tok.kind != .error else {
                secondStart.offset.store(-2, ordering: .releasing)
                return nil
            }
            secondStart.offset.store(core.tok.start, ordering: .releasing)
            var statements: Statements = []
            let error = StatementReader.readStatements(&core, into: &statements, line: (split.offset, split.line))
            return (statements, error)
        }
        guard let second else { return nil }
        var core = ParserCore(bytes: bytes, fileName: fileName)
        var statements: Statements = []
        // Stop before the second thread's first statement. It starts after `middle`, so that is where
        // this thread waits for it to be known (if the scan has not finished by then).
        var boundary = -1
        var error = StatementReader.readStatements(&core, into: &statements, line: (0, 1)) { start in
            if boundary == -1 {
                boundary = secondStart.offset.load(ordering: .acquiring)
                while boundary == -1 && start >= middle {
                    sched_yield()
                    boundary = secondStart.offset.load(ordering: .acquiring)
                }
            }
            return boundary >= 0 && start >= boundary
        }
        let secondResult = second.join()
        if error != nil || core.tok.kind == .eof { return Outcome(statements: statements, error: error, joined: false) }
        if core.lexer.sourceOffset(core.tok.start) == boundary, let (rest, restError) = secondResult {
            statements.append(contentsOf: rest)
            return Outcome(statements: statements, error: restError, joined: true)
        }
        // A statement ran across the guessed boundary: go on alone from here (line numbers are
        // counted from the start again, which only this rare case pays for).
        error = StatementReader.readStatements(&core, into: &statements, line: (0, 1))
        return Outcome(statements: statements, error: error, joined: false)
    }

    /// A line start at or after `after`, outside brackets, strings and comments by a quick scan (which
    /// ignores operators, so it may be wrong; the caller checks), with its 1-based line number; nil when
    /// there is none or the source has carriage returns or line continuations before it.
    static func splitPoint(_ bytes: [UInt8], after: Int) -> (offset: Int, line: Int)? {
        bytes.withUnsafeBufferPointer { b -> (offset: Int, line: Int)? in
            scanClass.withUnsafeBufferPointer { scanClass -> (offset: Int, line: Int)? in
            guard let p = b.baseAddress else { return nil }
            let n = b.count
            var i = 0, depth = 0, comments = 0, line = 1
            var inString = false
            while i < n {
                // Most bytes change nothing: skip them four at a time, then one at a time.
                while i &+ 4 <= n && scanClass[Int(p[i])] | scanClass[Int(p[i &+ 1])] | scanClass[Int(p[i &+ 2])] | scanClass[Int(p[i &+ 3])] == 0 {
                    i &+= 4
                }
                while i < n && scanClass[Int(p[i])] == 0 { i &+= 1 }
                guard i < n else { break }
                let c = p[i]
                let next: UInt8 = i + 1 < n ? p[i + 1] : 0
                if c == 0x0D { return nil }
                if c == 0x0A {
                    line += 1
                    if depth == 0 && comments == 0 && !inString && i + 1 >= after && i + 1 < n {
                        // The lexer removes every `\` + newline it finds outside comments (after `\\`
                        // too); any before the split would shift offsets between the two lexers. (The
                        // scan itself steps over `\` and the byte after it, newline or not.)
                        return hasBackslashNewline(p, upTo: i + 1) ? nil : (i + 1, line)
                    }
                    i += 1
                    continue
                }
                if inString {
                    if c == UInt8(ascii: "\\") { i += 2; continue }
                    if c == UInt8(ascii: "\"") { inString = false }
                } else if comments > 0 {
                    if c == UInt8(ascii: "(") && next == UInt8(ascii: "*") { comments += 1; i += 2; continue }
                    if c == UInt8(ascii: "*") && next == UInt8(ascii: ")") { comments -= 1; i += 2; continue }
                } else {
                    switch c {
                    case UInt8(ascii: "\""): inString = true
                    case UInt8(ascii: "("):
                        if next == UInt8(ascii: "*") { comments += 1; i += 2; continue }
                        depth += 1
                    case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
                    case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
                    case UInt8(ascii: "<") where next == UInt8(ascii: "|"): depth += 1; i += 2; continue
                    case UInt8(ascii: "|") where next == UInt8(ascii: ">"): depth -= 1; i += 2; continue
                    case UInt8(ascii: "\\"): i += 2; continue
                    default: break
                    }
                }
                i += 1
            }
            return nil
            }
        }
    }

    /// Whether a `\` is followed by `\n` or `\r` anywhere in `p[0..<end]`.
    private static func hasBackslashNewline(_ p: UnsafePointer<UInt8>, upTo end: Int) -> Bool {
        var i = 0
        while i < end, let hit = memchr(p + i, Int32(UInt8(ascii: "\\")), end - i) {
            let j = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - p
            if p[j + 1] == 0x0A || p[j + 1] == 0x0D { return true }  // j + 1 <= end < count
            i = j + 1
        }
        return false
    }

    /// 1 for the bytes the split scan looks at: newlines, quotes, backslashes, brackets, `*`, `<`, `|`.
    private static let scanClass: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        for c in "\n\r\"\\()[]{}*<|".utf8 { table[Int(c)] = 1 }
        return table
    }()

    /// The number of processors online.
    static func processorCount() -> Int {
        Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }
}

extension Parser {
    /// Whether programs of 512 KB or more are read by two threads (true by default; the result is the
    /// same either way). Set it to false to keep parsing on one processor.
    public static var readsLargeProgramsOnTwoThreads: Bool {
        get { ParallelProgramReader.enabled.load(ordering: .relaxed) }
        set { ParallelProgramReader.enabled.store(newValue, ordering: .relaxed) }
    }

    /// For the fuzzer (`FuzzParse`): reads `source` with the two-thread reader, the second thread
    /// starting after `splitAfter` bytes, and on one thread; true when both give the same statements,
    /// line numbers and first error (or when the scan finds no place to split).
    @_spi(Fuzzing) public static func twoThreadReadingAgrees(_ source: String, splitAfter: Int) -> Bool {
        let bytes = Array(source.utf8)
        return ParserStack.run(byteCount: bytes.count) {
            guard let outcome = ParallelProgramReader.read(bytes, fileName: "fuzz.wl", splitAfter: splitAfter) else { return true }
            var core = ParserCore(bytes: bytes, fileName: "fuzz.wl")
            var statements: ParallelProgramReader.Statements = []
            let error = StatementReader.readStatements(&core, into: &statements, line: (0, 1))
            return outcome.error == error && outcome.statements.count == statements.count
                && zip(outcome.statements, statements).allSatisfy { $0.expr == $1.expr && $0.line == $1.line }
        }
    }
}
