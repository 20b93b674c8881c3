import RampSyntax

/// Non-local exits that unwind the evaluator: aborts, `Throw`, `Return`, `Break`, `Continue`.
/// Builtins let them propagate; the construct that owns each one catches it.
public enum EvaluationControl: Error, Sendable {
    /// `Abort[]`, Ctrl-C, `Kernel.abort()`, or a limit that aborts; the top level returns `$Aborted`.
    case aborted
    /// `Throw[value]` or `Throw[value, tag]`.
    case thrown(value: Expr, tag: Expr?)
    /// `Return[value]`.
    case returned(Expr)
    /// `Break[]`.
    case breakLoop
    /// `Continue[]`.
    case continueLoop
}
