import Ramp

/// Text for results, in the form the REPL and the script runner need.
enum Render {
    /// `form` is a form wrapper's name (`"FullForm"`, `"InputForm"`, …) or nil for OutputForm.
    static func text(_ expr: Expr, form: String?) -> String {
        switch form {
        case "FullForm": return expr.formatted(.fullForm)
        case "InputForm": return expr.formatted(.inputForm)
        case nil, "OutputForm": return expr.formatted(.outputForm)
        // Other wrappers (MatrixForm, TableForm, …) are shown by the OutputForm printer as it can.
        case let form?: return Expr.call(Symbol.named(form), [expr]).formatted(.outputForm)
        }
    }

    /// What `ramp -c` prints: one line, InputForm-like, strings without quotes.
    static func script(_ expr: Expr) -> String { expr.formatted(.scriptForm) }
}
