import Testing
@testable import RampSyntax

/// Shorthands for building expressions in tests.
private func s(_ name: String) -> Expr { .sym(name) }
private func f(_ head: String, _ args: Expr...) -> Expr { .call(Symbol.named(head), args) }
private let a = s("a"), b = s("b"), c = s("c"), x = s("x"), y = s("y")

@Suite struct FullFormTests {
    @Test func operatorsBecomeHeads() {
        #expect(f("Plus", a, f("Times", -1, b)).formatted(.fullForm) == "Plus[a, Times[-1, b]]")
        #expect(Expr.list([1, 2]).formatted(.fullForm) == "List[1, 2]")
        #expect(f("Association", f("Rule", a, 1)).formatted(.fullForm) == "Association[Rule[a, 1]]")
        #expect(f("Function", f("Slot", 1)).formatted(.fullForm) == "Function[Slot[1]]")
        #expect(f("Hold", f("CompoundExpression", a, .null)).formatted(.fullForm) == "Hold[CompoundExpression[a, Null]]")
        #expect(f("f", f("Pattern", x, f("Blank"))).formatted(.fullForm) == "f[Pattern[x, Blank[]]]")
    }

    @Test func numbers() {
        #expect(Expr.integer(-5).formatted(.fullForm) == "-5")
        #expect(Expr.rational(1, 3).formatted(.fullForm) == "Rational[1, 3]")
        #expect(Expr.rational(-1, 3).formatted(.fullForm) == "Rational[-1, 3]")
        #expect(Expr.complex(1, 2).formatted(.fullForm) == "Complex[1, 2]")
        #expect(Expr.complex(.rational(1, 2), .rational(3, 4)).formatted(.fullForm) == "Complex[Rational[1, 2], Rational[3, 4]]")
        #expect(Expr.real(1.5).formatted(.fullForm) == "1.5`")
        #expect(Expr.real(1.0).formatted(.fullForm) == "1.`")
        #expect(Expr.complex(1.5, 2.0).formatted(.fullForm) == "Complex[1.5`, 2.`]")
        #expect(Expr.real(1e6).formatted(.fullForm) == "1.`*^6")
        #expect(f("Times", 7.0, b).formatted(.fullForm) == "Times[7.`, b]")
        #expect(Expr.bigInteger(BigIntLiteral.tenToThe20).formatted(.fullForm) == "100000000000000000000")
    }

    @Test func stringsAreQuotedAndEscaped() {
        #expect(Expr.string("a\"b\\c\nd\te").formatted(.fullForm) == #""a\"b\\c\nd\te""#)
        #expect(f("f", "x").formatted(.fullForm) == #"f["x"]"#)
    }

    @Test func packedArraysPrintAsLists() {
        let packed = Expr.packed(PackedArray(integers: [1, 2, 3, 4], shape: [2, 2]))
        #expect(packed.formatted(.fullForm) == "List[List[1, 2], List[3, 4]]")
        #expect(packed.formatted(.inputForm) == "{{1, 2}, {3, 4}}")
        #expect(Expr.packed(PackedArray(reals: [0.5, 1])).formatted(.inputForm) == "{0.5, 1.}")
        #expect(Expr.packed(PackedArray(reals: [0.5, 1])).formatted(.fullForm) == "List[0.5`, 1.`]")
    }
}

enum BigIntLiteral {
    static var tenToThe20: BigInt { BigInt(10).power(20) }
}


@Suite struct InputFormTests {
    func input(_ e: Expr) -> String { e.formatted(.inputForm) }

    @Test func sumsAndDifferences() {
        #expect(input(f("Plus", a, f("Times", -1, b))) == "a - b")
        #expect(input(f("Plus", 1, f("Times", 2, x), f("Power", x, 2))) == "1 + 2*x + x^2")
        #expect(input(f("Plus", x, -4)) == "x - 4")
        #expect(input(f("Plus", x, f("Times", -1, -4))) == "x - -4")
        #expect(input(f("Plus", a, f("Times", -1, b, c))) == "a - b*c")
        #expect(input(f("Plus", a, f("Times", -1, f("Plus", b, c)))) == "a - (b + c)")
        #expect(input(f("Plus", -1, f("Power", s("p"), -1))) == "-1 + p^(-1)")
        #expect(input(f("Plus", a, f("Times", -2, b))) == "a - 2*b")
        #expect(input(f("Plus", a, .rational(-1, 3))) == "a - 1/3")
    }

