import CGMP

/// GMP's integer algorithms, for the kernel's integer builtins. Callers check result sizes before
/// asking for a power, factorial or the like: GMP aborts the process when memory runs out.
extension BigInt {
    /// `self^k` for `k` ≥ 0 (`mpz_pow_ui`).
    public func power(_ k: Int) -> BigInt {
        precondition(k >= 0, "BigInt.power: negative exponent")
        switch k {
        case 0: return 1
        case 1: return self
        default: return BigInt.unary(self) { __gmpz_pow_ui($0, $1, UInt(k)) }
        }
    }

    /// The greatest common divisor (non-negative).
    public func greatestCommonDivisor(with b: BigInt) -> BigInt {
        if case .small(let x) = representation, case .small(let y) = b.representation, x != .min, y != .min {
            var a = x.magnitude, c = y.magnitude
            while c != 0 { (a, c) = (c, a % c) }
            return BigInt(Int(a))
        }
        return BigInt.binary(self, b) { __gmpz_gcd($0, $1, $2) }
    }

    /// The least common multiple (non-negative; 0 when either is 0).
    public func leastCommonMultiple(with b: BigInt) -> BigInt {
        BigInt.binary(self, b) { __gmpz_lcm($0, $1, $2) }
    }

    /// `(g, s, t)` with `g = gcd(self, b) = s·self + t·b`, GMP's minimal coefficients
    /// (|s| ≤ |b|/(2g), |t| ≤ |self|/(2g), unless one argument divides the other).
    public func extendedGCD(with b: BigInt) -> (gcd: BigInt, s: BigInt, t: BigInt) {
        let g = MPZ(), s = MPZ(), t = MPZ()
        withMPZ { x in b.withMPZ { y in __gmpz_gcdext(g.z, s.z, t.z, x, y) } }
        return (BigInt(normalizing: g), BigInt(normalizing: s), BigInt(normalizing: t))
    }

    /// The inverse of `self` modulo `m` in `0..<|m|`, nil when there is none (`m` ≠ 0).
    public func inverse(modulo m: BigInt) -> BigInt? {
        precondition(!m.isZero, "BigInt.inverse: zero modulus")
        if m == 1 || m == -1 { return 0 }
        var exists = false
        let r = withMPZ { x in m.withMPZ { y in BigInt.computing { exists = __gmpz_invert($0, x, y) != 0 } } }
        return exists ? r : nil
    }

    /// `self^e mod m` in `0..<|m|` (`mpz_powm`); a negative `e` uses the inverse modulo `m`, nil when
    /// there is none. `m` ≠ 0.
    public func power(_ e: BigInt, modulo m: BigInt) -> BigInt? {
        precondition(!m.isZero, "BigInt.power(_:modulo:): zero modulus")
        let modulus = m.magnitude
        if modulus == 1 { return 0 }
        var base = self
        var exponent = e
        if e.sign == .minus {
            guard let inv = inverse(modulo: modulus) else { return nil }
            base = inv
            exponent = -e
        }
        return base.withMPZ { b in exponent.withMPZ { x in modulus.withMPZ { n in
            BigInt.computing { __gmpz_powm($0, b, x, n) }
        } } }
    }

    /// `n!` (`mpz_fac_ui`), `n` ≥ 0.
    public static func factorial(_ n: Int) -> BigInt {
        precondition(n >= 0, "BigInt.factorial: negative argument")
        return computing { __gmpz_fac_ui($0, UInt(n)) }
    }

    /// `n!!` (`mpz_2fac_ui`), `n` ≥ 0.
    public static func doubleFactorial(_ n: Int) -> BigInt {
        precondition(n >= 0, "BigInt.doubleFactorial: negative argument")
        return computing { __gmpz_2fac_ui($0, UInt(n)) }
    }

    /// The binomial coefficient `C(n, k)` for any integer `n` and `k` ≥ 0 (`mpz_bin_ui`; negative `n`
    /// by `C(-n + k - 1, k)(-1)^k`).
    public static func binomial(_ n: BigInt, _ k: Int) -> BigInt {
        precondition(k >= 0, "BigInt.binomial: negative k")
        return unary(n) { __gmpz_bin_ui($0, $1, UInt(k)) }
    }

