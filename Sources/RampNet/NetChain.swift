import RampKernel
import RampSyntax

/// `NetChain[{layer1, layer2, …}]` or `NetChain[<|"name" -> layer, …|>]`: layers applied in turn.
/// Integers become `LinearLayer[n]`, functions `ElementwiseLayer[f]`, nested lists chains.
public final class NetChain: NetLayer {
    public let layers: [any NetLayer]
    /// Layer names of the association form; nil for the list form (layers are numbered).
    public let names: [String]?
    /// The "Input" option as given (nil when not given).
    let inputOption: PortShape?
    let outputOption: PortShape?
    /// The `LearningRateMultipliers` option: rules from positions to multipliers (the first
    /// matching rule wins over the layers' own values); nil when not given.
    let multiplierRules: [(spec: Expr, value: Double)]?

    init(layers: [any NetLayer], names: [String]?, inputOption: PortShape?, outputOption: PortShape?,
         multiplierRules: [(spec: Expr, value: Double)]? = nil) {
        self.layers = layers
        self.names = names
        self.inputOption = inputOption
        self.outputOption = outputOption
        self.multiplierRules = multiplierRules
    }

    /// A chain like this one with other layers (names and options kept).
    func with(layers: [any NetLayer], inputOption: PortShape?? = nil) -> NetChain {
        NetChain(layers: layers, names: names, inputOption: inputOption ?? self.inputOption, outputOption: outputOption,
                 multiplierRules: multiplierRules)
    }

    public var head: Symbol { Sym.NetChain }
    public var inputShape: PortShape? { layers.first?.inputShape ?? inputOption }
    public var outputShape: PortShape? { layers.last?.outputShape ?? outputOption }
    public var inputPhrase: String { layers.first?.inputPhrase ?? "an array" }

    /// The key of layer i (0-based) in positions: its number or its name.
    func key(_ i: Int) -> Expr { names.map { .string($0[i]) } ?? .integer(i + 1) }

    /// The index of a layer key (integer, negative from the end, or name).
    func index(of key: Expr) -> Int? {
        switch key {
        case .integer(let i):
            let k = i > 0 ? i - 1 : layers.count + i
            return k >= 0 && k < layers.count ? k : nil
        case .string(let s): return names?.firstIndex(of: s)
        default: return nil
        }
    }

    public var leafLayers: [(path: [Expr], layer: any NetModel)] {
        var out: [(path: [Expr], layer: any NetModel)] = []
        for (i, l) in layers.enumerated() {
            for (p, leaf) in l.leafLayers { out.append(([key(i)] + p, leaf)) }
        }
        return out
    }

    public var arraySlots: [NetArraySlot] {
        var out: [NetArraySlot] = []
        for (i, l) in layers.enumerated() {
            for var s in l.arraySlots {
                s.path = [key(i)] + s.path
                if let rule = multiplierRules?.first(where: { multiplierSpecMatches($0.spec, s.path, in: self) }) {
                    s.learningRateMultiplier = rule.value
                }
                out.append(s)
            }
        }
        return out
    }

    public var isInitialized: Bool { layers.allSatisfy { $0.isInitialized } }
    public var firstUninitializedArray: NetArraySlot? {
        for (i, l) in layers.enumerated() {
            if var s = l.firstUninitializedArray { s.path = [key(i)] + s.path; return s }
        }
        return nil
    }

    /// The chain with shapes inferred from `input` through every layer.
    static func infer(_ layers: [any NetLayer], input: PortShape?) throws(NetFailure) -> [any NetLayer] {
        var current = input
        var out: [any NetLayer] = []
        for l in layers {
            // A layer whose input is already that shape was inferred when it was built: nesting
            // chains (`Nest[NetChain[{#}] &, layer, 2000]`) does not infer the inner ones again.
            let inferred = try current.map { (s) throws(NetFailure) in l.inputShape == s ? l : try l.inferred(input: s) } ?? l
            out.append(inferred)
            current = inferred.outputShape
        }
        return out
    }

    func rebuilt(_ layers: [any NetLayer], input: PortShape?? = nil) throws(NetFailure) -> NetChain {
        let inOpt = input ?? inputOption
        let inferred = try Self.infer(layers, input: inOpt ?? layers.first?.inputShape)
        return with(layers: inferred, inputOption: .some(inOpt))
    }

