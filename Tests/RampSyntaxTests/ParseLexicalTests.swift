import Testing
@testable import RampSyntax

/// Every number form of wl-syntax.md §1.3.
let numberCases: [(String, String)] = [
    ("42", "42"),
    ("007", "7"),
    ("0", "0"),
    ("9223372036854775807", "9223372036854775807"),
    ("9223372036854775808", "9223372036854775808"),
    ("123456789012345678901234567890", "123456789012345678901234567890"),
    ("1.5", "1.5"),
    (".5", "0.5"),
    ("5.", "5."),
    ("0.1", "0.1"),
    ("1.5*^3", "1500."),
    ("1.5*^-3", "0.0015"),
    ("10*^3", "10000"),
    ("10*^+3", "10000"),
    ("10*^-3", "Rational[1, 100]"),
    ("10000000000*^-10", "1"),
    ("8^^23", "19"),
    ("2^^0101", "5"),
    ("16^^FF", "255"),
    ("16^^ff", "255"),
    ("36^^z", "35"),
    ("36^^abcxyz01239", "37715259387251925"),
    ("16^^dead.Beef", "57005.745834350586"),
    ("2^^.1", "0.5"),
    ("8^^23*^2", "1216"),
    ("2^^1*^-2", "Rational[1, 4]"),
    ("16^^10000000000000000", "18446744073709551616"),
    ("1.`", "1."),
    ("1.5`", "1.5"),
    ("123`", "123."),
    ("1.5`20", "1.5000000000000000000`20."),
    ("3`7", "3.000000`7."),
    ("1.0``20", "1.0000000000000000000`20."),
    ("0``3", "0.``3."),
    ("1.5`20*^3", "1500.0000000000000000`20."),
    ("1.5`-2", "0.``-2.1760912590556813"),
    ("7`b", "Times[7., b]"),
    ("1.000000000000000000000", "1.000000000000000000000`22."),
    ("1.5`20.", "1.5000000000000000000`20."),
    ("1.2345678901234567", "1.2345678901234567"),
    ("1e5", "Times[1, e5]"),
    ("2a", "Times[2, a]"),
    ("a.5", "Times[a, 0.5]"),
    ("x=.01", "Set[x, 0.01]"),
    ("4/.4->5", "Rule[Times[4, Power[0.4, -1]], 5]"),
    ("4/. 4->5", "ReplaceAll[4, Rule[4, 5]]"),
    ("-9223372036854775808", "-9223372036854775808"),
    ("-1.5", "-1.5"),
    ("-10*^-3", "Rational[-1, 100]"),
    ("1.5 2", "Times[1.5, 2]"),
    ("2^3", "Power[2, 3]"),
    ("1 2 3", "Times[1, 2, 3]"),
]

