#if canImport(Glibc)
import Glibc
#endif
import RampKernel
import RampSyntax

/// A scalar function of one variable built from elementary operations, evaluated with its
/// derivative (forward-mode dual numbers) for the backward pass.
indirect enum ScalarFunction: Hashable, Sendable {
    case x
    case constant(Double)
    case sum([ScalarFunction])
    case product([ScalarFunction])
    case power(ScalarFunction, ScalarFunction)
    case min([ScalarFunction])
    case max([ScalarFunction])
    case unary(String, ScalarFunction)

    static let unaryNames: Set<String> = [
        "Ramp", "Tanh", "LogisticSigmoid", "Sin", "Cos", "Tan", "Exp", "Log", "Sqrt", "Abs", "ArcTan",
        "Sinh", "Cosh", "Erf", "Sign", "Floor", "Ceiling", "Round", "CubeRoot",
    ]

    /// The named activations of `ElementwiseLayer["name"]`.
    static func named(_ name: String) -> ScalarFunction? {
        let x = ScalarFunction.x
        switch name {
        case "ReLU": return .unary("Ramp", x)
        case "Sigmoid": return .unary("LogisticSigmoid", x)
        case "ELU": return .unary("ELU", x)
        case "SELU": return .unary("SELU", x)
        case "GELU": return .product([x, .constant(0.5), .sum([.constant(1), .unary("Erf", .product([x, .constant(0.7071067811865476)]))])])
        case "Swish": return .product([x, .unary("LogisticSigmoid", x)])
        case "SoftPlus": return .unary("Log", .sum([.constant(1), .unary("Exp", x)]))
        case "SoftSign": return .product([x, .power(.sum([.constant(1), .unary("Abs", x)]), .constant(-1))])
        case "HardTanh": return .max([.constant(-1), .min([.constant(1), x])])
        case "HardSigmoid": return .max([.constant(0), .min([.constant(1), .sum([.product([.constant(0.2), x]), .constant(0.5)])])])
        case "Mish": return .product([x, .unary("Tanh", .unary("Log", .sum([.constant(1), .unary("Exp", x)])))])
        default: return nil
        }
    }

    /// Reads a pure function (`#`-slot or named-variable form) or a symbol such as `Tanh`.
    static func parse(_ f: Expr) -> ScalarFunction? {
        if let s = f.symbol { return unaryNames.contains(s.name) ? .unary(s.name, .x) : nil }
        guard f.hasHead(Sym.Function) else { return nil }
        let a = f.args
        if a.count == 1 { return body(a[0], variable: nil) }
        if a.count >= 2 {
            let v = a[0].hasHead(Sym.List) ? a[0].args.first?.symbol : a[0].symbol
            guard let v, a[0].args.count <= 1 else { return nil }
            return body(a[1], variable: v)
        }
        return nil
    }

    private static func body(_ e: Expr, variable: Symbol?) -> ScalarFunction? {
        func go(_ e: Expr) -> ScalarFunction? {
            switch e {
            case .integer(let i): return .constant(Double(i))
            case .real(let d): return .constant(d)
            case .rational(let n, let d): return .constant(Double(n) / Double(d))
            case .symbol(let s):
                if let variable, s === variable { return .x }
                if s.name == "Pi" { return .constant(.pi) }
                if s.name == "E" { return .constant(2.718281828459045) }
                return nil
            default: break
            }
            guard case .normal(let n) = e, let h = n.head.symbol else { return nil }
            var parts: [ScalarFunction] = []
            for a in n.args { guard let p = go(a) else { return nil }; parts.append(p) }
            switch h.name {
            case "Slot" where variable == nil && (n.args.isEmpty || n.args == [1]): return .x
            case "Plus": return .sum(parts)
            case "Times": return .product(parts)
            case "Power" where parts.count == 2: return .power(parts[0], parts[1])
            case "Subtract" where parts.count == 2: return .sum([parts[0], .product([.constant(-1), parts[1]])])
            case "Minus" where parts.count == 1: return .product([.constant(-1), parts[0]])
            case "Divide" where parts.count == 2: return .product([parts[0], .power(parts[1], .constant(-1))])
            case "Min" where !parts.isEmpty: return .min(parts)
            case "Max" where !parts.isEmpty: return .max(parts)
            case "Sqrt" where parts.count == 1: return .power(parts[0], .constant(0.5))
            default:
                if parts.count == 1, unaryNames.contains(h.name) { return .unary(h.name, parts[0]) }
                return nil
            }
        }
        return go(e)
    }

    /// (f(x), f'(x)).
    func evaluate(_ v: Double) -> (Double, Double) {
        switch self {
        case .x: return (v, 1)
        case .constant(let c): return (c, 0)
        case .sum(let ps):
            var s = 0.0, d = 0.0
            for p in ps { let (a, b) = p.evaluate(v); s += a; d += b }
            return (s, d)
        case .product(let ps):
            var s = 1.0, d = 0.0
            for p in ps { let (a, b) = p.evaluate(v); d = d * a + s * b; s *= a }
            return (s, d)
        case .power(let b, let e):
            let (bv, bd) = b.evaluate(v), (ev, ed) = e.evaluate(v)
            let p = pow(bv, ev)
            var d = ev * pow(bv, ev - 1) * bd
            if ed != 0 { d += p * log(bv) * ed }
            return (p, d)
        case .min(let ps), .max(let ps):
            var best = ps[0].evaluate(v)
            for p in ps.dropFirst() {
                let c = p.evaluate(v)
                if case .min = self { if c.0 < best.0 { best = c } } else if c.0 > best.0 { best = c }
            }
            return best
        case .unary(let name, let inner):
            let (a, da) = inner.evaluate(v)
            let (f, df) = Self.apply(name, a)
            return (f, df * da)
        }
    }

    static func apply(_ name: String, _ a: Double) -> (Double, Double) {
        switch name {
        case "Ramp": return a > 0 ? (a, 1) : (0, 0)
        case "Tanh": let t = tanh(a); return (t, 1 - t * t)
        case "LogisticSigmoid": let s = 1 / (1 + exp(-a)); return (s, s * (1 - s))
        case "Sin": return (sin(a), cos(a))
        case "Cos": return (cos(a), -sin(a))
        case "Tan": let t = tan(a); return (t, 1 + t * t)
        case "Exp": let e = exp(a); return (e, e)
        case "Log": return (log(a), 1 / a)
        case "Sqrt": let r = a.squareRoot(); return (r, 0.5 / r)
        case "CubeRoot": let r = cbrt(a); return (r, 1 / (3 * r * r))
        case "Abs": return (Swift.abs(a), a > 0 ? 1 : (a < 0 ? -1 : 0))
        case "ArcTan": return (atan(a), 1 / (1 + a * a))
        case "Sinh": return (sinh(a), cosh(a))
        case "Cosh": return (cosh(a), sinh(a))
        case "Erf": return (erf(a), 1.1283791670955126 * exp(-a * a))
        case "Sign": return (a > 0 ? 1 : (a < 0 ? -1 : 0), 0)
        case "Floor": return (a.rounded(.down), 0)
        case "Ceiling": return (a.rounded(.up), 0)
        case "Round": return (a.rounded(.toNearestOrEven), 0)
        case "ELU": return a >= 0 ? (a, 1) : (exp(a) - 1, exp(a))
        case "SELU":
            return a >= 0 ? (1.0507009873554805 * a, 1.0507009873554805)
                : (1.758099340847161 * (exp(a) - 1), 1.758099340847161 * exp(a))
        default: return (.nan, .nan)
        }
    }
}

