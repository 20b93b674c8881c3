import RampSyntax

/// Arithmetic on number atoms (integer, big integer, rational, machine real, complex), following
/// Wolfram's contagion rules: exact ⊕ exact is exact, anything with a machine real is a machine real,
/// an exact zero times anything is an exact zero, and complex parts are both exact or both machine.
enum Numbers {
    // MARK: Classification

    /// Whether `e` is an exact integer.
    @inline(__always) static func isInteger(_ e: Expr) -> Bool {
        switch e {
        case .integer, .bigInteger: return true
        default: return false
        }
    }

    /// Whether `e` is an exact real number (integer or rational).
    @inline(__always) static func isExactReal(_ e: Expr) -> Bool {
        switch e {
        case .integer, .bigInteger, .rational: return true
        default: return false
        }
    }

    /// Whether `e` is a real number atom (exact, machine or arbitrary-precision).
    @inline(__always) static func isReal(_ e: Expr) -> Bool {
        switch e {
        case .integer, .bigInteger, .rational, .real, .bigReal: return true
        default: return false
        }
    }

    /// Whether `e` is an exact number (rationals and exact complex numbers included).
    static func isExact(_ e: Expr) -> Bool {
        switch e {
        case .integer, .bigInteger, .rational: return true
        case .complex(let r, _): return isExactReal(r)
        default: return false
        }
    }

    /// Whether `e` is a machine number (machine real or machine complex).
    static func isMachine(_ e: Expr) -> Bool {
        switch e {
        case .real: return true
        case .complex(let r, _): if case .real = r { return true } else { return false }
        default: return false
        }
    }

    /// Exact zero.
    @inline(__always) static func isExactZero(_ e: Expr) -> Bool {
        if case .integer(0) = e { return true }
        return false
    }

    /// Exact one.
    @inline(__always) static func isExactOne(_ e: Expr) -> Bool {
        if case .integer(1) = e { return true }
        return false
    }

    /// Exact, machine or arbitrary-precision zero (a real number equal to zero).
    static func isZero(_ e: Expr) -> Bool {
        switch e {
        case .integer(let i): return i == 0
        case .real(let d): return d == 0
        case .bigReal(let x): return x.isZero
        default: return false
        }
    }

    // MARK: Conversions

    /// The exact value as numerator and positive denominator, for integers and rationals.
    static func fraction(_ e: Expr) -> (BigInt, BigInt)? {
        switch e {
        case .integer(let i): return (BigInt(i), 1)
        case .bigInteger(let b): return (b, 1)
        case .rational(let n, let d): return (n, d)
        default: return nil
        }
    }

    /// The integer value, for exact integers.
    static func bigInt(_ e: Expr) -> BigInt? {
        switch e {
        case .integer(let i): return BigInt(i)
        case .bigInteger(let b): return b
        default: return nil
        }
    }

    /// A big integer as a machine real (±infinity when out of range).
    static func double(_ b: BigInt) -> Double {
        if let i = Int(exactly: b) { return Double(i) }
        return Double(b)
    }

    /// `n/d` as the nearest machine real, also when both are huge.
    static func double(_ n: BigInt, _ d: BigInt) -> Double {
        if let a = Int(exactly: n), let b = Int(exactly: d), a.magnitude < (1 << 53), b.magnitude < (1 << 53) {
            return Double(a) / Double(b)
        }
        // Scale so the integer quotient carries ~64 significant bits.
        let shift = 64 - (n.bitLength - d.bitLength)
        let q = shift >= 0 ? (n << shift) / d : n / (d << -shift)
        let qd = double(q)
        return scaleByPowerOfTwo(qd, -shift)
    }

    static func scaleByPowerOfTwo(_ x: Double, _ k: Int) -> Double {
        if k > 2000 { return x == 0 ? 0 : x * .infinity }
        if k < -2000 { return x * 0 }
        return Double(sign: .plus, exponent: k, significand: x)
    }

    /// The value of a real number atom as a machine real.
    static func double(_ e: Expr) -> Double? {
        switch e {
        case .integer(let i): return Double(i)
        case .bigInteger(let b): return double(b)
        case .rational(let n, let d): return double(n, d)
        case .real(let d): return d
        case .bigReal(let x): return x.doubleValue
        default: return nil
        }
    }

    /// Real and imaginary parts of any number atom (imaginary part exact 0 for reals).
    @inline(__always) static func parts(_ e: Expr) -> (Expr, Expr) {
        if case .complex(let r, let i) = e { return (r, i) }
        return (e, .integer(0))
    }

