import CCairo
import RampKernel
import RampSyntax
#if canImport(Glibc)
import Glibc
#endif

/// Why a graphic could not be drawn.
public enum GraphicsError: Error, Equatable {
    /// The image would be larger than Ramp allows (`SizeLimit`, and Cairo's 32767 pixels a side).
    case tooLarge(width: Int, height: Int)
    /// The expression is not a graphic.
    case notGraphics
    /// Cairo reported an error (its status text).
    case cairo(String)
}

/// The font of all text: DejaVu Sans (Debian's fonts-dejavu-core), found through fontconfig.
let fontFamily = "DejaVu Sans"

/// Where everything goes on the page: the image size, the plot region and the coordinate mapping.
struct Layout {
    var width: Double, height: Double
    /// The plot region in device points (y down).
    var left: Double, top: Double, regionWidth: Double, regionHeight: Double
    /// The coordinate ranges shown (after padding).
    var x0: Double, x1: Double, y0: Double, y1: Double

    func dx(_ x: Double) -> Double { Self.clamp(left + (x - x0) / (x1 - x0) * regionWidth) }
    func dy(_ y: Double) -> Double { Self.clamp(top + regionHeight - (y - y0) / (y1 - y0) * regionHeight) }
    func device(_ p: Point2) -> (Double, Double) { (dx(p.x), dy(p.y)) }
    /// Cairo keeps coordinates in 24.8 fixed point: far-away points are pulled in (lines towards
    /// them keep their direction closely enough at this distance).
    static func clamp(_ v: Double) -> Double { v.isNaN ? 0 : Swift.min(Swift.max(v, -1e6), 1e6) }
}

/// Draws a scene with Cairo onto any of its surfaces.
final class SceneRenderer {
    let scene: [SceneItem]
    /// `Prolog` and `Epilog` primitives: drawn before and after the scene, not counted in the
    /// automatic plot range.
    let prolog: [SceneItem], epilog: [SceneItem]
    let options: GraphicsOptions
    /// A context on a 1×1 surface, to measure text before the real surface exists.
    let measure: OpaquePointer

    static let axisGray = RGBA(r: 0.4, g: 0.4, b: 0.4)
    static let labelGray = RGBA(r: 0.2, g: 0.2, b: 0.2)
    static let tickFont = 10.0
    static let labelFont = 12.0

