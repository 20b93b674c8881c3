import Ramp

/// Text for results, in the form the REPL and the script runner need.
enum Render {
    /// `form` is a form wrapper's name (`"FullForm"`, `"InputForm"`, …) or nil for OutputForm.
    static func text(_ expr: Expr, form: String?) -> String {
        switch form {
        case "FullForm": return OutputForm.format(expr)
        case "InputForm": return OutputForm.format(expr)
        default: return OutputForm.format(expr, bareStrings: true)
        }
    }

    /// What `ramp -c` prints: one line, InputForm-like, strings without quotes.
    static func script(_ expr: Expr) -> String { OutputForm.format(expr, bareStrings: true) }
}
