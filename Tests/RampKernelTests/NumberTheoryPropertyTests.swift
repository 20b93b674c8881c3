import Foundation
import Testing
import Ramp

/// Prime counting and multiplicative number theory through the kernel against simple reference
/// implementations written here (a plain sieve, trial division, counting coprimes, brute-force
/// orders, the pairwise condition for simultaneous congruences) on random operands from a fixed
/// seed, and FactorInteger's factors multiplied back.
@Suite struct NumberTheoryPropertyTests {
    /// SplitMix64: a small seeded generator, so that failures reproduce.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let limit = 2_000_000
    /// Reference: isPrime[k] for k ≤ limit by the plain sieve of Eratosthenes.
    static let isPrime: [Bool] = {
        var s = [Bool](repeating: true, count: limit + 1)
        s[0] = false; s[1] = false
        var i = 2
        while i * i <= limit {
            if s[i] { var j = i * i; while j <= limit { s[j] = false; j += i } }
            i += 1
        }
        return s
    }()

    func evaluate(_ kernel: Kernel, _ source: String) throws -> Expr { try kernel.evaluate(source: source) }

    func integers(_ e: Expr) -> [Int] {
        e.args.map { a -> Int in
            guard case .integer(let v) = a else { Issue.record("not a machine integer: \(a)"); return Int.min }
            return v
        }
    }

    func list(_ values: [Int]) -> String { "{" + values.map(String.init).joined(separator: ", ") + "}" }

    /// Prime factors of n > 0 by trial division, with exponents.
    func trialFactor(_ n: Int) -> [(Int, Int)] {
        var n = n, result: [(Int, Int)] = [], p = 2
        while p * p <= n {
            var e = 0
            while n % p == 0 { n /= p; e += 1 }
            if e > 0 { result.append((p, e)) }
            p += 1
        }
        if n > 1 { result.append((n, 1)) }
        return result
    }

