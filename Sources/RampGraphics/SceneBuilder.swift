import RampKernel
import RampSyntax

/// Reads the primitives and directives of a `Graphics[…]` into scene items.
///
/// Directives apply to the primitives after them in the same list and in lists nested inside it; a
/// nested list's directives end with the list (Wolfram's scoping). Something that is neither a
/// known primitive nor a directive (Wolfram draws a pink box for it) is skipped: the first one of a
/// rendering issues `Graphics::gprim` naming it, and the rest of the picture is drawn.
struct SceneBuilder {
    var items: [SceneItem] = []
    /// Formats non-string text (`Text[x^2, …]`) in OutputForm.
    let kernel: Kernel?
    /// The first primitive that was skipped.
    var skipped: Expr?

    init(kernel: Kernel?) { self.kernel = kernel }

    mutating func add(_ e: Expr, _ style: inout DrawStyle) {
        if e.isList {
            var inner = style
            for a in e.args { add(a, &inner) }
            return
        }
        if applyDirective(e, &style) { return }
        guard let head = e.headSymbol?.name else {
            if e != .null { noteSkipped(e) }
            return
        }
        let args = e.args
        switch head {
        case "Point" where args.count == 1:
            let pts = Numeric.point(args[0]).map { [$0] } ?? Numeric.points(args[0])
            if !pts.isEmpty { items.append(.points(pts, style)) }
        case "Line" where args.count == 1, "Arrow" where args.count >= 1:
            let arrow = head == "Arrow"
            let lines = Numeric.isListOfPointLists(args[0]) ? args[0].args.map(Numeric.points) : [Numeric.points(args[0])]
            for l in lines where l.count >= 2 { items.append(.line(l, style, arrow: arrow)) }
        case "Polygon" where args.count == 1:
            let polys = Numeric.isListOfPointLists(args[0]) ? args[0].args.map(Numeric.points) : [Numeric.points(args[0])]
            for p in polys where p.count >= 3 { items.append(.polygon(p, style)) }
        case "Rectangle" where args.count <= 2:
            let a = args.isEmpty ? Point2(x: 0, y: 0) : Numeric.point(args[0])
            let b = args.count == 2 ? Numeric.point(args[1]) : a.map { Point2(x: $0.x + 1, y: $0.y + 1) }
            guard let a, let b else { return }
            items.append(.polygon([a, Point2(x: b.x, y: a.y), b, Point2(x: a.x, y: b.y)], style))
        case "Circle" where args.count <= 3, "Disk" where args.count <= 3:
            let center = args.isEmpty ? Point2(x: 0, y: 0) : Numeric.point(args[0])
            var rx = 1.0, ry = 1.0
            if args.count >= 2 {
                if let r = Numeric.double(args[1]) { rx = r; ry = r }
                else if let r = Numeric.point(args[1]) { rx = r.x; ry = r.y }
                else { return }
            }
            var angles: (Double, Double)?
            if args.count == 3 {
                guard let t = Numeric.point(args[2]) else { return }
                // A span of a turn or more is the whole ellipse; otherwise the start is reduced to
                // one turn (Cairo would step through a huge angle a turn at a time).
                let span = t.y - t.x
                if span.isFinite, abs(span) < 2 * Double.pi {
                    let start = t.x.truncatingRemainder(dividingBy: 2 * Double.pi)
                    angles = (start, start + span)
                }
            }
            guard let center, rx >= 0, ry >= 0 else { return }
            items.append(.ellipse(center: center, rx: rx, ry: ry, angles: angles, style, filled: head == "Disk"))
        case "Text" where (1...3).contains(args.count), "Inset" where (1...4).contains(args.count):
            var textStyle = style
            let content = text(args[0], &textStyle)
            let at = args.count >= 2 ? Numeric.point(args[1]) : Point2(x: 0, y: 0)
            let offset = args.count >= 3 && head == "Text" ? (Numeric.point(args[2]) ?? Point2(x: 0, y: 0)) : Point2(x: 0, y: 0)
            guard let at else { return }
            items.append(.text(content, at: at, offset: offset, textStyle))
        case "Style" where args.count >= 1:
            var inner = style
            for d in args.dropFirst() { _ = applyDirective(d, &inner) }
            add(args[0], &inner)
        case "Annotation", "Tooltip", "Hyperlink", "Button", "Mouseover", "StatusArea", "EventHandler":
            if let first = args.first { var inner = style; add(first, &inner) }
        case "GraphicsComplex" where args.count == 2:
            add(GraphicsComplexExpansion.expand(args[1], points: args[0]), &style)
        case "GraphicsGroup" where args.count == 1:
            var inner = style
            add(args[0], &inner)
        default:
            noteSkipped(e)
        }
    }

