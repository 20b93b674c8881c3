import RampSyntax
import RealModule
import Synchronization

/// Number theory on exact integers, computed by GMP through `BigInt`: PowerMod, QuotientRemainder,
/// ExtendedGCD, Fibonacci, LucasL, IntegerLength, Surd, NextPrime and FactorInteger. (Mod,
/// Quotient, GCD, LCM, Factorial, Binomial, PrimeQ and IntegerDigits are in NumberFunctions.swift.)
extension Kernel {
    func installIntegerTheory() {
        installModularFunctions()
        installSequenceFunctions()
        installIntegerLength()
        installSurd()
        installPrimeFunctions()
        installPrimeCounting()        // Primes.swift: Prime, PrimePi
        installNumberTheory()         // NumberTheory.swift: Divisors, EulerPhi, ChineseRemainder, …
    }

    // MARK: PowerMod, QuotientRemainder, ExtendedGCD

    private func installModularFunctions() {
        define(BuiltinSpec("PowerMod", attributes: [.listable], arguments: .exactly(3),
                           messages: [("ninv", "`1` is not invertible modulo `2`."), ("divz", "The argument `1` in `2` should be nonzero.")],
                           usage: "PowerMod[a, b, m] gives a^b mod m.\nPowerMod[a, -1, m] finds the modular inverse of a modulo m.") { call throws(EvaluationControl) in
            let args = call.args
            guard let a = Numbers.bigInt(args[0]), let b = Numbers.bigInt(args[1]), let m = Numbers.bigInt(args[2]) else {
                // Modular roots (rational b) are not computed: the call stays.
                return nil
            }
            if m.isZero {
                call.message("divz", args[2], call.expr)
                return nil
            }
            guard case .result(let result) = a.power(b, modulo: m, shouldStop: call.kernel.abortPending) else {
                try call.kernel.checkAbort()
                return nil
            }
            guard let r = result else {
                call.message("ninv", args[0], args[2])
                return nil
            }
            // Wolfram's result has the sign of m, as Mod's does.
            return .integer(m.sign == .minus && !r.isZero ? r + m : r)
        })

        define(BuiltinSpec("QuotientRemainder", attributes: [.listable], arguments: .exactly(2),
                           messages: [("divz", "The argument `1` in `2` should be nonzero.")],
                           usage: "QuotientRemainder[m, n] gives a list of the quotient and remainder from division of m by n.") { call in
            let (m, n) = (call.args[0], call.args[1])
            guard Numbers.isReal(m), Numbers.isReal(n) else { return nil }
            if Numbers.isZero(n) {
                call.message("divz", n, call.expr)
                return nil
            }
            if let a = Numbers.bigInt(m), let b = Numbers.bigInt(n) {
                let (q, r) = a.floorQuotientAndRemainder(dividingBy: b)
                return .list([.integer(q), .integer(r)])
            }
            guard let q = Kernel.floorQuotient(m, n) else { return nil }
            let a = Arithmetic(kernel: call.kernel)
            return .list([q, a.plus([m, Numbers.negate(a.times([n, q]))])])
        })

        define("ExtendedGCD", attributes: [.listable], arguments: .atLeast(1),
               usage: "ExtendedGCD[n1, n2, …] gives the extended greatest common divisor of the integers ni.") { call in
            var values: [BigInt] = []
            for a in call.args {
                guard let v = Numbers.bigInt(a) else { return nil }
                values.append(v)
            }
            // g = gcd(n1, …, nk) = Σ ri ni, folding GMP's two-argument mpz_gcdext.
            var g = values[0].magnitude
            var coefficients: [BigInt] = [values[0].sign == .minus ? -1 : 1]
            for v in values.dropFirst() {
                let (g2, s, t) = g.extendedGCD(with: v)
                coefficients = coefficients.map { $0 * s }
                coefficients.append(t)
                g = g2
            }
            return .list([.integer(g), .list(coefficients.map { .integer($0) })])
        }
    }

    // MARK: Fibonacci, LucasL

