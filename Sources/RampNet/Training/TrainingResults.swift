import RampKernel
import RampSyntax
#if canImport(Glibc)
import Glibc
#endif

/// Everything one NetTrain run measured: the source of every results property.
struct TrainingRecord: Sendable {
    var trainedNet: any NetLayer
    var finalNet: any NetLayer
    var roundLosses: [Double] = []
    var batchLosses: [Double] = []
    var validationLosses: [Double] = []
    /// Per round, for classification losses: the fraction of training (validation) examples
    /// predicted wrong by the round's final weights.
    var roundErrorRates: [Double] = []
    var validationErrorRates: [Double] = []
    var bestValidationRound: Int? = nil
    var totalTime: Double = 0
    var rounds = 0
    var batches = 0
    var batchSize = 0
    var batchesPerRound = 0
    var trainingExamples = 0
    var validationExamples = 0
    var method: OptimizerSettings
    var initialLearningRate: Double = 0
    var finalLearningRate: Double = 0
    var reason = "MaxTrainingRoundsReached"
    var multipliers: [(path: [Expr], value: Double)] = []
    var loss: TrainingLoss = .meanSquared

    var examplesProcessed: Int { batches * batchSize }
}

/// `NetTrainResultsObject[…]`: what `NetTrain[net, data, All]` returns; `results["prop"]` gives
/// a property (wolfram-nn.md §4.4).
final class NetTrainResultsObject: ApplicableObject {
    let record: TrainingRecord
    init(_ record: TrainingRecord) { self.record = record }

    static let head = Symbol.named("NetTrainResultsObject")
    var head: Symbol { Self.head }
    var inputForm: Expr { .call(head, [property("TrainedNet") ?? .null]) }
    var summary: String {
        let loss = record.roundLosses.last.map { formatNumber($0) } ?? "-"
        return "NetTrainResultsObject[<< rounds: \(record.rounds), batches: \(record.batches), final round loss: \(loss), time: \(formatNumber(record.totalTime)) s >>]"
    }
    func isSame(as other: any NativeObject) -> Bool { other === self }
    func hash(into h: inout Hasher) { h.combine(ObjectIdentifier(self)) }

    /// Renamed properties (v12) and the names they now have.
    static let aliases: [String: String] = [
        "EvolutionPlots": "FinalPlots", "FinalRoundLoss": "RoundLoss", "FinalValidationLoss": "ValidationLoss",
        "LossEvolutionPlot": "LossPlot", "MeanInputsPerSecond": "MeanExamplesPerSecond",
        "ErrorRateEvolutionPlot": "ErrorRatePlot", "FinalRoundErrorRate": "RoundErrorRate",
        "FinalValidationErrorRate": "ValidationErrorRate",
        "TotalInputs": "ExamplesProcessed", "FinalNet": "TrainedNet",
    ]

    /// The properties this object has, in order.
    static let properties = [
        "ArraysLearningRateMultipliers", "BatchesPerRound", "BatchLossList", "BatchSize", "BestValidationRound",
        "ErrorRatePlot", "ExamplesProcessed", "FinalLearningRate", "FinalPlots", "InitialLearningRate", "LossPlot",
        "MeanBatchesPerSecond", "MeanExamplesPerSecond", "OptimizationMethod", "ReasonTrainingStopped",
        "RoundErrorRate", "RoundErrorRateList", "RoundLoss", "RoundLossList", "RoundPositions", "TargetDevice",
        "TotalBatches", "TotalRounds", "TotalTrainingTime", "TrainedNet", "TrainingExamples", "TrainingNet",
        "ValidationErrorRate", "ValidationErrorRateList", "ValidationExamples", "ValidationLoss", "ValidationLossList",
    ]

