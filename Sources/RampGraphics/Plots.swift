import RampKernel
import RampSyntax
#if canImport(Glibc)
import Glibc
#endif

/// `Plot`, `LogPlot` and `ParametricPlot`: functions sampled adaptively into `Graphics[…]`.
///
/// Sampling: `PlotPoints` (50) equally spaced points, then each segment is halved (up to
/// `MaxRecursion`, 6, times) while the curve bends by more than about 5° there, a piece is longer
/// than a tenth of the plot, or a sample is not a real number. The curve is broken where the function is not real (complex, non-numeric, infinite)
/// and where it jumps by more than the plot's height within one finest step (poles such as 1/x
/// and Tan[x]: Wolfram's `Exclusions`). `PlotRange -> Automatic` takes the range of the equally
/// spaced samples and cuts off outliers (values far outside the bulk), as Wolfram's does.
enum Plots {
    /// Wolfram's default plot colours (`ColorData[97]`), in order.
    static let colors: [RGBA] = [
        RGBA(r: 0.368417, g: 0.506779, b: 0.709798), RGBA(r: 0.880722, g: 0.611041, b: 0.142051),
        RGBA(r: 0.560181, g: 0.691569, b: 0.194885), RGBA(r: 0.922526, g: 0.385626, b: 0.209179),
        RGBA(r: 0.528488, g: 0.470624, b: 0.701351), RGBA(r: 0.772079, g: 0.431554, b: 0.102387),
        RGBA(r: 0.363898, g: 0.618501, b: 0.782349), RGBA(r: 1, g: 0.75, b: 0),
        RGBA(r: 0.647624, g: 0.37816, b: 0.614037), RGBA(r: 0.571589, g: 0.586483, b: 0),
    ]

    static func install(_ k: Kernel) {
        for (head, v) in [("Plot", "x"), ("LogPlot", "x"), ("ParametricPlot", "u")] {
            k.setMessage(head, "plln", "Limiting value `1` in `2` is not a machine-sized real number.")
            k.setMessage(head, "pllim", "Range specification `1` is not of the form {\(v), \(v)min, \(v)max}.")
        }
        k.define("Plot", attributes: [.holdAll], usage: "Plot[f, {x, xmin, xmax}] generates a plot of f as a function of x from xmin to xmax.\nPlot[{f1, f2, …}, {x, xmin, xmax}] plots several functions fi.") { c throws(EvaluationControl) in
            try plot(c, log: false)
        }
        k.define("LogPlot", attributes: [.holdAll], usage: "LogPlot[f, {x, xmin, xmax}] generates a log plot of f as a function of x from xmin to xmax.") { c throws(EvaluationControl) in
            try plot(c, log: true)
        }
        k.define("ParametricPlot", attributes: [.holdAll], usage: "ParametricPlot[{fx, fy}, {u, umin, umax}] generates a parametric plot of a curve with x and y coordinates fx and fy as a function of u.") { c throws(EvaluationControl) in
            try parametricPlot(c)
        }
    }

    // MARK: Arguments

    /// The positional arguments and the evaluated option rules of a held call.
    static func split(_ c: BuiltinCall) throws(EvaluationControl) -> (args: [Expr], options: [Expr]) {
        var args = c.args, options: [Expr] = []
        while let last = args.last, Kernel.optionName(last) != nil {
            let value = last.hasHead(Sym.RuleDelayed) ? last.arg(1) : try c.kernel.eval(last.arg(1))
            options.insert(.call(Sym.Rule, last.arg(0), value), at: 0)
            args.removeLast()
        }
        return (args, options)
    }

    static func option(_ options: [Expr], _ name: String) -> Expr? {
        options.first { Kernel.optionName($0) == name }?.arg(1)
    }

