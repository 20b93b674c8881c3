import ComplexModule
import CFlint
import RampKernel
import RampSyntax

/// `Eigenvalues`, `Eigenvectors`, `Eigensystem` and `CharacteristicPolynomial`.
///
/// Exact matrices with rational entries: the characteristic polynomial is factored over the
/// rationals; linear and quadratic factors give radicals, higher ones `Root` objects; eigenvectors
/// are null-space vectors of `m - t I` over the field Q[t]/(factor) (last free entry 1, as
/// `NullSpace` gives them). Symbolic entries: eigenvalues from `Solve` of the characteristic
/// polynomial. Machine reals: NumericEigen.swift.
enum EigenBuiltins {
    static func install(_ k: Kernel) {
        let square = LinearAlgebraBuiltins.square
        for (name, usage) in [("Eigenvalues", "Eigenvalues[m] gives a list of the eigenvalues of the square matrix m."),
                              ("Eigenvectors", "Eigenvectors[m] gives a list of the eigenvectors of the square matrix m."),
                              ("Eigensystem", "Eigensystem[m] gives a list {values, vectors} of the eigenvalues and eigenvectors of the square matrix m.")] {
            k.define(BuiltinSpec(name, arguments: ArgumentCount(1, 2), messages: [("matsq", square)], usage: usage) { call throws(EvaluationControl) in
                try eigen(call, name: name)
            })
        }
        k.define(BuiltinSpec("CharacteristicPolynomial", arguments: .exactly(2), messages: [("matsq", square)],
                             usage: "CharacteristicPolynomial[m, x] gives the characteristic polynomial for the matrix m.") { call throws(EvaluationControl) in
            guard let m = LinearAlgebraBuiltins.squareMatrix(call) else { return nil }
            guard m.rowCount <= 40 else { return nil }
            return try characteristicPolynomial(m, call.args[1], kernel: call.kernel)
        })
    }

    /// Det[m - x IdentityMatrix], expanded.
    static func characteristicPolynomial(_ m: ExprMatrix, _ x: Expr, kernel: Kernel) throws(EvaluationControl) -> Expr {
        var rows = m.rows
        for i in 0..<m.rowCount { rows[i][i] = .call(Sym.Plus, rows[i][i], .call(Sym.Times, .integer(-1), x)) }
        let d = try ExactElimination.determinant(ExprMatrix(rows: rows), field: EntryField(kernel: kernel, symbolic: true))
        return try kernel.eval(.call(Symbol.named("Expand"), d))
    }

    static func eigen(_ call: BuiltinCall, name: String) throws(EvaluationControl) -> Expr? {
        guard let m = LinearAlgebraBuiltins.squareMatrix(call) else { return nil }
        var take: Int? = nil
        if call.args.count == 2 {
            guard let t = call.args[1].int else { return nil }
            take = t
        }
        let n = m.rowCount
        let wantValues = name != "Eigenvectors", wantVectors = name != "Eigenvalues"
        guard call.allowsAllocation(dimensions: [n, n], elementSize: 64) else { return .failed }
        var values: [Expr], vectors: [Expr] = []
        if let d = m.doubles {
            guard let (vs, ws) = try NumericEigen.eigensystem(d, vectors: wantVectors, kernel: call.kernel) else { return nil }
            let complex = vs.contains { $0.imaginary != 0 }
            values = vs.map { number($0, complex: false) }
            vectors = ws.map { .list($0.map { number($0, complex: complex) }) }
        } else {
            guard n <= 12, !m.rows.joined().contains(where: { PolynomialForm.hasInexactCoefficient($0) }) else { return nil }
            guard let r = try exactEigen(m, vectors: wantVectors, kernel: call.kernel) else { return nil }
            (values, vectors) = r
        }
        if let t = take {
            let count = min(abs(t), n)
            func cut(_ xs: [Expr]) -> [Expr] { t >= 0 ? Array(xs.prefix(count)) : Array(xs.suffix(count)) }
            values = cut(values); vectors = cut(vectors)
        }
        switch name {
        case "Eigenvalues": return .list(values)
        case "Eigenvectors": return .list(vectors)
        default: return .list([.list(values), .list(vectors)])
        }
    }

    static func number(_ z: Complex, complex: Bool) -> Expr {
        if z.imaginary == 0 && !complex { return .real(z.real) }
        return .complex(.real(z.real), .real(z.imaginary))
    }

