import RampKernel
import RampSyntax

/// A truncated power series in `x - x0`: coefficients of the powers `valuation…` up to (not
/// including) `precision`.
struct PowerSeries {
    var valuation: Int
    var coefficients: [Expr]
    var precision: Int { valuation + coefficients.count }

    /// Leading zero coefficients dropped (raising the valuation).
    func normalized(_ kernel: Kernel) -> PowerSeries {
        var s = self
        while let c = s.coefficients.first, kernel.evaluate(.call(Symbol.named("Together"), c)) == .integer(0) {
            s.coefficients.removeFirst()
            s.valuation += 1
        }
        return s
    }
}

/// `Series`, `SeriesData` (a native object printed as `x - x^3/6 + O[x]^6`, `Normal` gives the
/// polynomial) and `Limit`. A series is built by series arithmetic on sums, products and integer
/// powers, with Taylor coefficients (from `D`) for every other part, so that quotients with poles
/// (`Sin[x]/x`, `1/Sin[x]^2`) give Laurent series.
enum SeriesBuiltins {
    static func install(_ k: Kernel) {
        k.define("Series", attributes: [], arguments: .exactly(2), usage: "Series[f, {x, x0, n}] generates a power series expansion for f about the point x = x0 to order (x - x0)^n.") { call throws(EvaluationControl) in
            let spec = call.args[1]
            guard spec.isList, spec.args.count == 3, case .symbol(let x) = spec.args[0], let n = spec.args[2].int else {
                call.message("sspec", spec); return nil
            }
            // The point must not depend on the variable (Series[f, {x, Sqrt[x], 3}] has no meaning).
            guard n >= 0, n <= 200, !PolynomialStructure.contains(spec.args[1], .symbol(x)) else { call.message("sspec", spec); return nil }
            guard let s = try series(call.args[0], x, at: spec.args[1], order: n, kernel: call.kernel) else { return nil }
            return .native(SeriesObject(variable: x, point: spec.args[1], series: s, order: n + 1, kernel: call.kernel))
        }
        k.setMessage("Series", "sspec", "Series specification `1` is not a list {x, x0, n} with x0 free of x and an integer order n between 0 and 200 (Ramp's limit).")
        k.define("SeriesData", arguments: .exactly(6), usage: "SeriesData[x, x0, {a0, a1, …}, nmin, nmax, den] represents a power series in the variable x about the point x0. The ai are the coefficients in the power series. The powers of (x - x0) that appear are nmin/den, (nmin + 1)/den, …, nmax/den.") { call throws(EvaluationControl) in
            let a = call.args
            guard case .symbol(let x) = a[0], a[2].isList, let nmin = a[3].int, let nmax = a[4].int, a[5] == .integer(1),
                  nmax - nmin >= a[2].args.count else { return nil }
            return .native(SeriesObject(variable: x, point: a[1], series: PowerSeries(valuation: nmin, coefficients: a[2].args), order: nmax, kernel: call.kernel))
        }
        k.define(BuiltinSpec("Limit", arguments: .exactly(2), options: [BuiltinSpec.option("Direction", .symbol(Symbol.named("Automatic")))],
                             usage: "Limit[f, x -> x0] finds the limiting value of f as x approaches x0.") { call throws(EvaluationControl) in
            try limit(call)
        })
    }

    /// The series of `f` in `x` about `x0` to order `n` (terms below `(x - x0)^(n+1)`), or nil when
    /// some part has no Taylor series there (`Log[x]` at 0).
    static func series(_ f: Expr, _ x: Symbol, at x0: Expr, order n: Int, kernel: Kernel) throws(EvaluationControl) -> PowerSeries? {
        // Work in t = x - x0 about 0: f(x0 + t).
        let t = Symbol.named("Ramp`Private`seriesVariable")
        let shifted = x0 == .integer(0) ? f : kernel.evaluate(.call(Symbol.named("ReplaceAll"), f, .call(Sym.Rule, .symbol(x), .call(Sym.Plus, x0, .symbol(t)))))
        let variable = x0 == .integer(0) ? x : t
        var extra = 2
        for _ in 0..<4 {
            guard let s = try build(shifted, variable, terms: n + 1 + extra, kernel: kernel)?.normalized(kernel) else { return nil }
            if s.precision >= n + 1 || s.coefficients.isEmpty && s.valuation >= n + 1 {
                let kept = max(0, n + 1 - s.valuation)
                return PowerSeries(valuation: s.valuation, coefficients: Array(s.coefficients.prefix(kept))).normalizedWithin(kernel)
            }
            extra += n + 1 - s.precision + 2
        }
        return nil
    }

