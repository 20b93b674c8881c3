import RampKernel
import RampSyntax

/// Limits the leading term of a series cannot give (`x Log[x]` at 0, `Log[x]/x` at infinity):
/// limits of the parts of sums and products, continuous functions of a part with a finite limit,
/// `Log` and `Exp` at 0 and infinity, and l'Hôpital's rule for the indeterminate forms 0·∞, 0/0,
/// ∞/∞ and ∞ - ∞ (through `Together`). Every result is checked against values of the function
/// near the point; one it does not agree with is not given (the limit stays unevaluated).
extension SeriesBuiltins {
    /// A limit found by parts: a finite number, `Infinity`, `-Infinity`, or nil.
    enum PartLimit: Equatable {
        case finite(Expr), plusInfinity, minusInfinity
    }

    static let maxLimitDepth = 40

    /// The limit of `g` as `t → 0+` (`side` 1), `0-` (-1) or two-sided (0), by parts.
    static func limitByParts(_ g: Expr, _ t: Symbol, side: Int, kernel: Kernel, depth: Int = 0) throws(EvaluationControl) -> PartLimit? {
        guard depth <= maxLimitDepth else { return nil }
        try kernel.checkAbort()
        if !PolynomialStructure.contains(g, .symbol(t)) { return .finite(g) }
        // The series first (quietly: a part without a series is not an error here).
        let saved = kernel.messageHandler
        kernel.messageHandler = { _ in }
        let s = try series(g, t, at: .integer(0), order: 4, kernel: kernel)
        kernel.messageHandler = saved
        if let s, let lead = s.coefficients.first {
            if s.valuation > 0 { return .finite(.integer(0)) }
            if s.valuation == 0 { return .finite(try kernel.eval(.call(Symbol.named("Together"), lead))) }
            guard let sign = try kernel.eval(.call(Symbol.named("Sign"), .call(Sym.N, lead))).int, sign != 0 else { return nil }
            let odd = s.valuation % 2 != 0
            if odd && side == 0 { return nil }
            return sign * (odd && side < 0 ? -1 : 1) > 0 ? .plusInfinity : .minusInfinity
        }
        guard case .normal(let n) = g, let head = n.head.symbol else { return nil }
        let args = Array(n.args)
        switch head {
        case Sym.Times:
            var zeros: [Expr] = [], infinite: [Expr] = [], finite: [Expr] = []
            var sign = 1
            for a in args {
                guard let l = try limitByParts(a, t, side: side, kernel: kernel, depth: depth + 1) else { return nil }
                switch l {
                case .finite(let v) where v == .integer(0): zeros.append(a)
                case .finite(let v): finite.append(v)
                case .plusInfinity: infinite.append(a)
                case .minusInfinity: infinite.append(a); sign = -sign
                }
            }
            let constant = try kernel.eval(.call(Sym.Times, finite))
            if zeros.isEmpty && infinite.isEmpty { return .finite(constant) }
            if infinite.isEmpty { return .finite(.integer(0)) }
            if zeros.isEmpty {
                guard let c = try numericSign(constant, kernel: kernel) else { return nil }
                return sign * c > 0 ? .plusInfinity : .minusInfinity
            }
            // 0·∞ by l'Hôpital, as ∞/(1/0) (`Log[t]/(1/t)`, which differentiates the logarithm
            // away) or else as 0/(1/∞).
            let zero = try kernel.eval(.call(Sym.Times, zeros)), big = try kernel.eval(.call(Sym.Times, infinite))
            for (numerator, denominator) in [(big, zero), (zero, big)] {
                let reciprocal = try kernel.eval(.call(Sym.Power, denominator, -1))
                if let q = try lHopital(numerator, reciprocal, t, side: side, kernel: kernel, depth: depth) {
                    return try scaled(q, by: constant, kernel: kernel)
                }
            }
            return nil
        case Sym.Plus:
            var finite: [Expr] = [], plus = false, minus = false
            for a in args {
                guard let l = try limitByParts(a, t, side: side, kernel: kernel, depth: depth + 1) else { return nil }
                switch l {
                case .finite(let v): finite.append(v)
                case .plusInfinity: plus = true
                case .minusInfinity: minus = true
                }
            }
            if plus && minus {
                // ∞ - ∞: over a common denominator.
                let together = try kernel.eval(.call(Symbol.named("Together"), g))
                guard together != g else { return nil }
                return try limitByParts(together, t, side: side, kernel: kernel, depth: depth + 1)
            }
            if plus { return .plusInfinity }
            if minus { return .minusInfinity }
            return .finite(try kernel.eval(.call(Sym.Plus, finite)))
        case Sym.Power where args.count == 2 && !PolynomialStructure.contains(args[1], .symbol(t)):
            guard let base = try limitByParts(args[0], t, side: side, kernel: kernel, depth: depth + 1) else { return nil }
            let exponentSign = try numericSign(args[1], kernel: kernel)
            switch base {
            case .finite(let v) where v == .integer(0):
                // 0^negative: from above only (a positive base).
                guard let e = exponentSign else { return nil }
                if e > 0 { return .finite(.integer(0)) }
                return nil
            case .finite(let v): return .finite(try kernel.eval(.call(Sym.Power, v, args[1])))
            case .plusInfinity:
                guard let e = exponentSign else { return nil }
                return e > 0 ? .plusInfinity : .finite(.integer(0))
            case .minusInfinity:
                // (-∞)^k for an integer k: ±∞ by its parity, 0 for k < 0.
                guard let k = args[1].int, k != 0 else { return nil }
                if k < 0 { return .finite(.integer(0)) }
                return k % 2 == 0 ? .plusInfinity : .minusInfinity
            }
        case Sym.Power where args.count == 2:
            // f^g: E^(g Log[f]).
            let logarithm = try kernel.eval(.call(Sym.Times, args[1], .call(Symbol.named("Log"), args[0])))
            guard let l = try limitByParts(logarithm, t, side: side, kernel: kernel, depth: depth + 1) else { return nil }
            switch l {
            case .finite(let v): return .finite(try kernel.eval(.call(Sym.Power, .symbol(Sym.E), v)))
            case .plusInfinity: return .plusInfinity
            case .minusInfinity: return .finite(.integer(0))
            }
        case _ where args.count == 1 && head.name == "Log":
            guard let l = try limitByParts(args[0], t, side: side, kernel: kernel, depth: depth + 1) else { return nil }
            switch l {
            case .finite(let v) where v == .integer(0): return .minusInfinity
            case .finite(let v): return .finite(try kernel.eval(.call(head, v)))
            case .plusInfinity: return .plusInfinity
            case .minusInfinity: return nil
            }
        case _ where args.count == 1 && ["ArcTan", "Tanh"].contains(head.name):
            guard let l = try limitByParts(args[0], t, side: side, kernel: kernel, depth: depth + 1) else { return nil }
            switch l {
            case .finite(let v): return .finite(try kernel.eval(.call(head, v)))
            case .plusInfinity: return .finite(head.name == "Tanh" ? .integer(1) : try kernel.eval(.call(Sym.Times, .rational(1, over: 2), .symbol(Sym.Pi))))
            case .minusInfinity: return .finite(head.name == "Tanh" ? .integer(-1) : try kernel.eval(.call(Sym.Times, .rational(-1, over: 2), .symbol(Sym.Pi))))
            }
        case _ where args.count == 1 && kernel.attributes(of: head).contains(.numericFunction):
            // A function continuous at a finite limit of its argument.
            guard let l = try limitByParts(args[0], t, side: side, kernel: kernel, depth: depth + 1), case .finite(let v) = l else { return nil }
            let value = try kernel.eval(.call(head, v))
            return isFinite(value) ? .finite(value) : nil
        default:
            return nil
        }
    }

