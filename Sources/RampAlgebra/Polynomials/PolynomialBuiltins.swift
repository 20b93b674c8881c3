import CFlint
import RampKernel
import RampSyntax

/// The polynomial builtins (Expand, Factor, …), on FLINT through `Polynomial`.
enum PolynomialBuiltins {
    static func install(_ k: Kernel) {
    }
}