/// `ElementwiseLayer[f]`: applies f to every element; no arrays.
public final class ElementwiseLayer: NetLayer {
    /// The function as given (`Ramp`, `"SELU"`, `Max[#, 0] &`).
    public let spec: Expr
    let function: ScalarFunction
    public let inputShape: PortShape?

    init(spec: Expr, function: ScalarFunction, inputShape: PortShape?) {
        self.spec = spec
        self.function = function
        self.inputShape = inputShape
    }

    /// Builds the layer from a function spec; nil when the spec is not supported.
    static func make(_ spec: Expr, inputShape: PortShape? = nil) -> ElementwiseLayer? {
        let f: ScalarFunction?
        if let name = spec.string { f = ScalarFunction.named(name) } else { f = ScalarFunction.parse(spec) }
        return f.map { ElementwiseLayer(spec: spec, function: $0, inputShape: inputShape) }
    }

    public var head: Symbol { Sym.ElementwiseLayer }
    public var outputShape: PortShape? { inputShape }
    public var inputPhrase: String { inputShape.map { Shapes.phrase($0) } ?? "an array of real numbers" }
    public var arraySlots: [NetArraySlot] { [] }
    public var isInitialized: Bool { true }

    public func inferred(input shape: PortShape) throws(NetFailure) -> any NetLayer {
        if let own = inputShape, !(own.count == shape.count && zip(own, shape).allSatisfy { $0 == .varying || $0 == $1 }) {
            throw NetFailure("invindata1", text("port \"Input\""), text(Shapes.phrase(shape)), text(Shapes.phrase(own)))
        }
        return ElementwiseLayer(spec: spec, function: function, inputShape: shape)
    }