    /// The series of `f` about 0 with `terms` coefficients for each Taylor part.
    static func build(_ f: Expr, _ x: Symbol, terms: Int, kernel: Kernel) throws(EvaluationControl) -> PowerSeries? {
        try kernel.checkAbort()
        let xe = Expr.symbol(x)
        if !PolynomialStructure.contains(f, xe) { return PowerSeries(valuation: 0, coefficients: [f] + Array(repeating: .integer(0), count: terms - 1)) }
        if f == xe { return PowerSeries(valuation: 1, coefficients: [.integer(1)] + Array(repeating: .integer(0), count: terms - 1)) }
        if case .normal(let n) = f, case .symbol(let h) = n.head {
            if h === Sym.Plus {
                var sum: PowerSeries? = nil
                for a in n.args {
                    guard let s = try build(a, x, terms: terms, kernel: kernel) else { return nil }
                    sum = sum.map { add($0, s, kernel) } ?? s
                }
                return sum
            }
            if h === Sym.Times {
                var product: PowerSeries? = nil
                for a in n.args {
                    guard let s = try build(a, x, terms: terms, kernel: kernel)?.normalized(kernel) else { return nil }
                    product = product.map { multiply($0, s, kernel) } ?? s
                }
                return product
            }
            if h === Sym.Power, n.args.count == 2, let k = n.args[1].int, k != Int.min, abs(k) <= 1000 {
                guard var base = try build(n.args[0], x, terms: terms, kernel: kernel)?.normalized(kernel) else { return nil }
                if k < 0 {
                    guard let inv = inverse(base, kernel) else { return nil }
                    base = inv
                }
                var result = PowerSeries(valuation: 0, coefficients: [.integer(1)] + Array(repeating: .integer(0), count: base.coefficients.count - 1))
                for _ in 0..<abs(k) { result = multiply(result, base, kernel) }
                return result
            }
        }
        // Taylor coefficients f^(k)(0)/k!, each finite.
        var coefficients: [Expr] = []
        var derivative = f
        let zero = Expr.call(Sym.Rule, xe, .integer(0))
        for k in 0..<terms {
            if k > 0 { derivative = kernel.evaluate(.call(Symbol.named("D"), derivative, xe)) }
            let saved = kernel.messageHandler
            kernel.messageHandler = { _ in }
            let value = kernel.evaluate(.call(Symbol.named("ReplaceAll"), derivative, zero))
            kernel.messageHandler = saved
            guard isFinite(value) else { return nil }
            coefficients.append(kernel.evaluate(.call(Sym.Times, value, .call(Sym.Power, .call(Symbol.named("Factorial"), .integer(k)), .integer(-1)))))
            try kernel.checkAbort()
        }
        return PowerSeries(valuation: 0, coefficients: coefficients)
    }

    static func isFinite(_ e: Expr) -> Bool {
        let bad: Set<String> = ["Indeterminate", "ComplexInfinity", "DirectedInfinity", "Infinity"]
        func walk(_ x: Expr) -> Bool {
            if case .symbol(let s) = x { return !bad.contains(s.name) }
            guard case .normal(let n) = x else { return true }
            if case .symbol(let h) = n.head, bad.contains(h.name) { return false }
            return walk(n.head) && n.args.allSatisfy(walk)
        }
        return walk(e)
    }

    static func add(_ a: PowerSeries, _ b: PowerSeries, _ kernel: Kernel) -> PowerSeries {
        let v = min(a.valuation, b.valuation), p = min(a.precision, b.precision)
        var c: [Expr] = []
        for e in v..<max(p, v) {
            let x = e >= a.valuation && e < a.precision ? a.coefficients[e - a.valuation] : .integer(0)
            let y = e >= b.valuation && e < b.precision ? b.coefficients[e - b.valuation] : .integer(0)
            c.append(kernel.evaluate(.call(Sym.Plus, x, y)))
        }
        return PowerSeries(valuation: v, coefficients: c)
    }

