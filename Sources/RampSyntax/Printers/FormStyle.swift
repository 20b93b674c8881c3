/// The text forms an expression can be printed in (§3 of the syntax reference).
public enum FormStyle: Sendable {
    /// `Plus[a, Times[-1, b]]`: heads and brackets only; machine reals carry a backtick (`1.5\``).
    case fullForm
    /// `a - b`: one line that reads back to the same expression; strings quoted.
    case inputForm
    /// One-line OutputForm: Times as a space (`2 x`), reals with 6 significant digits, bare strings;
    /// the `FullForm[…]`/`InputForm[…]` wrappers are shown in their form.
    case outputForm
    /// What `wolframscript -code` and script `Print` show: InputForm, but strings without quotes
    /// (also nested); form wrappers show their content in their form, so `Print[InputForm[x]]` and
    /// `Print[FullForm[x]]` work in scripts as in Wolfram.
    case scriptForm

    /// Whether `FullForm[…]`, `InputForm[…]`, `OutputForm[…]` and `HoldForm[…]` print as their content.
    var showsFormWrappers: Bool { self == .outputForm || self == .scriptForm }
}

public extension Expr {
    /// The expression as text in the given form. Never overflows the stack, however deep the expression.
    /// In OutputForm and scriptForm, display forms (`TableForm`, `NumberForm`, …) are laid out, over
    /// several lines when they need them.
    func formatted(_ style: FormStyle) -> String {
        formattedBlock(style).text
    }

    /// The expression laid out in the given form, as lines with a baseline (the line a label such as
    /// `Out[n]=` goes on; 0 for one-line text).
    func formattedBlock(_ style: FormStyle) -> FormattedText {
        let printer = Printer(style: style, quoteStrings: style == .fullForm || style == .inputForm)
        guard printer.showsDisplayForms, FormLayout.needsBlock(self) else { return FormattedText(text: printer.print(self)) }
        let block = FormLayout(printer: printer).block(self)
        return FormattedText(lines: block.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
                             baseline: block.baseline)
    }

    /// What `wolframscript -code` prints for a result: `.scriptForm`, but display wrappers
    /// (`NumberForm[…]`, `TableForm[…]`, …) stay calls, as they do there.
    var scriptResultText: String {
        Printer(style: .scriptForm, quoteStrings: false, showsDisplayForms: false).print(self)
    }
}

/// Text laid out on one or more lines.
public struct FormattedText: Sendable, Equatable {
    /// The lines, without trailing spaces.
    public let lines: [String]
    /// The line that reads as the expression's own line (where a label goes).
    public let baseline: Int

    public init(lines: [String], baseline: Int) {
        self.lines = lines
        self.baseline = baseline
    }

    init(text: String) {
        self.lines = [text]
        self.baseline = 0
    }

    /// The lines joined by newlines.
    public var text: String { lines.joined(separator: "\n") }
}

/// One-line OutputForm, the entry point messages use to fill their slots.
public enum OutputForm {
    /// Formats `expr` on one line in OutputForm; with `bareStrings` strings print without quotes
    /// (as OutputForm shows them), otherwise quoted as in InputForm.
    public static func format(_ expr: Expr, bareStrings: Bool = false) -> String {
        Printer(style: .outputForm, quoteStrings: !bareStrings).print(expr)
    }
}
