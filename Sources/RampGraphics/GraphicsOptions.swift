import RampKernel
import RampSyntax

/// One axis of `PlotRange`.
enum RangeSpec: Equatable {
    /// `Automatic`: everything (plots give explicit ranges that already clip outliers).
    case automatic
    case fixed(Double, Double)
}

/// `Ticks`, `FrameTicks` and `GridLines` for one axis.
enum TickSpec {
    case none
    case automatic
    /// Positions with optional labels (`{{1, "a"}, 2, …}`).
    case explicit([(Double, String?)])
}

/// The options of a `Graphics[…]` that the renderer reads. Wolfram's rule applies: when an option is
/// given twice, the first rule wins (so `Show[g, opts]` puts `opts` first).
struct GraphicsOptions {
    var plotRange: (x: RangeSpec, y: RangeSpec) = (.automatic, .automatic)
    /// `PlotRangePadding` as fractions of the range: (left, right, bottom, top).
    var padding: (l: Double, r: Double, b: Double, t: Double) = (0.02, 0.02, 0.02, 0.02)
    var axes: (x: Bool, y: Bool) = (false, false)
    var axesOrigin: Point2?
    var frame = false
    var axesLabel: (x: Expr?, y: Expr?) = (nil, nil)
    /// (bottom, left, top, right).
    var frameLabel: (b: Expr?, l: Expr?, t: Expr?, r: Expr?) = (nil, nil, nil, nil)
    var plotLabel: Expr?
    var imageWidth: Double?
    var imageHeight: Double?
    /// Height over width of the plot region; nil: from the coordinates (`Automatic`).
    var aspectRatio: Double?
    /// Nil: transparent (`Background -> None`).
    var background: RGBA? = .white
    var gridLines: (x: TickSpec, y: TickSpec) = (.none, .none)
    var ticks: (x: TickSpec, y: TickSpec) = (.automatic, .automatic)
    /// (bottom, left): `FrameTicks`.
    var frameTicks: (x: TickSpec, y: TickSpec) = (.automatic, .automatic)
    /// Whether primitives are cut at the plot range (`PlotRangeClipping`; plots set it).
    var clip = false
    /// Legend entries (from `Legended[g, LineLegend[…]]` / `PointLegend`): label, colour, points?
    var legend: [(label: String, style: DrawStyle, points: Bool)] = []

    /// The option rules of a `Graphics[prims, opts…]` (rules and lists of rules, flattened).
    static func rules(_ args: ArraySlice<Expr>) -> [Expr] {
        var out: [Expr] = []
        for a in args {
            if a.isList { out += rules(a.args[...]) }
            else if Kernel.optionName(a) != nil { out.append(a) }
        }
        return out
    }

    /// Reads the options from their rules; values it does not understand keep the default.
    init(_ rules: [Expr]) {
        var seen = Set<String>()
        var paddingGiven = false
        for rule in rules {
            guard let name = Kernel.optionName(rule), seen.insert(name).inserted else { continue }
            let v = rule.arg(1)
            switch name {
            case "PlotRange": plotRange = Self.range(v)
            case "PlotRangePadding": if let p = Self.padding(v) { padding = p; paddingGiven = true }
            case "Axes":
                if v.isList, v.argCount == 2 { axes = (v.arg(0) == .true, v.arg(1) == .true) }
                else { axes = (v == .true, v == .true) }
            case "AxesOrigin": axesOrigin = Numeric.point(v)
            case "Frame":
                if v.isList { frame = v.args.contains { $0 == .true || ($0.isList && $0.args.contains(.true)) } }
                else { frame = v == .true }
            case "AxesLabel":
                if v.isList, v.argCount == 2 { axesLabel = (Self.label(v.arg(0)), Self.label(v.arg(1))) }
                else { axesLabel = (nil, Self.label(v)) }
            case "FrameLabel":
                if v.isList, v.argCount == 2, v.arg(0).isList, v.arg(1).isList, v.arg(0).argCount == 2, v.arg(1).argCount == 2 {
                    frameLabel = (Self.label(v.arg(1).arg(0)), Self.label(v.arg(0).arg(0)), Self.label(v.arg(1).arg(1)), Self.label(v.arg(0).arg(1)))
                } else if v.isList {
                    let a = v.args.map(Self.label)
                    frameLabel = (a.count > 0 ? a[0] : nil, a.count > 1 ? a[1] : nil, a.count > 2 ? a[2] : nil, a.count > 3 ? a[3] : nil)
                } else {
                    frameLabel = (Self.label(v), nil, nil, nil)
                }
            case "PlotLabel": plotLabel = Self.label(v)
            case "ImageSize": (imageWidth, imageHeight) = Self.imageSize(v)
            case "AspectRatio":
                if let r = Numeric.double(v), r > 0 { aspectRatio = r } else if v == .automatic { aspectRatio = nil }
            case "Background": background = v == Expr.noneSymbol ? nil : (RGBA.from(v) ?? .white)
            case "GridLines":
                if v.isList, v.argCount == 2 { gridLines = (Self.ticks(v.arg(0)), Self.ticks(v.arg(1))) }
                else { let t = Self.ticks(v); gridLines = (t, t) }
            case "Ticks":
                if v.isList, v.argCount == 2 { ticks = (Self.ticks(v.arg(0)), Self.ticks(v.arg(1))) }
                else { let t = Self.ticks(v); ticks = (t, t) }
            case "FrameTicks":
                // `{bottom, left}` (Ramp's simple form), or one spec for both.
                if v.isList, v.argCount == 2 { frameTicks = (Self.ticks(v.arg(0)), Self.ticks(v.arg(1))) }
                else { let t = Self.ticks(v); frameTicks = (t, t) }
            case "PlotRangeClipping": clip = v == .true
            default: break
            }
        }
        // No padding is added to an explicit plot range (Wolfram's rule).
        if !paddingGiven {
            if case .fixed = plotRange.x { padding.l = 0; padding.r = 0 }
            if case .fixed = plotRange.y { padding.b = 0; padding.t = 0 }
        }
    }