    static func multiply(_ a: PowerSeries, _ b: PowerSeries, _ kernel: Kernel) -> PowerSeries {
        let m = min(a.coefficients.count, b.coefficients.count)
        var c: [Expr] = []
        for i in 0..<m {
            var terms: [Expr] = []
            for j in 0...i { terms.append(.call(Sym.Times, a.coefficients[j], b.coefficients[i - j])) }
            c.append(kernel.evaluate(.call(Symbol.named("Together"), .call(Sym.Plus, terms))))
        }
        return PowerSeries(valuation: a.valuation + b.valuation, coefficients: c)
    }

    /// 1/a for a normalized series with a non-zero leading coefficient.
    static func inverse(_ a: PowerSeries, _ kernel: Kernel) -> PowerSeries? {
        guard let a0 = a.coefficients.first else { return nil }
        let inv0 = kernel.evaluate(.call(Sym.Power, a0, .integer(-1)))
        var c: [Expr] = [inv0]
        for i in 1..<a.coefficients.count {
            var terms: [Expr] = []
            for j in 1...i { terms.append(.call(Sym.Times, a.coefficients[j], c[i - j])) }
            c.append(kernel.evaluate(.call(Symbol.named("Together"), .call(Sym.Times, .integer(-1), inv0, .call(Sym.Plus, terms)))))
        }
        return PowerSeries(valuation: -a.valuation, coefficients: c)
    }

    // MARK: Limit

    static func limit(_ call: BuiltinCall) throws(EvaluationControl) -> Expr? {
        let kernel = call.kernel
        guard case .normal(let rule) = call.args[1], rule.head == .symbol(Sym.Rule), rule.args.count == 2,
              case .symbol(let x) = rule.args[0] else { return nil }
        let f = call.args[0], point = rule.args[1]
        let infinity = kernel.evaluate(.symbol(Symbol.named("Infinity")))
        let minusInfinity = kernel.evaluate(.call(Sym.Times, .integer(-1), .symbol(Symbol.named("Infinity"))))
        // From above (-1, "FromAbove") or below (1, "FromBelow"); two-sided otherwise.
        var side = 0
        switch call.option("Direction") {
        case .integer(-1)?, .string("FromAbove")?: side = 1
        case .integer(1)?, .string("FromBelow")?: side = -1
        default: break
        }
        // f^g with g depending on x: Exp of the limit of g Log[f] (the limit (1 + 1/x)^x is E).
        if case .normal(let p) = f, p.head == .symbol(Sym.Power), p.args.count == 2, PolynomialStructure.contains(p.args[1], .symbol(x)) {
            let logarithm: Expr = .call(Sym.Times, p.args[1], .call(Symbol.named("Log"), p.args[0]))
            let inner = kernel.evaluate(.call(Symbol.named("Limit"), [logarithm, call.args[1]] + call.args.dropFirst(2)))
            if case .normal(let l) = inner, l.head == .symbol(Symbol.named("Limit")) { return nil }
            return kernel.evaluate(.call(Sym.Power, .symbol(Symbol.named("E")), inner))
        }
        var g = f, at = point
        if point == infinity || point == minusInfinity {
            // x → ±∞ as t → 0+ with x = ±1/t.
            let t = Symbol.named("Ramp`Private`limitVariable")
            let sign: Expr = point == infinity ? .integer(1) : .integer(-1)
            g = kernel.evaluate(.call(Symbol.named("ReplaceAll"), f, .call(Sym.Rule, .symbol(x), .call(Sym.Times, sign, .call(Sym.Power, .symbol(t), .integer(-1))))))
            return try limitAtZero(call, g, t, side: 1, infinity: infinity)
        }
        // Direct substitution when it is finite and the function is continuous there (no series needed).
        let saved = kernel.messageHandler
        kernel.messageHandler = { _ in }
        let direct = kernel.evaluate(.call(Symbol.named("ReplaceAll"), f, .call(Sym.Rule, .symbol(x), point)))
        kernel.messageHandler = saved
        if isFinite(direct), side == 0 || PolynomialStructure.isPolynomial(f, in: [.symbol(x)]) { return direct }
        let t = Symbol.named("Ramp`Private`limitVariable")
        g = kernel.evaluate(.call(Symbol.named("ReplaceAll"), f, .call(Sym.Rule, .symbol(x), .call(Sym.Plus, at, .symbol(t)))))
        at = .integer(0)
        return try limitAtZero(call, g, t, side: side, infinity: infinity)
    }

