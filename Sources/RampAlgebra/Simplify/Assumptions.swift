import RampKernel
import RampSyntax

/// Assumptions: `Refine`, `Assuming`, `$Assumptions`, `Element`, and what `Simplify[expr, assum]`
/// knows.
///
/// Assumptions are read into facts about expressions (usually symbols): a lower and an upper bound
/// (strict or not) from `x > c`, `c <= x < d`, …, and the domain from `Element[x, Reals]`,
/// `Element[{x, y}, Integers]`; `x != 0`; conjunctions of these. Other assumptions are kept and
/// ignored. From the facts, signs of sums, products and powers are inferred, and Refine rewrites
/// bottom-up: `Sqrt[x^2]` → `x` (x ≥ 0) or `-x` (x ≤ 0) or `Abs[x]` (real x), `(x^a)^b` → `x^(a b)`
/// (x > 0), `Abs`, `Sign`, `Re`, `Im`, `Conjugate`, `Arg`, `Floor`, `Ceiling`, `Round`, `Log[E^x]`,
/// `Sin[n Pi]`, `Cos[n Pi]`, `(-1)^(2 n)` for integer n, and relations decided by the bounds.
struct Assumptions {
    struct Fact {
        var lower: (value: Double, strict: Bool)?
        var upper: (value: Double, strict: Bool)?
        var real = false
        var integer = false
        var nonzero = false
    }

    private(set) var facts: [Expr: Fact] = [:]

    /// The facts in `assumption` (`True` gives none).
    init(_ assumption: Expr, kernel: Kernel) {
        read(assumption, kernel: kernel)
    }

    private mutating func update(_ e: Expr, _ change: (inout Fact) -> Void) {
        var f = facts[e] ?? Fact()
        change(&f)
        facts[e] = f
    }

    private mutating func bound(_ e: Expr, below c: Double?, above d: Double?, strict: Bool) {
        update(e) { f in
            f.real = true
            if let c, f.lower.map({ c > $0.value || (c == $0.value && strict) }) ?? true { f.lower = (c, strict) }
            if let d, f.upper.map({ d < $0.value || (d == $0.value && strict) }) ?? true { f.upper = (d, strict) }
        }
    }

    private mutating func read(_ a: Expr, kernel: Kernel) {
        guard case .normal(let n) = a, let h = n.head.symbol else { return }
        let args = Array(n.args)
        switch h.name {
        case "And", "List": for x in args { read(x, kernel: kernel) }
        case "Element" where args.count == 2:
            let members = args[0].headSymbol === Sym.Alternatives || args[0].isList ? Array(args[0].args) : [args[0]]
            for m in members {
                switch args[1].symbol?.name {
                case "Reals"?: update(m) { $0.real = true }
                case "Integers"?: update(m) { $0.real = true; $0.integer = true }
                case "Rationals"?, "Algebraics"?: update(m) { $0.real = args[1].symbol?.name == "Rationals" || $0.real }
                case "Primes"?: update(m) { $0.real = true; $0.integer = true }; bound(m, below: 2, above: nil, strict: false)
                default: break
                }
            }
        case "Unequal" where args.count == 2:
            if args[1] == .integer(0) { update(args[0]) { $0.nonzero = true } }
            else if args[0] == .integer(0) { update(args[1]) { $0.nonzero = true } }
        case "Less", "LessEqual", "Greater", "GreaterEqual":
            for i in 1..<max(args.count, 1) { relation(args[i - 1], h.name, args[i], kernel: kernel) }
        case "Inequality" where args.count >= 3 && args.count % 2 == 1:
            for i in stride(from: 1, to: args.count, by: 2) {
                if let op = args[i].symbol?.name { relation(args[i - 1], op, args[i + 1], kernel: kernel) }
            }
        default: break
        }
    }

    private mutating func relation(_ a: Expr, _ op: String, _ b: Expr, kernel: Kernel) {
        let strict = op == "Less" || op == "Greater"
        let less = op == "Less" || op == "LessEqual"
        if let c = Self.number(b, kernel: kernel), Self.number(a, kernel: kernel) == nil {
            // a < c, a > c
            less ? bound(a, below: nil, above: c, strict: strict) : bound(a, below: c, above: nil, strict: strict)
        } else if let c = Self.number(a, kernel: kernel), Self.number(b, kernel: kernel) == nil {
            less ? bound(b, below: c, above: nil, strict: strict) : bound(b, below: nil, above: c, strict: strict)
        }
    }

