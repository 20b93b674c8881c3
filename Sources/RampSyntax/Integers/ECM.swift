import CGMP

/// Lenstra's elliptic curve method on Montgomery curves `B y² = x³ + A x² + x` in `(X : Z)`
/// coordinates, with Suyama's parametrization (group order divisible by 12) from a seed σ.
/// Stage 1 multiplies the starting point by every prime power ≤ B1 with the Montgomery ladder;
/// stage 2 is the baby-step giant-step continuation: every prime q in (B1, B2] is m·D ± j with j
/// coprime to D = 2310, and q·Q = O makes X(mD·Q)·Z(j·Q) - X(j·Q)·Z(mD·Q) ≡ 0 modulo the factor,
/// so one product over the pairs and one gcd find it.
struct EllipticCurveMethod {
    let n: MPZ
    /// (A + 2) / 4 of the current curve.
    let a24 = MPZ()
    // Scratch values.
    private let t1 = MPZ(), t2 = MPZ(), t3 = MPZ(), t4 = MPZ(), product = MPZ()

    /// A point in projective `(X : Z)` form.
    final class Point {
        let x = MPZ(), z = MPZ()
        func set(_ p: Point) { __gmpz_set(x.z, p.x.z); __gmpz_set(z.z, p.z.z) }
    }

    init(_ value: BigInt) {
        n = MPZ()
        value.withMPZ { __gmpz_set(n.z, $0) }
    }

    @inline(__always) private func mulmod(_ r: MPZ, _ a: MPZ, _ b: MPZ) {
        __gmpz_mul(product.z, a.z, b.z)
        __gmpz_tdiv_r(r.z, product.z, n.z)
    }

    /// r = 2p.
    func double(_ r: Point, _ p: Point) {
        __gmpz_add(t1.z, p.x.z, p.z.z)
        mulmod(t1, t1, t1)                 // (X + Z)²
        __gmpz_sub(t2.z, p.x.z, p.z.z)
        mulmod(t2, t2, t2)                 // (X - Z)²
        mulmod(r.x, t1, t2)
        __gmpz_sub(t3.z, t1.z, t2.z)       // 4XZ
        mulmod(t4, a24, t3)
        __gmpz_add(t4.z, t4.z, t2.z)
        mulmod(r.z, t3, t4)
    }

    /// r = p + q given d = p - q (r may be p or q, not d).
    func add(_ r: Point, _ p: Point, _ q: Point, _ d: Point) {
        __gmpz_sub(t1.z, p.x.z, p.z.z)
        __gmpz_add(t2.z, q.x.z, q.z.z)
        mulmod(t1, t1, t2)                 // u
        __gmpz_add(t2.z, p.x.z, p.z.z)
        __gmpz_sub(t3.z, q.x.z, q.z.z)
        mulmod(t2, t2, t3)                 // v
        __gmpz_add(t3.z, t1.z, t2.z)
        mulmod(t3, t3, t3)
        __gmpz_sub(t4.z, t1.z, t2.z)
        mulmod(t4, t4, t4)
        mulmod(r.x, d.z, t3)
        mulmod(r.z, d.x, t4)
    }

    /// r = k·p for k ≥ 1 (Montgomery ladder; r is not p).
    func multiply(_ r: Point, _ p: Point, by k: UInt64) {
        if k == 1 { r.set(p); return }
        let r1 = Point()
        r.set(p)
        double(r1, p)
        var bit = 63 - k.leadingZeroBitCount - 1
        while bit >= 0 {
            if (k >> UInt64(bit)) & 1 == 1 {
                add(r, r, r1, p)
                double(r1, r1)
            } else {
                add(r1, r, r1, p)
                double(r, r)
            }
            bit -= 1
        }
    }

    /// Sets up the curve of seed σ and its starting point; a factor of n when the setup itself
    /// meets a non-invertible value.
    func startCurve(sigma: Int, _ p: Point) -> (factor: BigInt?, ok: Bool) {
        let u = MPZ(), v = MPZ(), w = MPZ(), g = MPZ()
        __gmpz_set_si(u.z, sigma)
        mulmod(u, u, u)
        __gmpz_sub_ui(u.z, u.z, 5)                      // u = σ² - 5
        __gmpz_set_si(v.z, 4 * sigma)                   // v = 4σ
        mulmod(p.x, u, u); mulmod(p.x, p.x, u)          // X = u³
        mulmod(p.z, v, v); mulmod(p.z, p.z, v)          // Z = v³
        // a24 = (v - u)³ (3u + v) / (16 u³ v)
        __gmpz_sub(w.z, v.z, u.z)
        mulmod(a24, w, w); mulmod(a24, a24, w)
        __gmpz_mul_ui(w.z, u.z, 3)
        __gmpz_add(w.z, w.z, v.z)
        mulmod(a24, a24, w)
        mulmod(w, p.x, v)
        __gmpz_mul_ui(w.z, w.z, 16)
        __gmpz_tdiv_r(w.z, w.z, n.z)
        if __gmpz_invert(g.z, w.z, n.z) == 0 {
            __gmpz_gcd(g.z, w.z, n.z)
            if __gmpz_cmp_ui(g.z, 1) > 0 && __gmpz_cmp(g.z, n.z) < 0 { return (BigInt(normalizing: g), false) }
            return (nil, false)
        }
        mulmod(a24, a24, g)
        return (nil, true)
    }

    /// A proper factor `1 < g < n` from `gcd(v, n)`, or nil.
    func properFactor(_ v: MPZ) -> BigInt? {
        let g = MPZ()
        __gmpz_gcd(g.z, v.z, n.z)
        if __gmpz_cmp_ui(g.z, 1) > 0 && __gmpz_cmp(g.z, n.z) < 0 { return BigInt(normalizing: g) }
        return nil
    }

