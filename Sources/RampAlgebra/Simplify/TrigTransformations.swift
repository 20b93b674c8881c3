import RampKernel
import RampSyntax

/// Rewriting trigonometric and exponential forms: `TrigToExp`, `ExpToTrig`, `TrigExpand`,
/// `TrigReduce`. Each threads over lists, equations and logical connectives (as Wolfram's do) and
/// rewrites bottom-up.
///
/// - TrigToExp writes circular and hyperbolic functions and their inverses with `E^…` and `Log`.
/// - ExpToTrig writes `E^(r + I s)` as `(Cosh[r] + Sinh[r]) (Cos[s] + I Sin[s])` and keeps the
///   expanded form when it is smaller (so `(E^(I x) + E^(-I x))/2` is `Cos[x]`).
/// - TrigExpand splits sums (`Sin[a + b]`) and integer multiples (`Cos[3 x]`, by de Moivre) in the
///   arguments and expands the result.
/// - TrigReduce goes through exponentials: TrigToExp, Expand, ExpToTrig, Expand, Together, so
///   `Sin[a]^2` is `(1 - Cos[2 a])/2` and `Sin[a] Sin[b]` is `(Cos[a - b] - Cos[a + b])/2`.
enum TrigTransformations {
    static func install(_ k: Kernel) {
        k.define("TrigToExp", arguments: .exactly(1), usage: "TrigToExp[expr] converts trigonometric functions in expr to exponentials.") { call throws(EvaluationControl) in
            try threaded(call.args[0]) { e throws(EvaluationControl) in try trigToExp(e, kernel: call.kernel) }
        }
        k.define("ExpToTrig", arguments: .exactly(1), usage: "ExpToTrig[expr] converts exponentials in expr to trigonometric functions.") { call throws(EvaluationControl) in
            try threaded(call.args[0]) { e throws(EvaluationControl) in try expToTrig(e, kernel: call.kernel) }
        }
        k.define("TrigExpand", arguments: .exactly(1), usage: "TrigExpand[expr] expands out trigonometric functions in expr.") { call throws(EvaluationControl) in
            try threaded(call.args[0]) { e throws(EvaluationControl) in try trigExpand(e, kernel: call.kernel) }
        }
        k.define("TrigReduce", arguments: .exactly(1), usage: "TrigReduce[expr] rewrites products and powers of trigonometric functions in expr in terms of trigonometric functions with combined arguments.") { call throws(EvaluationControl) in
            try threaded(call.args[0]) { e throws(EvaluationControl) in try trigReduce(e, kernel: call.kernel) }
        }
    }

    /// Applies `f` to `e`, or to each side and element of lists, equations, inequalities and
    /// logical connectives.
    static func threaded(_ e: Expr, _ f: (Expr) throws(EvaluationControl) -> Expr) throws(EvaluationControl) -> Expr {
        let threading: Set<String> = ["List", "Equal", "Unequal", "Less", "LessEqual", "Greater", "GreaterEqual", "And", "Or", "Not", "Rule"]
        if case .normal(let n) = e, let h = n.head.symbol, threading.contains(h.name) {
            var out: [Expr] = []
            for a in n.args { out.append(try threaded(a, f)) }
            return .call(n.head, out)
        }
        return try f(e)
    }

    static let imaginaryUnit = Expr.complex(.integer(0), .integer(1))
    static let euler = Expr.symbol(Sym.E)

    /// Rebuilds `e` bottom-up, applying `rule` to each rebuilt normal expression (nil: keep it).
    static func rewrite(_ e: Expr, kernel: Kernel, _ rule: (Normal) throws(EvaluationControl) -> Expr?) throws(EvaluationControl) -> Expr {
        guard case .normal(let n) = e else { return e }
        try kernel.checkAbort()
        var args: [Expr] = []
        var changed = false
        for a in n.args {
            let r = try rewrite(a, kernel: kernel, rule)
            if r != a { changed = true }
            args.append(r)
        }
        let rebuilt = changed ? try kernel.eval(.call(n.head, args)) : e
        guard case .normal(let m) = rebuilt, let r = try rule(m) else { return rebuilt }
        return try kernel.eval(r)
    }

    // MARK: TrigToExp

