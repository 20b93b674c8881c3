import RampKernel
import RampSyntax
#if canImport(Glibc)
import Glibc
#endif

/// Plots of data: `ListPlot`, `ListLinePlot`, `Histogram`, `BarChart`.
enum Charts {
    /// The face colour of Wolfram's histogram and bar chart bars, and their edge.
    static let barFace = RGBA(r: 0.987148, g: 0.8073604, b: 0.49470553)
    static let barEdge: Expr = .call(Symbol.named("EdgeForm"), .list([.call(Symbol.named("Opacity"), .real(0.63)), .call(Symbol.named("GrayLevel"), .real(0.3)), .call(Symbol.named("AbsoluteThickness"), .real(0.6))]))

    static func install(_ k: Kernel) {
        for head in ["ListPlot", "ListLinePlot", "ListLogPlot"] {
            k.setMessage(head, "lpn", "`1` is not a list of numbers or pairs of numbers.")
        }
        for head in ["Histogram", "BarChart"] {
            k.setMessage(head, "ldata", "`1` is not a valid dataset or list of datasets.")
        }
        k.define("ListPlot", usage: "ListPlot[{y1, y2, …}] plots points {1, y1}, {2, y2}, ….\nListPlot[{{x1, y1}, {x2, y2}, …}] plots points {x1, y1}, {x2, y2}, ….\nListPlot[{list1, list2, …}] plots several lists of points.") { c throws(EvaluationControl) in
            listPlot(c, joined: false)
        }
        k.define("ListLogPlot", usage: "ListLogPlot[{y1, y2, …}] makes a log plot of the yi, assumed to correspond to x coordinates 1, 2, ….\nListLogPlot[{{x1, y1}, {x2, y2}, …}] makes a log plot of the specified list of x and y values.") { c throws(EvaluationControl) in
            listPlot(c, joined: false, log: true)
        }
        k.define("ListLinePlot", usage: "ListLinePlot[{y1, y2, …}] plots a line through the points {1, y1}, {2, y2}, ….\nListLinePlot[{{x1, y1}, {x2, y2}, …}] plots a line through the points {xi, yi}.") { c throws(EvaluationControl) in
            listPlot(c, joined: true)
        }
        k.define("Histogram", usage: "Histogram[{x1, x2, …}] plots a histogram of the values xi.\nHistogram[data, bspec] uses bins specified by bspec: a width dx, {dx} or {xmin, xmax, dx}.") { c throws(EvaluationControl) in
            histogram(c)
        }
        k.define("BarChart", usage: "BarChart[{y1, y2, …}] makes a bar chart with bar lengths y1, y2, ….") { c throws(EvaluationControl) in
            barChart(c)
        }
    }

    /// Positional arguments and options of an evaluated call.
    static func split(_ c: BuiltinCall) -> (args: [Expr], options: [Expr]) {
        var args = c.args, options: [Expr] = []
        while let last = args.last, Kernel.optionName(last) != nil {
            options.insert(last, at: 0)
            args.removeLast()
        }
        return (args, options)
    }

    /// The data series: `{y…}`, `{{x, y}…}`, or a list of such lists. Non-numeric values are left
    /// out (Wolfram leaves a gap); nil when `e` is not a list.
    static func series(_ e: Expr) -> [[(Double, Double)]]? {
        guard e.isList else { return nil }
        let items = e.args
        if items.isEmpty { return [] }
        func isPair(_ x: Expr) -> Bool { x.isList && x.argCount == 2 && !x.arg(0).isList && !x.arg(1).isList }
        if items.allSatisfy({ !$0.isList }) {
            return [items.enumerated().compactMap { i, y in Numeric.double(y).map { (Double(i + 1), $0) } }]
        }
        if items.allSatisfy(isPair) {
            return [items.compactMap { p in Numeric.point(p).map { ($0.x, $0.y) } }]
        }
        if items.allSatisfy({ $0.isList }) {
            var out: [[(Double, Double)]] = []
            for s in items { if let one = series(s), one.count == 1 { out.append(one[0]) } else { out.append([]) } }
            return out
        }
        return nil
    }

