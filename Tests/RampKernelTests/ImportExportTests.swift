import Foundation
import Testing
import Ramp

/// A fresh standard kernel in a fresh temporary folder, collecting messages.
final class FileSession {
    let kernel = Kernel.standard()
    let dir: String
    var messages: [String] = []

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("ramp-io-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        kernel.messageHandler = { [unowned self] in self.messages.append($0.description) }
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    func path(_ name: String) -> String { dir + "/" + name }

    /// Evaluates source text (file names may use `DIR` for the temporary folder).
    func run(_ source: String) throws -> Expr {
        messages = []
        return try kernel.evaluate(source: source.replacingOccurrences(of: "DIR", with: dir))
    }

    func text(_ e: Expr) -> String { kernel.format(e, .inputForm) }

    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: path(name), atomically: false, encoding: .utf8)
    }

    func read(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }

    /// The names in the folder (to see that no temporary files are left behind).
    func listing() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: dir).sorted() }
}

@Suite struct ImportExportTests {
    @Test func getEvaluatesEveryExpressionAndReturnsTheLast() throws {
        let s = try FileSession()
        try s.write("defs.wl", "#!/usr/bin/env ramp\na = 20\nf[x_] := x + a\n\nf[22]\n")
        #expect(try s.run("Get[\"DIR/defs.wl\"]") == 42)
        #expect(try s.run("<<\"DIR/defs.wl\"; f[1]") == 21)
        #expect(s.messages.isEmpty)
    }

    @Test func readStringReadsTheWholeFileOrUpToATerminator() throws {
        let s = try FileSession()
        try s.write("t.txt", "line one\nline two\n")
        try s.write("empty.txt", "")
        #expect(try s.run("ReadString[\"DIR/t.txt\"]") == .string("line one\nline two\n"))
        #expect(try s.run("ReadString[\"DIR/t.txt\", \"two\"]") == .string("line one\nline "))
        #expect(try s.run("ReadString[\"DIR/t.txt\", \"absent\"]") == .string("line one\nline two\n"))
        #expect(try s.run("ReadString[\"DIR/empty.txt\"]") == .sym("EndOfFile"))
        #expect(s.messages.isEmpty)
        #expect(try s.run("ReadString[\"DIR/none.txt\"]") == .failed)
        #expect(s.messages == ["ReadString::noopen: Cannot open \(s.dir)/none.txt."])
    }

    @Test func inputFileNameNamesTheFileBeingRead() throws {
        let s = try FileSession()
        try s.write("who.wl", "$InputFileName\n")
        #expect(try s.run("{Get[\"DIR/who.wl\"], $InputFileName}") == Expr.list([.string(s.path("who.wl")), ""]))
    }

    @Test func getReportsSyntaxErrorsWithTheirPlaceAfterEvaluatingWhatCameBefore() throws {
        let s = try FileSession()
        try s.write("bad.wl", "b = 5\nc = 1 +* 2\nd = 7\n")
        #expect(try s.run("{Get[\"DIR/bad.wl\"], b, d}") == Expr.list([.failed, 5, .sym("d")]))
        #expect(s.messages.count == 1)
        #expect(s.messages.first?.hasPrefix("Syntax::") == true)
        #expect(s.messages.first?.hasSuffix("(\(s.dir)/bad.wl:2:8)") == true)
    }

    @Test func missingFilesGiveWolframsMessagesAndFailed() throws {
        let s = try FileSession()
        #expect(try s.run("Get[\"DIR/none.wl\"]") == .failed)
        #expect(s.messages == ["Get::noopen: Cannot open \(s.dir)/none.wl."])
        #expect(try s.run("Import[\"DIR/none.csv\"]") == .failed)
        #expect(s.messages == ["Import::nffil: File not found during Import."])
        #expect(try s.run("Import[x]") == .failed)   // a symbol, not a file name
        #expect(s.messages.first?.hasPrefix("Import::chtype:") == true)
        #expect(try s.run("Export[\"DIR/no/such/dir/x.csv\", {1}]") == .failed)
        #expect(s.messages == ["Export::noopen: Cannot open \(s.dir)/no/such/dir/x.csv."])
        #expect(try s.run("Export[\"DIR/x.unknownext\", {1}]") == .failed)
        #expect(s.messages == ["Export::infer: Cannot infer format of file \(s.dir)/x.unknownext."])
        #expect(try s.listing().isEmpty)
    }

    @Test func unreadableFileGivesFailed() throws {
        let s = try FileSession()
        // A directory cannot be read as a file.
        try FileManager.default.createDirectory(atPath: s.path("sub.txt"), withIntermediateDirectories: false)
        #expect(try s.run("Import[\"DIR/sub.txt\"]") == .failed)
        #expect(s.messages.count == 1)
    }

