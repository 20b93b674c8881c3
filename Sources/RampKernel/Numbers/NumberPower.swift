import RampSyntax
import RealModule

/// The outcome of raising a number to a number: a product of an exact or machine coefficient and
/// symbolic powers that stay (`2 Sqrt[2]` is coefficient 2 and power (2, 1/2)).
struct NumericPower {
    var coefficient: Expr
    var powers: [(base: Expr, exponent: Expr)]
}

extension Numbers {
    /// An upper bound on the bits of `n^m` (`m · log2|n|`, rounded up, plus one), `Int.max` past
    /// `Int`; 1 for 0 and ±1.
    static func powerBits(_ n: BigInt, _ m: UInt) -> Int {
        let bits = n.bitLength
        if bits <= 1 { return 1 }
        // log2|n| from the top 64 bits: exact enough for a size check.
        let shift = Swift.max(0, bits - 64)
        let log2n = Double.log2(Double(n.magnitude >> shift)) + Double(shift)
        let estimate = (Double(m) * log2n).rounded(.up) + 1
        return estimate < 9.0e18 ? Int(estimate) : Int.max
    }

    /// `b^e` for non-zero number `b` and number `e`. Returns nil when the power stays unevaluated
    /// as it is (`2^(1/3)`, `(1 + I)^(1/2)`), and `.coefficient = Overflow[]` marker via `overflow`.
    static func power(_ b: Expr, _ e: Expr) -> NumericPower? {
        if BigReals.isBig(b) || BigReals.isBig(e) {
            if let r = BigReals.power(b, e) { return NumericPower(coefficient: r, powers: []) }
            // Integer powers of complex numbers with big parts multiply out below.
            guard case .complex = b, Numbers.isInteger(e) else { return nil }
        }
        switch e {
        case .integer(let k):
            return NumericPower(coefficient: integerPower(b, k) ?? overflowMarker, powers: [])
        case .bigInteger:
            if isExactOne(b) { return NumericPower(coefficient: 1, powers: []) }
            if case .integer(-1) = b, let k = bigInt(e) {
                return NumericPower(coefficient: k.isOdd ? -1 : 1, powers: [])
            }
            if isMachine(b) { return NumericPower(coefficient: machinePower(b, machine(e)), powers: []) }
            return NumericPower(coefficient: overflowMarker, powers: [])
        case .rational(let p, let q):
            if isMachine(b) {
                // Square roots of machine numbers use the complex square root (Sqrt[-4.] = 0. + 2. I).
                if q == 2 && (p == 1 || p == -1), let z = MachineComplex(b) {
                    let r = MachineComplex.sqrt(z)
                    let v = p == 1 ? r : MachineComplex.one / r
                    return NumericPower(coefficient: isReal(b) && z.re >= 0 ? .real(v.re) : v.complexExpr, powers: [])
                }
                return NumericPower(coefficient: machinePower(b, machine(e)), powers: [])
            }
            // I^r = (-1)^(r/2), (-I)^r = (-1)^(-r/2).
            if case .complex(.integer(0), .integer(let s)) = b, s == 1 || s == -1 {
                let e2 = Expr.rational(p * BigInt(s), over: q * 2)
                guard case .rational(let p2, let q2) = e2, let pi = Int(exactly: p2), let qi = Int(exactly: q2) else {
                    return power(.integer(-1), e2)
                }
                return rationalPower(.integer(-1), pi, qi) ?? NumericPower(coefficient: 1, powers: [(.integer(-1), e2)])
            }
            guard isExactReal(b), let pi = Int(exactly: p), let qi = Int(exactly: q), pi.magnitude < (1 << 60), qi < (1 << 60) else { return nil }
            return rationalPower(b, pi, qi)
        case .real:
            return NumericPower(coefficient: machinePower(machine(b), e), powers: [])
        case .complex:
            if isMachine(b) || isMachine(e) {
                return NumericPower(coefficient: machinePower(machine(b), machine(e)), powers: [])
            }
            return nil
        default:
            return nil
        }
    }

    /// The marker a power returns when the exact result would be too large.
    static let overflowMarker = Expr.call(Symbol.named("Overflow"), [])

