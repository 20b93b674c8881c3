import RampSyntax

/// Packed arrays from the language: ``Developer`PackedArrayQ``, ``Developer`ToPackedArray``,
/// ``Developer`FromPackedArray`` (``Developer`PackedArrayForm`` is a display wrapper the printers
/// lay out), and the rule `Map`, `Table` and `Array` follow to return packed arrays, as Wolfram's
/// auto-compilation does: when the result has at least the compile length's number of elements
/// and every element is a machine number of one kind (all integers or all reals).
extension Kernel {
    /// Wolfram's default `"MapCompileLength"`, `"TableCompileLength"` and `"ArrayCompileLength"`
    /// (`SystemOptions["CompileOptions"]`), counted in elements of the whole result.
    static let mapPackLength = 100
    static let tablePackLength = 250
    static let arrayPackLength = 250

    func installPackedArrayBuiltins() {
        define("Developer`PackedArrayQ", arguments: ArgumentCount(1, 3), usage: "Developer`PackedArrayQ[expr] gives True if expr is a packed array (a list of machine numbers of one kind stored in one buffer), and False otherwise.") { call throws(EvaluationControl) in
            guard case .packed(let p) = call.args[0] else { return .bool(false) }
            if call.args.count >= 2, !Kernel.packedType(p, is: call.args[1]) { return .bool(false) }
            if call.args.count == 3, call.args[2].int != p.rank { return .bool(false) }
            return .bool(true)
        }
        define("Developer`ToPackedArray", arguments: ArgumentCount(1, 2), usage: "Developer`ToPackedArray[expr] uses packed array form if possible in the internal representation of expr.\nDeveloper`ToPackedArray[expr, type] uses the specified type (Integer or Real).") { call throws(EvaluationControl) in
            let e = call.args[0]
            guard let p = PackedArray.pack(e) else { return e }
            guard call.args.count == 2 else { return .packed(p) }
            switch (call.args[1].symbol?.name, p.storage) {
            case ("Integer", .integers), ("Real", .reals): return .packed(p)
            case ("Real", .integers(let a)): return .packed(PackedArray(shape: p.shape, storage: .reals(a.map(Double.init))))
            case ("Integer", .reals): return e
            default:
                call.message("type", call.args[1])
                return nil
            }
        }
        setMessage("Developer`ToPackedArray", "type", "`1` is not a valid packed array type; use Integer or Real.")
        define("Developer`FromPackedArray", arguments: .exactly(1), usage: "Developer`FromPackedArray[expr] unpacks expr so that its internal representation is not a packed array.") { call throws(EvaluationControl) in
            return call.kernel.alreadyEvaluated(Kernel.unpackedEverywhere(call.args[0]))
        }
        define("Developer`PackedArrayForm", usage: "Developer`PackedArrayForm[expr] prints with packed arrays in expr shown in summary form, without their elements.") { call in
            _ = call.checkArgCount(1, 1)
            return nil
        }
    }

    /// `Developer`PackedArrayQ[p, type]`: Integer, Real (or Complex, never packed here).
    static func packedType(_ p: PackedArray, is type: Expr) -> Bool {
        switch (type.symbol?.name, p.storage) {
        case ("Integer", .integers), ("Real", .reals): return true
        default: return false
        }
    }

    /// `e` with every packed array in it (down through lists) turned into nested lists.
    static func unpackedEverywhere(_ e: Expr, depth: Int = 0) -> Expr {
        if case .packed(let p) = e { return p.unpacked }
        guard depth < 256, case .normal(let n) = e, n.head == .symbol(Sym.List) else { return e }
        return .list(n.args.map { unpackedEverywhere($0, depth: depth + 1) })
    }

    /// `value` packed when it is a list of at least `minimumCount` elements (all levels counted),
    /// all machine integers or all machine reals; otherwise `value` itself.
    func packedIfUniform(_ value: Expr, minimumCount: Int) -> Expr {
        guard case .normal(let n) = value, n.head == .symbol(Sym.List), !n.args.isEmpty else { return value }
        var count = n.args.count
        var probe = n.args[0]
        while count < minimumCount {
            if case .packed(let p) = probe { count = count.multipliedReportingOverflow(by: p.count).partialValue; break }
            guard case .normal(let m) = probe, m.head == .symbol(Sym.List), !m.args.isEmpty else { break }
            count = count.multipliedReportingOverflow(by: m.args.count).partialValue
            probe = m.args[0]
        }
        guard count >= minimumCount, let p = PackedArray.pack(value, mixing: false) else { return value }
        return .packed(p)
    }

    /// Evaluates a result built by Map or Array and packs it as `packedIfUniform` says.
    func evaluatedPacked(_ result: Expr, minimumCount: Int) throws(EvaluationControl) -> Expr {
        alreadyEvaluated(packedIfUniform(try eval(result), minimumCount: minimumCount))
    }
}
