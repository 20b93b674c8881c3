import RampKernel
import RampSyntax

/// Symbolic antiderivatives in one variable, by rules: linearity, the power rule, rational functions
/// through partial fractions (`Apart`), a table of elementary functions of a linear argument,
/// integration by parts for a polynomial times an exponential, trigonometric or hyperbolic function
/// (tabular) or times Log, ArcTan, ArcSin (differentiating them away), u-substitution
/// g'(x) f(g(x)) and, last, expanding products. `integrate` returns nil when no rule applies; its
/// results are not yet checked (`Integration.verified` differentiates them back).
///
/// Every step spends from a budget shared by the whole call and substitutions nest at most
/// `maxDepth` deep, so a hard integrand gives up (unevaluated) instead of searching without end.
struct Antiderivative {
    let kernel: Kernel
    let x: Expr
    let budget: Differentiator.Budget
    var depth = 0

    static let maxDepth = 4
    static let maxPolynomialDegree = 64

    init(kernel: Kernel, variable: Expr, budget: Differentiator.Budget = Differentiator.Budget(4000), depth: Int = 0) {
        self.kernel = kernel
        self.x = variable
        self.budget = budget
        self.depth = depth
    }

    // MARK: Expression helpers

    func ev(_ e: Expr) throws(EvaluationControl) -> Expr { try kernel.eval(e) }
    func times(_ a: Expr...) throws(EvaluationControl) -> Expr { try ev(.call(Sym.Times, a)) }
    func plus(_ a: [Expr]) throws(EvaluationControl) -> Expr {
        a.isEmpty ? .integer(0) : a.count == 1 ? a[0] : try ev(.call(Sym.Plus, a))
    }
    func power(_ a: Expr, _ b: Expr) throws(EvaluationControl) -> Expr { try ev(.call(Sym.Power, a, b)) }
    func call(_ name: String, _ a: Expr...) throws(EvaluationControl) -> Expr { try ev(.call(Symbol.named(name), a)) }
    func depends(_ e: Expr) -> Bool { Self.contains(e, x) }
    func d(_ e: Expr) throws(EvaluationControl) -> Expr { try Differentiator(kernel: kernel, variable: x).d(e) }

    static func contains(_ e: Expr, _ part: Expr) -> Bool {
        if e == part { return true }
        guard case .normal(let n) = e else { return false }
        return contains(n.head, part) || n.args.contains { contains($0, part) }
    }

    /// `e` with every occurrence of `old` replaced by `new` (not evaluated).
    static func replace(_ e: Expr, _ old: Expr, _ new: Expr) -> Expr {
        if e == old { return new }
        guard case .normal(let n) = e else { return e }
        return .call(replace(n.head, old, new), n.args.map { replace($0, old, new) })
    }

    /// The coefficient a of a linear argument a x + b (free of x and not 0), or nil.
    func linearCoefficient(_ u: Expr) throws(EvaluationControl) -> Expr? {
        guard depends(u) else { return nil }
        let a = try d(u)
        return depends(a) || a == .integer(0) ? nil : a
    }

    /// The coefficients {c0, c1, …} of a polynomial in x whose coefficients are free of x, or nil.
    func coefficients(_ p: Expr) throws(EvaluationControl) -> [Expr]? {
        guard isPolynomial(p) else { return nil }
        let list = try call("CoefficientList", p, x)
        guard list.hasHead(Sym.List), !list.args.contains(where: depends) else { return nil }
        return list.args
    }

    /// Structurally a polynomial in x (sums, products and non-negative integer powers).
    func isPolynomial(_ e: Expr) -> Bool {
        guard depends(e) else { return true }
        if e == x { return true }
        guard case .normal(let n) = e, let h = n.head.symbol else { return false }
        if h === Sym.Plus || h === Sym.Times { return n.args.allSatisfy(isPolynomial) }
        if h === Sym.Power, n.args.count == 2, let k = n.args[1].int, k >= 0, k <= Self.maxPolynomialDegree {
            return isPolynomial(n.args[0])
        }
        return false
    }

    /// Structurally a rational function of x alone (x, numbers, sums, products, integer powers).
    func isRationalInX(_ e: Expr) -> Bool {
        if e == x || e.isNumber { return true }
        guard case .normal(let n) = e, let h = n.head.symbol else { return false }
        if h === Sym.Plus || h === Sym.Times { return n.args.allSatisfy(isRationalInX) }
        if h === Sym.Power, n.args.count == 2, let k = n.args[1].int, k >= -Self.maxPolynomialDegree, k <= Self.maxPolynomialDegree {
            return isRationalInX(n.args[0])
        }
        return false
    }