    /// `{x, xmin, xmax}`: the variable and the evaluated limits.
    static func domain(_ spec: Expr, _ c: BuiltinCall) throws(EvaluationControl) -> (Symbol, Double, Double)? {
        guard spec.hasHead(Sym.List), spec.argCount == 3, let v = spec.arg(0).symbol else {
            c.message("pllim", spec)
            return nil
        }
        var limits: [Double] = []
        for i in 1...2 {
            let value = try c.kernel.eval(spec.arg(i))
            guard let d = Numeric.double(value) else { c.message("plln", value, spec); return nil }
            limits.append(d)
        }
        guard limits[0] < limits[1] else {
            c.message("plln", .real(limits[1]), spec)
            return nil
        }
        return (v, limits[0], limits[1])
    }

    /// The functions to plot: the elements of a literal list, or of the list `f` evaluates to.
    static func functions(_ f: Expr, variable: Symbol, _ c: BuiltinCall) throws(EvaluationControl) -> [Expr] {
        if f.hasHead(Sym.List) { return f.args }
        let symbolic = try quietly(c.kernel) { () throws(EvaluationControl) in
            try c.kernel.withBlockedSymbol(variable) { (_: (Expr) -> Void) throws(EvaluationControl) in try c.kernel.eval(f) }
        }
        if symbolic.hasHead(Sym.List) { return symbolic.args }
        return [f]
    }

    /// `f` at `x`, with the plot variable bound to `x` by `bind` (as in Block): a real number, else
    /// NaN. Messages issued while sampling are not shown (see `quietly`).
    static func value(_ f: Expr, at x: Double, _ c: BuiltinCall, _ bind: (Expr) -> Void) throws(EvaluationControl) -> Double {
        bind(.real(x))
        var v = try c.kernel.eval(f)
        if !v.isNumber { v = try c.kernel.eval(.call(Sym.N, v)) }
        switch v {
        case .integer(let i): return Double(i)
        case .real(let d): return d.isFinite ? d : .nan
        default: return Numeric.double(v) ?? .nan
        }
    }

    /// Runs `body` with messages silenced.
    static func quietly<T>(_ kernel: Kernel, _ body: () throws(EvaluationControl) -> T) throws(EvaluationControl) -> T {
        let handler = kernel.messageHandler
        kernel.messageHandler = { _ in }
        defer { kernel.messageHandler = handler }
        return try body()
    }

    // MARK: Sampling

    /// Samples of a curve, in order of the parameter.
    struct Samples {
        var t: [Double] = []
        var p: [(Double, Double)] = []
        /// The samples of the initial equally spaced grid (for the automatic plot range).
        var grid: [(Double, Double)] = []
        /// Whether the segment after sample i was refined to the finest step.
        var finest: [Bool] = []
    }

    /// The most samples one curve gets by refinement (PlotPoints 10 000 with MaxRecursion 15 would
    /// otherwise ask for 3 × 10^8).
    static let maxSamples = 100_000

