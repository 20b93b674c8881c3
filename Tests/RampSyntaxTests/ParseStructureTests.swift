import Testing
@testable import RampSyntax

/// Newlines (§2.5), comments (§1.2), continuation lines and the shebang.
let layoutCases: [(String, String)] = [
    ("a +\n b", "Plus[a, b]"),
    ("a\n+ b", "a; Plus[b]"),
    ("a *\nb", "Times[a, b]"),
    ("a*b\nc", "Times[a, b]; c"),
    ("1\n-2", "1; -2"),
    ("a;\nb", "CompoundExpression[a, Null]; b"),
    ("a;b\nc", "CompoundExpression[a, b]; c"),
    ("a;;\nb", "Span[a, All]; b"),
    ("a =\n 1", "Set[a, 1]"),
    ("f[\n1,\n2\n]", "f[1, 2]"),
    ("{a\nb}", "List[Times[a, b]]"),
    ("(a\n+b)", "Plus[a, b]"),
    ("<|a->\n1|>", "Association[Rule[a, 1]]"),
    ("f[x][\ny]", "f[x][y]"),
    ("a -> b\n-> c", "Rule[a, b]; !sntxb"),
    ("x\n\n\ny", "x; y"),
    ("x\r\ny\rz", "x; y; z"),
    ("a \\\n+ b", "Plus[a, b]"),
    ("12\\\n34", "1234"),
    ("ab\\\n  cd", "abcd"),
    ("f''\\\n''[x]", "Derivative[4][f][x]"),
    ("a\\\n_\\\nb", "Pattern[a, Blank[b]]"),
    ("145 (* abf *) 345", "Times[145, 345]"),
    ("(* comment *)", ""),
    ("(*)*)", ""),
    ("(* a (* nested *) b *) x", "x"),
    ("x (* multi\nline *) y", "Times[x, y]"),
    ("a (**) + b", "Plus[a, b]"),
    ("f[a (* c *), b]", "f[a, b]"),
    ("\"(* not a comment *)\"", "\"(* not a comment *)\""),
    ("#!/usr/bin/env ramp\nx", "x"),
    ("#!shebang only", ""),
    ("x\n#!not a shebang", "x; Times[Factorial[Slot[1]], not, a, shebang]"),
    ("", ""),
    ("   \n\t  ", ""),
    ("f[1,\n2]\ng[3]", "f[1, 2]; g[3]"),
    ("Module[{a = 1},\n  a += 2;\n  a\n]", "Module[List[Set[a, 1]], CompoundExpression[AddTo[a, 2], a]]"),
    ("If[x,\n  1,\n  2]\n", "If[x, 1, 2]"),
    ("a // f\n// g", "f[a]; !sntxb"),
]

/// Syntax errors: the tag for wrong input (the REPL shows it and drops the input).
let errorCases: [(String, String)] = [
    ("f[1,2)", "!bktmcp"),
    ("(a]", "!bktmcp"),
    ("{1, 2]", "!bktmcp"),
    ("<|a, b]", "!bktmcp"),
    (")", "!sntxb"),
    ("]", "!sntxb"),
    ("a)", "!sntxf"),
    ("* 2", "!sntxb"),
    ("1 +* 2", "!sntxf"),
    ("; a", "!sntxb"),
    ("()", "!sntxf"),
    ("a :: 1", "!sntxf"),
    ("5:_", "!sntxf"),
    ("f(x)", "Times[f, x]"),
    ("3.5^^12", "!sntxf"),
    ("2^^102", "!digit"),
    ("6^^1972", "!digit"),
    ("1^^0", "!base"),
    ("37^^0", "!base"),
    ("10^^", "!sntxf"),
    ("\\[NoSuchName]", "!sntufn"),
    ("\"\\[NoSuchName]\"", "!sntufn"),
    ("\\:12", "!snthex"),
    ("\"\\:12g4\"", "!snthex"),
    ("\\.4", "!sntoct2"),
    ("\"\\18\"", "!sntoct1"),
    ("a *) b", "!sntxf"),
    ("a`1", "!sntxf"),
    ("a`", "!sntxf"),
    ("1*^", "!sntxf"),
    ("1*^100001", "!sntxf"),
    ("x /: y; z", "!sntxf"),
    ("a ~ f", "!sntxi"),
    ("a ~f b", "!sntxf"),
    ("f\n[x]", "f; !sntxb"),
    ("a?", "!sntxi"),
    ("\u{1}", "!sntxf"),
    ("a \\ b", "!sntxf"),
]

@Suite struct ParseStructureTests {
    @Test(arguments: layoutCases)
    func layout(_ input: String, _ expected: String) {
        #expect(parsedStatements(input) == expected, "\(input.debugDescription)")
    }

    @Test(arguments: errorCases)
    func errors(_ input: String, _ expected: String) {
        #expect(parsedStatements(input) == expected, "\(input.debugDescription)")
    }

