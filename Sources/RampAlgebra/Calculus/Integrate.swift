import ComplexModule
import RampKernel
import RampSyntax

/// `Integrate`: indefinite integrals by the rules of `Antiderivative`, each result checked by
/// differentiating it back (at sample points, numerically) so that a wrong antiderivative is never
/// returned; definite integrals as F(b) - F(a), accepted only when they agree with a numerical
/// quadrature (so a discontinuous F or a singular integrand leaves them unevaluated) or, for
/// symbolic limits, when integrand and antiderivative are entire functions; multiple integrals
/// iterate, the last variable innermost.
enum Integration {
    static func install(_ k: Kernel) {
        // Options are accepted; results are the generic ones whatever they say (README).
        k.define(BuiltinSpec("Integrate", arguments: .atLeast(2), options: [
            BuiltinSpec.option("Assumptions", .sym("$Assumptions")),
            BuiltinSpec.option("GenerateConditions", .symbol(Sym.Automatic)),
            BuiltinSpec.option("PrincipalValue", .false),
        ], messages: [
            ("ilim", "Invalid integration variable or limit(s) in `1`."),
        ], usage: "Integrate[f, x] gives the indefinite integral ∫f dx.\nIntegrate[f, {x, xmin, xmax}] gives the definite integral.\nIntegrate[f, {x, xmin, xmax}, {y, ymin, ymax}, …] gives the multiple integral, the last variable innermost.") { (call) throws(EvaluationControl) in
            try integrate(call)
        })
        NumericIntegration.install(k)
    }

    enum Spec {
        case indefinite(Expr)
        case definite(Expr, Expr, Expr)
    }

    static func integrate(_ call: BuiltinCall) throws(EvaluationControl) -> Expr? {
        let kernel = call.kernel
        var specs: [Spec] = []
        for s in call.args.dropFirst() {
            guard let spec = try parse(s, kernel) else { call.message("ilim", s); return nil }
            specs.append(spec)
        }
        let f = call.args[0]
        if f.hasHead(Sym.List) {
            return .list(try f.args.map { (e) throws(EvaluationControl) in
                try kernel.eval(.call(call.head, [e] + Array(call.args.dropFirst())))
            })
        }
        // Quietly: a rule that meets 1/0 or an overflow while trying is just a rule that fails.
        let saved = kernel.messageHandler
        kernel.messageHandler = { _ in }
        defer { kernel.messageHandler = saved }
        var r = f
        let budget = Differentiator.Budget(4000)
        for spec in specs.reversed() {
            try kernel.checkAbort()
            switch spec {
            case .indefinite(let x):
                guard let F = try antiderivative(r, x, kernel, budget) else {
                    return specs.count == 1 ? try partly(r, x, call, budget) : nil
                }
                r = F
            case .definite(let x, let a, let b):
                guard let v = try definite(r, x, a, b, kernel, budget) else { return nil }
                r = v
            }
        }
        return r
    }

    /// What Wolfram does with an integral it cannot do: the terms of a sum it can integrate are
    /// integrated (`-Cos[x] + Integrate[f[x], x]`) and factors free of x come out
    /// (`2 Integrate[f[x], x]`); nil when nothing changes.
    static func partly(_ f: Expr, _ x: Expr, _ call: BuiltinCall, _ budget: Differentiator.Budget) throws(EvaluationControl) -> Expr? {
        let kernel = call.kernel
        let engine = Antiderivative(kernel: kernel, variable: x, budget: budget)
        if f.hasHead(Sym.Times) {
            let constant = f.args.filter { !engine.depends($0) }
            guard !constant.isEmpty else { return nil }
            let rest = try kernel.eval(.call(Sym.Times, f.args.filter(engine.depends)))
            return .call(Sym.Times, constant + [.call(call.head, rest, x)])
        }
        guard f.hasHead(Sym.Plus) else { return nil }
        var done: [Expr] = [], undone: [Expr] = []
        for t in f.args {
            try kernel.checkAbort()
            if let F = try antiderivative(t, x, kernel, budget) { done.append(F) } else { undone.append(t) }
        }
        guard !done.isEmpty, !undone.isEmpty else { return nil }
        let rest = undone.count == 1 ? undone[0] : Expr.call(Sym.Plus, undone)
        return .call(Sym.Plus, done + [.call(call.head, rest, x)])
    }

    /// A variable (a symbol or an expression such as x[1] that is not numeric) or {x, a, b}.
    static func parse(_ s: Expr, _ kernel: Kernel) throws(EvaluationControl) -> Spec? {
        func variable(_ v: Expr) throws(EvaluationControl) -> Bool {
            switch v {
            case .symbol: break
            case .normal: if v.hasHead(Sym.List) { return false }
            default: return false
            }
            return try kernel.eval(.call(Symbol.named("NumericQ"), v)) != .true
        }
        if s.hasHead(Sym.List) {
            guard s.argCount == 3, try variable(s.args[0]) else { return nil }
            return .definite(s.args[0], s.args[1], s.args[2])
        }
        return try variable(s) ? .indefinite(s) : nil
    }

