import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import Ramp
@testable import RampGraphics

/// A kernel with every builtin, collecting messages.
final class GraphicsSession {
    let kernel = Kernel.standard()
    var messages: [String] = []

    init() { kernel.messageHandler = { [unowned self] in self.messages.append($0.description) } }

    func run(_ source: String) -> Expr {
        (try? kernel.evaluate(source: source)) ?? .failed
    }

    func render(_ source: String, _ format: GraphicsFormat) throws -> [UInt8] {
        try GraphicsRendering.render(run(source), format: format, in: kernel)
    }

    /// Every `head[…]` inside `e` (packed arrays are leaves).
    func all(_ head: String, in e: Expr) -> [Expr] {
        var out: [Expr] = []
        func walk(_ x: Expr) {
            if x.headSymbol?.name == head { out.append(x) }
            if case .normal = x { for a in x.args { walk(a) } }
        }
        walk(e)
        return out
    }
}

/// The SVG as an XML document, and the names of all its elements.
func svgElements(_ bytes: [UInt8]) throws -> (root: XMLElement, names: [String]) {
    let doc = try XMLDocument(data: Data(bytes))
    let root = try #require(doc.rootElement())
    var names: [String] = []
    func walk(_ n: XMLNode) {
        if let e = n as? XMLElement, let name = e.localName ?? e.name { names.append(name) }
        for c in n.children ?? [] { walk(c) }
    }
    walk(root)
    return (root, names)
}

/// The distinct colours among the pixels (0xAARRGGBB).
func colours(_ png: [UInt8]) -> Set<UInt32> { Set(PNGPixels.decode(png)?.pixels ?? []) }

@Suite struct GraphicsExpressionTests {
    @Test func graphicsIsInertAndPrintsAsGraphics() {
        let s = GraphicsSession()
        let g = s.run("Graphics[{Red, Disk[]}, Axes -> True]")
        #expect(g.headSymbol?.name == "Graphics")
        #expect(s.kernel.format(g) == "-Graphics-")
        #expect(s.kernel.format(g, .inputForm) == "Graphics[{RGBColor[1, 0, 0], Disk[]}, Axes -> True]")
        #expect(s.kernel.format(s.run("{Graphics[Disk[]], 1}")) == "{-Graphics-, 1}")
        #expect(s.kernel.format(s.run("FullForm[Graphics[Disk[]]]")) == "Graphics[Disk[]]")
    }

