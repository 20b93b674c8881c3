import RampKernel
import RampSyntax

/// `DSolve[eqn, y[x], x]` and `DSolve[eqn, y, x]` (pure functions), with initial conditions: one
/// ordinary differential equation for one unknown function.
///
/// - linear with constant coefficients, any order: the roots of the characteristic polynomial
///   (factored over the rationals; linear and quadratic factors) give `E^(r x)`, `x^k E^(r x)` for
///   repeated roots and `E^(a x) Cos[b x]`, `E^(a x) Sin[b x]` for complex pairs; a right-hand side
///   made of terms `x^k E^(a x) Cos[b x]` / `Sin[b x]` by undetermined coefficients;
/// - linear of first order: the integrating factor (with `Integrate`);
/// - separable of first order, `y' == f(x) g(y)`, when both integrals are found and `Solve` can
///   invert the result.
/// Anything else stays unevaluated. The constants are `C[1]`, `C[2]`, …
enum DSolveBuiltins {
    /// The equations of an ODE statement (`eqn`, `{eqns}`, `eqn && eqn`; `True` adds none), or nil
    /// when a part is not an equation. Shared by DSolve and NDSolve.
    static func equations(in statement: Expr) -> [Expr]? {
        var eqs: [Expr] = []
        func collect(_ e: Expr) -> Bool {
            if e.hasHead(Sym.List) || e.hasHead(Sym.And) { return e.args.allSatisfy(collect) }
            if e.hasHead(Sym.Equal), e.argCount == 2 { eqs.append(e); return true }
            return e == .true
        }
        return collect(statement) ? eqs : nil
    }

    static func install(_ k: Kernel) {
        k.define(BuiltinSpec("DSolve", arguments: .exactly(3), messages: [
            ("dsvar", "`1` cannot be used as a variable."),
            ("deqn", "Equation or list of equations expected instead of `1` in the first argument `2`."),
            ("bvnul", "For some branches of the general solution, the given boundary conditions lead to an empty solution."),
        ], usage: "DSolve[eqn, u, x] solves a differential equation for the function u, with independent variable x.") { call throws(EvaluationControl) in
            try DSolver(call: call).solve()
        })
    }
}

struct DSolver {
    let call: BuiltinCall
    var kernel: Kernel { call.kernel }
    static let constant = Symbol.named("C")

    func ev(_ e: Expr) throws(EvaluationControl) -> Expr { try kernel.eval(e) }
    func call(_ name: String, _ args: Expr...) throws(EvaluationControl) -> Expr { try kernel.eval(.call(Symbol.named(name), args)) }
    func depends(_ e: Expr, on x: Expr) -> Bool { SolveBuiltins.contains(e, anyOf: [x]) }
    func isZero(_ e: Expr) throws(EvaluationControl) -> Bool {
        if e == .integer(0) { return true }
        return try call("Simplify", e) == .integer(0)
    }
    func cc(_ i: Int) -> Expr { .call(.symbol(Self.constant), [.integer(i)]) }

