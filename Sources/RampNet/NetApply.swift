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
            if let v = scalar(e) { return NetData(tensor: Tensor(shape: [], data: [v]), numericArray: false) }
            guard e.hasHead(Sym.List) else { return nil }
            let parts = e.args
            if parts.isEmpty { return NetData(tensor: Tensor(shape: [0], data: []), numericArray: false) }
            var subs: [Tensor] = []
            subs.reserveCapacity(parts.count)
            for p in parts {
                guard let d = read(p), !d.numericArray else { return nil }
                if let first = subs.first, first.shape != d.tensor.shape { return nil }
                subs.append(d.tensor)
            }
            return NetData(tensor: Tensor.stack(subs), numericArray: false)
        }
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
        let allNumericArrays = e.hasHead(Sym.List) && !e.args.isEmpty
            && e.args.allSatisfy { if case .native(_ as NumericArrayObject) = $0 { return true } else { return false } }
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
