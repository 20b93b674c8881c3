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
    func formatted(_ style: FormStyle) -> String {
        Printer(style: style, quoteStrings: style == .fullForm || style == .inputForm).print(self)
    }
}

/// One-line OutputForm, the entry point messages use to fill their slots.
public enum OutputForm {
    /// Formats `expr` on one line in OutputForm; with `bareStrings` strings print without quotes
    /// (as OutputForm shows them), otherwise quoted as in InputForm.
    public static func format(_ expr: Expr, bareStrings: Bool = false) -> String {
        Printer(style: .outputForm, quoteStrings: !bareStrings).print(expr)
    }
}