    /// The Fibonacci number `F(n)` (`mpz_fib_ui`), `n` ≥ 0.
    public static func fibonacci(_ n: Int) -> BigInt {
        precondition(n >= 0, "BigInt.fibonacci: negative index")
        return computing { __gmpz_fib_ui($0, UInt(n)) }
    }

    /// The Lucas number `L(n)` (`mpz_lucnum_ui`), `n` ≥ 0.
    public static func lucas(_ n: Int) -> BigInt {
        precondition(n >= 0, "BigInt.lucas: negative index")
        return computing { __gmpz_lucnum_ui($0, UInt(n)) }
    }

    /// `⌊√self⌋` for `self` ≥ 0.
    public func squareRoot() -> BigInt {
        precondition(sign == .plus, "BigInt.squareRoot: negative argument")
        if case .small(let x) = representation, x < 1 << 52 {
            var r = Int(Double(x).squareRoot())
            while r * r > x { r -= 1 }
            while (r + 1) * (r + 1) <= x { r += 1 }
            return BigInt(r)
        }
        return BigInt.unary(self) { __gmpz_sqrt($0, $1) }
    }

    /// The `k`-th root truncated toward zero and whether it is exact (`mpz_rootrem`); `k` ≥ 1, and
    /// `self` ≥ 0 when `k` is even.
    public func root(_ k: Int) -> (root: BigInt, isExact: Bool) {
        precondition(k >= 1 && (k & 1 == 1 || sign == .plus), "BigInt.root: no real root")
        if k == 1 { return (self, true) }
        let r = MPZ(), rest = MPZ()
        withMPZ { __gmpz_rootrem(r.z, rest.z, $0, UInt(k)) }
        return (BigInt(normalizing: r), cgmp_sgn(rest.z) == 0)
    }

    /// Whether `self` is a perfect square (negative numbers are not).
    public var isPerfectSquare: Bool { withMPZ { __gmpz_perfect_square_p($0) != 0 } }

    /// Whether `self = a^b` for some integer `a` and `b` > 1 (0, 1 and -1 are).
    public var isPerfectPower: Bool { withMPZ { __gmpz_perfect_power_p($0) != 0 } }

    /// GMP's primality test of `|self|`: trial division, Baillie–PSW, then `reps` - 24 Miller–Rabin
    /// rounds with random bases. 2: certainly prime (small numbers), 1: probably prime, 0:
    /// composite. Below 2^64 a 1 is certain too: no Baillie–PSW pseudoprime is that small.
    public func primality(reps: Int = 25) -> Int {
        Int(withMPZ { __gmpz_probab_prime_p($0, Int32(reps)) })
    }

    /// Whether `|self|` is prime (Baillie–PSW and one Miller–Rabin round: no counterexample is known).
    public var isProbablePrime: Bool { primality() > 0 }

    /// The least prime greater than `self` (2 for `self` < 2), by `mpz_nextprime`.
    public func nextPrime() -> BigInt {
        if sign == .minus { return 2 }
        return BigInt.unary(self) { __gmpz_nextprime($0, $1) }
    }

    /// `self / f^k` and `k`, with `f^k` the highest power of `f` dividing `self` (`mpz_remove`);
    /// `|f|` > 1 and `self` ≠ 0.
    public func removingFactor(_ f: BigInt) -> (rest: BigInt, count: Int) {
        precondition(f.magnitude > 1 && !isZero, "BigInt.removingFactor: bad arguments")
        var count = 0
        let rest = withMPZ { x in f.withMPZ { y in BigInt.computing { count = Int(__gmpz_remove($0, x, y)) } } }
        return (rest, count)
    }

    /// `self mod d` in `0..<d` for a machine divisor `d` > 0 (`mpz_fdiv_ui`, no allocation).
    public func remainder(modulo d: UInt) -> UInt {
        precondition(d > 0, "BigInt.remainder(modulo:): zero divisor")
        if case .small(let x) = representation, let di = Int(exactly: d) {
            let r = x % di
            return UInt(r < 0 ? r + di : r)
        }
        return withMPZ { UInt(__gmpz_fdiv_ui($0, d)) }
    }

    /// The Jacobi symbol `(a/n)` for odd positive `n` (`mpz_jacobi`).
    public static func jacobi(_ a: BigInt, _ n: BigInt) -> Int {
        Int(a.withMPZ { x in n.withMPZ { y in __gmpz_jacobi(x, y) } })
    }