    @Test func productsAndQuotients() {
        #expect(input(f("Times", a, f("Power", b, -1))) == "a/b")
        #expect(input(f("Power", s("z"), -1)) == "z^(-1)")
        #expect(input(f("Times", -1, f("Power", x, -1))) == "-x^(-1)")
        #expect(input(f("Times", .rational(1, 2), f("Power", f("Plus", -1, x), -1))) == "1/(2*(-1 + x))")
        #expect(input(f("Times", .rational(7, 4), s("Pi"))) == "(7*Pi)/4")
        #expect(input(f("Times", f("Power", s("E"), x), f("Gamma", 0, x), f("Power", s("l"), -1))) == "(E^x*Gamma[0, x])/l")
        #expect(input(f("Times", -1, f("Power", f("Plus", 1, f("Power", x, 2)), -1))) == "-(1 + x^2)^(-1)")
        #expect(input(f("Times", -1, f("Coth", x), f("Csch", x))) == "-(Coth[x]*Csch[x])")
        #expect(input(.list([f("Power", 2, .rational(-1, 2)), f("Times", -1, f("Power", 2, .rational(-1, 2)))])) == "{1/Sqrt[2], -(1/Sqrt[2])}")
        #expect(input(f("Power", x, .rational(1, 2))) == "Sqrt[x]")
        #expect(input(f("Times", -1, x)) == "-x")
        #expect(input(f("Times", -1, a, f("Power", b, -1))) == "-(a/b)")
        #expect(input(f("Times", -2, x)) == "-2*x")
        #expect(input(f("Times", .rational(-1, 2), x)) == "-x/2")
        #expect(input(f("Times", .rational(8, 9), f("Power", s("E"), .rational(-2, 3)))) == "8/(9*E^(2/3))")
        #expect(input(f("Times", a, f("Plus", b, c))) == "a*(b + c)")
        #expect(input(f("Times", a, f("Times", -1, b))) == "a*(-b)")
        #expect(input(f("Times", -1, f("Times", -1, a))) == "-(-a)")
        #expect(input(f("Times", -1, f("PreDecrement", x))) == "- --x")
        #expect(input(f("Times", -1, f("Power", f("PreDecrement", x), 2))) == "- --x^2")
    }

    @Test func powers() {
        #expect(input(f("Power", f("Power", a, b), c)) == "(a^b)^c")
        #expect(input(f("Power", a, f("Power", b, c))) == "a^b^c")
        #expect(input(f("Power", -2, .rational(1, 3))) == "(-2)^(1/3)")
        #expect(input(f("Power", f("Plus", 1, f("Power", f("Plus", 1, f("Power", a, -1)), -1)), -1)) == "(1 + (1 + a^(-1))^(-1))^(-1)")
        #expect(input(f("Power", f("Times", -1, a), 2)) == "(-a)^2")
    }

    @Test func complexNumbers() {
        #expect(input(.complex(3, -4)) == "3 - 4*I")
        #expect(input(.complex(0, -1)) == "-I")
        #expect(input(.complex(0, 1)) == "I")
        #expect(input(.complex(2, 3)) == "2 + 3*I")
        #expect(input(.complex(.rational(11, 5), .rational(-2, 5))) == "11/5 - (2*I)/5")
        #expect(input(.complex(1.5, 2.0)) == "1.5 + 2.*I")
        #expect(input(.complex(1.09e12, 3.0)) == "1.09*^12 + 3.*I")
        #expect(input(f("Times", .complex(0, -2), f("Power", 2, .rational(1, 2)))) == "(-2*I)*Sqrt[2]")
        #expect(input(f("Power", .complex(1, 2), .complex(3, 4))) == "(1 + 2*I)^(3 + 4*I)")
        #expect(input(f("Plus", .complex(0, 5), f("Times", .complex(0, -2), s("Pi")))) == "5*I - (2*I)*Pi")
        #expect(input(f("Plus", a, f("Times", .complex(0, -1), s("Pi")))) == "a - I*Pi")
    }

