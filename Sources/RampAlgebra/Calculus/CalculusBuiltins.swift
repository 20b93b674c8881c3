import RampKernel

/// Installs the calculus builtins (D, Derivative, …).
enum CalculusBuiltins {
    static func install(_ k: Kernel) {
        DerivativeBuiltins.install(k)
        Integration.install(k)
    }
}
