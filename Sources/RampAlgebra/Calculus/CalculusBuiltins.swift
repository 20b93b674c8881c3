import RampKernel

/// Installs the calculus builtins (D, Derivative, Dt, Sum, Product, …).
enum CalculusBuiltins {
    static func install(_ k: Kernel) {
        DerivativeBuiltins.install(k)
        Sums.install(k)
        SeriesBuiltins.install(k)
    }
}
