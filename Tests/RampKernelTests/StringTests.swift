import Testing
import RampKernel
import RampSyntax

/// Evaluates calls on a fresh kernel and records the messages they issue.
final class StringSession {
    let kernel = Kernel()
    var messages: [String] = []

    init() { kernel.messageHandler = { [unowned self] in self.messages.append($0.description) } }

    func eval(_ head: String, _ args: Expr...) -> Expr { kernel.evaluate(.call(Symbol.named(head), args)) }

    /// Evaluates and returns the result together with the messages it issued.
    func run(_ head: String, _ args: Expr...) -> (Expr, [String]) {
        messages = []
        let r = kernel.evaluate(.call(Symbol.named(head), args))
        return (r, messages)
    }
}

private func f(_ head: String, _ args: Expr...) -> Expr { .call(Symbol.named(head), args) }
private func rule(_ a: Expr, _ b: Expr) -> Expr { f("Rule", a, b) }

@Suite struct StringBuiltinTests {
    let s = StringSession()

    @Test func stringJoin() {
        #expect(s.eval("StringJoin", "ab", "c", "") == "abc")
        #expect(s.eval("StringJoin", ["a", ["b", "c"]], "d") == "abcd")
        #expect(s.eval("StringJoin") == "")
        let (r, m) = s.run("StringJoin", "a", 1)
        #expect(r == f("StringJoin", "a", 1))
        #expect(m == ["StringJoin::string: String expected at position 2 in a <> 1."])
    }

    @Test func stringLength() {
        #expect(s.eval("StringLength", "abc") == 3)
        #expect(s.eval("StringLength", "") == 0)
        #expect(s.eval("StringLength", "π é") == 3)
        #expect(s.eval("StringLength", ["ab", "cde"]) == [2, 3])
        let (r, m) = s.run("StringLength", .sym("x"))
        #expect(r == f("StringLength", .sym("x")))
        #expect(m == ["StringLength::string: String expected at position 1 in StringLength[x]."])
        let (_, m2) = s.run("StringLength", "a", "b")
        #expect(m2 == ["StringLength::argx: StringLength called with 2 arguments; 1 argument is expected."])
    }

    @Test func stringTake() {
        #expect(s.eval("StringTake", "abcdef", 2) == "ab")
        #expect(s.eval("StringTake", "abcdef", -2) == "ef")
        #expect(s.eval("StringTake", "abcdef", [3]) == "c")
        #expect(s.eval("StringTake", "abcdef", [-1]) == "f")
        #expect(s.eval("StringTake", "abcdef", [2, 4]) == "bcd")
        #expect(s.eval("StringTake", "abcdef", [1, -1, 2]) == "ace")
        #expect(s.eval("StringTake", "abcdef", 0) == "")
        #expect(s.eval("StringTake", "abcdef", f("UpTo", 10)) == "abcdef")
        #expect(s.eval("StringTake", ["abc", "xyz"], 2) == ["ab", "xy"])
        #expect(s.eval("StringTake", "abcdef", [[1, 2], [4]]) == ["ab", "d"])
        let (r, m) = s.run("StringTake", "abc", 10)
        #expect(r == f("StringTake", "abc", 10))
        #expect(m == ["StringTake::take: Cannot take positions 1 through 10 in abc."])
        let (_, m2) = s.run("StringTake", "abc", .sym("x"))
        #expect(m2.first?.hasPrefix("StringTake::mseqs: Sequence specification") == true)
        let (_, m3) = s.run("StringTake", "abc")
        #expect(m3 == ["StringTake::argr: StringTake called with 1 argument; 2 arguments are expected."])
    }

    @Test func stringDrop() {
        #expect(s.eval("StringDrop", "abcdef", 2) == "cdef")
        #expect(s.eval("StringDrop", "abcdef", -2) == "abcd")
        #expect(s.eval("StringDrop", "abcdef", [3]) == "abdef")
        #expect(s.eval("StringDrop", "abcdef", [2, 4]) == "aef")
        let (_, m) = s.run("StringDrop", "abc", [2, 5])
        #expect(m == ["StringDrop::drop: Cannot drop positions 2 through 5 in abc."])
    }

