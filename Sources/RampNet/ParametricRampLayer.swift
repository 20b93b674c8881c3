import RampKernel
import RampSyntax

/// Which dimensions of an example get their own slopes: `a`, `a1;;a2`, `{a, b, …}`, `{}`.
/// Levels count from 1; negative levels count from the last dimension.
public enum SlopeLevels: Hashable, Sendable {
    case level(Int)
    case span(Int, Int)
    case list([Int])

    /// Parses a level specification; nil when it is not one.
    static func parse(_ e: Expr) -> SlopeLevels? {
        switch e {
        case .integer(let a) where a != 0 && a.magnitude < 1 << 20: return .level(a)
        case .normal(let n) where n.head == .symbol(Sym.Span) && n.args.count == 2:
            guard let a = n.args[0].int, let b = n.args[1].int, a != 0, b != 0, a.magnitude < 1 << 20, b.magnitude < 1 << 20 else { return nil }
            return .span(a, b)
        default:
            guard e.hasHead(Sym.List) else { return nil }
            var levels: [Int] = []
            for x in e.args {
                guard let a = x.int, a != 0, a.magnitude < 1 << 20, !levels.contains(a) else { return nil }
                levels.append(a)
            }
            return .list(levels)
        }
    }

    /// The expression form (`1`, `1;;2`, `{1, 3}`).
    var expr: Expr {
        switch self {
        case .level(let a): return .integer(a)
        case .span(let a, let b): return .call(Sym.Span, .integer(a), .integer(b))
        case .list(let l): return .list(l.map { .integer($0) })
        }
    }

    /// How many slope dimensions the levels select, when known without the input rank.
    var count: Int? {
        switch self {
        case .level: return 1
        case .list(let l): return l.count
        case .span(let a, let b): return (a > 0) == (b > 0) ? Swift.max(0, b - a + 1) : nil
        }
    }

    /// The smallest input rank these levels need.
    var minimumRank: Int {
        let all: [Int]
        switch self {
        case .level(let a): all = [a]
        case .span(let a, let b): all = [a, b]
        case .list(let l): all = l
        }
        return Swift.max(1, all.map { $0 > 0 ? $0 : -$0 }.max() ?? 1)
    }

    /// 0-based dimensions for an input of rank `r`, in slope order; nil when out of range.
    func resolve(rank r: Int) -> [Int]? {
        func fix(_ a: Int) -> Int? {
            let v = a > 0 ? a - 1 : r + a
            return v >= 0 && v < r ? v : nil
        }
        switch self {
        case .level(let a): return fix(a).map { [$0] }
        case .span(let a, let b):
            guard let x = fix(a), let y = fix(b) else { return nil }
            return x <= y ? Array(x...y) : []
        case .list(let l):
            var out: [Int] = []
            for a in l { guard let v = fix(a) else { return nil }; out.append(v) }
            return Set(out).count == out.count ? out : nil
        }
    }
}

/// The value of the "Slope" option before the slope's dimensions are known.
public enum SlopeValue: Hashable, Sendable {
    /// `Automatic`: filled with 0.1 by `NetInitialize`.
    case automatic
    /// A number: every slope gets it once the dimensions are known.
    case scalar(Float)
    /// An explicit array.
    case tensor(Tensor)
}

/// `ParametricRampLayer[levels, "Slope" -> s, LearningRateMultipliers -> r, "Input" -> shape]`:
/// `x > 0 ? x : s x` elementwise, one learned slope per index of the chosen levels.
public final class ParametricRampLayer: NetLayer {
    public let levels: SlopeLevels
    /// Whether levels were given (InputForm omits the default).
    public let levelsGiven: Bool
    public let slope: SlopeValue
    /// nil for `Automatic` (1); 0 for frozen (`0` or `None`).
    public let learningRateMultiplier: Double?
    public let inputShape: PortShape?

