import RampKernel
import RampSyntax

/// Numeric data read from an expression: one rectangular tensor, or a ragged list of them.
struct NetData {
    var tensor: Tensor
    /// Whether the data came as a NumericArray (the output then is one too).
    var numericArray: Bool
    /// True when the reading already found every element finite (nil: not checked).
    var finite: Bool? = nil

    /// Reads a number, a (packed) rectangular list of numbers, or a NumericArray. Integers,
    /// rationals, `±Infinity` and `Indeterminate` (NaN) are accepted.
    static func read(_ e: Expr) -> NetData? {
        switch e {
        case .native(let o as NumericArrayObject): return NetData(tensor: o.tensor, numericArray: true)
        case .packed(let p):
            switch p.storage {
            case .reals(let a):
                let (floats, finite) = LargeFloatArrays.converting(a)
                return NetData(tensor: Tensor(shape: p.shape, data: floats), numericArray: false, finite: finite)
            case .integers(let a):
                return NetData(tensor: Tensor(shape: p.shape, data: LargeFloatArrays.converting(a)), numericArray: false, finite: true)
            }
        default:
            var data: [Float] = []
            var finite = true
            guard let shape = appendNumbers(e, to: &data, finite: &finite) else { return nil }
            return NetData(tensor: Tensor(shape: shape, data: data), numericArray: false, finite: finite)
        }
    }

    /// Appends the numbers of `e` (a number, or a rectangular list of numbers whose parts may be
    /// packed) to `out` in row-major order and gives its shape; nil, leaving `out` as it was, when `e`
    /// is anything else. One pass, no allocation per number: the shape is read off the first
    /// elements, then every part is checked against it while it is copied.
    static func appendNumbers(_ e: Expr, to out: inout [Float], finite: inout Bool) -> [Int]? {
        // The common example, a flat list of machine reals, without the general walk below.
        if case .normal(let n) = e, n.head.symbol === Sym.List, !n.args.isEmpty {
            let start = out.count
            var allFinite = true
            for a in n.args {
                guard case .real(let d) = a else { out.removeSubrange(start...); return appendNested(e, to: &out, finite: &finite) }
                let f = Float(d)
                allFinite = allFinite && f.isFinite
                out.append(f)
            }
            finite = finite && allFinite
            return [n.args.count]
        }
        return appendNested(e, to: &out, finite: &finite)
    }

    /// Appends a matrix given as a list of equally long lists of machine reals (the usual unpacked
    /// batch) row by row; false, leaving `out` as it was, for anything else.
    private static func appendRealMatrix(_ rows: [Expr], width: Int, to out: inout [Float], finite: inout Bool) -> Bool {
        let start = out.count
        out.reserveCapacity(start + rows.count * width)
        let ok = rows.withUnsafeBufferPointer { rowBuffer in
            for row in rowBuffer {
                guard case .normal(let r) = row, r.head.symbol === Sym.List, r.args.count == width else { return false }
                let rowOK = r.args.withUnsafeBufferPointer { parts in
                    for a in parts {
                        guard case .real(let d) = a else { return false }
                        out.append(Float(d))
                    }
                    return true
                }
                if !rowOK { return false }
            }
            return true
        }
        guard ok else { out.removeSubrange(start...); return false }
        // Finiteness over the new numbers in one vectorised pass.
        if !LargeFloatArrays.allFinite(Array(out[start...])) { finite = false }
        return true
    }

    /// `appendNumbers` for anything but a flat list of machine reals.
    private static func appendNested(_ e: Expr, to out: inout [Float], finite: inout Bool) -> [Int]? {
        if case .normal(let n) = e, n.head.symbol === Sym.List, case .normal(let first)? = n.args.first,
           first.head.symbol === Sym.List, !first.args.isEmpty,
           appendRealMatrix(n.args, width: first.args.count, to: &out, finite: &finite) {
            return [n.args.count, first.args.count]
        }
        var shape: [Int] = []
        var probe = e
        while true {
            if case .packed(let p) = probe { shape += p.shape; break }
            guard case .normal(let n) = probe, n.head == .symbol(Sym.List) else { break }
            shape.append(n.args.count)
            guard let first = n.args.first else { break }
            probe = first
        }
        if shape.isEmpty {
            guard let v = scalar(e) else { return nil }
            out.append(v)
            finite = finite && v.isFinite
            return []
        }
        let start = out.count
        var count = 1
        for d in shape {
            let (c, overflow) = count.multipliedReportingOverflow(by: d)
            guard !overflow else { return nil }
            count = c
        }
        out.reserveCapacity(start + count)
        var allFinite = true
        func fill(_ x: Expr, _ level: Int) -> Bool {
            if level == shape.count {
                guard let v = scalar(x) else { return false }
                out.append(v)
                allFinite = allFinite && v.isFinite
                return true
            }
            switch x {
            case .packed(let p):
                guard p.rank == shape.count - level, p.shape[...] == shape[level...] else { return false }
                switch p.storage {
                case .reals(let a):
                    for v in a {
                        let f = Float(v)
                        allFinite = allFinite && f.isFinite
                        out.append(f)
                    }
                case .integers(let a):
                    for v in a { out.append(Float(v)) }
                }
                return true
            case .normal(let n) where n.head == .symbol(Sym.List):
                guard n.args.count == shape[level] else { return false }
                for part in n.args where !fill(part, level + 1) { return false }
                return true
            default:
                return false
            }
        }
        guard fill(e, 0) else {
            out.removeSubrange(start...)
            return nil
        }
        finite = finite && allFinite
        return shape
    }