    static func pointsExpr(_ pts: [(Double, Double)]) -> Expr {
        var flat: [Double] = []
        for p in pts { flat += [p.0, p.1] }
        return PackedArray.expr(shape: [pts.count, 2], storage: .reals(flat))
    }

    static func listPlot(_ c: BuiltinCall, joined joinedDefault: Bool, log: Bool = false) -> Expr? {
        let (args, options) = split(c)
        guard args.count == 1 else { return nil }
        guard var data = series(args[0]) else { c.message("lpn", args[0]); return nil }
        if log { data = data.map { $0.compactMap { p in p.1 > 0 ? (p.0, log10(p.1)) : nil } } }
        let joined = joinedDefault || Plots.option(options, "Joined") == .true
        let plotStyle = Plots.option(options, "PlotStyle")
        var prims: [Expr] = [], styles: [Expr] = []
        var ys: [Double] = [], xs: [Double] = []
        for (i, s) in data.enumerated() {
            var st = Plots.style(i, plotStyle)
            if !joined { st = .call(Symbol.named("Directive"), [.call(Symbol.named("PointSize"), .real(0.012833333333333334))] + st.args) }
            styles.append(st)
            xs += s.map(\.0); ys += s.map(\.1)
            guard !s.isEmpty else { prims.append(.list([st])); continue }
            prims.append(.list([st, joined ? .call(Symbol.named("Line"), pointsExpr(s)) : .call(Symbol.named("Point"), pointsExpr(s))]))
        }
        let x = (xs.min() ?? 0, xs.max() ?? 1)
        let y = Plots.automaticRange(ys)
        var defaults: [Expr] = [
            Plots.rule("AspectRatio", Plots.goldenAspect), Plots.rule("Axes", .list([.true, .true])),
            Plots.rule("PlotRange", Plots.plotRange(Plots.option(options, "PlotRange"), x: x.0 < x.1 ? x : (x.0 - 1, x.1 + 1), y: y.map { $0.0 < $0.1 ? $0 : ($0.0 - 1, $0.1 + 1) })),
            Plots.rule("PlotRangeClipping", .true),
            Plots.rule("PlotRangePadding", .list([.list([Plots.scaled2, Plots.scaled2]), .list([Plots.scaled2, Plots.scaled2])])),
        ]
        if log {
            let ticks = Plots.logTicks(y ?? (0, 1))
            defaults += [Plots.rule("Ticks", .list([.automatic, ticks])), Plots.rule("FrameTicks", .list([.automatic, ticks]))]
        }
        let labels = (1...Swift.max(data.count, 1)).map { Expr.string("data \($0)") }
        return Plots.graphics(prims, userOptions: options, defaults: defaults,
                              legend: Plots.legend(Plots.option(options, "PlotLegends"), functions: labels, styles: styles, points: !joined))
    }

    // MARK: Histogram

    /// Wolfram-like automatic bin width: Freedman–Diaconis (2 IQR / n^(1/3)), or Sturges' rule when
    /// the spread is zero, rounded to 1, 2 or 5 times a power of ten.
    static func binWidth(_ values: [Double]) -> Double {
        let v = values.sorted()
        guard let lo = v.first, let hi = v.last else { return 1 }
        let n = Double(v.count)
        let iqr = v[Int(Double(v.count - 1) * 0.75)] - v[Int(Double(v.count - 1) * 0.25)]
        var w = iqr > 0 ? 2 * iqr / cbrt(n) : (hi - lo) / (log2(n) + 1)
        if !(w > 0) { w = Swift.max(abs(lo), 1) / 10 }
        return Ticks.niceStep(w, target: 1)
    }

