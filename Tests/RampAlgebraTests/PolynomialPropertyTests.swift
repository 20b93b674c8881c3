import Foundation
import Testing
import Ramp

/// Properties of the FLINT-backed polynomial functions on random polynomials with small and huge
/// coefficients of both signs: Expand, Factor, Together and Apart keep the value of the expression
/// (checked exactly at rational points), and Factor's factors multiply back to the polynomial.
@Suite struct PolynomialPropertyTests {
    /// A random polynomial in x and y as source text (coefficients up to 10^30 in magnitude).
    static func randomPolynomial(_ g: inout SystemRandomNumberGenerator, terms: Int) -> String {
        var parts: [String] = []
        for _ in 0..<terms {
            let big = Bool.random(using: &g)
            let magnitude = big ? "\(Int.random(in: 1...999, using: &g))*10^\(Int.random(in: 15...30, using: &g))" : "\(Int.random(in: 1...9, using: &g))"
            let sign = Bool.random(using: &g) ? "-" : "+"
            parts.append("\(sign) \(magnitude)*x^\(Int.random(in: 0...5, using: &g))*y^\(Int.random(in: 0...3, using: &g))")
        }
        return parts.joined(separator: " ")
    }

    func value(_ kernel: Kernel, _ source: String) throws -> Expr { try kernel.evaluate(source: source) }

    @Test func expandFactorTogetherKeepTheValue() throws {
        let kernel = Kernel.standard()
        var g = SystemRandomNumberGenerator()
        for _ in 0..<25 {
            let p = Self.randomPolynomial(&g, terms: Int.random(in: 2...6, using: &g))
            let q = Self.randomPolynomial(&g, terms: Int.random(in: 1...3, using: &g))
            let point = "{x -> \(Int.random(in: -20...20, using: &g))/7, y -> \(Int.random(in: -20...20, using: &g))/3}"
            let product = "((\(p)) (\(q)))"
            let exact = try value(kernel, "\(product) /. \(point)")
            #expect(try value(kernel, "Expand[\(product)] /. \(point)") == exact, "Expand of \(product)")
            #expect(try value(kernel, "Factor[\(product)] /. \(point)") == exact, "Factor of \(product)")
            #expect(try value(kernel, "Expand[Factor[\(product)] - \(product)]") == .integer(0), "Factor of \(product)")
            let quotient = "((\(p)) / (\(q)) + 1/(x + 2))"
            let denominator = try value(kernel, "((\(q)) (x + 2)) /. \(point)")
            if denominator != .integer(0) {
                let exactQuotient = try value(kernel, "\(quotient) /. \(point)")
                #expect(try value(kernel, "Together[\(quotient)] /. \(point)") == exactQuotient, "Together of \(quotient)")
            }
        }
    }

    @Test func apartKeepsTheValue() throws {
        let kernel = Kernel.standard()
        var g = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let roots = (0..<Int.random(in: 2...4, using: &g)).map { _ in Int.random(in: -6...6, using: &g) }
            let denominator = roots.map { "(x - \($0))" }.joined(separator: " ") + " (x^2 + \(Int.random(in: 1...5, using: &g)))"
            let numerator = "(\(Int.random(in: -9...9, using: &g)) x^3 + \(Int.random(in: -99...99, using: &g)) x + 10^20)"
            let f = "\(numerator)/(\(denominator))"
            // Half-integers: never one of the integer roots of the denominator.
            let point = "x -> \(2 * Int.random(in: -9...9, using: &g) + 1)/2"
            #expect(try value(kernel, "Apart[\(f)] /. \(point)") == (try value(kernel, "\(f) /. \(point)")), "Apart of \(f)")
        }
    }
}
