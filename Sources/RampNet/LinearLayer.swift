import RampKernel
import RampSyntax

/// `LinearLayer[n]`, `LinearLayer[{n1, n2, …}]`, `LinearLayer[]`, `LinearLayer[{}]`: `w.x + b`.
/// The input (any fixed shape) is flattened: "Weights" has dimensions `outDims + {inputSize}`,
/// "Biases" `outDims`. `"Biases" -> None` drops the bias.
public final class LinearLayer: NetLayer {
    public let outDims: [Int]?
    public let inputShape: PortShape?
    public let weights: Tensor?
    public let biases: Tensor?
    public let hasBiases: Bool
    public let learningRateMultiplier: Double?
    let outGiven: Bool

    init(outDims: [Int]?, outGiven: Bool, inputShape: PortShape?, weights: Tensor?, biases: Tensor?, hasBiases: Bool, lr: Double?) {
        self.outDims = outDims
        self.outGiven = outGiven
        self.inputShape = inputShape
        self.weights = weights
        self.biases = biases
        self.hasBiases = hasBiases
        self.learningRateMultiplier = lr
    }

    func with(outDims: [Int]?? = nil, inputShape: PortShape?? = nil, weights: Tensor?? = nil, biases: Tensor?? = nil) -> LinearLayer {
        LinearLayer(outDims: outDims ?? self.outDims, outGiven: outGiven, inputShape: inputShape ?? self.inputShape,
                    weights: weights ?? self.weights, biases: biases ?? self.biases, hasBiases: hasBiases, lr: learningRateMultiplier)
    }

    public var head: Symbol { Sym.LinearLayer }
    public var outputShape: PortShape? { outDims.map(Shapes.fixed) }
    public var inputPhrase: String { inputShape.map { Shapes.phrase($0) } ?? "an array of real numbers" }

    /// The flattened input size; nil while a dimension is unknown (a declared shape's count fits `Int`).
    var inputSize: Int? {
        guard let s = inputShape, !s.contains(.varying) else { return nil }
        return elementCount(s.map { $0.size ?? 1 })
    }

    var weightDims: [Int]? {
        guard let o = outDims, let i = inputSize else { return weights?.shape }
        return o + [i]
    }

    public var arraySlots: [NetArraySlot] {
        let r = learningRateMultiplier ?? 1
        var slots = [NetArraySlot(path: ["Weights"], value: weights, dims: weightDims, learningRateMultiplier: r)]
        if hasBiases { slots.append(NetArraySlot(path: ["Biases"], value: biases, dims: outDims, learningRateMultiplier: r)) }
        return slots
    }

    public var isInitialized: Bool { weights != nil && (!hasBiases || biases != nil) }

    public func inferred(input shape: PortShape) throws(NetFailure) -> any NetLayer { try inferredLayer(shape) }

    func inferredLayer(_ shape: PortShape) throws(NetFailure) -> LinearLayer {
        if shape.contains(.varying) {
            throw NetFailure("invportshape", Shapes.userForm(shape), text("port \"Input\""), text("an array of fixed size"))
        }
        if let own = inputShape, own != shape {
            throw NetFailure("invindata1", text("port \"Input\""), text(Shapes.phrase(shape)), text(Shapes.phrase(own)))
        }
        let n = elementCount(shape.map { $0.size ?? 1 })
        if let w = weights, w.shape.last != n {
            throw NetFailure("netinconsdims", text("Inferred inconsistent dimensions for array \"Weights\" (\(Shapes.phrase(Shapes.fixed(w.shape))) versus an input of size \(n ?? 0))."))
        }
        return with(inputShape: .some(shape))
    }

    public func initialized(overwrite: Bool, random: inout NetRandom) throws(NetFailure) -> any NetModel {
        guard let wd = weightDims, let o = outDims else {
            throw NetFailure("nninit", text("initialize"), text("or partially specified shape"), text("array \"Weights\""))
        }
        _ = try allocatableCount(wd)
        var w = weights, b = biases
        let method = random.weightInitialization
        if w == nil || overwrite { w = method.weights(wd, random: &random) }
        if hasBiases && (b == nil || overwrite) { b = method.biases(o, random: &random) }
        return with(weights: .some(w), biases: .some(b))
    }

