import Testing
import Foundation

/// Graphics through the `ramp` executable: the terminal form, Export to files, `--show`.
@Suite struct GraphicsCLITests {
    static func bytes(_ path: String) -> [UInt8] {
        (try? Data(contentsOf: URL(fileURLWithPath: path))).map { Array($0) } ?? []
    }

    /// Width and height from a PNG's IHDR chunk.
    static func pngSize(_ b: [UInt8]) -> [Int]? {
        guard b.count >= 24, b.prefix(8) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else { return nil }
        func be(_ i: Int) -> Int { Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) }
        return [be(16), be(20)]
    }

    @Test func aPlotPrintsAsGraphics() throws {
        let run = try ramp(["-c", "Plot[Sin[x], {x, 0, 2 Pi}]"])
        #expect(run.out == "-Graphics-\n")
        #expect(run.status == 0)
        #expect(try ramp(["-c", "InputForm[Graphics[{Red, Disk[]}]]"]).out == "Graphics[{RGBColor[1, 0, 0], Disk[]}]\n")
        #expect(try ramp(["-c", "{ListPlot[{1, 2}], Histogram[{1, 2, 2}]}"]).out == "{-Graphics-, -Graphics-}\n")
        let piped = try ramp(["--print", "-"], stdin: "g = Graphics[Circle[]];\nShow[g, Frame -> True]\n")
        #expect(piped.out == "-Graphics-\n")
    }

    @Test func aScriptExportsSVGPNGAndPDF() throws {
        let script = try scriptFile("plots.wl", """
            dir = $ScriptCommandLine[[2]];
            p = Plot[{Sin[x], Cos[x]}, {x, 0, 2 Pi}, PlotLegends -> "Expressions"];
            Print[Export[FileNameJoin[{dir, "p.svg"}], p] === FileNameJoin[{dir, "p.svg"}]];
            Export[FileNameJoin[{dir, "p.png"}], p];
            Export[FileNameJoin[{dir, "p.pdf"}], p];
            Export[FileNameJoin[{dir, "small.png"}], Graphics[{Blue, Disk[]}, ImageSize -> 200]];
            Export[FileNameJoin[{dir, "huge.png"}], Graphics[Disk[], ImageSize -> 10^7]];
            Print["done"]
            """)
        let dir = (script as NSString).deletingLastPathComponent
        // A file already there keeps its permissions when Export replaces it (atomic write).
        FileManager.default.createFile(atPath: dir + "/p.png", contents: Data("old".utf8), attributes: [.posixPermissions: 0o600])
        let run = try ramp([script, dir])
        #expect(run.status == 0, "\(run.err)")
        #expect(run.out.hasPrefix("True\n"))
        #expect(run.out.contains("Export::imgsz:"))
        #expect(run.out.hasSuffix("done\n"))
        let svg = String(decoding: Self.bytes(dir + "/p.svg"), as: UTF8.self)
        #expect(svg.hasPrefix("<?xml") && svg.contains("<svg") && svg.contains("<path"))
        let png = Self.bytes(dir + "/p.png")
        // 360 wide, and the legend beside it.
        #expect((Self.pngSize(png)?.first ?? 0) > 400)
        #expect(png.count > 5_000)
        let mode = (try FileManager.default.attributesOfItem(atPath: dir + "/p.png")[.posixPermissions] as? Int) ?? 0
        #expect(mode == 0o600)
        let pdf = Self.bytes(dir + "/p.pdf")
        #expect(pdf.prefix(5) == Array("%PDF-".utf8)[...])
        #expect(Self.pngSize(Self.bytes(dir + "/small.png")) == [200, 200])
        #expect(!FileManager.default.fileExists(atPath: dir + "/huge.png"))
    }

    @Test func exportAndRasterizeTakeImageSize() throws {
        // The option of the call wins over the graphic's own (Wolfram's Export[f, g, ImageSize -> s]).
        let script = try scriptFile("sized.wl", """
            dir = $ScriptCommandLine[[2]];
            g = Graphics[{Red, Disk[]}, ImageSize -> 300];
            Export[FileNameJoin[{dir, "a.png"}], g, ImageSize -> 100];
            Export[FileNameJoin[{dir, "b.png"}], Plot[x, {x, 0, 1}, PlotLegends -> "Expressions"], ImageSize -> {240, 120}];
            Print[ImageDimensions[Rasterize[g, ImageSize -> 50]], Rasterize[g, "RasterSize"]];
            Print[StringContainsQ[ExportString[g, "SVG", ImageSize -> 40], "width=\\\"40"]];
            Export[FileNameJoin[{dir, "c.png"}], g, ImageSize -> 10^8]
            """)
        let dir = (script as NSString).deletingLastPathComponent
        let run = try ramp([script, dir])
        #expect(run.status == 0, "\(run.err)")
        #expect(run.out.hasPrefix("{50, 50}{300, 300}\nTrue\n"), "\(run.out)")
        #expect(run.out.contains("Export::imgsz:"), "\(run.out)")
        #expect(Self.pngSize(Self.bytes(dir + "/a.png")) == [100, 100])
        #expect(Self.pngSize(Self.bytes(dir + "/b.png"))?.last == 120)
        #expect(!FileManager.default.fileExists(atPath: dir + "/c.png"))
    }

    @Test func showWritesAPNGAndOpensItOrSaysWhere() throws {
        // No xdg-open on this PATH: the file's name is reported on standard error.
        let run = try ramp(["--show", "-c", "Plot[x^2, {x, -1, 1}]"], environment: ["PATH": "/nonexistent"])
        #expect(run.out == "-Graphics-\n")
        let path = try #require(run.err.split(separator: " ").first { $0.hasSuffix(".png") }.map(String.init))
        #expect(Self.pngSize(Self.bytes(path))?.first == 360)
        try? FileManager.default.removeItem(atPath: path)
        // Results that are not graphics are left alone.
        let plain = try ramp(["--show", "-c", "1 + 1"], environment: ["PATH": "/nonexistent"])
        #expect(plain.out == "2\n" && plain.err == "")
    }
}