    /// `b^k` for a number `b` and machine integer `k` (`b` non-zero when `k < 0`); nil on overflow.
    static func integerPower(_ b: Expr, _ k: Int) -> Expr? {
        if k == 0 { return isMachine(b) ? (isReal(b) ? .real(1) : .complex(.real(1), .real(0))) : .integer(1) }
        if k == 1 { return b }
        switch b {
        case .real(let x): return .real(Double.pow(x, k))
        case .integer(1): return b
        case .integer(-1): return .integer(k & 1 == 0 ? 1 : -1)
        case .integer, .bigInteger, .rational:
            guard let (n, d) = fraction(b) else { return nil }
            if n.isZero { return k > 0 ? .integer(0) : nil }
            let m = k.magnitude
            // Refused before GMP allocates: past the limit the result gives General::ovfl.
            if m > UInt(Int.max) || !SizeLimit.allowsInteger(bits: powerBits(n, m)) || !SizeLimit.allowsInteger(bits: powerBits(d, m)) {
                return nil
            }
            let np = n.power(Int(m)), dp = d.power(Int(m))
            return k > 0 ? .rational(np, over: dp) : .rational(dp, over: np)
        case .complex:
            if isMachine(b) && k.magnitude > 64 { return machinePower(b, .real(Double(k))) }
            var result: Expr = .integer(1)
            var base = b
            var m = k.magnitude
            if !isMachine(b) && m > 100_000 { return nil }
            while m > 0 {
                if m & 1 == 1 { result = multiply(result, base) }
                m >>= 1
                if m > 0 { base = multiply(base, base) }
            }
            if k < 0 { return reciprocal(result) }
            return result
        default:
            return nil
        }
    }

    // MARK: Machine powers

    /// `b^e` in machine arithmetic (real when the result is real, else complex).
    static func machinePower(_ b: Expr, _ e: Expr) -> Expr {
        let (br, bi) = parts(machine(b)), (er, ei) = parts(machine(e))
        let x = double(br) ?? .nan, y = double(bi) ?? 0, u = double(er) ?? .nan, v = double(ei) ?? 0
        var bIsReal = true, eIsReal = true
        if case .complex = b { bIsReal = false }
        if case .complex = e { eIsReal = false }
        if bIsReal && eIsReal {
            if x >= 0 { return .real(x == 0 && u == 0 ? .nan : Double.pow(x, u)) }
            if u == u.rounded() && abs(u) < 9.0e15 { return .real(Double.pow(x, Int(u))) }
        }
        if x == 0 && y == 0 { return .real(u > 0 ? 0 : .infinity) }
        // exp((u + i v) (log|z| + i arg z))
        let logAbs = Double.log(Double.hypot(x, y)), arg = Double.atan2(y: y, x: x)
        let re = u * logAbs - v * arg, im = u * arg + v * logAbs
        let mag = Double.exp(re)
        return .complex(.real(mag * Double.cos(im)), .real(mag * Double.sin(im)))
    }

    // MARK: Exact roots

    /// `b^(p/q)` for an exact non-zero real `b`, q > 1, in Wolfram's canonical form: perfect powers
    /// are taken out (`Sqrt[12]` → `2 Sqrt[3]`, `4^(1/3)` → `2^(2/3)`, `Sqrt[-4]` → `2 I`).
    static func rationalPower(_ b: Expr, _ p: Int, _ q: Int) -> NumericPower? {
        guard let (n, d) = fraction(b) else { return nil }
        if n.sign == .minus {
            return negativeBasePower(-n, d, p, q)
        }
        var coefficient: Expr = .integer(1)
        var numPowers: [(Expr, Expr)] = []
        var denPowers: [(Expr, Expr)] = []
        if n != 1 {
            let r = positiveIntegerRoot(n, p, q)
            coefficient = r.coefficient
            numPowers = r.powers
        }
        if d != 1 {
            let r = positiveIntegerRoot(d, -p, q)
            coefficient = multiply(coefficient, r.coefficient)
            denPowers = r.powers
        }
        var powers: [(base: Expr, exponent: Expr)] = []
        if numPowers.count == 1, denPowers.count == 1,
           case .rational(let a, let c) = numPowers[0].1, case .rational(let a2, let c2) = denPowers[0].1,
           a == -a2, c == c2,
           let nb = bigInt(numPowers[0].0), let db = bigInt(denPowers[0].0)
        {
            powers = [(.rational(nb, over: db), numPowers[0].1)]
        } else {
            powers = numPowers.map { ($0.0, $0.1) } + denPowers.map { ($0.0, $0.1) }
        }
        if powers.count == 1 && isExactOne(coefficient) && powers[0].base == b && powers[0].exponent == .rational(BigInt(p), BigInt(q)) {
            return nil
        }
        return NumericPower(coefficient: coefficient, powers: powers)
    }

