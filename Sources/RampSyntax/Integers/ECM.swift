import CGMP

/// Arithmetic modulo an odd `n` of `k` limbs in Montgomery form (values a·R mod n, R = 2^(64k))
/// on GMP's `mpn` layer: a product is one `mpn_mul_n` and k `mpn_addmul_1` reduction steps, with no
/// division (a division by n cost more than the product itself in `mpz` arithmetic).
final class MontgomeryField {
    typealias Limbs = UnsafeMutablePointer<mp_limb_t>
    let k: Int
    let n: Limbs
    let modulus: MPZ
    /// -n⁻¹ mod 2^64.
    let nInverse: mp_limb_t
    private let product: Limbs

    init(_ value: BigInt) {
        let m = MPZ()
        value.withMPZ { __gmpz_set(m.z, $0) }
        modulus = m
        let count = Int(cgmp_limb_count(m.z))
        let limbs = Limbs.allocate(capacity: count)
        for i in 0..<count { limbs[i] = __gmpz_getlimbn(m.z, i) }
        var inverse = limbs[0]   // right to 3 bits for odd n; each Newton step doubles them
        for _ in 0..<6 { inverse = inverse &* (2 &- limbs[0] &* inverse) }
        k = count
        n = limbs
        nInverse = 0 &- inverse
        product = .allocate(capacity: 2 * count)
    }

    deinit {
        n.deallocate()
        product.deallocate()
    }

    func element() -> Limbs {
        let e = Limbs.allocate(capacity: k)
        e.initialize(repeating: 0, count: k)
        return e
    }

    /// r = t·R⁻¹ mod n for the 2k-limb t in `product` (t < n·R).
    @inline(__always) private func reduce(_ r: Limbs) {
        var top: mp_limb_t = 0
        for i in 0..<k {
            let m = product[i] &* nInverse
            let carry = __gmpn_addmul_1(product + i, n, k, m)
            top &+= __gmpn_add_1(product + i + k, product + i + k, k - i, carry)
        }
        if top != 0 || __gmpn_cmp(product + k, n, k) >= 0 {
            __gmpn_sub_n(r, product + k, n, k)
        } else {
            for i in 0..<k { r[i] = product[k + i] }
        }
    }

    /// r = a·b·R⁻¹ (r may be a or b).
    @inline(__always) func multiply(_ r: Limbs, _ a: Limbs, _ b: Limbs) {
        if a == b { __gmpn_sqr(product, a, k) } else { __gmpn_mul_n(product, a, b, k) }
        reduce(r)
    }

    @inline(__always) func add(_ r: Limbs, _ a: Limbs, _ b: Limbs) {
        if __gmpn_add_n(r, a, b, k) != 0 || __gmpn_cmp(r, n, k) >= 0 { __gmpn_sub_n(r, r, n, k) }
    }

    @inline(__always) func subtract(_ r: Limbs, _ a: Limbs, _ b: Limbs) {
        if __gmpn_sub_n(r, a, b, k) != 0 { __gmpn_add_n(r, r, n, k) }
    }

    /// r = v·R mod n.
    func set(_ r: Limbs, _ v: MPZ) {
        let t = MPZ()
        __gmpz_mul_2exp(t.z, v.z, mp_bitcnt_t(64 * k))
        __gmpz_mod(t.z, t.z, modulus.z)
        for i in 0..<k { r[i] = __gmpz_getlimbn(t.z, i) }
    }

    /// A proper factor of n dividing `a` (gcd(a·R, n) = gcd(a, n)), or nil.
    func properFactor(_ a: Limbs) -> BigInt? {
        var size = k
        while size > 0 && a[size - 1] == 0 { size -= 1 }
        if size == 0 { return nil }
        let g = MPZ()
        var view = __mpz_struct()
        __gmpz_roinit_n(&view, a, size)
        __gmpz_gcd(g.z, &view, modulus.z)
        if __gmpz_cmp_ui(g.z, 1) > 0 && __gmpz_cmp(g.z, modulus.z) < 0 { return BigInt(normalizing: g) }
        return nil
    }