    private func installSequenceFunctions() {
        // F(n) and L(n) have about 0.695 n bits.
        func sequenceTerm(_ e: Expr, _ call: BuiltinCall, _ gmp: (Int) -> BigInt, negativeSign: (Int) -> Bool,
                          machine: (Double) -> Double) -> Expr? {
            switch e {
            case .integer(let n):
                let m = n.magnitude
                guard m < UInt(Int.max), SizeLimit.allowsInteger(bits: Int(m) / 10 * 7 + 8) else {
                    return IntegerFunctions.overflow(call.kernel)
                }
                let v = gmp(Int(m))
                return .integer(n < 0 && negativeSign(Int(m)) ? -v : v)
            case .bigInteger:
                return IntegerFunctions.overflow(call.kernel)
            case .real(let x):
                return .real(machine(x))
            default:
                return nil
            }
        }
        let phi = (1 + 5.0.squareRoot()) / 2
        define("Fibonacci", attributes: [.listable, .numericFunction], arguments: .exactly(1),
               usage: "Fibonacci[n] gives the Fibonacci number Fn.") { call in
            // F(-n) = (-1)^(n+1) F(n); for real x, (φ^x - cos(π x) φ^-x)/√5.
            sequenceTerm(call.args[0], call, BigInt.fibonacci, negativeSign: { $0 & 1 == 0 }) { x in
                (Double.pow(phi, x) - Double.cos(Double.pi * x) * Double.pow(phi, -x)) / 5.0.squareRoot()
            }
        }
        define("LucasL", attributes: [.listable, .numericFunction], arguments: .exactly(1),
               usage: "LucasL[n] gives the Lucas number Ln.") { call in
            // L(-n) = (-1)^n L(n); for real x, φ^x + cos(π x) φ^-x.
            sequenceTerm(call.args[0], call, BigInt.lucas, negativeSign: { $0 & 1 == 1 }) { x in
                Double.pow(phi, x) + Double.cos(Double.pi * x) * Double.pow(phi, -x)
            }
        }
    }

    // MARK: IntegerLength

    private func installIntegerLength() {
        define("IntegerLength", attributes: [.listable], arguments: ArgumentCount(1, 2),
               usage: "IntegerLength[n] gives the number of decimal digits in the integer n.\nIntegerLength[n, b] gives the number of base-b digits in the integer n.") { call in
            let args = call.args
            guard let n = Numbers.bigInt(args[0]) else { return nil }
            var base = BigInt(10)
            if args.count == 2 {
                guard let b = Numbers.bigInt(args[1]), b > 1 else {
                    call.kernel.message(call.head, "ibase", [args[1]])
                    return nil
                }
                base = b
            }
            return .integer(IntegerFunctions.integerLength(n.magnitude, base: base))
        }
    }

    // MARK: Surd

    private func installSurd() {
        define(BuiltinSpec("Surd", attributes: [.listable, .numericFunction], arguments: .exactly(2),
                           messages: [("noneg", "Surd is not defined for even roots of negative values.")],
                           usage: "Surd[x, n] gives the real-valued nth root of x.") { call in
            let (x, ne) = (call.args[0], call.args[1])
            guard case .integer(let n) = ne, n != 0 else { return nil }
            guard Numbers.isReal(x) else { return nil }
            let negative = Numbers.signReal(x) < 0
            if negative && n & 1 == 0 {
                call.message("noneg")
                return .symbol(Sym.Indeterminate)
            }
            if case .real(let v) = x {
                let r = Double.pow(Swift.abs(v), 1 / Double(n))
                return .real(negative ? -r : r)
            }
            // Exact: the root of a perfect power; otherwise the call stays (Surd[2, 3]).
            guard let (p, q) = Numbers.fraction(x), n.magnitude < UInt(Int.max) else { return nil }
            let k = Int(n.magnitude)
            if p.isZero { return n > 0 ? 0 : nil }
            guard let rp = Numbers.exactRoot(p.magnitude, k), let rq = Numbers.exactRoot(q, k) else { return nil }
            let root = Expr.rational(negative ? -rp : rp, over: rq)
            return n > 0 ? root : Numbers.reciprocalReal(root)
        })
    }

    // MARK: NextPrime, FactorInteger

