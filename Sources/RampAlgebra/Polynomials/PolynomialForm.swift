import RampKernel
import RampSyntax

/// Reading expressions as polynomials and writing polynomials back as expressions.
///
/// An expression is a polynomial with rational coefficients in its *generators*: symbols and every
/// part that is not a sum, product, number or integer power (`Sin[x]`, `Sqrt[y]`, `f[x]`). The
/// imaginary unit is a generator too (the evaluator turns `I^2` into `-1` when the result is
/// written back). A negative integer power `b^-n` is the generator `b^-1` to the `n`th power, so
/// `Expand` keeps denominators apart, as Wolfram's does. Inexact numbers are not read (callers
/// that accept them expand by distributing instead).
struct PolynomialForm {
    private(set) var generators: [Expr] = []
    private var index: [Expr: Int] = [:]
    /// Whether negative powers are denominators (rational functions: `Together`, `Factor`) rather
    /// than generators `b^-1` (`Expand`).
    let rational: Bool

    /// The form with the given generators first (in this order), then those found in `exprs`.
    init(variables: [Expr] = [], reading exprs: [Expr], rational: Bool = false) {
        self.rational = rational
        for v in variables { add(v) }
        for e in exprs { collect(e) }
    }

    /// The same generators in Wolfram's canonical order, the least first: the leading term, whose
    /// sign Factor and Together make positive, is the one of highest degree in the first variable
    /// (`Factor[y^2 - x^2]` is `-((x - y) (x + y))`, as Wolfram gives it).
    func sortedCanonically(kernel: Kernel) -> PolynomialForm {
        var sorted = PolynomialForm(reading: [], rational: rational)
        for g in generators.sorted(by: { canonicalOrder($0, $1) < 0 }) { sorted.add(g) }
        return sorted
    }

    private mutating func add(_ g: Expr) {
        if index[g] == nil { index[g] = generators.count; generators.append(g) }
    }

    /// The index of generator `g`, if it is one.
    func variable(_ g: Expr) -> Int? { index[g] }

    /// How `e` decomposes as a polynomial.
    private enum Piece {
        case number(RationalNumber)
        case sum([Expr])
        case product([Expr])
        case power(Expr, Int)
        /// `b^-k` in a rational function: `1/b^k`.
        case inversePower(Expr, Int)
        case generator(Expr)
        case complex(RationalNumber, RationalNumber)
        case inexact
    }

    private func piece(_ e: Expr) -> Piece { Self.piece(e, rational: rational) }

    private static func piece(_ e: Expr, rational: Bool = false) -> Piece {
        switch e {
        case .integer(let i): return .number(RationalNumber(numerator: BigInt(i), denominator: 1))
        case .bigInteger(let b): return .number(RationalNumber(numerator: b, denominator: 1))
        case .rational(let n, let d): return .number(RationalNumber(numerator: n, denominator: d))
        case .real, .bigReal: return .inexact
        case .complex(let re, let im):
            guard case .number(let a) = piece(re, rational: false), case .number(let b) = piece(im, rational: false) else { return .inexact }
            return .complex(a, b)
        case .normal(let n):
            guard case .symbol(let h) = n.head else { return .generator(e) }
            if h === Sym.Plus { return .sum(n.args) }
            if h === Sym.Times { return .product(n.args) }
            if h === Sym.Power, n.args.count == 2, let k = n.args[1].int, !n.args[0].isNumber {
                if k >= 0 { return .power(n.args[0], k) }
                if rational, k != Int.min { return .inversePower(n.args[0], -k) }
                if k < -1, k != Int.min { return .power(.call(Sym.Power, n.args[0], .integer(-1)), -k) }
            }
            return .generator(e)
        default:
            return .generator(e)
        }
    }

    /// The imaginary unit, read as a generator.
    static let imaginaryUnit = Expr.complex(.integer(0), .integer(1))

    /// Whether `e` has an inexact number where it would be read as a coefficient.
    static func hasInexactCoefficient(_ e: Expr) -> Bool {
        switch piece(e) {
        case .inexact: return true
        case .sum(let xs), .product(let xs): return xs.contains(where: hasInexactCoefficient)
        case .power(let b, _), .inversePower(let b, _): return hasInexactCoefficient(b)
        default: return false
        }
    }

    private mutating func collect(_ e: Expr) {
        switch piece(e) {
        case .number, .inexact: break
        case .complex: add(Self.imaginaryUnit)
        case .sum(let xs), .product(let xs): for x in xs { collect(x) }
        case .power(let b, _), .inversePower(let b, _): collect(b)
        case .generator(let g): add(g)
        }
    }

