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

    init(layers: [any NetLayer], names: [String]?, inputOption: PortShape?, outputOption: PortShape?) {
        self.layers = layers
        self.names = names
        self.inputOption = inputOption
        self.outputOption = outputOption
    }

    public var head: Symbol { NetSym.NetChain }
    public var kind: String { "Chain" }
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
            for var s in l.arraySlots { s.path = [key(i)] + s.path; out.append(s) }
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
            let inferred = try current.map { (s) throws(NetFailure) in try l.inferred(input: s) } ?? l
            out.append(inferred)
            current = inferred.outputShape
        }
        return out
    }

    func rebuilt(_ layers: [any NetLayer], input: PortShape?? = nil) throws(NetFailure) -> NetChain {
        let inOpt = input ?? inputOption
        let inferred = try Self.infer(layers, input: inOpt ?? layers.first?.inputShape)
        return NetChain(layers: inferred, names: names, inputOption: inOpt, outputOption: outputOption)
    }

    public func inferred(input shape: PortShape) throws(NetFailure) -> any NetLayer {
        NetChain(layers: try Self.infer(layers, input: shape), names: names, inputOption: inputOption, outputOption: outputOption)
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
        return NetChain(layers: out, names: names, inputOption: inputOption, outputOption: outputOption)
    }

    public func deinitialized() -> any NetModel {
        NetChain(layers: layers.map { ($0.deinitialized() as? any NetLayer) ?? $0 }, names: names,
                 inputOption: inputOption, outputOption: outputOption)
    }

    public func withArrayValues(_ values: [Tensor]) -> any NetLayer {
        var k = 0
        var out: [any NetLayer] = []
        for l in layers {
            let n = l.arraySlots.count
            out.append(l.withArrayValues(Array(values[k..<(k + n)])))
            k += n
        }
        return NetChain(layers: out, names: names, inputOption: inputOption, outputOption: outputOption)
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
            guard let s = Shapes.parse(value) else { throw NetFailure("invportshape", value, text("port \"Input\""), text("an array")) }
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
        return zip(o.layers, layers).allSatisfy { $0.isSame(as: $1) }
    }

    // MARK: Construction

    /// A chain element from a spec: a layer, an integer, a function, a nested list.
    static func layer(from spec: Expr) throws(NetFailure) -> (any NetLayer)? {
        switch spec {
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
        for rule in args.dropFirst() {
            guard rule.hasHead(Sym.Rule), rule.args.count == 2 else { throw NetFailure("netinvrule", rule, text("NetChain")) }
            switch rule.args[0] {
            case "Input":
                guard let s = Shapes.parse(rule.args[1]) else { throw NetFailure("invportshape", rule.args[1], text("port \"Input\""), text("an array")) }
                input = s
            case "Output":
                guard let s = Shapes.parse(rule.args[1]) else { throw NetFailure("invportshape", rule.args[1], text("port \"Output\""), text("an array")) }
                output = s
            case .string(let name):
                throw NetFailure("netunkparam", quoted(name), text("NetChain"), text(allowedList(["\"Input\"", "\"Output\""])))
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
        return NetChain(layers: inferred, names: names, inputOption: input, outputOption: output)
    }
}
