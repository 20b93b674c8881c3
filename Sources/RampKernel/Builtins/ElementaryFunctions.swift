import RampSyntax

extension Kernel {
    func installElementaryFunctionBuiltins() {}
}