    @Test func incompleteInputWaitsForMore() {
        for input in ["f[1,", "f[1, 2", "{", "<|a -> 1", "(a", "e[[1", "\"abc", "\"abc\\", "(* comment",
                      "(* (* nested *)", "a +", "a =", "x :=", "a::", "<<", "f @", "a ~f~", "a /: b",
                      "\\[Alph", "-", "a ->\n", "f[x_] :=\n  Module[{y},\n    y = x;"] {
            #expect(Parser.inputStatus(input) == .incomplete, "\(input.debugDescription)")
        }
    }

    @Test func completeInputIsEvaluated() {
        for input in ["1 + 2", "f[x]", "a;", "x = 5;;", "(* comment *)", "", "a\nb", "\"abc\"", "f[1,\n2]", "a;;b;;"] {
            #expect(Parser.inputStatus(input) == .complete, "\(input.debugDescription)")
        }
    }

    @Test func wrongInputIsInvalid() {
        for input in ["f[1,2)", ")", "a *) b", "2^^3", "1 +* 2", "\\[Foo]"] {
            guard case .invalid(let error) = Parser.inputStatus(input) else {
                Issue.record("\(input) should be invalid")
                continue
            }
            #expect(!error.isIncomplete)
        }
        // `a;;b;;` is complete (a Span times an empty Span) but `a;;b;;` followed by `c` joins it.
        #expect(parsed("a;;b;;c") == "Span[a, b, c]")
    }

    @Test func messageNamesTheSpotWithACaret() throws {
        do {
            _ = try Parser.parseProgram("x = 1\ny = f[1,2)\n", fileName: "script.wl")
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.tag == "bktmcp")
            #expect(error.line == 2)
            #expect(error.column == 10)
            #expect(error.fileName == "script.wl")
            #expect(error.sourceLine == "y = f[1,2)")
            #expect(error.description == """
                Syntax::bktmcp: Expression "y = f[1,2" has no closing "]".
                script.wl:2:10
                y = f[1,2)
                         ^
                """)
        }
    }

    @Test func sntxfQuotesBothSides() {
        do {
            _ = try Parser.parseExpression("3.5^^12")
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.message == #"Syntax::sntxf: "3.5^" cannot be followed by "^12"."#)
            #expect(error.location == nil)
            #expect(error.description == "Syntax::sntxf: \"3.5^\" cannot be followed by \"^12\".\n3.5^^12\n    ^")
        }
    }

    @Test func incompleteMessages() {
        do {
            _ = try Parser.parseProgram("a = 1 +", fileName: "f.wl")
        } catch {
            #expect(error.message == "Syntax::sntxi: Incomplete expression; more input is needed .")
            #expect(error.isIncomplete)
            #expect(error.location == "f.wl:1:8")
        }
        do {
            _ = try Parser.parseProgram("x\n\"abc")
        } catch {
            #expect(error.message == #"Syntax::tsntxi: ""abc" is incomplete; more input is needed."#)
            #expect(error.line == 2 && error.column == 1)
        }
    }

    @Test func caretKeepsTabsAndCountsCharacters() {
        do {
            _ = try Parser.parseExpression("\t\u{3B1} + )")
        } catch {
            #expect(error.column == 6)
            #expect(error.description.hasSuffix("\t\u{3B1} + )\n\t    ^"))
        }
    }

    @Test func longLinesAreShownAroundTheSpot() {
        let line = String(repeating: "a + ", count: 1000) + ")"
        do {
            _ = try Parser.parseExpression(line)
        } catch {
            #expect(error.column == 4001)
            #expect(error.sourceLine.count < 200)
            #expect(error.description.hasSuffix(")\n" + String(repeating: " ", count: error.caretColumn - 1) + "^"))
        }
    }

    @Test func statementReaderYieldsExpressionsBeforeTheError() throws {
        var reader = StatementReader(source: "a = 1\n\n(* c *)\nb = 2;\nf[\n  x]\n)\nc", fileName: "s.wl")
        var got: [(String, Int)] = []
        do {
            while let (expr, line) = try reader.next() { got.append((fullForm(expr), line)) }
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.line == 7)
            #expect(error.location == "s.wl:7:1")
        }
        #expect(got.map(\.0) == ["Set[a, 1]", "CompoundExpression[Set[b, 2], Null]", "f[x]"])
        #expect(got.map(\.1) == [1, 4, 5])
        #expect(try reader.next() == nil)
    }

    @Test func parseExpressionWantsExactlyOne() throws {
        #expect(try Parser.parseExpression("") == .null)
        #expect(try Parser.parseExpression("  1 + 2  ") == .call(Sym.Plus, 1, 2))
        #expect(parsedOne("1\n2") == "!sntxf")
        #expect(parsedOne("1 + 2)") == "!sntxf")
        #expect(parsedOne("a\n+b") == "!sntxf")
    }
}

/// Like `parsed`, but statements before an error are kept: "a; b; !tag".
func parsedStatements(_ source: String) -> String {
    var reader = StatementReader(source: source, fileName: nil)
    var parts: [String] = []
    do {
        while let (expr, _) = try reader.next() { parts.append(fullForm(expr)) }
    } catch {
        parts.append("!" + error.tag)
    }
    return parts.joined(separator: "; ")
}