    func solve() throws(EvaluationControl) -> Expr? {
        var spec = call.args[1]
        if spec.hasHead(Sym.List) {
            guard spec.argCount == 1 else { return nil }
            spec = spec.args[0]
        }
        guard let xs = call.args[2].symbol else { call.message("dsvar", call.args[2]); return nil }
        let x = Expr.symbol(xs)
        let y: Symbol, applied: Bool
        if let s = spec.symbol { y = s; applied = false }
        else if case .normal(let n) = spec, let s = n.head.symbol, n.args == [x] { y = s; applied = true }
        else { call.message("dsvar", spec); return nil }
        guard let eqs = DSolveBuiltins.equations(in: call.args[0]) else { call.message("deqn", call.args[0], call.args[0]); return nil }
        var odes: [Expr] = [], conditions: [(order: Int, point: Expr, value: Expr)] = []
        var order = 0
        for eq in eqs {
            var occurrences: [(Int, Int, Expr)] = []
            NDSolveBuiltins.findUnknowns(eq, [y], &occurrences)
            if occurrences.isEmpty { continue }
            if occurrences.allSatisfy({ $0.2 == x }) {
                odes.append(eq)
                for (_, k, _) in occurrences { order = max(order, k) }
            } else if occurrences.count == 1, let (_, k, p) = occurrences.first, !depends(p, on: x) {
                let lhs = NDSolveBuiltins.unknownAt(y, k, p)
                let (l, r) = (eq.args[0], eq.args[1])
                guard l == lhs || r == lhs else { return nil }
                conditions.append((k, p, l == lhs ? r : l))
            } else { return nil }
        }
        guard odes.count == 1, order > 0, order <= 12 else { return nil }
        // y^(j)[x] as symbols d_j.
        let d = (0...order).map { Expr.symbol(Symbol.named("DSolve$d\($0)")) }
        var e = try ev(.call(Sym.Plus, odes[0].args[0], .call(Sym.Times, .integer(-1), odes[0].args[1])))
        for j in 0...order { e = Antiderivative.replace(e, NDSolveBuiltins.unknownAt(y, j, x), d[j]) }
        var found = try linear(e, d, x)
        if found == nil { found = try separable(e, d, x) }
        guard var solutions = found else { return nil }
        if !conditions.isEmpty {
            var out: [Expr] = []
            for s in solutions {
                var equations: [Expr] = []
                for cnd in conditions {
                    let derivative = try call("D", s, .list([x, .integer(cnd.order)]))
                    equations.append(.call(Sym.Equal, try ev(Antiderivative.replace(derivative, x, cnd.point)), cnd.value))
                }
                let constants = (1...order).map { cc($0) }.filter { cc in equations.contains { SolveBuiltins.contains($0, anyOf: [cc]) } }
                let rules = try call("Solve", .list(equations), .list(constants))
                guard rules.hasHead(Sym.List) else { return nil }
                for r in rules.args { out.append(try call("ReplaceAll", s, r)) }
            }
            if out.isEmpty { call.message("bvnul"); return .list([]) }
            solutions = out
        }
        return .list(solutions.map { s in
            applied ? .list([.call(Sym.Rule, .call(.symbol(y), [x]), s)])
                : .list([.call(Sym.Rule, .symbol(y), .call(Sym.Function, .list([x]), s))])
        })
    }

    /// Σ a_j y^(j) + b == 0: constant coefficients (any order) or first order.
    func linear(_ e: Expr, _ d: [Expr], _ x: Expr) throws(EvaluationControl) -> [Expr]? {
        let n = d.count - 1
        var a: [Expr] = []
        for dj in d {
            let aj = try call("D", e, dj)
            if SolveBuiltins.contains(aj, anyOf: d) { return nil }
            a.append(aj)
        }
        var b = e
        for dj in d { b = Antiderivative.replace(b, dj, .integer(0)) }
        b = try ev(b)
        guard try !isZero(a[n]) else { return nil }
        var c: [Expr] = []
        for aj in a { c.append(try call("Together", .call(Sym.Times, aj, .call(Sym.Power, a[n], .integer(-1))))) }
        let g = try call("Together", .call(Sym.Times, .integer(-1), b, .call(Sym.Power, a[n], .integer(-1))))
        if !c.contains(where: { depends($0, on: x) }) {
            return try constantCoefficients(c, g, x).map { [$0] }
        }
        guard n == 1 else { return nil }
        // y' + p y == q: y = (∫ μ q + C[1]) / μ with μ = E^∫p.
        guard let integralP = try integral(c[0], x) else { return nil }
        let mu = try ev(.call(Sym.Power, .symbol(Symbol.named("E")), integralP))
        var particular: Expr = .integer(0)
        if g != .integer(0) {
            guard let i = try integral(.call(Sym.Times, mu, g), x) else { return nil }
            particular = try call("Simplify", .call(Sym.Times, i, .call(Sym.Power, mu, .integer(-1))))
        }
        return [try ev(.call(Sym.Plus, .call(Sym.Times, cc(1), .call(Sym.Power, mu, .integer(-1))), particular))]
    }

    func integral(_ f: Expr, _ x: Expr) throws(EvaluationControl) -> Expr? {
        let r = try call("Integrate", f, x)
        return SolveBuiltins.contains(r, anyOf: [.symbol(Sym.Integrate)]) || containsHead(r, Sym.Integrate) ? nil : r
    }

    func containsHead(_ e: Expr, _ h: Symbol) -> Bool {
        guard case .normal(let n) = e else { return false }
        if e.hasHead(h) { return true }
        return containsHead(n.head, h) || n.args.contains { containsHead($0, h) }
    }

