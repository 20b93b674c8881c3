import RampKernel
import RampSyntax
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How `NetInitialize` fills weight arrays (its `Method` option, wolfram-nn.md §3.1). Biases start
/// at zero unless `"Random"` gives them a distribution; a `"Slope"` is always 0.1.
public enum WeightInitialization: Sendable, Equatable {
    /// Variance 2/(fan-in + fan-out) (Glorot); uniform in ±√(3·variance), or normal.
    case xavier(normal: Bool)
    /// Variance 2/fan-in (He); uniform in ±√(3·variance), or normal.
    case kaiming(normal: Bool)
    /// Weights (and biases, when given) drawn from fixed distributions.
    case random(weights: WeightDistribution, biases: WeightDistribution?)

    /// `Method -> Automatic`: Xavier with uniform values (what Ramp has always done).
    public static let automatic = WeightInitialization.xavier(normal: false)

    /// Reads a `Method` setting: `Automatic`, `"Xavier"`, `"Kaiming"`, `"Random"`, or
    /// `{method, "Distribution" -> "Normal"|"Uniform"}` / `{"Random", "Weights" -> d, "Biases" -> d}`
    /// where d is a standard deviation, `NormalDistribution[m, s]`, `UniformDistribution[{a, b}]` or
    /// (for biases) `None`. Nil for anything else.
    public static func parse(_ e: Expr) -> WeightInitialization? {
        if e == .automatic { return .automatic }
        var name = e.string
        var suboptions: [Expr] = []
        if e.hasHead(Sym.List), let first = e.args.first?.string {
            name = first
            suboptions = Array(e.args.dropFirst())
        }
        var settings: [String: Expr] = [:]
        for s in suboptions {
            guard s.hasHead(Sym.Rule) || s.hasHead(Sym.RuleDelayed), s.args.count == 2, let key = s.args[0].string else { return nil }
            settings[key] = s.args[1]
        }
        switch name {
        case "Xavier", "Kaiming":
            guard Set(settings.keys).isSubset(of: ["Distribution"]) else { return nil }
            let normal: Bool
            switch settings["Distribution"] {
            case nil, .string("Normal")?: normal = true
            case .string("Uniform")?: normal = false
            default: return nil
            }
            return name == "Xavier" ? .xavier(normal: normal) : .kaiming(normal: normal)
        case "Random":
            guard Set(settings.keys).isSubset(of: ["Weights", "Biases"]) else { return nil }
            guard let weights = settings["Weights"].map(WeightDistribution.parse) ?? .normal(mean: 0, sd: 1) else { return nil }
            var biases: WeightDistribution? = nil
            if let b = settings["Biases"], b != .symbol(Sym.None) {
                guard let d = WeightDistribution.parse(b) else { return nil }
                biases = d
            }
            return .random(weights: weights, biases: biases)
        default:
            return nil
        }
    }

    /// Fills a weight array whose last dimension is the fan-in and whose other dimensions multiply
    /// to the fan-out.
    func weights(_ dims: [Int], random: inout NetRandom) -> Tensor {
        let fanIn = Double(dims.last ?? 1), fanOut = Double(dims.dropLast().reduce(1, *))
        let distribution: WeightDistribution
        switch self {
        case .xavier(let normal): distribution = .scaled(twoOver: fanIn + fanOut, normal: normal)
        case .kaiming(let normal): distribution = .scaled(twoOver: Swift.max(fanIn, 1), normal: normal)
        case .random(let w, _): distribution = w
        }
        return distribution.tensor(dims, random: &random)
    }

    /// Fills a bias array: zero, or from `"Random"`'s `"Biases"` distribution.
    func biases(_ dims: [Int], random: inout NetRandom) -> Tensor {
        if case .random(_, let b?) = self { return b.tensor(dims, random: &random) }
        return Tensor(shape: dims, repeating: 0)
    }
}

/// A distribution of initial values.
public enum WeightDistribution: Sendable, Equatable {
    case normal(mean: Double, sd: Double)
    case uniform(Double, Double)

    /// Zero mean and variance 2/n: normal, or uniform in ±√(6/n).
    static func scaled(twoOver n: Double, normal: Bool) -> WeightDistribution {
        let bound = (6 / n).squareRoot()
        return normal ? .normal(mean: 0, sd: (2 / n).squareRoot()) : .uniform(-bound, bound)
    }

    /// A standard deviation (normal, mean 0), `NormalDistribution[m, s]` or `UniformDistribution[{a, b}]`.
    static func parse(_ e: Expr) -> WeightDistribution? {
        func real(_ x: Expr) -> Double? { TrainingConfig.realValue(x) }
        if let s = real(e), s >= 0 { return .normal(mean: 0, sd: s) }
        guard case .normal(let n) = e, let head = n.head.symbol?.name else { return nil }
        switch head {
        case "NormalDistribution" where n.args.isEmpty: return .normal(mean: 0, sd: 1)
        case "NormalDistribution" where n.args.count == 2:
            guard let m = real(n.args[0]), let s = real(n.args[1]), s > 0 else { return nil }
            return .normal(mean: m, sd: s)
        case "UniformDistribution" where n.args.isEmpty: return .uniform(0, 1)
        case "UniformDistribution" where n.args.count == 1 && n.args[0].hasHead(Sym.List) && n.args[0].args.count == 2:
            guard let a = real(n.args[0].args[0]), let b = real(n.args[0].args[1]), a <= b else { return nil }
            return .uniform(a, b)
        default: return nil
        }
    }

    func tensor(_ dims: [Int], random: inout NetRandom) -> Tensor {
        var t = Tensor(shape: dims, repeating: 0)
        for i in 0..<t.count {
            switch self {
            case .normal(let m, let s): t.data[i] = Float(m + s * random.standardNormal())
            case .uniform(let a, let b) where a == -b: t.data[i] = random.symmetric(b)
            case .uniform(let a, let b): t.data[i] = Float(a + (b - a) * random.uniform())
            }
        }
        return t
    }
}

extension NetRandom {
    /// A standard normal value (Box–Muller from two uniforms).
    public mutating func standardNormal() -> Double {
        let u1 = 1 - uniform(), u2 = uniform()     // u1 in (0, 1]: its logarithm is finite
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
