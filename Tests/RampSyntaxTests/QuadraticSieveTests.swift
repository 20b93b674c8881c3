import Testing
@testable import RampSyntax

/// The self-initialising quadratic sieve on its own (without the trial division, rho and curves
/// that FactorInteger runs first): balanced semiprimes of 24 to 50 digits, whose factors are too
/// large for rho and take the curves long; each split is checked by multiplying back.
@Suite struct QuadraticSieveTests {
    @Test(arguments: [
        ("100000000003", "1000000000000037"),                                  // 27 digits
        ("1000000000000037", "10000000000000000051"),                          // 35 digits
        ("100000000000000000039", "10000000000000000000000013"),               // 46 digits
        ("1000000000000000000000007", "1000000000000000000000000103"),         // 52 digits
    ])
    func splitsSemiprimes(_ p: String, _ q: String) throws {
        let a = try #require(BigInt(p)), b = try #require(BigInt(q))
        let f = try #require((a * b).quadraticSieveFactor())
        #expect(f == a || f == b)
    }

    @Test func splitsProductsOfThreePrimes() throws {
        // Any proper factor will do: one prime or a product of two.
        let n = BigInt("1000000007")! * BigInt("10000000019")! * BigInt("100000000003")!
        let f = try #require(n.quadraticSieveFactor())
        #expect(f > 1 && f < n && n.isDivisible(by: f))
    }

    @Test func modularSquareRoots() {
        // Tonelli–Shanks for p ≡ 1 mod 4 (the long path) and p ≡ 3 mod 4.
        for p in [17, 41, 73, 97, 65537, 1_000_037, 1_000_039] {
            for a in 1..<200 where QuadraticSieve.powerMod(a % p, (p - 1) / 2, p) == 1 {
                let r = QuadraticSieve.squareRootMod(a % p, p)
                #expect(r * r % p == a % p, "√\(a) mod \(p)")
            }
        }
    }

    @Test func stopsWhenAsked() {
        let n = BigInt("1000000000000000000000007")! * BigInt("1000000000000000000000000103")!
        var polls = 0
        #expect(n.quadraticSieveFactor(shouldStop: { polls += 1; return polls > 20 }) == nil)
    }
}