    @Test func logicAndComparison() {
        #expect(input(f("Not", a)) == "!a")
        #expect(input(f("Hold", f("Power", f("Not", a), 2))) == "Hold[( !a)^2]")
        #expect(input(f("Hold", f("And", f("Not", a), b))) == "Hold[ !a && b]")
        #expect(input(f("Or", f("And", a, b), f("And", f("Not", a), f("Not", b)))) == "(a && b) || ( !a &&  !b)")
        #expect(input(f("Equal", a, b, c)) == "a == b == c")
        #expect(input(f("Less", 1, x)) == "1 < x")
        #expect(input(f("Inequality", 0, s("Less"), x, s("Less"), 1)) == "Inequality[0, Less, x, Less, 1]")
        #expect(input(f("SameQ", a, b)) == "a === b")
        #expect(input(f("UnsameQ", a, b)) == "a =!= b")
        #expect(input(f("Not", f("Equal", a, b))) == "!a == b")
    }

    @Test func functionsAndPatterns() {
        #expect(input(f("Function", f("Or", f("Not", f("Slot", 1)), f("Not", f("Slot", 2))))) == "!#1 ||  !#2 & ")
        #expect(input(.list([f("Function", f("Power", f("Slot", 1), 2)), a])) == "{#1^2 & , a}")
        #expect(input(f("Function", f("Plus", f("Slot", 1), 1))) == "#1 + 1 & ")
        #expect(input(.call(f("Function", f("Slot", 1)), [2])) == "(#1 & )[2]")
        #expect(input(f("Function", f("CompoundExpression", f("Set", a, f("Slot", 1)), a))) == "(a = #1; a) & ")
        #expect(input(f("Condition", f("Pattern", x, f("Blank")), f("Greater", x, 0))) == "x_ /; x > 0")
        #expect(input(f("Pattern", x, f("Blank", s("Integer")))) == "x_Integer")
        #expect(input(f("Pattern", x, f("BlankSequence"))) == "x__")
        #expect(input(f("Pattern", x, f("BlankNullSequence"))) == "x___")
        #expect(input(f("Optional", f("Pattern", x, f("BlankSequence")))) == "x__.")
        #expect(input(f("Optional", f("Pattern", x, f("BlankSequence")), f("Plus", a, b))) == "x__:a + b")
        #expect(input(f("PatternTest", f("Blank", s("Integer")), s("NonNegative"))) == "_Integer?NonNegative")
        #expect(input(f("Pattern", a, f("Alternatives", b, c))) == "a:b | c")
        #expect(input(f("Slot", "name")) == "#name")
        #expect(input(f("SlotSequence", 2)) == "##2")
        #expect(input(f("Repeated", a)) == "a..")
        #expect(input(f("Function", x, f("Power", x, 2))) == "Function[x, x^2]")
    }