    static func scalar(_ e: Expr) -> Float? {
        switch e {
        case .integer(let i): return Float(i)
        case .real(let d): return Float(d)
        case .rational(let n, let d): return Float(Double(n) / Double(d))
        case .bigInteger(let b): return Float(Double(b))
        case .symbol(let s) where s === Sym.Indeterminate: return .nan
        case .normal(let n) where n.head == .symbol(Sym.DirectedInfinity) && n.args.count == 1:
            switch n.args[0] {
            case .integer(1): return .infinity
            case .integer(-1): return -.infinity
            default: return nil
            }
        default: return nil
        }
    }

    /// `N[e]` when it differs from `e`: exact numeric values (`Pi`, `Sin[3]`) are real numbers to
    /// the net encoders, as in Wolfram. Tried only after the data failed to read as it is.
    static func numericized(_ e: Expr, kernel: Kernel) -> Expr? {
        let n = kernel.evaluate(.call(Symbol.named("N"), [e]))
        return n == e ? nil : n
    }

    /// Depth following first elements (Wolfram's `maxRank`), for data that is not rectangular.
    static func firstRank(_ e: Expr) -> Int {
        switch e {
        case .packed(let p): return p.rank
        case .native(let o as NumericArrayObject): return o.shape.count
        default:
            if e.hasHead(Sym.List), let f = e.args.first { return 1 + firstRank(f) }
            return e.hasHead(Sym.List) ? 1 : 0
        }
    }

    /// Phrase for data in messages: `a length-2 vector of real numbers`.
    static func phrase(_ e: Expr) -> String {
        if let d = read(e) { return Shapes.phrase(Shapes.fixed(d.tensor.shape)) }
        return "an invalid expression"
    }
}

/// Converts a Float32 result back to an expression: machine reals (packed when finite), or a
/// NumericArray "Real32".
func outputExpr(_ t: Tensor, numericArray: Bool) -> Expr {
    if numericArray { return .native(NumericArrayObject(t)) }
    if t.shape.isEmpty { return realExpr(t.data[0]) }
    if t.data.allSatisfy({ $0.isFinite }) {
        return PackedArray.expr(shape: t.shape, storage: .reals(t.data.map(Double.init)))
    }
    func build(_ level: Int, _ offset: Int) -> Expr {
        let n = t.shape[level]
        if level == t.shape.count - 1 { return .list((0..<n).map { realExpr(t.data[offset + $0]) }) }
        let stride = t.shape[(level + 1)...].reduce(1, *)
        return .list((0..<n).map { build(level + 1, offset + $0 * stride) })
    }
    return build(0, 0)
}

/// A Float32 value as an expression: `Indeterminate` for NaN, `DirectedInfinity[±1]` for ±∞.
func realExpr(_ v: Float) -> Expr {
    if v.isNaN { return .symbol(Sym.Indeterminate) }
    if v.isInfinite { return .call(Sym.DirectedInfinity, .integer(v > 0 ? 1 : -1)) }
    return .real(Double(v))
}

/// Applying a one-input layer to data (wolfram-nn.md §6): single example versus batch, shape
/// inference from the data, messages for bad data.
enum NetApply {
    /// Evaluation options accepted (and ignored: Ramp runs on the CPU in Float32).
    static let evaluationOptions: Set<String> = ["BatchSize", "NetEvaluationMode", "RandomSeeding", "TargetDevice", "WorkingPrecision"]

    static func apply(_ layer: any NetLayer, _ args: [Expr], kernel: Kernel) -> Expr {
        let head = layer.head
        let data = args.filter { !isOptionRule($0) }
        guard data.count == 1 else {
            kernel.message(head, "invargc", [.integer(data.count), .integer(1)])
            return .failed
        }
        do throws(NetFailure) {
            do throws(NetFailure) {
                return try run(layer, data[0])
            } catch where error.tag == "invindata2" {
                guard let numeric = NetData.numericized(data[0], kernel: kernel) else { throw error }
                return try run(layer, numeric)
            }
        } catch {
            error.issue(kernel, head)
            return .failed
        }
    }

    static func isOptionRule(_ e: Expr) -> Bool {
        guard e.hasHead(Sym.Rule) || e.hasHead(Sym.RuleDelayed), e.args.count == 2 else { return false }
        if let s = e.args[0].symbol { return evaluationOptions.contains(s.name) }
        return false
    }

