import RampKernel

/// Installs the calculus builtins (D, Derivative, Dt, Sum, Product, Series, Limit, Integrate,
/// NIntegrate).
enum CalculusBuiltins {
    static func install(_ k: Kernel) {
        DerivativeBuiltins.install(k)
        Sums.install(k)
        SeriesBuiltins.install(k)
        Integration.install(k)
    }
}