    @Test func rulesAssignmentsAndStructure() {
        #expect(input(f("Rule", f("Rule", a, b), c)) == "(a -> b) -> c")
        #expect(input(f("Rule", a, f("Rule", b, c))) == "a -> b -> c")
        #expect(input(f("RuleDelayed", a, b)) == "a :> b")
        #expect(input(f("Association", f("Rule", a, x), f("Rule", c, f("Association", f("Rule", s("d"), s("t")))))) == "<|a -> x, c -> <|d -> t|>|>")
        #expect(input(f("Association")) == "<||>")
        #expect(input(f("ReplaceAll", x, 5)) == "x /. 5")
        #expect(input(f("Map", s("f"), s("g"))) == "f /@ g")
        #expect(input(f("Apply", s("f"), s("g"))) == "f @@ g")
        #expect(input(f("Apply", s("f"), s("g"), [1])) == "f @@@ g")
        #expect(input(f("MessageName", s("f"), "usage")) == "f::usage")
        #expect(input(f("Part", [1, 2, 3], 5)) == "{1, 2, 3}[[5]]")
        #expect(input(f("Part", x, 1, f("Span", 1, s("All")))) == "x[[1, 1;;All]]")
        #expect(input(f("Span", 1, 10, 2)) == "1;;10;;2")
        #expect(input(f("Hold", f("CompoundExpression", a, .null, c))) == "Hold[a; Null; c]")
        #expect(input(f("CompoundExpression", a, .null)) == "a; ")
        #expect(input(f("Set", a, f("Set", b, c))) == "a = b = c")
        #expect(input(f("SetDelayed", f("f", f("Pattern", x, f("Blank"))), f("Power", x, 2))) == "f[x_] := x^2")
        #expect(input(f("Alternatives", a, b, c)) == "a | b | c")
        #expect(input(f("StringJoin", "a", "b")) == #""a" <> "b""#)
        #expect(input(f("StringExpression", "a", "b")) == #""a"~~"b""#)
        #expect(input(f("Dot", a, b)) == "a . b")
        #expect(input(f("Hold", f("Plus", a, f("Plus", b, c)))) == "Hold[a + (b + c)]")
        #expect(input(f("Sequence", a, b)) == "Sequence[a, b]")
        #expect(input(f("Hold", f("Plus", 1, 2))) == "Hold[1 + 2]")
        #expect(input(.list([.null])) == "{Null}")
        #expect(input(.null) == "Null")
        #expect(input(.call(f("f", x), [y])) == "f[x][y]")
        #expect(input(.call(f("Plus", a, b), [y])) == "(a + b)[y]")
    }

    @Test func specialAtoms() {
        #expect(input(f("DirectedInfinity", 1)) == "Infinity")
        #expect(input(f("DirectedInfinity", -1)) == "-Infinity")
        #expect(input(f("DirectedInfinity")) == "ComplexInfinity")
        #expect(input(f("Out")) == "%")
        #expect(input(f("Out", -2)) == "%%")
        #expect(input(f("Out", 5)) == "%5")
        #expect(input("Hola!") == #""Hola!""#)
        #expect(input(.rational(1, 3)) == "1/3")
        #expect(input(.rational(-1, 3)) == "-1/3")
        #expect(input(f("Power", x, .rational(1, 3))) == "x^(1/3)")
    }

    @Test func machineReals() {
        #expect(input(0.1) == "0.1")
        #expect(input(1.0) == "1.")
        #expect(input(2.5e-7) == "2.5*^-7")
        #expect(input(.real(Double.pi)) == "3.141592653589793")
        #expect(input(.real(0.1 + 0.2)) == "0.30000000000000004")
        #expect(input(1234567.0) == "1.234567*^6")
        #expect(input(100000.0) == "100000.")
        #expect(input(0.00001) == "0.00001")
        #expect(input(1e6) == "1.*^6")
        #expect(input(1e-6) == "1.*^-6")
        #expect(input(-7.32) == "-7.32")
        #expect(input(-1.5e-6) == "-1.5*^-6")
        #expect(input(0.0) == "0.")
        #expect(input(2.0) == "2.")
        #expect(input(1e100) == "1.*^100")
    }

    @Test func scriptFormLeavesStringsBare() {
        #expect(Expr.list(["Green"]).formatted(.scriptForm) == "{Green}")
        #expect(f("Missing", "KeyAbsent", "nope").formatted(.scriptForm) == "Missing[KeyAbsent, nope]")
        // Form wrappers are shown in their form, as `Print[InputForm[…]]` in a wolframscript script.
        #expect(f("FullForm", f("Power", x, s("n"))).formatted(.scriptForm) == "Power[x, n]")
        #expect(f("InputForm", f("List", "a", 1.5)).formatted(.scriptForm) == "{\"a\", 1.5}")
        #expect(f("HoldForm", f("Plus", 1, 1)).formatted(.scriptForm) == "1 + 1")
        #expect(f("List", f("FullForm", f("Times", x, 2))).formatted(.scriptForm) == "{Times[x, 2]}")
        #expect(f("Plus", 1, f("Times", 2, x)).formatted(.scriptForm) == "1 + 2*x")
        #expect(Expr.null.formatted(.scriptForm) == "Null")
    }
}

