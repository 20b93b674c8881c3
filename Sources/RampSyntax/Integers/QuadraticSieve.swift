#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The self-initialising quadratic sieve (SIQS), for composites of about 25 to 100 digits with no
/// small factor: its time depends on the size of `n`, not of the factor, so it splits a product of
/// two 30-digit primes in a second where the elliptic curve method takes a minute.
///
/// The method (Contini's SIQS with the single-large-prime variation):
/// - a multiplier k (Knuth–Schroeppel) so that kn has many small quadratic residues;
/// - a factor base of the primes p with kn a square mod p, each with a root r (r² ≡ kn mod p);
/// - polynomials Q(x) = ((Ax + B)² − kn) / A with A a product of s factor-base primes near
///   √(2kn)/M, and 2^(s−1) values of B per A, switched in Gray-code order so each switch moves the
///   sieve roots by one table lookup;
/// - sieving log p over x in [−M, M), trial division of the points that reach a threshold, and
///   relations whose cofactor is one prime below the large-prime bound kept until a second one
///   with the same prime turns up;
/// - Gaussian elimination over GF(2) for subsets whose product is a square, and gcd(X − Z, n).
struct QuadraticSieve {
    let n: BigInt
    let kn: BigInt
    let multiplier: Int
    /// The factor base: primes, their roots of kn, and their rounded log₂.
    var primes: [Int] = []
    var roots: [Int] = []
    var logs: [UInt8] = []
    /// Half the sieve interval.
    let halfWidth: Int
    let largePrimeBound: Int
    let shouldStop: () -> Bool

    /// A relation: y² ≡ (−1)^s · Π primes[i] · square (mod n), the factor-base indices listed with
    /// multiplicity (index −1 for the sign), `square` the square root of a large prime's square.
    struct Relation {
        var y: BigInt
        var factors: [Int32]
        var square: BigInt
    }

    /// Bytes sieved at a time: a first-level cache's worth.
    static let blockSize = 32768

    /// (digits of kn, factor base size, half-width of the sieve interval).
    static let parameters: [(Int, Int, Int)] = [
        (24, 100, 16384), (30, 200, 32768), (36, 300, 32768), (42, 500, 32768), (48, 900, 65536),
        (54, 1600, 65536), (60, 2600, 65536), (66, 3800, 98304), (72, 5200, 98304), (78, 7000, 131072),
        (84, 9000, 163840), (90, 11000, 196608), (96, 13000, 229376), (102, 15000, 262144),
    ]

    init(_ n: BigInt, shouldStop: @escaping () -> Bool) {
        self.n = n
        self.shouldStop = shouldStop
        multiplier = Self.chooseMultiplier(n)
        kn = n * BigInt(multiplier)
        let digits = kn.toString().count
        let row = Self.parameters.first { $0.0 >= digits } ?? Self.parameters.last!
        halfWidth = row.2
        let basePrimes = PrimeCounting.primes(upTo: Swift.max(1000, row.1 * 30))
        var ps: [Int] = [], rs: [Int] = [], ls: [UInt8] = []
        for p in basePrimes where ps.count < row.1 {
            let a = Int(kn.remainder(modulo: UInt(p)))
            if p == 2 { ps.append(2); rs.append(a & 1); ls.append(1); continue }
            if a == 0 {
                // p divides kn: a root of 0; a factor of n itself is found by the caller's check.
                if multiplier % p == 0 { ps.append(p); rs.append(0); ls.append(Self.roundedLog2(p)) }
                continue
            }
            guard Self.powerMod(a, (p - 1) / 2, p) == 1 else { continue }
            ps.append(p)
            rs.append(Self.squareRootMod(a, p))
            ls.append(Self.roundedLog2(p))
        }
        primes = ps
        roots = rs
        logs = ls
        let pmax = ps.last!
        largePrimeBound = Swift.min(pmax * 300, pmax * pmax - 1, 1 << 32)
    }

    /// A prime of the factor base range that divides n (found while building it), if any.
    static func smallFactor(of n: BigInt, below limit: Int) -> BigInt? {
        for p in PrimeCounting.primes(upTo: limit) where n.remainder(modulo: UInt(p)) == 0 && n != BigInt(p) {
            return BigInt(p)
        }
        return nil
    }

    // MARK: Small-number helpers

