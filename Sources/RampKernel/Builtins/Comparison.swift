import RampSyntax

extension Kernel {
    func installComparisonBuiltins() {}
}
