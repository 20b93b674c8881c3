import Testing
@testable import RampSyntax

@Suite struct InputFormRoundTripTests {
    /// 10,000 random parser-shaped expressions: InputForm text parses back to the same expression.
    @Test func inputFormReadsBack() {
        var generator = RandomExpressions(seed: 20_261_129)
        var failures: [String] = []
        for _ in 0..<10_000 {
            let e = generator.expr(depth: 5)
            let text = e.formatted(.inputForm)
            let back: Expr
            do {
                back = try Parser.parseExpression(text)
            } catch {
                failures.append("\(e.formatted(.fullForm))\n  printed \(text)\n  error \(error.message)")
                continue
            }
            if back != e {
                failures.append("\(e.formatted(.fullForm))\n  printed \(text)\n  read   \(back.formatted(.fullForm))")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(8).joined(separator: "\n"))")
    }

    /// Hand-picked texts whose InputForm is the text itself.
    @Test(arguments: [
        "a - b", "a - b*c", "x - 4", "x - -4", "a - (b + c)", "-a^b", "-x^(-1)", "a/b", "-a/b", "a^b^c", "(a^b)^c",
        "(-2)^x", "f[x][y]", "x_ /; x > 0", "x__:a + b", "_Integer?NonNegative", "(a -> b) -> c", "a -> b -> c",
        "<|a -> x, c -> <|d -> t|>|>", "{#1^2 & , a}", "f /@ g", "f @@ g", "f @@@ g", "f::usage", "{1, 2, 3}[[5]]",
        "Hold[a; Null; c]", "a; ", "#1 + 1 & ", "(#1 & )[2]", "x:a | b", "a . b", "\"a\" <> \"b\"", "1.*^6",
        "0.30000000000000004", "2.5*^-7", "%%", "%5", "##2", "x =.", "a === b", "(a && b) || c", "1;;10;;2",
        "f[x_] := x^2", "a = b = c", "a*(-b)", "(-a)*b", "x++", "--x", "- --x", "x!", "Inequality[0, Less, x, Less, 1]",
        // Found by FuzzParse: Factorial[Factorial[x]] printed as `x!!`, which reads as Factorial2[x].
        "(x!)!", "(x!!)!", "(x!)!!", "x!!",
        // Found by FuzzParse: PatternTest[a, f[x]] printed as `a?f[x]`, which reads as (a?f)[x].
        "a?(f[x])", "a?f[x]", "x_?(Plus[#1])", "a?f", "a?(f[[1]])",
        // Found by FuzzParse: Repeated[Greater[1., 0.]] printed as `1. > 0...`, read as RepeatedNull.
        "1. > 0. ..", "(0.)..", "x..",
        // Found by FuzzParse: MessageName[MessageName[x, "b"], "c"] printed as `x::b::c`.
        "(x::b)::c", "x::b::c", "f::usage",
    ])
    func knownTextsReadBack(_ text: String) throws {
        let e = try Parser.parseExpression(text)
        #expect(e.formatted(.inputForm) == text)
    }
}