    /// The exact eigenvalues (sorted) and, with `vectors`, the eigenvectors padded with zero vectors.
    static func exactEigen(_ m: ExprMatrix, vectors wantVectors: Bool, kernel: Kernel) throws(EvaluationControl) -> ([Expr], [Expr])? {
        let n = m.rowCount
        let t = Expr.symbol(Symbol.named("Eigen$t"))
        let p = try characteristicPolynomial(m, t, kernel: kernel)
        let form = PolynomialForm(variables: [t], reading: [p])
        guard form.generators.count == 1 else {
            if n == 2 { return try symbolic2x2(m, kernel: kernel) }
            return wantVectors ? nil : try symbolicEigenvalues(p, t, count: n, kernel: kernel).map { ($0, []) }
        }
        let ring = form.makeRing()
        guard let poly = try form.polynomial(p, in: ring, kernel: kernel), let f = poly.factored() else { return nil }
        // Each root with its multiplicity and the factor it belongs to.
        var roots: [(value: Expr, numeric: Complex, factor: Int)] = []
        var factors: [(Polynomial, Int)] = []
        for (q, mult) in f.factors where q.degree(in: 0) > 0 {
            try kernel.checkAbort()
            let d = q.degree(in: 0)
            let c = (0...d).map { q.coefficient(variable: 0, power: $0).leadingCoefficient.expr }
            let rs: [Expr]
            switch d {
            case 1: rs = [kernel.evaluate(.call(Sym.Times, .integer(-1), c[0], .call(Sym.Power, c[1], .integer(-1))))]
            case 2: rs = try SolveBuiltins.quadraticRoots(a: c[2], b: c[1], c: c[0], kernel: kernel)
            default:
                guard let qe = form.expression(q, kernel: kernel) else { return nil }
                rs = try RootBuiltins.objects(qe, variable: t, degree: d, kernel: kernel).map { r throws(EvaluationControl) in try kernel.eval(r) }
            }
            factors.append((q, mult))
            for r in rs {
                guard let z = try numericValue(r, kernel: kernel) else { return nil }
                for _ in 0..<mult { roots.append((r, z, factors.count - 1)) }
            }
        }
        roots = NumericEigen.stableSorted(roots) { EigenOrder.before($0.numeric, $1.numeric) }
        let values = roots.map { $0.value }
        guard wantVectors else { return (values, []) }
        // Null-space bases per factor, then per distinct root (in sorted order).
        var bases: [Int: [[Polynomial]]] = [:]
        var used: [Expr: Int] = [:]
        var vectors: [Expr] = []
        var matrix: [[Polynomial]] = []
        for row in m.rows {
            var out: [Polynomial] = []
            for e in row {
                guard let q = try form.polynomial(e, in: ring, kernel: kernel) else { return nil }
                out.append(q)
            }
            matrix.append(out)
        }
        for r in roots {
            if bases[r.factor] == nil {
                guard let b = try nullSpace(matrix, modulo: factors[r.factor].0, ring: ring, kernel: kernel) else { return nil }
                bases[r.factor] = b
            }
            let basis = bases[r.factor]!
            let k = used[r.value, default: 0]
            used[r.value] = k + 1
            guard k < basis.count else { continue }
            var entries: [Expr] = []
            for q in basis[k] {
                guard let e = form.expression(q, kernel: kernel) else { return nil }
                let v = try kernel.eval(.call(Sym.ReplaceAll, e, .call(Sym.Rule, t, r.value)))
                entries.append(v.isAtom ? v : try kernel.eval(.call(Symbol.named("Together"), v)))
            }
            // Rational vectors are cleared of denominators ({0, 1, 2}, as Wolfram gives them).
            if entries.allSatisfy({ if case .rational = $0 { return true }; return $0.int != nil }) {
                let lcm = try kernel.eval(.call(Symbol.named("LCM"), entries.map { e in
                    if case .rational(_, let d) = e { return Expr.integer(d) }
                    return .integer(1)
                }))
                entries = try entries.map { e throws(EvaluationControl) in try kernel.eval(.call(Sym.Times, e, lcm)) }
            }
            vectors.append(.list(entries))
        }
        while vectors.count < n { vectors.append(.list([Expr](repeating: .integer(0), count: n))) }
        return (values, vectors)
    }

