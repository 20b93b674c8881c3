import RampKernel
import RampSyntax

/// `NetInitialize`, `NetExtract` (with its operator form), `NetReplacePart`.
extension NetBuiltins {
    static func installNetFunctions(_ k: Kernel) {
        k.define(BuiltinSpec("NetInitialize", arguments: ArgumentCount(1, 2), options: NetOptions.netInitialize, usage: "NetInitialize[net] gives a net in which all uninitialized learnable parameters in net have been given initial values.\nNetInitialize[net, All] gives a net in which all learnable parameters have been given initial values.\nNetInitialize[net, None] removes every learned value.",
                             badArgumentsResult: .failed) { c in
            netInitialize(c)
        })
        k.define("NetExtract", arguments: ArgumentCount(1, 2), usage: "NetExtract[layer, \"param\"] extracts the value of a parameter or array of layer.\nNetExtract[net, {spec, \"param\"}] extracts it from a layer of a net.\nNetExtract[net, All] gives every part.\nNetExtract[spec] is an operator form.") { c in
            netExtract(c)
        }
        k.define("NetFlatten", arguments: ArgumentCount(1, 2), usage: "NetFlatten[net] collapses nested NetChain and NetGraph objects within net.\nNetFlatten[net, n] collapses only n levels of nesting.") { c in
            guard case .native(let net as any NetModel) = c.args[0] else {
                c.message("arg1", c.args[0])
                return .failed
            }
            var levels = Int.max
            if c.args.count == 2 {
                if case .integer(let n) = c.args[1], n >= 0 { levels = n } else if c.args[1] != .symbol(Sym.Infinity) {
                    c.message("intnm", c.expr, 2)
                    return nil
                }
            }
            return .native(NetFlattening.flatten(net, levels: levels))
        }
        k.setMessage("NetFlatten", "arg1", "First argument `1` should be a net.")
        k.define("NetPort", arguments: ArgumentCount(1, 2), usage: "NetPort[\"port\"] represents the input or output port of a NetGraph in its connections.\nNetPort[{layer, \"port\"}] represents a port of a layer of the graph.") { _ in nil }
        k.define("NetReplacePart", arguments: .exactly(2), usage: "NetReplacePart[net, \"array\" -> value] replaces an array of a net.\nNetReplacePart[net, {spec, \"array\"} -> value] replaces an array of a layer of a net.\nNetReplacePart[net, \"Input\" -> shape] fixes a port's shape.") { c in
            netReplacePart(c)
        }
    }

    // MARK: NetInitialize

    static func netInitialize(_ c: BuiltinCall) -> Expr? {
        let args = c.args
        let methodSetting = c.option("Method") ?? .automatic
        guard let method = WeightInitialization.parse(methodSetting) else {
            c.message("method", methodSetting)
            return .failed
        }
        let seeding = c.option("RandomSeeding") ?? .symbol(Sym.Inherited)
        var seed = NetRandom.seed(seeding, kernel: c.kernel)
        if seed == nil {
            c.message("seeding", seeding)
            seed = NetRandom.seed(.symbol(Sym.Inherited), kernel: c.kernel)
        }
        var mode = "Automatic"
        if args.count == 2 {
            switch args[1] {
            case .symbol(let s) where s === Sym.All: mode = "All"
            case .symbol(let s) where s === Sym.None: mode = "None"
            case .symbol(let s) where s === Sym.Automatic: mode = "Automatic"
            default:
                c.message("arg2")
                return .failed
            }
        }
        var rng = NetRandom(seed: seed ?? 0, weightInitialization: method)
        func initialize(_ e: Expr) -> Expr {
            guard case .native(let net as any NetModel) = e else {
                c.message("arg1")
                return .failed
            }
            if mode == "None" { return .native(net.deinitialized()) }
            do {
                return .native(try net.initialized(overwrite: mode == "All", random: &rng))
            } catch {
                error.issue(c.kernel, c.head)
                return .failed
            }
        }
        if args[0].hasHead(Sym.List) { return .list(args[0].args.map(initialize)) }
        return initialize(args[0])
    }

