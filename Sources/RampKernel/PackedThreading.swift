import RampSyntax

extension Kernel {
    /// `f[packed]` for a `Listable`, `NumericFunction` builtin `f` of one argument (`Sin`, `Exp`,
    /// `Ramp`, `Abs`, …) without user definitions: calls the builtin on each element directly, as the
    /// general threading would (each `f[x]` evaluated to its fixed point), but without building and
    /// evaluating a list of a million calls. When every result is a machine number of one kind the
    /// result is packed again, as Wolfram's is; otherwise it is the same nested list threading gives.
    func threadPackedElements(_ head: Symbol, _ data: SymbolData, _ p: PackedArray) throws(EvaluationControl) -> Expr? {
        guard let fn = data.builtin, data.downValues?.isEmpty ?? true, data.ownValue == nil,
              data.attributes.contains(.numericFunction), p.count > 0 else { return nil }
        let headExpr = Expr.symbol(head)
        let count = p.count
        var results: [Expr] = []
        results.reserveCapacity(count)
        var allReal = true, allInteger = true
        for i in 0..<count {
            if i & 4095 == 0 { try checkAbort() }
            let call = Expr.normal(Normal(headExpr, [p.element(flat: i)]))
            var r: Expr
            if let out = try fn(BuiltinCall(kernel: self, head: head, expr: call)) {
                if case .normal(let rn) = out, rn.head.symbol?.id == evaluatedSymbolID, rn.args.count == 1 {
                    r = rn.args[0]
                } else {
                    switch out {
                    case .integer, .real: r = out
                    default: r = out == call ? call : try eval(out)
                    }
                }
            } else {
                r = call
            }
            switch r {
            case .real: allInteger = false
            case .integer: allReal = false
            default: allReal = false; allInteger = false
            }
            results.append(r)
        }
        if allReal {
            var values = [Double](); values.reserveCapacity(count)
            for r in results { if case .real(let x) = r { values.append(x) } }
            return .packed(PackedArray(reals: values, shape: p.shape))
        }
        if allInteger {
            var values = [Int](); values.reserveCapacity(count)
            for r in results { if case .integer(let x) = r { values.append(x) } }
            return .packed(PackedArray(integers: values, shape: p.shape))
        }
        return Self.nest(results, p.shape[...])
    }

    /// Flat `items` as nested lists of dimensions `shape`.
    private static func nest(_ items: [Expr], _ shape: ArraySlice<Int>) -> Expr {
        guard shape.count > 1 else { return .list(items) }
        let n = shape.dropFirst().reduce(1, *)
        var rows: [Expr] = []
        rows.reserveCapacity(shape.first ?? 0)
        for i in 0..<(shape.first ?? 0) {
            rows.append(nest(Array(items[(i * n)..<((i + 1) * n)]), shape.dropFirst()))
        }
        return .list(rows)
    }
}