    @Test func namedColoursAreColourValues() {
        let s = GraphicsSession()
        #expect(s.kernel.format(s.run("{Red, Blue, Black, Gray, Orange}"), .inputForm)
                == "{RGBColor[1, 0, 0], RGBColor[0, 0, 1], GrayLevel[0], GrayLevel[0.5], RGBColor[1, 0.5, 0]}")
    }

    @Test func showCombinesPrimitivesAndPutsGivenOptionsFirst() {
        let s = GraphicsSession()
        let g = s.run("Show[Graphics[Disk[], Axes -> True], Graphics[Circle[{1, 1}]], Frame -> True]")
        #expect(s.kernel.format(g, .inputForm) == "Graphics[{Disk[], Circle[{1, 1}]}, Frame -> True, Axes -> True]")
    }

    @Test func plotHoldsItsArgumentsAndBlocksTheVariable() {
        let s = GraphicsSession()
        let g = s.run("x = 5; Plot[x^2, {x, 0, 1}]")
        #expect(g.headSymbol?.name == "Graphics")
        #expect(s.run("x") == .integer(5))
        let lines = s.all("Line", in: g)
        #expect(lines.count == 1)
        let pts = lines[0].arg(0)
        #expect(pts.argCount >= 50)
        // Every point lies on the parabola, within [0, 1].
        for i in 0..<pts.argCount {
            let p = pts.arg(i)
            guard case .real(let px) = p.arg(0), case .real(let py) = p.arg(1) else { Issue.record("\(p)"); continue }
            #expect(px >= 0 && px <= 1 && abs(py - px * px) < 1e-12)
        }
        #expect(s.messages.isEmpty)
    }

    @Test func plotUsesWolframsDefaultColourSequence() {
        let s = GraphicsSession()
        let g = s.run("Plot[{Sin[x], Cos[x]}, {x, 0, 2 Pi}]")
        let text = s.kernel.format(g, .inputForm)
        #expect(text.contains("RGBColor[0.368417, 0.506779, 0.709798]"))
        #expect(text.contains("RGBColor[0.880722, 0.611041, 0.142051]"))
        #expect(text.contains("AspectRatio -> GoldenRatio^(-1)"))
        #expect(s.all("Line", in: g).count == 2)
    }

    @Test func plotSamplesAdaptivelyWhereTheCurveBends() {
        let s = GraphicsSession()
        // Sin[1/x] oscillates faster near 0: more samples in [0.05, 0.2] than in [0.8, 1].
        let g = s.run("Plot[Sin[1/x], {x, 0.05, 1}]")
        let pts = s.all("Line", in: g).flatMap { line in (0..<line.arg(0).argCount).map { line.arg(0).arg($0) } }
        let xs = pts.compactMap { p -> Double? in if case .real(let x) = p.arg(0) { return x }; return nil }
        let near = xs.filter { $0 < 0.2 }.count, far = xs.filter { $0 > 0.8 }.count
        #expect(near > 3 * far, "near 0: \(near), near 1: \(far)")
    }

    @Test func plotBreaksTheCurveAtPolesAndWhereItIsNotReal() {
        let s = GraphicsSession()
        #expect(s.all("Line", in: s.run("Plot[1/x, {x, -1, 1}]")).count == 2)
        #expect(s.all("Line", in: s.run("Plot[Tan[x], {x, 0, 3}]")).count == 2)
        #expect(s.all("Line", in: s.run("Plot[Tan[x], {x, 0, 3}, Exclusions -> None]")).count == 1)
        // Sqrt of a negative number is complex: only x >= 0 is drawn.
        let g = s.run("Plot[Sqrt[x], {x, -1, 1}]")
        for line in s.all("Line", in: g) {
            for i in 0..<line.arg(0).argCount {
                if case .real(let x) = line.arg(0).arg(i).arg(0) { #expect(x >= -1e-9) }
            }
        }
        #expect(s.messages.isEmpty, "\(s.messages)")
    }

    @Test func plotRangeAutomaticCutsOffOutliers() {
        let s = GraphicsSession()
        let g = s.run("Plot[1/x, {x, -1, 1}]")
        let range = s.all("Rule", in: g).first { $0.arg(0).symbol?.name == "PlotRange" }
        let y = try? #require(range?.arg(1).arg(1))
        guard case .real(let lo)? = y?.arg(0), case .real(let hi)? = y?.arg(1) else { Issue.record("\(String(describing: range))"); return }
        // Samples near 0 are in the thousands; the range shown is the bulk of the curve.
        #expect(lo > -200 && lo < -1 && hi < 200 && hi > 1, "\(lo) \(hi)")
    }

    @Test func plotLimitsMustBeRealNumbers() {
        let s = GraphicsSession()
        let g = s.run("Plot[x, {x, 0, a}]")
        #expect(g.headSymbol?.name == "Plot")
        #expect(s.messages == ["Plot::plln: Limiting value a in {x, 0, a} is not a machine-sized real number."])
    }

    @Test func listPlotHistogramAndBarChartAreGraphics() {
        let s = GraphicsSession()
        let lp = s.run("ListPlot[{1, 4, 9, 16}]")
        #expect(s.all("Point", in: lp).count == 1)
        #expect(s.kernel.format(s.all("Point", in: lp)[0], .inputForm) == "Point[{{1., 1.}, {2., 4.}, {3., 9.}, {4., 16.}}]")
        #expect(s.all("Line", in: s.run("ListLinePlot[{{0, 1}, {1, 3}, {2, 2}}]")).count == 1)
        // Bins of width 1 from 1 to 4: counts 1, 2, 3.
        let h = s.run("Histogram[{1, 2, 2, 3, 3, 3}, 1]")
        let heights = s.all("Rectangle", in: h).map { s.kernel.format($0.arg(1).arg(1)) }
        #expect(heights == ["1.", "2.", "3."])
        #expect(s.all("Rectangle", in: s.run("BarChart[{1, 2, 3}]")).count == 3)
        #expect(s.run("ParametricPlot[{Cos[t], Sin[t]}, {t, 0, 2 Pi}]").headSymbol?.name == "Graphics")
        #expect(s.run("LogPlot[Exp[x], {x, 0, 5}]").headSymbol?.name == "Graphics")
    }

    @Test func histogramChoosesNiceBinsAutomatically() {
        let s = GraphicsSession()
        let h = s.run("Histogram[Table[Mod[17 i, 101]/10., {i, 1, 500}]]")
        let rects = s.all("Rectangle", in: h)
        #expect(rects.count >= 5 && rects.count <= 30, "\(rects.count) bins")
        let widths = Set(rects.map { r -> String in
            guard case .real(let a) = r.arg(0).arg(0), case .real(let b) = r.arg(1).arg(0) else { return "?" }
            return String(format: "%.6f", b - a)
        })
        #expect(widths.count == 1)
        let w = Double(widths.first ?? "") ?? 0
        #expect([0.5, 1, 2].contains(w), "bin width \(w)")
    }

    @Test func fillingAndEpilog() throws {
        let s = GraphicsSession()
        let g = s.run("Plot[Sin[x], {x, 0, Pi}, Filling -> Axis, Epilog -> {Red, Point[{1, 5}]}]")
        #expect(s.all("Polygon", in: g).count == 1)
        // The epilog is drawn (red pixels) but does not widen the automatic range (y stays ≤ 1).
        let range = s.all("Rule", in: g).first { $0.arg(0).symbol?.name == "PlotRange" }
        let y: Expr = range?.arg(1).arg(1) ?? .null
        let yText = s.kernel.format(y)
        #expect(yText.hasSuffix(", 1.}"), "\(yText)")
        let png = try GraphicsRendering.render(s.run("Plot[Sin[x], {x, 0, Pi}, Epilog -> {Red, PointSize[0.05], Point[{1, 0.5}]}]"), format: .png, in: s.kernel)
        #expect(colours(png).contains(0xFFFF0000))
    }

    @Test func legendsWrapThePlot() {
        let s = GraphicsSession()
        let g = s.run("Plot[{Sin[x], Cos[x]}, {x, 0, 1}, PlotLegends -> \"Expressions\"]")
        #expect(g.headSymbol?.name == "Legended")
        #expect(s.kernel.format(g) == "-Graphics-")
        #expect(GraphicsRendering.isGraphics(g))
    }
}