    public func inferred(input shape: PortShape) throws(NetFailure) -> any NetLayer {
        with(layers: try Self.infer(layers, input: shape))
    }

    public func initialized(overwrite: Bool, random: inout NetRandom) throws(NetFailure) -> any NetModel {
        var out: [any NetLayer] = []
        for (i, l) in layers.enumerated() {
            do {
                guard let n = try l.initialized(overwrite: overwrite, random: &random) as? any NetLayer else { return self }
                out.append(n)
            } catch {
                if error.tag == "nninit", error.slots.count == 3, let t = error.slots[2].string {
                    let where_ = names.map { "layer \"\($0[i])\"" } ?? "layer \(i + 1)"
                    throw NetFailure("nninit", error.slots[0], error.slots[1], text(t + " of " + where_))
                }
                throw error
            }
        }
        return with(layers: out)
    }

    public func deinitialized() -> any NetModel {
        with(layers: layers.map { ($0.deinitialized() as? any NetLayer) ?? $0 })
    }

    public func withArrayValues(_ values: [Tensor]) -> any NetLayer {
        var k = 0
        var out: [any NetLayer] = []
        for l in layers {
            let n = l.arraySlots.count
            out.append(l.withArrayValues(Array(values[k..<(k + n)])))
            k += n
        }
        return with(layers: out)
    }

    // MARK: Parts

    public var partNames: [Expr] { (0..<layers.count).map(key) + ["Input", "Output"] }

    public func extract(_ name: Expr) -> Expr? {
        if let i = index(of: name) { return .native(layers[i]) }
        switch name {
        case "Input": return Shapes.userForm(inputShape)
        case "Output": return Shapes.userForm(outputShape)
        default: return nil
        }
    }

    /// `Normal[chain]`: the list (or association) of layers.
    var normalLayers: Expr {
        if let names {
            return association(zip(names, layers).map { (.string($0), .native($1)) })
        }
        return .list(layers.map { .native($0) })
    }

    public func replacing(_ path: [Expr], with value: Expr) throws(NetFailure) -> any NetModel {
        if path.count == 1, path[0] == "Input" {
            guard let s = try Shapes.parse(value) else { throw NetFailure("invportshape", value, text("port \"Input\""), text("an array")) }
            return try rebuilt(layers, input: .some(s))
        }
        guard let i = index(of: path[0]) else { throw NetFailure("netnopart", path[0]) }
        var new = layers
        if path.count == 1 {
            guard let l = try NetChain.layer(from: value) else {
                throw NetFailure("netinvparam2", value, text("layer \(OutputForm.format(path[0]))"), text("a layer was expected"))
            }
            new[i] = l
        } else {
            guard let l = try layers[i].replacing(Array(path.dropFirst()), with: value) as? any NetLayer else {
                throw NetFailure("netnopart", .list(path))
            }
            new[i] = l
        }
        return try rebuilt(new)
    }

    // MARK: Running

    public func forward(_ x: Tensor) -> Tensor {
        var t = x
        for l in layers { t = l.forward(t) }
        return t
    }

    public func backward(input x: Tensor, output y: Tensor, gradient dy: Tensor) -> (input: Tensor, arrays: [Tensor]) {
        var activations = [x]
        for l in layers.dropLast() { activations.append(l.forward(activations[activations.count - 1])) }
        var g = dy
        var grads: [[Tensor]] = Array(repeating: [], count: layers.count)
        for i in stride(from: layers.count - 1, through: 0, by: -1) {
            let out = i == layers.count - 1 ? y : activations[i + 1]
            let r = layers[i].backward(input: activations[i], output: out, gradient: g)
            g = r.input
            grads[i] = r.arrays
        }
        return (g, grads.flatMap { $0 })
    }

    // MARK: Printing