    mutating func noteSkipped(_ e: Expr) {
        if skipped == nil { skipped = e }
    }

    /// The text of `Text`'s first argument; `Style[s, Bold, 14, Red]` also sets the font size,
    /// weight and colour.
    func text(_ e: Expr, _ style: inout DrawStyle) -> String {
        if e.hasHead(Symbol.named("Style")), e.argCount >= 1 {
            for d in e.args.dropFirst() {
                if let size = Numeric.double(d), size > 0 { style.fontSize = Swift.min(size, 1000) }
                else if d.symbol?.name == "Bold" { style.fontWeightBold = true }
                else if let c = RGBA.from(d) { style.color = c }
                else if Kernel.optionName(d) == "FontSize", let size = Numeric.double(d.arg(1)), size > 0 { style.fontSize = Swift.min(size, 1000) }
            }
            return text(e.arg(0), &style)
        }
        if let s = e.string { return s }
        return kernel?.format(e) ?? e.formatted(.outputForm)
    }

    /// Applies a directive to `style`; false when `e` is not one.
    func applyDirective(_ e: Expr, _ style: inout DrawStyle) -> Bool {
        if let c = RGBA.from(e) {
            style.color = RGBA(r: c.r, g: c.g, b: c.b)
            if c.a < 1 { style.opacity = c.a }
            return true
        }
        if let name = e.symbol?.name, let d = Self.namedDirectives[name] { return applyDirective(d, &style) }
        guard let head = e.headSymbol?.name else { return false }
        let args = e.args
        switch head {
        case "Opacity" where args.count >= 1:
            guard let a = Numeric.double(args[0]) else { return true }
            style.opacity = Swift.min(Swift.max(a, 0), 1)
            if args.count == 2, let c = RGBA.from(args[1]) { style.color = c }
        case "Thickness" where args.count == 1:
            if let t = Self.namedThickness(args[0]) { style.thickness = .scaled(t) }
            else if let t = Numeric.double(args[0]), t >= 0 { style.thickness = .scaled(Swift.min(t, 1)) }
        case "AbsoluteThickness" where args.count == 1:
            if let t = Numeric.double(args[0]), t >= 0 { style.thickness = .absolute(Swift.min(t, 1000)) }
        case "PointSize" where args.count == 1:
            if let name = args[0].symbol?.name, let d = ["Tiny": 0.004, "Small": 0.008, "Medium": 0.0125, "Large": 0.02][name] { style.pointSize = .scaled(d) }
            else if let d = Numeric.double(args[0]), d >= 0 { style.pointSize = .scaled(Swift.min(d, 1)) }
        case "AbsolutePointSize" where args.count == 1:
            if let d = Numeric.double(args[0]), d >= 0 { style.pointSize = .absolute(Swift.min(d, 1000)) }
        case "Dashing" where args.count == 1, "AbsoluteDashing" where args.count == 1:
            style.dashing = Self.dashes(args[0], absolute: head == "AbsoluteDashing")
        case "Directive":
            for d in args { _ = applyDirective(d, &style) }
        case "EdgeForm":
            if args.isEmpty || args[0] == Expr.noneSymbol { style.edge = nil; return true }
            var edge = DrawStyle()
            edge.thickness = .absolute(1)
            let given = args.count == 1 && args[0].isList ? args[0].args : args
            for d in given { _ = applyDirective(d, &edge) }
            style.edge = DrawStyle.EdgeStyle(color: edge.color, opacity: edge.opacity, thickness: edge.thickness, dashing: edge.dashing)
        case "FaceForm":
            var face = DrawStyle()
            let given = args.count == 1 && args[0].isList ? args[0].args : args
            if given.isEmpty || given.first == Expr.noneSymbol { face.color.a = 0 }
            for d in given { _ = applyDirective(d, &face) }
            var c = face.color
            c.a *= face.opacity
            style.face = c
        default:
            return false
        }
        return true
    }

