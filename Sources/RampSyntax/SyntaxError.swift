/// A syntax error with a Wolfram-style message (`Syntax::tag: text`) and the spot it points at.
///
/// `description` gives the message, the location (when a file name is known), the source line and a
/// caret under the offending column:
/// ```
/// Syntax::sntxf: "f[1," cannot be followed by ")".
/// script.wl:1:5
/// f[1,)
///     ^
/// ```
public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message tag: `"sntxf"`, `"sntxi"`, `"tsntxi"`, `"sntxb"`, `"bktmcp"`, `"sntufn"`, …
    public let tag: String
    /// The message text after `Syntax::tag: `.
    public let text: String
    /// 1-based line of the offending spot.
    public let line: Int
    /// 1-based column (in characters) of the offending spot.
    public let column: Int
    /// The file being read, if any.
    public let fileName: String?
    /// The source line holding the spot (shortened around the spot when very long).
    public let sourceLine: String
    /// True when the input ended too early (open bracket, string or comment, or a trailing operator):
    /// more input could complete it. The REPL reads a continuation line in that case.
    public let isIncomplete: Bool
    /// The column of the caret within `sourceLine` (differs from `column` when the line was shortened).
    public let caretColumn: Int

    public init(tag: String, text: String, line: Int, column: Int, fileName: String? = nil,
                sourceLine: String, isIncomplete: Bool = false, caretColumn: Int? = nil)
    {
        self.tag = tag
        self.text = text
        self.line = line
        self.column = column
        self.fileName = fileName
        self.sourceLine = sourceLine
        self.isIncomplete = isIncomplete
        self.caretColumn = caretColumn ?? column
    }

    /// `Syntax::tag: text`.
    public var message: String { "Syntax::\(tag): \(text)" }

    /// `file:line:column` when a file name is set, else `nil`.
    public var location: String? { fileName.map { "\($0):\(line):\(column)" } }

    public var description: String {
        var out = message
        if let location { out += "\n" + location }
        out += "\n" + sourceLine + "\n"
        // Keep tabs so the caret lines up under the spot on a terminal.
        var caret = ""
        for (i, ch) in sourceLine.unicodeScalars.enumerated() where i < caretColumn - 1 {
            caret.unicodeScalars.append(ch == "\t" ? "\t" : " ")
        }
        if caretColumn - 1 > sourceLine.unicodeScalars.count {
            caret += String(repeating: " ", count: caretColumn - 1 - sourceLine.unicodeScalars.count)
        }
        return out + caret + "^"
    }

    /// The same error, reported against `fileName`.
    public func inFile(_ fileName: String?) -> SyntaxError {
        SyntaxError(tag: tag, text: text, line: line, column: column, fileName: fileName,
                    sourceLine: sourceLine, isIncomplete: isIncomplete, caretColumn: caretColumn)
    }
}

/// What the REPL should do with the text typed so far.
public enum InputStatus: Sendable, Equatable {
    /// Every expression in the text is complete: evaluate it.
    case complete
    /// The text ends inside an expression (open bracket, string or comment, trailing operator): read
    /// another line.
    case incomplete
    /// The text is wrong whatever follows: show the message and discard the text.
    case invalid(SyntaxError)
}