    /// A checked antiderivative of f in x, or nil.
    static func antiderivative(_ f: Expr, _ x: Expr, _ kernel: Kernel, _ budget: Differentiator.Budget) throws(EvaluationControl) -> Expr? {
        let engine = Antiderivative(kernel: kernel, variable: x, budget: budget)
        guard let F = try engine.integrate(f), !Antiderivative.contains(F, .symbol(Sym.Integrate)) else { return nil }
        return try verified(F, f, x, kernel) ? F : nil
    }

    /// Whether D[F, x] equals f at sample points (x and the other symbols given random-looking
    /// values; points where either side is not a finite number are skipped; at least three must agree).
    static func verified(_ F: Expr, _ f: Expr, _ x: Expr, _ kernel: Kernel) throws(EvaluationControl) -> Bool {
        let dF = try Differentiator(kernel: kernel, variable: x).d(F)
        if dF == f { return true }
        var parameters: [Expr] = []
        try collectParameters(F, x, kernel, &parameters)
        try collectParameters(f, x, kernel, &parameters)
        // Exact sample points, the difference measured with 30 digits (so that a polynomial with
        // huge coefficients, E^x (-20! + …), is not lost to cancellation in machine numbers).
        let points: [(Int, Int)] = [(3371, 10000), (7123, 10000), (12467, 10000), (18819, 10000), (25531, 10000),
                                    (-6133, 10000), (-14711, 10000), (31717, 10000)]
        var agreed = 0
        for (i, p) in points.enumerated() {
            try kernel.checkAbort()
            var rules: [(Expr, Expr)] = [(x, .rational(BigInt(p.0), over: BigInt(p.1)))]
            for (j, s) in parameters.enumerated() {
                rules.append((s, .rational(BigInt(53 + 41 * ((i + 3 * j) % 5) + 7 * j), over: 100)))
            }
            var l = dF, r = f
            for (old, new) in rules {
                l = Antiderivative.replace(l, old, new)
                r = Antiderivative.replace(r, old, new)
            }
            let abs = Symbol.named("Abs")
            let ratio = Expr.call(Sym.Times, .call(abs, .call(Sym.Plus, l, .call(Sym.Times, .integer(-1), r))),
                                  .call(Sym.Power, .call(Sym.Plus, .integer(1), .call(abs, r)), .integer(-1)))
            let v = try kernel.eval(.call(Sym.N, try kernel.eval(.call(Sym.N, ratio, .integer(30)))))
            guard let c = complex(v), c.imaginary == 0 else { continue }
            if c.real > 1e-12 { return false }
            agreed += 1
        }
        return agreed >= 3
    }

    static func collectParameters(_ e: Expr, _ x: Expr, _ kernel: Kernel, _ out: inout [Expr]) throws(EvaluationControl) {
        switch e {
        case .symbol(let s):
            if e == x || out.contains(e) || kernel.attributes(of: s).contains(.constant) { return }
            if try kernel.eval(.call(Symbol.named("NumericQ"), e)) == .true { return }
            out.append(e)
        case .normal(let n):
            if e == x { return }
            if n.head.symbol == nil { try collectParameters(n.head, x, kernel, &out) }
            for a in n.args { try collectParameters(a, x, kernel, &out) }
        default: return
        }
    }

    /// The machine value of e with the rules applied, or nil when it is not a finite number.
    static func numericValue(_ e: Expr, _ rules: [(Expr, Expr)], _ kernel: Kernel) throws(EvaluationControl) -> Complex? {
        var r = e
        for (old, new) in rules { r = Antiderivative.replace(r, old, new) }
        return complex(try kernel.eval(.call(Sym.N, r)))
    }

    static func complex(_ v: Expr) -> Complex? {
        func real(_ e: Expr) -> Double? {
            switch e {
            case .integer(let i): return Double(i)
            case .real(let d): return d.isFinite ? d : nil
            default: return nil
            }
        }
        if case .complex(let a, let b) = v, let re = real(a), let im = real(b) { return Complex(re, im) }
        return real(v).map { Complex($0, 0) }
    }

