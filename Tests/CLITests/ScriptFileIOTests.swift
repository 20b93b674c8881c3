import Foundation
import Testing

/// A script that reads definitions with `<<` and writes and reads data files.
@Suite struct ScriptFileIOTests {
    @Test func scriptUsesGetImportAndExport() throws {
        let lib = try scriptFile("lib.wl", "square[x_] := x^2\nscale = 10\n")
        let dir = (lib as NSString).deletingLastPathComponent
        let script = dir + "/main.wl"
        try """
        << "\(lib)"
        data = Table[{i, square[i] scale}, {i, 3}];
        Export["\(dir)/out.csv", data];
        Print[Import["\(dir)/out.csv"]];
        Export["\(dir)/out.json", <|"n" -> Length[data]|>];
        Print[Import["\(dir)/out.json", "RawJSON"]["n"]];
        Import["\(dir)/missing.csv"]
        """.write(toFile: script, atomically: true, encoding: .utf8)
        let run = try ramp([script])
        #expect(run.out == "{{1, 10}, {2, 40}, {3, 90}}\n3\n\nImport::nffil: File not found during Import.\n")
        #expect(run.err == "")
        #expect(run.status == 0)
        #expect(try String(contentsOfFile: dir + "/out.csv", encoding: .utf8) == "1,10\n2,40\n3,90\n")
    }

    @Test func codeOptionGetsAFileAndReportsItsSyntaxError() throws {
        let bad = try scriptFile("bad.wl", "a = 1\nb = (2 +\n")
        let run = try ramp(["-c", "{Get[\"\(bad)\"], a}"])
        #expect(run.out.hasPrefix("\nSyntax::"))
        #expect(run.out.contains("(\(bad):"))
        #expect(run.out.hasSuffix("{$Failed, 1}\n"))
        #expect(run.status == 0)
    }
}