    @Test func splitting() {
        #expect(s.eval("StringSplit", "  a b\tc  ") == ["a", "b", "c"])
        #expect(s.eval("StringSplit", ":a:b::c:", ":") == ["a", "b", "", "c"])
        #expect(s.eval("StringSplit", ":a:b:", ":", .sym("All")) == ["", "a", "b", ""])
        #expect(s.eval("StringSplit", "a-b_c", ["-", "_"]) == ["a", "b", "c"])
        #expect(s.eval("StringSplit", "a-b_c", f("Alternatives", "-", "_")) == ["a", "b", "c"])
        #expect(s.eval("StringSplit", "a b c d", " ", 2) == ["a", "b c d"])
        #expect(s.eval("StringSplit", "abc", "") == ["a", "b", "c"])
        #expect(s.eval("StringSplit", ["a b", "c d"]) == [["a", "b"], ["c", "d"]])
        #expect(s.eval("StringSplit", "a1b22c", f("Repeated", .sym("DigitCharacter"))) == ["a", "b", "c"])
    }

    @Test func replacing() {
        #expect(s.eval("StringReplace", "abcabc", rule("b", "X")) == "aXcaXc")
        #expect(s.eval("StringReplace", "abc", [rule("a", "b"), rule("b", "a")]) == "bac")
        #expect(s.eval("StringReplace", "aaa", rule("a", "b"), 2) == "bba")
        #expect(s.eval("StringReplace", "Abc", rule("a", "x"), rule(.sym("IgnoreCase"), .true)) == "xbc")
        #expect(s.eval("StringReplace", ["ab", "ba"], rule("a", "")) == ["b", "b"])
        #expect(s.eval("StringReplace", "a b", rule(" ", .sym("x"))) == f("StringExpression", "a", .sym("x"), "b"))
        #expect(s.eval("StringReplace", "a  b", rule(.sym("Whitespace"), "_")) == "a_b")
    }

    @Test func predicates() {
        #expect(s.eval("StringContainsQ", "abcd", "bc") == .true)
        #expect(s.eval("StringContainsQ", "abcd", "x") == .false)
        #expect(s.eval("StringContainsQ", ["ab", "cd"], "a") == [.true, .false])
        #expect(s.eval("StringContainsQ", "ABC", "b", rule(.sym("IgnoreCase"), .true)) == .true)
        #expect(s.eval("StringStartsQ", "abcd", "ab") == .true)
        #expect(s.eval("StringStartsQ", "abcd", "b") == .false)
        #expect(s.eval("StringEndsQ", "abcd", "cd") == .true)
        #expect(s.eval("StringEndsQ", "abcd", f("Alternatives", "x", "d")) == .true)
        #expect(s.eval("StringEndsQ", "abcd", "c") == .false)
        let (_, m) = s.run("StringContainsQ", .sym("x"), "a")
        #expect(m == ["StringContainsQ::strse: String or list of strings expected at position 1 in StringContainsQ[x, a]."])
    }

    @Test func riffleAndPad() {
        #expect(s.eval("StringRiffle", ["a", "b", "c"]) == "a b c")
        #expect(s.eval("StringRiffle", ["a", "b", "c"], ", ") == "a, b, c")
        #expect(s.eval("StringRiffle", ["a", "b"], ["(", ", ", ")"]) == "(a, b)")
        #expect(s.eval("StringRiffle", [1, 2, 3], "+") == "1+2+3")
        #expect(s.eval("StringRiffle", [["a", "b"], ["c", "d"]]) == "a b\nc d")
        #expect(s.eval("StringRiffle", [["a", "b"], ["c", "d"]], ";", ",") == "a,b;c,d")
        #expect(s.eval("StringPadLeft", "abc", 6) == "   abc")
        #expect(s.eval("StringPadRight", "abc", 6) == "abc   ")
        #expect(s.eval("StringPadLeft", "abcde", 3) == "cde")
        #expect(s.eval("StringPadRight", "abcde", 3) == "abc")
        #expect(s.eval("StringPadRight", "abc", 10, "xyz") == "abcxyzxyzx")
        #expect(s.eval("StringPadLeft", "abc", 10, "xyz") == "zxyzxyzabc")
        #expect(s.eval("StringPadLeft", ["a", "abc"]) == ["  a", "abc"])
        let (_, m) = s.run("StringPadLeft", "abc", -1)
        #expect(m == ["StringPadLeft::intnm: Non-negative machine-sized integer expected at position 2 in StringPadLeft[abc, -1]."])
    }