    public init(levels: SlopeLevels = .level(1), levelsGiven: Bool = false, slope: SlopeValue = .automatic,
                learningRateMultiplier: Double? = nil, inputShape: PortShape? = nil) {
        self.levels = levels
        self.levelsGiven = levelsGiven
        self.slope = slope
        self.learningRateMultiplier = learningRateMultiplier
        self.inputShape = inputShape
    }

    /// Builds a layer, checking the slope against the levels and the input shape.
    static func make(levels: SlopeLevels, levelsGiven: Bool, slope: SlopeValue, lr: Double?, input: PortShape?) throws(NetFailure) -> ParametricRampLayer {
        if let input, input.count < levels.minimumRank {
            throw NetFailure("invportshape", text(OutputForm.format(Shapes.userForm(input), bareStrings: true)), text("port \"Input\""),
                             text("an array of rank ≥ \(levels.minimumRank)"))
        }
        if case .tensor(let t) = slope, let k = levels.count, t.rank != k {
            throw inconsistent(Shapes.fixed(t.shape), expected: rankPhrase(k))
        }
        let layer = ParametricRampLayer(levels: levels, levelsGiven: levelsGiven, slope: slope, learningRateMultiplier: lr, inputShape: input)
        if let input { return try layer.inferredLayer(input) }
        if levels.count == 0, case .scalar(let v) = slope {
            return ParametricRampLayer(levels: levels, levelsGiven: levelsGiven, slope: .tensor(Tensor(shape: [], data: [v])),
                                       learningRateMultiplier: lr, inputShape: nil)
        }
        return layer
    }

    static func rankPhrase(_ k: Int) -> String {
        switch k {
        case 0: return "a real number"
        case 1: return "a vector of real numbers"
        case 2: return "a matrix of real numbers"
        default: return "an array of rank \(k) of real numbers"
        }
    }

    static func inconsistent(_ given: PortShape, expected: String) -> NetFailure {
        NetFailure("netinconsdims", text("Inferred inconsistent dimensions for array \"Slope\" (\(Shapes.phrase(given)) versus \(expected))."))
    }

    // MARK: Shapes

    public var head: Symbol { Sym.ParametricRampLayer }
    public var outputShape: PortShape? { inputShape }
    public var inputPhrase: String {
        inputShape.map { Shapes.phrase($0) } ?? "an array of rank ≥ \(levels.minimumRank)"
    }

    /// The slope's dimensions for an input shape; nil while a selected dimension varies.
    func slopeDims(for shape: PortShape) -> [Int]? {
        guard let dims = levels.resolve(rank: shape.count) else { return nil }
        var out: [Int] = []
        for d in dims { guard let n = shape[d].size else { return nil }; out.append(n) }
        return out
    }

    /// Known slope dimensions: from the slope array, or from the levels and the input shape.
    var knownSlopeDims: [Int]? {
        if case .tensor(let t) = slope { return t.shape }
        if levels.count == 0 { return [] }
        return inputShape.flatMap(slopeDims(for:))
    }

    public func inferred(input shape: PortShape) throws(NetFailure) -> any NetLayer { try inferredLayer(shape) }

    func inferredLayer(_ shape: PortShape) throws(NetFailure) -> ParametricRampLayer {
        if shape.count < levels.minimumRank || levels.resolve(rank: shape.count) == nil {
            throw NetFailure("invportshape", text(OutputForm.format(Shapes.userForm(shape), bareStrings: true)), text("port \"Input\""),
                             text("an array of rank ≥ \(levels.minimumRank)"))
        }
        if let own = inputShape {
            guard own.count == shape.count, zip(own, shape).allSatisfy({ a, b in a == .varying || a == b }) else {
                throw NetFailure("invindata1", text("port \"Input\""), text(Shapes.phrase(shape)), text(Shapes.phrase(own)))
            }
        }
        let implied = slopeDims(for: shape)
        var newSlope = slope
        switch slope {
        case .tensor(let t):
            guard let implied else {
                throw Self.inconsistent(Shapes.fixed(t.shape), expected: "a varying dimension")
            }
            if implied != t.shape { throw Self.inconsistent(Shapes.fixed(t.shape), expected: Shapes.phrase(Shapes.fixed(implied))) }
        case .scalar(let v):
            if let implied {
                _ = try allocatableCount(implied)
                newSlope = .tensor(Tensor(shape: implied, repeating: v))
            }
        case .automatic: break
        }
        return ParametricRampLayer(levels: levels, levelsGiven: levelsGiven, slope: newSlope,
                                   learningRateMultiplier: learningRateMultiplier, inputShape: shape)
    }