@Suite struct GraphicsRenderingTests {
    @Test func svgHasTheShapesAndTheText() throws {
        let s = GraphicsSession()
        let bytes = try s.render("Graphics[{Red, Disk[], Blue, Line[{{0, 0}, {1, 1}}], Text[\"hi\", {0, 1}], Rectangle[{1, 1}, {2, 2}]}, Axes -> True, PlotRange -> {{-1, 2}, {-1, 2}}]", .svg)
        let (root, names) = try svgElements(bytes)
        #expect(root.name == "svg")
        #expect(root.attributes?.first { $0.name == "width" }?.stringValue == "360px")
        #expect(root.attributes?.first { $0.name == "viewBox" }?.stringValue?.hasPrefix("0 0 360 ") == true)
        #expect(names.filter { $0 == "path" }.count >= 5)
        // Text is drawn as glyphs (symbols used by <use>): "hi" and tick labels.
        #expect(names.contains("use"))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("rgb(100%, 0%, 0%)") || text.contains("rgb(100%,0%,0%)"))
    }

    @Test func pngHasTheRequestedSizeAndIsNotBlank() throws {
        let s = GraphicsSession()
        let png = try s.render("Plot[Sin[x], {x, 0, 2 Pi}]", .png)
        let size = try #require(PNGPixels.size(png))
        #expect(size.width == 360)
        #expect(size.height > 200 && size.height < 260, "\(size)")
        let c = colours(png)
        #expect(c.count > 10)
        // The curve is in Wolfram's first plot colour (RGB 94, 129, 181).
        #expect(c.contains(0xFF5E81B5), "\(c.count) colours")
        let small = try s.render("Graphics[Disk[], ImageSize -> 100]", .png)
        #expect(PNGPixels.size(small)?.width == 100)
        #expect(PNGPixels.size(small)?.height == 100)
        let both = try s.render("Graphics[Disk[], ImageSize -> {120, 80}]", .png)
        #expect(PNGPixels.size(both).map { [$0.width, $0.height] } == [120, 80])
    }

