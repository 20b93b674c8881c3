import RampSyntax

/// The Lists area: construction and parts (ListsConstruct, ListsPart), reshaping (ListsReshape),
/// ordering and sets (ListsOrder), statistics (ListsStats) and products (ListsAlgebra).
/// Packed arrays (`Expr.packed`) are produced by `Range`, `ConstantArray` and the Random area, and
/// `Total`, `Dot`, `Part`, `Dimensions`, `Transpose`, `Flatten`, `Mean` work on their buffers.
extension Kernel {
    func installListsBuiltins() {
        installListsConstructBuiltins()
        installListsPartBuiltins()
        installListsReshapeBuiltins()
        installListsPadBuiltins()      // ListsPad.swift: PadLeft, PadRight
        installListsOrderBuiltins()
        installListsStatsBuiltins()
        installListsAlgebraBuiltins()
    }
}