    static func roundedLog2(_ p: Int) -> UInt8 { UInt8(binaryLog(Double(p)).rounded()) }

    static func powerMod(_ base: Int, _ exponent: Int, _ m: Int) -> Int {
        var result = 1, b = base % m, e = exponent
        while e > 0 {
            if e & 1 == 1 { result = result * b % m }
            b = b * b % m
            e >>= 1
        }
        return result
    }

    static func inverseMod(_ a: Int, _ m: Int) -> Int {
        var (t, newT, r, newR) = (0, 1, m, ((a % m) + m) % m)
        while newR != 0 {
            let q = r / newR
            (t, newT) = (newT, t - q * newT)
            (r, newR) = (newR, r - q * newR)
        }
        return t < 0 ? t + m : t
    }

    /// A square root of the quadratic residue `a` modulo the odd prime `p` (Tonelli–Shanks).
    static func squareRootMod(_ a: Int, _ p: Int) -> Int {
        if p % 4 == 3 { return powerMod(a, (p + 1) / 4, p) }
        var q = p - 1, s = 0
        while q % 2 == 0 { q /= 2; s += 1 }
        var z = 2
        while powerMod(z, (p - 1) / 2, p) != p - 1 { z += 1 }
        var m = s, c = powerMod(z, q, p), t = powerMod(a, q, p), r = powerMod(a, (q + 1) / 2, p)
        while t != 1 {
            var i = 0, t2 = t
            while t2 != 1 { t2 = t2 * t2 % p; i += 1 }
            let b = powerMod(c, 1 << (m - i - 1), p)
            m = i
            c = b * b % p
            t = t * c % p
            r = r * b % p
        }
        return r
    }

    /// The Knuth–Schroeppel multiplier: the square-free k ≤ 73 for which kn has the most small
    /// quadratic residues, weighted by how often each prime divides a sieved value.
    static func chooseMultiplier(_ n: BigInt) -> Int {
        let candidates = [1, 3, 5, 7, 11, 13, 15, 17, 19, 21, 23, 29, 31, 33, 35, 37, 39, 41, 43, 47,
                          51, 53, 55, 57, 59, 61, 65, 67, 69, 71, 73]
        let small = PrimeCounting.primes(upTo: 400).dropFirst()
        let residues = small.map { Int(n.remainder(modulo: UInt($0))) }
        let n8 = Int(n.remainder(modulo: 8))
        var best = 1, bestScore = -Double.infinity
        for k in candidates {
            var score = -0.5 * naturalLog(Double(k))
            switch (k * n8) % 8 {
            case 1: score += 2 * naturalLog(2)
            case 5: score += naturalLog(2)
            default: score += 0.5 * naturalLog(2)
            }
            for (p, r) in zip(small, residues) {
                let a = (k % p) * r % p
                if a == 0 { score += naturalLog(Double(p)) / Double(p) }
                else if powerMod(a, (p - 1) / 2, p) == 1 { score += 2 * naturalLog(Double(p)) / Double(p - 1) }
            }
            if score > bestScore { bestScore = score; best = k }
        }
        return best
    }

    // MARK: Relations