    /// A machine real or complex version of a number atom.
    static func machine(_ e: Expr) -> Expr {
        switch e {
        case .real: return e
        case .bigReal(let x): return .real(x.doubleValue)
        case .complex(let r, let i):
            return .complex(.real(double(r) ?? .nan), .real(double(i) ?? .nan))
        default: return double(e).map(Expr.real) ?? e
        }
    }

    /// A complex number in canonical form: exact zero imaginary part gives a real; a machine part makes
    /// both parts machine reals (Wolfram keeps `1. + 0. I` complex).
    static func complex(_ re: Expr, _ im: Expr) -> Expr {
        if isExactZero(im) { return re }
        if case .bigReal = re { return BigReals.complex(re, im) }
        if case .bigReal = im { return BigReals.complex(re, im) }
        if case .real = re {
            if case .real = im { return .complex(re, im) }
            return .complex(re, .real(double(im) ?? .nan))
        }
        if case .real = im { return .complex(.real(double(re) ?? .nan), im) }
        return .complex(re, im)
    }

    // MARK: Real arithmetic

    /// Sum of two real numbers.
    static func addReal(_ a: Expr, _ b: Expr) -> Expr {
        switch (a, b) {
        case (.integer(let x), .integer(let y)):
            let (s, o) = x.addingReportingOverflow(y)
            return o ? .integer(BigInt(x) + BigInt(y)) : .integer(s)
        case (.real(let x), _): return .real(x + (double(b) ?? .nan))
        case (_, .real(let y)): return .real((double(a) ?? .nan) + y)
        case (.bigReal, _), (_, .bigReal): return BigReals.add(a, b)
        default:
            guard let (n1, d1) = fraction(a), let (n2, d2) = fraction(b) else { return .real(.nan) }
            if d1 == 1 && d2 == 1 { return .integer(n1 + n2) }
            return .rational(n1 * d2 + n2 * d1, over: d1 * d2)
        }
    }

    /// Product of two real numbers (an exact zero wins over a machine real).
    static func multiplyReal(_ a: Expr, _ b: Expr) -> Expr {
        switch (a, b) {
        case (.integer(let x), .integer(let y)):
            let (p, o) = x.multipliedReportingOverflow(by: y)
            return o ? .integer(BigInt(x) * BigInt(y)) : .integer(p)
        case (.integer(0), _), (_, .integer(0)): return .integer(0)
        case (.real(let x), _): return .real(x * (double(b) ?? .nan))
        case (_, .real(let y)): return .real((double(a) ?? .nan) * y)
        case (.bigReal, _), (_, .bigReal): return BigReals.multiply(a, b)
        default:
            guard let (n1, d1) = fraction(a), let (n2, d2) = fraction(b) else {
                return a == overflowMarker || b == overflowMarker ? overflowMarker : .real(.nan)
            }
            // A product past the integer size limit is an overflow, found before GMP allocates it.
            if !SizeLimit.allowsInteger(bits: n1.bitLength + n2.bitLength) || !SizeLimit.allowsInteger(bits: d1.bitLength + d2.bitLength) {
                return overflowMarker
            }
            if d1 == 1 && d2 == 1 { return .integer(n1 * n2) }
            return .rational(n1 * n2, over: d1 * d2)
        }
    }

    /// `-a` for a real number.
    static func negateReal(_ a: Expr) -> Expr {
        switch a {
        case .integer(let x):
            if x == .min { return .integer(-BigInt(x)) }
            return .integer(-x)
        case .bigInteger(let b): return .integer(-b)
        case .rational(let n, let d): return .rational(-n, d)
        case .real(let d): return .real(-d)
        case .bigReal(let x): return .bigReal(x.negated())
        default: return a
        }
    }

    /// `1/a` for a non-zero real number (nil for exact zero).
    static func reciprocalReal(_ a: Expr) -> Expr? {
        switch a {
        case .integer(0): return nil
        case .integer(1), .integer(-1): return a
        case .real(let d): return .real(1 / d)
        case .bigReal(let x): return BigReals.reciprocal(x)
        default:
            guard let (n, d) = fraction(a) else { return nil }
            return .rational(d, over: n)
        }
    }

