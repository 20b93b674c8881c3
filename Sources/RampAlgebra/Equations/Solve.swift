import RampKernel
import RampSyntax

/// `Solve[eqns, vars]` for systems of linear equations (by row reduction, the later variables solved
/// for first, as Wolfram does) and for one polynomial equation in one variable (factored over the
/// rationals on FLINT; linear and quadratic factors solved in radicals). Equations Ramp cannot solve
/// (transcendental, nonlinear systems, irreducible factors of degree 3 or more) stay unevaluated:
/// never a partial or wrong answer.
enum SolveBuiltins {
    static func install(_ k: Kernel) {
        k.define(BuiltinSpec("Solve", arguments: ArgumentCount(1, 2),
                             messages: [("naqs", "`1` is not a quantified system of equations and inequalities."),
                                        ("nsmet", "This system cannot be solved with the methods available to Solve."),
                                        ("svars", "Equations may not give solutions for all \"solve\" variables.")],
                             usage: "Solve[expr, vars] attempts to solve the system expr of equations or inequalities for the variables vars.") { call throws(EvaluationControl) in
            try solve(call)
        })
    }

    /// The equations of `e` as expressions equal to zero; nil when `e` is not a system of equations.
    /// `False` among them gives `[1]` (no solution).
    static func equations(_ e: Expr, kernel: Kernel) -> [Expr]? {
        if e == .true { return [] }
        if e == .false { return [.integer(1)] }
        if e.hasHead(Sym.List) || e.hasHead(Sym.And) {
            var out: [Expr] = []
            for a in e.args {
                guard let eqs = equations(a, kernel: kernel) else { return nil }
                out += eqs
            }
            return out
        }
        if e.hasHead(Sym.Equal), e.argCount >= 2 {
            let a = e.args
            return (1..<a.count).map { i in
                kernel.evaluate(.call(Sym.Plus, a[i - 1], .call(Sym.Times, .integer(-1), a[i])))
            }
        }
        return nil
    }

    /// Whether `e` is a system of equations or inequalities (or a logical combination of them).
    static func isSystem(_ e: Expr) -> Bool {
        if e == .true || e == .false { return true }
        guard let h = e.headSymbol else { return false }
        if h === Sym.List || h === Sym.And || h.name == "Or" || h.name == "Not" { return e.args.allSatisfy(isSystem) }
        return ["Equal", "Unequal", "Less", "LessEqual", "Greater", "GreaterEqual", "Inequality", "Element"].contains(h.name)
    }

    static func isValidVariable(_ v: Expr) -> Bool {
        switch v {
        case .symbol(let s): return !["True", "False", "Pi", "E", "I", "Infinity", "ComplexInfinity", "Indeterminate", "Degree", "GoldenRatio", "EulerGamma", "Catalan"].contains(s.name)
        case .normal: return !v.hasHead(Sym.List) && !v.hasHead(Sym.Plus) && !v.hasHead(Sym.Times) && !v.hasHead(Sym.Power) && !v.isNumber
        default: return false
        }
    }

    static func contains(_ e: Expr, anyOf vars: [Expr]) -> Bool {
        if vars.contains(e) { return true }
        guard case .normal(let n) = e else { return false }
        return contains(n.head, anyOf: vars) || n.args.contains { contains($0, anyOf: vars) }
    }

