import RampSyntax

extension Kernel {
    /// Installs this area's builtins (written by the evaluator work; empty until it lands).
    func installDefinitionBuiltins() {}
}