    /// `e` as a polynomial in `ring` (whose variables are this form's generators), or nil when it
    /// has inexact coefficients, a generator this form does not have, or would be too large.
    func polynomial(_ e: Expr, in ring: PolynomialRing, kernel: Kernel) throws(EvaluationControl) -> Polynomial? {
        try kernel.checkAbort()
        switch piece(e) {
        case .number(let q): return Polynomial(ring, constant: q)
        case .inexact, .inversePower: return nil
        case .complex(let a, let b):
            guard let i = index[Self.imaginaryUnit] else { return nil }
            return Polynomial(ring, constant: a) + Polynomial(ring, variable: i).times(Polynomial(ring, constant: b))!
        case .generator(let g):
            guard let i = index[g] else { return nil }
            return Polynomial(ring, variable: i)
        case .sum(let xs):
            var total = Polynomial(ring)
            for x in xs {
                guard let p = try polynomial(x, in: ring, kernel: kernel) else { return nil }
                total = total + p
            }
            return total
        case .product(let xs):
            var product = Polynomial(ring, constant: .one)
            for x in xs {
                guard let p = try polynomial(x, in: ring, kernel: kernel), let next = product.times(p) else { return nil }
                product = next
            }
            return product
        case .power(let b, let k):
            guard let p = try polynomial(b, in: ring, kernel: kernel) else { return nil }
            return p.power(k)
        }
    }

    /// `e` as a quotient of polynomials with no common factor (the denominator non-zero), or nil
    /// when it has inexact coefficients or would be too large. Needs a `rational` form.
    func rationalFunction(_ e: Expr, in ring: PolynomialRing, kernel: Kernel) throws(EvaluationControl) -> (Polynomial, Polynomial)? {
        guard let (n, d) = try fraction(e, in: ring, kernel: kernel) else { return nil }
        if d.isConstant { return (n, d) }
        guard let g = n.gcd(d), let nq = n.exactQuotient(g), let dq = d.exactQuotient(g) else { return nil }
        return (nq, dq)
    }

    private func fraction(_ e: Expr, in ring: PolynomialRing, kernel: Kernel) throws(EvaluationControl) -> (Polynomial, Polynomial)? {
        try kernel.checkAbort()
        let one = Polynomial(ring, constant: .one)
        switch piece(e) {
        case .sum(let xs):
            var (num, den) = (Polynomial(ring), one)
            for x in xs {
                guard let (n, d) = try fraction(x, in: ring, kernel: kernel) else { return nil }
                if d.isConstant && den.isConstant {
                    guard let a = num.times(d), let b = n.times(den), let dd = den.times(d) else { return nil }
                    (num, den) = (a + b, dd)
                    continue
                }
                guard let g = den.gcd(d), let dOverG = d.exactQuotient(g), let denOverG = den.exactQuotient(g),
                      let a = num.times(dOverG), let b = n.times(denOverG), let dd = den.times(dOverG) else { return nil }
                (num, den) = (a + b, dd)
            }
            return (num, den)
        case .product(let xs):
            var (num, den) = (one, one)
            for x in xs {
                guard let (n, d) = try fraction(x, in: ring, kernel: kernel), let a = num.times(n), let b = den.times(d) else { return nil }
                (num, den) = (a, b)
            }
            if den.isZero { return nil }
            return (num, den)
        case .power(let b, let k):
            guard let (n, d) = try fraction(b, in: ring, kernel: kernel), let nk = n.power(k), let dk = d.power(k) else { return nil }
            return (nk, dk)
        case .inversePower(let b, let k):
            guard let (n, d) = try fraction(b, in: ring, kernel: kernel), !n.isZero, let nk = n.power(k), let dk = d.power(k) else { return nil }
            return (dk, nk)
        default:
            guard let p = try polynomial(e, in: ring, kernel: kernel) else { return nil }
            return (p, one)
        }
    }

    /// `p` as an expression, evaluated (so that terms are ordered and `I^2`, `x x^-1` combine).
    /// Nil when it has more terms than Ramp builds at once (`SizeLimit`).
    func expression(_ p: Polynomial, kernel: Kernel) -> Expr? {
        let termCount = p.termCount
        let (size, overflow) = termCount.multipliedReportingOverflow(by: generators.count + 2)
        guard !overflow, size <= SizeLimit.maxExpressions else { return nil }
        var terms: [Expr] = []
        terms.reserveCapacity(termCount)
        for (coefficient, exponents) in p.terms {
            var factors: [Expr] = coefficient.isOne ? [] : [coefficient.expr]
            for (i, e) in exponents.enumerated() where e != 0 {
                factors.append(e == 1 ? generators[i] : .call(Sym.Power, generators[i], .integer(e)))
            }
            terms.append(factors.isEmpty ? .integer(1) : factors.count == 1 ? factors[0] : .call(Sym.Times, factors))
        }
        if terms.isEmpty { return .integer(0) }
        return kernel.evaluate(terms.count == 1 ? terms[0] : .call(Sym.Plus, terms))
    }

    /// A ring with this form's generators as its variables.
    func makeRing() -> PolynomialRing { PolynomialRing(variableCount: generators.count) }
}
