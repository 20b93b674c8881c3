import Testing
@testable import RampSyntax

/// `PrimeCounting` against a plain sieve, and the elliptic curve method on its own (without the
/// trial division and rho that FactorInteger runs first) on moduli of two to five limbs, one of
/// them just below 2^192 so that Montgomery reduction carries out of the top limb.
@Suite struct PrimeCountingAndECMTests {
    @Test func primePiMatchesASieve() {
        let limit = 500_000
        let primes = PrimeCounting.primes(upTo: limit)
        var count = 0, next = 0
        // Both ways: the table below 2^22, and the counting recurrence and sieve walk used above it.
        for x in stride(from: 2, through: limit, by: 997) {
            while next < primes.count && primes[next] <= x { next += 1; count += 1 }
            #expect(PrimeCounting.primePi(x) == count, "π(\(x))")
            #expect(PrimeCounting.countPrimes(x) == count, "π(\(x)) by counting")
        }
        for n in [1, 2, 3, 100, 1 << 15 - 1, 1 << 15, 1 << 15 + 1, 20_000, primes.count] {
            #expect(PrimeCounting.nthPrime(n) == primes[n - 1], "p_\(n)")
        }
        for n in stride(from: 10, through: primes.count, by: 1009) {
            #expect(PrimeCounting.nthPrimeByCounting(n) == primes[n - 1], "p_\(n) by counting")
        }
        #expect(PrimeCounting.table.count == 295_947)
        #expect(PrimeCounting.primes(in: 1_000_000, 1_000_100, basePrimes: PrimeCounting.primes(upTo: 1001))
                == [1_000_003, 1_000_033, 1_000_037, 1_000_039, 1_000_081, 1_000_099])
    }

    @Test(arguments: [
        ("59649589127497217", "5704689200685129054721"),                      // 2^128 + 1
        ("1000000000039", "6277101735141873796165256345157221418641223803"),  // just below 2^192
        ("3000000000000037", "10000000000000000000000000000000000000000000000000000000000000000000033"),
    ])
    func ellipticCurvesSplitSemiprimes(_ p: String, _ q: String) throws {
        let a = try #require(BigInt(p)), b = try #require(BigInt(q))
        let f = try #require((a * b).ellipticCurveFactor())
        #expect(f == a || f == b)
    }

    @Test func ellipticCurvesStopWhenAsked() {
        // Primes of 31 and 41 digits: far beyond the first curves; the request to stop is honoured.
        let n = BigInt("1000000000000000000000000000057")! * BigInt("10000000000000000000000000000000000000121")!
        var polls = 0
        #expect(n.ellipticCurveFactor(shouldStop: { polls += 1; return polls > 50 }) == nil)
    }
}
