import RampSyntax

/// `Norm` of a matrix: the 2-norm (largest singular value), the 1-norm (largest column sum of
/// absolute values), the ∞-norm (largest row sum) and "Frobenius". Machine matrices get the 2-norm
/// from the eigenvalues of mᵀm (cyclic Jacobi); exact 2×2 and 1×n / n×1 matrices get it in closed
/// form; larger exact matrices are left as `Norm[m]` (Wolfram gives Root objects there).
extension Kernel {
    func matrixNorm(_ m: Expr, _ p: Expr?, _ call: BuiltinCall) throws(EvaluationControl) -> Expr? {
        let rows = m.args.map(\.args)
        let abs = Expr.list(rows.map { .list($0.map { .call(Sym.Abs, [$0]) }) })
        let k = call.kernel
        func max(_ xs: Expr) -> Expr { .call(Symbol.named("Max"), [xs]) }
        guard let p else { return try twoNorm(m, rows) }
        if p == .integer(2) { return try twoNorm(m, rows) }
        if p == .integer(1) { return try k.eval(max(.call(Sym.Total, [abs]))) }
        if p.isPositiveInfinity { return try k.eval(max(.call(Sym.Total, [abs, .list([2])]))) }
        if p == .string("Frobenius") {
            return vectorNorm(.list(rows.flatMap { $0 }), 2)
        }
        call.message("ptype", p)
        return nil
    }

    private func twoNorm(_ m: Expr, _ rows: [[Expr]]) throws(EvaluationControl) -> Expr? {
        let r = rows.count, c = rows.first?.count ?? 0
        guard r > 0, c > 0 else { return .integer(0) }
        if r == 1 || c == 1 { return vectorNorm(.list(rows.flatMap { $0 }), 2) }
        let inexact = rows.contains { $0.contains { if case .real = $0 { return true }; return false } }
        let numbers = rows.allSatisfy { $0.allSatisfy { $0.doubleValue != nil } }
        if numbers && inexact {
            let a = rows.map { $0.map { $0.doubleValue! } }
            return .real(largestSingularValue(a))
        }
        guard numbers, r == 2 || c == 2 else { return nil }
        // The larger eigenvalue of the 2×2 Gram matrix g: t/2 + Sqrt[(t/2)^2 - det g].
        let t: Expr = r == 2 ? .list(rows.map(Expr.list)) : .call(Symbol.named("Transpose"), [.list(rows.map(Expr.list))])
        let g = try eval(.call(Symbol.named("Dot"), [t, .call(Symbol.named("Transpose"), [t])]))
        guard g.isList, g.args.count == 2, g.args.allSatisfy({ $0.isList && $0.args.count == 2 }) else { return nil }
        let (a, b, cc, d) = (g.args[0].args[0], g.args[0].args[1], g.args[1].args[0], g.args[1].args[1])
        let half = Expr.call(Sym.Times, [.rational(1, over: 2), .call(Sym.Plus, [a, d])])
        let det = Expr.call(Sym.Plus, [.call(Sym.Times, [a, d]), .call(Sym.Times, [-1, b, cc])])
        let lambda = Expr.call(Sym.Plus, [half, .call(Sym.Sqrt, [.call(Sym.Plus, [.call(Sym.Power, [half, 2]), .call(Sym.Times, [-1, det])])])])
        return try eval(.call(Sym.Sqrt, [lambda]))
    }
}

/// The largest singular value of a real matrix: √ of the largest eigenvalue of aᵀa (cyclic Jacobi).
func largestSingularValue(_ a: [[Double]]) -> Double {
    let r = a.count, c = a[0].count
    var g = [[Double]](repeating: [Double](repeating: 0, count: c), count: c)
    for i in 0..<c {
        for j in i..<c {
            var s = 0.0
            for k in 0..<r { s += a[k][i] * a[k][j] }
            g[i][j] = s
            g[j][i] = s
        }
    }
    for _ in 0..<100 {
        var off = 0.0
        for i in 0..<c { for j in (i + 1)..<c { off += g[i][j] * g[i][j] } }
        if off < 1e-30 { break }
        for p in 0..<c {
            for q in (p + 1)..<c where g[p][q] != 0 {
                let theta = (g[q][q] - g[p][p]) / (2 * g[p][q])
                let t = (theta >= 0 ? 1.0 : -1.0) / (Swift.abs(theta) + (theta * theta + 1).squareRoot())
                let cs = 1 / (t * t + 1).squareRoot(), sn = t * cs
                for k in 0..<c {
                    let gkp = g[k][p], gkq = g[k][q]
                    g[k][p] = cs * gkp - sn * gkq
                    g[k][q] = sn * gkp + cs * gkq
                }
                for k in 0..<c {
                    let gpk = g[p][k], gqk = g[q][k]
                    g[p][k] = cs * gpk - sn * gqk
                    g[q][k] = sn * gpk + cs * gqk
                }
            }
        }
    }
    var largest = 0.0
    for i in 0..<c { largest = Swift.max(largest, g[i][i]) }
    return largest.squareRoot()
}
