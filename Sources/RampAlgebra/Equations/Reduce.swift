import RampKernel
import RampSyntax

/// `Reduce[expr, x]` for one variable: equations, inequalities and their logical combinations
/// (`And`, `Or`, `Not`, chains like `a < x < b`) of rational functions of `x` with exact
/// coefficients.
///
/// - Only equations (and `Unequal`), and no `Reals`: the complex solutions, `x == r1 || x == r2`.
/// - Otherwise over the reals: the critical points (real roots of every numerator and denominator,
///   exact: rationals, square roots, `Root[f &, k]` beyond degree 2, as Wolfram's Reduce writes them)
///   split the line; each point and each open interval between is tested, and the true pieces are
///   joined into `x < a`, `a <= x < b`, `x == c`, `x > d`, … with `||`, or `True`/`False`.
enum ReduceBuiltins {
    static func install(_ k: Kernel) {
        k.setMessage("Reduce", "nsmet", "This system cannot be solved with the methods available to Reduce.")
        k.define("Reduce", arguments: ArgumentCount(2, 3), usage: "Reduce[expr, vars] reduces the statement expr by solving equations or inequalities for vars and eliminating quantifiers.\nReduce[expr, vars, dom] does the reduction over the domain dom. Common choices of dom are Reals, Integers, and Complexes.") { call throws(EvaluationControl) in
            let vars = call.args[1].isList ? Array(call.args[1].args) : [call.args[1]]
            guard vars.count == 1, SolveBuiltins.isValidVariable(vars[0]) else { return nil }
            var reals = false
            if call.args.count == 3 {
                guard let domain = call.args[2].symbol?.name, domain == "Reals" || domain == "Complexes" else { return nil }
                reals = domain == "Reals"
            }
            let reducer = Reducer(kernel: call.kernel, x: vars[0])
            guard let formula = reducer.atoms(call.args[0]) else { call.message("nsmet"); return nil }
            if formula.isConstant { return call.args[0] }
            reals = reals || formula.hasInequality
            guard let result = try reducer.reduce(formula, reals: reals) else { call.message("nsmet"); return nil }
            return result
        }
    }
}

/// A statement in one variable, read into atomic relations `lhs - rhs ⋚ 0`.
indirect enum Statement {
    case relation(Expr, String)
    case and([Statement]), or([Statement]), not(Statement)
    case constant(Bool)

    var hasInequality: Bool {
        switch self {
        case .relation(_, let op): return op != "Equal" && op != "Unequal"
        case .and(let xs), .or(let xs): return xs.contains { $0.hasInequality }
        case .not(let x): return x.hasInequality
        case .constant: return false
        }
    }

    var isConstant: Bool { if case .constant = self { return true } else { return false } }

    var differences: [Expr] {
        switch self {
        case .relation(let d, _): return [d]
        case .and(let xs), .or(let xs): return xs.flatMap(\.differences)
        case .not(let x): return x.differences
        case .constant: return []
        }
    }
}

struct Reducer {
    let kernel: Kernel
    let x: Expr

    static let relations: Set<String> = ["Equal", "Unequal", "Less", "LessEqual", "Greater", "GreaterEqual"]

    /// `e` as a statement, or nil when it is not one Reduce handles.
    func atoms(_ e: Expr) -> Statement? {
        if e == .symbol(Sym.True) { return .constant(true) }
        if e == .symbol(Sym.False) { return .constant(false) }
        guard case .normal(let n) = e, let h = n.head.symbol else { return nil }
        switch h.name {
        case "And", "Or":
            var parts: [Statement] = []
            for a in n.args { guard let s = atoms(a) else { return nil }; parts.append(s) }
            return h.name == "And" ? .and(parts) : .or(parts)
        case "Not":
            guard n.args.count == 1, let s = atoms(n.args[0]) else { return nil }
            return .not(s)
        case "Inequality":
            // a op1 b op2 c …
            guard n.args.count >= 3, n.args.count % 2 == 1 else { return nil }
            var parts: [Statement] = []
            for i in stride(from: 1, to: n.args.count, by: 2) {
                guard let op = n.args[i].symbol?.name, Self.relations.contains(op) else { return nil }
                parts.append(.relation(.call(Sym.Plus, n.args[i - 1], .call(Sym.Times, -1, n.args[i + 1])), op))
            }
            return .and(parts)
        case _ where Self.relations.contains(h.name):
            guard n.args.count >= 2 else { return nil }
            if h.name == "Unequal", n.args.count > 2 { return nil }
            var parts: [Statement] = []
            for i in 1..<n.args.count {
                parts.append(.relation(.call(Sym.Plus, n.args[i - 1], .call(Sym.Times, -1, n.args[i])), h.name))
            }
            return parts.count == 1 ? parts[0] : .and(parts)
        default: return nil
        }
    }