    /// The Kronecker symbol `(a/n)` for any integers (`mpz_kronecker`).
    public static func kronecker(_ a: BigInt, _ n: BigInt) -> Int {
        Int(a.withMPZ { x in n.withMPZ { y in __gmpz_jacobi(x, y) } })
    }

    /// A non-trivial factor of the odd composite `self` > 1 by Pollard's rho with Brent's cycle
    /// detection (`x ↦ x² + c mod n`, gcds batched over products of 128 differences), run in place
    /// on `mpz_t`s; nil when `maxIterations` steps find none (try another `c`). `shouldStop` is polled
    /// between batches.
    public func pollardRhoFactor(c: Int, maxIterations: Int, shouldStop: () -> Bool = { false }) -> BigInt? {
        precondition(sign == .plus && c > 0, "BigInt.pollardRhoFactor: bad arguments")
        let n = MPZ(), x = MPZ(), y = MPZ(), ys = MPZ(), q = MPZ(), g = MPZ(), t = MPZ()
        withMPZ { __gmpz_set(n.z, $0) }
        func step(_ v: MPZ) {
            __gmpz_mul(t.z, v.z, v.z)
            __gmpz_add_ui(t.z, t.z, UInt(c))
            __gmpz_mod(v.z, t.z, n.z)
        }
        __gmpz_set_ui(y.z, 2)
        __gmpz_set_ui(q.z, 1)
        __gmpz_set_ui(g.z, 1)
        var r = 1, iterations = 0
        let batch = 128
        while __gmpz_cmp_ui(g.z, 1) == 0 {
            __gmpz_set(x.z, y.z)
            for _ in 0..<r { step(y) }
            var k = 0
            while k < r && __gmpz_cmp_ui(g.z, 1) == 0 {
                __gmpz_set(ys.z, y.z)
                for _ in 0..<min(batch, r - k) {
                    step(y)
                    __gmpz_sub(t.z, x.z, y.z)
                    __gmpz_abs(t.z, t.z)
                    __gmpz_mul(t.z, t.z, q.z)
                    __gmpz_mod(q.z, t.z, n.z)
                }
                __gmpz_gcd(g.z, q.z, n.z)
                k += batch
                iterations += batch
                if iterations > maxIterations || shouldStop() { return nil }
            }
            r *= 2
        }
        if __gmpz_cmp(g.z, n.z) == 0 {
            // The batch overshot: step one at a time from its start.
            repeat {
                step(ys)
                __gmpz_sub(t.z, x.z, ys.z)
                __gmpz_abs(t.z, t.z)
                __gmpz_gcd(g.z, t.z, n.z)
            } while __gmpz_cmp_ui(g.z, 1) == 0
        }
        if __gmpz_cmp(g.z, n.z) == 0 { return nil }
        return BigInt(normalizing: g)
    }

    // MARK: Interruptible versions for large operands

    /// Past this many bits a modular power or a primality test takes GMP long enough (a third of a
    /// second and more) that the versions below run it as a loop of GMP steps, polling
    /// `shouldStop` between them, so that an abort is honoured. Below it, one GMP call.
    public static let interruptibleBits = 8192

    /// `self^e mod m` like `power(_:modulo:)`, as a loop of squarings and products that gives up
    /// (`.stopped`) when `shouldStop` turns true; `.result(nil)` when a negative `e` has no inverse.
    public func power(_ e: BigInt, modulo m: BigInt, shouldStop: () -> Bool) -> Interruptible<BigInt?> {
        let modulus = m.magnitude
        if modulus.bitLength <= BigInt.interruptibleBits || e.magnitude.bitLength <= 64 {
            return .result(power(e, modulo: m))
        }
        var base = self
        if e.sign == .minus {
            guard let inv = inverse(modulo: modulus) else { return .result(nil) }
            base = inv
        }
        guard let r = BigInt.powerModulo(base, e.magnitude, modulus, shouldStop: shouldStop) else { return .stopped }
        return .result(r)
    }