@Suite struct OutputFormTests {
    func output(_ e: Expr) -> String { e.formatted(.outputForm) }

    @Test func timesIsASpace() {
        #expect(output(f("Times", 2, x)) == "2 x")
        #expect(output(f("Times", -1, a, b)) == "-(a b)")
        #expect(output(.complex(3, -4)) == "3 - 4 I")
        #expect(output(.complex(1.5, 2.0)) == "1.5 + 2. I")
        #expect(output(f("Times", a, f("Plus", b, c))) == "a (b + c)")
        #expect(output(f("Power", f("Plus", a, b), 2)) == "(a + b)^2")
    }

    @Test func reciprocalsAreFractions() {
        #expect(output(f("Power", x, -1)) == "1/x")
        #expect(output(f("Power", x, -2)) == "1/x^2")
        #expect(output(f("Times", a, f("Power", b, -1))) == "a/b")
        #expect(output(.rational(1, 3)) == "1/3")
    }

    @Test func stringsAreRaw() {
        #expect(output("Hola!") == "Hola!")
        #expect(output("  two spaces") == "  two spaces")
        #expect(output(.list(["a b", 1])) == "{a b, 1}")
        #expect(OutputForm.format("x", bareStrings: false) == #""x""#)
        #expect(OutputForm.format(.list(["x"]), bareStrings: true) == "{x}")
    }

    @Test func machineRealsHaveSixDigits() {
        #expect(output(.real(Double.pi)) == "3.14159")
        #expect(output(1.0) == "1.")
        #expect(output(.real(1.0 / 3.0)) == "0.333333")
        #expect(output(100000.0) == "100000.")
        #expect(output(-0.00001) == "-0.00001")
        #expect(output(.real(0.1 + 0.2)) == "0.3")
        #expect(output(1234567.0) == "1.23457*^6")
        #expect(output(999999.7) == "1.*^6")
        #expect(output(2.5e-7) == "2.5*^-7")
        // 0.1234565 is stored just below ...565, so it rounds down.
        #expect(output(0.1234565) == "0.123456")
        #expect(output(0.5) == "0.5")
    }

    @Test func formWrappersShowTheirForm() {
        #expect(output(f("FullForm", f("Plus", a, f("Times", -1, b)))) == "Plus[a, Times[-1, b]]")
        #expect(output(f("InputForm", f("Plus", "a", f("Times", 2, x)))) == #""a" + 2*x"#)
        #expect(output(f("HoldForm", f("Plus", 1, 1))) == "1 + 1")
        #expect(f("FullForm", x).formatted(.inputForm) == "FullForm[x]")
    }

    @Test func derivativesUsePrimes() {
        let fp = Expr.call(f("Derivative", 2), [s("f")])
        #expect(output(fp) == "f''")
        #expect(output(.call(fp, [x])) == "f''[x]")
        #expect(fp.formatted(.inputForm) == "Derivative[2][f]")
    }

    @Test func nativeObjects() {
        let obj = Expr.native(TestObject())
        #expect(output(obj) == "TestObject[<3>]")
        #expect(obj.formatted(.inputForm) == "TestObject[{1, 2, 3}]")
        #expect(obj.formatted(.fullForm) == "TestObject[List[1, 2, 3]]")
    }
}

final class TestObject: NativeObject {
    var head: Symbol { Symbol.named("TestObject") }
    var inputForm: Expr { .call(head, [[1, 2, 3]]) }
    var summary: String { "TestObject[<3>]" }
    func isSame(as other: any NativeObject) -> Bool { other is TestObject }
    func hash(into hasher: inout Hasher) { hasher.combine(1) }
}
