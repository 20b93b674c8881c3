import RampKernel
import RampSyntax

/// A matrix read from a rectangular list of lists, and the arithmetic of its entries.
///
/// Exact matrices (integers, rationals, symbolic entries) are reduced with the evaluator's exact
/// arithmetic; symbolic entries are put over a common denominator with `Together` after each step so
/// that a zero is recognised as `0`. Matrices of real numbers with at least one machine real are
/// reduced in `Double` (NumericMatrix.swift).
struct ExprMatrix {
    var rows: [[Expr]]
    var rowCount: Int { rows.count }
    var columnCount: Int { rows.first?.count ?? 0 }

    /// A non-empty rectangular matrix, or nil.
    init?(_ e: Expr) {
        guard e.hasHead(Sym.List), e.argCount > 0 else { return nil }
        var rows: [[Expr]] = []
        for r in e.args {
            guard r.hasHead(Sym.List), r.argCount > 0 else { return nil }
            let entries = r.args
            if let first = rows.first, first.count != entries.count { return nil }
            if entries.contains(where: { $0.hasHead(Sym.List) }) { return nil }
            rows.append(entries)
        }
        self.rows = rows
    }

    init(rows: [[Expr]]) { self.rows = rows }

    var isSquare: Bool { rowCount == columnCount }
    var expr: Expr { .list(rows.map { .list($0) }) }

    /// The entries as machine reals, when all are real numbers and at least one is a machine real.
    var doubles: [[Double]]? {
        var sawReal = false
        var out: [[Double]] = []
        for r in rows {
            var row: [Double] = []
            for x in r {
                switch x {
                case .integer(let i): row.append(Double(i))
                case .bigInteger(let b): row.append(Double(b))
                case .rational(let n, let d): row.append(Double(n) / Double(d))
                case .real(let v): row.append(v); sawReal = true
                default: return nil
                }
            }
            out.append(row)
        }
        return sawReal ? out : nil
    }

    /// Whether an entry is neither a number nor free of inexact parts (symbolic entries need Together).
    var isSymbolic: Bool { rows.contains { $0.contains { !$0.isNumber } } }
}

/// Exact arithmetic on matrix entries through the evaluator.
struct EntryField {
    let kernel: Kernel
    let symbolic: Bool

    func normal(_ e: Expr) throws(EvaluationControl) -> Expr {
        let v = kernel.evaluate(e)
        guard symbolic, !v.isAtom else { return v }
        return try PolynomialBuiltins.together(v, kernel: kernel) ?? v
    }
    func add(_ a: Expr, _ b: Expr) throws(EvaluationControl) -> Expr { try normal(.call(Sym.Plus, a, b)) }
    func sub(_ a: Expr, _ b: Expr) throws(EvaluationControl) -> Expr {
        try normal(.call(Sym.Plus, a, .call(Sym.Times, .integer(-1), b)))
    }
    func mul(_ a: Expr, _ b: Expr) throws(EvaluationControl) -> Expr { try normal(.call(Sym.Times, a, b)) }
    func div(_ a: Expr, _ b: Expr) throws(EvaluationControl) -> Expr {
        try normal(.call(Sym.Times, a, .call(Sym.Power, b, .integer(-1))))
    }
    func isZero(_ e: Expr) -> Bool {
        switch e {
        case .integer(0): return true
        case .real(let v): return v == 0
        case .complex(let re, let im): return isZero(re) && isZero(im)
        default: return false
        }
    }
}

/// Row reduction of exact matrices.
enum ExactElimination {
    /// The reduced row echelon form of `m` and its pivot columns. With `columns`, only those columns
    /// are used as pivots (in that order of preference); the others are carried along.
    static func rowReduce(_ m: ExprMatrix, field f: EntryField, pivotColumns columns: [Int]? = nil) throws(EvaluationControl) -> (ExprMatrix, [Int]) {
        var a = m.rows
        let rows = m.rowCount, cols = m.columnCount
        var pivots: [Int] = []
        var r = 0
        for c in columns ?? Array(0..<cols) {
            if r == rows { break }
            try f.kernel.checkAbort()
            guard let p = (r..<rows).first(where: { !f.isZero(a[$0][c]) }) else { continue }
            a.swapAt(r, p)
            let pivot = a[r][c]
            for j in 0..<cols { a[r][j] = j == c ? .integer(1) : f.isZero(a[r][j]) ? a[r][j] : try f.div(a[r][j], pivot) }
            for i in 0..<rows where i != r && !f.isZero(a[i][c]) {
                try f.kernel.checkAbort()
                let factor = a[i][c]
                for j in 0..<cols {
                    if j == c { a[i][j] = .integer(0); continue }
                    if f.isZero(a[r][j]) { continue }
                    a[i][j] = try f.sub(a[i][j], try f.mul(factor, a[r][j]))
                }
            }
            pivots.append(c)
            r += 1
        }
        return (ExprMatrix(rows: a), pivots)
    }

    /// The determinant of a square matrix by fraction-free (Bareiss) elimination.
    static func determinant(_ m: ExprMatrix, field f: EntryField) throws(EvaluationControl) -> Expr {
        var a = m.rows
        let n = m.rowCount
        var sign = 1
        var previous: Expr = .integer(1)
        for k in 0..<(n - 1) {
            try f.kernel.checkAbort()
            if f.isZero(a[k][k]) {
                guard let p = ((k + 1)..<n).first(where: { !f.isZero(a[$0][k]) }) else { return .integer(0) }
                a.swapAt(k, p)
                sign = -sign
            }
            for i in (k + 1)..<n {
                try f.kernel.checkAbort()
                for j in (k + 1)..<n {
                    let cross = try f.sub(try f.mul(a[i][j], a[k][k]), try f.mul(a[i][k], a[k][j]))
                    a[i][j] = try f.div(cross, previous)
                }
                a[i][k] = .integer(0)
            }
            previous = a[k][k]
        }
        let d = a[n - 1][n - 1]
        return sign == 1 ? d : try f.mul(.integer(-1), d)
    }
}