    public var inputForm: Expr {
        let specs: Expr
        if let names {
            specs = .call(Sym.Association, zip(names, layers).map { .call(Sym.Rule, .string($0), $1.inputForm) })
        } else {
            specs = .list(layers.map { $0.inputForm })
        }
        var args = [specs]
        if let s = inputOption { args.append(.call(Sym.Rule, "Input", Shapes.userForm(s))) }
        if let s = outputOption { args.append(.call(Sym.Rule, "Output", Shapes.userForm(s))) }
        if let rules = multiplierRules {
            let value = { (v: Double) -> Expr in v == v.rounded() && abs(v) < 1e15 ? .integer(Int(v)) : .real(v) }
            args.append(.call(Sym.Rule, .symbol(Sym.LearningRateMultipliers), .list(rules.map { .call(Sym.Rule, $0.spec, value($0.value)) })))
        }
        return .call(head, args)
    }

    public var summary: String {
        var parts = ["Input: " + Shapes.describe(inputShape)]
        for (i, l) in layers.enumerated() {
            parts.append("\(OutputForm.format(key(i))): \(l.head.name) → \(Shapes.describe(l.outputShape))")
        }
        parts.append("Output: " + Shapes.describe(outputShape))
        parts.append(isInitialized ? "initialized" : "uninitialized")
        return "NetChain[" + parts.joined(separator: " | ") + "]"
    }

    public func isSame(as other: any NativeObject) -> Bool {
        guard let o = other as? NetChain, o.names == names, o.layers.count == layers.count,
              o.inputShape == inputShape, o.outputShape == outputShape else { return false }
        let rules = { (c: NetChain) in c.multiplierRules.map { $0.map { [$0.spec, .real($0.value)] } } }
        return rules(o) == rules(self) && zip(o.layers, layers).allSatisfy { $0.isSame(as: $1) }
    }

    // MARK: Construction

    /// A chain element from a spec: a layer, an integer, a function, a nested list.
    static func layer(from spec: Expr) throws(NetFailure) -> (any NetLayer)? {
        switch spec {
        case .native(let g as NetGraph) where !g.isSimple:
            throw NetFailure("netinvparam2", spec, text("a layer"), text("a NetGraph with several input or output ports cannot be a layer of another net yet"))
        case .native(let l as any InputlessLayer):
            throw NetFailure("netinvparam2", spec, text("a layer"), text("\(l.head.name) has no input: it can only be a node of a NetGraph"))
        case .native(let l as any NetLayer): return l
        case .integer(let n) where n > 0: return try LinearLayer.construct([spec])
        default:
            if spec.hasHead(Sym.List) || associationRules(spec) != nil { return try construct([spec]) }
            return ElementwiseLayer.make(spec)
        }
    }

    static func construct(_ args: [Expr]) throws(NetFailure) -> NetChain {
        guard let first = args.first, first.hasHead(Sym.List) || associationRules(first) != nil else {
            throw NetFailure("netinvparam2", args.first ?? .null, text("NetChain"), text("a list or association of layers was expected"))
        }
        var names: [String]? = nil
        var specs: [Expr]
        if let rules = associationRules(first) {
            names = []
            specs = []
            for r in rules {
                guard r.args.count == 2, let n = r.args[0].string else {
                    throw NetFailure("netinvparam2", r, text("NetChain"), text("rules from layer names to layers were expected"))
                }
                names!.append(n)
                specs.append(r.args[1])
            }
        } else {
            specs = first.args
        }
        guard !specs.isEmpty else { throw NetFailure("netinvparam2", first, text("NetChain"), text("at least one layer was expected")) }
        var layers: [any NetLayer] = []
        for s in specs {
            guard let l = try layer(from: s) else {
                throw NetFailure("netinvparam2", s, text("NetChain"), text("a layer, an integer or an elementwise function was expected"))
            }
            layers.append(l)
        }
        var input: PortShape? = nil, output: PortShape? = nil
        var multipliers: [(spec: Expr, value: Double)]? = nil
        for rule in args.dropFirst() {
            guard rule.hasHead(Sym.Rule), rule.args.count == 2 else { throw NetFailure("netinvrule", rule, text("NetChain")) }
            switch rule.args[0] {
            case .symbol(let s) where s === Sym.LearningRateMultipliers:
                multipliers = try parseMultiplierRules(rule.args[1])
            case "Input":
                guard let s = try Shapes.parse(rule.args[1]) else { throw NetFailure("invportshape", rule.args[1], text("port \"Input\""), text("an array")) }
                input = s
            case "Output":
                guard let s = try Shapes.parse(rule.args[1]) else { throw NetFailure("invportshape", rule.args[1], text("port \"Output\""), text("an array")) }
                output = s
            case .string(let name):
                throw NetFailure("netunkparam", quoted(name), text("NetChain"), text(allowedList(["\"Input\"", "\"Output\"", "LearningRateMultipliers"])))
            default:
                throw NetFailure("netinvrule", rule, text("NetChain"))
            }
        }
        // The output option fixes the last LinearLayer's size when it was left to inference.
        if let output, let last = layers.last as? LinearLayer, last.outDims == nil, !output.contains(.varying) {
            layers[layers.count - 1] = last.with(outDims: .some(output.map { $0.size ?? 1 }))
        }
        let inferred = try infer(layers, input: input ?? layers.first?.inputShape)
        if let output, let got = inferred.last?.outputShape, got != output {
            throw NetFailure("invindata1", text("port \"Output\""), text(Shapes.phrase(output)), text(Shapes.phrase(got)))
        }
        let chain = NetChain(layers: inferred, names: names, inputOption: input, outputOption: output, multiplierRules: multipliers)
        if let multipliers {
            let slots = chain.arraySlots
            for r in multipliers where !r.spec.hasHead(Sym.Blank) && !slots.contains(where: { multiplierSpecMatches(r.spec, $0.path, in: chain) }) {
                throw NetFailure("arrpattmiss", r.spec, .symbol(Sym.LearningRateMultipliers))
            }
        }
        return chain
    }
}