    /// A root of the characteristic polynomial: re + i·im (im ≥ 0; a complex pair once), multiplicity.
    struct CharacteristicRoot { var re: Expr; var im: Expr; var multiplicity: Int; var value: Double }

    func characteristicRoots(_ c: [Expr], _ x: Expr) throws(EvaluationControl) -> [CharacteristicRoot]? {
        let n = c.count - 1
        let r = Expr.symbol(Symbol.named("DSolve$r"))
        let p = try ev(.call(Sym.Plus, (0...n).map { .call(Sym.Times, c[$0], .call(Sym.Power, r, .integer($0))) }))
        let form = PolynomialForm(variables: [r], reading: [p])
        if form.generators.count != 1 {
            // Symbolic coefficients: y' + c0 y and y'' + c0 y (c0 taken positive, as Wolfram does).
            if n == 1 { return [CharacteristicRoot(re: try ev(.call(Sym.Times, .integer(-1), c[0])), im: .integer(0), multiplicity: 1, value: 0)] }
            if n == 2, c[1] == .integer(0) {
                var beta: Expr = .call(Sym.Power, c[0], .rational(1, over: 2))
                if c[0].hasHead(Sym.Power), let n = c[0].args[1].int, n % 2 == 0 { beta = .call(Sym.Power, c[0].args[0], .integer(n / 2)) }
                beta = try ev(beta)
                return [CharacteristicRoot(re: .integer(0), im: beta, multiplicity: 1, value: 0)]
            }
            return nil
        }
        let ring = form.makeRing()
        guard let poly = try form.polynomial(p, in: ring, kernel: kernel), let f = poly.factored() else { return nil }
        var roots: [CharacteristicRoot] = []
        for (q, m) in f.factors where q.degree(in: 0) > 0 {
            let deg = q.degree(in: 0)
            let k = (0...deg).map { q.coefficient(variable: 0, power: $0).leadingCoefficient.expr }
            if deg == 1 {
                let root = try ev(.call(Sym.Times, .integer(-1), k[0], .call(Sym.Power, k[1], .integer(-1))))
                roots.append(CharacteristicRoot(re: root, im: .integer(0), multiplicity: m, value: try numeric(root)))
            } else if deg == 2 {
                let disc = try ev(.call(Sym.Plus, .call(Sym.Power, k[1], .integer(2)), .call(Sym.Times, .integer(-4), k[2], k[0])))
                if try numeric(disc) > 0 {
                    for root in try SolveBuiltins.quadraticRoots(a: k[2], b: k[1], c: k[0], kernel: kernel) {
                        roots.append(CharacteristicRoot(re: root, im: .integer(0), multiplicity: m, value: try numeric(root)))
                    }
                } else {
                    let twoA = Expr.call(Sym.Power, .call(Sym.Times, .integer(2), k[2]), .integer(-1))
                    let re = try ev(.call(Sym.Times, .integer(-1), k[1], twoA))
                    let im = try ev(.call(Sym.Times, .call(Sym.Power, .call(Sym.Times, .integer(-1), disc), .rational(1, over: 2)), twoA))
                    roots.append(CharacteristicRoot(re: re, im: im, multiplicity: m, value: try numeric(re)))
                }
            } else { return nil }
        }
        // Real roots first, in decreasing order (E^x C[1] + E^-x C[2], as Wolfram gives y'' == y), then complex pairs.
        return NumericEigen.stableSorted(roots) { a, b in
            let (ra, rb) = (a.im == .integer(0), b.im == .integer(0))
            if ra != rb { return ra }
            return a.value > b.value
        }
    }

    func numeric(_ e: Expr) throws(EvaluationControl) -> Double {
        InterpolatingFunctionObject.real(try ev(.call(Sym.N, e))) ?? 0
    }

