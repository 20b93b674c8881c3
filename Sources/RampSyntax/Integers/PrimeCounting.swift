#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Counting primes and finding the n-th prime on machine integers, for `PrimePi` and `Prime`.
/// Below 2^22 both look in a table of primes sieved once.
///
/// π(x) uses the Legendre-style recurrence known as Lucy Hedgehog's method: S(v, p) = S(v, p-1) -
/// (S(v/p, p-1) - S(p-1, p-1)) over the ~2√x distinct values ⌊x/k⌋, in O(x^{3/4}/log x) time and
/// 2√x + 2 words of memory (`countingWords`). The n-th prime starts from the inverse logarithmic
/// integral, counts the primes up to that guess exactly, and walks the rest of the way with a
/// segmented sieve of Eratosthenes (odd numbers only, one byte each, base primes up to √hi).
public enum PrimeCounting {
    /// The primes ≤ `limit` by a sieve of Eratosthenes over the odd numbers (`limit` small: it
    /// allocates `limit / 2` bytes).
    public static func primes(upTo limit: Int) -> [Int] {
        guard limit >= 2 else { return [] }
        var result = [2]
        result.reserveCapacity(limit / 10 + 16)
        let m = (limit - 1) / 2   // index i stands for 2i + 1
        guard m >= 1 else { return result }
        var composite = [Bool](repeating: false, count: m + 1)
        composite.withUnsafeMutableBufferPointer { c in
            var i = 1
            while i <= m {
                if !c[i] {
                    let p = 2 * i + 1
                    result.append(p)
                    var j = (p * p - 1) / 2
                    while j <= m { c[j] = true; j += p }
                }
                i += 1
            }
        }
        return result
    }

    /// ⌊√x⌋ for x ≥ 0.
    public static func integerSquareRoot(_ x: Int) -> Int {
        guard x > 0 else { return 0 }
        var r = Int(Double(x).squareRoot())
        while true {
            let (s, o) = r.multipliedReportingOverflow(by: r)
            if !o && s <= x { break }
            r -= 1
        }
        while true {
            let (s, o) = (r + 1).multipliedReportingOverflow(by: r + 1)
            if o || s > x { break }
            r += 1
        }
        return r
    }

    /// The machine words `primePi(x)` allocates (callers check this against their size limit).
    public static func countingWords(_ x: Int) -> Int { 2 * (integerSquareRoot(Swift.max(x, 0)) + 1) }

    /// Below this, `primePi` and `nthPrime` look in `table` (so that `Prime[Range[10^5]]` is one
    /// sieve, not 10^5 counts).
    public static let tableLimit = 1 << 22
    /// The primes below `tableLimit` (295947 of them), sieved once, on first use.
    public static let table: [Int] = primes(upTo: tableLimit - 1)