    static func label(_ e: Expr) -> Expr? {
        e == Expr.noneSymbol || e == .null || e == .automatic ? nil : e
    }

    /// `PlotRange`: `Automatic`/`All`/`Full`, `ymax`, `{ymin, ymax}`, `{{xmin, xmax}, {ymin, ymax}}`.
    static func range(_ v: Expr) -> (x: RangeSpec, y: RangeSpec) {
        func one(_ e: Expr) -> RangeSpec {
            guard e.isList, e.argCount == 2, let a = Numeric.double(e.arg(0)), let b = Numeric.double(e.arg(1)), a != b else { return .automatic }
            return .fixed(Swift.min(a, b), Swift.max(a, b))
        }
        if let m = Numeric.double(v), m != 0 { return (.automatic, .fixed(-abs(m), abs(m))) }
        guard v.isList, v.argCount == 2 else { return (.automatic, .automatic) }
        if v.arg(0).isList || v.arg(1).isList { return (one(v.arg(0)), one(v.arg(1))) }
        return (.automatic, one(v))
    }

    /// `PlotRangePadding`: `None`, `Automatic`, `Scaled[s]`, a number (taken as scaled), or per
    /// axis `{x, y}` / `{{l, r}, {b, t}}`.
    static func padding(_ v: Expr) -> (l: Double, r: Double, b: Double, t: Double)? {
        func one(_ e: Expr) -> Double? {
            if e == Expr.noneSymbol { return 0 }
            if e == .automatic { return 0.02 }
            if e.hasHead(Symbol.named("Scaled")), e.argCount == 1, let s = Numeric.double(e.arg(0)) { return Swift.min(Swift.max(s, 0), 10) }
            return nil
        }
        func pair(_ e: Expr) -> (Double, Double)? {
            if e.isList, e.argCount == 2, let a = one(e.arg(0)), let b = one(e.arg(1)) { return (a, b) }
            return one(e).map { ($0, $0) }
        }
        if let s = one(v) { return (s, s, s, s) }
        guard v.isList, v.argCount == 2, let x = pair(v.arg(0)), let y = pair(v.arg(1)) else { return nil }
        return (x.0, x.1, y.0, y.1)
    }

    /// `ImageSize`: a width, `{w, h}`, `Tiny`/`Small`/`Medium`/`Large`, `Automatic`.
    static func imageSize(_ v: Expr) -> (Double?, Double?) {
        let named = ["Tiny": 100.0, "Small": 180.0, "Medium": 360.0, "Large": 576.0]
        if let name = v.symbol?.name, let w = named[name] { return (w, nil) }
        if let w = Numeric.double(v), w > 0 { return (w, nil) }
        if v.isList, v.argCount == 2 {
            let w = Numeric.double(v.arg(0)).flatMap { $0 > 0 ? $0 : nil }
            let h = Numeric.double(v.arg(1)).flatMap { $0 > 0 ? $0 : nil }
            return (w, h)
        }
        return (nil, nil)
    }

    /// `Automatic`, `None`, `{x1, x2, …}`, `{{x1, label1}, …}`.
    static func ticks(_ v: Expr) -> TickSpec {
        if v == Expr.noneSymbol || v == .false { return .none }
        guard v.isList else { return .automatic }
        var out: [(Double, String?)] = []
        for t in v.args {
            if let x = Numeric.double(t) { out.append((x, nil)) }
            else if t.isList, t.argCount >= 2, let x = Numeric.double(t.arg(0)) {
                let l = t.arg(1)
                out.append((x, l.string ?? l.formatted(.outputForm)))
            }
        }
        return .explicit(out)
    }
}