    /// `b^e mod n` for `e` ≥ 0 and `n` > 1 in chunks of the exponent from the top, each a few GMP
    /// calls, polling `shouldStop` between chunks; nil when stopped. Each chunk of c bits is
    /// `r ← r^(2^c) · b^chunk mod n` (both by `mpz_powm`, about twice the work of one `mpz_powm` in
    /// all); for the base 2 the second factor is a shift by at most 2^12 bits and a reduction, so
    /// that a base-2 test costs little more than GMP's own.
    static func powerModulo(_ b: BigInt, _ e: BigInt, _ n: BigInt, shouldStop: () -> Bool) -> BigInt? {
        let r = MPZ(), t = MPZ(), base = MPZ(), modulus = MPZ(), exponent = MPZ(), piece = MPZ(), step = MPZ()
        n.withMPZ { __gmpz_set(modulus.z, $0) }
        e.withMPZ { __gmpz_set(exponent.z, $0) }
        b.withMPZ { __gmpz_mod(base.z, $0, modulus.z) }
        let baseTwo = b == 2
        let chunk = baseTwo ? 12 : 256
        __gmpz_set_ui(step.z, 1)
        __gmpz_mul_2exp(step.z, step.z, mp_bitcnt_t(chunk))   // 2^chunk
        __gmpz_set_ui(r.z, 1)
        var j = (e.bitLength - 1) / chunk
        var first = true
        while j >= 0 {
            // piece = bits [j·chunk, (j+1)·chunk) of the exponent.
            __gmpz_tdiv_q_2exp(piece.z, exponent.z, mp_bitcnt_t(j * chunk))
            __gmpz_fdiv_r_2exp(piece.z, piece.z, mp_bitcnt_t(chunk))
            if !first { __gmpz_powm(r.z, r.z, step.z, modulus.z) }
            first = false
            if baseTwo {
                __gmpz_mul_2exp(r.z, r.z, mp_bitcnt_t(__gmpz_get_ui(piece.z)))
                __gmpz_mod(r.z, r.z, modulus.z)
            } else {
                __gmpz_powm(t.z, base.z, piece.z, modulus.z)
                __gmpz_mul(r.z, r.z, t.z)
                __gmpz_mod(r.z, r.z, modulus.z)
            }
            if shouldStop() { return nil }
            j -= 1
        }
        return BigInt(normalizing: r)
    }

    /// Whether `|self|` is prime, as `isProbablePrime`; past `interruptibleBits`, trial division and
    /// a strong probable-prime test to base 2 run as an interruptible loop first (they reject
    /// composites), and only a number that passes gets GMP's whole test. `.stopped` when
    /// `shouldStop` turned true.
    public func isProbablePrime(shouldStop: () -> Bool) -> Interruptible<Bool> {
        let n = magnitude
        if n.bitLength <= BigInt.interruptibleBits { return .result(n.isProbablePrime) }
        if n.isEven { return .result(false) }
        var d: UInt = 3
        while d < 2000 {
            if n.remainder(modulo: d) == 0 { return .result(false) }
            d += 2
        }
        let nMinusOne = n - 1
        let s = nMinusOne.trailingZeroBitCount
        guard var x = BigInt.powerModulo(2, nMinusOne >> s, n, shouldStop: shouldStop) else { return .stopped }
        if x != 1 && x != nMinusOne {
            var passed = false
            for _ in 1..<Swift.max(s, 1) {
                x = BigInt.binary(x, n) { t, a, m in __gmpz_mul(t, a, a); __gmpz_mod(t, t, m) }
                if x == nMinusOne { passed = true; break }
                if x == 1 || shouldStop() { break }
            }
            if shouldStop() { return .stopped }
            if !passed { return .result(false) }
        }
        return .result(n.isProbablePrime)
    }

    /// The least prime greater than `self`, as `nextPrime()`, testing candidates with the
    /// interruptible test past `interruptibleBits`.
    public func nextPrime(shouldStop: () -> Bool) -> Interruptible<BigInt> {
        if bitLength < BigInt.interruptibleBits { return .result(nextPrime()) }
        var c = self + 1
        if c.isEven { c += 1 }
        while true {
            switch c.isProbablePrime(shouldStop: shouldStop) {
            case .stopped: return .stopped
            case .result(true): return .result(c)
            case .result(false): c += 2
            }
        }
    }
}

/// The outcome of a computation that may be interrupted.
public enum Interruptible<Value> {
    case result(Value)
    case stopped
}
