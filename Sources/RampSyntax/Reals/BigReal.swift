import CGMP
import CMPFR

/// An arbitrary-precision real number: an MPFR value with Wolfram's precision (decimal digits).
///
/// The one wrapper of MPFR (`CMPFR`); nothing else calls the C API. A value is immutable once built:
/// every operation writes into a fresh `mpfr_t` (cleared in `deinit`). The binary precision of the
/// `mpfr_t` is the decimal precision's bits plus ``guardBits``, so digits shown are never the last
/// bits rounded.
///
/// Wolfram's model: a non-zero number knows `precision` significant digits; its accuracy (digits
/// after the point) is `precision - log10|x|`. A zero knows only its accuracy (`0``20`), and its
/// precision is 0.
public final class BigReal: @unchecked Sendable {
    let x: UnsafeMutablePointer<__mpfr_struct>
    /// Wolfram's `Precision` in decimal digits (0 for a zero).
    public let precision: Double
    /// Wolfram's `Accuracy` of a zero (unused for non-zero values, whose accuracy is derived).
    let zeroAccuracy: Double

    /// Extra bits kept beyond the decimal precision.
    public static let guardBits = 16
    /// log2(10).
    public static let log2of10 = 3.321928094887362
    /// The largest precision (decimal digits) a literal may ask for; the kernel's own limits (its
    /// `$MaxPrecision` and the size limit) apply to computed numbers.
    nonisolated(unsafe) public static var maxDigits: Double = 1e8
    /// The most bits MPFR can hold.
    public static var maxBits: Int { Int(cmpfr_prec_max()) }

    /// The MPFR bits for `digits` decimal digits (plus guard bits).
    public static func bits(forDigits digits: Double) -> Int {
        let d = digits.isFinite ? Swift.max(digits, 1) : 1
        return Int((d * log2of10).rounded(.up)) + guardBits
    }

    private init(bits: Int, precision: Double, zeroAccuracy: Double) {
        // MPFR's exponent range is per thread and defaults to ±2^30 bits (about 10^±323,000,000);
        // the widest range (±2^62 bits) is closer to Wolfram's $MaxNumber, so N[10^(10^9), 20] is
        // a number. Two thread-local stores, so it is set before each value is made.
        mpfr_set_emax(mpfr_get_emax_max())
        mpfr_set_emin(mpfr_get_emin_min())
        x = .allocate(capacity: 1)
        mpfr_init2(x, mpfr_prec_t(Swift.max(bits, 2)))
        self.precision = precision
        self.zeroAccuracy = zeroAccuracy
    }

    deinit {
        mpfr_clear(x)
        x.deallocate()
    }

    /// A value computed by `body` into a fresh `mpfr_t` of `bits` bits, labelled with `precision`.
    /// A zero result becomes a zero of accuracy `zeroAccuracy` (default: `precision`).
    static func computing(bits: Int, precision: Double, zeroAccuracy: Double? = nil,
                          _ body: (UnsafeMutablePointer<__mpfr_struct>) -> Void) -> BigReal {
        let r = BigReal(bits: bits, precision: precision, zeroAccuracy: 0)
        body(r.x)
        if cmpfr_zero_p(r.x) != 0 {
            return BigReal.zero(accuracy: zeroAccuracy ?? precision)
        }
        return r
    }

    // MARK: Construction

    /// Zero with the given accuracy (`0``a`).
    public static func zero(accuracy: Double) -> BigReal {
        let r = BigReal(bits: bits(forDigits: Swift.max(accuracy, 1)), precision: 0, zeroAccuracy: accuracy)
        mpfr_set_zero(r.x, 1)
        return r
    }

    /// `d` with the given precision (the double's value exactly, padded with binary zeros).
    public static func from(_ d: Double, precision: Double) -> BigReal {
        computing(bits: bits(forDigits: precision), precision: precision, zeroAccuracy: precision) { _ = mpfr_set_d($0, d, MPFR_RNDN) }
    }