    /// π(x), the number of primes ≤ x; nil when `shouldStop` turned true (it is polled once per
    /// sieving prime).
    public static func primePi(_ x: Int, shouldStop: () -> Bool = { false }) -> Int? {
        if x < 2 { return 0 }
        if x < tableLimit {
            // The number of table entries ≤ x.
            var lo = 0, hi = table.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if table[mid] <= x { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        return countPrimes(x, shouldStop: shouldStop)
    }

    /// π(x) by the recurrence, for any x ≥ 2.
    static func countPrimes(_ x: Int, shouldStop: () -> Bool = { false }) -> Int? {
        let r = integerSquareRoot(x)
        // small[v] = S(v) for v ≤ r; large[k] = S(x / k) for k ≤ r. Initially S(v) = v - 1.
        var small = [Int](repeating: 0, count: r + 1)
        var large = [Int](repeating: 0, count: r + 1)
        for v in 1...r { small[v] = v - 1 }
        for k in 1...r { large[k] = x / k - 1 }
        if r < 2 { return large[1] }
        for p in 2...r where small[p] != small[p - 1] {
            if shouldStop() { return nil }
            let sp = small[p - 1]
            let p2 = p * p
            let kMax = Swift.min(r, x / p2)
            let xOverP = x / p
            small.withUnsafeMutableBufferPointer { s in
                large.withUnsafeMutableBufferPointer { l in
                    // Values x/k with k·p ≤ r read large[k·p]; the others read small[x/(k·p)].
                    let split = Swift.min(kMax, r / p)
                    if split >= 1 {
                        for k in 1...split { l[k] -= l[k * p] - sp }
                    }
                    if kMax > split {
                        for k in (split + 1)...kMax { l[k] -= s[xOverP / k] - sp }
                    }
                    if p2 <= r {
                        var v = r
                        while v >= p2 { s[v] -= s[v / p] - sp; v -= 1 }
                    }
                }
            }
        }
        return large[1]
    }

    /// The primes in `lo...hi` (0 ≤ lo ≤ hi, hi - lo small), by sieving the odd numbers of the
    /// window with the primes up to √hi.
    public static func primes(in lo: Int, _ hi: Int, basePrimes: [Int]) -> [Int] {
        guard hi >= 2, hi >= lo else { return [] }
        var result: [Int] = []
        if lo <= 2 { result.append(2) }
        // Odd numbers start, start + 2, …, ≤ hi.
        let start = Swift.max(3, lo | 1)
        guard start <= hi else { return result }
        let count = (hi - start) / 2 + 1
        var composite = [Bool](repeating: false, count: count)
        for p in basePrimes where p > 2 {
            let p2 = p * p
            if p2 > hi { break }
            // The first odd multiple of p that is ≥ max(p², start).
            var m = Swift.max(p2, (start + p - 1) / p * p)
            if m & 1 == 0 { m += p }
            var i = (m - start) / 2
            while i < count { composite[i] = true; i += p }
        }
        for i in 0..<count where !composite[i] { result.append(start + 2 * i) }
        return result
    }

    /// The logarithmic integral li(x) for x > 1 (Ramanujan's series, good to double precision).
    public static func logarithmicIntegral(_ x: Double) -> Double {
        let eulerGamma = 0.57721566490153286061
        let l = log(x)
        // li(x) = γ + ln ln x + √x Σ_{n≥1} (-1)^(n-1) (ln x)^n / (n! 2^(n-1)) Σ_{k=0}^{⌊(n-1)/2⌋} 1/(2k+1)
        var sum = 0.0, term = 1.0, inner = 0.0
        for n in 1...1000 {
            term *= l / Double(2 * n)   // (ln x / 2)^n / n!
            if n & 1 == 1 { inner += 1 / Double(n) }
            let t = 2 * term * inner
            sum += n & 1 == 1 ? t : -t
            if n > Int(l) && t < 1e-18 * Swift.abs(sum) { break }
        }
        return eulerGamma + log(l) + x.squareRoot() * sum
    }

    /// The n-th prime (n ≥ 1); nil when `shouldStop` turned true. Memory: `countingWords` of the
    /// estimate (about n log n) and a sieve window.
    public static func nthPrime(_ n: Int, shouldStop: () -> Bool = { false }) -> Int? {
        precondition(n >= 1, "PrimeCounting.nthPrime: n < 1")
        if nthPrimeBound(n) < tableLimit { return table[n - 1] }   // p_n is in the table
        return nthPrimeByCounting(n, shouldStop: shouldStop)
    }

    /// The n-th prime from π at the inverse logarithmic integral of n and a sieve walk from there
    /// (n ≥ 10).
    static func nthPrimeByCounting(_ n: Int, shouldStop: () -> Bool = { false }) -> Int? {
        let guess = inverseLogarithmicIntegral(Double(n))
        var x = Int(guess)
        guard let counted = countPrimes(x, shouldStop: shouldStop) else { return nil }
        let base = primes(upTo: integerSquareRoot(x + Int(guess.squareRoot()) * 64 + (1 << 20)) + 1)
        let window = 1 << 16
        if counted >= n {
            // The (counted - n + 1)-th prime at or below x.
            var need = counted - n + 1
            while true {
                if shouldStop() { return nil }
                let lo = Swift.max(2, x - window + 1)
                let found = primes(in: lo, x, basePrimes: base)
                if found.count >= need { return found[found.count - need] }
                need -= found.count
                x = lo - 1
            }
        } else {
            // The (n - counted)-th prime above x.
            var need = n - counted
            var base = base
            while true {
                if shouldStop() { return nil }
                let hi = x + window
                if let last = base.last, last * last < hi { base = primes(upTo: integerSquareRoot(hi) * 2 + 16) }
                let found = primes(in: x + 1, hi, basePrimes: base)
                if found.count >= need { return found[need - 1] }
                need -= found.count
                x = hi
            }
        }
    }

    /// An upper bound of the n-th prime, n (ln n + ln ln n) for n ≥ 6 (Rosser), for size checks.
    public static func nthPrimeBound(_ n: Int) -> Int {
        let m = Double(Swift.max(n, 6))
        return Int(m * (log(m) + log(log(m)))) + 1
    }

    /// The x with li(x) = y (Newton's method from y ln y), for y ≥ 2.
    static func inverseLogarithmicIntegral(_ y: Double) -> Double {
        var x = y * log(y)
        for _ in 0..<60 {
            let step = (logarithmicIntegral(x) - y) * log(x)
            x -= step
            if Swift.abs(step) < 0.5 { break }
        }
        return Swift.max(x, 2)
    }
}
