import Testing
@testable import RampSyntax

/// `BigInt` (GMP) against Swift's `Int128` on random operands: machine-sized, near the 64-bit
/// boundary and full 64-bit values, so sums and products cross into GMP and back; their products
/// (up to 127 bits) are divided, compared, hashed and converted again.
@Suite struct BigIntTests {
    /// Operands from SplitMix64 (RandomExpressions.swift): a fixed, portable sequence.
    struct Generator {
        var source: SplitMix
        init(state: UInt64) { source = SplitMix(seed: state) }
        mutating func next() -> UInt64 { source.next() }
        mutating func operand() -> Int64 {
            let r = next()
            switch r % 4 {
            case 0: return Int64(truncatingIfNeeded: r >> 40) - (1 << 22)             // small
            case 1: return (r & 1 == 0 ? Int64.max : Int64.min) &- Int64(r >> 60)      // near the edges
            default: return Int64(bitPattern: next())                                  // any
            }
        }
    }

    func big(_ v: Int128) -> BigInt { BigInt(v.description, radix: 10)! }

    @Test func arithmeticAgreesWithInt128() {
        var g = Generator(state: 15)
        for _ in 0..<3000 {
            let x = g.operand(), y = g.operand()
            let (a, b) = (BigInt(Int(x)), BigInt(Int(y)))
            let (p, q) = (Int128(x), Int128(y))
            #expect((a + b).description == (p + q).description)
            #expect((a - b).description == (p - q).description)
            #expect((a * b).description == (p * q).description)
            #expect((a < b) == (p < q) && (a == b) == (p == q))
            #expect((-a).description == (-p).description)
            if y != 0 {
                let (tq, tr) = a.quotientAndRemainder(dividingBy: b)
                #expect(tq.description == (p / q).description && tr.description == (p % q).description)
                var fq = p / q, fr = p % q
                if fr != 0 && (fr < 0) != (q < 0) { fq -= 1; fr += q }
                let (gq, gr) = a.floorQuotientAndRemainder(dividingBy: b)
                #expect(gq.description == fq.description && gr.description == fr.description)
            }
            var (u, v) = (p.magnitude, q.magnitude)
            while v != 0 { (u, v) = (v, u % v) }
            #expect(a.greatestCommonDivisor(with: b).description == u.description)
            // Products of two 64-bit numbers (up to 127 bits) divide back, compare and convert.
            let prod = a * b, prod128 = p * q
            #expect(big(prod128) == prod && big(prod128).hashValue == prod.hashValue)
            #expect(Double(prod) == Double(prod128))
            #expect(String(prod, radix: 16) == String(prod128, radix: 16))
            #expect(BigInt(String(prod, radix: 36), radix: 36) == prod)
            if y != 0 { #expect(prod / b == a && (prod % b).isZero) }
            #expect(prod.bitLength == Int128.bitWidth - prod128.magnitude.leadingZeroBitCount)
            #expect(Int(exactly: prod) == Int(exactly: prod128))
        }
    }

    @Test func powersRootsAndNormalisation() {
        var g = Generator(state: 7)
        for _ in 0..<500 {
            let x = Int64(truncatingIfNeeded: g.next() >> 44) - (1 << 19)   // |x| < 2^19
            let k = Int(g.next() % 7)
            var expected: Int128 = 1
            for _ in 0..<k { expected *= Int128(x) }
            let r = BigInt(Int(x)).power(k)
            #expect(r.description == expected.description)
            if x > 0 { #expect(r.root(max(k, 1)) == (BigInt(Int(x)), true) || k == 0) }
        }
        // Results that fit in Int come back as machine integers.
        let huge = BigInt(1) << 100
        #expect((huge - huge + 5).int == 5)
        #expect((huge / huge).int == 1)
        #expect(BigInt(Int.min).magnitude.int == nil && (-BigInt(Int.min)).description == "9223372036854775808")
        // Copy-on-write: updating one copy in place leaves the other.
        var a = huge
        let b = a
        a += 1
        #expect(b == huge && a == huge + 1)
        var c = BigInt(1) << 200
        c *= 3
        #expect(c == (BigInt(3) << 200))
    }

    @Test func numberTheory() {
        #expect(BigInt.factorial(25).description == "15511210043330985984000000")
        #expect(BigInt.binomial(-3, 2) == 6)
        #expect(BigInt.fibonacci(90).description == "2880067194370816120")
        #expect(BigInt(3).power(BigInt(-1), modulo: 7) == 5)
        #expect(BigInt(2).power(BigInt(-1), modulo: 4) == nil)
        #expect(BigInt(12).extendedGCD(with: 18) == (6, -1, 1))
        #expect((BigInt(1) << 127 - 1).primality() > 0 && BigInt(3215031751).primality() == 0)
        // Below 2^64 Baillie–PSW has no pseudoprimes: GMP's "probably" (1) is certain there.
        #expect(BigInt(18446744073709551557 as UInt).isProbablePrime && !BigInt(18446744073709551559 as UInt).isProbablePrime)
        #expect(BigInt(1 << 40).nextPrime() == BigInt(1099511627791))
        #expect(BigInt(360).removingFactor(2) == (45, 3))
        let n = BigInt(1000003) * BigInt(998244353) * BigInt(1000000007)
        #expect(n.pollardRhoFactor(c: 1, maxIterations: 1 << 24).map { n.isDivisible(by: $0) && $0 != 1 && $0 != n } == true)
    }
}
