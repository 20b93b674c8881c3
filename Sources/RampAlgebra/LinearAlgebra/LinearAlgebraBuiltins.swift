import RampKernel
import RampSyntax

/// `Det`, `Inverse`, `LinearSolve`, `RowReduce`, `NullSpace`, `MatrixRank` and `Tr`: exact matrices
/// by elimination over the evaluator's exact arithmetic (Bareiss for `Det`), machine-real ones in
/// `Double` (LU with partial pivoting).
enum LinearAlgebraBuiltins {
    static let square = "Argument `1` at position `2` is not a non-empty square matrix."
    static let rectangular = "Argument `1` at position `2` is not a non-empty rectangular matrix."

    static func install(_ k: Kernel) {
        k.define(BuiltinSpec("Det", arguments: .exactly(1), messages: [("matsq", square)],
                             usage: "Det[m] gives the determinant of the square matrix m.") { call throws(EvaluationControl) in
            guard let m = squareMatrix(call) else { return nil }
            if let d = m.doubles {
                return .real(try LUFactorization(d, kernel: call.kernel).determinant)
            }
            return try ExactElimination.determinant(m, field: EntryField(kernel: call.kernel, symbolic: m.isSymbolic))
        })
        k.define(BuiltinSpec("Inverse", arguments: .exactly(1), messages: [("matsq", square), ("sing", "Matrix `1` is singular.")],
                             usage: "Inverse[m] gives the inverse of a square matrix m.") { call throws(EvaluationControl) in
            guard let m = squareMatrix(call) else { return nil }
            let n = m.rowCount
            guard call.allowsAllocation(dimensions: [n, 2 * n], elementSize: SizeLimit.expression) else { return .failed }
            if let d = m.doubles {
                let lu = try LUFactorization(d, kernel: call.kernel)
                if lu.singular { call.message("sing", call.args[0]); return nil }
                var columns: [[Double]] = []
                for j in 0..<n {
                    try call.kernel.checkAbort()
                    columns.append(lu.solve((0..<n).map { $0 == j ? 1 : 0 }))
                }
                return NumericElimination.expr((0..<n).map { i in columns.map { $0[i] } })
            }
            var augmented = m.rows
            for i in 0..<n { augmented[i] += (0..<n).map { Expr.integer($0 == i ? 1 : 0) } }
            let field = EntryField(kernel: call.kernel, symbolic: m.isSymbolic)
            let (r, pivots) = try ExactElimination.rowReduce(ExprMatrix(rows: augmented), field: field, pivotColumns: Array(0..<n))
            if pivots.count < n { call.message("sing", call.args[0]); return nil }
            return .list(r.rows.map { .list(Array($0[n...])) })
        })
        k.define(BuiltinSpec("LinearSolve", arguments: .exactly(2),
                             messages: [("nosol", "Linear equation encountered that has no solution."),
                                        ("lslc", "Coefficient matrix and target vector or matrix do not have the same dimensions."),
                                        ("matrix", rectangular)],
                             usage: "LinearSolve[m, b] finds an x that solves the matrix equation m.x == b.") { call throws(EvaluationControl) in
            try linearSolve(call)
        })
        k.define(BuiltinSpec("RowReduce", arguments: .exactly(1), messages: [("matrix", rectangular)],
                             usage: "RowReduce[m] gives the row-reduced form of the matrix m.") { call throws(EvaluationControl) in
            guard let m = rectangularMatrix(call) else { return nil }
            if let d = m.doubles { return NumericElimination.expr(try NumericElimination.rowReduce(d, kernel: call.kernel).0) }
            return try ExactElimination.rowReduce(m, field: EntryField(kernel: call.kernel, symbolic: m.isSymbolic)).0.expr
        })
        k.define(BuiltinSpec("MatrixRank", arguments: .exactly(1), messages: [("matrix", rectangular)],
                             usage: "MatrixRank[m] gives the rank of the matrix m.") { call throws(EvaluationControl) in
            guard let m = rectangularMatrix(call) else { return nil }
            if let d = m.doubles { return .integer(try NumericElimination.rowReduce(d, kernel: call.kernel).1.count) }
            return .integer(try ExactElimination.rowReduce(m, field: EntryField(kernel: call.kernel, symbolic: m.isSymbolic)).1.count)
        })
        k.define(BuiltinSpec("NullSpace", arguments: .exactly(1), messages: [("matrix", rectangular)],
                             usage: "NullSpace[m] gives a list of vectors that forms a basis for the null space of the matrix m.") { call throws(EvaluationControl) in
            guard let m = rectangularMatrix(call) else { return nil }
            // Wolfram gives an orthonormal basis (from the SVD) for machine reals: not done yet.
            if m.doubles != nil { return nil }
            let field = EntryField(kernel: call.kernel, symbolic: m.isSymbolic)
            let (r, pivots) = try ExactElimination.rowReduce(m, field: field)
            let free = (0..<m.columnCount).filter { !pivots.contains($0) }
            var basis: [Expr] = []
            for f in free.reversed() {
                var v = [Expr](repeating: .integer(0), count: m.columnCount)
                v[f] = .integer(1)
                for (row, c) in pivots.enumerated() { v[c] = try field.mul(.integer(-1), r.rows[row][f]) }
                basis.append(.list(v))
            }
            return .list(basis)
        })
        k.define(BuiltinSpec("Tr", arguments: .exactly(1),
                             usage: "Tr[list] finds the trace of the matrix or tensor list.") { call throws(EvaluationControl) in
            let e = call.args[0]
            guard e.hasHead(Sym.List) else { return nil }
            if let m = ExprMatrix(e) {
                return call.kernel.evaluate(.call(Sym.Plus, (0..<min(m.rowCount, m.columnCount)).map { m.rows[$0][$0] }))
            }
            guard !e.args.contains(where: { $0.hasHead(Sym.List) }) else { return nil }
            return call.kernel.evaluate(.call(Sym.Plus, e.args))
        })
    }

