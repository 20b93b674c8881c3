import RampKernel
import RampSyntax

/// Installs the graphics builtins: `Graphics` (inert, as in Wolfram), the named colours, `Show`,
/// `Rasterize`, `ImageDimensions`, the plots (Plots.swift, Charts.swift), and the SVG, PNG and PDF
/// formats of `Export`/`ExportString`.
public enum GraphicsBuiltins {
    public static func install(into kernel: Kernel) {
        installMessages(kernel)
        installSymbols(kernel)
        installColors(kernel)
        installShow(kernel)
        installRasterize(kernel)
        installFormats(kernel)
        Plots.install(kernel)
        Charts.install(kernel)
    }

    static func installMessages(_ k: Kernel) {
        k.setMessage("Graphics", "gprim", "`1` was encountered where a Graphics primitive or directive was expected.")
        for head in ["Export", "ExportString", "Rasterize"] {
            k.setMessage(head, "imgsz", "The image size `1` × `2` is not within 1 to 32767 pixels a side and Ramp's size limit.")
            k.setMessage(head, "cairo", "Drawing failed: `1`.")
        }
        k.setMessage("ExportString", "type", "`1` cannot be exported to the `2` format.")
        k.setMessage("Show", "gtype", "`1` is not a type of graphics.")
        k.setMessage("Rasterize", "gtype", "`1` is not a graphic; Ramp rasterizes Graphics only.")
    }

    /// `Graphics` and the primitive and directive heads: inert symbols with usage texts.
    static func installSymbols(_ k: Kernel) {
        k.define("Graphics", usage: "Graphics[primitives, options] represents a two-dimensional graphical image.") { _ in nil }
        let usages: [(String, String)] = [
            ("Point", "Point[p] is a graphics primitive that represents a point.\nPoint[{p1, p2, …}] represents a collection of points."),
            ("Line", "Line[{p1, p2, …}] represents the line segments joining a sequence of points."),
            ("Polygon", "Polygon[{p1, …, pn}] represents a filled polygon with the points pi."),
            ("Rectangle", "Rectangle[{xmin, ymin}, {xmax, ymax}] represents an axis-aligned filled rectangle."),
            ("Circle", "Circle[{x, y}, r] represents a circle of radius r centered at {x, y}.\nCircle[{x, y}, {rx, ry}, {θ1, θ2}] represents an elliptical arc."),
            ("Disk", "Disk[{x, y}, r] represents a disk of radius r centered at {x, y}."),
            ("Arrow", "Arrow[{p1, p2, …}] is a graphics primitive that represents an arrow from p1 through the pi."),
            ("Text", "Text[expr, coords] is a graphics primitive that represents text corresponding to expr, centered at coords."),
            ("Inset", "Inset[obj, pos] represents an object inset in a graphic at position pos (Ramp draws text objects)."),
            ("RGBColor", "RGBColor[r, g, b] represents a color in the RGB color space, with components between 0 and 1."),
            ("Hue", "Hue[h] represents a color with hue h.\nHue[h, s, b] specifies colors in terms of hue, saturation and brightness."),
            ("GrayLevel", "GrayLevel[g] represents a gray level between 0 (black) and 1 (white)."),
            ("Opacity", "Opacity[a] is a graphics directive that specifies that graphical objects should be displayed with opacity a."),
            ("Thickness", "Thickness[r] specifies that lines should be drawn with a thickness r as a fraction of the total width of the graphic."),
            ("AbsoluteThickness", "AbsoluteThickness[d] specifies that lines should be drawn with absolute thickness d, measured in printer's points."),
            ("PointSize", "PointSize[d] specifies that points should be drawn as circular regions with diameter d, as a fraction of the total width of the graphic."),
            ("AbsolutePointSize", "AbsolutePointSize[d] specifies that points should be drawn as circular regions with diameter d, measured in printer's points."),
            ("Dashing", "Dashing[{r1, r2, …}] specifies that lines should be drawn dashed, with successive segments of lengths r1, r2, … (fractions of the width)."),
            ("AbsoluteDashing", "AbsoluteDashing[{d1, d2, …}] specifies that lines should be drawn dashed, with segments of absolute lengths d1, d2, … in printer's points."),
            ("EdgeForm", "EdgeForm[g] specifies that edges of polygons and other filled graphics objects are to be drawn using the graphics directive g.\nEdgeForm[] draws no edges."),
            ("FaceForm", "FaceForm[g] specifies that faces of polygons and other filled graphics objects are to be drawn using the graphics directive g."),
            ("Directive", "Directive[g1, g2, …] represents a single graphics directive composed of the directives g1, g2, …."),
            ("Legended", "Legended[expr, leg] displays expr with legend leg."),
            ("LineLegend", "LineLegend[{col1, …}, {lbl1, …}] generates a legend that associates color coli with label lbli."),
        ]
        for (name, usage) in usages {
            k.setMessage(name, "usage", usage)
        }
    }