    /// Adaptive sampling of `point(t)` over [a, b]; x and y scales normalise the bend test.
    static func sample(_ a: Double, _ b: Double, points: Int, maxRecursion: Int, kernel: Kernel,
                       _ point: (Double) throws(EvaluationControl) -> (Double, Double)) throws(EvaluationControl) -> Samples {
        let n = Swift.max(points, 3)
        var s = Samples()
        for i in 0..<n {
            let t = a + (b - a) * Double(i) / Double(n - 1)
            s.t.append(t)
            let q = try point(t)
            s.p.append(q)
            s.grid.append(q)
        }
        // Scales from the grid (robust: middle 90%) so the bend test sees the curve as drawn.
        func spread(_ v: [Double]) -> Double {
            let f = v.filter { $0.isFinite }.sorted()
            guard f.count >= 2 else { return 1 }
            let lo = f[Int(Double(f.count - 1) * 0.05)], hi = f[Int(Double(f.count - 1) * 0.95)]
            return hi > lo ? hi - lo : Swift.max(abs(hi), 1)
        }
        let sx = spread(s.p.map(\.0)), sy = spread(s.p.map(\.1))
        var outT: [Double] = [s.t[0]], outP: [(Double, Double)] = [s.p[0]], finest: [Bool] = []
        func bends(_ p0: (Double, Double), _ p1: (Double, Double), _ p2: (Double, Double)) -> Bool {
            let vals = [p0.0, p0.1, p1.0, p1.1, p2.0, p2.1]
            if vals.contains(where: { !$0.isFinite }) { return !vals.allSatisfy { !$0.isFinite } }
            let ax = (p1.0 - p0.0) / sx, ay = (p1.1 - p0.1) / sy, bx = (p2.0 - p1.0) / sx, by = (p2.1 - p1.1) / sy
            let la = (ax * ax + ay * ay).squareRoot(), lb = (bx * bx + by * by).squareRoot()
            guard la > 1e-12, lb > 1e-12 else { return false }
            // Long pieces (more than a tenth of the plot) are halved too: a midpoint that happens to
            // lie on the chord hides an oscillation between the samples.
            if la + lb > 0.1 { return true }
            let cos = (ax * bx + ay * by) / (la * lb)
            return cos < 0.996  // about 5°
        }
        func refine(_ t0: Double, _ p0: (Double, Double), _ t1: Double, _ p1: (Double, Double), depth: Int) throws(EvaluationControl) {
            let tm = (t0 + t1) / 2
            let pm = try point(tm)
            if depth > 0, outT.count < maxSamples, bends(p0, pm, p1) {
                try kernel.checkAbort()
                try refine(t0, p0, tm, pm, depth: depth - 1)
                try refine(tm, pm, t1, p1, depth: depth - 1)
            } else {
                outT += [tm, t1]
                outP += [pm, p1]
                finest += [depth == 0, depth == 0]
            }
        }
        for i in 0..<(n - 1) {
            try refine(s.t[i], s.p[i], s.t[i + 1], s.p[i + 1], depth: maxRecursion)
        }
        s.t = outT
        s.p = outP
        s.finest = finest
        return s
    }

    /// The y range `PlotRange -> Automatic` shows. Outliers are judged on `values` (equally spaced
    /// samples, so refinement near a pole does not weigh in): when the full range is more than three
    /// times the 5–95% spread, the range is cut to half a spread beyond it; otherwise it is the range
    /// of `all` the samples (refinement finds the true extremes).
    static func automaticRange(_ values: [Double], all: [Double]? = nil) -> (Double, Double)? {
        let f = values.filter { $0.isFinite }.sorted()
        guard let lo = f.first, let hi = f.last else { return nil }
        let every = (all ?? values).filter { $0.isFinite }
        let full = (every.min() ?? lo, every.max() ?? hi)
        guard f.count >= 8 else { return full }
        let q05 = f[Int(Double(f.count - 1) * 0.05)], q95 = f[Int(Double(f.count - 1) * 0.95)]
        let spread = Swift.max(q95 - q05, 1e-300)
        if hi - lo <= 3 * spread { return full }
        return (Swift.max(lo, q05 - 0.5 * spread), Swift.min(hi, q95 + 0.5 * spread))
    }

    /// The sampled curve as polylines: broken at non-real samples and at jumps larger than
    /// `jump` within a finest step.
    static func polylines(_ s: Samples, jump: Double) -> [[(Double, Double)]] {
        var lines: [[(Double, Double)]] = [], current: [(Double, Double)] = []
        for (i, q) in s.p.enumerated() {
            guard q.0.isFinite, q.1.isFinite else {
                if current.count >= 2 { lines.append(current) }
                current = []
                continue
            }
            if let last = current.last, i >= 1, i - 1 < s.finest.count, s.finest[i - 1], abs(q.1 - last.1) > jump {
                if current.count >= 2 { lines.append(current) }
                current = []
            }
            current.append(q)
        }
        if current.count >= 2 { lines.append(current) }
        if lines.isEmpty, let only = s.p.first(where: { $0.0.isFinite && $0.1.isFinite }) { lines = [[only, only]] }
        return lines
    }

    static func lineExpr(_ pts: [(Double, Double)]) -> Expr {
        var flat: [Double] = []
        flat.reserveCapacity(pts.count * 2)
        for p in pts { flat += [p.0, p.1] }
        return .call(Symbol.named("Line"), PackedArray.expr(shape: [pts.count, 2], storage: .reals(flat)))
    }

    // MARK: Styles and options