    // MARK: Arrays

    public var arraySlots: [NetArraySlot] {
        let value: Tensor?
        switch slope {
        case .tensor(let t): value = t
        // Inference turns a scalar slope into an array once its dimensions are known (checked
        // there); only a slope whose dimensions are unknown stays scalar, so this fills nothing
        // large, and an array past the limit is reported as having no value rather than built.
        case .scalar(let v):
            value = knownSlopeDims.flatMap { (try? allocatableCount($0)) != nil ? Tensor(shape: $0, repeating: v) : nil }
        case .automatic: value = nil
        }
        return [NetArraySlot(path: ["Slope"], value: value, dims: knownSlopeDims, learningRateMultiplier: learningRateMultiplier ?? 1)]
    }

    public var isInitialized: Bool { slope != .automatic }

    /// Uninitialized counts only an `Automatic` slope: a scalar slope is filled when applied.
    public var firstUninitializedArray: NetArraySlot? { slope == .automatic ? arraySlots[0] : nil }

    public func initialized(overwrite: Bool, random: inout NetRandom) throws(NetFailure) -> any NetModel {
        if slope != .automatic && !overwrite { return self }
        guard let dims = knownSlopeDims else {
            throw NetFailure("nninit", text("initialize"), text("or partially specified shape"), text("array \"Slope\""))
        }
        _ = try allocatableCount(dims)
        return ParametricRampLayer(levels: levels, levelsGiven: levelsGiven, slope: .tensor(Tensor(shape: dims, repeating: 0.1)),
                                   learningRateMultiplier: learningRateMultiplier, inputShape: inputShape)
    }

    public func deinitialized() -> any NetModel {
        ParametricRampLayer(levels: levels, levelsGiven: levelsGiven, slope: .automatic,
                            learningRateMultiplier: learningRateMultiplier, inputShape: inputShape)
    }

    public func withArrayValues(_ values: [Tensor]) -> any NetLayer {
        ParametricRampLayer(levels: levels, levelsGiven: levelsGiven, slope: .tensor(values[0]),
                            learningRateMultiplier: learningRateMultiplier, inputShape: inputShape)
    }

    // MARK: Parts

    public var partNames: [Expr] { ["Slope", "Levels", .symbol(Sym.LearningRateMultipliers), "Input", "Output"] }

    public func extract(_ name: Expr) -> Expr? {
        switch name {
        case "Slope": return arraySlots[0].value.map { .native(NumericArrayObject($0)) } ?? .automatic
        case "Levels": return levels.expr
        case "Input": return Shapes.userForm(inputShape)
        case "Output": return Shapes.userForm(outputShape)
        case .symbol(let s) where s === Sym.LearningRateMultipliers: return lrExpr
        default: return nil
        }
    }

    var lrExpr: Expr {
        guard let r = learningRateMultiplier else { return .automatic }
        return r == r.rounded() && abs(r) < 1e15 ? .integer(Int(r)) : .real(r)
    }