    static func squareMatrix(_ call: BuiltinCall) -> ExprMatrix? {
        guard let m = ExprMatrix(call.args[0]), m.isSquare else {
            call.message("matsq", call.args[0], .integer(1)); return nil
        }
        return m
    }

    static func rectangularMatrix(_ call: BuiltinCall) -> ExprMatrix? {
        guard let m = ExprMatrix(call.args[0]) else { call.message("matrix", call.args[0], .integer(1)); return nil }
        return m
    }

    static func linearSolve(_ call: BuiltinCall) throws(EvaluationControl) -> Expr? {
        guard let m = rectangularMatrix(call) else { return nil }
        let b = call.args[1]
        guard b.hasHead(Sym.List), b.argCount == m.rowCount else { call.message("lslc"); return nil }
        let isVector = !b.args.contains(where: { $0.hasHead(Sym.List) })
        let rhs: [[Expr]]
        if isVector { rhs = b.args.map { [$0] } } else {
            guard let bm = ExprMatrix(b) else { call.message("lslc"); return nil }
            rhs = bm.rows
        }
        let cols = m.columnCount, extra = rhs[0].count
        guard call.allowsAllocation(dimensions: [m.rowCount, cols + extra], elementSize: SizeLimit.expression) else { return .failed }
        let augmented = ExprMatrix(rows: zip(m.rows, rhs).map { $0 + $1 })
        var solution: [[Expr]]
        if let d = augmented.doubles {
            if m.isSquare, case let lu = try LUFactorization(d.map { Array($0[..<cols]) }, kernel: call.kernel), !lu.singular {
                let columns = (0..<extra).map { j in lu.solve(d.map { $0[cols + j] }) }
                solution = (0..<cols).map { i in columns.map { .real($0[i]) } }
            } else {
                let (r, pivots) = try NumericElimination.rowReduce(d, kernel: call.kernel)
                if pivots.contains(where: { $0 >= cols }) { call.message("nosol"); return nil }
                solution = [[Expr]](repeating: [Expr](repeating: .real(0), count: extra), count: cols)
                for (row, c) in pivots.enumerated() { solution[c] = (0..<extra).map { .real(r[row][cols + $0]) } }
            }
        } else {
            let field = EntryField(kernel: call.kernel, symbolic: augmented.isSymbolic)
            let (r, pivots) = try ExactElimination.rowReduce(augmented, field: field, pivotColumns: Array(0..<cols))
            for row in pivots.count..<m.rowCount where r.rows[row][cols...].contains(where: { !field.isZero($0) }) {
                call.message("nosol"); return nil
            }
            solution = [[Expr]](repeating: [Expr](repeating: .integer(0), count: extra), count: cols)
            for (row, c) in pivots.enumerated() {
                // Symbolic values as Solve gives them: expanded numerator over the denominator.
                solution[c] = try field.symbolic ? r.rows[row][cols...].map { x throws(EvaluationControl) in try SolveBuiltins.expandedQuotient(x, kernel: call.kernel) } : Array(r.rows[row][cols...])
            }
        }
        return isVector ? .list(solution.map { $0[0] }) : .list(solution.map { .list($0) })
    }
}
