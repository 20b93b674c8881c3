import RampKernel
import RampSyntax

// The scene: a `Graphics[…]` expression read into flat drawing items in the graphic's own
// coordinates, each with the style its directives gave it. The renderer (Renderer.swift) draws a
// scene with Cairo; nothing here knows about Cairo.

/// An RGB colour with opacity, components in 0…1.
struct RGBA: Equatable {
    var r: Double, g: Double, b: Double, a: Double = 1

    static let black = RGBA(r: 0, g: 0, b: 0)
    static let white = RGBA(r: 1, g: 1, b: 1)

    /// The colour a directive expression stands for: `RGBColor[r, g, b]`, `RGBColor[r, g, b, a]`,
    /// `RGBColor[{r, g, b}]`, `GrayLevel[g]`, `GrayLevel[g, a]`, `Hue[h]`, `Hue[h, s, b]`,
    /// `Hue[h, s, b, a]`; nil for anything else.
    static func from(_ e: Expr) -> RGBA? {
        guard let head = e.headSymbol?.name else { return nil }
        var v: [Double] = []
        let args = e.argCount == 1 && e.arg(0).isList ? e.arg(0).args : e.args
        for a in args {
            guard let d = Numeric.double(a) else { return nil }
            v.append(Swift.min(Swift.max(d, 0), 1))
        }
        switch (head, v.count) {
        case ("RGBColor", 3): return RGBA(r: v[0], g: v[1], b: v[2])
        case ("RGBColor", 4): return RGBA(r: v[0], g: v[1], b: v[2], a: v[3])
        case ("GrayLevel", 1): return RGBA(r: v[0], g: v[0], b: v[0])
        case ("GrayLevel", 2): return RGBA(r: v[0], g: v[0], b: v[0], a: v[1])
        case ("Hue", 1): return hsb(v[0], 1, 1, 1)
        case ("Hue", 3): return hsb(v[0], v[1], v[2], 1)
        case ("Hue", 4): return hsb(v[0], v[1], v[2], v[3])
        default: return nil
        }
    }

    /// Hue, saturation and brightness to RGB (Wolfram's `Hue`; the hue wraps around, so the raw
    /// hue before clamping is what matters for values outside 0…1, but clamped hues are close enough).
    static func hsb(_ h: Double, _ s: Double, _ b: Double, _ a: Double) -> RGBA {
        let h6 = (h - h.rounded(.down)) * 6
        let i = Int(h6) % 6, f = h6 - Double(Int(h6))
        let p = b * (1 - s), q = b * (1 - s * f), t = b * (1 - s * (1 - f))
        let (r, g, bl): (Double, Double, Double)
        switch i {
        case 0: (r, g, bl) = (b, t, p)
        case 1: (r, g, bl) = (q, b, p)
        case 2: (r, g, bl) = (p, b, t)
        case 3: (r, g, bl) = (p, q, b)
        case 4: (r, g, bl) = (t, p, b)
        default: (r, g, bl) = (b, p, q)
        }
        return RGBA(r: r, g: g, b: bl, a: a)
    }

    /// `RGBColor[r, g, b]` with the components rounded to 6 digits, as Wolfram writes them.
    var expr: Expr {
        func c(_ x: Double) -> Expr { .real((x * 1e6).rounded() / 1e6) }
        return a == 1 ? .call(Symbol.named("RGBColor"), c(r), c(g), c(b)) : .call(Symbol.named("RGBColor"), c(r), c(g), c(b), c(a))
    }
}

/// A length that is either absolute (printer's points, one pixel at Ramp's 72 dpi) or a fraction of
/// the graphic's width (Wolfram's `Thickness[t]`, `PointSize[d]`).
enum Length: Equatable {
    case absolute(Double)
    case scaled(Double)

    func points(width: Double) -> Double {
        switch self {
        case .absolute(let p): return p
        case .scaled(let f): return f * width
        }
    }
}

