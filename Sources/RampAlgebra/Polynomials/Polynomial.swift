import CFlint
import RampKernel
import RampSyntax

/// The variables of a family of polynomials: a FLINT `fmpq_mpoly` context in lexicographic order
/// (variable 0 is the most significant).
final class PolynomialRing {
    let ctx: UnsafeMutablePointer<fmpq_mpoly_ctx_struct>
    let variableCount: Int

    init(variableCount: Int) {
        self.variableCount = variableCount
        ctx = .allocate(capacity: 1)
        fmpq_mpoly_ctx_init(ctx, max(variableCount, 1), ORD_LEX)
    }

    deinit {
        fmpq_mpoly_ctx_clear(ctx)
        ctx.deallocate()
    }
}

/// A rational number as a numerator and a positive denominator.
struct RationalNumber: Equatable {
    var numerator: BigInt
    var denominator: BigInt

    static let one = RationalNumber(numerator: 1, denominator: 1)

    /// The number as an expression (an integer when the denominator is 1).
    var expr: Expr { denominator == 1 ? .integer(numerator) : .rational(numerator, over: denominator) }
    var isOne: Bool { numerator == 1 && denominator == 1 }
}

/// The most terms a polynomial Ramp builds may have (products and powers are checked before FLINT
/// computes them: FLINT aborts the process when memory runs out).
let maxPolynomialTerms = 1 << 22

/// The highest degree in one variable that `Factor` and the resultants work on: FLINT's factoring
/// cannot be interrupted, and took 3.4 s for x^2000 - 1 and 37 s for x^4000 - 1 on this machine.
let maxFactorDegree = 2000

/// A polynomial with rational coefficients in the variables of its ring (FLINT `fmpq_mpoly`). A value
/// is never mutated once built: every operation returns a new polynomial.
final class Polynomial {
    let ring: PolynomialRing
    let poly: UnsafeMutablePointer<fmpq_mpoly_struct>

    init(_ ring: PolynomialRing) {
        self.ring = ring
        poly = .allocate(capacity: 1)
        fmpq_mpoly_init(poly, ring.ctx)
    }

    deinit {
        fmpq_mpoly_clear(poly, ring.ctx)
        poly.deallocate()
    }

    /// The constant `q`.
    convenience init(_ ring: PolynomialRing, constant q: RationalNumber) {
        self.init(ring)
        withFmpq(q) { fmpq_mpoly_set_fmpq(poly, $0, ring.ctx) }
    }

    /// The variable with index `variable`.
    convenience init(_ ring: PolynomialRing, variable: Int) {
        self.init(ring)
        fmpq_mpoly_gen(poly, variable, ring.ctx)
    }

    /// A polynomial computed into a fresh value by `body`.
    private func computing(_ body: (UnsafeMutablePointer<fmpq_mpoly_struct>) -> Void) -> Polynomial {
        let r = Polynomial(ring)
        body(r.poly)
        return r
    }

    var termCount: Int { fmpq_mpoly_length(poly, ring.ctx) }
    var isZero: Bool { fmpq_mpoly_is_zero(poly, ring.ctx) != 0 }
    var isConstant: Bool { fmpq_mpoly_is_fmpq(poly, ring.ctx) != 0 }

    static func + (a: Polynomial, b: Polynomial) -> Polynomial { a.computing { fmpq_mpoly_add($0, a.poly, b.poly, a.ring.ctx) } }
    static func - (a: Polynomial, b: Polynomial) -> Polynomial { a.computing { fmpq_mpoly_sub($0, a.poly, b.poly, a.ring.ctx) } }
    static prefix func - (a: Polynomial) -> Polynomial { a.computing { fmpq_mpoly_neg($0, a.poly, a.ring.ctx) } }

    /// The product, or nil when it could have more than `maxPolynomialTerms` terms or pass
    /// `SizeLimit` (its coefficients' bits counted too).
    func times(_ b: Polynomial) -> Polynomial? {
        let (count, overflow) = termCount.multipliedReportingOverflow(by: b.termCount)
        guard !overflow, count <= maxPolynomialTerms, exponentsFit(degrees, b.degrees, 1) else { return nil }
        let bits = coefficientBits + b.coefficientBits + bitLength(min(termCount, b.termCount)) + 64
        guard SizeLimit.allows(dimensions: [count, bits / 8 + 1], elementSize: 1) else { return nil }
        return computing { fmpq_mpoly_mul($0, poly, b.poly, ring.ctx) }
    }