    func isZero(_ a: Limbs) -> Bool { (0..<k).allSatisfy { a[$0] == 0 } }
}

/// Lenstra's elliptic curve method on Montgomery curves `B y² = x³ + A x² + x` in `(X : Z)`
/// coordinates, with Suyama's parametrization (group order divisible by 12) from a seed σ.
/// Stage 1 multiplies the starting point by every prime power ≤ B1 with the Montgomery ladder;
/// stage 2 is the baby-step giant-step continuation: every prime q in (B1, B2] is m·D ± j with j
/// coprime to D = 2310, and q·Q = O makes X(mD·Q)·Z(j·Q) - X(j·Q)·Z(mD·Q) ≡ 0 modulo the factor,
/// so one product over the pairs and one gcd find it.
final class EllipticCurveMethod {
    typealias Limbs = MontgomeryField.Limbs
    let field: MontgomeryField
    /// (A + 2) / 4 of the current curve.
    let a24: Limbs
    // Scratch values.
    private let t1: Limbs, t2: Limbs, t3: Limbs, t4: Limbs

    /// A point in projective `(X : Z)` form.
    final class Point {
        let x: Limbs, z: Limbs
        let k: Int
        init(_ field: MontgomeryField) { x = field.element(); z = field.element(); k = field.k }
        func set(_ p: Point) { for i in 0..<k { x[i] = p.x[i]; z[i] = p.z[i] } }
        deinit { x.deallocate(); z.deallocate() }
    }

    init(_ value: BigInt) {
        field = MontgomeryField(value)
        a24 = field.element()
        t1 = field.element(); t2 = field.element(); t3 = field.element(); t4 = field.element()
    }

    deinit {
        for t in [a24, t1, t2, t3, t4] { t.deallocate() }
    }

    func point() -> Point { Point(field) }

    /// r = 2p.
    func double(_ r: Point, _ p: Point) {
        let f = field
        f.add(t1, p.x, p.z)
        f.multiply(t1, t1, t1)             // (X + Z)²
        f.subtract(t2, p.x, p.z)
        f.multiply(t2, t2, t2)             // (X - Z)²
        f.multiply(r.x, t1, t2)
        f.subtract(t3, t1, t2)             // 4XZ
        f.multiply(t4, a24, t3)
        f.add(t4, t4, t2)
        f.multiply(r.z, t3, t4)
    }

    /// r = p + q given d = p - q (r may be p or q, not d).
    func add(_ r: Point, _ p: Point, _ q: Point, _ d: Point) {
        let f = field
        f.subtract(t1, p.x, p.z)
        f.add(t2, q.x, q.z)
        f.multiply(t1, t1, t2)             // u
        f.add(t2, p.x, p.z)
        f.subtract(t3, q.x, q.z)
        f.multiply(t2, t2, t3)             // v
        f.add(t3, t1, t2)
        f.multiply(t3, t3, t3)
        f.subtract(t4, t1, t2)
        f.multiply(t4, t4, t4)
        f.multiply(r.x, d.z, t3)
        f.multiply(r.z, d.x, t4)
    }