    /// The factors of a product (one factor for anything else).
    static func factors(_ e: Expr) -> [Expr] { e.hasHead(Sym.Times) ? e.args : [e] }

    // MARK: The rules

    /// An antiderivative of `f` (evaluated), or nil when the rules do not find one.
    func integrate(_ f: Expr) throws(EvaluationControl) -> Expr? {
        try kernel.checkAbort()
        budget.remaining -= 1
        if budget.exhausted || depth > Self.maxDepth { return nil }
        if !depends(f) { return try times(f, x) }
        if f == x { return try times(.rational(1, over: 2), power(x, 2)) }
        guard case .normal(let n) = f, let h = n.head.symbol else { return nil }
        if h === Sym.Plus {
            var terms: [Expr] = []
            for t in n.args {
                guard let r = try integrate(t) else { return nil }
                terms.append(r)
            }
            return try plus(terms)
        }
        if h === Sym.Times {
            let constant = n.args.filter { !depends($0) }
            if !constant.isEmpty {
                let rest = n.args.filter(depends)
                guard let r = try integrate(rest.count == 1 ? rest[0] : try ev(.call(Sym.Times, rest))) else { return nil }
                return try ev(.call(Sym.Times, constant + [r]))
            }
        }
        if !isPolynomial(f), isRationalInX(f), let r = try rational(f) { return r }
        if h === Sym.Power, n.args.count == 2, let r = try powerRule(n.args[0], n.args[1]) { return r }
        if n.args.count == 1, let r = try table(h.name, n.args[0]) { return r }
        if let r = try byParts(f) { return r }
        if let r = try substitution(f) { return r }
        if let r = try expanded(f) { return r }
        return nil
    }

    /// `f` expanded, when that changes it into a sum (products of sums, powers of sums).
    func expanded(_ f: Expr) throws(EvaluationControl) -> Expr? {
        guard f.hasHead(Sym.Times) || f.hasHead(Sym.Power) else { return nil }
        guard let e = try PolynomialBuiltins.expand(f, kernel: kernel), e != f, e.hasHead(Sym.Plus),
              leafCount(e) <= 4000 else { return nil }
        return try integrate(e)
    }

    /// Rational functions of x with rational coefficients: partial fractions, then term by term.
    func rational(_ f: Expr) throws(EvaluationControl) -> Expr? {
        guard let parts = try PartialFractions.apart(f, x, kernel: kernel) else { return nil }
        var out: [Expr] = []
        for t in parts.hasHead(Sym.Plus) ? parts.args : [parts] {
            try kernel.checkAbort()
            if isPolynomial(t) {
                guard let r = try integrate(t) else { return nil }
                out.append(r); continue
            }
            // c · numerator · base^-k with base linear or quadratic in x.
            var constant: [Expr] = [], numerator: [Expr] = [], base: Expr? = nil, k = 0
            for factor in Self.factors(t) {
                if !depends(factor) { constant.append(factor); continue }
                if factor.hasHead(Sym.Power), let e = factor.args[1].int, e < 0, e >= -Self.maxPolynomialDegree, base == nil {
                    base = factor.args[0]; k = -e; continue
                }
                numerator.append(factor)
            }
            guard let b = base, let cs = try coefficients(b),
                  let num = try coefficients(try ev(.call(Sym.Times, numerator))) else { return nil }
            let c = try ev(.call(Sym.Times, constant))
            var r: Expr?
            if cs.count == 2, num.count == 1 {
                r = try times(num[0], linearPower(b, cs[1], .integer(-k)))
            } else if cs.count == 3, num.count <= 2 {
                r = try quadratic(num.count == 2 ? num[1] : .integer(0), num[0], cs, k)
            }
            guard let term = r else { return nil }
            out.append(try times(c, term))
        }
        return try plus(out)
    }

    /// ∫ u^n for u = a x + b: Log[u]/a for n = -1, else u^(n+1)/((n+1) a).
    func linearPower(_ u: Expr, _ a: Expr, _ n: Expr) throws(EvaluationControl) -> Expr {
        if n == .integer(-1) { return try times(power(a, -1), call("Log", u)) }
        let n1 = try ev(.call(Sym.Plus, n, .integer(1)))
        return try times(power(u, n1), power(try times(n1, a), -1))
    }