    /// The style of curve `i`: `PlotStyle` (a directive, or a list cycled over the curves) on top of
    /// the default colour sequence and line thickness.
    static func style(_ i: Int, _ plotStyle: Expr?, thickness: Double = 1.6) -> Expr {
        var parts: [Expr] = [.call(Symbol.named("Opacity"), .real(1)), colors[i % colors.count].expr,
                             .call(Symbol.named("AbsoluteThickness"), .real(thickness))]
        if let ps = plotStyle, ps != .automatic {
            if ps.isList, ps.argCount > 0 {
                let item = ps.arg(i % ps.argCount)
                if item != .automatic { parts.append(item) }
            } else {
                parts.append(ps)
            }
        }
        return .call(Symbol.named("Directive"), parts)
    }

    /// Options passed through to the graphic (those the renderer reads).
    static let graphicsOptionNames: Set<String> = [
        "PlotRange", "PlotRangePadding", "Axes", "AxesOrigin", "Frame", "AxesLabel", "FrameLabel", "PlotLabel",
        "ImageSize", "AspectRatio", "Background", "GridLines", "Ticks", "FrameTicks", "PlotRangeClipping",
        "Epilog", "Prolog",
    ]

    /// `Graphics[prims, opts]` with the user's graphics options first, then the plot's defaults;
    /// wrapped in `Legended` when `PlotLegends` asks for a legend.
    static func graphics(_ prims: [Expr], userOptions: [Expr], defaults: [Expr], legend: Expr? = nil) -> Expr {
        let user = userOptions.filter { Kernel.optionName($0).map(graphicsOptionNames.contains) ?? false }
        var seen = Set<String>()
        let all = (user + defaults).filter { Kernel.optionName($0).map { seen.insert($0).inserted } ?? false }
        let g = Expr.call(GraphicsSymbols.graphics, .list(prims), .list(all))
        return legend.map { .call(GraphicsSymbols.legended, g, $0) } ?? g
    }

    static func rule(_ name: String, _ value: Expr) -> Expr { .call(Sym.Rule, .sym(name), value) }
    static func pair(_ a: Double, _ b: Double) -> Expr { .list([.real(a), .real(b)]) }
    static let goldenAspect = Expr.call(Sym.Power, .sym("GoldenRatio"), .integer(-1))
    static let scaled2 = Expr.call(Symbol.named("Scaled"), .real(0.02))

    /// `PlotLegends`: `"Expressions"` or `Automatic` (the functions), a list of labels.
    static func legend(_ spec: Expr?, functions: [Expr], styles: [Expr], points: Bool = false) -> Expr? {
        guard let spec, spec != Expr.noneSymbol else { return nil }
        var labels: [Expr]
        if spec == .automatic || spec.string == "Expressions" {
            labels = functions.map { .string($0.formatted(.outputForm)) }
        } else if spec.isList {
            labels = spec.args
        } else {
            labels = [spec]
        }
        labels = Array(labels.prefix(styles.count))
        guard !labels.isEmpty else { return nil }
        return .call(Symbol.named(points ? "PointLegend" : "LineLegend"), .list(Array(styles.prefix(labels.count))), .list(labels))
    }

    /// The final `PlotRange` of a plot: the user's when given, else x over the domain and y from
    /// `automatic`.
    static func plotRange(_ user: Expr?, x: (Double, Double), y: (Double, Double)?) -> Expr {
        let yr = y ?? (-1, 1)
        guard let user, user != .automatic else { return .list([pair(x.0, x.1), pair(yr.0, yr.1)]) }
        if user == Expr.allSymbol || user == .symbol(Symbol.named("Full")) { return .list([pair(x.0, x.1), .automatic]) }
        let spec = GraphicsOptions.range(user)
        var xs = pair(x.0, x.1), ys = pair(yr.0, yr.1)
        if case .fixed(let a, let b) = spec.x { xs = pair(a, b) }
        if case .fixed(let a, let b) = spec.y { ys = pair(a, b) }
        return .list([xs, ys])
    }

    // MARK: Plot and LogPlot