/// Parses a `LearningRateMultipliers` setting of a container or of NetTrain: a number or `None`
/// (every array: `_ -> r`), or a rule or list of rules whose right sides are numbers or `None` (0).
func parseMultiplierRules(_ v: Expr) throws(NetFailure) -> [(spec: Expr, value: Double)] {
    let name = Expr.symbol(Sym.LearningRateMultipliers)
    func number(_ e: Expr) -> Double? {
        switch e {
        case .integer(let i): return Double(i)
        case .real(let d): return d
        case .rational(let n, let d): return Double(n) / Double(d)
        case .symbol(let s) where s === Sym.None: return 0
        default: return nil
        }
    }
    if let x = number(v) { return [(.call(Sym.Blank, []), x)] }
    let items = v.hasHead(Sym.List) ? v.args : [v]
    var rules: [(spec: Expr, value: Double)] = []
    for r in items {
        guard r.hasHead(Sym.Rule) || r.hasHead(Sym.RuleDelayed), r.args.count == 2 else { throw NetFailure("arrpattnlist", name) }
        guard let x = number(r.args[1]) else { throw NetFailure("arrpattnnum", r.args[1], name) }
        rules.append((r.args[0], x))
    }
    return rules
}

/// Whether a multiplier position spec matches an array path (`{layer…, "Array"}`) of `chain`:
/// `_`, a layer number (negative from the end) or name, `m;;n`, a list of such keys matched
/// level by level, or an array name of a plain layer.
func multiplierSpecMatches(_ spec: Expr, _ path: [Expr], in chain: NetChain?) -> Bool {
    func keyMatches(_ spec: Expr, _ key: Expr) -> Bool {
        if spec.hasHead(Sym.Blank) { return true }
        switch spec {
        case .integer:
            if let chain, let i = chain.index(of: spec) { return chain.key(i) == key }
            return false
        case .string: return spec == key
        default:
            if spec.hasHead(Sym.Span), spec.args.count == 2, let chain,
               let a = spec.args[0].int.flatMap({ chain.index(of: .integer($0)) }),
               let b = (spec.args[1] == .symbol(Sym.All) ? chain.layers.count - 1 : spec.args[1].int.flatMap({ chain.index(of: .integer($0)) })) {
                return (a...Swift.max(a, b)).contains { chain.key($0) == key }
            }
            return false
        }
    }
    guard !path.isEmpty else { return false }
    if spec.hasHead(Sym.List) {
        guard spec.args.count <= path.count else { return false }
        return zip(spec.args, path).allSatisfy { keyMatches($0, $1) }
    }
    if spec.hasHead(Sym.Blank) { return true }
    // A name matches a layer (first element) or an array of a plain layer.
    return keyMatches(spec, path[0]) || (path.count == 1 && spec == path[0])
}
