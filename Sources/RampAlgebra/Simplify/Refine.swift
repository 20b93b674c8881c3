import RampKernel
import RampSyntax

/// `Refine[expr, assum]`, `Assuming[assum, expr]`, `$Assumptions` (initially `True`) and
/// `Element[x, dom]` (decided for explicit numbers). See `Assumptions` for what is known and used.
enum Refinement {
    static let assumptionsSymbol = Symbol.named("$Assumptions")

    static func install(_ k: Kernel) {
        k.define("Refine", arguments: ArgumentCount(1, 2), usage: "Refine[expr, assum] gives the form of expr that would be obtained if symbols in it were replaced by explicit numerical expressions satisfying the assumptions assum.\nRefine[expr] uses default assumptions specified by any enclosing Assuming constructs.") { call throws(EvaluationControl) in
            let assumptions = try current(call.args.count == 2 ? call.args[1] : nil, kernel: call.kernel)
            return try refine(call.args[0], assumptions, kernel: call.kernel)
        }
        k.define(BuiltinSpec("Assuming", attributes: [.holdRest], arguments: .exactly(2), usage: "Assuming[assum, expr] evaluates expr with assum appended to $Assumptions, so that assum is included in the default assumptions used by functions such as Refine, Simplify, and Integrate.") { call throws(EvaluationControl) in
            let kernel = call.kernel
            let combined = try kernel.eval(.call(Symbol.named("And"), kernel.evaluate(.symbol(assumptionsSymbol)), call.args[0]))
            return try kernel.withBlockedSymbol(assumptionsSymbol) { (set: (Expr) -> Void) throws(EvaluationControl) -> Expr in
                set(combined)
                return try kernel.eval(call.args[1])
            }
        })
        k.define("Element", arguments: .exactly(2), usage: "Element[x, dom] or x ∈ dom asserts that x is an element of the domain dom.\nElement[x1 | x2 | …, dom] asserts that all the xi are elements of dom.") { call throws(EvaluationControl) in
            guard let domain = call.args[1].symbol?.name else { return nil }
            let members = call.args[0].headSymbol === Sym.Alternatives ? Array(call.args[0].args) : [call.args[0]]
            var all = true
            for m in members {
                guard let inside = try member(m, domain, kernel: call.kernel) else { return nil }
                all = all && inside
            }
            return .symbol(all ? Sym.True : Sym.False)
        }
        k.evaluate(.call(Sym.Set, .symbol(assumptionsSymbol), .symbol(Sym.True)))
    }

    /// Whether the explicit number `e` is in `domain`; nil when that is not decided.
    static func member(_ e: Expr, _ domain: String, kernel: Kernel) throws(EvaluationControl) -> Bool? {
        let isInteger: Bool
        switch e {
        case .integer, .bigInteger: isInteger = true
        case .rational, .real, .bigReal, .complex: isInteger = false
        default:
            if e == .symbol(Sym.True) || e == .symbol(Sym.False) { return domain == "Booleans" }
            if Assumptions.isNumericConstant(e), domain == "Reals" || domain == "Complexes" { return true }
            return nil
        }
        let real: Bool
        if case .complex = e { real = false } else { real = true }
        switch domain {
        case "Integers": return isInteger
        case "Rationals":
            if case .real = e { return nil }
            if case .bigReal = e { return nil }
            return real
        case "Reals": return real
        case "Complexes": return true
        case "Algebraics":
            if isInteger { return true }
            if case .rational = e { return true }
            return nil
        case "Primes":
            guard isInteger else { return false }
            return try kernel.eval(.call(Symbol.named("PrimeQ"), e)) == .symbol(Sym.True)
        case "Booleans": return false
        default: return nil
        }
    }

    /// The facts of `given` (if any) and of `$Assumptions`.
    static func current(_ given: Expr?, kernel: Kernel) throws(EvaluationControl) -> Assumptions {
        let global = kernel.evaluate(.symbol(assumptionsSymbol))
        let all: Expr = given.map { .call(Symbol.named("And"), global, $0) } ?? global
        return Assumptions(all, kernel: kernel)
    }

    /// `e` rewritten bottom-up under the assumptions.
    static func refine(_ e: Expr, _ a: Assumptions, kernel: Kernel) throws(EvaluationControl) -> Expr {
        if a.facts.isEmpty { return e }
        return try TrigTransformations.rewrite(e, kernel: kernel) { n throws(EvaluationControl) in
            try rule(n, a, kernel: kernel)
        }
    }

