import RampKernel
import RampSyntax

/// Installs the net builtins (`ParametricRampLayer`, `NetInitialize`, `NetTrain`, …) into a kernel.
public enum NetBuiltins {
    public static func install(into kernel: Kernel) {}
}