    @Test func exportReplacesFilesAtomicallyAndLeavesNoTemporaryFiles() throws {
        let s = try FileSession()
        try s.write("data.txt", "old contents")
        #expect(try s.run("Export[\"DIR/data.txt\", \"new\"]") == .string(s.path("data.txt")))
        #expect(try s.read("data.txt") == "new")
        #expect(try s.listing() == ["data.txt"])
        let mode = try FileManager.default.attributesOfItem(atPath: s.path("data.txt"))[.posixPermissions] as? Int
        #expect(mode.map { $0 & 0o044 } == 0o044 || mode.map { $0 & 0o600 } == 0o600)
    }

    @Test func everyFormatRoundTrips() throws {
        let s = try FileSession()
        let cases: [(String, String)] = [
            ("t.txt", "\"line one\\nline two\""),
            ("l.txt", "{\"a\", \"b c\", \"\"}"),
            ("m.csv", "{{1, 2.5, \"a,b\"}, {\"x\", \"12\", -3}, {\"say \\\"hi\\\"\", 10^30, 1.*^-7}}"),
            ("m.tsv", "{{1, \"two words\", 3.25}, {\"a\\tb\", 0, -1}}"),
            ("o.json", "{\"a\" -> 1, \"b\" -> {1, 2.5, {\"c\" -> Null}}, \"d\" -> \"q\\\"x\\n\", \"e\" -> {True, False}, \"f\" -> {}}"),
            ("e.wl", "Hold[f[x_] := x^2, {1/2, \"s\"}]"),
        ]
        for (file, data) in cases {
            let format = file == "l.txt" ? ", \"Lines\"" : ""
            let exported = try s.run("Export[\"DIR/\(file)\", \(data)\(format)]")
            #expect(exported == .string(s.path(file)), "\(file)")
            let back = try s.run("Import[\"DIR/\(file)\"\(format)] === \(data)")
            let imported = s.text(try s.run("Import[\"DIR/\(file)\"\(format)]"))
            #expect(back == .true, "\(file): \(imported)")
            #expect(s.messages.isEmpty, "\(file): \(s.messages)")
        }
        #expect(try s.listing() == cases.map(\.0).sorted())
    }

    @Test func rawJSONReadsObjectsAsAssociations() throws {
        let s = try FileSession()
        #expect(try s.run("Export[\"DIR/a.json\", <|\"x\" -> {1, <|\"y\" -> \"z\"|>}|>]") == .string(s.path("a.json")))
        #expect(try s.read("a.json") == "{\n\t\"x\":[\n\t\t1,\n\t\t{\n\t\t\t\"y\":\"z\"\n\t\t}\n\t]\n}")
        #expect(s.text(try s.run("Import[\"DIR/a.json\", \"RawJSON\"]")) == "<|\"x\" -> {1, <|\"y\" -> \"z\"|>}|>")
        #expect(s.text(try s.run("Import[\"DIR/a.json\"]")) == "{\"x\" -> {1, {\"y\" -> \"z\"}}}")
    }

    @Test func formatsNamedExplicitlyOverrideTheExtension() throws {
        let s = try FileSession()
        #expect(try s.run("Export[\"DIR/data.dat\", {{1, 2}, {3, 4}}, \"CSV\"]") == .string(s.path("data.dat")))
        #expect(try s.read("data.dat") == "1,2\n3,4\n")
        #expect(try s.run("Import[\"DIR/data.dat\", \"CSV\"]") == Expr.list([.list([1, 2]), .list([3, 4])]))
        #expect(try s.run("Import[\"DIR/data.dat\", \"Lines\"]") == Expr.list(["1,2", "3,4"]))
        #expect(try s.run("Import[\"DIR/data.dat\"]") == .string("1,2\n3,4\n"))
        #expect(try s.run("Import[\"DIR/data.dat\", \"Bogus\"]") == .failed)
        #expect(s.messages == ["Import::fmtnosup: Bogus is not a supported Import format."])
    }

    @Test func invalidJSONAndUnexportableExpressions() throws {
        let s = try FileSession()
        try s.write("bad.json", "{\"a\": [1, 2,}")
        #expect(try s.run("Import[\"DIR/bad.json\"]") == .failed)
        #expect(s.messages == ["Import::fmterr: Cannot import data as JSON format."])
        #expect(try s.run("Export[\"DIR/x.json\", {1, f[x]}]") == .failed)
        #expect(s.messages == ["Export::jsonstrictencoding: Expression f[x] cannot be exported as JSON."])
        #expect(try s.listing() == ["bad.json"])
    }

    @Test func putAndPutAppendWriteInputForm() throws {
        let s = try FileSession()
        _ = try s.run("x = {1/2, \"s\"}; x >> \"DIR/p.wl\"; y^2 >>> \"DIR/p.wl\"")
        #expect(try s.read("p.wl") == "{1/2, \"s\"}\ny^2\n")
        #expect(try s.run("<<\"DIR/p.wl\"") == .call(.sym("Power"), [.sym("y"), 2]))
    }

    @Test func svgExportNeedsAPicture() throws {
        // SVG is written for objects that draw themselves (LossPlot); a list cannot be.
        let s = try FileSession()
        #expect(try s.run("Export[\"DIR/v.svg\", {1, 2}]") == .failed)
        #expect(s.messages == ["Export::type: List cannot be exported to the SVG format."])
    }
}