    func property(_ name: String) -> Expr? {
        let r = record
        let name = Self.aliases[name] ?? name
        func reals(_ a: [Double]) -> Expr { PackedArray.expr(shape: [a.count], storage: .reals(a)) }
        switch name {
        case "TrainedNet": return .native(r.trainedNet)
        case "TrainingNet": return .native(r.finalNet)
        case "RoundLossList": return reals(r.roundLosses)
        case "BatchLossList": return reals(r.batchLosses)
        case "RoundLoss": return r.roundLosses.last.map(Expr.real) ?? .symbol(Sym.None)
        case "ValidationLoss":
            guard let best = r.bestValidationRound, best >= 1, best <= r.validationLosses.count else { return .symbol(Sym.None) }
            return .real(r.validationLosses[best - 1])
        case "ValidationLossList": return r.validationExamples > 0 ? reals(r.validationLosses) : .symbol(Sym.None)
        case "BestValidationRound": return r.bestValidationRound.map { .integer($0) } ?? .symbol(Sym.None)
        case "RoundPositions":
            return .list((1...Swift.max(r.rounds, 1)).prefix(r.rounds).map { .integer($0 * r.batchesPerRound) })
        case "TotalTrainingTime": return .real(r.totalTime)
        case "MeanExamplesPerSecond": return .real(r.totalTime > 0 ? Double(r.examplesProcessed) / r.totalTime : 0)
        case "MeanBatchesPerSecond": return .real(r.totalTime > 0 ? Double(r.batches) / r.totalTime : 0)
        case "TotalRounds": return .integer(r.rounds)
        case "TotalBatches": return .integer(r.batches)
        case "BatchSize": return .integer(r.batchSize)
        case "BatchesPerRound": return .integer(r.batchesPerRound)
        case "TrainingExamples": return .integer(r.trainingExamples)
        case "ValidationExamples": return r.validationExamples > 0 ? .integer(r.validationExamples) : .symbol(Sym.None)
        case "ExamplesProcessed": return .integer(r.examplesProcessed)
        case "OptimizationMethod": return .string(r.method.kind.rawValue)
        case "InitialLearningRate": return .real(r.initialLearningRate)
        case "FinalLearningRate": return .real(r.finalLearningRate)
        case "ReasonTrainingStopped": return .string(r.reason)
        case "TargetDevice": return "CPU"
        case "ArraysLearningRateMultipliers":
            return association(r.multipliers.map { (.list($0.path), .real($0.value)) })
        case "LossPlot":
            return .native(LossPlotObject(rounds: r.roundLosses, validation: r.validationExamples > 0 ? r.validationLosses : []))
        case "FinalPlots":
            var plots: [(Expr, Expr)] = [("Loss", property("LossPlot")!)]
            if !r.roundErrorRates.isEmpty { plots.append(("ErrorRate", property("ErrorRatePlot")!)) }
            return association(plots)
        // Error rates exist for classification losses (CrossEntropyLossLayer); None otherwise.
        case "RoundErrorRate": return r.roundErrorRates.last.map(Expr.real) ?? .symbol(Sym.None)
        case "RoundErrorRateList": return r.roundErrorRates.isEmpty ? .symbol(Sym.None) : reals(r.roundErrorRates)
        case "ValidationErrorRate":
            guard let best = r.bestValidationRound, best >= 1, best <= r.validationErrorRates.count else { return .symbol(Sym.None) }
            return .real(r.validationErrorRates[best - 1])
        case "ValidationErrorRateList": return r.validationErrorRates.isEmpty ? .symbol(Sym.None) : reals(r.validationErrorRates)
        case "ErrorRatePlot":
            guard !r.roundErrorRates.isEmpty else { return .symbol(Sym.None) }
            return .native(LossPlotObject(rounds: r.roundErrorRates, validation: r.validationErrorRates, quantity: .errorRate))
        case "Properties": return .list(Self.properties.map { .string($0) })
        default: return nil
        }
    }

    func apply(_ args: [Expr], kernel: Kernel) throws(EvaluationControl) -> Expr? {
        guard args.count == 1 else { return nil }
        if let s = args[0].string, let v = property(s) { return v }
        if args[0].hasHead(Sym.List) {
            var out: [Expr] = []
            for p in args[0].args {
                guard let s = p.string, let v = property(s) else {
                    kernel.message(NetTrainBuiltin.symbol, "invntrspec", [p])
                    return .failed
                }
                out.append(v)
            }
            return .list(out)
        }
        kernel.message(NetTrainBuiltin.symbol, "invntrspec", [args[0]])
        return .failed
    }
}

/// A number printed compactly: 0.0123, 1.5e-05.
/// A rate (examples per second) in a few characters, without exponents: `950`, `12.3k`, `4.56M`.
func formatRate(_ x: Double) -> String {
    guard x.isFinite, x >= 0 else { return "-" }
    let units: [(Double, String)] = [(1e9, "G"), (1e6, "M"), (1e3, "k")]
    for (scale, suffix) in units where x >= scale {
        let v = x / scale
        let digits = v >= 100 ? 0 : (v >= 10 ? 1 : 2)
        var p = 1.0
        for _ in 0..<digits { p *= 10 }
        let r = (v * p).rounded() / p
        return (digits == 0 && r < 1e15 ? String(Int(r)) : formatNumber(r)) + suffix
    }
    return String(Int(x.rounded()))
}