    static func solve(_ call: BuiltinCall) throws(EvaluationControl) -> Expr? {
        let kernel = call.kernel
        guard let eqs = equations(call.args[0], kernel: kernel) else {
            // Inequalities and logical combinations are systems Ramp does not solve yet.
            if !isSystem(call.args[0]) { call.message("naqs", call.args[0]) }
            return nil
        }
        // Inexact coefficients: numerical roots, as NSolve gives them.
        if eqs.contains(where: PolynomialForm.hasInexactCoefficient) {
            if let linear = try inexactLinearSolutions(call, eqs) { return linear }
            return try NSolveBuiltins.nsolve(call)
        }
        var vars: [Expr]
        if call.args.count == 2 {
            let v = call.args[1]
            vars = v.hasHead(Sym.List) ? v.args : [v]
            for x in vars where !isValidVariable(x) { call.message("ivar", x); return nil }
        } else {
            // Solve[eqns]: every symbol in the equations that is not a constant.
            let form = PolynomialForm(reading: eqs)
            vars = form.generators.filter { $0.symbol != nil && isValidVariable($0) }
                .sorted { canonicalOrder($0, $1) < 0 }
        }
        var unique: [Expr] = []
        for v in vars where !unique.contains(v) { unique.append(v) }
        vars = unique

        let form = PolynomialForm(variables: vars, reading: eqs, rational: true)
        let varIndices = vars.compactMap { form.variable($0) }
        for g in form.generators where !vars.contains(g) && contains(g, anyOf: vars) {
            call.message("nsmet"); return nil
        }
        let ring = form.makeRing()
        var numerators: [Polynomial] = []
        var denominators: [Expr] = []
        for e in eqs {
            guard let (num, den) = try form.rationalFunction(e, in: ring, kernel: kernel) else { return nil }
            if num.isZero { continue }
            numerators.append(num)
            if !den.isConstant, let d = form.expression(den, kernel: kernel) { denominators.append(d) }
        }
        if numerators.contains(where: { $0.isConstant }) { return .list([]) }
        if numerators.isEmpty { return .list([.list([])]) }

        let solutions: [[Expr]]?
        if numerators.allSatisfy({ isLinear($0, in: varIndices) }) {
            guard let s = try linearSolutions(call, numerators, vars: vars, form: form) else { return nil }
            solutions = s
        } else {
            solutions = try polynomialSolutions(call, numerators, vars: vars, form: form)
        }
        guard var result = solutions else { return nil }
        // A solution that makes a denominator of the equations zero is not one.
        if !denominators.isEmpty {
            var kept: [[Expr]] = []
            for rules in result where try !makesZero(denominators, rules, kernel: kernel) { kept.append(rules) }
            result = kept
        }
        return .list(result.map { .list($0) })
    }

    /// Whether the rules make one of the expressions zero.
    static func makesZero(_ exprs: [Expr], _ rules: [Expr], kernel: Kernel) throws(EvaluationControl) -> Bool {
        for d in exprs {
            let v = kernel.evaluate(.call(Sym.ReplaceAll, d, .list(rules)))
            let t = v.isAtom ? v : (try PolynomialBuiltins.together(v, kernel: kernel) ?? v)
            if t == .integer(0) { return true }
        }
        return false
    }