    private func installPrimeFunctions() {
        define("NextPrime", attributes: [.listable], arguments: ArgumentCount(1, 2),
               usage: "NextPrime[x] gives the smallest prime above x.\nNextPrime[x, k] gives the kth-next prime above x (below x for negative k).") { call throws(EvaluationControl) in
            let args = call.args
            var k = 1
            if args.count == 2 {
                guard case .integer(let kk) = args[1], kk != 0 else { return nil }
                k = kk
            }
            // Start from the integer just at or below x (primes strictly above x are above ⌊x⌋).
            var n: BigInt
            switch args[0] {
            case .integer, .bigInteger: n = Numbers.bigInt(args[0])!
            case .rational(let p, let q): n = p.floorDivided(by: q)
            case .real(let x) where x.isFinite: n = BigInt(x.rounded(.down))
            default: return nil
            }
            // Below a non-integer x, count down from ⌊x⌋ + 1.
            if k < 0, !Numbers.isInteger(args[0]), Numbers.compareReal(.integer(n), args[0]) != 0 { n += 1 }
            for _ in 0..<k.magnitude {
                let next = k > 0 ? IntegerFunctions.primeAbove(n, call.kernel.abortPending) : IntegerFunctions.primeBelow(n, call.kernel.abortPending)
                try call.kernel.checkAbort()
                guard let next else { return nil }
                n = next
            }
            return .integer(n)
        }

        define("FactorInteger", attributes: [.listable], arguments: ArgumentCount(1, 2),
               usage: "FactorInteger[n] gives a list of the prime factors of the integer n, together with their exponents.") { call throws(EvaluationControl) in
            guard call.args.count == 1, let (p, q) = Numbers.fraction(call.args[0]) else { return nil }
            if p.isZero { return .list([.list([0, 1])]) }
            let stop = call.kernel.abortPending
            var factors: [(BigInt, Int)] = []
            for (part, sign) in [(p, 1), (q, -1)] where part.magnitude != 1 {
                guard let f = IntegerFactorization.factor(part.magnitude, shouldStop: stop) else {
                    try call.kernel.checkAbort()
                    return nil
                }
                factors += f.map { ($0.prime, $0.exponent * sign) }
            }
            factors.sort { $0.0 < $1.0 }
            var rows = factors.map { Expr.list([.integer($0.0), .integer($0.1)]) }
            if p.sign == .minus { rows.insert(.list([-1, 1]), at: 0) }
            if rows.isEmpty { rows = [.list([1, 1])] }
            return .list(rows)
        }
    }
}

extension IntegerFunctions {
    /// The number of base-`base` digits of `n` ≥ 0 (0 for 0): GMP's estimate, which may be one too
    /// many, checked against the power of the base.
    static func integerLength(_ n: BigInt, base: BigInt) -> Int {
        if n.isZero { return 0 }
        if let small = n.int, let b = base.int {
            var count = 0, v = small
            while v > 0 { v /= b; count += 1 }
            return count
        }
        if let b = base.int, b <= 62 {
            let estimate = n.digitCountEstimate(base: b)
            if b & (b - 1) == 0 { return estimate }   // exact for powers of two
            // log_b n from the top 64 bits is good to far better than 1e-3 (for any n below 2^40
            // bits): away from an integer, its floor decides. Near one, compare with b^(estimate-1).
            let shift = Swift.max(0, n.bitLength - 64)
            let logB = (Double.log2(Double(n >> shift)) + Double(shift)) / Double.log2(Double(b))
            let fraction = logB - logB.rounded(.down)
            if fraction > 1e-3 && fraction < 1 - 1e-3 { return Int(logB.rounded(.down)) + 1 }
            return n < base.power(estimate - 1) ? estimate - 1 : estimate
        }
        // A huge base: count by division (few digits).
        var count = 0, v = n
        while !v.isZero { v = v / base; count += 1 }
        return count
    }

    /// The least prime above `n`, on the line of primes …, -5, -3, -2, 2, 3, 5, … (Wolfram's
    /// NextPrime counts negatives of primes as primes); nil when `shouldStop` turned true.
    static func primeAbove(_ n: BigInt, _ shouldStop: () -> Bool) -> BigInt? {
        if n >= -2 && n < 2 { return 2 }
        if n.sign == .minus { return primeBelow(-n, shouldStop).map { -$0 } }   // the largest prime below |n|, negated
        guard case .result(let p) = n.nextPrime(shouldStop: shouldStop) else { return nil }
        return p
    }

