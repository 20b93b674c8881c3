import RampSyntax

extension Kernel {
    func installLogicBuiltins() {}
}
