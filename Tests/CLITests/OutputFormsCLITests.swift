import Foundation
import Testing

/// Display forms (NumberForm, TableForm, Grid, …) through the `ramp` executable: `Print` in a
/// script and on piped input lays them out as the terminal does; `-c` prints the result as
/// `wolframscript -code` does, the wrapper kept.
@Suite struct OutputFormsCLITests {
    static let statements = """
        Print[NumberForm[3.14159, {6, 2}]]
        Print[ToString[NumberForm[3.14159, {6, 2}]]]
        Print[TableForm[{{1, 22}, {333, 4}}]]
        Print[ScientificForm[12345.]]
        Print[Column[{a, bb}]]
        Print[Short[Range[100]]]
        Print[InputForm[NumberForm[3.14159, {6, 2}]]]

        """
    static let printed = """
        3.14
        3.14
        1     22

        333   4
                 4
        1.2345 10
        a
        bb
        {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, <<81>>, 92, 93, 94, 95, 96, 97, 98, 99, 100}
        NumberForm[3.14159, {6, 2}]

        """

    @Test func scriptPrintsLaidOutForms() throws {
        let run = try ramp([try scriptFile("forms.wl", Self.statements)])
        #expect(run.out == Self.printed)
        #expect(run.status == 0)
    }

    @Test func pipedInputPrintsLaidOutForms() throws {
        let run = try ramp([], stdin: Self.statements)
        #expect(run.out == Self.printed)
    }

    @Test func codeKeepsTheWrapperAsWolframscriptDoes() throws {
        #expect(try ramp(["-c", "NumberForm[3.14159, {6, 2}]"]).out == "NumberForm[3.14159, {6, 2}]\n")
        #expect(try ramp(["-c", "TableForm[{{1, 2}, {3, 4}}]"]).out == "TableForm[{{1, 2}, {3, 4}}]\n")
        #expect(try ramp(["-c", "ToString[NumberForm[3.14159, {6, 2}]]"]).out == "3.14\n")
        #expect(try ramp(["-c", "Print[MatrixForm[{{1, 2}, {3, 4}}]]"]).out == "1   2\n\n3   4\nNull\n")
        #expect(try ramp(["-c", "NumberForm[3.14159, {6, 2}]\n%"]).out == "3.14159\n")
    }

    @Test func badSpecificationsGiveMessages() throws {
        let run = try ramp(["-c", "BaseForm[10, 40]"])
        #expect(run.out == "\nBaseForm::basf: Requested base 40 should be an integer between 2 and 36.\nBaseForm[10, 40]\n")
    }

    /// Item 7 of issue 12: string keys print the same way through every door (no quotes in
    /// OutputForm and in what scripts print; quotes in InputForm).
    @Test func associationStringKeysPrintAlikeEverywhere() throws {
        let statements = "a = <|\"x\" -> 1, \"y z\" -> \"s\"|>;\nPrint[a]\nPrint[ToString[a]]\nPrint[InputForm[a]]\n"
        let expected = "<|x -> 1, y z -> s|>\n<|x -> 1, y z -> s|>\n<|\"x\" -> 1, \"y z\" -> \"s\"|>\n"
        #expect(try ramp([try scriptFile("assoc.wl", statements)]).out == expected)
        #expect(try ramp([], stdin: statements).out == expected)
        #expect(try ramp(["-c", statements + "a"]).out == expected + "<|x -> 1, y z -> s|>\n")
    }
}

/// Item 11 of issue 12: packed arrays from the language, through the executable.
@Suite struct PackedArraysCLITests {
    static let statements = """
        m = Map[# + 1. &, RandomReal[1, {200, 2}], {2}];
        Print[Developer`PackedArrayQ /@ {m, Table[i^2, {i, 300}], Array[# &, 300], Developer`FromPackedArray[m]}]
        Print[Developer`PackedArrayForm[{Range[3], m}]]

        """
    static let printed = "{True, True, True, False}\n{PackedArray[Integer, <3>], PackedArray[Real, <200, 2>]}\n"

    @Test func throughEveryDoor() throws {
        #expect(try ramp([try scriptFile("packed.wl", Self.statements)]).out == Self.printed)
        #expect(try ramp([], stdin: Self.statements).out == Self.printed)
        #expect(try ramp(["-c", Self.statements + "Developer`PackedArrayQ[Developer`ToPackedArray[{1, 2}]]"]).out == Self.printed + "True\n")
    }
}

/// Item 5 of issue 12 (line breaking): only the REPL breaks long results at `$PageWidth`; scripts,
/// piped input and `-c` print each result and `Print` on one line, as wolframscript does.
@Suite struct PageWidthCLITests {
    @Test func scriptsAndCodeNeverBreakLines() throws {
        let oneLine = "{" + (1...60).map(String.init).joined(separator: ", ") + "}\n"
        #expect(try ramp(["-c", "Range[60]"]).out == oneLine)
        #expect(try ramp(["-c", "$PageWidth = 20; Range[60]"]).out == oneLine)
        #expect(try ramp([], stdin: "Print[Range[60]]\n").out == oneLine)
        #expect(try ramp([try scriptFile("wide.wl", "Print[Range[60]]\nPrint[$PageWidth]\n")]).out == oneLine + "78\n")
    }
}