    /// Runs one curve; a proper factor of n or nil. `primes` are the primes ≤ B1; `basePrimes` the
    /// primes ≤ √(B2 + D).
    func runCurve(sigma: Int, b1: Int, b2: Int, primes: [Int], basePrimes: [Int], shouldStop: () -> Bool) -> BigInt? {
        let q = Point(), t = Point()
        let (early, ok) = startCurve(sigma: sigma, q)
        if !ok { return early }
        // Stage 1.
        for (i, p) in primes.enumerated() {
            var power = UInt64(p)
            while power <= UInt64(b1 / p) { power *= UInt64(p) }
            multiply(t, q, by: power)
            q.set(t)
            if i & 63 == 63 && shouldStop() { return nil }
        }
        if let f = properFactor(q.z) { return f }
        if isZeroModN(q.z) { return nil }   // n divides the order: try another curve
        return stage2(q, b1: b1, b2: b2, basePrimes: basePrimes, shouldStop: shouldStop)
    }

    private func isZeroModN(_ m: MPZ) -> Bool {
        __gmpz_tdiv_r(t1.z, m.z, n.z)
        return cgmp_sgn(t1.z) == 0
    }

    /// The giant-step width of stage 2.
    static let width = 2310

    func stage2(_ q: Point, b1: Int, b2: Int, basePrimes: [Int], shouldStop: () -> Bool) -> BigInt? {
        let d = EllipticCurveMethod.width, half = d / 2
        // Baby steps j·Q for odd j ≤ D/2; kept for j coprime to D.
        var baby: [Int: Point] = [:]
        let q2 = Point()
        double(q2, q)
        var previous = Point(), current = Point()
        previous.set(q)            // j = 1
        current.set(q)
        add(current, q2, q, q)     // j = 3
        func coprime(_ j: Int) -> Bool { j % 3 != 0 && j % 5 != 0 && j % 7 != 0 && j % 11 != 0 }
        let one = Point(); one.set(q)
        baby[1] = one
        var j = 3
        while j <= half {
            if coprime(j) { let k = Point(); k.set(current); baby[j] = k }
            let next = Point()
            add(next, current, q2, previous)   // (j + 2)Q = jQ + 2Q, difference (j - 2)Q
            previous = current
            current = next
            j += 2
        }
        // Giant steps m·D·Q from m0 = ⌊B1/D⌋ (at least 1).
        let g = Point()
        multiply(g, q, by: UInt64(d))
        var m = Swift.max(1, b1 / d)
        let pm = Point(), pNext = Point(), scratch = Point()
        multiply(pm, g, by: UInt64(m))
        multiply(pNext, g, by: UInt64(m + 1))
        let accumulator = MPZ(), a = MPZ(), b = MPZ()
        __gmpz_set_ui(accumulator.z, 1)
        let babyKeys = baby.keys.sorted()
        var steps = 0
        while m * d - half <= b2 {
            let center = m * d
            let window = PrimeCounting.primes(in: Swift.max(b1 + 1, center - half), Swift.min(b2, center + half), basePrimes: basePrimes)
            if !window.isEmpty {
                var used = Set<Int>()
                for p in window { let jj = Swift.abs(p - center); if baby[jj] != nil { used.insert(jj) } }
                for jj in babyKeys where used.contains(jj) {
                    let bp = baby[jj]!
                    mulmod(a, pm.x, bp.z)
                    mulmod(b, bp.x, pm.z)
                    __gmpz_sub(a.z, a.z, b.z)
                    mulmod(accumulator, accumulator, a)
                }
            }
            // (m + 1)·D·Q becomes current: (m + 2)DQ = (m + 1)DQ + DQ, difference m·DQ.
            add(scratch, pNext, g, pm)
            pm.set(pNext)
            pNext.set(scratch)
            m += 1
            steps += 1
            if steps & 15 == 0 {
                if shouldStop() { return nil }
                if let f = properFactor(accumulator) { return f }
            }
        }
        return properFactor(accumulator)
    }
}

extension BigInt {
    /// A proper factor of the odd composite `self` (not a perfect power, no factors below 2^16)
    /// by the elliptic curve method, trying curves with growing bounds until one succeeds; nil
    /// when `shouldStop` turned true. Deterministic: the curves' seeds are 6, 7, 8, ….
    public func ellipticCurveFactor(shouldStop: () -> Bool = { false }) -> BigInt? {
        let ecm = EllipticCurveMethod(self)
        // (B1, curves): GMP-ECM's schedule for 15, 20, 25, 30, 35, 40-digit factors, with a step
        // between the first two; B2 = 100·B1. The last row repeats.
        let schedule = [(2000, 25), (5000, 40), (11000, 90), (50000, 300), (250000, 700), (1_000_000, 1800), (3_000_000, 5100)]
        var sigma = 6
        var row = 0
        while true {
            let (b1, curves) = schedule[Swift.min(row, schedule.count - 1)]
            let b2 = 100 * b1
            let primes = PrimeCounting.primes(upTo: b1)
            let basePrimes = PrimeCounting.primes(upTo: PrimeCounting.integerSquareRoot(b2 + EllipticCurveMethod.width) + 1)
            for _ in 0..<curves {
                if shouldStop() { return nil }
                if let f = ecm.runCurve(sigma: sigma, b1: b1, b2: b2, primes: primes, basePrimes: basePrimes, shouldStop: shouldStop) {
                    return f
                }
                sigma += 1
            }
            row += 1
        }
    }
}
