@_exported import RampAlgebra
@_exported import RampGraphics
@_exported import RampKernel
@_exported import RampNet
@_exported import RampSyntax

extension Kernel {
    /// A kernel with every builtin Ramp has: the language, the library, algebra and calculus,
    /// graphics and the nets.
    public static func standard() -> Kernel {
        let kernel = Kernel()
        AlgebraBuiltins.install(into: kernel)
        GraphicsBuiltins.install(into: kernel)
        NetBuiltins.install(into: kernel)
        return kernel
    }
}