func formatNumber(_ x: Double) -> String {
    guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "Infinity" : "-Infinity") }
    if x == 0 { return "0" }
    let a = abs(x)
    if a >= 1e-3 && a < 1e6 {
        let digits = a >= 100 ? 1 : (a >= 1 ? 3 : 4 + Int((-log10(a)).rounded(.down)))
        var s = String(Int((a * pow(10, Double(digits))).rounded()))
        while s.count <= digits { s = "0" + s }
        var r = String(s.dropLast(digits)) + "." + String(s.suffix(digits))
        while r.hasSuffix("0") { r.removeLast() }
        if r.hasSuffix(".") { r.removeLast() }
        return (x < 0 ? "-" : "") + r
    }
    let e = Int(log10(a).rounded(.down))
    let m = x / pow(10, Double(e))
    return formatNumber(m) + "e" + (e < 0 ? "-" : "+") + (abs(e) < 10 ? "0" : "") + String(abs(e))
}

/// The loss evolution (or the error rate's): a text chart when printed (the terminal), a picture
/// for renderers: its `graphics(kernel:)` is the `ListLogPlot` of the losses (`ListLinePlot` of the
/// error rates), drawn by `Export["f.png", plot]`, the Jupyter kernel, …; `svg` is the stand-alone
/// picture used when no graphics module is installed.
final class LossPlotObject: NativeObject, SVGExportable, GraphicsConvertible {
    /// What is plotted: losses (log scale) or error rates (linear, from 0).
    enum Quantity: Sendable { case loss, errorRate }
    let rounds: [Double]
    let validation: [Double]
    let quantity: Quantity
    init(rounds: [Double], validation: [Double], quantity: Quantity = .loss) {
        self.rounds = rounds; self.validation = validation; self.quantity = quantity
    }

    static let head = Symbol.named("Graphics")
    var head: Symbol { Self.head }
    var plotHead: Symbol { Symbol.named(quantity == .loss ? "ListLogPlot" : "ListLinePlot") }
    var label: String { quantity == .loss ? "loss" : "error rate" }
    /// (A run stopped before its first batch ended has no rounds: `ListLogPlot[{}]`.)
    var inputForm: Expr { .call(plotHead, PackedArray.expr(shape: [rounds.count], storage: .reals(rounds))) }
    func isSame(as other: any NativeObject) -> Bool {
        (other as? LossPlotObject).map { $0.rounds == rounds && $0.validation == validation && $0.quantity == quantity } ?? false
    }
    func hash(into h: inout Hasher) { h.combine(rounds.count) }

    /// The plot of the training values (and the validation values) against the round, joined,
    /// framed and labelled, as Wolfram's `"LossPlot"` and `"ErrorRatePlot"` show them.
    func graphics(kernel: Kernel) -> Expr {
        func series(_ s: [Double]) -> Expr {
            var flat: [Double] = []
            for (i, v) in s.enumerated() { flat += [Double(i + 1), v] }
            return PackedArray.expr(shape: [s.count, 2], storage: .reals(flat))
        }
        let data: [Expr] = validation.isEmpty ? [series(rounds)] : [series(rounds), series(validation)]
        var options: [Expr] = [
            .call(Sym.Rule, .sym("Joined"), .true), .call(Sym.Rule, .sym("Frame"), .true),
            .call(Sym.Rule, .sym("Axes"), .false), .call(Sym.Rule, .sym("GridLines"), .automatic),
            .call(Sym.Rule, .sym("FrameLabel"), .list([.string("training rounds"), .string(label)])),
        ]
        if quantity == .errorRate {
            options.append(.call(Sym.Rule, .sym("PlotRange"), .list([.automatic, .list([0, .automatic])])))
        }
        if !validation.isEmpty {
            options.append(.call(Sym.Rule, .sym("PlotLegends"), .list([.string("training"), .string("validation")])))
        }
        return kernel.evaluate(.call(plotHead, [.list(data)] + options))
    }

    /// The scale of the charts: log10 of a loss, an error rate as it is; nil for what cannot be drawn.
    func scaled(_ v: Double) -> Double? {
        guard v.isFinite else { return nil }
        if quantity == .errorRate { return v }
        return v > 0 ? log10(v) : nil
    }