    /// The limit of numerator/denominator when both tend to 0 or both to ±∞: of the quotient of
    /// their derivatives.
    static func lHopital(_ numerator: Expr, _ denominator: Expr, _ t: Symbol, side: Int, kernel: Kernel, depth: Int) throws(EvaluationControl) -> PartLimit? {
        let d = Symbol.named("D")
        let dn = try kernel.eval(.call(d, numerator, .symbol(t)))
        let dd = try kernel.eval(.call(d, denominator, .symbol(t)))
        guard dd != .integer(0) else { return nil }
        let quotient = try kernel.eval(.call(Symbol.named("Together"), .call(Sym.Times, dn, .call(Sym.Power, dd, -1))))
        return try limitByParts(quotient, t, side: side, kernel: kernel, depth: depth + 1)
    }

    private static func scaled(_ l: PartLimit, by c: Expr, kernel: Kernel) throws(EvaluationControl) -> PartLimit? {
        switch l {
        case .finite(let v): return .finite(try kernel.eval(.call(Sym.Times, c, v)))
        case .plusInfinity, .minusInfinity:
            guard let s = try numericSign(c, kernel: kernel) else { return nil }
            return (l == .plusInfinity) == (s > 0) ? .plusInfinity : .minusInfinity
        }
    }

    private static func numericSign(_ e: Expr, kernel: Kernel) throws(EvaluationControl) -> Int? {
        guard let s = try kernel.eval(.call(Symbol.named("Sign"), .call(Sym.N, e))).int, s != 0 else { return nil }
        return s
    }