    /// The integer `i` rounded to `precision` digits.
    public static func from(_ i: BigInt, precision: Double) -> BigReal {
        computing(bits: bits(forDigits: precision), precision: precision) { r in i.withMPZ { _ = mpfr_set_z(r, $0, MPFR_RNDN) } }
    }

    /// `n/d` (d > 0) rounded to `precision` digits.
    public static func from(numerator n: BigInt, denominator d: BigInt, precision: Double) -> BigReal {
        from(numerator: n, denominator: d, bits: bits(forDigits: precision), precision: precision)
    }

    /// `n/d` (d > 0) rounded to `bits` bits, said to have `precision` digits.
    static func from(numerator n: BigInt, denominator d: BigInt, bits b: Int, precision: Double) -> BigReal {
        return computing(bits: b, precision: precision) { r in
            // The numerator exactly (enough bits), then one correctly rounded division.
            let t = BigReal(bits: Swift.max(n.bitLength + 2, 2), precision: 0, zeroAccuracy: 0)
            n.withMPZ { _ = mpfr_set_z(t.x, $0, MPFR_RNDN) }
            d.withMPZ { _ = mpfr_div_z(r, t.x, $0, MPFR_RNDN) }
        }
    }

    /// A decimal literal `digits[.digits][e±exp]` rounded to `precision` digits; nil if malformed.
    public static func from(decimal text: String, precision: Double) -> BigReal? {
        var ok = true
        let r = computing(bits: bits(forDigits: precision), precision: precision) { r in
            text.withCString { s in
                var end: UnsafeMutablePointer<CChar>? = nil
                _ = mpfr_strtofr(r, s, &end, 10, MPFR_RNDN)
                if let end, end.pointee != 0 { ok = false }
            }
        }
        return ok ? r : nil
    }

    /// The mathematical constants MPFR computes to any precision.
    public enum Constant: Sendable { case pi, e, eulerGamma, catalan, log2 }

    /// A constant to `precision` digits.
    public static func constant(_ c: Constant, precision: Double) -> BigReal {
        computing(bits: bits(forDigits: precision), precision: precision) { r in
            switch c {
            case .pi: _ = mpfr_const_pi(r, MPFR_RNDN)
            case .e: _ = cmpfr_set_si(r, 1); _ = mpfr_exp(r, r, MPFR_RNDN)
            case .eulerGamma: _ = mpfr_const_euler(r, MPFR_RNDN)
            case .catalan: _ = mpfr_const_catalan(r, MPFR_RNDN)
            case .log2: _ = mpfr_const_log2(r, MPFR_RNDN)
            }
        }
    }

    /// This value rounded to `precision` digits (a zero keeps its value, with accuracy `precision`
    /// unless `zeroAccuracy` is given).
    public func withPrecision(_ precision: Double) -> BigReal {
        if isZero { return BigReal.zero(accuracy: precision) }
        return BigReal.computing(bits: BigReal.bits(forDigits: precision), precision: precision) { _ = mpfr_set($0, x, MPFR_RNDN) }
    }

    // MARK: Inspection

    /// Whether the value is zero.
    public var isZero: Bool { cmpfr_zero_p(x) != 0 }
    /// Whether the value is finite (not an overflow to infinity or NaN).
    public var isFinite: Bool { cmpfr_number_p(x) != 0 }
    /// -1, 0 or 1.
    public var sign: Int { Int(cmpfr_sgn(x)) }
    /// The bits of the `mpfr_t`.
    public var bits: Int { Int(mpfr_get_prec(x)) }
    /// The nearest machine real (±infinity or 0 out of range).
    public var doubleValue: Double { mpfr_get_d(x, MPFR_RNDN) }

    /// log10|x| (for x ≠ 0), without overflowing for huge exponents.
    public var log10Magnitude: Double {
        var e: Int = 0
        let m = mpfr_get_d_2exp(&e, x, MPFR_RNDN)
        return cmpfr_log10(Swift.abs(m)) + Double(e) * 0.30102999566398120
    }