    /// Text chart: 12 rows, up to 60 columns, "*" training, "o" validation.
    var summary: String {
        let series = [rounds, validation].filter { !$0.isEmpty }
        let values = series.flatMap { $0 }.compactMap(scaled)
        guard let llo = values.min(), let top = values.max(), !rounds.isEmpty else { return "\(quantity == .loss ? "LossPlot" : "ErrorRatePlot")[<no rounds>]" }
        let width = Swift.min(60, rounds.count), height = 12
        let lhi = Swift.max(top, llo + 1e-9)
        var grid = Array(repeating: Array(repeating: Character(" "), count: width), count: height)
        for (mark, s) in zip(["*", "o"] as [Character], [rounds, validation]) where !s.isEmpty {
            for c in 0..<width {
                let idx = s.count == 1 ? 0 : c * (s.count - 1) / Swift.max(width - 1, 1)
                guard let v = scaled(s[idx]) else { continue }
                let row = Int(((lhi - v) / (lhi - llo) * Double(height - 1)).rounded())
                grid[Swift.min(Swift.max(row, 0), height - 1)][c] = mark
            }
        }
        func shown(_ v: Double) -> String { formatNumber(quantity == .loss ? pow(10, v) : v) }
        let topLabel = shown(top), bottomLabel = shown(llo)
        let pad = Swift.max(topLabel.count, bottomLabel.count)
        var lines: [String] = [label + (quantity == .loss ? " (log scale)" : "") + (validation.isEmpty ? "" : "   * training  o validation")]
        for (i, row) in grid.enumerated() {
            let text = i == 0 ? topLabel : (i == height - 1 ? bottomLabel : "")
            lines.append(String(repeating: " ", count: pad - text.count) + text + " |" + String(row))
        }
        lines.append(String(repeating: " ", count: pad) + " +" + String(repeating: "-", count: width))
        lines.append(String(repeating: " ", count: pad) + "  round 1" + String(repeating: " ", count: Swift.max(1, width - 8 - String(rounds.count).count)) + String(rounds.count))
        return lines.joined(separator: "\n")
    }

    /// An SVG line chart of the losses on a log scale (error rates on a linear one).
    var svg: String {
        let w = 480.0, h = 300.0, left = 60.0, right = 10.0, top = 20.0, bottom = 30.0
        let values = (rounds + validation).compactMap(scaled)
        let lo = values.min() ?? 0, hi = Swift.max(values.max() ?? 0, lo + 1e-9)
        func path(_ s: [Double]) -> String {
            var pts: [String] = []
            for (i, raw) in s.enumerated() {
                guard let v = scaled(raw) else { continue }
                let x = left + (s.count == 1 ? 0 : Double(i) / Double(s.count - 1)) * (w - left - right)
                let y = top + (hi - v) / (hi - lo) * (h - top - bottom)
                pts.append(formatNumber((x * 10).rounded() / 10) + "," + formatNumber((y * 10).rounded() / 10))
            }
            return pts.joined(separator: " ")
        }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(w))\" height=\"\(Int(h))\" viewBox=\"0 0 \(Int(w)) \(Int(h))\">\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        out += "<line x1=\"\(left)\" y1=\"\(h - bottom)\" x2=\"\(w - right)\" y2=\"\(h - bottom)\" stroke=\"black\"/>\n"
        out += "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(h - bottom)\" stroke=\"black\"/>\n"
        out += "<text x=\"\(left - 4)\" y=\"\(top + 4)\" font-size=\"10\" text-anchor=\"end\">\(formatNumber(quantity == .loss ? pow(10, hi) : hi))</text>\n"
        out += "<text x=\"\(left - 4)\" y=\"\(h - bottom)\" font-size=\"10\" text-anchor=\"end\">\(formatNumber(quantity == .loss ? pow(10, lo) : lo))</text>\n"
        out += "<text x=\"\((w + left) / 2)\" y=\"\(h - 8)\" font-size=\"11\" text-anchor=\"middle\">training rounds (\(rounds.count))</text>\n"
        out += "<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"1.5\" points=\"\(path(rounds))\"/>\n"
        if !validation.isEmpty {
            out += "<polyline fill=\"none\" stroke=\"#ff7f0e\" stroke-width=\"1.5\" points=\"\(path(validation))\"/>\n"
        }
        out += "</svg>\n"
        return out
    }
}

/// Writes text to a file with the C library (no Foundation); false on failure.
func writeTextFile(_ path: String, _ text: String, append: Bool = false) -> Bool {
    #if canImport(Glibc)
    guard let f = fopen(path, append ? "a" : "w") else { return false }
    defer { fclose(f) }
    let bytes = Array(text.utf8)
    return bytes.isEmpty || fwrite(bytes, 1, bytes.count, f) == bytes.count
    #else
    return false
    #endif
}
