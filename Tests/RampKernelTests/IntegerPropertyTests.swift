import Foundation
import Testing
import Ramp

/// GMP's results through the kernel against CPython's int (and sympy for primes) on random
/// operands: Fixtures/integer-cases.txt holds `input<TAB>expected` lines written by
/// Fixtures/make-integer-cases.py (fixed seed), covering + - * / Quotient Mod GCD LCM PowerMod
/// (negative exponents too), Power, IntegerLength, IntegerDigits, IntegerString, Sqrt, Factorial,
/// Binomial, Fibonacci, PrimeQ, NextPrime and FactorInteger on operands up to 600 bits.
@Suite struct IntegerPropertyTests {
    @Test func gmpAgreesWithPython() throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/integer-cases", withExtension: "txt"))
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        #expect(lines.count > 700)
        let kernel = Kernel.standard()
        var failures = 0
        for (i, line) in lines.enumerated() {
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            try #require(parts.count == 2, "line \(i + 1) is not input<TAB>expected")
            let (messages, result) = runConformanceInput(kernel, parts[0])
            if result != parts[1] || !messages.isEmpty {
                failures += 1
                if failures <= 10 {
                    Issue.record("integer-cases.txt:\(i + 1): \(parts[0].prefix(120))\n  expected: \(parts[1].prefix(200))\n  got:      \(result.prefix(200)) \(messages)")
                }
            }
        }
        #expect(failures == 0, "\(failures) of \(lines.count) cases differ")
    }

    /// Long GMP work polls aborts between steps: TimeConstrained (which calls `Kernel.abort()`)
    /// stops it. Each of these would run for minutes.
    @Test(arguments: ["PrimeQ[3^(10^6) + 2]", "NextPrime[3^(10^5)]", "PowerMod[3, 5^(10^5), 7^(10^5)]",
                      "FactorInteger[NextPrime[10^40] NextPrime[10^41]]", "PrimePi[10^13]", "Prime[10^12]"])
    func longComputationsAbort(_ code: String) throws {
        let kernel = Kernel.standard()
        let clock = ContinuousClock()
        var result = Expr.null
        let elapsed = try clock.measure { result = try kernel.evaluate(source: "TimeConstrained[\(code), 0.3]") }
        #expect(result == .aborted)
        #expect(elapsed < .seconds(20), "\(code) took \(elapsed) to stop")
    }
}
