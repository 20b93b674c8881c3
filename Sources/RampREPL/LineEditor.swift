// The only file that touches GNU readline. `@preconcurrency` silences Swift 6's complaints about
// readline's global variables (swift-tooling.md §1.3, item 2).
@preconcurrency import CReadline
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// What the readline callbacks need, reachable from C function pointers (which capture nothing).
private let activeCompleter = Mutex<Completer?>(nil)
/// Generator state for `rl_completion_matches` (called only on the readline thread).
private let generatorState = Mutex<(matches: [String], next: Int)>(([], 0))
/// The main prompt to restore when Ctrl-C discards a half-typed continuation.
private let mainPromptAfterInterrupt = Mutex<String?>(nil)

/// A stable C string for readline's `const char *` globals (readline keeps the pointer; never freed).
private func permanentCString(_ s: String) -> UnsafePointer<CChar>? { UnsafePointer(strdup(s)) }

/// Characters that end a word for completion: readline's default set minus `$` (so `$Ver` completes
/// to `$Version`) and minus the backquote of contexts (`` Global`x ``).
let completionWordBreaks = " \t\n\"\\'@><=;|&{}()[],+-*/^!:~?%#."

/// Interactive input through GNU readline: line editing, persistent history, Tab completion, and
/// Ctrl-C at the prompt clearing the line.
///
/// Create at most one at a time (readline's state is process-wide), and only when standard input is
/// a terminal; otherwise use ``PlainLineSource`` (readline would echo piped input).
public struct ReadlineLineSource: LineSource {
    /// The history file, or nil for no persistent history.
    public let historyPath: String?
    private var lastLine: String?
    private var appendedSinceTrim = 0

    /// - Parameters:
    ///   - historyPath: the history file to read now and write at ``close()``; nil for none.
    ///   - completer: supplies Tab completions.
    public init(historyPath: String?, completer: Completer) {
        self.historyPath = historyPath
        activeCompleter.withLock { $0 = completer }
        rl_readline_name = permanentCString("ramp")              // `$if ramp` sections in ~/.inputrc
        rl_basic_word_break_characters = permanentCString(completionWordBreaks)
        rl_attempted_completion_function = { text, start, end in
            rl_attempted_completion_over = 1                        // never fall back to file names
            rl_completion_append_character = 0                     // readline resets it to ' ' each time
            let line = rl_line_buffer.map { String(cString: $0) } ?? ""
            let word = text.map { String(cString: $0) } ?? ""
            let before = String(decoding: line.utf8.prefix(Int(start)), as: UTF8.self)
            let matches = activeCompleter.withLock { $0?.completions(word: word, before: before) ?? [] }
            generatorState.withLock { $0 = (matches, 0) }
            return rl_completion_matches(text) { _, _ in
                generatorState.withLock { st in
                    guard st.next < st.matches.count else { return nil }
                    defer { st.next += 1 }
                    return strdup(st.matches[st.next])                // readline frees it
                }
            }
        }
        // Runs in normal context after readline has passed SIGINT on to our handler and restored
        // the terminal: the safe place to drop the typed line and show a fresh prompt.
        rl_signal_event_hook = {
            if Interrupts.requested.exchange(false, ordering: .relaxed) {
                rl_replace_line("", 0)
                rl_crlf()
                if let prompt = mainPromptAfterInterrupt.withLock({ $0 }) {
                    _ = prompt.withCString { rl_set_prompt($0) }
                }
                rl_on_new_line()
                rl_redisplay()
            }
            return 0
        }
        stifle_history(Int32(ReadlineLineSource.historyLimit))
        // Each entry is written after a timestamp line, so an entry of several lines is read back
        // as one entry (and Up recalls it whole, across sessions too).
        history_write_timestamps = 1
        history_multiline_entries = 1
        if let historyPath { _ = read_history(historyPath) }      // missing on first run: fine
    }

    /// Tells the Ctrl-C hook which prompt to show when it discards a continuation (nil: keep the
    /// current one).
    public static func setPromptAfterInterrupt(_ prompt: String?) {
        mainPromptAfterInterrupt.withLock { $0 = prompt }
    }

    /// The number of entries kept in memory and in the history file.
    static let historyLimit = 1000

    public mutating func readLine(prompt: String) -> String? {
        guard let raw = readline(prompt) else { return nil }     // nil on Ctrl-D / EOF
        defer { free(raw) }
        return String(cString: raw)
    }

    /// Adds a complete entry to the history and appends it to the history file at once, so a
    /// session that is killed keeps what was typed.
    public mutating func addEntry(_ text: String) {
        guard !text.allSatisfy(\.isWhitespace), text != lastLine else { return }
        lastLine = text
        add_history(text)
        guard let historyPath else { return }
        if access(historyPath, F_OK) == 0 {
            _ = append_history(1, historyPath)
        } else {
            _ = write_history(historyPath)
        }
        appendedSinceTrim += 1
        if appendedSinceTrim >= 100 {
            _ = history_truncate_file(historyPath, Int32(ReadlineLineSource.historyLimit))
            appendedSinceTrim = 0
        }
    }

    /// Writes the history file whole (trimmed to the limit).
    public mutating func close() {
        if let historyPath { _ = write_history(historyPath) }
    }
}