    /// `(-n/d)^(p/q)`, principal branch.
    private static func negativeBasePower(_ n: BigInt, _ d: BigInt, _ p: Int, _ q: Int) -> NumericPower? {
        let positive = Expr.rational(n, over: d)
        if q == 2 {
            // (-x)^(p/2) = I^p x^(p/2)
            let iPower: Expr
            switch ((p % 4) + 4) % 4 {
            case 0: iPower = 1
            case 1: iPower = .complex(0, 1)
            case 2: iPower = -1
            default: iPower = .complex(0, -1)
            }
            if isExactOne(positive) { return NumericPower(coefficient: iPower, powers: []) }
            var r = rationalPower(positive, p, q) ?? NumericPower(coefficient: 1, powers: [(positive, .rational(BigInt(p), BigInt(q)))])
            r.coefficient = multiply(r.coefficient, iPower)
            return r
        }
        if isExactOne(positive) {
            // (-1)^(p/q) = (-1)^k (-1)^(r/q) with 0 < r < q.
            let k = p >= 0 ? p / q : -((-p + q - 1) / q)
            let r = p - k * q
            if k == 0 { return nil }
            return NumericPower(coefficient: k & 1 == 0 ? 1 : -1, powers: [(.integer(-1), .rational(BigInt(r), over: BigInt(q)))])
        }
        // Pull perfect q-th powers out of the magnitude; what is left keeps its sign.
        guard let r = rationalPower(positive, p, q) else { return nil }
        var coefficient = r.coefficient
        var powers: [(base: Expr, exponent: Expr)] = []
        var signAbsorbed = false
        for (base, exponent) in r.powers {
            if !signAbsorbed, case .rational(let ep, let eq) = exponent, eq == BigInt(q), ep.magnitude == BigInt(p).magnitude {
                powers.append((negateReal(base), exponent))
                signAbsorbed = true
            } else {
                powers.append((base, exponent))
            }
        }
        if !signAbsorbed {
            guard let minusOne = power(.integer(-1), .rational(BigInt(p), over: BigInt(q))) else {
                powers.append((.integer(-1), .rational(BigInt(p), over: BigInt(q))))
                return NumericPower(coefficient: coefficient, powers: powers)
            }
            coefficient = multiply(coefficient, minusOne.coefficient)
            powers += minusOne.powers
        }
        return NumericPower(coefficient: coefficient, powers: powers)
    }

    /// `n^(p/q)` for a positive integer `n` (q > 1): coefficient times at most one remaining power.
    private static func positiveIntegerRoot(_ n: BigInt, _ p: Int, _ q: Int) -> NumericPower {
        // n = m^q * s
        var (m, s) = extractPowers(n, q)
        var coefficient: Expr = integerPower(.integer(m), p) ?? overflowMarker
        if s == 1 { return NumericPower(coefficient: coefficient, powers: []) }
        // s = t^j: exponent j*p/q.
        let (t, j) = perfectPower(s)
        s = t
        var num = BigInt(j) * BigInt(p), den = BigInt(q)
        let g = num.greatestCommonDivisor(with: den)
        num /= g; den /= g
        guard let ni = Int(exactly: num), let di = Int(exactly: den) else {
            return NumericPower(coefficient: coefficient, powers: [(.integer(s), .rational(num, over: den))])
        }
        // Split off the integer part, truncating toward zero: 2^(3/2) → 2 * 2^(1/2).
        let whole = ni / di, rest = ni - whole * di
        if whole != 0 {
            coefficient = multiply(coefficient, integerPower(.integer(s), whole) ?? overflowMarker)
        }
        m = 1
        if rest == 0 { return NumericPower(coefficient: coefficient, powers: []) }
        return NumericPower(coefficient: coefficient, powers: [(.integer(s), .rational(BigInt(rest), over: BigInt(di)))])
    }

    /// Splits a positive `n = m^q * s` taking out q-th powers of small primes and of a perfect-power
    /// cofactor.
    static func extractPowers(_ n: BigInt, _ q: Int) -> (BigInt, BigInt) {
        var m: BigInt = 1, s: BigInt = 1, rest = n
        var p = 2
        while p < 4096 && rest > 1 {
            let bp = BigInt(p)
            if bp * bp > rest { break }
            if rest.isDivisible(by: bp) {
                let (r, count) = rest.removingFactor(bp)
                rest = r
                m *= bp.power(count / q)
                s *= bp.power(count % q)
            }
            p += p == 2 ? 1 : 2
        }
        if rest > 1 {
            if let r = exactRoot(rest, q) { m *= r } else { s *= rest }
        }
        return (m, s)
    }

    /// The exact k-th root of a non-negative `n`, if `n` is a perfect k-th power (`mpz_rootrem`).
    static func exactRoot(_ n: BigInt, _ k: Int) -> BigInt? {
        if n < 2 || k == 1 { return n }
        if k >= n.bitLength { return nil }
        let (r, exact) = n.root(k)
        return exact ? r : nil
    }

    /// `n = t^j` with `j` as large as possible, for `n` > 0.
    static func perfectPower(_ n: BigInt) -> (BigInt, Int) {
        var t = n, j = 1
        if n < 4 { return (n, 1) }
        while t.isPerfectPower {
            var found = false
            var p = 2
            while p < t.bitLength {
                if isSmallPrime(p), let r = exactRoot(t, p), r > 1 {
                    t = r; j *= p; found = true
                    break
                }
                p += 1
            }
            if !found { break }
        }
        return (t, j)
    }

    static func isSmallPrime(_ p: Int) -> Bool {
        if p < 2 { return false }
        if p < 4 { return true }
        if p % 2 == 0 { return false }
        var d = 3
        while d * d <= p { if p % d == 0 { return false }; d += 2 }
        return true
    }
}