    /// Whether `a + n·b` stays below 2^62 in every variable (exponents are read back as `Int`).
    private func exponentsFit(_ a: [Int], _ b: [Int], _ n: Int) -> Bool {
        for (x, y) in zip(a, b) {
            let (ny, o1) = y.multipliedReportingOverflow(by: n)
            let (sum, o2) = x.addingReportingOverflow(ny)
            if o1 || o2 || sum >= 1 << 62 { return false }
        }
        return true
    }

    /// log2 of the largest numerator plus that of the largest denominator, rounded up: the bits a
    /// coefficient of a power grows by per factor (0 when every coefficient is ±1).
    var coefficientBits: Int {
        let c = UnsafeMutablePointer<fmpq>.allocate(capacity: 1)
        fmpq_init(c)
        defer { fmpq_clear(c); c.deallocate() }
        var most = 0
        for i in 0..<termCount {
            fmpq_mpoly_get_term_coeff_fmpq(c, poly, i, ring.ctx)
            most = max(most, Int(fmpz_bits(&c.pointee.num)) - 1 + Int(fmpz_bits(&c.pointee.den)) - 1)
        }
        return most + (most > 0 ? 1 : 0)
    }

    /// The `n`th power, or nil when it could have more than `maxPolynomialTerms` terms.
    func power(_ n: Int) -> Polynomial? {
        guard n >= 0 else { return nil }
        if n == 0 { return Polynomial(ring, constant: .one) }
        let t = termCount
        guard exponentsFit([Int](repeating: 0, count: ring.variableCount), degrees, n) else { return nil }
        // Coefficients of p^n are below (Σ|c|)^n: n·(log2 max|c| + log2 t) bits, plus a word.
        let (growth, o) = n.multipliedReportingOverflow(by: coefficientBits + (t > 1 ? bitLength(t - 1) : 0))
        if o { return nil }
        let bits = growth + 64
        if t <= 1 {
            guard SizeLimit.allows(count: bits, elementSize: 1) else { return nil }
        } else {
            // Terms of p^n: at most C(n + t - 1, t - 1), and at most ∏ (n·deg_v + 1).
            var byDegrees = 1
            for d in degrees where d > 0 {
                let (nd, o1) = n.multipliedReportingOverflow(by: d)
                let (next, o2) = byDegrees.multipliedReportingOverflow(by: nd + 1)
                if o1 || o2 { byDegrees = Int.max; break }
                byDegrees = next
            }
            let terms = min(byDegrees, binomialBound(n + t - 1, t - 1))
            if terms > maxPolynomialTerms { return nil }
            guard SizeLimit.allows(dimensions: [terms, bits / 8 + 1], elementSize: 1) else { return nil }
        }
        return computing { r in _ = fmpq_mpoly_pow_ui(r, poly, UInt(n), ring.ctx) }
    }

    /// C(n, k) saturated at `maxPolynomialTerms + 1`.
    private func binomialBound(_ n: Int, _ k: Int) -> Int {
        let k = min(k, n - k)
        guard k >= 0 else { return 0 }
        var c = 1
        for i in 0..<k {
            let (m, o) = c.multipliedReportingOverflow(by: n - i)
            if o { return maxPolynomialTerms + 1 }
            c = m / (i + 1)
            if c > maxPolynomialTerms { return c }
        }
        return c
    }

    /// The degree in each variable (0 for the zero polynomial).
    var degrees: [Int] {
        (0..<ring.variableCount).map { max(0, fmpq_mpoly_degree_si(poly, $0, ring.ctx)) }
    }

    func degree(in variable: Int) -> Int { fmpq_mpoly_degree_si(poly, variable, ring.ctx) }