    /// The digits printed: the precision rounded, at least 1.
    public var shownDigits: Int {
        let p = precision.rounded()
        return p < 1 ? 1 : (p > 1e15 ? Int(1e15) : Int(p))
    }

    /// Wolfram's `Accuracy`: digits after the point that are known.
    public var accuracy: Double { isZero ? zeroAccuracy : precision - log10Magnitude }

    // MARK: Arithmetic (each result labelled with the precision the caller computed)

    /// Binary operations.
    public enum BinaryOperation: Sendable { case add, subtract, multiply, divide, power, atan2 }

    /// `a op b` rounded to `bits`, labelled `precision` (zero: accuracy `zeroAccuracy`).
    public static func binary(_ op: BinaryOperation, _ a: BigReal, _ b: BigReal, bits: Int, precision: Double,
                              zeroAccuracy: Double? = nil) -> BigReal {
        computing(bits: bits, precision: precision, zeroAccuracy: zeroAccuracy) { r in
            switch op {
            case .add: _ = mpfr_add(r, a.x, b.x, MPFR_RNDN)
            case .subtract: _ = mpfr_sub(r, a.x, b.x, MPFR_RNDN)
            case .multiply: _ = mpfr_mul(r, a.x, b.x, MPFR_RNDN)
            case .divide: _ = mpfr_div(r, a.x, b.x, MPFR_RNDN)
            case .power: _ = mpfr_pow(r, a.x, b.x, MPFR_RNDN)
            case .atan2: _ = mpfr_atan2(r, a.x, b.x, MPFR_RNDN)
            }
        }
    }

    /// `a^n` for an integer `n`.
    public static func power(_ a: BigReal, _ n: BigInt, bits: Int, precision: Double) -> BigReal {
        computing(bits: bits, precision: precision) { r in n.withMPZ { _ = mpfr_pow_z(r, a.x, $0, MPFR_RNDN) } }
    }

    /// -a.
    public func negated() -> BigReal {
        if isZero { return self }
        return BigReal.computing(bits: bits, precision: precision) { _ = mpfr_neg($0, x, MPFR_RNDN) }
    }

    /// Functions of one real argument.
    public enum Function: Sendable {
        case sqrt, exp, log, sin, cos, tan, sec, csc, cot, asin, acos, atan, sinh, cosh, tanh, sech, csch, coth,
             asinh, acosh, atanh, gamma, logGamma, zeta, erf, erfc, besselJ0, besselJ1, abs, digamma, cbrt
    }

    /// `f(a)` rounded to `bits`, labelled `precision`.
    public static func apply(_ f: Function, _ a: BigReal, bits: Int, precision: Double, zeroAccuracy: Double? = nil) -> BigReal {
        computing(bits: bits, precision: precision, zeroAccuracy: zeroAccuracy) { r in
            let v = a.x
            let n = MPFR_RNDN
            switch f {
            case .sqrt: _ = mpfr_sqrt(r, v, n)
            case .exp: _ = mpfr_exp(r, v, n)
            case .log: _ = mpfr_log(r, v, n)
            case .sin: _ = mpfr_sin(r, v, n)
            case .cos: _ = mpfr_cos(r, v, n)
            case .tan: _ = mpfr_tan(r, v, n)
            case .sec: _ = mpfr_sec(r, v, n)
            case .csc: _ = mpfr_csc(r, v, n)
            case .cot: _ = mpfr_cot(r, v, n)
            case .asin: _ = mpfr_asin(r, v, n)
            case .acos: _ = mpfr_acos(r, v, n)
            case .atan: _ = mpfr_atan(r, v, n)
            case .sinh: _ = mpfr_sinh(r, v, n)
            case .cosh: _ = mpfr_cosh(r, v, n)
            case .tanh: _ = mpfr_tanh(r, v, n)
            case .sech: _ = mpfr_sech(r, v, n)
            case .csch: _ = mpfr_csch(r, v, n)
            case .coth: _ = mpfr_coth(r, v, n)
            case .asinh: _ = mpfr_asinh(r, v, n)
            case .acosh: _ = mpfr_acosh(r, v, n)
            case .atanh: _ = mpfr_atanh(r, v, n)
            case .gamma: _ = mpfr_gamma(r, v, n)
            case .logGamma: _ = mpfr_lngamma(r, v, n)
            case .zeta: _ = mpfr_zeta(r, v, n)
            case .erf: _ = mpfr_erf(r, v, n)
            case .erfc: _ = mpfr_erfc(r, v, n)
            case .besselJ0: _ = mpfr_j0(r, v, n)
            case .besselJ1: _ = mpfr_j1(r, v, n)
            case .abs: _ = mpfr_abs(r, v, n)
            case .digamma: _ = mpfr_digamma(r, v, n)
            case .cbrt: _ = mpfr_cbrt(r, v, n)
            }
        }
    }