    /// A linear system with machine-real coefficients, solved in `Double` (the later variables
    /// for the earlier free ones, as for exact systems); nil when the system is not linear with
    /// real coefficients.
    static func inexactLinearSolutions(_ call: BuiltinCall, _ eqs: [Expr]) throws(EvaluationControl) -> Expr? {
        let kernel = call.kernel
        guard call.args.count == 2 else { return nil }
        let v = call.args[1]
        let vars = v.hasHead(Sym.List) ? v.args : [v]
        guard !vars.isEmpty, vars.allSatisfy(isValidVariable), Set(vars).count == vars.count else { return nil }
        let n = vars.count
        guard call.allowsAllocation(dimensions: [eqs.count, n + 1], elementSize: SizeLimit.packedElement) else { return nil }
        let zero = Expr.list(vars.map { .call(Sym.Rule, $0, .integer(0)) })
        var rows: [[Double]] = []
        for e in eqs {
            try kernel.checkAbort()
            var row: [Double] = []
            // Columns in reverse order, so that the later variables are the pivots.
            for x in vars.reversed() {
                let d = kernel.evaluate(.call(Symbol.named("D"), e, x))
                guard let c = realValue(d) else { return nil }
                row.append(c)
            }
            guard let c = realValue(kernel.evaluate(.call(Sym.ReplaceAll, e, zero))) else { return nil }
            row.append(-c)
            // Linear: the equation is its linear part exactly.
            var linear: [Expr] = [.real(-row[n])]
            for (j, x) in vars.reversed().enumerated() { linear.append(.call(Sym.Times, .real(row[j]), x)) }
            let difference = kernel.evaluate(.call(Sym.Plus, e, .call(Sym.Times, .integer(-1), .call(Sym.Plus, linear))))
            guard let r = realValue(kernel.evaluate(.call(Symbol.named("Expand"), difference))), r == 0 else { return nil }
            rows.append(row)
        }
        let (r, pivots) = try NumericElimination.rowReduce(rows, kernel: kernel)
        if pivots.contains(n) { return .list([]) }
        let free = (0..<n).filter { !pivots.contains($0) }
        if !free.isEmpty { call.message("svars") }
        var rules: [(Int, Expr)] = []
        for (row, c) in pivots.enumerated() {
            var terms: [Expr] = [.real(r[row][n])]
            for f in free where r[row][f] != 0 { terms.append(.call(Sym.Times, .real(-r[row][f]), vars[n - 1 - f])) }
            rules.append((n - 1 - c, .call(Sym.Rule, vars[n - 1 - c], kernel.evaluate(.call(Sym.Plus, terms)))))
        }
        return .list([.list(rules.sorted { $0.0 < $1.0 }.map { $0.1 })])
    }

    static func realValue(_ e: Expr) -> Double? {
        switch e {
        case .integer(let i): return Double(i)
        case .bigInteger(let b): return Double(b)
        case .rational(let n, let d): return Double(n) / Double(d)
        case .real(let v): return v
        default: return nil
        }
    }

    /// Whether every term of `p` has total degree at most 1 in the variables.
    static func isLinear(_ p: Polynomial, in variables: [Int]) -> Bool {
        p.terms.allSatisfy { term in variables.reduce(0) { $0 + term.exponents[$1] } <= 1 }
    }

    /// The solution of a linear system: one list of rules (the later variables solved for in terms
    /// of the earlier free ones), none when inconsistent.
    static func linearSolutions(_ call: BuiltinCall, _ equations: [Polynomial], vars: [Expr], form: PolynomialForm) throws(EvaluationControl) -> [[Expr]]? {
        let kernel = call.kernel
        let indices = vars.map { form.variable($0)! }
        let n = vars.count
        guard call.allowsAllocation(dimensions: [equations.count, n + 1], elementSize: SizeLimit.expression) else { return nil }
        var rows: [[Expr]] = []
        var symbolic = false
        for p in equations {
            try kernel.checkAbort()
            var row: [Expr] = []
            var constant = p
            for i in indices {
                guard let c = form.expression(p.coefficient(variable: i, power: 1), kernel: kernel) else { return nil }
                if !c.isNumber { symbolic = true }
                row.append(c)
                constant = constant.coefficient(variable: i, power: 0)
            }
            guard let c = form.expression(-constant, kernel: kernel) else { return nil }
            if !c.isNumber { symbolic = true }
            rows.append(row + [c])
        }
        let field = EntryField(kernel: kernel, symbolic: symbolic)
        let (r, pivots) = try ExactElimination.rowReduce(ExprMatrix(rows: rows), field: field, pivotColumns: Array((0..<n).reversed()))
        for row in pivots.count..<rows.count where !field.isZero(r.rows[row][n]) { return [] }
        let free = (0..<n).filter { !pivots.contains($0) }
        if !free.isEmpty { call.message("svars") }
        var rules: [(Int, Expr)] = []
        for (row, c) in pivots.enumerated() {
            var terms: [Expr] = [r.rows[row][n]]
            for f in free where !field.isZero(r.rows[row][f]) {
                terms.append(.call(Sym.Times, .integer(-1), r.rows[row][f], vars[f]))
            }
            let value = try expandedQuotient(.call(Sym.Plus, terms), kernel: kernel)
            rules.append((c, .call(Sym.Rule, vars[c], value)))
        }
        return [rules.sorted { $0.0 < $1.0 }.map { $0.1 }]
    }