    /// ∫ (A x + B)/q^k for q = c0 + c1 x + c2 x^2 (k ≥ 1): Log and ArcTan (or ArcTanh) after
    /// completing the square, and the reduction formula for k > 1.
    func quadratic(_ A: Expr, _ B: Expr, _ cs: [Expr], _ k: Int) throws(EvaluationControl) -> Expr? {
        guard k >= 1, k <= Self.maxPolynomialDegree else { return nil }
        let (c0, c1, c2) = (cs[0], cs[1], cs[2])
        let q = try plus([c0, try times(c1, x), try times(c2, power(x, 2))])
        let disc = try ev(.call(Sym.Plus, try times(4, c0, c2), try times(-1, power(c1, 2))))  // 4ac - b^2
        if disc == .integer(0) { return nil }
        let linear = try plus([c1, try times(2, c2, x)])  // q'
        // A x + B = (A/(2 c2)) q' + (B - A c1/(2 c2)).
        let alpha = try times(A, power(try times(2, c2), -1))
        let beta = try plus([B, try times(-1, alpha, c1)])
        var terms: [Expr] = []
        if A != .integer(0) {
            terms.append(try times(alpha, k == 1 ? try call("Log", q) : try times(power(q, .integer(1 - k)), .rational(1, over: BigInt(1 - k)))))
        }
        if beta != .integer(0) {
            // J_1 = 2/√D ArcTan[q'/√D]; J_k = q'/((k-1) D q^(k-1)) + 2(2k-3) c2/((k-1) D) J_(k-1).
            var j: Expr
            if let sign = try numericSign(disc), sign < 0 {
                let s = try call("Sqrt", try times(-1, disc))
                j = try times(-2, power(s, -1), call("ArcTanh", try argument(linear, s)))
            } else {
                let s = try call("Sqrt", disc)
                j = try times(2, power(s, -1), call("ArcTan", try argument(linear, s)))
            }
            if k > 1 {
                for m in 2...k {
                    try kernel.checkAbort()
                    let first = try times(linear, power(try times(.integer(m - 1), disc, power(q, .integer(m - 1))), -1))
                    let factor = try times(.integer(2 * (2 * m - 3)), c2, power(try times(.integer(m - 1), disc), -1))
                    j = try plus([first, try times(factor, j)])
                }
            }
            // β · J distributed over J's terms (as the rest of the result is a sum).
            for t in j.hasHead(Sym.Plus) ? j.args : [j] { terms.append(try times(beta, t)) }
        }
        return try plus(terms)
    }

    /// q'/√D: brought together when √D is rational ((1 + x)/2), else (-1 + 2 x)/√3.
    func argument(_ linear: Expr, _ s: Expr) throws(EvaluationControl) -> Expr {
        let r = try times(linear, power(s, -1))
        switch s {
        case .integer, .rational: return try together(r)
        default: return r
        }
    }

    func together(_ e: Expr) throws(EvaluationControl) -> Expr {
        try PolynomialBuiltins.together(e, kernel: kernel) ?? e
    }

    /// The sign of a real numeric quantity, or nil.
    func numericSign(_ e: Expr) throws(EvaluationControl) -> Int? {
        guard try call("NumericQ", e) == .true else { return nil }
        let v = try call("N", e)
        switch v {
        case .integer(let i): return i.signum()
        case .real(let r): return r > 0 ? 1 : r < 0 ? -1 : 0
        default: return nil
        }
    }