    /// ∫ f from a to b: F(b) - F(a) with F checked, when the value agrees with a numerical
    /// quadrature (numeric limits, infinite ones by substituting ±Infinity) or f and F are entire.
    static func definite(_ f: Expr, _ x: Expr, _ a: Expr, _ b: Expr, _ kernel: Kernel, _ budget: Differentiator.Budget) throws(EvaluationControl) -> Expr? {
        if a == b { return .integer(0) }
        guard let F = try antiderivative(f, x, kernel, budget) else { return nil }
        guard let fb = try endpoint(F, x, b, kernel), let fa = try endpoint(F, x, a, kernel) else { return nil }
        if infinite(fa) || infinite(fb) { return nil }
        var value = try kernel.eval(.call(Sym.Plus, fb, .call(Sym.Times, .integer(-1), fa)))
        var parameters: [Expr] = []
        try collectParameters(f, x, kernel, &parameters)
        let lo = try limit(a, kernel), hi = try limit(b, kernel)
        if parameters.isEmpty, let lo, let hi {
            value = try Simplification.simplify(value, kernel: kernel)
            guard let exact = complex(try kernel.eval(.call(Sym.N, value))) else { return nil }
            let g = try NumericIntegration.integrand(f, x, kernel)
            guard let q = try NumericIntegration.quadrature(g, lo, hi, kernel), q.converged else { return nil }
            let dr = exact.real - q.value.real, di = exact.imaginary - q.value.imaginary
            let scale = 1 + (q.value.real * q.value.real + q.value.imaginary * q.value.imaginary).squareRoot()
            return (dr * dr + di * di).squareRoot() <= 1e-6 * scale ? value : nil
        }
        return isEntire(f, x) && isEntire(F, x) ? value : nil
    }

    static func infinite(_ v: Expr) -> Bool {
        [Sym.Indeterminate, Sym.ComplexInfinity, Sym.DirectedInfinity, Sym.Infinity, Symbol.named("Interval")].contains {
            Antiderivative.contains(v, .symbol($0))
        }
    }

    /// F at an end of the range: substituted, or at ±Infinity the limit when every term of F is
    /// free of x or a polynomial times an exponential that decays there (-E^-x (1 + x) → 0).
    static func endpoint(_ F: Expr, _ x: Expr, _ e: Expr, _ kernel: Kernel) throws(EvaluationControl) -> Expr? {
        var substituted = try kernel.eval(Antiderivative.replace(F, x, e))
        guard let v = try limit(e, kernel), v.isInfinite else { return substituted }
        // The limits at ±Infinity Ramp does not evaluate by itself: Erf[±∞] = ±1, E^-∞ = 0.
        for s in [1, -1] {
            let inf = Expr.call(Sym.DirectedInfinity, .integer(s))
            substituted = Antiderivative.replace(substituted, .call(Symbol.named("Erf"), inf), .integer(s))
        }
        substituted = try kernel.eval(Antiderivative.replace(substituted, .call(Sym.Power, .symbol(Sym.E), .call(Sym.DirectedInfinity, .integer(-1))), .integer(0)))
        if !infinite(substituted), try kernel.eval(.call(Symbol.named("NumericQ"), substituted)) == .true { return substituted }
        let engine = Antiderivative(kernel: kernel, variable: x)
        var kept: [Expr] = []
        for term in F.hasHead(Sym.Plus) ? F.args : [F] {
            if !engine.depends(term) { kept.append(term); continue }
            var decays = false
            for factor in Antiderivative.factors(term) where engine.depends(factor) {
                if factor.hasHead(Sym.Power), !engine.depends(factor.args[0]), let a = try engine.linearCoefficient(factor.args[1]),
                   let sa = try engine.numericSign(a), let sb = try engine.numericSign(try kernel.eval(.call(Symbol.named("Log"), factor.args[0]))),
                   sa * sb * (v > 0 ? 1 : -1) < 0 {
                    decays = true
                } else if !engine.isPolynomial(factor) {
                    return nil
                }
            }
            if !decays { return nil }
        }
        return try engine.plus(kept)
    }

    /// A real numeric limit as a Double (±infinity for ±Infinity), or nil.
    static func limit(_ e: Expr, _ kernel: Kernel) throws(EvaluationControl) -> Double? {
        if e == .symbol(Sym.Infinity) { return .infinity }
        let n = try kernel.eval(.call(Sym.N, e))
        if n.hasHead(Sym.DirectedInfinity), n.argCount == 1, let s = n.args[0].int { return s > 0 ? .infinity : s < 0 ? -.infinity : nil }
        switch n {
        case .integer(let i): return Double(i)
        case .real(let d): return d.isFinite ? d : nil
        default: return nil
        }
    }

    /// Built from polynomials, exponentials, Sin, Cos, Sinh, Cosh: an entire function of x.
    static func isEntire(_ e: Expr, _ x: Expr) -> Bool {
        guard Antiderivative.contains(e, x), e != x else { return true }
        guard case .normal(let n) = e, let h = n.head.symbol else { return false }
        if h === Sym.Plus || h === Sym.Times { return n.args.allSatisfy { isEntire($0, x) } }
        if h === Sym.Power, n.args.count == 2 {
            if let k = n.args[1].int, k >= 0 { return isEntire(n.args[0], x) }
            if n.args[0] == .symbol(Sym.E) { return isEntire(n.args[1], x) }
            return false
        }
        if ["Sin", "Cos", "Sinh", "Cosh", "Exp"].contains(h.name), n.args.count == 1 { return isEntire(n.args[0], x) }
        return false
    }
}
