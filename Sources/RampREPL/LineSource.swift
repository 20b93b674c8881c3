#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the REPL reads its input from, one line at a time.
public protocol LineSource {
    /// Shows `prompt` (when the source is interactive) and returns the next line without its
    /// newline, or `nil` at end of input (Ctrl-D).
    mutating func readLine(prompt: String) -> String?
    /// Records one complete entry (all its lines, joined by newlines) in the history, so that Up
    /// recalls it whole; called by the REPL once the entry is complete.
    mutating func addEntry(_ text: String)
    /// Called once when the session ends (the readline source saves its history file here).
    mutating func close()
}

extension LineSource {
    public mutating func addEntry(_ text: String) {}
    public mutating func close() {}
}

/// Non-interactive input (a pipe, a file, CI): no prompt, no echo, no line editing.
public struct PlainLineSource: LineSource {
    public init() {}
    public mutating func readLine(prompt: String) -> String? { Swift.readLine(strippingNewline: true) }
}

/// Lines from memory, for tests and for embedders that drive a session themselves. The prompts
/// asked for are recorded in ``prompts``.
public struct ArrayLineSource: LineSource {
    private var lines: [String]
    private var next = 0
    /// Every prompt shown so far, in order.
    public private(set) var prompts: [String] = []
    /// The history entries recorded so far, in order.
    public private(set) var entries: [String] = []
    /// A hook run before each line is handed out (tests use it to simulate Ctrl-C arriving).
    public var beforeLine: ((Int) -> Void)?

    /// A source that yields `lines` and then end of input.
    public init(_ lines: [String]) { self.lines = lines }

    public mutating func readLine(prompt: String) -> String? {
        prompts.append(prompt)
        guard next < lines.count else { return nil }
        beforeLine?(next)
        defer { next += 1 }
        return lines[next]
    }

    public mutating func addEntry(_ text: String) { entries.append(text) }
}

/// Whether standard input is a terminal.
public var standardInputIsTerminal: Bool { isatty(STDIN_FILENO) != 0 }
/// Whether standard output is a terminal.
public var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }

/// The value of an environment variable, if set.
func environment(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
}