    /// Powers: x^n and (a x + b)^n, c^(a x + b), 1/quadratic, 1/Sqrt[c0 + c2 x^2], Sin², Cos², Sec², Csc².
    func powerRule(_ base: Expr, _ n: Expr) throws(EvaluationControl) -> Expr? {
        if !depends(n), let a = try linearCoefficient(base) { return try linearPower(base, a, n) }
        if !depends(base), let a = try linearCoefficient(n) {
            if base == .symbol(Sym.E) { return try times(power(base, n), power(a, -1)) }
            return try times(power(base, n), power(try times(a, call("Log", base)), -1))
        }
        if base == .symbol(Sym.E), let cs = try coefficients(n), cs.count == 3, cs[1] == .integer(0),
           let sign = try numericSign(cs[2]), sign != 0 {
            // E^(c0 + c2 x^2): √π E^c0 Erf[√-c2 x]/(2 √-c2), Erfi for c2 > 0.
            let r = try call("Sqrt", sign < 0 ? try times(-1, cs[2]) : cs[2])
            let erf = try call(sign < 0 ? "Erf" : "Erfi", try times(r, x))
            return try times(.rational(1, over: 2), call("Sqrt", .symbol(Sym.Pi)), power(.symbol(Sym.E), cs[0]), power(r, -1), erf)
        }
        guard !depends(n) else { return nil }
        if let k = n.int, k < 0, k >= -Self.maxPolynomialDegree, let cs = try coefficients(base), cs.count == 3 {
            return try quadratic(.integer(0), .integer(1), cs, -k)
        }
        if n == .rational(-1, over: 2), let cs = try coefficients(base), cs.count == 3, cs[1] == .integer(0),
           let s0 = try numericSign(cs[0]), s0 > 0, let s2 = try numericSign(cs[2]) {
            // ArcSin[√(-c2/c0) x]/√(-c2) or ArcSinh[√(c2/c0) x]/√c2.
            let c2 = s2 < 0 ? try times(-1, cs[2]) : cs[2]
            let arg = try times(call("Sqrt", try times(c2, power(cs[0], -1))), x)
            return try times(power(try call("Sqrt", c2), -1), call(s2 < 0 ? "ArcSin" : "ArcSinh", arg))
        }
        if n == .rational(1, over: 2), let cs = try coefficients(base), cs.count == 3, cs[1] == .integer(0),
           let s0 = try numericSign(cs[0]), s0 > 0, let s2 = try numericSign(cs[2]) {
            // (x √q + c0/√|c2| ArcSin[√(-c2/c0) x])/2, ArcSinh for c2 > 0.
            let c2 = s2 < 0 ? try times(-1, cs[2]) : cs[2]
            let arg = try times(call("Sqrt", try times(c2, power(cs[0], -1))), x)
            let arc = try times(cs[0], power(try call("Sqrt", c2), -1), call(s2 < 0 ? "ArcSin" : "ArcSinh", arg))
            return try times(.rational(1, over: 2), plus([try times(x, power(base, n)), arc]))
        }
        if n == .integer(2), case .normal(let inner) = base, inner.args.count == 1, let h = inner.head.symbol,
           let a = try linearCoefficient(inner.args[0]) {
            let u = inner.args[0]
            let r: Expr
            switch h.name {
            case "Sec": r = try call("Tan", u)
            case "Csc": r = try times(-1, call("Cot", u))
            case "Sech": r = try call("Tanh", u)
            case "Sin", "Cos", "Sinh", "Cosh":
                // Sin² = (1 - Cos[2u])/2, Cosh² = (Cosh[2u] + 1)/2, …
                let hyperbolic = h.name.hasSuffix("h")
                let s = try times(.rational(h.name == "Sin" ? -1 : 1, over: 4), call(hyperbolic ? "Sinh" : "Sin", try times(2, u)))
                return try plus([try times(.rational(h.name == "Sinh" ? -1 : 1, over: 2), x), try times(s, power(a, -1))])
            default: return nil
            }
            return try times(r, power(a, -1))
        }
        return nil
    }

    /// ∫ h[u] for u = a x + b and h an elementary function of the table.
    func table(_ h: String, _ u: Expr) throws(EvaluationControl) -> Expr? {
        guard let a = try linearCoefficient(u) else { return nil }
        let r: Expr
        switch h {
        case "Sin": r = try times(-1, call("Cos", u))
        case "Cos": r = try call("Sin", u)
        case "Tan": r = try times(-1, call("Log", try call("Cos", u)))
        case "Cot": r = try call("Log", try call("Sin", u))
        case "Sec":
            let half = try times(.rational(1, over: 2), u)
            let c = try call("Cos", half), s = try call("Sin", half)
            r = try plus([try times(-1, call("Log", try plus([c, try times(-1, s)]))), try call("Log", try plus([c, s]))])
        case "Csc":
            let half = try times(.rational(1, over: 2), u)
            r = try plus([try times(-1, call("Log", try call("Cos", half))), try call("Log", try call("Sin", half))])
        case "Sinh": r = try call("Cosh", u)
        case "Cosh": r = try call("Sinh", u)
        case "Tanh": r = try call("Log", try call("Cosh", u))
        case "Coth": r = try call("Log", try call("Sinh", u))
        case "Exp": r = try power(.symbol(Sym.E), u)
        default: return nil
        }
        return try times(r, power(a, -1))
    }