    public func deinitialized() -> any NetModel { with(weights: .some(nil), biases: .some(nil)) }

    public func withArrayValues(_ values: [Tensor]) -> any NetLayer {
        with(weights: .some(values[0]), biases: .some(hasBiases ? values[1] : nil))
    }

    public var partNames: [Expr] { ["Weights", "Biases", "OutputDimensions", .symbol(Sym.LearningRateMultipliers), "Input", "Output"] }

    public func extract(_ name: Expr) -> Expr? {
        switch name {
        case "Weights": return weights.map { .native(NumericArrayObject($0)) } ?? .automatic
        case "Biases": return hasBiases ? (biases.map { .native(NumericArrayObject($0)) } ?? .automatic) : .symbol(Sym.None)
        case "OutputDimensions": return outDims.map { .list($0.map { .integer($0) }) } ?? .automatic
        case "Input": return Shapes.userForm(inputShape)
        case "Output": return Shapes.userForm(outputShape)
        case .symbol(let s) where s === Sym.LearningRateMultipliers:
            return learningRateMultiplier.map { .real($0) } ?? .automatic
        default: return nil
        }
    }

    public func replacing(_ path: [Expr], with value: Expr) throws(NetFailure) -> any NetModel {
        guard path.count == 1 else { throw NetFailure("netnopart", .list(path)) }
        var args: [Expr] = inputForm.args.filter { !($0.hasHead(Sym.Rule) && $0.args.first == path[0]) }
        if path[0] == "Input" || path[0] == "Output" || path[0] == "Weights" || path[0] == "Biases" || path[0] == .symbol(Sym.LearningRateMultipliers) {
            args.append(.call(Sym.Rule, path[0], value))
            return try Self.construct(args)
        }
        throw NetFailure("netnopart", path[0])
    }

    // MARK: Running

    public func forward(_ x: Tensor) -> Tensor {
        let batch = x.shape.first ?? 1
        let n = weights?.shape.last ?? 1
        let m = (weights?.count ?? 0) / Swift.max(n, 1)
        let w = weights?.data ?? []
        let b = biases?.data ?? [Float](repeating: 0, count: m)
        let y = [Float](unsafeUninitializedCapacity: batch * m) { yp, initialized in
            w.withUnsafeBufferPointer { wp in
                x.data.withUnsafeBufferPointer { xp in
                    b.withUnsafeBufferPointer { bp in
                        guard let w0 = wp.baseAddress, let x0 = xp.baseAddress, let y0 = yp.baseAddress else { return }
                        for r in 0..<batch {
                            let xr = x0 + r * n
                            var o = 0
                            // Four outputs at a time share each load of the input row.
                            while o + 4 <= m {
                                let d = dot4(w0 + o * n, n, xr, n)
                                for k in 0..<4 { y0[r * m + o + k] = d[k] + bp[o + k] }
                                o += 4
                            }
                            while o < m {
                                y0[r * m + o] = dot4(w0 + o * n, 0, xr, n)[0] + bp[o]
                                o += 1
                            }
                        }
                    }
                }
            }
            initialized = batch * m
        }
        return Tensor(shape: [batch] + (outDims ?? [m]), data: y)
    }