    /// y^(n) + Σ c_j y^(j) == g with constant c_j.
    func constantCoefficients(_ c: [Expr], _ g: Expr, _ x: Expr) throws(EvaluationControl) -> Expr? {
        guard let roots = try characteristicRoots(c, x) else { return nil }
        let e = Expr.symbol(Symbol.named("E"))
        var basis: [Expr] = []
        for root in roots {
            let exp: Expr = .call(Sym.Power, e, .call(Sym.Times, root.re, x))
            for k in 0..<root.multiplicity {
                let xk: Expr = .call(Sym.Power, x, .integer(k))
                if root.im == .integer(0) { basis.append(.call(Sym.Times, xk, exp)) }
                else {
                    basis.append(.call(Sym.Times, xk, exp, .call(Symbol.named("Cos"), .call(Sym.Times, root.im, x))))
                    basis.append(.call(Sym.Times, xk, exp, .call(Symbol.named("Sin"), .call(Sym.Times, root.im, x))))
                }
            }
        }
        var terms: [Expr] = basis.enumerated().map { .call(Sym.Times, cc($0.offset + 1), $0.element) }
        if g != .integer(0) {
            guard let particular = try undeterminedCoefficients(c, g, x, roots) else { return nil }
            terms.append(particular)
        }
        return try ev(.call(Sym.Plus, terms))
    }

    /// A particular solution for g a sum of c x^k E^(a x) {1, Cos[b x], Sin[b x]}.
    func undeterminedCoefficients(_ c: [Expr], _ g: Expr, _ x: Expr, _ roots: [CharacteristicRoot]) throws(EvaluationControl) -> Expr? {
        let expanded = try call("Expand", g)
        let terms = expanded.hasHead(Sym.Plus) ? expanded.args : [expanded]
        // Groups by (a, b): the highest power of x and the sum of their terms.
        var groups: [(a: Expr, b: Expr, degree: Int, sum: [Expr])] = []
        for t in terms {
            guard let (a, b, k) = try classify(t, x) else { return nil }
            if let i = groups.firstIndex(where: { $0.a == a && $0.b == b }) {
                groups[i].degree = max(groups[i].degree, k); groups[i].sum.append(t)
            } else { groups.append((a, b, k, [t])) }
        }
        var total: [Expr] = []
        var counter = 0
        for grp in groups {
            try kernel.checkAbort()
            var s = 0
            for r in roots {
                let sameRe = try isZero(.call(Sym.Plus, r.re, .call(Sym.Times, .integer(-1), grp.a)))
                if sameRe, try isZero(.call(Sym.Plus, r.im, .call(Sym.Times, .integer(-1), grp.b))) { s = r.multiplicity }
            }
            let exp: Expr = .call(Sym.Power, .symbol(Symbol.named("E")), .call(Sym.Times, grp.a, x))
            var unknowns: [Expr] = [], trial: [Expr] = []
            let trig: [Expr] = grp.b == .integer(0) ? [.integer(1)]
                : [try call("Cos", .call(Sym.Times, grp.b, x)), try call("Sin", .call(Sym.Times, grp.b, x))]
            for k in 0...grp.degree {
                for t in trig {
                    counter += 1
                    let u = Expr.symbol(Symbol.named("DSolve$u\(counter)"))
                    unknowns.append(u)
                    trial.append(.call(Sym.Times, u, .call(Sym.Power, x, .integer(k + s)), t, exp))
                }
            }
            let yp = try ev(.call(Sym.Plus, trial))
            var lhs: [Expr] = []
            for (j, cj) in c.enumerated() where cj != .integer(0) {
                lhs.append(.call(Sym.Times, cj, try call("D", yp, .list([x, .integer(j)]))))
            }
            let residual = try call("Expand", .call(Sym.Times, .call(Sym.Plus, lhs + [.call(Sym.Times, .integer(-1), .call(Sym.Plus, grp.sum))]),
                                                    .call(Sym.Power, exp, .integer(-1))))
            // Coefficients of the monomials in x, Cos[b x], Sin[b x].
            let keys: [Expr] = [x] + (grp.b == .integer(0) ? [] : [trig[0], trig[1]])
            let form = PolynomialForm(variables: keys, reading: [residual])
            let ring = form.makeRing()
            guard let p = try form.polynomial(residual, in: ring, kernel: kernel) else { return nil }
            var equations: [[Int]: [Expr]] = [:]
            for (coefficient, exponents) in p.terms {
                var factors: [Expr] = [coefficient.expr]
                for (i, ex) in exponents.enumerated() where i >= keys.count && ex != 0 {
                    factors.append(.call(Sym.Power, form.generators[i], .integer(ex)))
                }
                equations[Array(exponents.prefix(keys.count)), default: []].append(.call(Sym.Times, factors))
            }
            let system = Expr.list(equations.values.map { .call(Sym.Equal, .call(Sym.Plus, $0), .integer(0)) })
            let sol = try call("Solve", system, .list(unknowns))
            guard sol.hasHead(Sym.List), sol.argCount == 1 else { return nil }
            var value = try call("ReplaceAll", yp, sol.args[0])
            if SolveBuiltins.contains(value, anyOf: unknowns) {
                for u in unknowns { value = Antiderivative.replace(value, u, .integer(0)) }
            }
            total.append(try call("Simplify", value))
        }
        return try ev(.call(Sym.Plus, total))
    }