    /// ζ(n) for a non-negative integer n (MPFR's much faster `mpfr_zeta_ui`; ζ(3) by Apéry's
    /// series below, faster still).
    public static func zeta(_ n: UInt, bits: Int, precision: Double) -> BigReal {
        if n == 3 { return apery(bits: bits, precision: precision) }
        return computing(bits: bits, precision: precision) { _ = mpfr_zeta_ui($0, n, MPFR_RNDN) }
    }

    /// ζ(3) from Amdeberhan and Zeilberger's series
    /// ζ(3) = 1/64 Σ_{k≥0} (-1)^k (205k² + 250k + 77) (k!)^10 / ((2k+1)!)^5,
    /// whose terms shrink by about 1024 each (3 digits a term), summed exactly by binary splitting
    /// on GMP integers and divided once.
    static func apery(bits: Int, precision: Double) -> BigReal {
        // Terms: 10 bits each, plus a margin for the guard bits.
        let terms = bits / 10 + 4
        // P, Q, T over [a, b): the ratio term(k)/term(k-1) = p(k)/q(k) with p(k) = -k^5 and
        // q(k) = 32 (2k+1)^5 (p(0) = q(0) = 1); T sums a(k) times the products up to k.
        func split(_ a: Int, _ b: Int) -> (p: BigInt, q: BigInt, t: BigInt) {
            if b - a == 1 {
                let k = BigInt(a)
                let p = a == 0 ? BigInt(1) : BigInt(0) - k * k * k * k * k
                let o = BigInt(2 * a + 1)
                let q = a == 0 ? BigInt(1) : BigInt(32) * o * o * o * o * o
                let c = BigInt(205) * k * k + BigInt(250) * k + BigInt(77)
                return (p, q, c * p)
            }
            let m = (a + b) / 2
            let l = split(a, m), r = split(m, b)
            return (l.p * r.p, l.q * r.q, l.t * r.q + l.p * r.t)
        }
        let s = split(0, terms)
        return from(numerator: s.t, denominator: s.q * BigInt(64), bits: bits, precision: precision)
    }

    /// Whether the value is an integer.
    public var isInteger: Bool { mpfr_integer_p(x) != 0 }

    /// BesselJ[n, a] for an integer order.
    public static func besselJ(_ order: Int, _ a: BigReal, bits: Int, precision: Double) -> BigReal {
        computing(bits: bits, precision: precision) { _ = mpfr_jn($0, order, a.x, MPFR_RNDN) }
    }

    // MARK: Comparison and conversion

    /// -1, 0, 1 as a < b, a = b, a > b (values only).
    public static func compare(_ a: BigReal, _ b: BigReal) -> Int {
        Int(mpfr_cmp(a.x, b.x)).signum()
    }

    /// Compares with a machine real.
    public func compare(_ d: Double) -> Int { Int(mpfr_cmp_d(x, d)).signum() }