/// What the directives in force say about drawing.
struct DrawStyle {
    var color = RGBA.black
    var opacity: Double = 1
    var thickness = Length.absolute(1)
    var pointSize = Length.scaled(0.008)
    var dashing: [Length] = []
    /// The face colour when `FaceForm[c]` gave one (else `color`).
    var face: RGBA?
    /// The edge of filled shapes: nil draws none (Wolfram's default for polygons, disks, rectangles).
    var edge: EdgeStyle?
    var fontSize: Double = 12
    var fontWeightBold = false

    struct EdgeStyle {
        var color = RGBA.black
        var opacity: Double = 1
        var thickness = Length.absolute(1)
        var dashing: [Length] = []
    }

    /// The colour lines and points are drawn in.
    var strokeColor: RGBA { var c = color; c.a *= opacity; return c }
    /// The colour faces are filled with.
    var fillColor: RGBA { var c = face ?? color; c.a *= opacity; return c }
}

/// A point in the graphic's coordinates.
struct Point2: Equatable {
    var x: Double, y: Double
}

/// One thing to draw.
enum SceneItem {
    /// Points (`Point`), drawn as dots of the style's point size.
    case points([Point2], DrawStyle)
    /// A polyline (`Line`), or an arrow (`Arrow`) with a head at its end.
    case line([Point2], DrawStyle, arrow: Bool)
    /// A filled polygon.
    case polygon([Point2], DrawStyle)
    /// An ellipse or arc outline (`Circle`), angles in radians (nil: the full ellipse).
    case ellipse(center: Point2, rx: Double, ry: Double, angles: (Double, Double)?, DrawStyle, filled: Bool)
    /// Text centred at `at`, shifted by `offset` (Wolfram's `Text[expr, pos, {ox, oy}]`: -1…1 of the
    /// text's size, {-1, 0} puts the text's left edge at the point).
    case text(String, at: Point2, offset: Point2, DrawStyle)

    /// The points that bound the item (for `PlotRange -> Automatic`).
    var extent: [Point2] {
        switch self {
        case .points(let p, _), .line(let p, _, _), .polygon(let p, _): return p
        case .ellipse(let c, let rx, let ry, _, _, _):
            return [Point2(x: c.x - rx, y: c.y - ry), Point2(x: c.x + rx, y: c.y + ry)]
        case .text(_, let at, _, _): return [at]
        }
    }
}

/// Numbers inside graphics: exact, approximate and numeric constants (`Pi`, `Sqrt[2]`).
enum Numeric {
    /// The machine real `e` stands for, or nil when it is not a finite real number.
    static func double(_ e: Expr) -> Double? {
        let d: Double?
        switch e {
        case .integer(let i): d = Double(i)
        case .real(let x): d = x
        default:
            if case .real(let x)? = Arithmetic().numericValue(e) { d = x }
            else if case .integer(let i)? = Arithmetic().numericValue(e) { d = Double(i) }
            else { d = nil }
        }
        guard let d, d.isFinite else { return nil }
        return d
    }

    /// `{x, y}` with finite numeric coordinates.
    static func point(_ e: Expr) -> Point2? {
        guard e.isList, e.argCount == 2, let x = double(e.arg(0)), let y = double(e.arg(1)) else { return nil }
        return Point2(x: x, y: y)
    }

    /// A list of points; coordinates that are not finite numbers are dropped (NaN, Infinity,
    /// symbols), as are elements that are not points.
    static func points(_ e: Expr) -> [Point2] {
        guard e.isList else { return [] }
        return e.args.compactMap(point)
    }

    /// Whether `e` is a list of lists of points (several lines or polygons in one primitive).
    static func isListOfPointLists(_ e: Expr) -> Bool {
        e.isList && e.argCount > 0 && e.args.allSatisfy { $0.isList && $0.argCount > 0 && $0.args.allSatisfy { $0.isList } }
    }
}

extension Expr {
    /// The symbol `None`.
    static let noneSymbol = Expr.symbol(Sym.None)
    /// The symbol `All`.
    static let allSymbol = Expr.symbol(Sym.All)
}