    func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? abs(a) : gcd(b, a % b) }

    @Test func primePiAndPrimeAgreeWithASieve() throws {
        let kernel = Kernel.standard()
        var rng = Generator(state: 15)
        var counts = [Int](repeating: 0, count: Self.limit + 1)   // π(k)
        var primes: [Int] = []
        for k in 1...Self.limit {
            counts[k] = counts[k - 1] + (Self.isPrime[k] ? 1 : 0)
            if Self.isPrime[k] { primes.append(k) }
        }
        let xs = (0..<300).map { _ in Int.random(in: 0...Self.limit, using: &rng) } + [0, 1, 2, 3, 4, Self.limit]
        let pis = integers(try evaluate(kernel, "PrimePi[\(list(xs))]"))
        #expect(pis == xs.map { counts[$0] })
        // Below 2^22 both come from a table (PrimeCountingAndECMTests checks the counting there).
        let ns = (0..<300).map { _ in Int.random(in: 1...primes.count, using: &rng) } + [1, 2, 1 << 15 - 1, 1 << 15, primes.count]
        let ps = integers(try evaluate(kernel, "Prime[\(list(ns))]"))
        #expect(ps == ns.map { primes[$0 - 1] })
    }

    /// Past the reference sieve: the n-th prime is prime, and π counts exactly n primes up to it
    /// and n - 1 below it (π by the counting recurrence, the n-th prime by the sieve walk).
    @Test func primeAndPrimePiAreInverse() throws {
        let kernel = Kernel.standard()
        var rng = Generator(state: 16)
        let ns = (0..<12).map { _ in Int.random(in: 200_000...40_000_000, using: &rng) }
        let result = try evaluate(kernel, "Table[With[{p = Prime[n]}, {PrimeQ[p], PrimePi[p] - n, PrimePi[p - 1] - n}], {n, \(list(ns))}]")
        let expected = "{" + Array(repeating: "{True, 0, -1}", count: ns.count).joined(separator: ", ") + "}"
        #expect(result.formatted(.inputForm) == expected)
    }

    @Test func divisorFunctionsAgreeWithTrialDivision() throws {
        let kernel = Kernel.standard()
        var rng = Generator(state: 17)
        let ns = (0..<150).map { _ in Int.random(in: 1...1_000_000, using: &rng) } + [1, 2, 720720, 1 << 19]
        let divisors = try evaluate(kernel, "Divisors[\(list(ns))]").args.map(integers)
        let sigma1 = integers(try evaluate(kernel, "DivisorSigma[1, \(list(ns))]"))
        let sigma0 = integers(try evaluate(kernel, "DivisorSigma[0, \(list(ns))]"))
        let mu = integers(try evaluate(kernel, "MoebiusMu[\(list(ns))]"))
        let squareFree = try evaluate(kernel, "SquareFreeQ[\(list(ns))]").args
        let primePower = try evaluate(kernel, "PrimePowerQ[\(list(ns))]").args
        for (i, n) in ns.enumerated() {
            let reference = (1...Int(Double(n).squareRoot()) + 1).filter { $0 * $0 <= n && n % $0 == 0 }
                .flatMap { $0 * $0 == n ? [$0] : [$0, n / $0] }.sorted()
            #expect(divisors[i] == reference, "Divisors[\(n)]")
            #expect(sigma1[i] == reference.reduce(0, +), "DivisorSigma[1, \(n)]")
            #expect(sigma0[i] == reference.count, "DivisorSigma[0, \(n)]")
            let f = trialFactor(n)
            let isSquareFree = f.allSatisfy { $0.1 == 1 }
            #expect(mu[i] == (isSquareFree ? (f.count % 2 == 0 ? 1 : -1) : 0), "MoebiusMu[\(n)]")
            #expect(squareFree[i] == .bool(isSquareFree), "SquareFreeQ[\(n)]")
            #expect(primePower[i] == .bool(f.count == 1), "PrimePowerQ[\(n)]")
        }
    }

    @Test func eulerPhiCountsCoprimes() throws {
        let kernel = Kernel.standard()
        var rng = Generator(state: 18)
        let ns = (0..<120).map { _ in Int.random(in: 1...3000, using: &rng) } + [1, 2, 2048, 2310]
        let phis = integers(try evaluate(kernel, "EulerPhi[\(list(ns))]"))
        for (i, n) in ns.enumerated() {
            #expect(phis[i] == (1...n).filter { gcd($0, n) == 1 }.count, "EulerPhi[\(n)]")
        }
        let coprime = try evaluate(kernel, "CoprimeQ[\(list(ns)), \(list(ns.reversed()))]").args
        for (i, n) in ns.enumerated() {
            #expect(coprime[i] == .bool(gcd(n, ns[ns.count - 1 - i]) == 1))
        }
    }

    @Test func ordersAndPrimitiveRootsAgreeWithBruteForce() throws {
        let kernel = Kernel.standard()
        var rng = Generator(state: 19)
        func order(_ k: Int, _ n: Int) -> Int? {
            guard gcd(k, n) == 1 else { return nil }
            var x = k % n, m = 1
            while x != 1 % n { x = x * k % n; m += 1 }
            return m
        }
        for _ in 0..<80 {
            let n = Int.random(in: 2...5000, using: &rng), k = Int.random(in: 1...10000, using: &rng)
            let result = try evaluate(kernel, "MultiplicativeOrder[\(k), \(n)]")
            if let m = order(k, n) {
                #expect(result == .integer(m), "MultiplicativeOrder[\(k), \(n)]")
            } else {
                #expect(result.formatted(.inputForm) == "MultiplicativeOrder[\(k), \(n)]")
            }
        }
        for n in 2...400 {
            let phi = (1...n).filter { gcd($0, n) == 1 }.count
            let smallest = (1..<n + 1).first { order($0, n) == phi }
            let hasRoot = smallest != nil
            let wolframRoot = try evaluate(kernel, "PrimitiveRoot[\(n)]")
            let least = try evaluate(kernel, "PrimitiveRoot[\(n), 1]")
            if hasRoot {
                guard case .integer(let g) = wolframRoot else { Issue.record("PrimitiveRoot[\(n)] = \(wolframRoot)"); continue }
                #expect(order(g, n) == phi, "PrimitiveRoot[\(n)] = \(g)")
                #expect(least == .integer(smallest!), "PrimitiveRoot[\(n), 1]")
            } else {
                #expect(wolframRoot.formatted(.inputForm) == "PrimitiveRoot[\(n)]")
            }
        }
    }

    @Test func jacobiSymbolIsEulersCriterionOverFactors() throws {
        let kernel = Kernel.standard()
        var rng = Generator(state: 20)
        func powMod(_ b: Int, _ e: Int, _ m: Int) -> Int {
            var r = 1, b = b % m, e = e
            while e > 0 { if e & 1 == 1 { r = r * b % m }; b = b * b % m; e >>= 1 }
            return r
        }
        for _ in 0..<150 {
            let m = Int.random(in: 1...20000, using: &rng) | 1, a = Int.random(in: -50000...50000, using: &rng)
            var reference = 1
            for (p, e) in trialFactor(m) {
                let r = powMod(((a % p) + p) % p, (p - 1) / 2, p)
                let legendre = r == 0 ? 0 : (r == 1 ? 1 : -1)
                for _ in 0..<e { reference *= legendre }
            }
            #expect(try evaluate(kernel, "JacobiSymbol[\(a), \(m)]") == .integer(reference), "JacobiSymbol[\(a), \(m)]")
            #expect(try evaluate(kernel, "KroneckerSymbol[\(a), \(m)]") == .integer(reference), "KroneckerSymbol[\(a), \(m)]")
        }
    }

    /// A solution exists iff r_i ≡ r_j (mod gcd(m_i, m_j)) for all pairs; then it satisfies every
    /// congruence and lies in [0, lcm).
    @Test func chineseRemainderSolvesTheCongruences() throws {
        let kernel = Kernel.standard()
        var rng = Generator(state: 21)
        for _ in 0..<200 {
            let count = Int.random(in: 1...4, using: &rng)
            let ms = (0..<count).map { _ in Int.random(in: 1...60, using: &rng) }
            let rs = (0..<count).map { _ in Int.random(in: -100...100, using: &rng) }
            var solvable = true
            for i in 0..<count { for j in 0..<count where j > i {
                let g = gcd(ms[i], ms[j])
                if ((rs[i] - rs[j]) % g + g) % g != 0 { solvable = false }
            } }
            let lcm = ms.reduce(1) { $0 / gcd($0, $1) * $1 }
            let call = "ChineseRemainder[\(list(rs)), \(list(ms))]"
            let result = try evaluate(kernel, call)
            if solvable {
                guard case .integer(let x) = result else { Issue.record("\(call) = \(result)"); continue }
                #expect(x >= 0 && x < lcm, "\(call) = \(x)")
                for (r, m) in zip(rs, ms) { #expect(((x - r) % m + m) % m == 0, "\(call) = \(x)") }
            } else {
                #expect(result.formatted(.inputForm) == call)
            }
        }
    }

    /// Random products of primes of 5 to 18 digits (so that rho and the elliptic curve method
    /// both run): the factors are prime, increasing, and multiply back.
    @Test func factorIntegerMultipliesBack() throws {
        let kernel = Kernel.standard()
        var rng = Generator(state: 22)
        for _ in 0..<8 {
            let count = Int.random(in: 2...3, using: &rng)
            let digits = (0..<count).map { _ in Int.random(in: 5...18, using: &rng) }
            let seeds = digits.map { d in "NextPrime[\(Int.random(in: 1...9, using: &rng))*10^\(d - 1) + \(Int.random(in: 0...1_000_000, using: &rng))]" }
            let product = "(" + seeds.joined(separator: " ") + ")"
            let check = "With[{n = \(product)^\(Int.random(in: 1...2, using: &rng)) * \(Int.random(in: 1...5000, using: &rng))}, With[{f = FactorInteger[n]}, {Times @@ (#1^#2 & @@@ f) == n, And @@ PrimeQ[f[[All, 1]]], Less @@ f[[All, 1]]}]]"
            #expect(try evaluate(kernel, check).formatted(.inputForm) == "{True, True, True}", "\(check)")
        }
    }
}
