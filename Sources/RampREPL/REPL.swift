import Ramp

/// The version `ramp --version`, the banner and `$Version` report.
public enum RampVersion {
    /// Semantic version of this build.
    public static let string = Kernel.version
    /// The text of `$Version`.
    public static var description: String { "Ramp \(string)" }
}

/// The interactive loop: prompts `In[n]:= `, reads until the input is complete (continuation lines
/// are indented to the prompt's width), evaluates each statement as its own numbered input, and shows
/// `Out[n]= ` with the one-line OutputForm. `?Name` and `??Name` show a symbol's usage and
/// definitions. Ctrl-C at the prompt drops what was typed; during an evaluation it aborts it.
public struct REPL {
    /// The session evaluated in.
    public let session: Session
    /// Receives all output text (already terminated by newlines).
    public let write: (String) -> Void
    /// Colours for messages and errors.
    public let style: TerminalStyle

    /// A loop over `session` writing through `write` (default: standard output).
    public init(session: Session, style: TerminalStyle = TerminalStyle(colored: false),
                write: @escaping (String) -> Void = { print($0, terminator: "") }) {
        self.session = session
        self.write = write
        self.style = style
        let write = self.write
        session.kernel.printHandler = { write($0 + "\n") }
        session.kernel.messageHandler = { [style] in write(style.message($0) + "\n") }
    }

    /// The banner shown when the REPL starts on a terminal.
    public static var banner: String {
        "\(RampVersion.description) — a Wolfram-Language-like interpreter with nets.\n"
            + "Type ?Name for help on a symbol, ?* to list them all; Ctrl-D or Quit[] leaves.\n\n"
    }

    /// Runs until end of input, `Exit[n]` or `Quit[]`; returns the exit status.
    public func run<Source: LineSource>(_ source: inout Source) -> Int32 {
        var pending = ""
        while session.exitCode == nil {
            let prompt = "In[\(session.line)]:= "
            let shown = pending.isEmpty ? prompt : String(repeating: " ", count: prompt.count)
            ReadlineLineSource.setPromptAfterInterrupt(pending.isEmpty ? nil : prompt)
            Interrupts.reset()
            guard let text = source.readLine(prompt: shown) else {
                if !pending.isEmpty { source.addEntry(pending); submit(pending) }
                break
            }
            if Interrupts.cancelledInput.exchange(false, ordering: .relaxed) { pending = "" }
            pending += pending.isEmpty ? text : "\n" + text
            if pending.allSatisfy(\.isWhitespace) { pending = ""; continue }
            switch Parser.inputStatus(pending) {
            case .incomplete: continue
            case .invalid(let error):
                source.addEntry(pending)
                write(style.error(error.description) + "\n\n")
            case .complete:
                source.addEntry(pending)      // the whole entry, so Up recalls all its lines
                submit(pending)
            }
            pending = ""
        }
        ReadlineLineSource.setPromptAfterInterrupt(nil)
        source.close()
        return session.exitCode ?? 0
    }

    /// Evaluates every statement of a complete input, each as its own `In[n]`.
    func submit(_ text: String) {
        var reader = StatementReader(source: text, fileName: nil)
        while session.exitCode == nil {
            let statement: (expr: Expr, line: Int)?
            do {
                statement = try reader.next()
            } catch {
                write(style.error(error.description) + "\n\n")
                return
            }
            guard let statement else { return }
            let result = session.evaluate(statement.expr)
            if session.exitCode != nil { return }
            show(result)
        }
    }

    /// What starts each continuation line of a long result.
    static let continuation = ">   "

    /// `$PageWidth` as a number of columns (at least 20), or nil for `Infinity` (never break).
    var pageWidth: Int? {
        switch session.kernel.value(of: "$PageWidth") {
        case .integer(let n)?: return max(n, 20)
        case .real(let d)? where d.isFinite: return max(Int(d), 20)
        case let v? where v.symbol?.name == "Infinity" || v == .call(Symbol.named("DirectedInfinity"), [.integer(1)]): return nil
        default: return 78
        }
    }

    /// `Out[n]= value` (or `Out[n]//Form= value`) followed by a blank line; nothing but the blank
    /// line for `Null`. A one-line result longer than `$PageWidth` breaks between tokens.
    func show(_ result: Session.Evaluation) {
        if result.form == nil, result.value == .null {
            write("\n")
            return
        }
        let label = "Out[\(result.line)]" + (result.form.map { "//" + $0 } ?? "") + "= "
        let styles: [String?: FormStyle] = [nil: .outputForm, "OutputForm": .outputForm, "InputForm": .inputForm, "FullForm": .fullForm]
        if let style = styles[result.form], let width = pageWidth,
            let lines = result.value.outputLines(style, width: width - REPL.continuation.count, firstWidth: width - label.count),
            lines.count > 1 {
            // A long line breaks as the terminal kernel breaks it: `>   ` continuation lines, blank lines between.
            write("\n" + label + lines[0] + "\n" + lines.dropFirst().map { "\n" + REPL.continuation + $0 + "\n" }.joined() + "\n")
            return
        }
        let block = Render.block(result.value, form: result.form, shown: result.shown)
        let lines = block.lines.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false) }
        let indent = String(repeating: " ", count: label.count)
        var text = "\n"
        for (i, line) in lines.enumerated() {
            let start = i == block.baseline ? label : indent
            text += (line.isEmpty ? "" : start + line) + "\n"
        }
        write(text + "\n")
    }
}
