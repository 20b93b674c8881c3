import RampSyntax

extension Kernel {
    /// Installs this area's builtins (written by the patterns work; empty until it lands).
    func installPatternBuiltins() {}
}