    /// Integration by parts: p(x) g(x) with p a polynomial and g = c^u, Sin, Cos, Sinh, Cosh of a
    /// linear u (repeated: Σ (-1)^k p^(k) G_(k+1)); p(x) g(x) with g = Log[u]^m, ArcTan[u], ArcSin[u]
    /// and p a polynomial or x^n (P g - ∫ P g', P = ∫ p).
    func byParts(_ f: Expr) throws(EvaluationControl) -> Expr? {
        let fs = Self.factors(f)
        if fs.count == 2 {
            if let r = try overX(fs[0], fs[1]) { return r }
            if let r = try overX(fs[1], fs[0]) { return r }
            if let r = try exponentialTimesTrig(fs[0], fs[1]) { return r }
            if let r = try exponentialTimesTrig(fs[1], fs[0]) { return r }
        }
        for (i, g) in fs.enumerated() {
            var rest = fs
            rest.remove(at: i)
            let p = rest.isEmpty ? Expr.integer(1) : try ev(.call(Sym.Times, rest))
            if let r = try repeatedParts(p, g) { return r }
            if let r = try partsByDerivative(p, g) { return r }
        }
        return nil
    }

    /// Sin[a x]/x → SinIntegral[a x], E^(a x)/x → ExpIntegralEi[a x].
    func overX(_ p: Expr, _ g: Expr) throws(EvaluationControl) -> Expr? {
        guard p == .call(Sym.Power, x, .integer(-1)) else { return nil }
        let u: Expr, name: String
        if g.hasHead(Sym.Power), g.args[0] == .symbol(Sym.E) { u = g.args[1]; name = "ExpIntegralEi" }
        else if g.hasHead(Symbol.named("Sin")), g.argCount == 1 { u = g.args[0]; name = "SinIntegral" }
        else { return nil }
        guard let a = try linearCoefficient(u), try times(a, x) == u else { return nil }
        return try call(name, u)
    }

    /// c^u Sin[v] and c^u Cos[v] (u, v linear): c^u (α Sin[v] - β Cos[v])/(α² + β²), …
    func exponentialTimesTrig(_ g: Expr, _ t: Expr) throws(EvaluationControl) -> Expr? {
        guard g.hasHead(Sym.Power), !depends(g.args[0]), let a = try linearCoefficient(g.args[1]),
              case .normal(let n) = t, n.args.count == 1, let h = n.head.symbol, h.name == "Sin" || h.name == "Cos",
              let b = try linearCoefficient(n.args[0]) else { return nil }
        let alpha = g.args[0] == .symbol(Sym.E) ? a : try times(a, call("Log", g.args[0]))
        let sin = try call("Sin", n.args[0]), cos = try call("Cos", n.args[0])
        let combination = h.name == "Sin"
            ? try plus([try times(alpha, sin), try times(-1, b, cos)])
            : try plus([try times(alpha, cos), try times(b, sin)])
        let norm = try plus([try power(alpha, 2), try power(b, 2)])
        return try times(g, power(norm, -1), combination)
    }

    func repeatedParts(_ p: Expr, _ g: Expr) throws(EvaluationControl) -> Expr? {
        guard p != .integer(1), let cs = try coefficients(p), cs.count >= 2 else { return nil }
        var exponential = false, argument: Expr
        if g.hasHead(Sym.Power), !depends(g.args[0]) {
            exponential = true; argument = g.args[1]
        } else if case .normal(let n) = g, n.args.count == 1, let h = n.head.symbol,
                  ["Sin", "Cos", "Sinh", "Cosh"].contains(h.name) {
            argument = n.args[0]
        } else { return nil }
        guard try linearCoefficient(argument) != nil else { return nil }
        var terms: [Expr] = [], derivative = p, antiderivative = g, sign = 1
        for _ in 0..<cs.count {
            try kernel.checkAbort()
            guard let next = try integrate(antiderivative) else { return nil }
            antiderivative = next
            terms.append(try times(.integer(sign), derivative, antiderivative))
            derivative = try d(derivative)
            sign = -sign
        }
        let sum = try plus(terms)
        if exponential {
            // g · (Σ …)/g, with the polynomial factor brought together: E^x (-1 + x).
            return try times(g, together(try PolynomialBuiltins.expand(try times(sum, power(g, -1)), kernel: kernel) ?? sum))
        }
        let h = g.headSymbol!.name
        let pair = ["Sin", "Cos"].contains(h) ? ["Cos", "Sin"] : ["Cosh", "Sinh"]
        return try call("Collect", sum, .list([try call(pair[0], argument), try call(pair[1], argument)]))
    }