    @Test func repeatReverseCharactersCase() {
        #expect(s.eval("StringRepeat", "ab", 3) == "ababab")
        #expect(s.eval("StringRepeat", "ab", 3, 5) == "ababa")
        #expect(s.eval("StringRepeat", "ab", 0) == "")
        #expect(s.eval("StringReverse", "abc") == "cba")
        #expect(s.eval("StringReverse", ["ab", "cd"]) == ["ba", "dc"])
        #expect(s.eval("Characters", "aπc") == ["a", "π", "c"])
        #expect(s.eval("ToUpperCase", "abc Déf") == "ABC DÉF")
        #expect(s.eval("ToLowerCase", ["ABC", "X"]) == ["abc", "x"])
        let (_, m) = s.run("StringRepeat", "ab", -1)
        #expect(m == ["StringRepeat::intnm: Non-negative machine-sized integer expected at position 2 in StringRepeat[ab, -1]."])
        let (_, m2) = s.run("ToUpperCase", 5)
        #expect(m2 == ["ToUpperCase::string: String expected at position 1 in ToUpperCase[5]."])
    }

    @Test func conversions() {
        let sum = f("Plus", .sym("a"), f("Times", 2, .sym("x")))
        #expect(s.eval("ToString", sum) == "a + 2 x")
        #expect(s.eval("ToString", sum, .sym("InputForm")) == "a + 2*x")
        #expect(s.eval("ToString", sum, .sym("FullForm")) == "Plus[a, Times[2, x]]")
        #expect(s.eval("ToString", "abc") == "abc")
        #expect(s.eval("ToString", "abc", .sym("InputForm")) == #""abc""#)
        #expect(s.eval("ToString", .real(0.1 + 0.2)) == "0.3")
        #expect(s.eval("ToString", .real(0.1 + 0.2), .sym("InputForm")) == "0.30000000000000004")
        #expect(s.eval("ToString", f("FullForm", f("Rule", .sym("a"), 1))) == "Rule[a, 1]")
        #expect(s.eval("TextString", ["a", 1]) == "{a, 1}")
        #expect(s.eval("IntegerString", 255) == "255")
        #expect(s.eval("IntegerString", -255, 16) == "ff")
        #expect(s.eval("IntegerString", 5, 2, 8) == "00000101")
        #expect(s.eval("IntegerString", 123456, 10, 3) == "456")
        #expect(s.eval("IntegerString", [1, 2], 2) == ["1", "10"])
        let (_, m) = s.run("IntegerString", 1.5)
        #expect(m == ["IntegerString::int: Integer expected at position 1 in IntegerString[1.5]."])
        #expect(s.eval("InputForm", sum) == f("InputForm", sum))
        #expect(s.eval("FullForm", .sym("x")) == f("FullForm", .sym("x")))
    }

    @Test func toExpression() {
        #expect(s.eval("ToExpression", "{1, 2}") == [1, 2])
        #expect(s.eval("ToExpression", "f[x, \"s\"]") == f("f", .sym("x"), "s"))
        #expect(s.eval("ToExpression", "a -> b", .sym("InputForm"), .sym("Hold")) == f("Hold", f("Rule", .sym("a"), .sym("b"))))
        #expect(s.eval("ToExpression", "") == .null)
        #expect(s.eval("ToExpression", 5) == 5)
        let (r, m) = s.run("ToExpression", "f[1,2)")
        #expect(r == .failed)
        #expect(m.count == 1 && m[0].hasPrefix("ToExpression::"))
        let (r2, m2) = s.run("ToExpression", "1 +")
        #expect(r2 == .failed)
        #expect(m2.count == 1 && m2[0].hasPrefix("ToExpression::"))
        let (_, m3) = s.run("ToExpression")
        #expect(m3 == ["ToExpression::argb: ToExpression called with 0 arguments; between 1 and 3 arguments are expected."])
    }

    @Test func usageTextsAreSet() {
        for name in ["StringJoin", "StringLength", "StringTake", "StringDrop", "StringSplit", "StringReplace",
                     "StringContainsQ", "StringStartsQ", "StringEndsQ", "StringRiffle", "StringPadLeft",
                     "StringPadRight", "StringRepeat", "StringReverse", "Characters", "ToUpperCase", "ToLowerCase",
                     "ToString", "ToExpression", "IntegerString", "TextString", "InputForm", "FullForm", "StringQ",
                     "StringMatchQ", "StringFreeQ", "StringCases", "StringCount", "StringPosition", "StringDelete",
                     "StringTrim", "StringInsert", "ToCharacterCode", "FromCharacterCode", "LetterQ", "DigitQ",
                     "UpperCaseQ", "LowerCaseQ"]
        {
            s.messages = []
            s.kernel.message(Symbol.named(name), "usage", [])
            #expect(s.messages.first?.hasPrefix("\(name)::usage: \(name)") == true, "\(name)")
        }
    }
}