    /// Wolfram's named colours: `Red` evaluates to `RGBColor[1, 0, 0]`, `Black` to `GrayLevel[0]`.
    static let namedColors: [(String, Expr)] = {
        func rgb(_ r: Expr, _ g: Expr, _ b: Expr) -> Expr { .call(Symbol.named("RGBColor"), r, g, b) }
        func gray(_ g: Expr, _ a: Expr? = nil) -> Expr { .call(Symbol.named("GrayLevel"), a.map { [g, $0] } ?? [g]) }
        return [
            ("Red", rgb(1, 0, 0)), ("Green", rgb(0, 1, 0)), ("Blue", rgb(0, 0, 1)),
            ("Black", gray(0)), ("White", gray(1)), ("Gray", gray(0.5)),
            ("Cyan", rgb(0, 1, 1)), ("Magenta", rgb(1, 0, 1)), ("Yellow", rgb(1, 1, 0)),
            ("Brown", rgb(0.6, 0.4, 0.2)), ("Orange", rgb(1, 0.5, 0)), ("Pink", rgb(1, 0.5, 0.5)),
            ("Purple", rgb(0.5, 0, 0.5)), ("LightGray", gray(0.85)), ("DarkGray", gray(0.25)),
            ("LightBlue", rgb(0.87, 0.94, 1)), ("LightRed", rgb(1, 0.85, 0.85)), ("LightGreen", rgb(0.88, 1, 0.88)),
            ("LightYellow", rgb(1, 1, 0.85)), ("Transparent", gray(0, 0)),
        ]
    }()

    static func installColors(_ k: Kernel) {
        for (name, value) in namedColors {
            k.setValue(value, of: name)
            k.setMessage(name, "usage", "\(name) represents the color \(value.formatted(.inputForm)) in graphics.")
            k.setAttributes([.protected], of: Symbol.named(name))
        }
    }

    // MARK: Show

    /// `Show[g1, g2, …, opts]`: the primitives of all, the options given first, then those of g1, g2, ….
    static func installShow(_ k: Kernel) {
        k.define("Show", usage: "Show[graphics, options] shows graphics with the specified options added.\nShow[g1, g2, …] shows several graphics combined.") { c in
            var prims: [Expr] = [], graphicOptions: [Expr] = [], given: [Expr] = []
            var legend: Expr?
            for a in c.args {
                if a.isList && a.args.allSatisfy({ GraphicsRendering.isGraphics($0) }) && !a.args.isEmpty {
                    for g in a.args { absorb(g) }
                } else if GraphicsRendering.isGraphics(a) {
                    absorb(a)
                } else if Kernel.optionName(a) != nil {
                    given.append(a)
                } else {
                    c.message("gtype", a.headSymbol.map { .symbol($0) } ?? a)
                    return nil
                }
            }
            func absorb(_ e: Expr) {
                guard var g = GraphicsRendering.graphicsExpression(e, in: c.kernel) else { return }
                if g.hasHead(GraphicsSymbols.legended) {
                    if legend == nil, g.argCount >= 2 { legend = g.arg(1) }
                    g = g.arg(0)
                }
                prims.append(g.arg(0))
                graphicOptions += GraphicsOptions.rules(g.args.dropFirst())
            }
            guard !prims.isEmpty else { return nil }
            var seen = Set<String>()
            let options = (given + graphicOptions).filter { Kernel.optionName($0).map { seen.insert($0).inserted } ?? false }
            let graphics = Expr.call(GraphicsSymbols.graphics, [.list(prims)] + options)
            return legend.map { .call(GraphicsSymbols.legended, graphics, $0) } ?? graphics
        }
    }
}

/// Legends of plots: `LineLegend[{styles…}, {labels…}]`, `PointLegend[…]`, possibly in `Placed[…]`.
enum Legends {
    static func entries(_ legend: Expr) -> [(label: String, style: DrawStyle, points: Bool)] {
        var e = legend
        if e.hasHead(Symbol.named("Placed")), e.argCount >= 1 { e = e.arg(0) }
        guard let head = e.headSymbol?.name, head == "LineLegend" || head == "PointLegend", e.argCount >= 2,
              e.arg(0).isList, e.arg(1).isList else { return [] }
        let builder = SceneBuilder(kernel: nil)
        var out: [(label: String, style: DrawStyle, points: Bool)] = []
        for (s, l) in zip(e.arg(0).args, e.arg(1).args) {
            var style = DrawStyle()
            style.thickness = .absolute(1.6)
            _ = builder.applyDirective(s, &style)
            out.append((l.string ?? l.formatted(.outputForm), style, head == "PointLegend"))
        }
        return out
    }
}