    public func backward(input x: Tensor, output y: Tensor, gradient dy: Tensor) -> (input: Tensor, arrays: [Tensor]) {
        let batch = x.shape.first ?? 1
        let n = weights?.shape.last ?? 1
        let m = (weights?.count ?? 0) / Swift.max(n, 1)
        let w = weights?.data ?? []
        var dx = [Float](repeating: 0, count: batch * n)
        var dw = [Float](repeating: 0, count: m * n)
        var db = [Float](repeating: 0, count: m)
        w.withUnsafeBufferPointer { wp in
            x.data.withUnsafeBufferPointer { xp in
                dy.data.withUnsafeBufferPointer { gp in
                    dx.withUnsafeMutableBufferPointer { dxp in
                        dw.withUnsafeMutableBufferPointer { dwp in
                            db.withUnsafeMutableBufferPointer { dbp in
                                for r in 0..<batch {
                                    let xr = r * n
                                    for o in 0..<m {
                                        let g = gp[r * m + o]
                                        if g == 0 { continue }
                                        dbp[o] += g
                                        let wo = o * n
                                        for i in 0..<n {
                                            dxp[xr + i] += wp[wo + i] * g
                                            dwp[wo + i] += g * xp[xr + i]
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        var grads = [Tensor(shape: weights?.shape ?? [m, n], data: dw)]
        if hasBiases { grads.append(Tensor(shape: outDims ?? [m], data: db)) }
        return (Tensor(shape: x.shape, data: dx), grads)
    }

    // MARK: Printing and construction

    public var inputForm: Expr {
        var args: [Expr] = []
        if outGiven, let o = outDims { args.append(o.count == 1 ? .integer(o[0]) : .list(o.map { .integer($0) })) }
        if let w = weights { args.append(.call(Sym.Rule, "Weights", .native(NumericArrayObject(w)))) }
        if !hasBiases { args.append(.call(Sym.Rule, "Biases", .symbol(Sym.None))) } else if let b = biases {
            args.append(.call(Sym.Rule, "Biases", .native(NumericArrayObject(b))))
        }
        if let r = learningRateMultiplier { args.append(.call(Sym.Rule, .symbol(Sym.LearningRateMultipliers), .real(r))) }
        if let s = inputShape { args.append(.call(Sym.Rule, "Input", Shapes.userForm(s))) }
        if !outGiven, let o = outDims { args.append(.call(Sym.Rule, "Output", Shapes.userForm(Shapes.fixed(o)))) }
        return .call(head, args)
    }

    public var summary: String {
        var parts = ["Input: " + Shapes.describe(inputShape), "Output: " + Shapes.describe(outputShape)]
        parts.append("Weights: " + describeArray(weightDims))
        if hasBiases { parts.append("Biases: " + describeArray(outDims)) }
        parts.append(isInitialized ? "initialized" : "uninitialized")
        return "LinearLayer[" + parts.joined(separator: " | ") + "]"
    }

    public func isSame(as other: any NativeObject) -> Bool {
        guard let o = other as? LinearLayer else { return false }
        return o.outDims == outDims && o.inputShape == inputShape && o.weights == weights && o.biases == biases
            && o.hasBiases == hasBiases && o.learningRateMultiplier == learningRateMultiplier
    }

    static func construct(_ args: [Expr]) throws(NetFailure) -> LinearLayer {
        var outDims: [Int]? = nil
        var outGiven = false
        var rest = args[...]
        if let first = rest.first, !first.hasHead(Sym.Rule) {
            rest = rest.dropFirst()
            switch first {
            case .integer(let n) where n > 0: outDims = [n]
            default:
                guard first.hasHead(Sym.List), first.args.allSatisfy({ ($0.int ?? 0) > 0 }), elementCount(first.args.map { $0.int ?? 1 }) != nil else {
                    throw NetFailure("netinvparam2", first, text("the output size"), text("a positive integer or a list of them was expected"))
                }
                outDims = first.args.map { $0.int! }
            }
            outGiven = true
        }
        var weights: Tensor? = nil, biases: Tensor? = nil, hasBiases = true, lr: Double? = nil
        var input: PortShape? = nil
        for rule in rest {
            guard rule.hasHead(Sym.Rule), rule.args.count == 2 else {
                throw NetFailure("argcnterr", text("LinearLayer provided with \(args.count) parameters; 0 or 1 parameters are expected."))
            }
            let v = rule.args[1]
            switch rule.args[0] {
            case "Weights":
                if v == .automatic { continue }
                guard let t = arrayValue(v), t.rank >= 1 else { throw NetFailure("netinvparam2", v, text("array \"Weights\""), text("an array of real numbers was expected")) }
                weights = t
            case "Biases":
                if v == .symbol(Sym.None) { hasBiases = false; continue }
                if v == .automatic { continue }
                guard let t = arrayValue(v) else { throw NetFailure("netinvparam2", v, text("array \"Biases\""), text("an array of real numbers or None was expected")) }
                biases = t
            case "Input":
                guard let s = try Shapes.parse(v) else { throw NetFailure("invportshape", v, text("port \"Input\""), text("an array of fixed size")) }
                input = s
            case "Output":
                guard let s = try Shapes.parse(v), !s.contains(.varying) else { throw NetFailure("invportshape", v, text("port \"Output\""), text("an array of fixed size")) }
                let d = s.map { $0.size ?? 1 }
                if let o = outDims, o != d { throw NetFailure("invindata1", text("port \"Output\""), text(Shapes.phrase(s)), text(Shapes.phrase(Shapes.fixed(o)))) }
                outDims = d
            case .symbol(let s) where s === Sym.LearningRateMultipliers:
                guard let r = parseMultiplier(v) else { throw NetFailure("netinvparam2", v, text("LearningRateMultipliers"), text("a real number, None or Automatic was expected")) }
                lr = r
            case .string(let name):
                throw NetFailure("netunkparam", quoted(name), text("LinearLayer"), text(allowedList(["\"Weights\"", "\"Biases\"", "\"Input\"", "\"Output\"", "LearningRateMultipliers"])))
            default:
                throw NetFailure("netinvrule", rule, text("LinearLayer"))
            }
        }
        if let w = weights {
            let o = Array(w.shape.dropLast())
            if let given = outDims, given != o {
                throw NetFailure("netinconsdims", text("Inferred inconsistent dimensions for array \"Weights\" (\(Shapes.phrase(Shapes.fixed(w.shape))) versus an output of dimensions \(OutputForm.format(.list(given.map { .integer($0) })))))."))
            }
            outDims = o
        }
        if let b = biases, let o = outDims, b.shape != o {
            throw NetFailure("netinconsdims", text("Inferred inconsistent dimensions for array \"Biases\" (\(Shapes.phrase(Shapes.fixed(b.shape))) versus \(Shapes.phrase(Shapes.fixed(o))))."))
        }
        if outDims == nil, let b = biases { outDims = b.shape }
        let layer = LinearLayer(outDims: outDims, outGiven: outGiven, inputShape: nil, weights: weights, biases: biases, hasBiases: hasBiases, lr: lr)
        if let input { return try layer.inferredLayer(input) }
        if let w = weights, w.rank >= 1 { return layer.with(inputShape: .some([.fixed(w.shape.last!)])) }
        return layer
    }
}

/// A real array given as a list, a packed array or a NumericArray.
func arrayValue(_ v: Expr) -> Tensor? {
    if case .native(let o as NumericArrayObject) = v { return o.tensor }
    guard let d = NetData.read(v), !d.tensor.shape.contains(0) else { return nil }
    return d.tensor
}

/// Dot products of the row `x` (`n` floats) with four rows of `w` spaced `stride` apart (stride 0:
/// one row, four times), in 16-wide SIMD with the four sums kept in registers. The order of the
/// additions is fixed (it does not depend on threads or alignment).
@inline(__always)
func dot4(_ w: UnsafePointer<Float>, _ stride: Int, _ x: UnsafePointer<Float>, _ n: Int) -> SIMD4<Float> {
    var a0 = SIMD16<Float>(), a1 = SIMD16<Float>(), a2 = SIMD16<Float>(), a3 = SIMD16<Float>()
    let w1 = w + stride, w2 = w + 2 * stride, w3 = w + 3 * stride
    var i = 0
    while i + 16 <= n {
        let xv = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD16<Float>.self)
        a0 += UnsafeRawPointer(w + i).loadUnaligned(as: SIMD16<Float>.self) * xv
        a1 += UnsafeRawPointer(w1 + i).loadUnaligned(as: SIMD16<Float>.self) * xv
        a2 += UnsafeRawPointer(w2 + i).loadUnaligned(as: SIMD16<Float>.self) * xv
        a3 += UnsafeRawPointer(w3 + i).loadUnaligned(as: SIMD16<Float>.self) * xv
        i += 16
    }
    var out = SIMD4<Float>(a0.sum(), a1.sum(), a2.sum(), a3.sum())
    while i < n {
        out += SIMD4<Float>(w[i], w1[i], w2[i], w3[i]) * x[i]
        i += 1
    }
    return out
}