    /// Compares with the exact fraction `n/d` (d > 0) without rounding: -1, 0, 1.
    public func compare(numerator n: BigInt, denominator d: BigInt) -> Int {
        if !isFinite { return doubleValue.isNaN ? 0 : sign }
        // x·d exactly (enough bits for the product), against n.
        let t = BigReal(bits: bits + Swift.max(d.bitLength, 1) + 2, precision: 0, zeroAccuracy: 0)
        d.withMPZ { _ = mpfr_mul_z(t.x, x, $0, MPFR_RNDN) }
        return n.withMPZ { Int(mpfr_cmp_z(t.x, $0)).signum() }
    }

    /// The binary exponent e with 2^(e-1) ≤ |x| < 2^e (0 for zero).
    public var binaryExponent: Int { isZero || !isFinite ? 0 : cmpfr_get_exp(x) }

    /// Rounding modes for conversion to integers.
    public enum Rounding: Sendable { case down, up, nearestEven, towardZero }

    /// The value rounded to an integer (nil when not finite).
    public func integer(_ rounding: Rounding) -> BigInt? {
        guard isFinite else { return nil }
        let rnd: mpfr_rnd_t
        switch rounding {
        case .down: rnd = MPFR_RNDD
        case .up: rnd = MPFR_RNDU
        case .nearestEven: rnd = MPFR_RNDN
        case .towardZero: rnd = MPFR_RNDZ
        }
        return BigInt.computing { _ = mpfr_get_z($0, x, rnd) }
    }

    /// The exact binary value as `m × 2^e` (nil when not finite).
    public func exactParts() -> (mantissa: BigInt, exponent2: Int)? {
        guard isFinite else { return nil }
        if isZero { return (0, 0) }
        var e = 0
        let m = BigInt.computing { e = Int(mpfr_get_z_2exp($0, x)) }
        return (m, e)
    }

    /// The value's first `count` significant decimal digits, correctly rounded, as ASCII digits and
    /// the exponent `e` of `d0.d1… × 10^e` (zero: one digit 0, exponent 0).
    /// With `truncating`, the digits are cut rather than rounded (toward zero).
    public func decimalDigits(_ count: Int, truncating: Bool = false) -> (digits: [UInt8], exponent: Int) {
        if isZero || !isFinite { return ([UInt8(ascii: "0")], 0) }
        var e: mpfr_exp_t = 0
        guard let s = mpfr_get_str(nil, &e, 10, Swift.max(count, 1), x, truncating ? MPFR_RNDZ : MPFR_RNDN) else { return ([UInt8(ascii: "0")], 0) }
        defer { mpfr_free_str(s) }
        var digits: [UInt8] = []
        digits.reserveCapacity(count)
        var p = s
        while p.pointee != 0 {
            let c = UInt8(bitPattern: p.pointee)
            if c != UInt8(ascii: "-") { digits.append(c) }
            p += 1
        }
        return (digits, Int(e) - 1)
    }
}

extension BigReal: Hashable {
    /// `SameQ`: the same number to the precision of the less precise one (they differ by at most
    /// one unit in its last shown digit, so reading back an InputForm gives the same number); two
    /// zeros are the same. The precision itself is not compared.
    public static func == (a: BigReal, b: BigReal) -> Bool {
        if a === b || mpfr_equal_p(a.x, b.x) != 0 { return true }
        if a.isZero || b.isZero || !a.isFinite || !b.isFinite || a.sign != b.sign { return a.isZero && b.isZero }
        let d = BigReal.binary(.subtract, a, b, bits: 64, precision: 1)
        if d.isZero { return true }
        let scale = Swift.max(a.log10Magnitude, b.log10Magnitude)
        return d.log10Magnitude <= scale - Swift.min(a.precision, b.precision) + 1
    }

    /// One hash for every arbitrary-precision real: equality is within a tolerance, so no finer
    /// hash can agree with it (collections of many big reals fall back to comparisons).
    public func hash(into h: inout Hasher) {
        h.combine(0x5bd1e995)
    }
}