    static func histogram(_ c: BuiltinCall) -> Expr? {
        let (args, options) = split(c)
        guard args.count == 1 || args.count == 2, args[0].isList else {
            if let first = args.first { c.message("ldata", first) }
            return nil
        }
        let values = args[0].args.compactMap(Numeric.double)
        guard !values.isEmpty else { c.message("ldata", args[0]); return nil }
        var width = binWidth(values)
        var start: Double? = nil, end: Double? = nil
        if args.count == 2 {
            let b = args[1]
            if let w = Numeric.double(b), w > 0 { width = w }
            else if b.isList, b.argCount == 1, let w = Numeric.double(b.arg(0)), w > 0 { width = w }
            else if b.isList, b.argCount == 3, let a = Numeric.double(b.arg(0)), let e = Numeric.double(b.arg(1)), let w = Numeric.double(b.arg(2)), w > 0, a < e {
                start = a; end = e; width = w
            }
            else if b.string == "Automatic" || b == .automatic {}
            else { return nil }
        }
        let lo = start ?? (values.min()! / width).rounded(.down) * width
        var hi = end ?? ((values.max()! / width).rounded(.down) + 1) * width
        // At most 10 000 bins (and none from ranges that overflow a machine real).
        guard lo.isFinite, hi.isFinite, (hi - lo).isFinite, width.isFinite else { c.message("ldata", args[0]); return nil }
        let bins = ((hi - lo) / width).rounded()
        var count = bins.isFinite && bins < 10_000 ? Int(bins) : 10_000
        if count == 10_000 { width = (hi - lo) / 10_000 }
        count = Swift.max(count, 1)
        hi = lo + Double(count) * width
        var counts = [Int](repeating: 0, count: count)
        for v in values where v >= lo && v < hi {
            counts[Swift.min(Int((v - lo) / width), count - 1)] += 1
        }
        var bars: [Expr] = [Charts.barFace.expr, barEdge]
        for (i, n) in counts.enumerated() where n > 0 {
            let a = lo + Double(i) * width
            bars.append(.call(Symbol.named("Rectangle"), Plots.pair(a, 0), Plots.pair(a + width, Double(n))))
        }
        let top = Double(counts.max() ?? 1)
        let defaults: [Expr] = [
            Plots.rule("AspectRatio", Plots.goldenAspect), Plots.rule("Axes", .list([.true, .true])),
            Plots.rule("PlotRange", .list([Plots.pair(lo, hi), Plots.pair(0, Swift.max(top, 1))])),
            Plots.rule("AxesOrigin", Plots.pair(lo - 0.02 * (hi - lo), 0)),
            Plots.rule("PlotRangePadding", .list([.list([Plots.scaled2, Plots.scaled2]), .list([Expr.noneSymbol, Plots.scaled2])])),
        ]
        return Plots.graphics([.list(bars)], userOptions: options, defaults: defaults)
    }

    // MARK: BarChart

    static func barChart(_ c: BuiltinCall) -> Expr? {
        let (args, options) = split(c)
        guard args.count == 1, args[0].isList else {
            if let first = args.first { c.message("ldata", first) }
            return nil
        }
        let values = args[0].args.map { Numeric.double($0) }
        guard values.contains(where: { $0 != nil }) else { c.message("ldata", args[0]); return nil }
        var bars: [Expr] = [Charts.barFace.expr, barEdge]
        for (i, v) in values.enumerated() {
            guard let v else { continue }
            let x = Double(i + 1)
            bars.append(.call(Symbol.named("Rectangle"), Plots.pair(x - 0.4, 0), Plots.pair(x + 0.4, v)))
        }
        let finite = values.compactMap { $0 }
        let lo = Swift.min(0, finite.min() ?? 0), hi = Swift.max(0, finite.max() ?? 1)
        var ticks: Expr = Expr.noneSymbol
        if let labels = Plots.option(options, "ChartLabels"), labels.isList {
            ticks = .list(labels.args.enumerated().map { .list([.integer($0.offset + 1), $0.element]) })
        }
        let defaults: [Expr] = [
            Plots.rule("AspectRatio", Plots.goldenAspect), Plots.rule("Axes", .list([.true, .true])),
            Plots.rule("Ticks", .list([ticks, .automatic])),
            Plots.rule("AxesOrigin", Plots.pair(0.4, 0)),
            Plots.rule("PlotRange", .list([Plots.pair(0.4, Double(values.count) + 0.6), Plots.pair(lo, hi > lo ? hi : lo + 1)])),
            Plots.rule("PlotRangePadding", .list([.list([Expr.noneSymbol, Expr.noneSymbol]), .list([lo < 0 ? Plots.scaled2 : Expr.noneSymbol, Plots.scaled2])])),
        ]
        return Plots.graphics([.list(bars)], userOptions: options, defaults: defaults)
    }
}