/// Strings and every escape of §1.4.
let stringCases: [(String, String)] = [
    (#""abc""#, #""abc""#),
    (#""""#, #""""#),
    (#""a\"b""#, #""a\"b""#),
    (#""a\\b""#, #""a\\b""#),
    (#""a\nb""#, #""a\nb""#),
    (#""a\tb""#, #""a\tb""#),
    (#""a\rb""#, "\"a\rb\""),
    (#""a\bb""#, "\"a\u{8}b\""),
    (#""a\fb""#, "\"a\u{C}b\""),
    (#""\101""#, #""A""#),
    (#""\.41""#, #""A""#),
    (#""\:0041\:03b1""#, "\"A\u{3B1}\""),
    (#""\|01F600""#, "\"\u{1F600}\""),
    (#""\[Alpha]\[Beta]""#, "\"\u{3B1}\u{3B2}\""),
    (#""\[Pi] is pi""#, "\"\u{3C0} is pi\""),
    (#""\[Rule]""#, "\"\u{F522}\""),
    ("\"multi\nline\"", #""multi\nline""#),
    ("\"cont\\\ninued\"", #""continued""#),
    (#""\(x\)""#, #""\\(x\\)""#),
    (#""\!\(x\)""#, #""\\!\\(x\\)""#),
    (#""\q""#, #""\\q""#),
    (#""abc(*def*)""#, #""abc(*def*)""#),
    ("\"caf\u{E9}\"", "\"caf\u{E9}\""),
    ("\"\u{1F600}\"", "\"\u{1F600}\""),
    (#""a" <> "b""#, #"StringJoin["a", "b"]"#),
    (#"f["x", 'y']"#, "!sntxf"),
]

/// Symbols, contexts, named characters, slots, Out, blanks (§1.5–§1.7).
let symbolCases: [(String, String)] = [
    ("x", "x"),
    ("$x", "$x"),
    ("a$b", "a$b"),
    ("f$1", "f$1"),
    ("x2y", "x2y"),
    ("a`b", "a`b"),
    ("a`b`c", "a`b`c"),
    ("Global`x", "x"),
    ("System`Plus", "Plus"),
    ("`x", "x"),
    ("\\[Alpha]", "\u{3B1}"),
    ("\\[Alpha]5", "\u{3B1}5"),
    ("\u{3B1}\u{3B2}", "\u{3B1}\u{3B2}"),
    ("\\[CapitalOmega]", "\u{3A9}"),
    ("\\[Epsilon] \\[CurlyEpsilon]", "Times[\u{3F5}, \u{3B5}]"),
    ("\\[Phi] \\[CurlyPhi]", "Times[\u{3D5}, \u{3C6}]"),
    ("\\[Pi]", "Pi"),
    ("\u{3C0}", "Pi"),
    ("2\u{3C0}", "Times[2, Pi]"),
    ("\\[Infinity]", "Infinity"),
    ("\\[Degree]", "Degree"),
    ("30\u{B0}", "Times[30, Degree]"),
    ("\\[ExponentialE]", "E"),
    ("\\[ImaginaryI]", "I"),
    ("\\[ImaginaryJ]", "I"),
    ("\\:0078\\:0079", "xy"),
    ("\\.78\\.79\\.7A", "xyz"),
    ("\\170", "x"),
    ("x \\[Rule] y", "Rule[x, y]"),
    ("x \\[RuleDelayed] y", "RuleDelayed[x, y]"),
    ("x \\[TwoWayRule] y", "TwoWayRule[x, y]"),
    ("x \\[Function] y", "Function[x, y]"),
    ("x \\[Equal] y", "Equal[x, y]"),
    ("x \\[LongEqual] y", "Equal[x, y]"),
    ("x \\[NotEqual] y", "Unequal[x, y]"),
    ("x \\[GreaterEqual] y", "GreaterEqual[x, y]"),
    ("x \\[Times] y", "Times[x, y]"),
    ("x \\[InvisibleTimes] y", "Times[x, y]"),
    ("x \\[Divide] y", "Times[x, Power[y, -1]]"),
    ("x \\[Minus] y", "Plus[x, Times[-1, y]]"),
    ("x \\[And] y \\[Or] \\[Not] z", "Or[And[x, y], Not[z]]"),
    ("x \\[Element] y", "Element[x, y]"),
    ("x \\[RightArrow] y", "RightArrow[x, y]"),
    ("x \\[UndirectedEdge] y \\[UndirectedEdge] z", "UndirectedEdge[x, UndirectedEdge[y, z]]"),
    ("x \\[Cross] y", "Cross[x, y]"),
    ("\\[Sqrt]2", "Sqrt[2]"),
    ("m\\[Conjugate]", "Conjugate[m]"),
    ("\\[LeftAssociation]a -> 1\\[RightAssociation]", "Association[Rule[a, 1]]"),
    ("e\\[LeftDoubleBracket]1\\[RightDoubleBracket]", "Part[e, 1]"),
    ("a\\[ThinSpace]b", "Times[a, b]"),
    ("a\\[NonBreakingSpace]b", "Times[a, b]"),
    ("4\\:002b5", "Plus[4, 5]"),
    ("#", "Slot[1]"),
    ("#1", "Slot[1]"),
    ("#0", "Slot[0]"),
    ("#12", "Slot[12]"),
    ("#name", #"Slot["name"]"#),
    (#"#"name""#, #"Slot["name"]"#),
    ("#1a", "Times[Slot[1], a]"),
    ("##", "SlotSequence[1]"),
    ("##2", "SlotSequence[2]"),
    ("%", "Out[]"),
    ("%%", "Out[-2]"),
    ("%%%", "Out[-3]"),
    ("%5", "Out[5]"),
    ("%% 2", "Times[Out[-2], 2]"),
    ("_", "Blank[]"),
    ("__", "BlankSequence[]"),
    ("___", "BlankNullSequence[]"),
    ("_h", "Blank[h]"),
    ("__h", "BlankSequence[h]"),
    ("___h", "BlankNullSequence[h]"),
    ("_ctx`h", "Blank[ctx`h]"),
    ("x_", "Pattern[x, Blank[]]"),
    ("x__h", "Pattern[x, BlankSequence[h]]"),
    ("x___", "Pattern[x, BlankNullSequence[]]"),
    ("_.", "Optional[Blank[]]"),
    ("x_.", "Optional[Pattern[x, Blank[]]]"),
    ("x _", "Times[x, Blank[]]"),
    ("x_Integer?EvenQ", "PatternTest[Pattern[x, Blank[Integer]], EvenQ]"),
    ("?Plot", #"Information["Plot", Rule[LongForm, False]]"#),
    ("??Plot", #"Information["Plot", Rule[LongForm, True]]"#),
    ("? Plot ", #"Information["Plot", Rule[LongForm, False]]"#),
    ("?*Plot*", #"Information["*Plot*", Rule[LongForm, False]]"#),
    ("x\n?y\nz", #"x; Information["y", Rule[LongForm, False]]; z"#),
]

@Suite struct ParseLexicalTests {
    @Test(arguments: numberCases)
    func numbers(_ input: String, _ expected: String) {
        #expect(parsed(input) == expected, "\(input)")
    }

    @Test(arguments: stringCases)
    func strings(_ input: String, _ expected: String) {
        #expect(parsed(input) == expected, "\(input)")
    }

    @Test(arguments: symbolCases)
    func symbolsAndAtoms(_ input: String, _ expected: String) {
        #expect(parsed(input) == expected, "\(input)")
    }

    @Test func numbersAreCanonicalAtoms() throws {
        #expect(try Parser.parseExpression("12") == .integer(12))
        #expect(try Parser.parseExpression("99999999999999999999") == .bigInteger(BigInt(10).power(20) - 1))
        #expect(try Parser.parseExpression("10*^-3") == .rational(1, 100))
        #expect(try Parser.parseExpression("20*^-1") == .integer(2))
        #expect(try Parser.parseExpression("-7") == .integer(-7))
        #expect(try Parser.parseExpression("2.5") == .real(2.5))
        #expect(try Parser.parseExpression(".1") == .real(0.1))
        #expect(try Parser.parseExpression("1.7976931348623157*^308") == .real(1.7976931348623157e308))
        #expect(try Parser.parseExpression("0.30000000000000004") == .real(0.30000000000000004))
    }

    @Test func symbolsAreInterned() throws {
        let e = try Parser.parseExpression("foo")
        #expect(e.symbol === Symbol.named("foo"))
        #expect(try Parser.parseExpression("Global`foo").symbol === Symbol.named("foo"))
    }

    /// Found by FuzzParse: a combining mark after the leading "`" forms one character with it, and
    /// dropping the first character lost the mark, giving the symbol an empty name.
    @Test func contextMarksAreStrippedByScalar() throws {
        #expect(try Parser.parseExpression("`\u{059D}").symbol?.name == "\u{059D}")
        #expect(try Parser.parseExpression("Global`\u{0301}x").symbol?.name == "\u{0301}x")
        let e = try Parser.parseExpression("f[`\u{059D}]")
        #expect(try Parser.parseExpression(e.formatted(.inputForm)) == e)
    }
}

@Suite struct ParseDeviationTests {
    @Test func documentedDeviations() {
        #expect(parsed("ParametricRampLayer[<1,2>, \"Slope\"->0.2, LearningRateMultipliers->0]")
            == #"ParametricRampLayer[List[1, 2], Rule["Slope", 0.2], Rule[LearningRateMultipliers, 0]]"#)
        #expect(parsed("f[<>]") == "f[List[]]")
        #expect(parsed("<(a > b), 2>") == "List[Greater[a, b], 2]")
        #expect(parsed("<1;;2, 3>") == "List[Span[1, 2], 3]")
        #expect(parsed("<\n1,\n2\n>") == "List[1, 2]")
        #expect(parsed("<1, 2") == "!bktmcp")
        #expect(parsed("1*^400") != "!sntxf")
        #expect(parsed("1.5*^400") == "DirectedInfinity[1]")
        #expect(parsed("1.5`100000000000") == "!sntxf")   // precision past 10^8 digits
        #expect(parsed("1.5`1000") != "!sntxf")
        #expect(parsed("a + b\n+ c") == "Plus[a, b]; Plus[c]")
    }
}

@Suite struct ParseRealTests {
    /// Reals read without a string (short decimals) round exactly as the string conversion does.
    @Test func decimalsRoundCorrectly() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let intDigits = Int.random(in: 0...9, using: &generator)
            // At most 17 digits: longer literals are arbitrary-precision reals.
            let fracDigits = Int.random(in: 0...8, using: &generator)
            let digits = (0..<(intDigits + fracDigits)).map { _ in String(Int.random(in: 0...9, using: &generator)) }
            let text = digits.prefix(intDigits).joined() + "." + digits.suffix(fracDigits).joined()
            guard text != "." else { continue }
            let exponent = Int.random(in: -30...30, using: &generator)
            let source = exponent == 0 ? text : "\(text)*^\(exponent)"
            var swiftText = text
            if swiftText.hasPrefix(".") { swiftText = "0" + swiftText }
            if swiftText.hasSuffix(".") { swiftText += "0" }
            let expected = Double(swiftText + "e\(exponent)")!
            #expect(try Parser.parseExpression(source) == .real(expected), "\(source)")
        }
    }
}