    init(scene: [SceneItem], options: GraphicsOptions, prolog: [SceneItem] = [], epilog: [SceneItem] = []) {
        self.scene = scene
        self.prolog = prolog
        self.epilog = epilog
        self.options = options
        let s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1)
        measure = cairo_create(s)!
        cairo_surface_destroy(s)
    }

    deinit { cairo_destroy(measure) }

    /// Width and height (ascent + descent) of `text` at `size` points.
    func textSize(_ text: String, size: Double, bold: Bool = false) -> (w: Double, h: Double) {
        setFont(measure, size: size, bold: bold)
        var te = cairo_text_extents_t()
        var fe = cairo_font_extents_t()
        cairo_text_extents(measure, text, &te)
        cairo_font_extents(measure, &fe)
        return (te.x_advance, fe.ascent + fe.descent)
    }

    func setFont(_ cr: OpaquePointer, size: Double, bold: Bool = false) {
        cairo_select_font_face(cr, fontFamily, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, size)
    }

    static func text(_ e: Expr) -> String { e.string ?? e.formatted(.outputForm) }

    // MARK: Layout

    /// The data ranges (before padding): PlotRange, else the extent of the items.
    func dataRanges() -> (Double, Double, Double, Double) {
        var xs: [Double] = [], ys: [Double] = []
        for item in scene { for p in item.extent { xs.append(p.x); ys.append(p.y) } }
        func range(_ spec: RangeSpec, _ values: [Double]) -> (Double, Double) {
            if case .fixed(let a, let b) = spec { return (a, b) }
            guard var lo = values.min(), var hi = values.max() else { return (-1, 1) }
            if hi - lo <= Swift.max(abs(hi), abs(lo)) * 1e-12 {
                let d = lo == 0 ? 1 : abs(lo) * 0.1
                lo -= d; hi += d
            }
            return (lo, hi)
        }
        var (x0, x1) = range(options.plotRange.x, xs)
        var (y0, y1) = range(options.plotRange.y, ys)
        // An axis shown at 0 is kept in the picture when the data come close to it (as Wolfram's
        // plots include the origin for small offsets); here only for lengthless ranges.
        if !(x1 > x0) { x0 = -1; x1 = 1 }
        if !(y1 > y0) { y0 = -1; y1 = 1 }
        return (x0, x1, y0, y1)
    }

    /// The layout for an image `width` wide (the plot region is what is left after margins).
    func layout() throws(GraphicsError) -> Layout {
        var (x0, x1, y0, y1) = dataRanges()
        // Ranges wider than the largest machine real are narrowed so that their width is finite.
        let limit = Double.greatestFiniteMagnitude / 8
        (x0, x1, y0, y1) = (Swift.max(x0, -limit), Swift.min(x1, limit), Swift.max(y0, -limit), Swift.min(y1, limit))
        let px = x1 - x0, py = y1 - y0
        x0 -= px * options.padding.l; x1 += px * options.padding.r
        y0 -= py * options.padding.b; y1 += py * options.padding.t
        let width = options.imageWidth ?? 360
        var l = 1.0, r = 1.0, t = 1.0, b = 1.0
        let tickH = textSize("0", size: Self.tickFont).h
        let labelH = textSize("0", size: Self.labelFont).h
        func widest(_ marks: [Ticks.Mark]) -> Double { marks.compactMap(\.label).map { textSize($0, size: Self.tickFont).w }.max() ?? 0 }
        // Tick labels at the edges of the region need room outside it.
        let yTarget = 5.0
        if options.frame {
            let yMarks = marks(options.frameTicks.y, y0, y1, target: yTarget)
            l = Swift.max(l, widest(yMarks) + 8)
            b = Swift.max(b, tickH + 6)
            t = Swift.max(t, 6); r = Swift.max(r, 10)
            if options.frameLabel.b != nil { b += labelH + 4 }
            if options.frameLabel.l != nil { l += labelH + 4 }
            if options.frameLabel.t != nil { t += labelH + 4 }
            if options.frameLabel.r != nil { r += labelH + 4 }
        } else if options.axes.x || options.axes.y {
            if options.axes.y {
                l = Swift.max(l, widest(marks(options.ticks.y, y0, y1, target: yTarget)) + 8)
                t = Swift.max(t, tickH / 2 + 2)
            }
            if options.axes.x {
                b = Swift.max(b, tickH + 6)
                r = Swift.max(r, 12)
            }
            if let xl = options.axesLabel.x { r += textSize(Self.text(xl), size: Self.labelFont).w + 6 }
            if options.axesLabel.y != nil { t += labelH + 4 }
        }
        if options.plotLabel != nil { t += labelH + 6 }
        var legendWidth = 0.0
        if !options.legend.isEmpty {
            legendWidth = (options.legend.map { textSize($0.label, size: Self.tickFont + 1).w }.max() ?? 0) + 40
        }
        // A legend is put beside the graphic: the image gets wider by it (as Wolfram's Legended).
        let regionWidth = Swift.max(width - l - r, 10)
        var regionHeight: Double
        if let h = options.imageHeight {
            regionHeight = Swift.max(h - t - b, 10)
        } else {
            let aspect = options.aspectRatio ?? Swift.min(Swift.max((y1 - y0) / (x1 - x0), 0.02), 50)
            regionHeight = regionWidth * aspect
        }
        let height = (options.imageHeight ?? (regionHeight + t + b)).rounded()
        let w = (width + legendWidth).rounded()
        guard w.isFinite, height.isFinite, w >= 1, height >= 1, w <= 32767, height <= 32767,
              SizeLimit.allows(dimensions: [Int(w), Int(height)], elementSize: 4) else {
            throw .tooLarge(width: w.isFinite && w < 1e15 ? Int(w) : Int.max, height: height.isFinite && height < 1e15 ? Int(height) : Int.max)
        }
        regionHeight = height - t - b
        return Layout(width: w, height: height, left: l, top: t, regionWidth: regionWidth, regionHeight: Swift.max(regionHeight, 1),
                      x0: x0, x1: x1, y0: y0, y1: y1)
    }

    func marks(_ spec: TickSpec, _ lo: Double, _ hi: Double, target: Double) -> [Ticks.Mark] {
        switch spec {
        case .none: return []
        case .automatic: return Ticks.automatic(lo, hi, target: target)
        case .explicit(let list):
            let step = list.count > 1 ? abs(list[1].0 - list[0].0) : 1
            let decimals = Swift.max(0, -Ticks.floorLog10(step))
            return list.filter { $0.0 >= lo && $0.0 <= hi }.map { Ticks.Mark(value: $0.0, label: $0.1 ?? Ticks.label($0.0, decimals: decimals, step: step), major: true) }
        }
    }

    // MARK: Drawing

    func draw(_ cr: OpaquePointer, _ L: Layout) {
        if let bg = options.background {
            setColor(cr, bg)
            cairo_paint(cr)
        }
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT)
        drawGridLines(cr, L)
        // Axis lines and ticks go under the primitives, their labels over them.
        let labels = options.frame ? drawFrame(cr, L) : drawAxes(cr, L)
        if options.frame && (options.axes.x || options.axes.y) { drawAxisLinesInFrame(cr, L) }
        cairo_save(cr)
        if options.clip {
            cairo_rectangle(cr, L.left, L.top, L.regionWidth, L.regionHeight)
            cairo_clip(cr)
        }
        for item in prolog + scene + epilog { drawItem(cr, item, L) }
        cairo_restore(cr)
        labels()
        drawLabels(cr, L)
        drawLegend(cr, L)
    }

    func setColor(_ cr: OpaquePointer, _ c: RGBA) { cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a) }

    func setDash(_ cr: OpaquePointer, _ dashes: [Length], width: Double) {
        // Dashes shorter than a tenth of a point would make Cairo cut a line into millions of pieces.
        var d = dashes.map { l -> Double in let p = l.points(width: width); return p > 0 ? Swift.max(p, 0.1) : 0 }
        if d.count % 2 == 1 { d += d }
        d.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, Int32(d.count), 0) }
    }

    func stroke(_ cr: OpaquePointer, color: RGBA, thickness: Length, dashing: [Length], L: Layout) {
        setColor(cr, color)
        cairo_set_line_width(cr, Swift.max(thickness.points(width: L.width), 0.01))
        setDash(cr, dashing, width: L.width)
        cairo_stroke(cr)
        cairo_set_dash(cr, nil, 0, 0)
    }

    func path(_ cr: OpaquePointer, _ pts: [Point2], _ L: Layout, close: Bool) {
        cairo_new_path(cr)
        for (i, p) in pts.enumerated() {
            let (x, y) = L.device(p)
            if i == 0 { cairo_move_to(cr, x, y) } else { cairo_line_to(cr, x, y) }
        }
        if close { cairo_close_path(cr) }
    }

    func drawItem(_ cr: OpaquePointer, _ item: SceneItem, _ L: Layout) {
        switch item {
        case .points(let pts, let s):
            setColor(cr, s.strokeColor)
            let r = Swift.max(s.pointSize.points(width: L.width) / 2, 0.25)
            for p in pts {
                let (x, y) = L.device(p)
                cairo_new_path(cr)
                cairo_arc(cr, x, y, r, 0, 2 * Double.pi)
                cairo_fill(cr)
            }
        case .line(let pts, let s, let arrow):
            path(cr, pts, L, close: false)
            stroke(cr, color: s.strokeColor, thickness: s.thickness, dashing: s.dashing, L: L)
            if arrow, pts.count >= 2 { drawArrowhead(cr, from: pts[pts.count - 2], to: pts[pts.count - 1], s, L) }
        case .polygon(let pts, let s):
            fillAndEdge(cr, s, L) { self.path(cr, pts, L, close: true) }
        case .ellipse(let c, let rx, let ry, let angles, let s, let filled):
            let (cx, cy) = L.device(c)
            let sx = rx / (L.x1 - L.x0) * L.regionWidth, sy = ry / (L.y1 - L.y0) * L.regionHeight
            guard sx.isFinite, sy.isFinite, sx < 1e6, sy < 1e6 else { return }
            let shape = {
                cairo_new_path(cr)
                cairo_save(cr)
                cairo_translate(cr, cx, cy)
                cairo_scale(cr, Swift.max(sx, 1e-9), Swift.max(sy, 1e-9))
                if let (a, b) = angles {
                    if filled { cairo_move_to(cr, 0, 0) }
                    cairo_arc_negative(cr, 0, 0, 1, -a, -b)
                    if filled { cairo_close_path(cr) }
                } else {
                    cairo_arc(cr, 0, 0, 1, 0, 2 * Double.pi)
                    cairo_close_path(cr)
                }
                cairo_restore(cr)
            }
            if filled {
                fillAndEdge(cr, s, L, shape)
            } else {
                shape()
                stroke(cr, color: s.strokeColor, thickness: s.thickness, dashing: s.dashing, L: L)
            }
        case .text(let text, let at, let offset, let s):
            let (x, y) = L.device(at)
            drawText(cr, text, x: x, y: y, ox: offset.x, oy: offset.y, size: s.fontSize, color: s.strokeColor, bold: s.fontWeightBold)
        }
    }

    func fillAndEdge(_ cr: OpaquePointer, _ s: DrawStyle, _ L: Layout, _ shape: () -> Void) {
        shape()
        setColor(cr, s.fillColor)
        if let e = s.edge {
            cairo_fill_preserve(cr)
            var c = e.color
            c.a *= e.opacity
            stroke(cr, color: c, thickness: e.thickness, dashing: e.dashing, L: L)
        } else {
            cairo_fill(cr)
        }
    }

    func drawArrowhead(_ cr: OpaquePointer, from a: Point2, to b: Point2, _ s: DrawStyle, _ L: Layout) {
        let (ax, ay) = L.device(a), (bx, by) = L.device(b)
        let len = ((bx - ax) * (bx - ax) + (by - ay) * (by - ay)).squareRoot()
        guard len > 0 else { return }
        let size = Swift.max(L.width * 0.03, 3 * s.thickness.points(width: L.width))
        let ux = (bx - ax) / len, uy = (by - ay) / len
        let baseX = bx - ux * size, baseY = by - uy * size
        let half = size * 0.35
        cairo_new_path(cr)
        cairo_move_to(cr, bx, by)
        cairo_line_to(cr, baseX - uy * half, baseY + ux * half)
        cairo_line_to(cr, baseX + uy * half, baseY - ux * half)
        cairo_close_path(cr)
        setColor(cr, s.strokeColor)
        cairo_fill(cr)
    }

    /// Text centred at (x, y) shifted by (ox, oy) times half its size (Wolfram's Text offsets).
    func drawText(_ cr: OpaquePointer, _ text: String, x: Double, y: Double, ox: Double = 0, oy: Double = 0, size: Double, color: RGBA, bold: Bool = false, rotate: Bool = false) {
        guard !text.isEmpty else { return }
        setFont(cr, size: size, bold: bold)
        var te = cairo_text_extents_t(), fe = cairo_font_extents_t()
        cairo_text_extents(cr, text, &te)
        cairo_font_extents(cr, &fe)
        let w = te.x_advance, h = fe.ascent + fe.descent
        cairo_save(cr)
        cairo_translate(cr, x, y)
        if rotate { cairo_rotate(cr, -Double.pi / 2) }
        let cx = -w / 2 - ox * w / 2, cy = oy * h / 2
        cairo_move_to(cr, cx, cy + (fe.ascent - fe.descent) / 2)
        setColor(cr, color)
        cairo_show_text(cr, text)
        cairo_restore(cr)
    }

    func line(_ cr: OpaquePointer, _ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) {
        cairo_move_to(cr, x0, y0)
        cairo_line_to(cr, x1, y1)
    }

    func drawGridLines(_ cr: OpaquePointer, _ L: Layout) {
        let grid = RGBA(r: 0.4, g: 0.4, b: 0.4, a: 0.5)
        // Automatic grid lines follow explicit ticks (a log axis), else the automatic ones.
        func spec(_ grid: TickSpec, _ ticks: TickSpec) -> TickSpec {
            if case .automatic = grid, case .explicit(let list) = ticks { return .explicit(list.filter { $0.1 != "" }) }
            return grid
        }
        let ticks = options.frame ? options.frameTicks : options.ticks
        cairo_new_path(cr)
        for m in marks(spec(options.gridLines.x, ticks.x), L.x0, L.x1, target: 6) where m.major {
            line(cr, L.dx(m.value), L.top, L.dx(m.value), L.top + L.regionHeight)
        }
        for m in marks(spec(options.gridLines.y, ticks.y), L.y0, L.y1, target: 5) where m.major {
            line(cr, L.left, L.dy(m.value), L.left + L.regionWidth, L.dy(m.value))
        }
        stroke(cr, color: grid, thickness: .absolute(1), dashing: [.absolute(1), .absolute(2)], L: L)
    }

    /// Where the axes cross: `AxesOrigin`, else 0 when it is in range, else the nearer end.
    func origin(_ L: Layout) -> Point2 {
        if let o = options.axesOrigin { return o }
        func pick(_ lo: Double, _ hi: Double) -> Double { lo <= 0 && 0 <= hi ? 0 : (abs(lo) < abs(hi) ? lo : hi) }
        return Point2(x: pick(L.x0, L.x1), y: pick(L.y0, L.y1))
    }

    /// Draws the axes and returns what draws their labels.
    func drawAxes(_ cr: OpaquePointer, _ L: Layout) -> () -> Void {
        guard options.axes.x || options.axes.y else { return {} }
        let o = origin(L)
        let ox = L.dx(o.x), oy = L.dy(o.y)
        cairo_new_path(cr)
        var labels: [(String, Double, Double, Double, Double)] = []
        if options.axes.x {
            line(cr, L.left, oy, L.left + L.regionWidth, oy)
            for m in marks(options.ticks.x, L.x0, L.x1, target: 6) {
                let x = L.dx(m.value)
                line(cr, x, oy, x, oy - (m.major ? 4 : 2.5))
                if let label = m.label, !(options.axes.y && m.value == o.x && o.x == 0) { labels.append((label, x, oy + 3, 0, 1)) }
            }
        }
        if options.axes.y {
            line(cr, ox, L.top, ox, L.top + L.regionHeight)
            for m in marks(options.ticks.y, L.y0, L.y1, target: 5) {
                let y = L.dy(m.value)
                line(cr, ox, y, ox + (m.major ? 4 : 2.5), y)
                if let label = m.label, !(options.axes.x && m.value == o.y && o.y == 0) { labels.append((label, ox - 3, y, 1, 0)) }
            }
        }
        stroke(cr, color: Self.axisGray, thickness: .absolute(1), dashing: [], L: L)
        return { self.drawAxisLabels(cr, L, labels, ox: ox, oy: oy) }
    }

    func drawAxisLabels(_ cr: OpaquePointer, _ L: Layout, _ labels: [(String, Double, Double, Double, Double)], ox: Double, oy: Double) {
        for (text, x, y, hx, hy) in labels { drawText(cr, text, x: x, y: y, ox: hx, oy: hy, size: Self.tickFont, color: Self.labelGray) }
        if options.axes.x, let xl = options.axesLabel.x {
            drawText(cr, Self.text(xl), x: L.left + L.regionWidth + 4, y: oy, ox: -1, oy: 0, size: Self.labelFont, color: Self.labelGray)
        }
        if options.axes.y, let yl = options.axesLabel.y {
            drawText(cr, Self.text(yl), x: ox, y: L.top - 4, ox: 0, oy: -1, size: Self.labelFont, color: Self.labelGray)
        }
    }

    /// With a frame, axes are plain lines through the origin (the frame carries the ticks).
    func drawAxisLinesInFrame(_ cr: OpaquePointer, _ L: Layout) {
        let o = origin(L)
        cairo_new_path(cr)
        if options.axes.x, o.y > L.y0, o.y < L.y1 { line(cr, L.left, L.dy(o.y), L.left + L.regionWidth, L.dy(o.y)) }
        if options.axes.y, o.x > L.x0, o.x < L.x1 { line(cr, L.dx(o.x), L.top, L.dx(o.x), L.top + L.regionHeight) }
        stroke(cr, color: RGBA(r: 0.4, g: 0.4, b: 0.4, a: 0.6), thickness: .absolute(0.8), dashing: [], L: L)
    }

    /// Draws the frame and returns what draws its labels.
    func drawFrame(_ cr: OpaquePointer, _ L: Layout) -> () -> Void {
        cairo_new_path(cr)
        cairo_rectangle(cr, L.left, L.top, L.regionWidth, L.regionHeight)
        let bottom = L.top + L.regionHeight, right = L.left + L.regionWidth
        var labels: [(String, Double, Double, Double, Double)] = []
        for m in marks(options.frameTicks.x, L.x0, L.x1, target: 6) {
            let x = L.dx(m.value), len = m.major ? 5.0 : 3.0
            line(cr, x, bottom, x, bottom - len)
            line(cr, x, L.top, x, L.top + len)
            if let label = m.label { labels.append((label, x, bottom + 3, 0, 1)) }
        }
        for m in marks(options.frameTicks.y, L.y0, L.y1, target: 5) {
            let y = L.dy(m.value), len = m.major ? 5.0 : 3.0
            line(cr, L.left, y, L.left + len, y)
            line(cr, right, y, right - len, y)
            if let label = m.label { labels.append((label, L.left - 3, y, 1, 0)) }
        }
        stroke(cr, color: Self.axisGray, thickness: .absolute(1), dashing: [], L: L)
        return { self.drawFrameLabels(cr, L, labels) }
    }

    func drawFrameLabels(_ cr: OpaquePointer, _ L: Layout, _ labels: [(String, Double, Double, Double, Double)]) {
        let bottom = L.top + L.regionHeight, right = L.left + L.regionWidth
        for (text, x, y, hx, hy) in labels { drawText(cr, text, x: x, y: y, ox: hx, oy: hy, size: Self.tickFont, color: Self.labelGray) }
        let labelH = textSize("0", size: Self.labelFont).h
        let tickH = textSize("0", size: Self.tickFont).h
        let widestY = marks(options.frameTicks.y, L.y0, L.y1, target: 5).compactMap(\.label).map { textSize($0, size: Self.tickFont).w }.max() ?? 0
        let cx = L.left + L.regionWidth / 2, cy = L.top + L.regionHeight / 2
        if let b = options.frameLabel.b { drawText(cr, Self.text(b), x: cx, y: bottom + tickH + 6, ox: 0, oy: 1, size: Self.labelFont, color: Self.labelGray) }
        if let l = options.frameLabel.l { drawText(cr, Self.text(l), x: L.left - widestY - 6 - labelH / 2, y: cy, ox: 0, oy: 0, size: Self.labelFont, color: Self.labelGray, rotate: true) }
        if let t = options.frameLabel.t { drawText(cr, Self.text(t), x: cx, y: L.top - 4, ox: 0, oy: -1, size: Self.labelFont, color: Self.labelGray) }
        if let r = options.frameLabel.r { drawText(cr, Self.text(r), x: right + 4 + labelH / 2, y: cy, ox: 0, oy: 0, size: Self.labelFont, color: Self.labelGray, rotate: true) }
    }

    func drawLabels(_ cr: OpaquePointer, _ L: Layout) {
        guard let label = options.plotLabel else { return }
        let h = textSize("0", size: Self.labelFont).h
        var top = L.top - 4
        if options.frame && options.frameLabel.t != nil { top -= h + 4 }
        if !options.frame && options.axes.y && options.axesLabel.y != nil { top -= h + 4 }
        drawText(cr, Self.text(label), x: L.left + L.regionWidth / 2, y: top, ox: 0, oy: -1, size: Self.labelFont, color: .black)
    }

    func drawLegend(_ cr: OpaquePointer, _ L: Layout) {
        guard !options.legend.isEmpty else { return }
        let size = Self.tickFont + 1
        let rowH = textSize("0", size: size).h + 4
        var y = L.top + L.regionHeight / 2 - rowH * Double(options.legend.count) / 2 + rowH / 2
        let x = L.left + L.regionWidth + 12
        for entry in options.legend {
            if entry.points {
                setColor(cr, entry.style.strokeColor)
                cairo_new_path(cr)
                cairo_arc(cr, x + 10, y, 3, 0, 2 * Double.pi)
                cairo_fill(cr)
            } else {
                cairo_new_path(cr)
                line(cr, x, y, x + 20, y)
                stroke(cr, color: entry.style.strokeColor, thickness: entry.style.thickness, dashing: entry.style.dashing, L: L)
            }
            drawText(cr, entry.label, x: x + 26, y: y, ox: -1, oy: 0, size: size, color: Self.labelGray)
            y += rowH
        }
    }
}