    /// Whether values of `g` at t = 1e-8 and 1e-12 on the side taken (both sides when two-sided)
    /// agree with `limit`: a finite limit approached (the error at 1e-12 below 1e-3 relative and not
    /// larger than at 1e-8), an infinite one by values growing in its direction.
    static func agreesNumerically(_ g: Expr, _ t: Symbol, side: Int, _ limit: PartLimit, kernel: Kernel) throws(EvaluationControl) -> Bool {
        func value(at x: Double) throws(EvaluationControl) -> (re: Double, im: Double)? {
            let v = try kernel.eval(.call(Sym.N, .call(Sym.ReplaceAll, g, .call(Sym.Rule, .symbol(t), .real(x)))))
            switch v {
            case .real(let d): return d.isFinite ? (d, 0) : nil
            case .integer(let i): return (Double(i), 0)
            case .complex(let re, let im):
                // Off the real line (a logarithm or root of a negative number on the left side).
                func real(_ e: Expr) -> Double? {
                    if case .real(let d) = e { return d }
                    if case .integer(let i) = e { return Double(i) }
                    return nil
                }
                guard let a = real(re), let b = real(im), a.isFinite, b.isFinite else { return nil }
                return (a, b)
            default: return nil
            }
        }
        for s in side == 0 ? [1.0, -1.0] : [Double(side)] {
            guard let near = try value(at: s * 1e-8), let nearer = try value(at: s * 1e-12) else { return false }
            switch limit {
            // Infinite limits: the real part grows in its direction, the imaginary part stays bounded.
            case .plusInfinity: if !(nearer.re > near.re && nearer.re > 10 && abs(nearer.im) < 10) { return false }
            case .minusInfinity: if !(nearer.re < near.re && nearer.re < -10 && abs(nearer.im) < 10) { return false }
            case .finite(let l):
                let n = try kernel.eval(.call(Sym.N, l))
                let target: Double
                switch n {
                case .real(let d): target = d
                case .integer(let i): target = Double(i)
                default: return false
                }
                let scale = max(1, abs(target))
                func error(_ v: (re: Double, im: Double)) -> Double { ((v.re - target) * (v.re - target) + v.im * v.im).squareRoot() }
                let e1 = error(near), e2 = error(nearer)
                if !(e2 <= 1e-3 * scale && e2 <= e1 + 1e-12 * scale) { return false }
            }
        }
        return true
    }
}