    /// The terms: each coefficient with the exponent of every variable.
    var terms: [(coefficient: RationalNumber, exponents: [Int])] {
        let n = termCount
        var out: [(RationalNumber, [Int])] = []
        out.reserveCapacity(n)
        var exps = [Int](repeating: 0, count: max(ring.variableCount, 1))
        let c = UnsafeMutablePointer<fmpq>.allocate(capacity: 1)
        fmpq_init(c)
        defer { fmpq_clear(c); c.deallocate() }
        for i in 0..<n {
            fmpq_mpoly_get_term_coeff_fmpq(c, poly, i, ring.ctx)
            exps.withUnsafeMutableBufferPointer { fmpq_mpoly_get_term_exp_si($0.baseAddress, poly, i, ring.ctx) }
            out.append((rational(c), Array(exps.prefix(ring.variableCount))))
        }
        return out
    }

    /// Exact quotient and remainder by `b` (multivariate division in the ring's order).
    func divided(by b: Polynomial) -> (quotient: Polynomial, remainder: Polynomial) {
        let q = Polynomial(ring), r = Polynomial(ring)
        fmpq_mpoly_divrem(q.poly, r.poly, poly, b.poly, ring.ctx)
        return (q, r)
    }

    /// `self / b` when it divides exactly.
    func exactQuotient(_ b: Polynomial) -> Polynomial? {
        let q = Polynomial(ring)
        return fmpq_mpoly_divides(q.poly, poly, b.poly, ring.ctx) != 0 ? q : nil
    }

    /// The monic greatest common divisor (nil if FLINT could not compute it).
    func gcd(_ b: Polynomial) -> Polynomial? {
        let g = Polynomial(ring)
        return fmpq_mpoly_gcd(g.poly, poly, b.poly, ring.ctx) != 0 ? g : nil
    }

    func resultant(_ b: Polynomial, variable: Int) -> Polynomial? {
        let r = Polynomial(ring)
        return fmpq_mpoly_resultant(r.poly, poly, b.poly, variable, ring.ctx) != 0 ? r : nil
    }

    func discriminant(variable: Int) -> Polynomial? {
        let r = Polynomial(ring)
        return fmpq_mpoly_discriminant(r.poly, poly, variable, ring.ctx) != 0 ? r : nil
    }

    func derivative(variable: Int) -> Polynomial {
        computing { fmpq_mpoly_derivative($0, poly, variable, ring.ctx) }
    }

    /// The coefficient of `variable^power`, a polynomial in the other variables.
    func coefficient(variable: Int, power: Int) -> Polynomial {
        computing { fmpq_mpoly_get_coeff_vars_ui($0, poly, [variable], [UInt(power)], 1, ring.ctx) }
    }

    /// The rational content (positive) and the primitive part with positive leading coefficient.
    var contentAndPrimitive: (RationalNumber, Polynomial) {
        let c = UnsafeMutablePointer<fmpq>.allocate(capacity: 1)
        fmpq_init(c)
        defer { fmpq_clear(c); c.deallocate() }
        fmpq_mpoly_content(c, poly, ring.ctx)
        let content = rational(c)
        if isZero { return (RationalNumber(numerator: 0, denominator: 1), self) }
        let primitive = computing { fmpq_mpoly_scalar_div_fmpq($0, poly, c, ring.ctx) }
        return (content, primitive)
    }

    /// The leading coefficient (in the ring's lexicographic order).
    var leadingCoefficient: RationalNumber {
        guard !isZero else { return RationalNumber(numerator: 0, denominator: 1) }
        return terms[0].coefficient
    }