    private static func rule(_ n: Normal, _ a: Assumptions, kernel: Kernel) throws(EvaluationControl) -> Expr? {
        guard let h = n.head.symbol else { return nil }
        let args = Array(n.args)
        func fact(_ e: Expr) -> Assumptions.Fact { a.known(e, kernel: kernel) }
        func negated(_ e: Expr) -> Expr { .call(Sym.Times, -1, e) }
        switch (h.name, args.count) {
        case ("Power", 2):
            let (base, exponent) = (args[0], args[1])
            // (x^p)^q
            if base.headSymbol === Sym.Power, base.args.count == 2 {
                let (x, p) = (base.args[0], base.args[1])
                if Assumptions.positive(fact(x)) && fact(p).real && fact(exponent).real {
                    return .call(Sym.Power, x, .call(Sym.Times, p, exponent))
                }
                // (x^(2k))^(1/2) for real x: Abs[x]^k; x's sign decides.
                if exponent == .rational(1, over: 2), let k = p.int, k % 2 == 0, fact(x).real {
                    let f = fact(x)
                    let magnitude: Expr = Assumptions.nonnegative(f) ? x : Assumptions.nonpositive(f) ? negated(x) : .call(Symbol.named("Abs"), x)
                    return .call(Sym.Power, magnitude, .integer(k / 2))
                }
            }
            // (-1)^(2 n) and (-1)^n for integer n
            if base == .integer(-1), exponent.headSymbol === Sym.Times, exponent.args.count == 2, exponent.args[0] == .integer(2), fact(exponent.args[1]).integer {
                return .integer(1)
            }
            return nil
        case ("Abs", 1):
            let f = fact(args[0])
            if Assumptions.nonnegative(f) { return args[0] }
            if Assumptions.nonpositive(f) { return negated(args[0]) }
            return nil
        case ("Sign", 1):
            let f = fact(args[0])
            if Assumptions.positive(f) { return .integer(1) }
            if Assumptions.negative(f) { return .integer(-1) }
            return nil
        case ("Re", 1): return fact(args[0]).real ? args[0] : nil
        case ("Im", 1): return fact(args[0]).real ? .integer(0) : nil
        case ("Conjugate", 1): return fact(args[0]).real ? args[0] : nil
        case ("Arg", 1):
            let f = fact(args[0])
            if Assumptions.positive(f) { return .integer(0) }
            if Assumptions.negative(f) { return .symbol(Sym.Pi) }
            return nil
        case ("Floor", 1), ("Ceiling", 1), ("Round", 1), ("IntegerPart", 1):
            return fact(args[0]).integer ? args[0] : nil
        case ("Log", 1):
            if args[0].headSymbol === Sym.Power, args[0].args.count == 2, args[0].args[0] == .symbol(Sym.E), fact(args[0].args[1]).real {
                return args[0].args[1]
            }
            return nil
        case ("Sin", 1), ("Cos", 1):
            // Sin[n Pi] = 0, Cos[n Pi] = (-1)^n for integer n.
            guard args[0].headSymbol === Sym.Times, args[0].args.count == 2, args[0].args[1] == .symbol(Sym.Pi), fact(args[0].args[0]).integer else { return nil }
            return h.name == "Sin" ? .integer(0) : .call(Sym.Power, -1, args[0].args[0])
        case ("Less", 2), ("LessEqual", 2), ("Greater", 2), ("GreaterEqual", 2):
            // Decided when the bounds of the difference settle it.
            let difference = try kernel.eval(.call(Sym.Plus, args[0], negated(args[1])))
            let f = fact(difference)
            let less = h.name.hasPrefix("Less"), strict = h.name == "Less" || h.name == "Greater"
            let below = strict ? Assumptions.negative(f) : Assumptions.nonpositive(f)
            let above = strict ? Assumptions.positive(f) : Assumptions.nonnegative(f)
            let notBelow = strict ? Assumptions.nonnegative(f) : Assumptions.positive(f)
            let notAbove = strict ? Assumptions.nonpositive(f) : Assumptions.negative(f)
            if less ? below : above { return .symbol(Sym.True) }
            if less ? notBelow : notAbove { return .symbol(Sym.False) }
            return nil
        case ("Element", 2):
            let f = fact(args[0])
            switch args[1].symbol?.name {
            case "Reals"?: return f.real ? .symbol(Sym.True) : nil
            case "Integers"?: return f.integer ? .symbol(Sym.True) : nil
            default: return nil
            }
        default: return nil
        }
    }
}
