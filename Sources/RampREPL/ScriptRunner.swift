#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Ramp

/// Runs scripts the way `wolframscript` does: statements are evaluated in order; only `Print`
/// output and messages appear (messages on standard output, each after a blank line), unless
/// the result is asked for (`ramp -c`, `--print`), which prints the last result on one line,
/// InputForm-style with bare strings.
///
/// Exit status: 0; the value given to `Exit[n]`/`Quit[n]`; or 1 after a syntax error, reported on
/// standard error as `file:line:column: message`. Statements before the error have run (like `Get`).
public struct ScriptRunner {
    /// The session evaluated in.
    public let session: Session
    /// Receives standard-output text.
    public let write: (String) -> Void
    /// Receives standard-error text.
    public let writeError: (String) -> Void

    /// Writes to standard output and flushes at once, as wolframscript does: each `Print`,
    /// message and result reaches a file or pipe when it is made, so nothing printed is lost when
    /// the script later crashes or is killed (one write per `Print`, however large).
    public static func writeStandardOutput(_ text: String) {
        print(text, terminator: "")
        fflush(nil)
    }

    /// A runner over `session`; output goes to `write`, syntax errors to `writeError`.
    public init(session: Session,
                write: @escaping (String) -> Void = ScriptRunner.writeStandardOutput,
                writeError: @escaping (String) -> Void = writeStandardError) {
        self.session = session
        self.write = write
        self.writeError = writeError
        session.kernel.printHandler = { write($0 + "\n") }
        session.kernel.messageHandler = { write("\n" + $0.description + "\n") }
        session.kernel.printStyle = .scriptForm   // Print as wolframscript does
    }

    /// Sets `$ScriptCommandLine` (the script's name followed by its arguments).
    public func setCommandLine(_ words: [String]) {
        session.kernel.setValue(.list(words.map { .string($0) }), of: "$ScriptCommandLine")
    }

    /// Runs a whole program text (a file or `-c` code); prints the last result when `printResult`.
    public func run(source: String, fileName: String, printResult: Bool) -> Int32 {
        var last = Expr.null
        var reader = StatementReader(source: Self.withoutShebang(source), fileName: fileName)
        while session.exitCode == nil {
            do {
                guard let statement = try reader.next() else { break }
                last = Self.shown(session.evaluate(statement.expr))
            } catch {
                writeError(Self.describe(error, fileName: fileName, lineOffset: 0) + "\n")
                return 1
            }
        }
        if let code = session.exitCode { return code }
        if printResult { write(Render.script(last) + "\n") }
        return 0
    }

    /// Runs lines as they arrive (piped standard input): each statement is evaluated as soon as it
    /// is complete, so a slow producer sees results as it goes.
    public func run<Source: LineSource>(lines source: inout Source, fileName: String, printResult: Bool) -> Int32 {
        var pending = ""
        var pendingStart = 1       // line number of pending's first line
        var lineNumber = 0
        var last = Expr.null
        var first = true
        func flush() -> Int32? {
            var reader = StatementReader(source: pending, fileName: fileName)
            while session.exitCode == nil {
                do {
                    guard let statement = try reader.next() else { break }
                    last = Self.shown(session.evaluate(statement.expr))
                } catch {
                    writeError(Self.describe(error, fileName: fileName, lineOffset: pendingStart - 1) + "\n")
                    return 1
                }
            }
            return session.exitCode
        }
        while session.exitCode == nil, var text = source.readLine(prompt: "") {
            lineNumber += 1
            if first, text.hasPrefix("#!") { text = "" }
            first = false
            if pending.isEmpty { pendingStart = lineNumber }
            pending += pending.isEmpty ? text : "\n" + text
            if pending.allSatisfy(\.isWhitespace) { pending = ""; continue }
            if case .incomplete = Parser.inputStatus(pending) { continue }
            if let code = flush() { source.close(); return code }
            pending = ""
        }
        if !pending.isEmpty, session.exitCode == nil, let code = flush() { source.close(); return code }
        source.close()
        if let code = session.exitCode { return code }
        if printResult { write(Render.script(last) + "\n") }
        return 0
    }

    /// The result as `-c`/`--print` shows it: in its form wrapper (`FullForm[x^2]` prints `Power[x, 2]`).
    static func shown(_ evaluation: Session.Evaluation) -> Expr { evaluation.shown }

    /// `file:line:column: Syntax::tag: text`, then the source line and a caret under the spot.
    static func describe(_ error: SyntaxError, fileName: String, lineOffset: Int) -> String {
        var text = "\(fileName):\(error.line + lineOffset):\(error.column): \(error.message)"
        if !error.sourceLine.isEmpty {
            var caret = ""
            for (i, ch) in error.sourceLine.unicodeScalars.enumerated() where i < error.caretColumn - 1 {
                caret.unicodeScalars.append(ch == "\t" ? "\t" : " ")
            }
            text += "\n" + error.sourceLine + "\n" + caret + "^"
        }
        return text
    }

    /// A `#!` first line becomes empty, so line numbers stay right.
    static func withoutShebang(_ source: String) -> String {
        guard source.hasPrefix("#!") else { return source }
        guard let newline = source.firstIndex(of: "\n") else { return "" }
        return String(source[newline...])
    }

    /// Reads a whole script file as UTF-8 (invalid sequences become U+FFFD), at most
    /// `SizeLimit.maxBytes` of it, as `Get` does: a larger file or an endless device (a link to
    /// /dev/zero) is refused, never read on until memory runs out.
    public static func readFile(_ path: String) throws(FileAccess.Failure) -> String {
        try FileAccess.readText(path)
    }
}

/// Writes `text` to standard error (after flushing standard output, so the two stay in order).
public func writeStandardError(_ text: String) {
    fflush(nil)
    var text = text
    text.withUTF8 { bytes in
        var rest = UnsafeRawBufferPointer(bytes)
        while !rest.isEmpty {
            let n = write(STDERR_FILENO, rest.baseAddress, rest.count)
            if n <= 0 { break }
            rest = UnsafeRawBufferPointer(rebasing: rest[n...])
        }
    }
}