    static func trigToExp(_ e: Expr, kernel: Kernel) throws(EvaluationControl) -> Expr {
        try rewrite(e, kernel: kernel) { n throws(EvaluationControl) in
            guard n.args.count == 1, let name = n.head.symbol?.name else { return nil }
            let z = n.args[0]
            func exp(_ x: Expr) throws(EvaluationControl) -> Expr {
                .call(Sym.Power, euler, try PolynomialBuiltins.expand(try kernel.eval(x), kernel: kernel) ?? x)
            }
            func times(_ xs: Expr...) -> Expr { .call(Sym.Times, xs) }
            func plus(_ xs: Expr...) -> Expr { .call(Sym.Plus, xs) }
            func over(_ a: Expr, _ b: Expr) -> Expr { times(a, .call(Sym.Power, b, .integer(-1))) }
            let i = imaginaryUnit, half = Expr.rational(1, over: 2), minusHalf = Expr.rational(-1, over: 2)
            let iz = times(i, z), minusIZ = times(.integer(-1), i, z)
            switch name {
            case "Sin": return plus(times(half, i, try exp(minusIZ)), times(minusHalf, i, try exp(iz)))
            case "Cos": return plus(times(half, try exp(minusIZ)), times(half, try exp(iz)))
            case "Tan": return over(times(i, plus(try exp(minusIZ), times(-1, try exp(iz)))), plus(try exp(minusIZ), try exp(iz)))
            case "Cot": return over(times(-1, i, plus(try exp(minusIZ), try exp(iz))), plus(try exp(minusIZ), times(-1, try exp(iz))))
            case "Sec": return over(2, plus(try exp(minusIZ), try exp(iz)))
            case "Csc": return over(times(-2, i), plus(try exp(minusIZ), times(-1, try exp(iz))))
            case "Sinh": return plus(times(minusHalf, try exp(times(-1, z))), times(half, try exp(z)))
            case "Cosh": return plus(times(half, try exp(times(-1, z))), times(half, try exp(z)))
            case "Tanh": return over(plus(times(-1, try exp(times(-1, z))), try exp(z)), plus(try exp(times(-1, z)), try exp(z)))
            case "Coth": return over(plus(try exp(times(-1, z)), try exp(z)), plus(times(-1, try exp(times(-1, z))), try exp(z)))
            case "Sech": return over(2, plus(try exp(times(-1, z)), try exp(z)))
            case "Csch": return over(2, plus(times(-1, try exp(times(-1, z))), try exp(z)))
            case "ArcSin": return times(-1, i, .call(Symbol.named("Log"), plus(iz, .call(Sym.Power, plus(1, times(-1, .call(Sym.Power, z, 2))), half))))
            case "ArcCos": return plus(times(half, .symbol(Sym.Pi)), times(i, .call(Symbol.named("Log"), plus(iz, .call(Sym.Power, plus(1, times(-1, .call(Sym.Power, z, 2))), half)))))
            case "ArcTan": return plus(times(half, i, .call(Symbol.named("Log"), plus(1, times(-1, iz)))), times(minusHalf, i, .call(Symbol.named("Log"), plus(1, iz))))
            case "ArcSinh": return .call(Symbol.named("Log"), plus(z, .call(Sym.Power, plus(1, .call(Sym.Power, z, 2)), half)))
            case "ArcCosh": return .call(Symbol.named("Log"), plus(z, times(.call(Sym.Power, plus(-1, z), half), .call(Sym.Power, plus(1, z), half))))
            case "ArcTanh": return plus(times(minusHalf, .call(Symbol.named("Log"), plus(1, times(-1, z)))), times(half, .call(Symbol.named("Log"), plus(1, z))))
            default: return nil
            }
        }
    }

    // MARK: ExpToTrig

    static func expToTrig(_ x: Expr, kernel: Kernel) throws(EvaluationControl) -> Expr {
        let rewritten = try rewrite(x, kernel: kernel) { n throws(EvaluationControl) in
            guard n.head == .symbol(Sym.Power), n.args.count == 2, n.args[0] == euler else { return nil }
            let (real, imaginary) = try split(n.args[1], kernel: kernel)
            var factors: [Expr] = []
            if real != .integer(0) {
                let (r, sign) = try normalized(real, kernel: kernel)
                factors.append(.call(Sym.Plus, .call(Symbol.named("Cosh"), r), .call(Sym.Times, .integer(sign), .call(Symbol.named("Sinh"), r))))
            }
            if imaginary != .integer(0) {
                let (s, sign) = try normalized(imaginary, kernel: kernel)
                factors.append(.call(Sym.Plus, .call(Symbol.named("Cos"), s), .call(Sym.Times, .integer(sign), imaginaryUnit, .call(Symbol.named("Sin"), s))))
            }
            return factors.isEmpty ? .integer(1) : .call(Sym.Times, factors)
        }
        return try smaller(rewritten, try PolynomialBuiltins.expand(rewritten, kernel: kernel))
    }

