#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Ramp

/// The width in columns of the terminal on standard output, or nil when it is not a terminal.
public func terminalWidth() -> Int? {
    guard isatty(STDOUT_FILENO) != 0 else { return nil }
    var size = winsize()
    let status = withUnsafeMutablePointer(to: &size) { ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), $0) }
    guard status == 0, size.ws_col > 0 else { return nil }
    return Int(size.ws_col)
}

/// Colours for the interactive session: used only when standard output is a terminal and
/// `NO_COLOR` is unset or empty (https://no-color.org).
public struct TerminalStyle: Sendable {
    /// Whether escape sequences are written at all.
    public let colored: Bool

    /// Decides from the environment: a terminal on standard output and no `NO_COLOR`.
    public static func detect() -> TerminalStyle {
        let noColor = environment("NO_COLOR").map { !$0.isEmpty } ?? false
        return TerminalStyle(colored: standardOutputIsTerminal && !noColor)
    }

    public init(colored: Bool) { self.colored = colored }

    /// `Head::tag:` in bold red, the text plain.
    public func message(_ m: KernelMessage) -> String {
        guard colored else { return m.description }
        return "\u{1B}[1;31m\(m.symbol.name)::\(m.tag):\u{1B}[0m \(m.text)"
    }

    /// A syntax error in red.
    public func error(_ text: String) -> String {
        colored ? "\u{1B}[31m\(text)\u{1B}[0m" : text
    }
}