    /// The limit of `g` as `t → 0` (from above when `side` is 1, below when -1, both when 0), from
    /// the leading term of its series.
    static func limitAtZero(_ call: BuiltinCall, _ g: Expr, _ t: Symbol, side: Int, infinity: Expr) throws(EvaluationControl) -> Expr? {
        let kernel = call.kernel
        guard let s = try series(g, t, at: .integer(0), order: 6, kernel: kernel), let lead = s.coefficients.first else {
            // No series (Log[t] at 0): by parts and l'Hôpital, checked numerically.
            guard let l = try limitByParts(g, t, side: side, kernel: kernel),
                  try agreesNumerically(g, t, side: side, l, kernel: kernel) else { return nil }
            switch l {
            case .finite(let v): return v
            case .plusInfinity: return infinity
            case .minusInfinity: return try kernel.eval(.call(Sym.Times, .integer(-1), infinity))
            }
        }
        if s.valuation > 0 { return .integer(0) }
        if s.valuation == 0 { return kernel.evaluate(.call(Symbol.named("Together"), lead)) }
        // A pole: the sign of the leading coefficient and of t^valuation on the side taken.
        guard let sign = kernel.evaluate(.call(Symbol.named("Sign"), .call(Symbol.named("N"), lead))).int else { return nil }
        let odd = s.valuation % 2 != 0
        if side == 0 && odd { return .symbol(Symbol.named("Indeterminate")) }
        let direction = sign * (odd && side < 0 ? -1 : 1)
        return direction > 0 ? infinity : kernel.evaluate(.call(Sym.Times, .integer(-1), infinity))
    }
}

extension PowerSeries {
    /// Trailing precision kept; leading zeros dropped.
    func normalizedWithin(_ kernel: Kernel) -> PowerSeries { normalized(kernel) }
}

/// A `SeriesData` object: prints as `x - x^3/6 + x^5/120 + O[x]^6`, `InputForm` as
/// `SeriesData[x, 0, {1, 0, -1/6, 0, 1/120}, 1, 6, 1]`, `Normal` gives the polynomial.
final class SeriesObject: NativeObject, NormalConvertible, @unchecked Sendable {
    let variable: Symbol
    let point: Expr
    let series: PowerSeries
    let order: Int
    let normalForm: Expr
    let displayForm: Expr

    init(variable: Symbol, point: Expr, series: PowerSeries, order: Int, kernel: Kernel) {
        self.variable = variable
        self.point = point
        self.series = series
        self.order = order
        let base: Expr = point == .integer(0) ? .symbol(variable) : kernel.evaluate(.call(Sym.Plus, .symbol(variable), .call(Sym.Times, .integer(-1), point)))
        var terms: [Expr] = []
        for (i, c) in series.coefficients.enumerated() where c != .integer(0) {
            terms.append(kernel.evaluate(.call(Sym.Times, c, .call(Sym.Power, base, .integer(series.valuation + i)))))
        }
        normalForm = kernel.evaluate(terms.isEmpty ? .integer(0) : .call(Sym.Plus, terms))
        // Ascending powers, then O[x]^order (the sum is left unevaluated so that the order stays).
        let big: Expr = .call(Sym.Power, .call(Symbol.named("O"), base), .integer(order))
        displayForm = .call(Sym.Plus, terms + [big])
    }

    var head: Symbol { Symbol.named("SeriesData") }
    /// Trailing zero coefficients are not written (Wolfram's `SeriesData[x, 0, {1, 0, -1/2}, 0, 4, 1]`).
    var inputForm: Expr {
        var coefficients = series.coefficients
        while coefficients.last == .integer(0) { coefficients.removeLast() }
        return .call(Symbol.named("SeriesData"), .symbol(variable), point, .list(coefficients), .integer(series.valuation), .integer(order), .integer(1))
    }
    var summary: String { displayForm.formatted(.outputForm) }
    func isSame(as other: any NativeObject) -> Bool {
        guard let o = other as? SeriesObject else { return false }
        return o.variable === variable && o.point == point && o.order == order && o.series.valuation == series.valuation && o.series.coefficients == series.coefficients
    }
    func hash(into hasher: inout Hasher) {
        hasher.combine(variable.name)
        hasher.combine(order)
        hasher.combine(series.coefficients)
    }
}