    /// `p` as `r + I s` with `r` and `s` free of explicit `I` (terms read after expanding).
    static func split(_ p: Expr, kernel: Kernel) throws(EvaluationControl) -> (Expr, Expr) {
        let expanded = try PolynomialBuiltins.expand(p, kernel: kernel) ?? p
        var real: [Expr] = [], imaginary: [Expr] = []
        for term in expanded.headSymbol === Sym.Plus ? expanded.args : [expanded] {
            let overI = try kernel.eval(.call(Sym.Times, .integer(-1), imaginaryUnit, term))
            if !hasImaginaryUnit(overI) { imaginary.append(overI) } else { real.append(term) }
        }
        return (try kernel.eval(.call(Sym.Plus, real)), try kernel.eval(.call(Sym.Plus, imaginary)))
    }

    static func hasImaginaryUnit(_ e: Expr) -> Bool {
        switch e {
        case .complex: return true
        case .normal(let n): return hasImaginaryUnit(n.head) || n.args.contains(where: hasImaginaryUnit)
        default: return false
        }
    }

    /// `u` with its sign made positive as Wolfram writes arguments (the first term of a sum, or
    /// the coefficient of a product, not negative), and the sign taken out (1 or -1).
    static func normalized(_ u: Expr, kernel: Kernel) throws(EvaluationControl) -> (Expr, Int) {
        let first = u.headSymbol === Sym.Plus ? (u.args.first ?? u) : u
        let coefficient = first.headSymbol === Sym.Times ? (first.args.first ?? first) : first
        guard coefficient.isNumber, let sign = try kernel.eval(.call(Symbol.named("Sign"), coefficient)).int, sign < 0 else { return (u, 1) }
        let terms = u.headSymbol === Sym.Plus ? Array(u.args) : [u]
        return (try kernel.eval(.call(Sym.Plus, terms.map { .call(Sym.Times, .integer(-1), $0) })), -1)
    }

    /// The candidate with the smaller LeafCount (the first on a tie).
    static func smaller(_ a: Expr, _ b: Expr?) throws(EvaluationControl) -> Expr {
        guard let b, b != .failed else { return a }
        return leafCount(b) < leafCount(a) ? b : a
    }

    // MARK: TrigExpand

    /// The most terms de Moivre's formula is written out for (`Sin[n x]` with |n| up to this).
    static let maxMultiple = 1000

    static func trigExpand(_ x: Expr, kernel: Kernel) throws(EvaluationControl) -> Expr {
        let rewritten = try rewrite(x, kernel: kernel) { n throws(EvaluationControl) in
            guard n.args.count == 1, let name = n.head.symbol?.name else { return nil }
            return try expanded(name, n.args[0], kernel: kernel)
        }
        return try PolynomialBuiltins.expand(rewritten, kernel: kernel) ?? rewritten
    }

    /// `f[u]` with sums and integer multiples in `u` split, or nil when there is nothing to split.
    static func expanded(_ name: String, _ u: Expr, kernel: Kernel) throws(EvaluationControl) -> Expr? {
        let circular = ["Sin", "Cos", "Tan", "Cot", "Sec", "Csc"].contains(name)
        let hyperbolic = ["Sinh", "Cosh", "Tanh", "Coth", "Sech", "Csch"].contains(name)
        guard circular || hyperbolic else { return nil }
        let (sine, cosine) = circular ? ("Sin", "Cos") : ("Sinh", "Cosh")
        guard let (s, c) = try sineCosine(u, circular: circular, kernel: kernel) else { return nil }
        func over(_ a: Expr, _ b: Expr) -> Expr { .call(Sym.Times, a, .call(Sym.Power, b, .integer(-1))) }
        switch name {
        case sine: return s
        case cosine: return c
        case "Tan", "Tanh": return over(s, c)
        case "Cot", "Coth": return over(c, s)
        case "Sec", "Sech": return over(1, c)
        default: return over(1, s)
        }
    }