    /// (a, b, k) for a term c x^k E^(a x) Cos[b x] (or Sin, or neither: b = 0).
    func classify(_ t: Expr, _ x: Expr) throws(EvaluationControl) -> (Expr, Expr, Int)? {
        var a: Expr = .integer(0), b: Expr = .integer(0), k = 0, trig = false
        for f in t.hasHead(Sym.Times) ? t.args : [t] where depends(f, on: x) {
            if f == x { k += 1; continue }
            if f.hasHead(Sym.Power), f.args[0] == x, let n = f.args[1].int, n > 0 { k += n; continue }
            if f.hasHead(Sym.Power), f.args[0] == .symbol(Symbol.named("E")) {
                let slope = try call("D", f.args[1], x)
                guard !depends(slope, on: x) else { return nil }
                a = try ev(.call(Sym.Plus, a, slope)); continue
            }
            if !trig, f.hasHead(Symbol.named("Cos")) || f.hasHead(Symbol.named("Sin")), f.argCount == 1 {
                let slope = try call("D", f.args[0], x)
                guard !depends(slope, on: x), try isZero(.call(Sym.Plus, f.args[0], .call(Sym.Times, .integer(-1), slope, x))) else { return nil }
                b = slope; trig = true; continue
            }
            return nil
        }
        return (a, b, k)
    }

    /// y' == f(x) g(y): ∫ dy/g(y) == ∫ f dx + C[1], solved for y.
    func separable(_ e: Expr, _ d: [Expr], _ x: Expr) throws(EvaluationControl) -> [Expr]? {
        guard d.count == 2 else { return nil }
        let sol = try call("Solve", .call(Sym.Equal, e, .integer(0)), d[1])
        guard sol.hasHead(Sym.List), sol.argCount == 1, sol.args[0].argCount == 1, sol.args[0].args[0].hasHead(Sym.Rule) else { return nil }
        let F = try call("Factor", sol.args[0].args[0].args[1])
        let Y = d[0]
        var fx: [Expr] = [], gy: [Expr] = []
        for f in F.hasHead(Sym.Times) ? F.args : [F] {
            let (dx, dy) = (depends(f, on: x), depends(f, on: Y))
            if dx && dy { return nil }
            if dy { gy.append(f) } else { fx.append(f) }
        }
        guard !gy.isEmpty else { return nil }
        guard let G = try integral(.call(Sym.Power, .call(Sym.Times, gy), .integer(-1)), Y),
              let H = try integral(.call(Sym.Times, fx.isEmpty ? [.integer(1)] : fx), x) else { return nil }
        // Only rational functions of y are inverted (Solve would not invert logarithms).
        guard rationalIn(G, Y) else { return nil }
        let inverted = try call("Solve", .call(Sym.Equal, G, .call(Sym.Plus, H, cc(1))), Y)
        guard inverted.hasHead(Sym.List), inverted.argCount > 0 else { return nil }
        var out: [Expr] = []
        for r in inverted.args {
            guard r.hasHead(Sym.List), r.argCount == 1, r.args[0].hasHead(Sym.Rule) else { return nil }
            out.append(r.args[0].args[1])
        }
        return out
    }

    func rationalIn(_ e: Expr, _ y: Expr) -> Bool {
        if e == y || !depends(e, on: y) { return true }
        if e.hasHead(Sym.Plus) || e.hasHead(Sym.Times) { return e.args.allSatisfy { rationalIn($0, y) } }
        if e.hasHead(Sym.Power), e.args[1].int != nil { return rationalIn(e.args[0], y) }
        return false
    }
}