    static func plot(_ c: BuiltinCall, log: Bool) throws(EvaluationControl) -> Expr? {
        let (args, options) = try split(c)
        guard args.count == 2 else { return nil }
        guard let (v, a, b) = try domain(args[1], c) else { return nil }
        let fs = try functions(args[0], variable: v, c)
        let points = option(options, "PlotPoints").flatMap(\.int).map { Swift.min(Swift.max($0, 3), 10_000) } ?? 50
        let depth = option(options, "MaxRecursion").flatMap(\.int).map { Swift.min(Swift.max($0, 0), 15) } ?? 6
        var curves: [Samples] = []
        try c.kernel.withBlockedSymbol(v) { (bind: (Expr) -> Void) throws(EvaluationControl) in
            try quietly(c.kernel) { () throws(EvaluationControl) in
                for f in fs {
                    curves.append(try sample(a, b, points: points, maxRecursion: depth, kernel: c.kernel) { x throws(EvaluationControl) in
                        let y = try value(f, at: x, c, bind)
                        return (x, log ? (y > 0 ? log10(y) : .nan) : y)
                    })
                }
            }
        }
        let grid = curves.flatMap { $0.grid.map(\.1) }
        let yAuto = automaticRange(grid, all: curves.flatMap { $0.p.map(\.1) })
        let height = yAuto.map { $0.1 - $0.0 } ?? 2
        let plotStyle = option(options, "PlotStyle")
        var prims: [Expr] = [], styles: [Expr] = []
        for (i, s) in curves.enumerated() {
            let st = style(i, plotStyle)
            styles.append(st)
            // `Exclusions -> None` joins the curve across jumps.
            let jump = option(options, "Exclusions") == Expr.noneSymbol ? Double.infinity : Swift.max(height, 1e-300)
            let lines = polylines(s, jump: jump)
            if let base = fillingBase(option(options, "Filling"), yAuto) {
                prims.append(.list([colors[i % colors.count].expr, .call(Symbol.named("Opacity"), .real(0.2))]
                                   + lines.map { fillPolygon($0, base: base) }))
            }
            prims.append(.list([st] + lines.map(lineExpr)))
        }
        // An explicit y range from the user gets no padding.
        let userY = option(options, "PlotRange").map { GraphicsOptions.range($0).y } ?? .automatic
        let yPadding: Expr = userY == .automatic ? scaled2 : Expr.noneSymbol
        var defaults: [Expr] = [
            rule("AspectRatio", goldenAspect), rule("Axes", .list([.true, .true])),
            rule("PlotRange", plotRange(option(options, "PlotRange"), x: (a, b), y: yAuto)),
            rule("PlotRangeClipping", .true),
            rule("PlotRangePadding", .list([.list([Expr.noneSymbol, Expr.noneSymbol]), .list([yPadding, yPadding])])),
        ]
        if log { defaults.append(rule("Ticks", .list([.automatic, logTicks(yAuto ?? (0, 1))]))) }
        if log { defaults.append(rule("FrameTicks", .list([.automatic, logTicks(yAuto ?? (0, 1))]))) }
        return graphics(prims, userOptions: options, defaults: defaults, legend: legend(option(options, "PlotLegends"), functions: fs, styles: styles))
    }

    /// `Filling`: `Axis` (to 0), `Bottom`, `Top` (of the automatic range) or a height; nil for none.
    static func fillingBase(_ spec: Expr?, _ range: (Double, Double)?) -> Double? {
        guard let spec else { return nil }
        switch spec.symbol?.name {
        case "Axis": return 0
        case "Bottom": return range?.0 ?? 0
        case "Top": return range?.1 ?? 0
        default: return Numeric.double(spec)
        }
    }

    /// The region between a polyline and the horizontal line at `base`.
    static func fillPolygon(_ pts: [(Double, Double)], base: Double) -> Expr {
        guard let first = pts.first, let last = pts.last else { return .call(Symbol.named("Polygon"), .emptyList) }
        var flat: [Double] = []
        for p in pts { flat += [p.0, p.1] }
        flat += [last.0, base, first.0, base]
        return .call(Symbol.named("Polygon"), PackedArray.expr(shape: [pts.count + 2, 2], storage: .reals(flat)))
    }