    /// A proper factor of n, or nil when stopped (or, rarely, when every dependency gave a trivial
    /// split; the caller then tries another method).
    func factor() -> BigInt? {
        if let p = Self.smallFactor(of: n, below: primes.last! + 1) { return p }
        let needed = primes.count + 1 + 48
        var relations: [Relation] = []
        var partials: [Int: Relation] = [:]
        var generator = SystemRandomNumberGenerator()
        var usedA: Set<BigInt> = []
        let width = 2 * halfWidth
        // The width is a multiple of 8 (of 16384, in fact), so the sieve is read as 64-bit words.
        let sieve = UnsafeMutablePointer<UInt8>.allocate(capacity: width)
        defer { sieve.deallocate() }
        // Primes below `minSieved` are not sieved: they cost the most additions and add little.
        // The threshold is log₂ of the largest |Q(x)| ≈ M √(kn/2), less the large prime and what
        // the unsieved primes add on average (2 log p / (p − 1) for each, 2 log 2 for 2).
        let minSieved = Swift.min(256, primes.last! / 16)
        let logQ = binaryLog(Double(halfWidth)) + Double(kn.bitLength) / 2 - 0.5
        var unsieved = 2.0
        for p in primes.dropFirst() where p < minSieved { unsieved += 2 * binaryLog(Double(p)) / Double(p - 1) }
        let threshold = UInt8(Swift.min(127, Swift.max(1, logQ - binaryLog(Double(largePrimeBound)) - unsieved - 1)).rounded())
        var attempts = 0
        while relations.count < needed {
            if shouldStop() { return nil }
            attempts += 1
            if attempts > 1_000_000 { return nil }
            guard let poly = choosePolynomialFamily(&generator, &usedA) else { return nil }
            var b = poly.b
            var soln1 = poly.soln1, soln2 = poly.soln2
            // The primes sieved (their two roots differ: primes dividing k are not sieved).
            let sievedIndices = (0..<primes.count).filter { poly.sieved[$0] && primes[$0] >= minSieved }
            let sievedPrimes = sievedIndices.map { primes[$0] }, sievedLogs = sievedIndices.map { logs[$0] }
            var next1 = [Int](repeating: 0, count: sievedIndices.count), next2 = next1
            let count = 1 << (poly.bParts.count - 1)
            for i in 0..<count {
                if i > 0 {
                    if shouldStop() { return nil }
                    // Gray code: B ← B + 2·sign·B_v moves each root by ∓sign·2·B_v/A mod p.
                    let v = i.trailingZeroBitCount
                    let positive = (((i >> v) + 1) / 2) % 2 == 0
                    b = positive ? b + 2 * poly.bParts[v] : b - 2 * poly.bParts[v]
                    let delta = poly.bainv2[v]
                    for j in 0..<primes.count where poly.sieved[j] {
                        let p = primes[j]
                        if positive {
                            soln1[j] -= delta[j]; if soln1[j] < 0 { soln1[j] += p }
                            soln2[j] -= delta[j]; if soln2[j] < 0 { soln2[j] += p }
                        } else {
                            soln1[j] += delta[j]; if soln1[j] >= p { soln1[j] -= p }
                            soln2[j] += delta[j]; if soln2[j] >= p { soln2[j] -= p }
                        }
                    }
                }
                // Sieve block by block (each stays in the first-level cache while every prime
                // adds its logs and the block is scanned). Every byte starts at 128 − threshold, so
                // a point past the threshold has its high bit set and eight are tested at once.
                let start = 128 &- threshold
                for (m, j) in sievedIndices.enumerated() { next1[m] = soln1[j]; next2[m] = soln2[j] }
                var blockStart = 0
                while blockStart < width {
                    let blockEnd = Swift.min(blockStart + Self.blockSize, width)
                    let block = sieve + blockStart
                    block.initialize(repeating: start, count: blockEnd - blockStart)
                    for m in 0..<sievedIndices.count {
                        let p = sievedPrimes[m], l = sievedLogs[m]
                        var k = next1[m]
                        while k < blockEnd { sieve[k] &+= l; k &+= p }
                        next1[m] = k
                        k = next2[m]
                        while k < blockEnd { sieve[k] &+= l; k &+= p }
                        next2[m] = k
                    }
                    // Trial-divide the points past the threshold.
                    let words = UnsafeRawPointer(block).assumingMemoryBound(to: UInt64.self)
                    for w in 0..<((blockEnd - blockStart) / 8) where words[w] & 0x8080_8080_8080_8080 != 0 {
                        for t in (blockStart + 8 * w)..<(blockStart + 8 * w + 8) where sieve[t] & 0x80 != 0 {
                            guard let r = relation(at: t, a: poly.a, b: b, qIndices: poly.qIndices, sieved: poly.sieved,
                                                   soln1: soln1, soln2: soln2) else { continue }
                            if r.cofactor == 1 {
                                relations.append(r.relation)
                            } else if let other = partials[r.cofactor] {
                                let y = (other.y * r.relation.y) % n
                                relations.append(Relation(y: y, factors: other.factors + r.relation.factors, square: BigInt(r.cofactor)))
                            } else {
                                partials[r.cofactor] = r.relation
                            }
                        }
                    }
                    blockStart = blockEnd
                }
                if relations.count >= needed { break }
            }
        }
        return combine(relations)
    }