    /// Sin and Cos (or Sinh and Cosh) of `u` in terms of its summands' and base's functions, or nil.
    static func sineCosine(_ u: Expr, circular: Bool, kernel: Kernel) throws(EvaluationControl) -> (Expr, Expr)? {
        let sine = Symbol.named(circular ? "Sin" : "Sinh"), cosine = Symbol.named(circular ? "Cos" : "Cosh")
        // sign of the S·S term in the addition formula for the cosine
        let cosineSign: Expr = circular ? -1 : 1
        func basic(_ v: Expr) throws(EvaluationControl) -> (Expr, Expr) {
            if let r = try multiple(v) { return r }
            return (try kernel.eval(.call(sine, v)), try kernel.eval(.call(cosine, v)))
        }
        func multiple(_ v: Expr) throws(EvaluationControl) -> (Expr, Expr)? {
            guard v.headSymbol === Sym.Times, v.args.count >= 2, let k = v.args[0].int, k != 0, k != Int.min, abs(k) <= maxMultiple else { return nil }
            let base = try kernel.eval(.call(Sym.Times, Array(v.args.dropFirst())))
            let (s1, c1) = (Expr.call(sine, base), Expr.call(cosine, base))
            let m = abs(k)
            // de Moivre: (c + i s)^m; for the hyperbolic functions (c + s)^m.
            var sinTerms: [Expr] = [], cosTerms: [Expr] = []
            var binomial = BigInt(1)
            for j in 0...m {
                try kernel.checkAbort()
                if j > 0 { binomial = binomial * BigInt(m - j + 1) / BigInt(j) }
                let sign = circular && (j / 2) % 2 == 1 ? -1 : 1
                let term = Expr.call(Sym.Times, Expr.integer(binomial * BigInt(sign)), .call(Sym.Power, c1, .integer(m - j)), .call(Sym.Power, s1, .integer(j)))
                if j % 2 == 0 { cosTerms.append(term) } else { sinTerms.append(term) }
            }
            let s = try kernel.eval(.call(Sym.Times, .integer(k < 0 ? -1 : 1), .call(Sym.Plus, sinTerms)))
            return (s, try kernel.eval(.call(Sym.Plus, cosTerms)))
        }
        if u.headSymbol === Sym.Plus, u.args.count >= 2 {
            var (s, c) = try basic(u.args[0])
            for term in u.args.dropFirst() {
                let (s2, c2) = try basic(term)
                (s, c) = (.call(Sym.Plus, .call(Sym.Times, s, c2), .call(Sym.Times, c, s2)),
                          .call(Sym.Plus, .call(Sym.Times, c, c2), .call(Sym.Times, cosineSign, s, s2)))
            }
            return (try kernel.eval(s), try kernel.eval(c))
        }
        return try multiple(u)
    }

    /// `e` with Tan, Cot, Sec and Csc written with Sin and Cos (a Simplify candidate).
    static func inSinCos(_ e: Expr, kernel: Kernel) throws(EvaluationControl) -> Expr {
        try rewrite(e, kernel: kernel) { n throws(EvaluationControl) in
            guard n.args.count == 1, let name = n.head.symbol?.name else { return nil }
            let u = n.args[0]
            let sin = Expr.call(Symbol.named("Sin"), u), cos = Expr.call(Symbol.named("Cos"), u)
            func over(_ a: Expr, _ b: Expr) -> Expr { .call(Sym.Times, a, .call(Sym.Power, b, .integer(-1))) }
            switch name {
            case "Tan": return over(sin, cos)
            case "Cot": return over(cos, sin)
            case "Sec": return over(1, cos)
            case "Csc": return over(1, sin)
            default: return nil
            }
        }
    }

    // MARK: TrigReduce

    static func trigReduce(_ x: Expr, kernel: Kernel) throws(EvaluationControl) -> Expr {
        guard hasTrig(x) else { return x }
        let exponential = try trigToExp(x, kernel: kernel)
        let expanded = try PolynomialBuiltins.expand(exponential, kernel: kernel) ?? exponential
        let trig = try expToTrig(expanded, kernel: kernel)
        let again = try PolynomialBuiltins.expand(trig, kernel: kernel) ?? trig
        return try PolynomialBuiltins.together(again, kernel: kernel) ?? again
    }

    static func hasTrig(_ e: Expr) -> Bool {
        let names: Set<String> = ["Sin", "Cos", "Tan", "Cot", "Sec", "Csc", "Sinh", "Cosh", "Tanh", "Coth", "Sech", "Csch"]
        guard case .normal(let n) = e else { return false }
        if let h = n.head.symbol, names.contains(h.name) { return true }
        return n.args.contains(where: hasTrig)
    }
}