    public func replacing(_ path: [Expr], with value: Expr) throws(NetFailure) -> any NetModel {
        guard path.count == 1 else { throw NetFailure("netnopart", .list(path)) }
        var options: [Expr] = [.call(Sym.Rule, path[0], value)]
        if path[0] != "Slope", slope != .automatic { options.append(.call(Sym.Rule, "Slope", slopeExpr)) }
        if path[0] != "Input", path[0] != "Output", let s = inputShape { options.append(.call(Sym.Rule, "Input", Shapes.userForm(s))) }
        if path[0] != .symbol(Sym.LearningRateMultipliers), learningRateMultiplier != nil {
            options.append(.call(Sym.Rule, .symbol(Sym.LearningRateMultipliers), lrExpr))
        }
        if path[0] == "Levels" {
            guard let l = SlopeLevels.parse(value) else { throw NetFailure("netinvparam2", value, text("\"Levels\""), text("a level specification was expected")) }
            return try Self.construct(levels: l, levelsGiven: true, options: Array(options.dropFirst()))
        }
        return try Self.construct(levels: levels, levelsGiven: levelsGiven, options: options)
    }

    var slopeExpr: Expr {
        switch slope {
        case .automatic: return .automatic
        case .scalar(let v): return .real(Double(v))
        case .tensor(let t): return .native(NumericArrayObject(t))
        }
    }

    // MARK: Running

    /// The slope layout for a batch `x` (the layer inferred for its example shape).
    func layout(for x: Tensor) -> SlopeLayout {
        let example = Array(x.shape.dropFirst())
        let dims = levels.resolve(rank: example.count) ?? []
        return SlopeLayout(exampleShape: example, batch: x.shape.first ?? 1, levels: dims)
    }

    var slopeData: [Float] { arraySlots[0].value?.data ?? [] }

    public func forward(_ x: Tensor) -> Tensor {
        Tensor(shape: x.shape, data: layout(for: x).forward(x.data, slopes: slopeData))
    }

    public func backward(input x: Tensor, output y: Tensor, gradient dy: Tensor) -> (input: Tensor, arrays: [Tensor]) {
        let (dx, ds) = layout(for: x).backward(x.data, gradient: dy.data, slopes: slopeData)
        return (Tensor(shape: x.shape, data: dx), [Tensor(shape: arraySlots[0].dims ?? [ds.count], data: ds)])
    }

    // MARK: Printing

    public var inputForm: Expr {
        var args: [Expr] = []
        if levelsGiven { args.append(levels.expr) }
        if slope != .automatic { args.append(.call(Sym.Rule, "Slope", slopeExpr)) }
        if learningRateMultiplier != nil { args.append(.call(Sym.Rule, .symbol(Sym.LearningRateMultipliers), lrExpr)) }
        if let s = inputShape { args.append(.call(Sym.Rule, "Input", Shapes.userForm(s))) }
        return .call(head, args)
    }

    public var summary: String {
        let slot = arraySlots[0]
        var parts = ["Levels: " + OutputForm.format(levels.expr)]
        parts.append("Input: " + Shapes.describe(inputShape))
        parts.append("Output: " + Shapes.describe(outputShape))
        var slopeText = describeArray(slot.dims)
        // A scalar slope waiting for its dimensions, as Wolfram shows a constant-filled array.
        if slot.dims == nil, case .scalar(let v) = slope { slopeText += " = " + OutputForm.format(.real(Double(v))) }
        parts.append("Slope: " + slopeText)
        if learningRateMultiplier == 0 { parts.append("frozen") }
        parts.append(isInitialized ? "initialized" : "uninitialized")
        return "ParametricRampLayer[" + parts.joined(separator: " | ") + "]"
    }

    public func isSame(as other: any NativeObject) -> Bool {
        guard let o = other as? ParametricRampLayer else { return false }
        return o.levels == levels && o.slope == slope && o.learningRateMultiplier == learningRateMultiplier
            && o.inputShape == inputShape
    }

    // MARK: Construction

    static let parameterNames = ["\"Slope\"", "\"Input\"", "\"Output\"", "LearningRateMultipliers"]

