import Testing
@testable import RampSyntax

/// ζ(3) by Apéry's series with binary splitting against MPFR's general ζ (a different algorithm),
/// digit for digit at several precisions.
@Suite struct AperyConstantTests {
    @Test(arguments: [20, 100, 1000])
    func aperyAgreesWithMPFR(digits: Int) {
        let bits = BigReal.bits(forDigits: Double(digits)) + 16
        let ours = BigReal.zeta(3, bits: bits, precision: Double(digits))
        let three = BigReal.from(BigInt(3), precision: Double(digits) + 10)
        let mpfr = BigReal.apply(.zeta, three, bits: bits, precision: Double(digits))
        let a = ours.decimalDigits(digits, truncating: true), b = mpfr.decimalDigits(digits, truncating: true)
        #expect(a.exponent == b.exponent)
        // Equal but perhaps for the last digit or two (the two round differently).
        #expect(Array(a.digits.prefix(digits - 2)) == Array(b.digits.prefix(digits - 2)), "ζ(3) at \(digits) digits")
        #expect(String(decoding: a.digits.prefix(10), as: UTF8.self) == "1202056903")
    }
}
