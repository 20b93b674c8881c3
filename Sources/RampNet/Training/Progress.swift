import RampKernel
import RampSyntax
#if canImport(Glibc)
import Glibc
#endif

/// Seconds on the monotonic clock.
func monotonicSeconds() -> Double {
    #if canImport(Glibc)
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    #else
    let d = ContinuousClock.now - ContinuousClock.Instant.init(from: 0)
    return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    #endif
}

/// `TrainingProgressReporting`: `None`, `"Print"` (the table of wolfram-nn.md §4.2, through the
/// kernel's print handler), `"ProgressIndicator"` (a live one-line bar on a terminal's stderr),
/// or `File["log.csv"]` (one CSV row per round).
struct ProgressReporter {
    enum Mode: Equatable { case none, print, bar, file(String) }
    let mode: Mode
    let kernel: Kernel
    var lastRow = -1e9
    var rowsPrinted = 0
    /// Where the bar goes (standard error; tests capture it).
    var writeBar: (String) -> Void = { writeStandardError($0) }
    /// Columns of the terminal the bar is drawn on; the line is cut to fit so `\r` redraws it.
    var columns: Int = terminalColumns()

    init(mode: Mode, kernel: Kernel) { self.mode = mode; self.kernel = kernel }

    /// Which of standard output and standard error are terminals.
    struct Terminals { var output: Bool; var error: Bool }
    static var terminals: Terminals { Terminals(output: isatty(1) != 0, error: isatty(2) != 0) }

    /// Reads the option value; nil for an invalid one. Automatic is the bar when both standard
    /// output and standard error are terminals, else "Print"; "ProgressIndicator" (and "Panel")
    /// is the bar when standard error is a terminal.
    static func mode(_ e: Expr, terminals t: Terminals = terminals) -> Mode? {
        switch e {
        case .symbol(let s) where s === Sym.None: return Mode.none
        case .symbol(let s) where s === Sym.Automatic: return t.output && t.error ? .bar : .print
        case .string("Print"): return .print
        case .string("ProgressIndicator"), .string("Panel"): return t.error ? .bar : .print
        default:
            if e.hasHead(Symbol.named("File")), let path = e.args.first?.string { return .file(path) }
            return nil
        }
    }

    struct Snapshot {
        var round: Int, maxRounds: Int, batch: Int, batchesPerRound: Int, examples: Int
        var elapsed: Double, timeLeft: Double, learningRate: Double
        var batchLoss: Double, roundLoss: Double?, validationLoss: Double?
    }

    mutating func start(method: String, batchSize: Int, batchesPerRound: Int, examples: Int) {
        switch mode {
        case .print:
            for line in ["Starting training.", "Optimization Method: \(method)", "Device: CPU", "Batch Size: \(batchSize)",
                         "Batches Per Round: \(batchesPerRound)", "Training Examples: \(examples)"] {
                kernel.printHandler(line)
            }
        case .file(let path):
            _ = writeTextFile(path, "round,batch,examples,learning_rate,time,round_loss,validation_loss\n")
        default: break
        }
    }

    static let header = ["%", "round", "batch", "examples", "inputs", "learning", "time", "time", "batch", "round", "validation"]
    static let header2 = ["", "", "", "processed", "/second", "rate", "elapsed", "left", "loss", "loss", "loss"]

    private func row(_ cells: [String]) -> String {
        let widths = [4, 10, 12, 10, 9, 9, 8, 8, 10, 10, 10]
        return zip(cells, widths).map { String(repeating: " ", count: Swift.max(0, $1 - $0.count)) + $0 }.joined(separator: " ")
    }

    /// Called after every batch; prints at most every 2 s (Print) or 0.1 s (bar), and every round end.
    mutating func batchDone(_ s: Snapshot, roundEnded: Bool, force: Bool = false) {
        let now = s.elapsed
        switch mode {
        case .none: return
        case .print:
            guard force || (roundEnded && now - lastRow >= 2) else { return }
            lastRow = now
            if rowsPrinted % 50 == 0 { kernel.printHandler(row(Self.header)); kernel.printHandler(row(Self.header2)) }
            rowsPrinted += 1
            let pct = s.maxRounds > 0 ? Int(100 * Double(s.round) / Double(s.maxRounds)) : 0
            kernel.printHandler(row(["\(pct)%", "\(s.round)/\(s.maxRounds)", "\(s.batch)/\(s.batchesPerRound)", "\(s.examples)",
                                     formatNumber((Double(s.examples) / Swift.max(s.elapsed, 1e-9)).rounded()),
                                     formatNumber(s.learningRate), formatNumber((s.elapsed * 10).rounded() / 10) + "s",
                                     formatNumber((s.timeLeft * 10).rounded() / 10) + "s", formatNumber(s.batchLoss),
                                     s.roundLoss.map(formatNumber) ?? "-", s.validationLoss.map(formatNumber) ?? "-"]))
        case .bar:
            guard force || now - lastRow >= 0.1 || roundEnded else { return }
            lastRow = now
            let frac = s.maxRounds > 0 ? Swift.min(1, (Double(s.round - 1) + Double(s.batch) / Double(Swift.max(s.batchesPerRound, 1))) / Double(s.maxRounds)) : 0
            let width = 20
            let filled = Int(frac * Double(width))
            var line = "\r[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
            line += "round \(s.round)/\(s.maxRounds) batch \(s.batch)/\(s.batchesPerRound) loss \(formatNumber(s.batchLoss)) "
            line += formatNumber((Double(s.examples) / Swift.max(s.elapsed, 1e-9)).rounded()) + " ex/s "
            line += formatNumber((s.timeLeft * 10).rounded() / 10) + "s left"
            // One character short of the width: a full last column would wrap on some terminals.
            writeBar(String(line.prefix(Swift.max(columns - 1, 24) + 1)) + "\u{1B}[K")
        case .file(let path):
            guard roundEnded else { return }
            _ = writeTextFile(path, "\(s.round),\(s.batch),\(s.examples),\(s.learningRate),\(s.elapsed),\(s.roundLoss ?? s.batchLoss),\(s.validationLoss.map { String($0) } ?? "")\n", append: true)
        }
    }

    /// The closing line: "Training complete." or "Training aborted." with a summary.
    mutating func finish(_ text: String, summary: String) {
        switch mode {
        case .print: kernel.printHandler(text)
        case .bar: writeBar("\r\u{1B}[K" + text + " " + summary + "\n")
        default: break
        }
    }

}

/// Writes text to standard error unbuffered.
func writeStandardError(_ s: String) {
    #if canImport(Glibc)
    let bytes = Array(s.utf8)
    _ = bytes.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count) }
    #endif
}

/// The width of the terminal on standard error: its window size, else `$COLUMNS`, else 80.
func terminalColumns() -> Int {
    #if canImport(Glibc)
    var size = winsize()
    if ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
    if let c = getenv("COLUMNS"), let n = Int(String(cString: c)), n > 0 { return n }
    #endif
    return 80
}
