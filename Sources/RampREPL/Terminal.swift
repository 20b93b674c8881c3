import Ramp

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