    func partsByDerivative(_ p: Expr, _ g: Expr) throws(EvaluationControl) -> Expr? {
        var core = g
        if g.hasHead(Sym.Power), let m = g.args[1].int, m >= 1, m <= Self.maxPolynomialDegree { core = g.args[0] }
        guard case .normal(let n) = core, n.args.count == 1, let h = n.head.symbol,
              ["Log", "ArcTan", "ArcSin", "ArcCos", "ArcSinh", "ArcTanh"].contains(h.name), depends(n.args[0]) else { return nil }
        if core != g && h.name != "Log" { return nil }
        // p: a polynomial, or x^n with n free of x and not -1 (1/x Log[x] is a substitution).
        if !isPolynomial(p) {
            guard p.hasHead(Sym.Power), p.args[0] == x, !depends(p.args[1]), p.args[1] != .integer(-1) else { return nil }
        }
        let inner = Antiderivative(kernel: kernel, variable: x, budget: budget, depth: depth + 1)
        guard let P = try inner.integrate(p) else { return nil }
        let integrand = try times(P, d(g))
        let candidates = [integrand, try PolynomialBuiltins.expand(integrand, kernel: kernel) ?? integrand]
        for c in candidates {
            if let rest = try inner.integrate(c) {
                let r = try plus([try times(P, g), try times(-1, rest)])
                return try PolynomialBuiltins.expand(r, kernel: kernel) ?? r
            }
        }
        return nil
    }

    /// Cos[v] for Sin[v] and Sin[v] for Cos[v].
    static func trigPartner(_ e: Expr) -> Expr? {
        guard case .normal(let n) = e, n.args.count == 1, let h = n.head.symbol, h.name == "Sin" || h.name == "Cos" else { return nil }
        return .call(Symbol.named(h.name == "Sin" ? "Cos" : "Sin"), n.args)
    }

    /// `e` with partner^(2m) (m > 0) written as (1 - s^2)^m.
    static func evenPowers(_ e: Expr, of partner: Expr, as s: Expr) -> Expr {
        guard case .normal(let n) = e else { return e }
        if n.head == .symbol(Sym.Power), n.args.count == 2, n.args[0] == partner, let k = n.args[1].int, k > 0, k % 2 == 0 {
            let oneMinus = Expr.call(Sym.Plus, .integer(1), .call(Sym.Times, .integer(-1), .call(Sym.Power, s, .integer(2))))
            return .call(Sym.Power, oneMinus, .integer(k / 2))
        }
        return .call(n.head, n.args.map { evenPowers($0, of: partner, as: s) })
    }

    /// u-substitution: for each non-linear part s of f, f/s' written in terms of s alone is
    /// integrated in a fresh variable t and s put back for t.
    func substitution(_ f: Expr) throws(EvaluationControl) -> Expr? {
        guard depth < Self.maxDepth else { return nil }
        var candidates: [Expr] = []
        func collect(_ e: Expr) {
            guard candidates.count < 12, case .normal(let n) = e, depends(e) else { return }
            if e != f, !candidates.contains(e) { candidates.append(e) }
            for a in n.args { collect(a) }
        }
        collect(f)
        // Sin[v] and Cos[v] bring each other: Sin[x]^3 is -(1 - Cos[x]^2) Cos'[x].
        for c in candidates {
            guard let partner = Self.trigPartner(c), !candidates.contains(partner) else { continue }
            candidates.append(partner)
        }
        let t = Expr.symbol(Symbol.named("Ramp`Private`t\(depth)"))
        // A second pass writes even powers of the partner in s: Sin[x]^2 = 1 - Cos[x]^2.
        for rewrite in [false, true] {
        for s in candidates {
            try kernel.checkAbort()
            let partner = Self.trigPartner(s)
            if rewrite && partner == nil { continue }
            let ds = try d(s)
            if ds == .integer(0) || !depends(ds) { continue }
            var q = try times(f, power(ds, -1))
            if rewrite, let partner { q = try ev(Self.evenPowers(q, of: partner, as: s)) }
            var inT = Self.replace(q, s, t)
            if depends(inT) {
                inT = Self.replace(try together(q), s, t)
                if depends(inT) { continue }
            }
            let inner = Antiderivative(kernel: kernel, variable: t, budget: budget, depth: depth + 1)
            guard let r = try inner.integrate(try ev(inT)) else { continue }
            let back = try ev(Self.replace(r, t, s))
            return rewrite ? try PolynomialBuiltins.expand(back, kernel: kernel) ?? back : back
        }
        }
        return nil
    }
}