    public func initialized(overwrite: Bool, random: inout NetRandom) throws(NetFailure) -> any NetModel { self }
    public func deinitialized() -> any NetModel { self }
    public func withArrayValues(_ values: [Tensor]) -> any NetLayer { self }

    public var partNames: [Expr] { ["Function", "Input", "Output"] }
    public func extract(_ name: Expr) -> Expr? {
        switch name {
        case "Function": return spec
        case "Input": return Shapes.userForm(inputShape)
        case "Output": return Shapes.userForm(outputShape)
        default: return nil
        }
    }

    public func replacing(_ path: [Expr], with value: Expr) throws(NetFailure) -> any NetModel {
        guard path.count == 1 else { throw NetFailure("netnopart", .list(path)) }
        switch path[0] {
        case "Input", "Output":
            guard let s = try Shapes.parse(value) else { throw NetFailure("invportshape", value, text("port \"Input\""), text("an array")) }
            return ElementwiseLayer(spec: spec, function: function, inputShape: s)
        case "Function":
            guard let l = ElementwiseLayer.make(value, inputShape: inputShape) else {
                throw NetFailure("netinvparam2", value, text("\"Function\""), text("a supported elementwise function was expected"))
            }
            return l
        default: throw NetFailure("netnopart", path[0])
        }
    }

    public func forward(_ x: Tensor) -> Tensor {
        let f = function
        if case .unary(let name, .x) = f, name == "Ramp" {
            return Tensor(shape: x.shape, data: x.data.map { $0 > 0 ? $0 : 0 })
        }
        return Tensor(shape: x.shape, data: x.data.map { Float(f.evaluate(Double($0)).0) })
    }

    public func backward(input x: Tensor, output y: Tensor, gradient dy: Tensor) -> (input: Tensor, arrays: [Tensor]) {
        let f = function
        var dx = [Float](repeating: 0, count: x.count)
        for i in 0..<x.count { dx[i] = dy.data[i] * Float(f.evaluate(Double(x.data[i])).1) }
        return (Tensor(shape: x.shape, data: dx), [])
    }

    public var inputForm: Expr {
        var args = [spec]
        if let s = inputShape { args.append(.call(Sym.Rule, "Input", Shapes.userForm(s))) }
        return .call(head, args)
    }

    public var summary: String {
        "ElementwiseLayer[Function: \(OutputForm.format(spec)) | Input: \(Shapes.describe(inputShape)) | Output: \(Shapes.describe(outputShape))]"
    }

    public func isSame(as other: any NativeObject) -> Bool {
        guard let o = other as? ElementwiseLayer else { return false }
        return o.spec == spec && o.inputShape == inputShape
    }

    static func construct(_ args: [Expr]) throws(NetFailure) -> ElementwiseLayer {
        guard let spec = args.first, !spec.hasHead(Sym.Rule) else {
            throw NetFailure("argcnterr", text("ElementwiseLayer provided with 0 parameters; 1 parameter is expected."))
        }
        var input: PortShape? = nil
        for rule in args.dropFirst() {
            guard rule.hasHead(Sym.Rule), rule.args.count == 2 else {
                throw NetFailure("argcnterr", text("ElementwiseLayer provided with \(args.count) parameters; 1 parameter is expected."))
            }
            switch rule.args[0] {
            case "Input", "Output":
                guard let s = try Shapes.parse(rule.args[1]) else { throw NetFailure("invportshape", rule.args[1], text("port \"Input\""), text("an array")) }
                input = s
            case .string(let name):
                throw NetFailure("netunkparam", quoted(name), text("ElementwiseLayer"), text(allowedList(["\"Input\"", "\"Output\""])))
            default:
                throw NetFailure("netinvrule", rule, text("ElementwiseLayer"))
            }
        }
        guard let layer = make(spec, inputShape: input) else {
            throw NetFailure("netinvparam2", spec, text("the function"), text("a supported elementwise function (Ramp, Tanh, LogisticSigmoid, \"ReLU\", \"ELU\", \"SELU\", \"GELU\", \"Swish\", \"SoftPlus\", … or a pure function of them) was expected"))
        }
        return layer
    }
}