    /// The greatest prime below `n` on the same line; nil when `shouldStop` turned true.
    static func primeBelow(_ n: BigInt, _ shouldStop: () -> Bool) -> BigInt? {
        if n > -2 && n <= 2 { return -2 }
        if n.sign == .minus { return primeAbove(-n, shouldStop).map { -$0 } }
        if n == 3 { return 2 }
        var c = n - 1
        if c.isEven { c -= 1 }
        while true {
            switch c.isProbablePrime(shouldStop: shouldStop) {
            case .stopped: return nil
            case .result(true): return c
            case .result(false): c -= 2
            }
        }
    }
}

extension Kernel {
    /// Whether an abort was requested: the `shouldStop` that long GMP loops poll.
    var abortPending: () -> Bool {
        { [unowned self] in self.abortRequested.load(ordering: .relaxed) }
    }
}

/// Integer factorization: trial division by the primes below 2^16, then for what is left the
/// GMP primality test, perfect powers, Pollard's rho with Brent's cycle detection (in machine
/// words below 2^63, in Montgomery form below 2^127, on `mpz_t`s above) and the elliptic curve
/// method (BigInt.ellipticCurveFactor) for factors past rho's reach.
enum IntegerFactorization {
    /// The primes below 2^16.
    static let smallPrimes: [Int] = {
        let limit = 1 << 16
        var composite = [Bool](repeating: false, count: limit)
        var primes: [Int] = []
        for i in 2..<limit where !composite[i] {
            primes.append(i)
            var j = i * i
            while j < limit { composite[j] = true; j += i }
        }
        return primes
    }()

    /// The prime factors of `n` ≥ 1 with their exponents, in increasing order; nil when `shouldStop`
    /// turns true first.
    static func factor(_ n: BigInt, shouldStop: () -> Bool) -> [(prime: BigInt, exponent: Int)]? {
        var counts: [BigInt: Int] = [:]
        var rest = n
        for (i, p) in smallPrimes.enumerated() {
            if rest == 1 { break }
            // A prime cofactor needs no more trial division (checked once, after the first primes).
            if i == 256, rest.bitLength > 40, case .result(true) = rest.isProbablePrime(shouldStop: shouldStop) { break }
            if let small = rest.int {
                if p * p > small { break }
                if small % p != 0 { continue }
            } else if rest.remainder(modulo: UInt(p)) != 0 {
                continue
            }
            let (r, k) = rest.removingFactor(BigInt(p))
            counts[BigInt(p), default: 0] += k
            rest = r
        }
        // What is left has no factor below 2^16: a composite below 2^32 cannot be left, and every
        // piece split off below stays without one.
        var pending: [(BigInt, Int)] = rest > 1 ? [(rest, 1)] : []
        while let (m, multiplicity) = pending.popLast() {
            if shouldStop() { return nil }
            var isPrime = m < BigInt(1 << 32)
            if !isPrime {
                guard case .result(let p) = m.isProbablePrime(shouldStop: shouldStop) else { return nil }
                isPrime = p
            }
            if isPrime {
                counts[m, default: 0] += multiplicity
            } else if m.isPerfectPower, let (root, k) = perfectPowerRoot(m) {
                pending.append((root, multiplicity * k))
            } else {
                guard let d = splitComposite(m, shouldStop: shouldStop) else { return nil }
                pending.append((d, multiplicity))
                pending.append((m / d, multiplicity))
            }
        }
        return counts.map { (prime: $0.key, exponent: $0.value) }.sorted { $0.prime < $1.prime }
    }

    /// `m = root^k` with `k` > 1 as large as possible (`m` a perfect power > 1).
    static func perfectPowerRoot(_ m: BigInt) -> (BigInt, Int)? {
        let (t, j) = Numbers.perfectPower(m)
        return j > 1 ? (t, j) : nil
    }

