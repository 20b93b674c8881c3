import Foundation
import Testing
import Ramp

/// Numeric eigensystems satisfy m.v ≈ λ v with unit vectors (random symmetric and non-symmetric
/// machine-real matrices, complex eigenvalues included); exact eigenvectors satisfy m.v == λ v;
/// NDSolve's InterpolatingFunction matches known closed forms to 1e-6; DSolve's solutions satisfy
/// their equations.
@Suite struct EigenODEPropertyTests {
    static func residual(_ kernel: Kernel, _ source: String) throws -> Double {
        let v = try kernel.evaluate(source: source)
        switch v {
        case .real(let d): return d
        case .integer(let i): return Double(i)
        default: Issue.record("\(source) gave \(v.formatted(.inputForm))"); return .infinity
        }
    }

    @Test(arguments: [2, 3, 4, 5, 8, 12]) func numericEigensystems(n: Int) throws {
        let kernel = Kernel.standard()
        kernel.messageHandler = { m in Issue.record("message: \(m)") }
        for (i, symmetric) in [false, true, false, true].enumerated() {
            _ = try kernel.evaluate(source: "SeedRandom[\(n * 10 + i)]; m = RandomReal[{-1, 1}, {\(n), \(n)}]; " + (symmetric ? "m = m + Transpose[m];" : ""))
            _ = try kernel.evaluate(source: "{vals, vecs} = Eigensystem[m];")
            #expect(try Self.residual(kernel, "Length[vals] - \(n)") == 0)
            let r = try Self.residual(kernel, "Max[Table[Norm[m . vecs[[k]] - vals[[k]] vecs[[k]]], {k, \(n)}]]")
            #expect(r < 1e-8, "n = \(n), symmetric = \(symmetric): residual \(r)")
            let u = try Self.residual(kernel, "Max[Abs[Norm /@ vecs - 1]]")
            #expect(u < 1e-12)
            // Decreasing absolute value.
            #expect(try Self.residual(kernel, "If[OrderedQ[Reverse[Abs[vals]]], 0, 1]") == 0)
            #expect(try Self.residual(kernel, "Max[Abs[vals - Eigenvalues[m]]]") < 1e-12)
        }
    }

    @Test(arguments: ["{{1, 2}, {3, 4}}", "{{2, 0, 0}, {0, 3, 4}, {0, 4, 9}}", "{{1, 2, 3}, {4, 5, 6}, {7, 8, 10}}",
                      "{{0, 1}, {-1, 0}}", "{{1, 1, 0}, {0, 1, 0}, {0, 0, 2}}", "{{2, 1, 1}, {1, 2, 1}, {1, 1, 2}}"])
    func exactEigensystems(m: String) throws {
        let kernel = Kernel.standard()
        kernel.messageHandler = { m in Issue.record("message: \(m)") }
        kernel.messageHandler = { _ in }
        _ = try kernel.evaluate(source: "m = \(m); {vals, vecs} = Eigensystem[m];")
        let r = try Self.residual(kernel, "If[Max[Table[Abs[N[m . vecs[[k]] - vals[[k]] vecs[[k]]]], {k, Length[m]}]] < 10^-9, 0, 1]")
        #expect(r == 0, "\(m): m.v != λ v")
        let d = try Self.residual(kernel, "Max[Abs[N[vals] - Eigenvalues[N[m]]]]")
        #expect(d < 1e-9, "\(m): exact and numeric eigenvalues differ by \(d)")
        let p = try Self.residual(kernel, "If[Max[Abs[N[CharacteristicPolynomial[m, t] /. t -> vals]]] < 10^-9, 0, 1]")
        #expect(p == 0)
    }

    static let problems: [(String, String, String)] = [
        ("{y'[x] == y[x], y[0] == 1}", "{x, 0, 3}", "E^x"),
        ("{y'[x] == -2 x y[x], y[0] == 1}", "{x, -2, 2}", "E^-x^2"),
        ("{y''[x] + y[x] == 0, y[0] == 0, y'[0] == 1}", "{x, 0, 20}", "Sin[x]"),
        ("{y''[x] + 2 y'[x] + 5 y[x] == 0, y[0] == 1, y'[0] == -1}", "{x, 0, 5}", "E^-x Cos[2 x]"),
        ("{y'[x] == y[x]^2, y[1] == -1}", "{x, 1/2, 4}", "-1/x"),
        ("{y'[x] == Cos[x] y[x], y[0] == 2}", "{x, 0, 10}", "2 E^Sin[x]"),
    ]

    @Test(arguments: 0..<problems.count) func ndsolveMatchesClosedForms(i: Int) throws {
        let (eqs, range, exact) = Self.problems[i]
        let kernel = Kernel.standard()
        kernel.messageHandler = { m in Issue.record("message: \(m)") }
        _ = try kernel.evaluate(source: "f = y /. First[NDSolve[\(eqs), y, \(range)]];")
        let r = try Self.residual(kernel, "With[{r = \(range)}, Max[Table[Abs[f[x] - (\(exact))], {x, r[[2]], r[[3]], (r[[3]] - r[[2]])/97.}]]]")
        #expect(r < 1e-6, "\(eqs): max error \(r)")
        // DSolve agrees (where it solves the problem) and its solution satisfies the equation.
        let d = try kernel.evaluate(source: "ds = DSolve[\(eqs), y, x]")
        if d.headSymbol?.name == "List" {
            let s = try Self.residual(kernel, "With[{r = \(range)}, Max[Table[Abs[N[(y /. First[ds])[x] - (\(exact))]], {x, r[[2]], r[[3]], (r[[3]] - r[[2]])/13.}]]]")
            #expect(s < 1e-9, "DSolve[\(eqs)]: \(d.formatted(.inputForm))")
        }
    }

    @Test(arguments: ["y''[x] - 3 y'[x] + 2 y[x] == x E^x", "y''[x] + 4 y[x] == Cos[2 x] + x", "y'''[x] - y'[x] == x^2 + E^-x",
                      "y'[x] + y[x]/x == Sin[x]", "y''[x] + 2 y'[x] + y[x] == E^-x", "y''''[x] + 2 y''[x] + y[x] == Sin[x]"])
    func dsolveSatisfiesTheEquation(eq: String) throws {
        let kernel = Kernel.standard()
        kernel.messageHandler = { m in Issue.record("message: \(m)") }
        let d = try kernel.evaluate(source: "sol = DSolve[\(eq), y, x]")
        #expect(d.headSymbol?.name == "List", "DSolve[\(eq)] unevaluated")
        // N[0, 30] of an exact zero warns (N::meprec): only the values are checked.
        kernel.messageHandler = { _ in }
        let r = try Self.residual(kernel, "If[Max[Table[Abs[N[(\(eq)) /. Equal -> Subtract /. sol[[1]] /. {C[1] -> 1/3, C[2] -> -2, C[3] -> 5/7, C[4] -> 1} /. x -> t, 30]], {t, 1/2, 3, 1/2}]] < 10^-15, 0, 1]")
        #expect(r == 0, "DSolve[\(eq)]: \(d.formatted(.inputForm))")
    }
}