    @Test func pixelsShowTheColours() throws {
        let s = GraphicsSession()
        let png = try s.render("Graphics[{Red, Disk[]}, ImageSize -> 50]", .png)
        let image = try #require(PNGPixels.decode(png))
        #expect(image.pixels[25 * image.width + 25] == 0xFFFF0000)
        #expect(image.pixels[0] == 0xFFFFFFFF)
    }

    @Test func pdfIsAPDF() throws {
        let s = GraphicsSession()
        let pdf = try s.render("Graphics[Circle[]]", .pdf)
        #expect(Array(pdf.prefix(5)) == Array("%PDF-".utf8))
        #expect(pdf.count > 500)
    }

    @Test func hugeImageSizeIsRefusedBeforeAllocating() {
        let s = GraphicsSession()
        #expect(throws: GraphicsError.self) { try s.render("Graphics[Disk[], ImageSize -> 10^9]", .png) }
        #expect(s.run("Export[\"/tmp/never.png\", Graphics[Disk[], ImageSize -> 10^9]]") == .failed)
        #expect(s.messages.last?.hasPrefix("Export::imgsz:") == true, "\(s.messages)")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never.png"))
    }

    @Test func badPrimitivesAndCoordinatesAreSkipped() throws {
        let s = GraphicsSession()
        let png = try s.render("Graphics[{foo[1], Line[{{0, 0}, {Infinity, 1}, {1, 1}, {Indeterminate, 2}}], Point[{a, b}], Disk[{0, 0}, -1], Circle[{1/0, 0}], Polygon[{}], Red, Disk[{2, 2}]}]", .png)
        #expect(PNGPixels.size(png) != nil)
        #expect(colours(png).contains(0xFFFF0000))
        #expect(s.messages.contains("Graphics::gprim: foo[1] was encountered where a Graphics primitive or directive was expected."))
        // Nothing drawable at all still gives a picture.
        #expect(PNGPixels.size(try s.render("Graphics[{}]", .png)) != nil)
        #expect(PNGPixels.size(try s.render("Graphics[Point[{{1, 1}}], PlotRange -> {{1, 1}, {2, 2}}]", .png)) != nil)
    }

    /// Graphics a random-graphics loop found trapping or hanging (tick labels of subnormal ranges
    /// recursed without end; an arc over 10^15 radians made Cairo step a turn at a time).
    static let extremeGraphics = [
        "Graphics[{Disk[{1/3, 1.*^308}, 1/3], Arrow[{{1/3, Indeterminate}, {0, 1.*^15}}], Line[{{1.*^300, -Infinity}, {-1.*^-300, 0}, {10^400, -5.*^-324}}], Polygon[{{1.*^15, Infinity}, {1, 1.*^-320}, {-1.*^-300, 2.5}}], AbsoluteDashing[{0.5, -1}], Hue[1/3]}, {GridLines -> Automatic, PlotRangePadding -> Scaled[1.*^300], AxesOrigin -> {5.*^-324, 1.*^15}, PlotRange -> -5.*^-324}]",
        "Graphics[{Thickness[-1.*^308], AbsoluteDashing[{Infinity, 0}], AbsoluteDashing[{0.5, 10^400}], Opacity[10^400]}, {PlotRangePadding -> Scaled[1.*^300], AxesOrigin -> {Indeterminate, -5.*^-324}, Frame -> True, PlotRange -> 1.*^-320}]",
        "Graphics[{Circle[{Pi, 0}, {1.*^15, Pi}, {0, 1.*^15}], Disk[{0, 0}, 1, {1.*^300, 1.*^300 + 1}]}]",
        "Graphics[Point[{0, 0}], Axes -> True, PlotRange -> {{0, 1.*^-323}, {0, 5.*^-324}}]",
        "Graphics[Point[{{-1.*^308, 0}, {1.*^308, 1}}], Axes -> True, Frame -> True]",
        "Graphics[{}, Axes -> True, Ticks -> {{-1.*^308, 1.*^308}, {0, 5.*^-324}}, GridLines -> Automatic]",
        "Plot[x, {x, -1.*^308, 1.*^308}]",
        "Histogram[{1.*^308, -1.*^308, 0}]",
        "ListLogPlot[{5.*^-324, 1.*^308}]",
    ]