    /// The roots of one polynomial equation in one of the variables, with multiplicity, sorted in
    /// canonical order as Wolfram lists them; nil when a factor cannot be solved in radicals here.
    static func polynomialSolutions(_ call: BuiltinCall, _ equations: [Polynomial], vars: [Expr], form: PolynomialForm) throws(EvaluationControl) -> [[Expr]]? {
        let kernel = call.kernel
        guard equations.count == 1, let p = equations.first else { return nil }
        let present = vars.filter { p.degree(in: form.variable($0)!) > 0 }
        // Several variables: the last one is solved for in terms of the others (Solve::svars).
        guard let x = present.last, let xi = form.variable(x) else { return nil }
        let others = present.dropLast().map { form.variable($0)! }
        guard let factored = p.factored() else { return nil }
        var roots: [Expr] = []
        for (f, multiplicity) in factored.factors {
            try kernel.checkAbort()
            let degree = f.degree(in: xi)
            if degree == 0 {
                // A factor free of x: a condition on parameters, but a solution for another variable.
                if others.contains(where: { f.degree(in: $0) > 0 }) { return nil }
                continue
            }
            let c = (0...degree).map { f.coefficient(variable: xi, power: $0) }
            var cx: [Expr] = []
            for q in c {
                guard let e = form.expression(q, kernel: kernel) else { return nil }
                cx.append(e)
            }
            var factorRoots: [Expr]
            switch degree {
            case 1:
                factorRoots = [try negatedQuotient(cx[0], cx[1], kernel: kernel)]
            case 2:
                factorRoots = try quadraticRoots(a: cx[2], b: cx[1], c: cx[0], kernel: kernel)
            default:
                // Irreducible of degree 3 or more with rational coefficients: Root objects (as
                // Wolfram's Solve gives for general cubics and quartics; Cubics -> True radicals
                // are not written).
                guard f.degrees.enumerated().allSatisfy({ $0.offset == xi || $0.element == 0 }),
                      let fe = form.expression(f, kernel: kernel) else { return nil }
                factorRoots = RootBuiltins.objects(fe, variable: x, degree: degree, kernel: kernel)
            }
            for r in factorRoots { for _ in 0..<multiplicity { roots.append(r) } }
        }
        roots.sort { canonicalOrder($0, $1) < 0 }
        if !others.isEmpty { call.message("svars") }
        return roots.map { [.call(Sym.Rule, x, $0)] }
    }

    static func negatedQuotient(_ a: Expr, _ b: Expr, kernel: Kernel) throws(EvaluationControl) -> Expr {
        try expandedQuotient(.call(Sym.Times, .integer(-1), a, .call(Sym.Power, b, .integer(-1))), kernel: kernel)
    }

    /// `e` as Wolfram writes a solution: an expanded numerator over a denominator with positive
    /// leading coefficient, common factors cancelled (`(-b + c)/a`, `1 - x`).
    static func expandedQuotient(_ e: Expr, kernel: Kernel) throws(EvaluationControl) -> Expr {
        let v = kernel.evaluate(e)
        guard !v.isAtom, !PolynomialForm.hasInexactCoefficient(v) else { return v }
        let form = PolynomialForm(reading: [v], rational: true).sortedCanonically(kernel: kernel)
        let ring = form.makeRing()
        guard let (n, d) = try form.rationalFunction(v, in: ring, kernel: kernel) else { return v }
        let (content, primitive) = d.contentAndPrimitive
        var (num, den) = (n.times(Polynomial(ring, constant: content.inverse)), primitive)
        if d.leadingCoefficient.numerator.signum() < 0 { num = num.map { -$0 }; den = -den }
        guard let numerator = num, let ne = form.expression(numerator, kernel: kernel), let de = form.expression(den, kernel: kernel) else { return v }
        return kernel.evaluate(.call(Sym.Times, ne, .call(Sym.Power, de, .integer(-1))))
    }