    /// One family of polynomials: A, the parts B_j of B, and the sieve roots of the first B.
    struct PolynomialFamily {
        var a: BigInt
        var b: BigInt
        var bParts: [BigInt]
        var qIndices: [Int]
        /// Whether each factor-base prime is sieved (not 2, not a factor of A or of k).
        var sieved: [Bool]
        var soln1: [Int]
        var soln2: [Int]
        /// 2·B_j·A⁻¹ mod p, per part and prime.
        var bainv2: [[Int]]
    }

    func choosePolynomialFamily(_ generator: inout SystemRandomNumberGenerator, _ used: inout Set<BigInt>) -> PolynomialFamily? {
        // Target A ≈ √(2kn)/M from s primes of about the same size, chosen at random from a middle
        // range of the factor base; the last prime brings the product closest to the target.
        let logTarget = (Double(kn.bitLength) + 1) / 2 - binaryLog(Double(halfWidth))
        let lowIndex = Swift.max(2, primes.count / 8), highIndex = Swift.max(lowIndex + 4, primes.count * 3 / 4)
        let logMid = binaryLog(Double(primes[(lowIndex + highIndex) / 2]))
        let s = Swift.max(2, Int((logTarget / logMid).rounded()))
        for _ in 0..<200 {
            var chosen: [Int] = []
            var logA = 0.0
            while chosen.count < s - 1 {
                let j = Int.random(in: lowIndex..<highIndex, using: &generator)
                if chosen.contains(j) || multiplier % primes[j] == 0 { continue }
                chosen.append(j)
                logA += binaryLog(Double(primes[j]))
            }
            // The last prime: the one whose log is closest to what remains.
            let want = logTarget - logA
            var bestJ = -1, bestGap = Double.infinity
            for j in 2..<primes.count where !chosen.contains(j) && multiplier % primes[j] != 0 {
                let gap = Swift.abs(binaryLog(Double(primes[j])) - want)
                if gap < bestGap { bestGap = gap; bestJ = j }
            }
            guard bestJ >= 0 else { return nil }
            chosen.append(bestJ)
            chosen.sort()
            var a = BigInt(1)
            for j in chosen { a = a * BigInt(primes[j]) }
            if used.contains(a) { continue }
            used.insert(a)
            return family(a: a, qIndices: chosen)
        }
        return nil
    }

    func family(a: BigInt, qIndices: [Int]) -> PolynomialFamily {
        var bParts: [BigInt] = []
        for j in qIndices {
            let q = primes[j]
            let aOverQ = a / BigInt(q)
            let inverse = Self.inverseMod(Int(aOverQ.remainder(modulo: UInt(q))), q)
            var gamma = roots[j] * inverse % q
            if gamma > q / 2 { gamma = q - gamma }
            bParts.append(aOverQ * BigInt(gamma))
        }
        let b = bParts.reduce(BigInt(0), +)
        var sieved = [Bool](repeating: true, count: primes.count)
        var soln1 = [Int](repeating: 0, count: primes.count), soln2 = soln1
        var bainv2 = [[Int]](repeating: [Int](repeating: 0, count: primes.count), count: bParts.count)
        for j in 0..<primes.count {
            let p = primes[j]
            if p == 2 || qIndices.contains(j) || multiplier % p == 0 { sieved[j] = false; continue }
            let aInverse = Self.inverseMod(Int(a.remainder(modulo: UInt(p))), p)
            let bModP = Int(b.remainder(modulo: UInt(p)))
            let shift = halfWidth % p
            let r = roots[j]
            soln1[j] = ((aInverse * ((r - bModP + p) % p)) % p + shift) % p
            soln2[j] = ((aInverse * ((2 * p - r - bModP) % p)) % p + shift) % p
            for (v, part) in bParts.enumerated() {
                bainv2[v][j] = 2 * Int(part.remainder(modulo: UInt(p))) % p * aInverse % p
            }
        }
        return PolynomialFamily(a: a, b: b, bParts: bParts, qIndices: qIndices, sieved: sieved,
                                soln1: soln1, soln2: soln2, bainv2: bainv2)
    }