    @Test(arguments: extremeGraphics) func extremeNumbersNeverTrap(_ source: String) throws {
        let s = GraphicsSession()
        let g = s.run(source)
        guard GraphicsRendering.isGraphics(g) else { return }
        #expect(PNGPixels.size(try GraphicsRendering.render(g, format: .png, in: s.kernel)) != nil)
        #expect(!(try GraphicsRendering.render(g, format: .svg, in: s.kernel)).isEmpty)
    }

    @Test func directivesAreScopedByLists() {
        var b = SceneBuilder(kernel: nil)
        var style = DrawStyle()
        let e = try! Kernel.standard().evaluate(source: "{Red, {Blue, Point[{0, 0}]}, Point[{1, 1}], Opacity[0.5], EdgeForm[Black], Disk[]}")
        b.add(e, &style)
        guard b.items.count == 3, case .points(_, let s0) = b.items[0], case .points(_, let s1) = b.items[1],
              case .ellipse(_, _, _, _, let s2, true) = b.items[2] else { Issue.record("\(b.items)"); return }
        #expect(s0.color == RGBA(r: 0, g: 0, b: 1))
        #expect(s1.color == RGBA(r: 1, g: 0, b: 0))
        #expect(s2.fillColor == RGBA(r: 1, g: 0, b: 0, a: 0.5))
        #expect(s2.edge?.color == RGBA.black)
    }

    @Test func ticksAreNiceNumbers() {
        let marks = Ticks.automatic(0, 6.283, target: 6).filter(\.major)
        #expect(marks.compactMap(\.label) == ["0", "1", "2", "3", "4", "5", "6"])
        let y = Ticks.automatic(-1.04, 1.04, target: 5).filter(\.major)
        #expect(y.compactMap(\.label) == ["-1.0", "-0.5", "0", "0.5", "1.0"])
        #expect(Ticks.label(2e6, decimals: 0, step: 1e6) == "2×10⁶")
    }

    @Test func exportStringAndRasterize() {
        let s = GraphicsSession()
        let svg = s.run("ExportString[Graphics[Disk[]], \"SVG\"]").string ?? ""
        #expect(svg.hasPrefix("<?xml") && svg.contains("<svg"))
        let png = s.run("ExportString[Graphics[Disk[]], \"PNG\"]").string ?? ""
        #expect(png.unicodeScalars.prefix(4).map(\.value) == [0x89, 0x50, 0x4E, 0x47])
        #expect(s.kernel.format(s.run("img = Rasterize[Graphics[Disk[], ImageSize -> 64]]")) == "-Image-")
        #expect(s.run("ImageDimensions[img]") == .list([64, 64]))
        #expect(s.run("Rasterize[Plot[x, {x, 0, 1}], \"RasterSize\"]").argCount == 2)
    }

    @Test func lossPlotRendersAsGraphics() throws {
        let s = GraphicsSession()
        let plot = s.run("""
            r = NetTrain[NetChain[{LinearLayer[1]}, "Input" -> 1], Table[{x} -> {2 x}, {x, 0., 1., 0.1}], All,
                MaxTrainingRounds -> 20, TrainingProgressReporting -> None, RandomSeeding -> 1];
            r["LossPlot"]
            """)
        #expect(GraphicsRendering.isGraphics(plot))
        // The terminal keeps the text chart.
        #expect(s.kernel.format(plot).contains("loss (log scale)"))
        let g = try #require(GraphicsRendering.graphicsExpression(plot, in: s.kernel))
        #expect(g.headSymbol?.name == "Graphics")
        let png = try GraphicsRendering.render(plot, format: .png, in: s.kernel)
        #expect(PNGPixels.size(png)?.width == 360)
        #expect(colours(png).contains(0xFF5E81B5))
    }
}
