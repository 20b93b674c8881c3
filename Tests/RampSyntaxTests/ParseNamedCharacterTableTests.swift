import Testing
@testable import RampSyntax

/// Every entry of the named-character table in wl-syntax.md §1.6, plus `\[Integral]`/`\[Sum]`.
@Suite struct ParseNamedCharacterTableTests {
    static let cases: [(String, String)] = [
        ("a \\[Rule] b", "Rule[a, b]"),
        ("a \\[RuleDelayed] b", "RuleDelayed[a, b]"),
        ("a \\[RightArrow] b", "RightArrow[a, b]"),
        ("a \\[TwoWayRule] b", "TwoWayRule[a, b]"),
        ("a \\[UndirectedEdge] b", "UndirectedEdge[a, b]"),
        ("a \\[DirectedEdge] b", "DirectedEdge[a, b]"),
        ("x \\[Function] x^2", "Function[x, Power[x, 2]]"),
        ("a \\[Equal] b", "Equal[a, b]"),
        ("a \\[LongEqual] b", "Equal[a, b]"),
        ("a \\[NotEqual] b", "Unequal[a, b]"),
        ("a \\[LessEqual] b", "LessEqual[a, b]"),
        ("a \\[GreaterEqual] b", "GreaterEqual[a, b]"),
        ("a \\[Times] b", "Times[a, b]"),
        ("a \\[Divide] b", "Times[a, Power[b, -1]]"),
        ("a \\[InvisibleTimes] b", "Times[a, b]"),
        ("\\[Minus] a", "Times[-1, a]"),
        ("a \\[Minus] b", "Plus[a, Times[-1, b]]"),
        ("a \\[And] b", "And[a, b]"),
        ("a \\[Or] b", "Or[a, b]"),
        ("\\[Not] a", "Not[a]"),
        ("a \\[Element] b", "Element[a, b]"),
        ("{\\[Infinity], \\[Pi], \\[Degree]}", "List[Infinity, Pi, Degree]"),
        ("{\\[ExponentialE], \\[ImaginaryI], \\[ImaginaryJ]}", "List[E, I, I]"),
        ("\\[LeftAssociation]a -> 1\\[RightAssociation]", "Association[Rule[a, 1]]"),
        ("a\\[LeftDoubleBracket]1\\[RightDoubleBracket]", "Part[a, 1]"),
        ("{\\[Alpha], \\[Omega], \\[CapitalAlpha], \\[CapitalOmega]}", "List[\u{3B1}, \u{3C9}, \u{391}, \u{3A9}]"),
        ("\\[Sqrt] x", "Sqrt[x]"),
        ("m\\[Transpose]", "Transpose[m]"),
        ("m\\[Conjugate]", "Conjugate[m]"),
        ("a \\[Cross] b", "Cross[a, b]"),
        ("\"a\\[NewLine]b\"", "\"a\\nb\""),
        ("\"a\\[RawTab]b\"", "\"a\\tb\""),
        ("\"\\[RawBackslash]\"", "\"\\\\\""),
        ("a \\[Continuation] b", "Times[a, b]"),
        ("\\[Null]", "\u{F3A0}"),
        // Integrals: ∫ f ⅆ x is Integrate[f, x].
        ("\\[Integral] x^2 \\[DifferentialD] x", "Integrate[Power[x, 2], x]"),
        ("\\[Integral] Sin[x] Cos[x] \\[DifferentialD] x + 1", "Plus[Integrate[Times[Sin[x], Cos[x]], x], 1]"),
        ("2 \\[Integral] f \\[DifferentialD] t", "Times[2, Integrate[f, t]]"),
        ("\u{222B} f \u{F74C} x", "Integrate[f, x]"),
        // ∑, ∏, ∀, ∃ only mean something in box input; as text they are letterlike.
        ("{\\[Sum], \\[Product], \\[ForAll], \\[Exists]}", "List[\u{2211}, \u{220F}, \u{2200}, \u{2203}]"),
    ]

    @Test(arguments: cases) func entry(_ source: String, _ expected: String) {
        #expect(parsedOne(source) == expected)
    }

    @Test func integralNeedsItsDifferentialD() {
        #expect(parsedOne("\\[Integral] f") == "!sntxi")
        #expect(parsedOne("\\[Integral] f g") == "!sntxi")
        #expect(parsedOne("\\[Integral] f \\[DifferentialD]") == "!sntxi")
        #expect(parsedOne("\\[DifferentialD] x") == "!sntxb")
        #expect(parsedOne("\\[Integral] a + b \\[DifferentialD] x") == "!sntxf")
    }
}