    /// Compares two real numbers: -1, 0, 1 (exact comparison when both are exact).
    static func compareReal(_ a: Expr, _ b: Expr) -> Int {
        switch (a, b) {
        case (.integer(let x), .integer(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.real(let x), _):
            let y = double(b) ?? .nan
            return x < y ? -1 : (x == y ? 0 : 1)
        case (_, .real(let y)):
            let x = double(a) ?? .nan
            return x < y ? -1 : (x == y ? 0 : 1)
        case (.bigReal, _), (_, .bigReal): return BigReals.compare(a, b)
        default:
            guard let (n1, d1) = fraction(a), let (n2, d2) = fraction(b) else { return 0 }
            let l = n1 * d2, r = n2 * d1
            return l < r ? -1 : (l == r ? 0 : 1)
        }
    }

    /// The sign of a real number: -1, 0 or 1.
    static func signReal(_ a: Expr) -> Int {
        switch a {
        case .integer(let x): return x.signum()
        case .bigInteger(let b): return b.signum() == 0 ? 0 : (b.sign == .minus ? -1 : 1)
        case .rational(let n, _): return n.sign == .minus ? -1 : 1
        case .real(let d): return d < 0 ? -1 : (d > 0 ? 1 : 0)
        case .bigReal(let x): return x.sign
        default: return 0
        }
    }

    // MARK: Complex-aware arithmetic

    /// `a + b` for any two number atoms.
    static func add(_ a: Expr, _ b: Expr) -> Expr {
        if case .integer(let x) = a, case .integer(let y) = b {
            let (s, o) = x.addingReportingOverflow(y)
            if !o { return .integer(s) }
        }
        if isReal(a) && isReal(b) { return addReal(a, b) }
        let (ar, ai) = parts(a), (br, bi) = parts(b)
        return complex(addReal(ar, br), addReal(ai, bi))
    }

    /// `a * b` for any two number atoms.
    static func multiply(_ a: Expr, _ b: Expr) -> Expr {
        if isReal(a) && isReal(b) { return multiplyReal(a, b) }
        if isExactZero(a) || isExactZero(b) { return .integer(0) }
        let (ar, ai) = parts(a), (br, bi) = parts(b)
        if isExactZero(ai) { return complex(multiplyReal(ar, br), multiplyReal(ar, bi)) }
        if isExactZero(bi) { return complex(multiplyReal(ar, br), multiplyReal(ai, br)) }
        let re = addReal(multiplyReal(ar, br), negateReal(multiplyReal(ai, bi)))
        let im = addReal(multiplyReal(ar, bi), multiplyReal(ai, br))
        return complex(re, im)
    }

    /// `-a` for any number atom.
    static func negate(_ a: Expr) -> Expr {
        if case .complex(let r, let i) = a { return complex(negateReal(r), negateReal(i)) }
        return negateReal(a)
    }

    /// `1/a` for any number atom; nil for exact zero.
    static func reciprocal(_ a: Expr) -> Expr? {
        guard case .complex(let r, let i) = a else { return reciprocalReal(a) }
        let norm = addReal(multiplyReal(r, r), multiplyReal(i, i))
        guard let inv = reciprocalReal(norm) else { return nil }
        return complex(multiplyReal(r, inv), negateReal(multiplyReal(i, inv)))
    }

    /// `a - b` for any two number atoms.
    static func subtract(_ a: Expr, _ b: Expr) -> Expr { add(a, negate(b)) }

    /// Whether a number atom is (exactly or as a machine number) zero.
    static func isZeroNumber(_ e: Expr) -> Bool {
        switch e {
        case .integer(0): return true
        case .real(let d): return d == 0
        case .bigReal(let x): return x.isZero
        case .complex(let r, let i): return isZero(r) && isZero(i)
        default: return false
        }
    }

    /// Whether two number atoms are equal as `Equal` sees them: exact comparison for exact numbers,
    /// machine reals equal when they agree to within the last 7 binary digits (Wolfram's tolerance).
    static func numericallyEqual(_ a: Expr, _ b: Expr) -> Bool {
        let (ar, ai) = parts(a), (br, bi) = parts(b)
        return realsEqual(ar, br) && realsEqual(ai, bi)
    }

    static func realsEqual(_ a: Expr, _ b: Expr) -> Bool {
        if isExactReal(a) && isExactReal(b) { return compareReal(a, b) == 0 }
        if let equal = BigReals.equal(a, b) { return equal }
        guard let x = double(a), let y = double(b) else { return false }
        return machineEqual(x, y)
    }

    /// Machine reals compared with Wolfram's tolerance (7 bits, about 1.78e-15 relative).
    static func machineEqual(_ x: Double, _ y: Double) -> Bool {
        if x == y { return true }
        if x.isNaN || y.isNaN || x.isInfinite || y.isInfinite { return false }
        let scale = max(abs(x), abs(y))
        // Numbers that are both tiny compared to 1 are compared to each other, never to zero alone.
        return abs(x - y) <= scale * 0x1p-46
    }
}
