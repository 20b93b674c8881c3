import RampSyntax

extension Kernel {
    /// Installs this area's builtins (written by the printers work; empty until it lands).
    func installStringBuiltins() {}
}