    /// Ticks for a log axis whose coordinates are log10 values: labelled powers of ten (and 2, 5
    /// times them when the range spans few decades).
    static func logTicks(_ range: (Double, Double)) -> Expr {
        let lo = Int(range.0.rounded(.down)) - 1, hi = Int(range.1.rounded(.up)) + 1
        guard hi - lo < 400 else { return .automatic }
        let span = range.1 - range.0
        let step = Swift.max(1, Int((span / 6).rounded(.up)))
        var ticks: [Expr] = []
        for e in stride(from: lo, through: hi, by: 1) {
            let labelled = ((e - lo) % step + step) % step == 0
            ticks.append(.list([.real(Double(e)), .string(labelled ? powerLabel(e) : "")]))
            // Within a few decades: 2 and 5 labelled (short spans) and the other digits as minor ticks.
            if span <= 4 {
                for m in 2...9 {
                    let label = span <= 2.5 && (m == 2 || m == 5) ? Ticks.fixed(Double(m) * Ticks.pow10(e), decimals: Swift.max(0, -e)) : ""
                    ticks.append(.list([.real(Double(e) + log10(Double(m))), .string(label)]))
                }
            }
        }
        return .list(ticks)
    }

    static func powerLabel(_ e: Int) -> String {
        if (-3...4).contains(e) { return Ticks.fixed(Ticks.pow10(e), decimals: Swift.max(0, -e)) }
        return "10" + Ticks.superscript(e)
    }

    // MARK: ParametricPlot

    static func parametricPlot(_ c: BuiltinCall) throws(EvaluationControl) -> Expr? {
        let (args, options) = try split(c)
        guard args.count == 2 else { return nil }
        guard let (v, a, b) = try domain(args[1], c) else { return nil }
        var pairs: [Expr] = []
        let f = args[0]
        if f.hasHead(Sym.List), f.argCount == 2, !f.arg(0).hasHead(Sym.List) { pairs = [f] }
        else if f.hasHead(Sym.List), f.args.allSatisfy({ $0.hasHead(Sym.List) && $0.argCount == 2 }) { pairs = f.args }
        else {
            let symbolic = try c.kernel.withBlockedSymbol(v) { (_: (Expr) -> Void) throws(EvaluationControl) in try c.kernel.eval(f) }
            if symbolic.hasHead(Sym.List), symbolic.argCount == 2, !symbolic.arg(0).hasHead(Sym.List) { pairs = [symbolic] }
            else if symbolic.hasHead(Sym.List), symbolic.args.allSatisfy({ $0.hasHead(Sym.List) && $0.argCount == 2 }) { pairs = symbolic.args }
            else { return nil }
        }
        let points = option(options, "PlotPoints").flatMap(\.int).map { Swift.min(Swift.max($0, 3), 10_000) } ?? 100
        var curves: [Samples] = []
        try c.kernel.withBlockedSymbol(v) { (bind: (Expr) -> Void) throws(EvaluationControl) in
            try quietly(c.kernel) { () throws(EvaluationControl) in
                for p in pairs {
                    curves.append(try sample(a, b, points: points, maxRecursion: 5, kernel: c.kernel) { t throws(EvaluationControl) in
                        (try value(p.arg(0), at: t, c, bind), try value(p.arg(1), at: t, c, bind))
                    })
                }
            }
        }
        let plotStyle = option(options, "PlotStyle")
        var prims: [Expr] = [], styles: [Expr] = []
        for (i, s) in curves.enumerated() {
            let st = style(i, plotStyle)
            styles.append(st)
            prims.append(.list([st] + polylines(s, jump: .infinity).map(lineExpr)))
        }
        let defaults: [Expr] = [rule("Axes", .list([.true, .true])), rule("Frame", .true), rule("AspectRatio", .automatic),
                                rule("PlotRangePadding", scaled2)]
        return graphics(prims, userOptions: options, defaults: defaults, legend: legend(option(options, "PlotLegends"), functions: pairs, styles: styles))
    }
}