    /// Directives written as a bare symbol.
    static let namedDirectives: [String: Expr] = [
        "Thick": .call(Symbol.named("AbsoluteThickness"), .real(2)),
        "Thin": .call(Symbol.named("AbsoluteThickness"), .real(0.5)),
        "Dashed": .call(Symbol.named("Dashing"), .list([.real(0.015), .real(0.015)])),
        "Dotted": .call(Symbol.named("Dashing"), .list([.real(0.001), .real(0.01)])),
        "DotDashed": .call(Symbol.named("Dashing"), .list([.real(0.001), .real(0.01), .real(0.015), .real(0.01)])),
    ]

    static func namedThickness(_ e: Expr) -> Double? {
        guard let name = e.symbol?.name else { return nil }
        return ["Tiny": 0.0005, "Small": 0.001, "Medium": 0.002, "Large": 0.004, "Thin": 0.0005, "Thick": 0.004][name]
    }

    /// `Dashing[{d1, d2, …}]`, `Dashing[d]`, `Dashing[Small]`…, `Dashing[None]`.
    static func dashes(_ e: Expr, absolute: Bool) -> [Length] {
        let named = ["Tiny": 0.005, "Small": 0.01, "Medium": 0.025, "Large": 0.05]
        var values: [Double] = []
        if let name = e.symbol?.name, let d = named[name] { values = [d, d] }
        else if let d = Numeric.double(e) { values = [d, d] }
        else if e.isList { values = e.args.compactMap { $0.symbol.flatMap { named[$0.name] } ?? Numeric.double($0) } }
        values = values.filter { $0 >= 0 }
        guard values.contains(where: { $0 > 0 }) else { return [] }
        return values.map { absolute ? .absolute(Swift.min($0, 1e4)) : .scaled(Swift.min($0, 1)) }
    }
}

/// `GraphicsComplex[pts, prims]`: primitives whose coordinates are indices into `pts`.
enum GraphicsComplexExpansion {
    static func expand(_ prims: Expr, points: Expr) -> Expr {
        guard points.isList else { return .emptyList }
        let table = points.args
        func lookup(_ e: Expr) -> Expr {
            if let i = e.int { return i >= 1 && i <= table.count ? table[i - 1] : .emptyList }
            if e.isList { return .list(e.args.map(lookup)) }
            return e
        }
        func walk(_ e: Expr) -> Expr {
            if e.isList { return .list(e.args.map(walk)) }
            guard let head = e.headSymbol?.name, e.argCount >= 1 else { return e }
            switch head {
            case "Point", "Line", "Polygon", "Arrow":
                return .call(Symbol.named(head), [lookup(e.arg(0))] + e.args.dropFirst())
            case "Circle", "Disk", "Text", "Inset", "Rectangle":
                var args = e.args
                let at = head == "Text" || head == "Inset" ? 1 : 0
                if args.count > at { args[at] = lookup(args[at]) }
                if head == "Rectangle", args.count == 2 { args[1] = lookup(args[1]) }
                return .call(Symbol.named(head), args)
            default:
                return e
            }
        }
        return walk(prims)
    }
}