    static func fnv1a(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    // MARK: NetExtract

    static func netExtract(_ c: BuiltinCall) -> Expr? {
        let args = c.args
        if args.count == 1 {
            if case .native(_ as any NetModel) = args[0] { return nil }
            return .native(NetExtractOperator(spec: args[0]))
        }
        guard args.count == 2 else { return nil }
        guard case .native(let net as any NetModel) = args[0] else {
            c.message("arg1", args[0])
            return .failed
        }
        do {
            return try extract(net, args[1])
        } catch {
            error.issue(c.kernel, c.head)
            return .failed
        }
    }

    /// `NetExtract[net, spec]`: a name, an index, a path `{s1, s2, …}`, a list of paths, or `All`.
    static func extract(_ net: any NetModel, _ spec: Expr) throws(NetFailure) -> Expr {
        if spec == .symbol(Sym.All) {
            if let chain = net as? NetChain { return chain.normalLayers }
            return NetBuiltins.normalForm(net)
        }
        if spec.hasHead(Sym.List) {
            let parts = spec.args
            if !parts.isEmpty, parts.allSatisfy({ $0.hasHead(Sym.List) }) {
                var out: [Expr] = []
                for p in parts { out.append(try extract(net, p)) }
                return .list(out)
            }
            var current: Expr = .native(net)
            for (i, p) in parts.enumerated() {
                guard case .native(let n as any NetModel) = current else {
                    return .call(Sym.Missing, "NotPresent", .list(Array(parts.prefix(i + 1))))
                }
                current = try extractOne(n, p, whole: spec)
                if current.hasHead(Sym.Missing) { return .call(Sym.Missing, "NotPresent", spec) }
            }
            return current
        }
        return try extractOne(net, spec, whole: .list([spec]))
    }

    static func extractOne(_ net: any NetModel, _ p: Expr, whole: Expr) throws(NetFailure) -> Expr {
        if p == .integer(0) { throw NetFailure("netnopart", 0) }
        switch p {
        case .string, .symbol, .integer:
            return net.extract(p) ?? .call(Sym.Missing, "NotPresent", whole)
        default:
            throw NetFailure("netinvspec", p, text("NetExtract"))
        }
    }

    // MARK: NetReplacePart

    static func netReplacePart(_ c: BuiltinCall) -> Expr? {
        let args = c.args
        guard args.count == 2 else { return nil }
        guard case .native(var net as any NetModel) = args[0] else {
            c.message("arg1", args[0])
            return .failed
        }
        var rules: [Expr] = []
        let spec = args[1]
        if spec.hasHead(Sym.Rule) { rules = [spec] } else if spec.hasHead(Sym.List) { rules = spec.args } else if let r = associationRules(spec) { rules = r } else {
            c.message("invspec", spec)
            return .failed
        }
        do throws(NetFailure) {
            for rule in rules {
                guard rule.hasHead(Sym.Rule) || rule.hasHead(Sym.RuleDelayed), rule.args.count == 2 else {
                    c.message("invspec", rule)
                    return .failed
                }
                let key = rule.args[0]
                let path = key.hasHead(Sym.List) ? key.args : [key]
                guard !path.isEmpty else { throw NetFailure("netnopart", key) }
                net = try net.replacing(path, with: rule.args[1])
            }
        } catch {
            error.issue(c.kernel, c.head)
            return .failed
        }
        return .native(net)
    }
}

/// `NetExtract[spec]`: the operator form, applied to a net as `NetExtract[spec][net]`.
final class NetExtractOperator: ApplicableObject {
    let spec: Expr
    init(spec: Expr) { self.spec = spec }
    var head: Symbol { Sym.NetExtract }
    var inputForm: Expr { .call(Sym.NetExtract, spec) }
    var summary: String { "NetExtract[" + OutputForm.format(spec) + "]" }
    func isSame(as other: any NativeObject) -> Bool { (other as? NetExtractOperator)?.spec == spec }
    func hash(into h: inout Hasher) { h.combine(spec) }
    func apply(_ args: [Expr], kernel: Kernel) throws(EvaluationControl) -> Expr? {
        guard args.count == 1 else { return nil }
        return try kernel.eval(.call(Sym.NetExtract, args[0], spec))
    }
}