    static func run(_ layer: any NetLayer, _ e: Expr) throws(NetFailure) -> Expr {
        if let slot = layer.firstUninitializedArray { throw notInitialized("evaluate", slot) }
        // A list of NumericArrays is always a batch; a ragged list is a batch of sequences.
        // (Only an unpacked list can hold NumericArrays: `args` of a packed array would build every row.)
        var allNumericArrays = false
        if case .normal(let n) = e, n.head == .symbol(Sym.List), !n.args.isEmpty {
            allNumericArrays = n.args.allSatisfy { if case .native(_ as NumericArrayObject) = $0 { return true } else { return false } }
        }
        let read = allNumericArrays ? nil : NetData.read(e)
        guard let data = read else {
            // Not one rectangular array: a batch of examples of different shapes, which only a
            // port with a varying (or not yet known) dimension takes.
            let fixed = layer.inputShape.map { !$0.contains(.varying) } ?? false
            guard e.hasHead(Sym.List), !e.args.isEmpty, !fixed || allNumericArrays else {
                throw badData(e, port: "Input", expected: layer.inputPhrase)
            }
            var outs: [Expr] = []
            for item in e.args {
                guard let d = NetData.read(item) else { throw badData(e, port: "Input", expected: layer.inputPhrase) }
                if d.tensor.count == 0 { throw NetFailure("netemptin") }
                guard try decide(layer, d.tensor.shape) else { throw badData(e, port: "Input", expected: layer.inputPhrase) }
                let y = try runBatch(layer, Tensor.stack([d.tensor]))
                outs.append(outputExpr(y.slice(0), numericArray: d.numericArray))
            }
            return .list(outs)
        }
        if data.tensor.count == 0 { throw NetFailure("netemptin") }
        if try decide(layer, data.tensor.shape) {
            let x = Tensor(shape: [1] + data.tensor.shape, data: data.tensor.data)
            let y = try runBatch(layer, x)
            return outputExpr(Tensor(shape: Array(y.shape.dropFirst()), data: y.data), numericArray: data.numericArray)
        }
        return outputExpr(try runBatch(layer, data.tensor), numericArray: data.numericArray)
    }

    /// The message for data that is not an array of real numbers: `invindata1` naming a ragged
    /// list (elements of different dimensions), else `invindata2` ("was not … (or a list of these)").
    static func badData(_ e: Expr, port: String, expected: String) -> NetFailure {
        let portText = text("port \"\(port)\"")
        if e.hasHead(Sym.List), e.args.count > 1 {
            var shapes: [[Int]] = []
            for item in e.args {
                guard let d = NetData.read(item), d.tensor.rank >= 1 else { shapes = []; break }
                if !shapes.contains(d.tensor.shape) { shapes.append(d.tensor.shape) }
            }
            if shapes.count > 1 {
                let listed = shapes.prefix(3).map { OutputForm.format(.list($0.map { .integer($0) })) }
                let dims = listed.count == 2 ? listed.joined(separator: " and ") : listed.joined(separator: ", ") + (shapes.count > 3 ? ", …" : "")
                return NetFailure("invindata1", portText, text("a ragged list (elements of dimensions \(dims))"),
                                  text(expected + " (or a list of these)"))
            }
        }
        return NetFailure("invindata2", portText, text(expected))
    }

    /// Whether data of these dimensions is a single example (true) or a batch (false).
    static func decide(_ layer: any NetLayer, _ dims: [Int]) throws(NetFailure) -> Bool {
        let port = text("port \"Input\"")
        if let shape = layer.inputShape {
            let r = shape.count
            if dims.count == r {
                guard Shapes.accepts(shape, dims) else {
                    throw NetFailure("invindata1", port, text(Shapes.phrase(Shapes.fixed(dims))), text(Shapes.phrase(shape)))
                }
                return true
            }
            if dims.count == r + 1 {
                guard Shapes.accepts(shape, Array(dims.dropFirst())) else {
                    throw NetFailure("invindata1", port, text(Shapes.phrase(Shapes.fixed(Array(dims.dropFirst())))), text(Shapes.phrase(shape)))
                }
                return false
            }
            throw NetFailure("invindata1", port, text(Shapes.phrase(Shapes.fixed(dims))), text(Shapes.phrase(shape)))
        }
        // Shape not fixed: try the data as one example, then as a batch.
        do {
            _ = try layer.inferred(input: Shapes.fixed(dims))
            return true
        } catch {
            if dims.count >= 1, (try? layer.inferred(input: Shapes.fixed(Array(dims.dropFirst())))) != nil {
                return false
            }
            throw error
        }
    }

    /// Runs the layer, inferred for the batch's example shape, over `x`.
    static func runBatch(_ layer: any NetLayer, _ x: Tensor) throws(NetFailure) -> Tensor {
        let concrete = try layer.inferred(input: Shapes.fixed(Array(x.shape.dropFirst())))
        if let slot = concrete.firstUninitializedArray { throw notInitialized("evaluate", slot) }
        try checkActivations(concrete, batch: x.shape.first ?? 1)
        return concrete.forward(x)
    }
}
