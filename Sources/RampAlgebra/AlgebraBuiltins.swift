import RampKernel
import RampSyntax

/// Installs the algebra and calculus builtins: polynomials and rational functions (Polynomials/,
/// on FLINT), partial fractions, simplification (Simplify/) and calculus (Calculus/).
public enum AlgebraBuiltins {
    public static func install(into kernel: Kernel) {
        // Shared by D, Coefficient, Resultant, Apart, … (one owner per message).
        kernel.defineGeneralMessages([("ivar", "`1` is not a valid variable.")])
        PolynomialBuiltins.install(kernel)
        PartialFractions.install(kernel)
        MonomialForms.install(kernel)
        Simplification.install(kernel)
        TrigTransformations.install(kernel)
        PowerExpansion.install(kernel)
        ComplexExpansion.install(kernel)
        Refinement.install(kernel)
        CalculusBuiltins.install(kernel)
        NumericSums.install(kernel)
        NDSolveBuiltins.install(kernel)
        LinearAlgebraBuiltins.install(kernel)
        EigenBuiltins.install(kernel)
        SolveBuiltins.install(kernel)
        NSolveBuiltins.install(kernel)
        RootBuiltins.install(kernel)
        FindRootBuiltins.install(kernel)
        ReduceBuiltins.install(kernel)
        DSolveBuiltins.install(kernel)
    }
}