    /// The solutions as a logical combination of `x == …`, intervals, `True` or `False`.
    func reduce(_ statement: Statement, reals: Bool) throws(EvaluationControl) -> Expr? {
        // Numerator and denominator of every difference, as polynomials in x.
        var critical: [(exact: Expr, value: Double, imaginary: Double)] = []
        var fractions: [(numerator: Expr, denominator: Expr)] = []
        for d in statement.differences {
            let together = try kernel.eval(.call(Symbol.named("Together"), d))
            let numerator = try kernel.eval(.call(Symbol.named("Numerator"), together))
            let denominator = try kernel.eval(.call(Symbol.named("Denominator"), together))
            fractions.append((numerator, denominator))
            for p in [numerator, denominator] {
                guard let roots = try roots(p) else { return nil }
                for r in roots where !critical.contains(where: { $0.exact == r.exact || close($0, r) }) { critical.append(r) }
            }
        }
        if !reals {
            // Equations over the complex numbers: each root that satisfies the statement.
            var out: [Expr] = []
            // Real roots first, ascending, then complex ones by real and imaginary part (the order
            // of Root[f, k]).
            let sorted = critical.sorted { a, b in
                if (a.imaginary == 0) != (b.imaginary == 0) { return a.imaginary == 0 }
                return a.value != b.value ? a.value < b.value : a.imaginary < b.imaginary
            }
            for r in sorted where try holds(statement, at: r.exact, fractions: fractions, criticalRoot: r) {
                out.append(.call(Sym.Equal, x, r.exact))
            }
            if out.isEmpty {
                // No root holds it: true everywhere else (x != c) or nowhere.
                return try holds(statement, at: .real(0.123456789), fractions: fractions, criticalRoot: nil) ? nil : .symbol(Sym.False)
            }
            return out.count == 1 ? out[0] : .call(Symbol.named("Or"), out)
        }
        let points = critical.filter { $0.imaginary == 0 }.sorted { $0.value < $1.value }
        // Pieces of the line in order: (-∞, c1), {c1}, (c1, c2), …, {cm}, (cm, ∞).
        var pieces: [(isPoint: Bool, index: Int, truth: Bool)] = []
        func sample(_ v: Double) -> Expr { .real(v) }
        if points.isEmpty {
            return try holds(statement, at: .real(0), fractions: fractions, criticalRoot: nil) ? .symbol(Sym.True) : .symbol(Sym.False)
        }
        pieces.append((false, -1, try holds(statement, at: sample(points[0].value - 1 - abs(points[0].value)), fractions: fractions, criticalRoot: nil)))
        for (i, p) in points.enumerated() {
            pieces.append((true, i, try holds(statement, at: p.exact, fractions: fractions, criticalRoot: p)))
            let next = i + 1 < points.count ? (p.value + points[i + 1].value) / 2 : p.value + 1 + abs(p.value)
            pieces.append((false, i, try holds(statement, at: sample(next), fractions: fractions, criticalRoot: nil)))
        }
        // Runs of true pieces.
        var out: [Expr] = []
        var i = 0
        while i < pieces.count {
            guard pieces[i].truth else { i += 1; continue }
            var j = i
            while j + 1 < pieces.count, pieces[j + 1].truth { j += 1 }
            out.append(interval(from: pieces[i], to: pieces[j], points.map(\.exact)))
            i = j + 1
        }
        if out.isEmpty { return .symbol(Sym.False) }
        if out.count == 1, out[0] == .symbol(Sym.True) { return out[0] }
        return out.count == 1 ? out[0] : .call(Symbol.named("Or"), out)
    }

    /// The interval covering pieces `a` through `b`.
    private func interval(from a: (isPoint: Bool, index: Int, truth: Bool), to b: (isPoint: Bool, index: Int, truth: Bool), _ points: [Expr]) -> Expr {
        // Lower end: none (the first open piece), strict after a point, closed at a point.
        let lower: (Expr, String)? = a.index < 0 ? nil : (points[a.index], a.isPoint ? "LessEqual" : "Less")
        let upper: (Expr, String)? = (!b.isPoint && b.index == points.count - 1) ? nil
            : (b.isPoint ? (points[b.index], "LessEqual") : (points[b.index + 1], "Less"))
        switch (lower, upper) {
        case (nil, nil): return .symbol(Sym.True)
        case (let l?, nil): return .call(Symbol.named(l.1 == "Less" ? "Greater" : "GreaterEqual"), x, l.0)
        case (nil, let u?): return .call(Symbol.named(u.1), x, u.0)
        case (let l?, let u?):
            if a.isPoint && b.isPoint && a.index == b.index { return .call(Sym.Equal, x, l.0) }
            if l.1 == u.1 { return .call(Symbol.named(l.1), l.0, x, u.0) }
            return .call(Symbol.named("Inequality"), l.0, .sym(l.1), x, .sym(u.1), u.0)
        }
    }

