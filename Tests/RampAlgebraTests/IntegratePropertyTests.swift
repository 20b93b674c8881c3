import Foundation
import Testing
import Ramp

/// Integrate's antiderivatives differentiate back to the integrand: for each integrand f, F =
/// Integrate[f, x] must be evaluated (not left as Integrate[…]) and |F' - f| must vanish, to 30
/// digits, at pseudo-random exact points (the parameters a and b given values too).
@Suite struct IntegratePropertyTests {
    static let integrands = [
        "x^5 - 3 x^2 + 7", "x^(3/2)", "1/x", "(2 x + 1)^7", "1/(3 x - 2)^2", "x/(x^2 - 5 x + 6)",
        "(x^2 + 1)/(x^3 - x)", "1/(x^2 + x + 1)", "(3 x + 5)/(x^2 + 4 x + 13)^2", "1/(x^4 - 1)",
        "Sin[3 x]", "Cos[a x + b]", "Tan[2 x]", "Sec[x]", "Csc[x]", "Sec[x]^2", "Cos[x]^2", "Sinh[x]^2",
        "E^(2 x - 1)", "3^x", "Log[2 x + 1]", "x^3 E^(-x)", "x^2 Sin[2 x]", "x Cosh[x]", "x^2 Log[x]",
        "Log[x]^3", "ArcTan[2 x]", "E^(2 x) Cos[3 x]", "x E^(x^2)", "Cos[x] E^Sin[x]", "Sin[x]^3 Cos[x]",
        "x^2/Sqrt[1 + x^3]", "1/Sqrt[4 - x^2]", "E^(-x^2/2)", "a x^2 + b", "Log[x]/x", "1/(x (1 + Log[x]^2))",
        "Sqrt[1 - x^2]", "Sqrt[4 + 9 x^2]", "Sin[x]^3", "Sin[2 x]^2 Cos[2 x]^3", "Cos[x]^5",
    ]

    @Test(arguments: integrands) func derivativeGivesBackTheIntegrand(f: String) throws {
        let kernel = Kernel.standard()
        kernel.messageHandler = { _ in }
        let F = try kernel.evaluate(source: "integral = Integrate[\(f), x]")
        #expect(F.headSymbol?.name != "Integrate", "Integrate[\(f), x] was not done")
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(f.utf8.count + 1)
        var checked = 0
        for _ in 0..<6 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            let p = 200 + Int(seed >> 33) % 2300  // x in [0.2, 2.5)
            let rules = "{x -> \(p)/1000, a -> 13/10, b -> 7/10}"
            let check = "N[N[Abs[(D[integral, x] - (\(f))) /. \(rules)]/(1 + Abs[(\(f)) /. \(rules)]), 30]]"
            let v = try kernel.evaluate(source: check)
            // The measure is a machine real (0 exactly; a complex 0. + 0.*I when Abs met a complex zero).
            let r: Double
            switch v {
            case .real(let d): r = d
            case .integer(0): r = 0
            case .complex(.real(let re), .real(let im)): r = (re * re + im * im).squareRoot()
            default:
                Issue.record("Integrate[\(f), x] = \(F.formatted(.inputForm)): the check at x = \(p)/1000 gave \(v.formatted(.inputForm))")
                continue
            }
            #expect(r < 1e-12, "Integrate[\(f), x] = \(F.formatted(.inputForm)): |F' - f| = \(r) at x = \(p)/1000")
            checked += 1
        }
        #expect(checked == 6)
    }

    /// A long numerical integration polls for aborts: TimeConstrained stops it.
    @Test func nintegrateAborts() throws {
        let kernel = Kernel.standard()
        let clock = ContinuousClock()
        var result = Expr.null
        let elapsed = try clock.measure {
            result = try kernel.evaluate(source: "TimeConstrained[NIntegrate[Abs[Sin[1000 x y z]], {x, 0, 1}, {y, 0, 1}, {z, 0, 1}], 0.3]")
        }
        #expect(result == .aborted)
        #expect(elapsed < .seconds(20))
    }
}