    /// A non-trivial factor of the composite `m` (odd, not a perfect power, no factor below 2^16),
    /// nil when stopped. Below 2^63, Pollard's rho alone (the smaller factor is below 2^32).
    /// Above, a short run of rho (it finds factors up to about 10^10 at once), then the quadratic
    /// sieve (up to about 100 digits) and the elliptic curve method, whose time grows with the size
    /// of the smallest factor, not of `m`.
    static func splitComposite(_ m: BigInt, shouldStop: () -> Bool) -> BigInt? {
        if let small = m.int {
            var c: UInt64 = 1
            while true {
                if let d = rho(UInt64(small), c: c, shouldStop: shouldStop) { return BigInt(Int(d)) }
                if shouldStop() { return nil }
                c += 1
            }
        }
        if m.bitLength < 127, let montgomery = MontgomeryRho(m.magnitudeWords.reversed().reduce(UInt128(0)) { $0 << 64 | UInt128($1) }) {
            if let d = montgomery.factor(c: 1, maxSteps: 1 << 18, shouldStop: shouldStop) {
                return BigInt(UInt(truncatingIfNeeded: d)) + (BigInt(UInt(truncatingIfNeeded: d >> 64)) << 64)
            }
        } else if let d = m.pollardRhoFactor(c: 1, maxIterations: 1 << 15, shouldStop: shouldStop) {
            return d
        }
        if shouldStop() { return nil }
        // Up to about 100 digits the quadratic sieve, whose time depends on m alone (a product of
        // two 30-digit primes in about a second); above 60 digits a few elliptic curves first, for
        // factors of up to about 20 digits. Beyond, and when the sieve gives up, the curves alone.
        if m.bitLength <= 335 {
            if m.bitLength > 200, let d = m.ellipticCurveFactor(rows: 2, shouldStop: shouldStop) { return d }
            if shouldStop() { return nil }
            if let d = m.quadraticSieveFactor(shouldStop: shouldStop) { return d }
            if shouldStop() { return nil }
        }
        return m.ellipticCurveFactor(shouldStop: shouldStop)
    }

    /// Pollard–Brent rho on machine words (`n` < 2^63): a non-trivial factor, nil when this `c`
    /// fails or `shouldStop` turns true.
    static func rho(_ n: UInt64, c: UInt64, shouldStop: () -> Bool) -> UInt64? {
        func mulmod(_ a: UInt64, _ b: UInt64) -> UInt64 {
            let (high, low) = a.multipliedFullWidth(by: b)
            return n.dividingFullWidth((high, low)).remainder
        }
        func f(_ x: UInt64) -> UInt64 { (mulmod(x, x) + c) % n }
        func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 {
            var (a, b) = (a, b)
            while b != 0 { (a, b) = (b, a % b) }
            return a
        }
        var y: UInt64 = 2, x: UInt64 = 2, ys: UInt64 = 2, q: UInt64 = 1, g: UInt64 = 1
        var r = 1
        let batch = 128
        while g == 1 {
            x = y
            for _ in 0..<r { y = f(y) }
            var k = 0
            while k < r && g == 1 {
                ys = y
                for _ in 0..<Swift.min(batch, r - k) {
                    y = f(y)
                    q = mulmod(q, x > y ? x - y : y - x)
                }
                g = gcd(q, n)
                k += batch
            }
            r *= 2
            if r > 1 << 26 || shouldStop() { return nil }
        }
        if g == n {
            repeat {
                ys = f(ys)
                g = gcd(x > ys ? x - ys : ys - x, n)
            } while g == 1
        }
        return g == n ? nil : g
    }
}

/// Pollard–Brent rho for an odd `n` below 2^127 in Montgomery form (R = 2^128) on two 64-bit
/// words: a step is eight word products and no division, several times faster than the same step
/// on `mpz_t`s. The map `x ↦ x·x·R⁻¹ + c` is as good a pseudo-random map as `x² + c`, and
/// differences keep their common factors with `n` (R is invertible), so nothing is converted.
struct MontgomeryRho {
    typealias Pair = (high: UInt64, low: UInt64)
    let n: Pair
    /// -n⁻¹ mod 2^64 (word-by-word reduction).
    let nPrime: UInt64

    init?(_ value: UInt128) {
        guard value & 1 == 1, value >> 127 == 0, value > 3 else { return nil }
        n = (UInt64(truncatingIfNeeded: value >> 64), UInt64(truncatingIfNeeded: value))
        var inverse = n.low   // correct to 3 bits for odd n; each Newton step doubles them
        for _ in 0..<6 { inverse = inverse &* (2 &- n.low &* inverse) }
        nPrime = 0 &- inverse
    }