    /// r = k·p for k ≥ 1 (Montgomery ladder; r is not p).
    func multiply(_ r: Point, _ p: Point, by k: UInt64, scratch r1: Point) {
        if k == 1 { r.set(p); return }
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

    /// Sets up the curve of seed σ and its starting point (in `mpz` arithmetic, then in Montgomery
    /// form); a factor of n when the setup itself meets a non-invertible value.
    func startCurve(sigma: Int, _ p: Point) -> (factor: BigInt?, ok: Bool) {
        let n = field.modulus
        let u = MPZ(), v = MPZ(), w = MPZ(), g = MPZ(), x = MPZ(), z = MPZ(), a = MPZ()
        func mulmod(_ r: MPZ, _ a: MPZ, _ b: MPZ) { __gmpz_mul(r.z, a.z, b.z); __gmpz_mod(r.z, r.z, n.z) }
        __gmpz_set_si(u.z, sigma)
        mulmod(u, u, u)
        __gmpz_sub_ui(u.z, u.z, 5)                      // u = σ² - 5
        __gmpz_set_si(v.z, 4 * sigma)                   // v = 4σ
        mulmod(x, u, u); mulmod(x, x, u)                // X = u³
        mulmod(z, v, v); mulmod(z, z, v)                // Z = v³
        // a24 = (v - u)³ (3u + v) / (16 u³ v)
        __gmpz_sub(w.z, v.z, u.z)
        mulmod(a, w, w); mulmod(a, a, w)
        __gmpz_mul_ui(w.z, u.z, 3)
        __gmpz_add(w.z, w.z, v.z)
        mulmod(a, a, w)
        mulmod(w, x, v)
        __gmpz_mul_ui(w.z, w.z, 16)
        __gmpz_mod(w.z, w.z, n.z)
        if __gmpz_invert(g.z, w.z, n.z) == 0 {
            __gmpz_gcd(g.z, w.z, n.z)
            if __gmpz_cmp_ui(g.z, 1) > 0 && __gmpz_cmp(g.z, n.z) < 0 { return (BigInt(normalizing: g), false) }
            return (nil, false)
        }
        mulmod(a, a, g)
        field.set(a24, a)
        field.set(p.x, x)
        field.set(p.z, z)
        return (nil, true)
    }

    /// Runs one curve; a proper factor of n or nil. `primes` are the primes ≤ B1.
    func runCurve(sigma: Int, b1: Int, primes: [Int], plan: Stage2Plan, shouldStop: () -> Bool) -> BigInt? {
        let q = point(), t = point(), scratch = point()
        let (early, ok) = startCurve(sigma: sigma, q)
        if !ok { return early }
        // Stage 1.
        for (i, p) in primes.enumerated() {
            var power = UInt64(p)
            while power <= UInt64(b1 / p) { power *= UInt64(p) }
            multiply(t, q, by: power, scratch: scratch)
            q.set(t)
            if i & 63 == 63 && shouldStop() { return nil }
        }
        if let f = field.properFactor(q.z) { return f }
        if field.isZero(q.z) { return nil }   // n divides the order: try another curve
        return stage2(q, plan: plan, shouldStop: shouldStop)
    }

    /// The giant-step width of stage 2.
    static let width = 2310

    /// Which products stage 2 takes, the same for every curve with the same bounds: for each giant
    /// step m from m0, the j ≤ D/2 with m·D - j or m·D + j a prime in (B1, B2] (one entry for both).
    struct Stage2Plan {
        let m0: Int
        /// The entries of step m0 + i are `babies[starts[i]..<starts[i + 1]]`.
        var starts: [Int32] = [0]
        var babies: [Int16] = []

        init(b1: Int, b2: Int) {
            let d = EllipticCurveMethod.width, half = d / 2
            m0 = Swift.max(1, b1 / d)
            let mEnd = (b2 + half) / d
            let basePrimes = PrimeCounting.primes(upTo: PrimeCounting.integerSquareRoot(b2 + d) + 1)
            var marked = [Bool](repeating: false, count: half + 1)
            // Sieve 64 steps at a time; each prime p belongs to the step nearest it.
            var m = m0
            while m <= mEnd {
                let last = Swift.min(mEnd, m + 63)
                let primes = PrimeCounting.primes(in: Swift.max(b1 + 1, m * d - half), Swift.min(b2, last * d + half), basePrimes: basePrimes)
                var i = 0
                for step in m...last {
                    let center = step * d
                    while i < primes.count && primes[i] <= center + half {
                        let j = Swift.abs(primes[i] - center)
                        if !marked[j] { marked[j] = true; babies.append(Int16(j)) }
                        i += 1
                    }
                    for k in Int(starts.last!)..<babies.count { marked[Int(babies[k])] = false }
                    starts.append(Int32(babies.count))
                }
                m = last + 1
            }
        }
    }

    func stage2(_ q: Point, plan: Stage2Plan, shouldStop: () -> Bool) -> BigInt? {
        let d = EllipticCurveMethod.width, half = d / 2
        let f = field
        // Baby steps j·Q for odd j ≤ D/2; kept for j coprime to D.
        var baby = [Point?](repeating: nil, count: half + 1)
        let q2 = point()
        double(q2, q)
        var previous = point(), current = point()
        previous.set(q)            // j = 1
        add(current, q2, q, q)     // j = 3
        func coprime(_ j: Int) -> Bool { j % 3 != 0 && j % 5 != 0 && j % 7 != 0 && j % 11 != 0 }
        let one = point(); one.set(q)
        baby[1] = one
        var j = 3
        while j <= half {
            if coprime(j) { let copy = point(); copy.set(current); baby[j] = copy }
            let next = point()
            add(next, current, q2, previous)   // (j + 2)Q = jQ + 2Q, difference (j - 2)Q
            previous = current
            current = next
            j += 2
        }
        // Giant steps m·D·Q from m0.
        let g = point(), scratch = point()
        multiply(g, q, by: UInt64(d), scratch: scratch)
        let pm = point(), pNext = point()
        multiply(pm, g, by: UInt64(plan.m0), scratch: scratch)
        multiply(pNext, g, by: UInt64(plan.m0 + 1), scratch: scratch)
        let accumulator = f.element(), a = f.element(), b = f.element()
        defer { for e in [accumulator, a, b] { e.deallocate() } }
        let one64 = MPZ()
        __gmpz_set_ui(one64.z, 1)
        f.set(accumulator, one64)
        for step in 0..<(plan.starts.count - 1) {
            for k in Int(plan.starts[step])..<Int(plan.starts[step + 1]) {
                // Primes of m·D ± j with j not coprime to D are the primes ≤ 11, never past B1.
                guard let bp = baby[Int(plan.babies[k])] else { continue }
                f.multiply(a, pm.x, bp.z)
                f.multiply(b, bp.x, pm.z)
                f.subtract(a, a, b)
                f.multiply(accumulator, accumulator, a)
            }
            // (m + 1)·D·Q becomes current: (m + 2)DQ = (m + 1)DQ + DQ, difference m·DQ.
            add(scratch, pNext, g, pm)
            pm.set(pNext)
            pNext.set(scratch)
            if step & 15 == 15 {
                if shouldStop() { return nil }
                if let factor = f.properFactor(accumulator) { return factor }
            }
        }
        return f.properFactor(accumulator)
    }
}

extension BigInt {
    /// A proper factor of the odd composite `self` (not a perfect power, no factors below 2^16)
    /// by the elliptic curve method, trying curves with growing bounds until one succeeds; nil
    /// when `shouldStop` turned true. Deterministic: the curves' seeds are 6, 7, 8, ….
    /// `rows` limits the schedule to its first rows (nil: without end; the caller then tries another
    /// method when no factor turned up).
    public func ellipticCurveFactor(rows: Int? = nil, shouldStop: () -> Bool = { false }) -> BigInt? {
        let ecm = EllipticCurveMethod(self)
        // (B1, curves): GMP-ECM's schedule for 15, 20, 25, 30, 35, 40-digit factors, with a step
        // between the first two; B2 = 100·B1. The last row repeats.
        let schedule = [(2000, 25), (5000, 40), (11000, 90), (50000, 300), (250000, 700), (1_000_000, 1800), (3_000_000, 5100)]
        var sigma = 6
        var row = 0
        while rows.map({ row < $0 }) ?? true {
            let (b1, curves) = schedule[Swift.min(row, schedule.count - 1)]
            let b2 = 100 * b1
            let primes = PrimeCounting.primes(upTo: b1)
            let plan = EllipticCurveMethod.Stage2Plan(b1: b1, b2: b2)
            for _ in 0..<curves {
                if shouldStop() { return nil }
                if let f = ecm.runCurve(sigma: sigma, b1: b1, primes: primes, plan: plan, shouldStop: shouldStop) {
                    return f
                }
                sigma += 1
            }
            row += 1
        }
        return nil
    }
}
