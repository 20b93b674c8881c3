@_exported import RampKernel
@_exported import RampNet
@_exported import RampSyntax

extension Kernel {
    /// A kernel with every builtin Ramp has: the language, the library and the nets.
    public static func standard() -> Kernel {
        let kernel = Kernel()
        NetBuiltins.install(into: kernel)
        return kernel
    }
}