    /// `ParametricRampLayer[args…]` after evaluation.
    static func construct(_ args: [Expr]) throws(NetFailure) -> ParametricRampLayer {
        var positional: [Expr] = []
        var options: [Expr] = []
        for a in args {
            if a.hasHead(Sym.Rule) || a.hasHead(Sym.RuleDelayed) { options.append(a) } else if options.isEmpty { positional.append(a) } else {
                throw NetFailure("netinvrule", a, text("ParametricRampLayer"))
            }
        }
        if positional.count > 1 {
            throw NetFailure("argcnterr", text("ParametricRampLayer provided with \(positional.count) parameters; 0 or 1 parameters are expected."))
        }
        var levels = SlopeLevels.level(1)
        if let l = positional.first {
            guard let parsed = SlopeLevels.parse(l) else {
                throw NetFailure("netinvparam2", l, text("the levels"), text("a level a, a span a1;;a2 or a list of levels {a, b, …} was expected"))
            }
            levels = parsed
        }
        return try construct(levels: levels, levelsGiven: !positional.isEmpty, options: options)
    }

    static func construct(levels: SlopeLevels, levelsGiven: Bool, options: [Expr]) throws(NetFailure) -> ParametricRampLayer {
        var slope = SlopeValue.automatic
        var lr: Double? = nil
        var input: PortShape? = nil
        var output: PortShape? = nil
        for rule in options {
            guard rule.args.count == 2 else { throw NetFailure("netinvrule", rule, text("ParametricRampLayer")) }
            let key = rule.args[0], value = rule.args[1]
            switch key {
            case "Slope":
                guard let s = parseSlope(value) else {
                    throw NetFailure("netinvparam2", value, text("array \"Slope\""), text("a real number, an array of real numbers, a NumericArray or Automatic was expected"))
                }
                slope = s
            case "Input", "Output":
                guard let shape = value == .automatic ? nil : try Shapes.parse(value) else {
                    if value == .automatic { continue }
                    throw NetFailure("invportshape", value, text("port \(OutputForm.format(key))"), text("an array of rank ≥ \(levels.minimumRank)"))
                }
                if key == "Input" { input = shape } else { output = shape }
            case .symbol(let s) where s === Sym.LearningRateMultipliers:
                guard let r = parseMultiplier(value) else {
                    throw NetFailure("netinvparam2", value, text("LearningRateMultipliers"), text("a real number, None or Automatic was expected"))
                }
                lr = r
            case .string(let name):
                throw NetFailure("netunkparam", quoted(name), text("ParametricRampLayer"), text(allowedList(parameterNames)))
            case .symbol:
                throw NetFailure("netunkparam", key, text("ParametricRampLayer"), text(allowedList(parameterNames)))
            default:
                throw NetFailure("netinvrule", rule, text("ParametricRampLayer"))
            }
        }
        if let i = input, let o = output, i != o {
            throw NetFailure("invindata1", text("port \"Output\""), text(Shapes.phrase(o)), text(Shapes.phrase(i)))
        }
        return try make(levels: levels, levelsGiven: levelsGiven, slope: slope, lr: lr, input: input ?? output)
    }

    static func parseSlope(_ v: Expr) -> SlopeValue? {
        if v == .automatic { return .automatic }
        if let x = NetData.scalar(v) { return .scalar(x) }
        if case .native(let o as NumericArrayObject) = v { return .tensor(o.tensor) }
        guard let d = NetData.read(v), !d.tensor.shape.contains(0) else { return nil }
        return .tensor(d.tensor)
    }
}

/// `"a", "b" and "c"`.
func allowedList(_ names: [String]) -> String {
    guard names.count > 1 else { return names.first ?? "" }
    return names.dropLast().joined(separator: ", ") + " and " + names.last!
}

/// A learning-rate multiplier: `Automatic` (nil), a number, `None` (0).
func parseMultiplier(_ v: Expr) -> Double?? {
    switch v {
    case .symbol(let s) where s === Sym.Automatic: return .some(nil)
    case .symbol(let s) where s === Sym.None: return .some(0)
    case .integer(let i): return .some(Double(i))
    case .real(let d) where d.isFinite: return .some(d)
    case .rational(let n, let d): return .some(Double(n) / Double(d))
    default: return nil
    }
}