    /// The relation at sieve position `t` (x = t − M), with its cofactor (1, or a large prime
    /// below the bound); nil when the value does not factor far enough.
    func relation(at t: Int, a: BigInt, b: BigInt, qIndices: [Int], sieved: [Bool], soln1: [Int], soln2: [Int]) -> (relation: Relation, cofactor: Int)? {
        let x = BigInt(t - halfWidth)
        let y = a * x + b
        var q = (y * y - kn) / a
        var factors: [Int32] = []
        if q.sign == .minus { factors.append(-1); q = -q }
        if q.isZero { return nil }
        let twos = q.trailingZeroBitCount
        if twos > 0 {
            q = q >> twos
            factors.append(contentsOf: repeatElement(0, count: twos))
        }
        for j in 1..<primes.count {
            let p = primes[j]
            if sieved[j] {
                let m = t % p
                if m != soln1[j] && m != soln2[j] { continue }
            } else if q.remainder(modulo: UInt(p)) != 0 {
                continue
            }
            let (rest, k) = q.removingFactor(BigInt(p))
            q = rest
            factors.append(contentsOf: repeatElement(Int32(j), count: k))
        }
        // y² − kn = A·Q: A's primes join the product.
        for j in qIndices { factors.append(Int32(j)) }
        guard let cofactor = q.int, cofactor <= largePrimeBound else { return nil }
        return (Relation(y: y % n, factors: factors, square: 1), cofactor)
    }

    // MARK: Linear algebra and the square root

    /// Subsets of relations whose product is a square (Gaussian elimination over GF(2) on bit
    /// rows, each row carrying the set of relations it is the sum of), tried until one splits n.
    func combine(_ relations: [Relation]) -> BigInt? {
        let columns = primes.count + 1      // column 0 is the sign, column j + 1 the prime j
        let rowCount = relations.count
        let matrixWords = (columns + 63) / 64, historyWords = (rowCount + 63) / 64
        let stride = matrixWords + historyWords
        var bits = [UInt64](repeating: 0, count: rowCount * stride)
        for (i, r) in relations.enumerated() {
            for f in r.factors {
                let c = Int(f) + 1
                bits[i * stride + c / 64] ^= 1 << UInt64(c % 64)
            }
            bits[i * stride + matrixWords + i / 64] |= 1 << UInt64(i % 64)
        }
        var isPivot = [Bool](repeating: false, count: rowCount)
        var stopped = false
        bits.withUnsafeMutableBufferPointer { m in
            for c in 0..<columns {
                // (Checked now and then: the elimination of a large factor base takes a while.)
                if c % 64 == 0, shouldStop() { stopped = true; return }
                let word = c / 64, mask: UInt64 = 1 << UInt64(c % 64)
                guard let pivot = (0..<rowCount).first(where: { !isPivot[$0] && m[$0 * stride + word] & mask != 0 }) else { continue }
                isPivot[pivot] = true
                for r in 0..<rowCount where r != pivot && m[r * stride + word] & mask != 0 {
                    for w in word..<stride { m[r * stride + w] ^= m[pivot * stride + w] }
                }
            }
        }
        if stopped { return nil }
        for r in 0..<rowCount where !isPivot[r] {
            if shouldStop() { return nil }
            var x = BigInt(1), z = BigInt(1)
            var exponents = [Int](repeating: 0, count: columns)
            for i in 0..<rowCount where bits[r * stride + matrixWords + i / 64] & (1 << UInt64(i % 64)) != 0 {
                x = (x * relations[i].y) % n
                z = (z * relations[i].square) % n
                for f in relations[i].factors { exponents[Int(f) + 1] += 1 }
            }
            for j in 0..<primes.count where exponents[j + 1] > 0 {
                z = (z * (BigInt(primes[j]).power(BigInt(exponents[j + 1] / 2), modulo: n) ?? 1)) % n
            }
            let g = (x - z).greatestCommonDivisor(with: n)
            if g > 1 && g < n { return g }
        }
        return nil
    }
}

extension BigInt {
    /// A proper factor of the odd composite `self` (not a perfect power) by the self-initialising
    /// quadratic sieve; nil when stopped or when it found only trivial splits.
    public func quadraticSieveFactor(shouldStop: () -> Bool = { false }) -> BigInt? {
        withoutActuallyEscaping(shouldStop) { QuadraticSieve(self, shouldStop: $0).factor() }
    }
}

private func binaryLog(_ x: Double) -> Double { log2(x) }
private func naturalLog(_ x: Double) -> Double { log(x) }
