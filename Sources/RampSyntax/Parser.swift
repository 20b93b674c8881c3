#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads Wolfram-language source text into expressions (the grammar is in grammar.md).
///
/// ```swift
/// let e = try Parser.parseExpression("f[x_] := x^2")   // SetDelayed[f[Pattern[x, Blank[]]], Power[x, 2]]
/// let all = try Parser.parseProgram("a = 1\nb = a + 1") // two expressions
/// ```
public enum Parser {
    /// All top-level expressions of a program or script. A newline ends an expression at top level
    /// when what has been read is complete (as Wolfram's file reading does).
    /// - Throws: ``SyntaxError`` at the first error.
    public static func parseProgram(_ source: String, fileName: String? = nil) throws(SyntaxError) -> [Expr] {
        var reader = StatementReader(source: source, fileName: fileName)
        var result: [Expr] = []
        while let (expr, _) = try reader.next() { result.append(expr) }
        return result
    }

    /// Exactly one expression (for `ToExpression` and tests); anything after it is an error. Empty
    /// input gives `Null`.
    /// - Throws: ``SyntaxError``.
    public static func parseExpression(_ source: String) throws(SyntaxError) -> Expr {
        let bytes = Array(source.utf8)
        let result: Result<Expr, SyntaxError> = ParserStack.run(byteCount: bytes.count) {
            var core = ParserCore(bytes: bytes, fileName: nil)
            do throws(ParseFailure) {
                guard let node = try core.parseStatement() else { return .success(.null) }
                if core.tok.kind != .eof { throw core.unexpected() }
                return .success(node.expr)
            } catch {
                return .failure(error.error)
            }
        }
        return try result.get()
    }

    /// For the REPL: whether `source` is complete, needs more lines, or is wrong whatever follows.
    public static func inputStatus(_ source: String) -> InputStatus {
        var reader = StatementReader(source: source, fileName: nil)
        do {
            while try reader.next() != nil {}
            return .complete
        } catch {
            return error.isIncomplete ? .incomplete : .invalid(error)
        }
    }
}

/// Incremental reader for scripts: yields one top-level expression at a time with its 1-based start
/// line, so a script can evaluate earlier expressions before a later syntax error is reported.
///
/// The source is parsed on the first call to `next()` (on a large stack, see `ParserStack`); the
/// expressions before an error are yielded first, then the error is thrown.
public struct StatementReader {
    private let bytes: [UInt8]
    private let fileName: String?
    private var statements: [(expr: Expr, line: Int)] = []
    private var index = 0
    private var pendingError: SyntaxError?
    private var parsed = false

    public init(source: String, fileName: String?) {
        bytes = Array(source.utf8)
        self.fileName = fileName
    }

    /// The next top-level expression and the line it starts on; `nil` at the end (and after an error).
    /// - Throws: ``SyntaxError`` (with the reader's file name) when the next expression is wrong.
    public mutating func next() throws(SyntaxError) -> (expr: Expr, line: Int)? {
        if !parsed {
            parsed = true
            let bytes = self.bytes, fileName = self.fileName
            (statements, pendingError) = ParserStack.run(byteCount: bytes.count) {
                StatementReader.readAll(bytes, fileName: fileName)
            }
        }
        if index < statements.count {
            index += 1
            return statements[index - 1]
        }
        if let error = pendingError {
            pendingError = nil
            throw error
        }
        return nil
    }

    private static func readAll(_ bytes: [UInt8], fileName: String?) -> ([(expr: Expr, line: Int)], SyntaxError?) {
        if let parallel = ParallelProgramReader.read(bytes, fileName: fileName) { return parallel }
        var core = ParserCore(bytes: bytes, fileName: fileName)
        var statements: [(expr: Expr, line: Int)] = []
        let error = readStatements(&core, into: &statements, line: (offset: 0, number: 1))
        return (statements, error)
    }

    /// Parses statements with `core` into `statements` up to the end of input, or until `stop` says
    /// yes to the byte offset where the next statement starts. `line` is a known (byte offset, line
    /// number) pair at or before the parser's position. Returns the first error.
    static func readStatements(_ core: inout ParserCore, into statements: inout [(expr: Expr, line: Int)],
                               line: (offset: Int, number: Int), stop: (Int) -> Bool = { _ in false }) -> SyntaxError? {
        let bytes = core.lexer.source
        var lineOffset = line.offset
        var lineNumber = line.number
        let hasCarriageReturn = bytes.withUnsafeBufferPointer { b in
            b.baseAddress.map { memchr($0, 0x0D, b.count) != nil } ?? false
        }
        do throws(ParseFailure) {
            while true {
                let start = core.lexer.sourceOffset(core.tok.start)
                if core.tok.kind != .eof && stop(start) { break }
                guard let node = try core.parseStatement() else { break }
                if hasCarriageReturn {
                    while lineOffset < start {
                        let b = bytes[lineOffset]
                        if b == 0x0A || (b == 0x0D && (lineOffset + 1 >= bytes.count || bytes[lineOffset + 1] != 0x0A)) {
                            lineNumber += 1
                        }
                        lineOffset += 1
                    }
                } else if lineOffset < start {
                    lineNumber += countNewlines(bytes, lineOffset, start)
                    lineOffset = start
                }
                statements.append((node.expr, lineNumber))
            }
            return nil
        } catch {
            return error.error
        }
    }
}

/// The number of `\n` bytes in `bytes[from..<to]`.
func countNewlines(_ bytes: [UInt8], _ from: Int, _ to: Int) -> Int {
    bytes.withUnsafeBufferPointer { b in
        guard let base = b.baseAddress else { return 0 }
        var n = 0
        var p = base + from
        let end = base + to
        while p < end, let hit = memchr(p, 0x0A, end - p) {
            n += 1
            p = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) + 1
        }
        return n
    }
}