    private func close(_ a: (exact: Expr, value: Double, imaginary: Double), _ b: (exact: Expr, value: Double, imaginary: Double)) -> Bool {
        let scale = max(1, abs(a.value), abs(b.value))
        return abs(a.value - b.value) <= 1e-13 * scale && abs(a.imaginary - b.imaginary) <= 1e-13 * scale
    }

    /// The distinct roots of the polynomial `p` in x (exact, with numeric values), or nil when it
    /// is not a polynomial in x alone with exact coefficients.
    private func roots(_ p: Expr) throws(EvaluationControl) -> [(exact: Expr, value: Double, imaginary: Double)]? {
        if p.isNumber { return [] }
        guard !PolynomialForm.hasInexactCoefficient(p) else { return nil }
        let form = PolynomialForm(variables: [x], reading: [p])
        guard form.generators.count == 1 else { return nil }
        let ring = form.makeRing()
        guard let poly = try form.polynomial(p, in: ring, kernel: kernel), let factors = poly.factored(squarefreeOnly: false) else { return nil }
        var out: [(Expr, Double, Double)] = []
        for (f, _) in factors.factors {
            try kernel.checkAbort()
            let degree = f.degree(in: 0)
            guard degree > 0, let fx = form.expression(f, kernel: kernel) else { continue }
            let exact: [Expr]
            switch degree {
            case 1:
                let c0 = f.coefficient(variable: 0, power: 0).leadingCoefficient.expr
                let c1 = f.coefficient(variable: 0, power: 1).leadingCoefficient.expr
                exact = [try kernel.eval(.call(Sym.Times, -1, c0, .call(Sym.Power, c1, -1)))]
            case 2:
                let c = (0...2).map { f.coefficient(variable: 0, power: $0).leadingCoefficient.expr }
                exact = try SolveBuiltins.quadraticRoots(a: c[2], b: c[1], c: c[0], kernel: kernel)
            default:
                exact = try RootBuiltins.objects(fx, variable: x, degree: degree, kernel: kernel).map { e throws(EvaluationControl) in try kernel.eval(e) }
            }
            for r in exact {
                let v = try kernel.eval(.call(Sym.N, r))
                switch v {
                case .real(let d): out.append((r, d, 0))
                case .integer(let i): out.append((r, Double(i), 0))
                case .complex(let re, let im):
                    guard let a = SolveBuiltins.realValue(re), let b = SolveBuiltins.realValue(im) else { return nil }
                    out.append((r, a, b))
                default: return nil
                }
            }
        }
        return out
    }

    /// Whether the statement holds at `point` (a critical point's exact value, or a sample).
    private func holds(_ s: Statement, at point: Expr, fractions: [(numerator: Expr, denominator: Expr)], criticalRoot: (exact: Expr, value: Double, imaginary: Double)?) throws(EvaluationControl) -> Bool {
        var index = 0
        func sign(_ e: Expr) throws(EvaluationControl) -> Int? {
            // Exactly zero at a root of this polynomial; else the sign of its numeric value.
            if let r = criticalRoot, let rs = try roots(e), rs.contains(where: { $0.exact == r.exact || close($0, r) }) { return 0 }
            let v = try kernel.eval(.call(Sym.N, .call(Sym.ReplaceAll, e, .call(Sym.Rule, x, point))))
            switch v {
            case .real(let d): return d > 0 ? 1 : (d < 0 ? -1 : 0)
            case .integer(let i): return i.signum()
            case .complex(let re, let im):
                guard let a = SolveBuiltins.realValue(re), let b = SolveBuiltins.realValue(im) else { return nil }
                return a == 0 && b == 0 ? 0 : 2  // 2: a non-zero complex value
            default: return nil
            }
        }
        func evaluate(_ s: Statement) throws(EvaluationControl) -> Bool {
            switch s {
            case .constant(let b): return b
            case .not(let inner): return !(try evaluate(inner))
            case .and(let xs):
                var all = true
                for x in xs where !(try evaluate(x)) { all = false }
                return all
            case .or(let xs):
                var any = false
                for x in xs where try evaluate(x) { any = true }
                return any
            case .relation(_, let op):
                let (numerator, denominator) = fractions[index]
                index += 1
                guard let d = try sign(denominator), d != 0 else { return false }  // undefined there
                guard let n = try sign(numerator) else { return false }
                if n == 2 || d == 2 { return op == "Unequal" }
                let value = n * d
                switch op {
                case "Equal": return value == 0
                case "Unequal": return value != 0
                case "Less": return value < 0
                case "LessEqual": return value <= 0
                case "Greater": return value > 0
                default: return value >= 0
                }
            }
        }
        return try evaluate(s)
    }
}
