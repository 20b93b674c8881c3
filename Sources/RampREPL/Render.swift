import Ramp

/// Text for results, in the form the REPL and the script runner need.
public enum Render {
    /// `form` is a form wrapper's name (`"FullForm"`, `"InputForm"`, …) or nil for OutputForm.
    public static func text(_ expr: Expr, form: String?, shown: Expr? = nil) -> String { block(expr, form: form, shown: shown).text }

    /// The result laid out for the REPL: its lines and the line `Out[n]=` goes on.
    /// `shown` is the result with its wrapper (`NumberForm[x, {6, 2}]`), when it has one.
    public static func block(_ expr: Expr, form: String?, shown: Expr? = nil) -> FormattedText {
        switch form {
        case "FullForm": return expr.formattedBlock(.fullForm)
        case "InputForm": return expr.formattedBlock(.inputForm)
        case nil, "OutputForm": return expr.formattedBlock(.outputForm)
        // Other wrappers (MatrixForm, NumberForm, …) are laid out by the OutputForm printer.
        case let form?: return (shown ?? Expr.call(Symbol.named(form), [expr])).formattedBlock(.outputForm)
        }
    }

    /// What `ramp -c` prints: one line, InputForm-like, strings without quotes; display wrappers
    /// such as `TableForm[…]` stay as they are, as `wolframscript -code` prints them.
    static func script(_ expr: Expr) -> String { expr.scriptResultText }
}