    /// {{a, b}, {c, d}}: (a + d ∓ Sqrt[(a - d)^2 + 4 b c])/2 with the eigenvectors {(λ - d)/c, 1}
    /// (as Wolfram gives them; {1, 0} and {0, 1} when c is 0).
    static func symbolic2x2(_ m: ExprMatrix, kernel: Kernel) throws(EvaluationControl) -> ([Expr], [Expr]) {
        let (a, b, c, d) = (m.rows[0][0], m.rows[0][1], m.rows[1][0], m.rows[1][1])
        let disc = try kernel.eval(.call(Symbol.named("Expand"), .call(Sym.Plus, .call(Sym.Power, .call(Sym.Plus, a, .call(Sym.Times, .integer(-1), d)), .integer(2)),
                                                                     .call(Sym.Times, .integer(4), b, c))))
        let root = Expr.call(Sym.Power, disc, .rational(1, over: 2))
        var values: [Expr] = [], vectors: [Expr] = []
        for sign in [-1, 1] {
            let v = try kernel.eval(.call(Sym.Times, .rational(1, over: 2), .call(Sym.Plus, a, d, .call(Sym.Times, .integer(sign), root))))
            let expanded = try kernel.eval(.call(Symbol.named("Expand"), v))
            let count = { (e: Expr) throws(EvaluationControl) -> Int in try kernel.eval(.call(Symbol.named("LeafCount"), e)).int ?? 0 }
            values.append(try count(expanded) < count(v) ? expanded : v)
            if c == .integer(0) {
                vectors = [.list([.integer(1), .integer(0)]), .list([.integer(0), .integer(1)])]
                if disc == .integer(0) { vectors[1] = .list([.integer(0), .integer(0)]) }
            } else {
                let top = Expr.call(Sym.Plus, a, .call(Sym.Times, .integer(-1), d), .call(Sym.Times, .integer(sign), root))
                vectors.append(.list([try kernel.eval(.call(Sym.Times, top, .call(Sym.Power, .call(Sym.Times, .integer(2), c), .integer(-1)))), .integer(1)]))
            }
        }
        if disc == .integer(0), c != .integer(0) { vectors[1] = .list([.integer(0), .integer(0)]) }
        return (values, vectors)
    }

    /// Eigenvalues of a matrix with symbolic entries: the roots Solve gives, by multiplicity.
    static func symbolicEigenvalues(_ p: Expr, _ t: Expr, count: Int, kernel: Kernel) throws(EvaluationControl) -> [Expr]? {
        let sol = try kernel.eval(.call(Symbol.named("Solve"), .call(Sym.Equal, p, .integer(0)), t))
        guard sol.hasHead(Sym.List), sol.argCount == count else { return nil }
        var out: [Expr] = []
        for s in sol.args {
            guard s.hasHead(Sym.List), s.argCount == 1, s.args[0].hasHead(Sym.Rule) else { return nil }
            out.append(s.args[0].args[1])
        }
        return out
    }

    static func numericValue(_ e: Expr, kernel: Kernel) throws(EvaluationControl) -> Complex? {
        let v = try kernel.eval(.call(Symbol.named("N"), e))
        func real(_ x: Expr) -> Double? {
            switch x {
            case .real(let d): return d
            case .integer(let i): return Double(i)
            default: return nil
            }
        }
        if let r = real(v) { return Complex(r, 0) }
        if case .complex(let a, let b) = v, let x = real(a), let y = real(b) { return Complex(x, y) }
        return nil
    }

    /// A basis of the null space of `m - t I` over the field Q[t]/(q), q irreducible.
    static func nullSpace(_ m: [[Polynomial]], modulo q: Polynomial, ring: PolynomialRing, kernel: Kernel) throws(EvaluationControl) -> [[Polynomial]]? {
        // Products too large for FLINT (never for the small matrices taken here) give nil.
        struct TooLarge: Error {}
        let n = m.count
        let tvar = Polynomial(ring, variable: 0)
        let zero = Polynomial(ring), one = Polynomial(ring, constant: .one)
        func reduce(_ a: Polynomial) -> Polynomial { a.divided(by: q).remainder }
        func mul(_ a: Polynomial, _ b: Polynomial) throws(TooLarge) -> Polynomial {
            guard let p = a.times(b) else { throw TooLarge() }
            return reduce(p)
        }
        func inverse(_ a: Polynomial) throws(TooLarge) -> Polynomial {
            var (r0, r1, s0, s1) = (q, a, zero, one)
            while !r1.isZero {
                let (quo, rem) = r0.divided(by: r1)
                (r0, r1) = (r1, rem)
                guard let prod = quo.times(s1) else { throw TooLarge() }
                (s0, s1) = (s1, s0 - prod)
            }
            let c = r0.leadingCoefficient
            return reduce(s0.times(Polynomial(ring, constant: c.inverse)) ?? zero)
        }
        var a = (0..<n).map { i in (0..<n).map { j in reduce(i == j ? m[i][j] - tvar : m[i][j]) } }
        var pivots: [Int] = []
        var r = 0
        for c in 0..<n where r < n {
            try kernel.checkAbort()
            guard let p = (r..<n).first(where: { !a[$0][c].isZero }) else { continue }
            a.swapAt(r, p)
            do {
                let inv = try inverse(a[r][c])
                for j in 0..<n { a[r][j] = try mul(a[r][j], inv) }
                for i in 0..<n where i != r && !a[i][c].isZero {
                    let factor = a[i][c]
                    for j in 0..<n { a[i][j] = reduce(a[i][j] - (try mul(factor, a[r][j]))) }
                }
            } catch { return nil }
            pivots.append(c)
            r += 1
        }
        let free = (0..<n).filter { !pivots.contains($0) }
        return free.reversed().map { f in
            var v = [Polynomial](repeating: zero, count: n)
            v[f] = one
            for (row, c) in pivots.enumerated() { v[c] = -a[row][f] }
            return v
        }
    }
}