    /// The two roots of `a x^2 + b x + c`: the one with `-Sqrt` first. Rational coefficients give
    /// Wolfram's reduced form (`-1 - Sqrt[2]`, `1/2 (1 - Sqrt[5])`), the cyclotomic x^2 ± x + 1
    /// its roots of unity as powers of -1.
    static func quadraticRoots(a: Expr, b: Expr, c: Expr, kernel: Kernel) throws(EvaluationControl) -> [Expr] {
        if a == .integer(1), c == .integer(1), let bi = b.int, bi == 1 || bi == -1 {
            // x^2 + x + 1: e^(±2πi/3); x^2 - x + 1: e^(±πi/3).
            let exponents: [Expr] = bi == 1 ? [.rational(2, over: 3), .rational(4, over: 3)] : [.rational(1, over: 3), .rational(5, over: 3)]
            return exponents.map { kernel.evaluate(.call(Sym.Power, .integer(-1), $0)) }
        }
        if b == .integer(0), a.isNumber {
            // a x^2 + c: ±Sqrt[-c/a], as Wolfram gives them (Sqrt[3/2], I Sqrt[3], Sqrt[1 - y^2]).
            let radicand = try expandedQuotient(.call(Sym.Times, .integer(-1), c, .call(Sym.Power, a, .integer(-1))), kernel: kernel)
            let root = kernel.evaluate(.call(Sym.Power, radicand, .rational(1, over: 2)))
            return [kernel.evaluate(.call(Sym.Times, .integer(-1), root)), root]
        }
        let disc = kernel.evaluate(.call(Sym.Plus, .call(Sym.Power, b, .integer(2)), .call(Sym.Times, .integer(-4), a, c)))
        // Small integers only (abs and 2a below cannot overflow); others take the general form.
        if let ai = a.int, let bi = b.int, ai.magnitude < 1 << 40, bi.magnitude < 1 << 40, case .integer(let d) = disc {
            // Integers (FLINT's factors are primitive): Sqrt[d] = k · rest, divided through by gcd(b, k, 2a).
            let s = kernel.evaluate(.call(Sym.Power, .integer(d), .rational(1, over: 2)))
            var k = 1
            var rest = s
            if case .integer(let v) = s { k = v; rest = .integer(1) }
            else if case .complex(.integer(0), .integer(let v)) = s { k = v; rest = PolynomialForm.imaginaryUnit }
            else if s.hasHead(Sym.Times), s.argCount == 2 {
                if case .integer(let v) = s.args[0] { k = v; rest = s.args[1] }
                else if case .complex(.integer(0), .integer(let v)) = s.args[0] {
                    k = v; rest = kernel.evaluate(.call(Sym.Times, PolynomialForm.imaginaryUnit, s.args[1]))
                }
            }
            let g = gcd(gcd(abs(bi), abs(k)), abs(2 * ai))
            let (b2, k2, den) = (-bi / g, k / g, 2 * ai / g)
            return [-1, 1].map { sign in
                let sum = kernel.evaluate(.call(Sym.Plus, .integer(b2), .call(Sym.Times, .integer(sign * k2), rest)))
                return den == 1 ? sum : kernel.evaluate(.call(Sym.Times, .rational(1, over: BigInt(den)), sum))
            }
        }
        let root = Expr.call(Sym.Power, disc, .rational(1, over: 2))
        return [-1, 1].map { sign in
            kernel.evaluate(.call(Sym.Times, .call(Sym.Plus, .call(Sym.Times, .integer(-1), b), .call(Sym.Times, .integer(sign), root)),
                                  .call(Sym.Power, .call(Sym.Times, .integer(2), a), .integer(-1))))
        }
    }

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
}