    /// a·b + c + d as two words (it cannot overflow).
    @inline(__always) static func multiplyAdd(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64) -> Pair {
        let p = a.multipliedFullWidth(by: b)
        let (l1, o1) = p.low.addingReportingOverflow(c)
        let (l2, o2) = l1.addingReportingOverflow(d)
        return (p.high &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0), l2)
    }

    @inline(__always) static func less(_ a: Pair, _ b: Pair) -> Bool { a.high < b.high || (a.high == b.high && a.low < b.low) }

    @inline(__always) static func subtract(_ a: Pair, _ b: Pair) -> Pair {
        let (low, borrow) = a.low.subtractingReportingOverflow(b.low)
        return (a.high &- b.high &- (borrow ? 1 : 0), low)
    }

    /// a·b·R⁻¹ mod n for a, b < n (CIOS: one word of b at a time, then one word of reduction).
    @inline(__always) func multiply(_ a: Pair, _ b: Pair) -> Pair {
        var t0: UInt64 = 0, t1: UInt64 = 0, t2: UInt64 = 0
        @inline(__always) func step(_ bi: UInt64) {
            var w = Self.multiplyAdd(a.low, bi, t0, 0)
            t0 = w.low
            w = Self.multiplyAdd(a.high, bi, t1, w.high)
            t1 = w.low
            let (s, o) = t2.addingReportingOverflow(w.high)
            t2 = s
            let t3: UInt64 = o ? 1 : 0
            let m = t0 &* nPrime
            w = Self.multiplyAdd(m, n.low, t0, 0)   // low word becomes 0
            w = Self.multiplyAdd(m, n.high, t1, w.high)
            t0 = w.low
            let (s2, o2) = t2.addingReportingOverflow(w.high)
            t1 = s2
            t2 = t3 &+ (o2 ? 1 : 0)
        }
        step(b.low)
        step(b.high)
        let t: Pair = (t1, t0)   // below 2n < 2^128, so t2 is 0
        return Self.less(t, n) ? t : Self.subtract(t, n)
    }

    static func gcd(_ a: UInt128, _ b: UInt128) -> UInt128 {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }

    /// A non-trivial factor of the composite `n`, nil when this `c` fails or `shouldStop` turns true.
    func factor(c: UInt128, maxSteps: Int = 1 << 40, shouldStop: () -> Bool) -> UInt128? {
        let modulus = UInt128(n.high) << 64 | UInt128(n.low)
        let cc: Pair = (UInt64(truncatingIfNeeded: c >> 64), UInt64(truncatingIfNeeded: c))
        func f(_ x: Pair) -> Pair {
            let sq = multiply(x, x)
            let (low, carry) = sq.low.addingReportingOverflow(cc.low)
            let s: Pair = (sq.high &+ cc.high &+ (carry ? 1 : 0), low)
            return Self.less(s, n) ? s : Self.subtract(s, n)
        }
        func distance(_ a: Pair, _ b: Pair) -> Pair { Self.less(a, b) ? Self.subtract(b, a) : Self.subtract(a, b) }
        func wide(_ a: Pair) -> UInt128 { UInt128(a.high) << 64 | UInt128(a.low) }
        var y: Pair = (0, 2), x: Pair = (0, 2), ys: Pair = (0, 2), q: Pair = (0, 1)
        var g: UInt128 = 1
        var r = 1
        let batch = 128
        while g == 1 {
            x = y
            for _ in 0..<r { y = f(y) }
            var k = 0
            while k < r && g == 1 {
                ys = y
                for _ in 0..<Swift.min(batch, r - k) {
                    y = f(y)
                    q = multiply(q, distance(x, y))
                }
                g = Self.gcd(wide(q), modulus)
                k += batch
            }
            r *= 2
            if r > maxSteps || shouldStop() { return nil }
        }
        if g == modulus {
            repeat {
                ys = f(ys)
                g = Self.gcd(wide(distance(x, ys)), modulus)
            } while g == 1
        }
        return g == modulus ? nil : g
    }
}