    /// The factorisation over the rationals: a constant and irreducible factors with multiplicities
    /// (each factor primitive with positive leading coefficient). Nil if FLINT gave up.
    /// Nil as well past `maxFactorDegree` in some variable (FLINT would run for hours or abort).
    func factored(squarefreeOnly: Bool = false) -> (constant: RationalNumber, factors: [(Polynomial, Int)])? {
        guard (degrees.max() ?? 0) <= maxFactorDegree else { return nil }
        let f = UnsafeMutablePointer<fmpq_mpoly_factor_struct>.allocate(capacity: 1)
        fmpq_mpoly_factor_init(f, ring.ctx)
        defer { fmpq_mpoly_factor_clear(f, ring.ctx); f.deallocate() }
        let ok = squarefreeOnly ? fmpq_mpoly_factor_squarefree(f, poly, ring.ctx) : fmpq_mpoly_factor(f, poly, ring.ctx)
        guard ok != 0 else { return nil }
        // FLINT's factors are monic; make each primitive over the integers and move the content out.
        let c = UnsafeMutablePointer<fmpq>.allocate(capacity: 1)
        fmpq_init(c)
        defer { fmpq_clear(c); c.deallocate() }
        fmpq_mpoly_factor_get_constant_fmpq(c, f, ring.ctx)
        var constant = rational(c)
        var factors: [(Polynomial, Int)] = []
        for i in 0..<fmpq_mpoly_factor_length(f, ring.ctx) {
            let base = Polynomial(ring)
            fmpq_mpoly_factor_get_base(base.poly, f, i, ring.ctx)
            let e = fmpq_mpoly_factor_get_exp_si(f, i, ring.ctx)
            let (content, primitive) = base.contentAndPrimitive
            constant = constant.times(content.power(e))
            factors.append((primitive, e))
        }
        return (constant, factors)
    }

    /// Reads an `fmpq` into a rational number.
    private func rational(_ c: UnsafeMutablePointer<fmpq>) -> RationalNumber {
        RationalNumber(numerator: bigInt(&c.pointee.num), denominator: bigInt(&c.pointee.den))
    }
}

/// The number of bits of `n` (0 for 0).
func bitLength(_ n: Int) -> Int { n <= 0 ? 0 : Int.bitWidth - n.leadingZeroBitCount }

/// An `fmpz` as a `BigInt` (through its limbs when it does not fit a machine word).
func bigInt(_ z: UnsafeMutablePointer<fmpz>) -> BigInt {
    if fmpz_fits_si(z) != 0 { return BigInt(fmpz_get_si(z)) }
    // fmpz_get_ui_array reads a non-negative number: the magnitude, then the sign.
    let magnitude = UnsafeMutablePointer<fmpz>.allocate(capacity: 1)
    fmpz_init(magnitude)
    defer { fmpz_clear(magnitude); magnitude.deallocate() }
    fmpz_abs(magnitude, z)
    let n = Int(fmpz_size(magnitude))
    var limbs = [UInt](repeating: 0, count: n)
    limbs.withUnsafeMutableBufferPointer { fmpz_get_ui_array($0.baseAddress, n, magnitude) }
    let value = BigInt(magnitudeWords: limbs)
    return fmpz_sgn(z) < 0 ? -value : value
}

/// Sets an `fmpz` to a `BigInt`.
func setFmpz(_ z: UnsafeMutablePointer<fmpz>, _ v: BigInt) {
    if let i = v.int { fmpz_set_si(z, i); return }
    let limbs = v.magnitudeWords
    limbs.withUnsafeBufferPointer { fmpz_set_ui_array(z, $0.baseAddress, limbs.count) }
    if v.signum() < 0 { fmpz_neg(z, z) }
}

/// Runs `body` with a temporary `fmpq` holding `q`.
func withFmpq<R>(_ q: RationalNumber, _ body: (UnsafeMutablePointer<fmpq>) -> R) -> R {
    let c = UnsafeMutablePointer<fmpq>.allocate(capacity: 1)
    fmpq_init(c)
    defer { fmpq_clear(c); c.deallocate() }
    setFmpz(&c.pointee.num, q.numerator)
    setFmpz(&c.pointee.den, q.denominator)
    fmpq_canonicalise(c)
    return body(c)
}

extension RationalNumber {
    func times(_ b: RationalNumber) -> RationalNumber {
        let n = numerator * b.numerator, d = denominator * b.denominator
        let g = n.greatestCommonDivisor(with: d)
        return g == 1 || g == 0 ? RationalNumber(numerator: n, denominator: d) : RationalNumber(numerator: n / g, denominator: d / g)
    }

    func power(_ e: Int) -> RationalNumber {
        var r = RationalNumber.one
        for _ in 0..<max(e, 0) { r = r.times(self) }
        return r
    }
}