    static func number(_ e: Expr, kernel: Kernel) -> Double? {
        guard e.isNumber || isNumericConstant(e) else { return nil }
        switch kernel.evaluate(.call(Sym.N, e)) {
        case .integer(let i): return Double(i)
        case .real(let d): return d
        default: return nil
        }
    }

    static func isNumericConstant(_ e: Expr) -> Bool {
        switch e {
        case .symbol(let s): return ["Pi", "E", "Degree", "GoldenRatio", "EulerGamma", "Catalan"].contains(s.name)
        case .normal(let n): return n.args.allSatisfy { $0.isNumber || isNumericConstant($0) } && n.head.symbol.map { ["Plus", "Times", "Power", "Sqrt", "Log", "Exp"].contains($0.name) } == true
        default: return false
        }
    }

    // MARK: Inference

    /// What is known of `e`: sign bounds and domain.
    func known(_ e: Expr, kernel: Kernel) -> Fact {
        if let f = facts[e] { return f }
        if let v = Self.number(e, kernel: kernel) {
            var f = Fact(lower: (v, false), upper: (v, false), real: true, integer: e.int != nil, nonzero: v != 0)
            f.integer = e.int != nil || e.bigIntegerValue != nil
            return f
        }
        guard case .normal(let n) = e, let h = n.head.symbol else { return Fact() }
        let parts = n.args.map { known($0, kernel: kernel) }
        switch h.name {
        case "Plus":
            var f = Fact(real: parts.allSatisfy(\.real), integer: parts.allSatisfy(\.integer))
            if parts.allSatisfy({ $0.lower != nil }) {
                f.lower = (parts.reduce(0) { $0 + $1.lower!.value }, parts.contains { $0.lower!.strict })
            }
            if parts.allSatisfy({ $0.upper != nil }) {
                f.upper = (parts.reduce(0) { $0 + $1.upper!.value }, parts.contains { $0.upper!.strict })
            }
            return f
        case "Times":
            // Signs only: the product of signs, when each factor's sign is known.
            var f = Fact(real: parts.allSatisfy(\.real), integer: parts.allSatisfy(\.integer), nonzero: parts.allSatisfy { $0.nonzero || Self.positive($0) || Self.negative($0) })
            var sign = 1
            for p in parts {
                if Self.positive(p) { continue }
                if Self.negative(p) { sign = -sign; continue }
                return f
            }
            if sign > 0 { f.lower = (0, true) } else { f.upper = (0, true) }
            return f
        case "Power" where n.args.count == 2:
            let (base, exponent) = (parts[0], n.args[1])
            if Self.positive(base), parts[1].real { return Fact(lower: (0, true), real: true, nonzero: true) }
            if base.real, let k = exponent.int {
                let nonzero = base.nonzero || Self.positive(base) || Self.negative(base)
                if k % 2 == 0 { return Fact(lower: (0, nonzero), real: true, nonzero: nonzero) }
                if Self.positive(base) { return Fact(lower: (0, true), real: true, nonzero: true) }
                if Self.negative(base) { return Fact(upper: (0, true), real: true, nonzero: true) }
                return Fact(real: k > 0 || nonzero)
            }
            if Self.nonnegative(base), exponent == .rational(1, over: 2) { return Fact(lower: (0, false), real: true) }
            return Fact()
        case "Abs": return Fact(lower: (0, false), real: true)
        case "Exp": return parts[0].real ? Fact(lower: (0, true), real: true, nonzero: true) : Fact()
        default: return Fact()
        }
    }

    static func positive(_ f: Fact) -> Bool { f.lower.map { $0.value > 0 || ($0.value == 0 && $0.strict) } ?? false }
    static func negative(_ f: Fact) -> Bool { f.upper.map { $0.value < 0 || ($0.value == 0 && $0.strict) } ?? false }
    static func nonnegative(_ f: Fact) -> Bool { f.lower.map { $0.value >= 0 } ?? false }
    static func nonpositive(_ f: Fact) -> Bool { f.upper.map { $0.value <= 0 } ?? false }
}

private extension Expr {
    var bigIntegerValue: BigInt? { if case .bigInteger(let b) = self { return b } else { return nil } }
}
