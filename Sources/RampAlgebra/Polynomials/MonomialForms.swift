import RampKernel
import RampSyntax

/// Polynomials as lists of monomials and in nested form: `CoefficientRules`, `MonomialList`,
/// `FromCoefficientRules`, `HornerForm`.
///
/// The monomials are read from the expanded expression: each term splits into non-negative integer
/// powers of the variables and a coefficient free of them (numbers of any kind, parameters).
enum MonomialForms {
    static func install(_ k: Kernel) {
        for name in ["CoefficientRules", "MonomialList"] {
            k.setMessage(name, "mord", "`1` is not a valid monomial order.")
        }
        k.define("CoefficientRules", arguments: ArgumentCount(1, 3), usage: "CoefficientRules[poly, {x1, x2, …}] gives the list {{e11, e12, …} -> c1, {e21, …} -> c2, …} of exponent vectors and coefficients for the monomials in poly with respect to the xi.\nCoefficientRules[poly, {x1, x2, …}, order] gives the result with the monomial ordering specified by order.") { call throws(EvaluationControl) in
            guard let (vars, order) = try arguments(call) else { return nil }
            guard let monomials = try monomials(call.args[0], vars, kernel: call.kernel) else { return nil }
            if monomials.count == 1, monomials[0].coefficient == .integer(0) { return .list([]) }
            return .list(sorted(monomials, order).map { .call(Sym.Rule, .list($0.exponents.map { .integer($0) }), $0.coefficient) })
        }

        k.define("MonomialList", arguments: ArgumentCount(1, 3), usage: "MonomialList[poly] gives the list of all monomials in the polynomial poly.\nMonomialList[poly, {x1, x2, …}] gives the list of monomials with respect to the xi.\nMonomialList[poly, {x1, x2, …}, order] gives the monomials in the specified order.") { call throws(EvaluationControl) in
            guard let (vars, order) = try arguments(call) else { return nil }
            guard let monomials = try monomials(call.args[0], vars, kernel: call.kernel) else { return nil }
            return .list(sorted(monomials, order).map { m in
                call.kernel.evaluate(.call(Sym.Times, [m.coefficient] + zip(vars, m.exponents).map { .call(Sym.Power, $0, .integer($1)) }))
            })
        }

        k.define("FromCoefficientRules", arguments: .exactly(2), usage: "FromCoefficientRules[list, {x1, x2, …}] constructs a polynomial from a list of rules for exponent vectors and coefficients.") { call throws(EvaluationControl) in
            let vars = call.args[1].isList ? call.args[1].args : [call.args[1]]
            guard call.args[0].isList else { return nil }
            var terms: [Expr] = []
            for rule in call.args[0].args {
                guard rule.headSymbol === Sym.Rule, rule.args.count == 2 else { return nil }
                let exponents = rule.args[0].isList ? rule.args[0].args : [rule.args[0]]
                guard exponents.count == vars.count else { return nil }
                terms.append(.call(Sym.Times, [rule.args[1]] + zip(vars, exponents).map { .call(Sym.Power, $0, $1) }))
            }
            return try call.kernel.eval(.call(Sym.Plus, terms))
        }

        k.define("HornerForm", arguments: ArgumentCount(1, 2), usage: "HornerForm[poly] puts the polynomial poly in Horner form.\nHornerForm[poly, vars] puts poly in Horner form with respect to the variables vars.") { call throws(EvaluationControl) in
            let vars: [Expr]
            if call.args.count == 2 {
                vars = call.args[1].isList ? call.args[1].args : [call.args[1]]
                for v in vars where v.isNumber { call.kernel.message(Sym.General, "ivar", [v]); return nil }
            } else {
                vars = try variables(call.args[0], kernel: call.kernel)
            }
            let e = call.args[0]
            // A rational function: numerator and denominator each in Horner form.
            let (numerator, denominator) = try fraction(e, kernel: call.kernel)
            guard let top = try horner(numerator, vars[...], kernel: call.kernel) else { return nil }
            if denominator == .integer(1) { return top }
            guard let bottom = try horner(denominator, vars[...], kernel: call.kernel) else { return nil }
            return .call(Sym.Times, top, .call(Sym.Power, bottom, .integer(-1)))
        }
    }

    /// A monomial: the exponent of each variable and the coefficient (free of the variables).
    struct Monomial {
        var exponents: [Int]
        var coefficient: Expr
    }

    /// The monomial orderings of `MonomialList` (Wolfram's names).
    enum Order: String, CaseIterable {
        case lexicographic = "Lexicographic"
        case degreeLexicographic = "DegreeLexicographic"
        case degreeReverseLexicographic = "DegreeReverseLexicographic"
        case negativeLexicographic = "NegativeLexicographic"
        case negativeDegreeLexicographic = "NegativeDegreeLexicographic"
        case negativeDegreeReverseLexicographic = "NegativeDegreeReverseLexicographic"
    }

    /// The variables (given, `All`, or those of the polynomial) and the ordering; nil after a message.
    private static func arguments(_ call: BuiltinCall) throws(EvaluationControl) -> ([Expr], Order)? {
        let vars: [Expr]
        if call.args.count >= 2, call.args[1] != .symbol(Sym.All) {
            vars = call.args[1].isList ? call.args[1].args : [call.args[1]]
            for v in vars where v.isNumber { call.kernel.message(Sym.General, "ivar", [v]); return nil }
        } else {
            vars = try variables(call.args[0], kernel: call.kernel)
        }
        var order = Order.lexicographic
        if call.args.count == 3 {
            guard let name = call.args[2].string, let o = Order(rawValue: name) else {
                call.message("mord", call.args[2]); return nil
            }
            order = o
        }
        return (vars, order)
    }

    private static func variables(_ e: Expr, kernel: Kernel) throws(EvaluationControl) -> [Expr] {
        let v = try kernel.eval(.call(Symbol.named("Variables"), e))
        return v.isList ? v.args : []
    }

    /// The monomials of `e` in `vars` with like terms combined and zero coefficients dropped, or nil
    /// when `e` is not a polynomial in them.
    static func monomials(_ e: Expr, _ vars: [Expr], kernel: Kernel) throws(EvaluationControl) -> [Monomial]? {
        let expanded = try PolynomialBuiltins.expand(e, kernel: kernel) ?? e
        var order: [[Int]] = []
        var parts: [[Int]: [Expr]] = [:]
        for term in expanded.headSymbol === Sym.Plus ? expanded.args : [expanded] {
            try kernel.checkAbort()
            guard let (exponents, coefficient) = split(term, vars) else { return nil }
            if parts[exponents] == nil { order.append(exponents) }
            parts[exponents, default: []].append(coefficient)
        }
        var out: [Monomial] = []
        for exponents in order {
            let c = try kernel.eval(.call(Sym.Plus, parts[exponents]!))
            if c != .integer(0) { out.append(Monomial(exponents: exponents, coefficient: c)) }
        }
        if out.isEmpty { return [Monomial(exponents: vars.map { _ in 0 }, coefficient: .integer(0))] }
        return out
    }

    /// One term as powers of the variables and a coefficient free of them.
    private static func split(_ term: Expr, _ vars: [Expr]) -> ([Int], Expr)? {
        var exponents = vars.map { _ in 0 }
        var rest: [Expr] = []
        for factor in term.headSymbol === Sym.Times ? term.args : [term] {
            var base = factor, power = 1
            if factor.headSymbol === Sym.Power, factor.args.count == 2, let k = factor.args[1].int {
                base = factor.args[0]; power = k
            }
            if let i = vars.firstIndex(of: base) {
                guard power >= 0 else { return nil }
                let (sum, overflow) = exponents[i].addingReportingOverflow(power)
                if overflow { return nil }
                exponents[i] = sum
            } else {
                if vars.contains(where: { PolynomialStructure.contains(factor, $0) }) { return nil }
                rest.append(factor)
            }
        }
        return (exponents, rest.isEmpty ? .integer(1) : rest.count == 1 ? rest[0] : .call(Sym.Times, rest))
    }

    /// The monomials in `order`, the greatest first.
    static func sorted(_ monomials: [Monomial], _ order: Order) -> [Monomial] {
        func lex(_ a: [Int], _ b: [Int]) -> Bool {
            for (x, y) in zip(a, b) where x != y { return x > y }
            return false
        }
        func degree(_ a: [Int]) -> Int { a.reduce(0, &+) }
        func reverseLex(_ a: [Int], _ b: [Int]) -> Bool {
            for (x, y) in zip(a, b).reversed() where x != y { return x < y }
            return false
        }
        func before(_ a: [Int], _ b: [Int]) -> Bool {
            switch order {
            case .lexicographic: return lex(a, b)
            case .negativeLexicographic: return lex(b, a)
            case .degreeLexicographic: return degree(a) != degree(b) ? degree(a) > degree(b) : lex(a, b)
            case .negativeDegreeLexicographic: return degree(a) != degree(b) ? degree(a) < degree(b) : lex(b, a)
            case .degreeReverseLexicographic: return degree(a) != degree(b) ? degree(a) > degree(b) : reverseLex(a, b)
            case .negativeDegreeReverseLexicographic: return degree(a) != degree(b) ? degree(a) < degree(b) : reverseLex(b, a)
            }
        }
        return monomials.sorted { before($0.exponents, $1.exponents) }
    }

    /// Numerator and denominator as `Together` writes them.
    private static func fraction(_ e: Expr, kernel: Kernel) throws(EvaluationControl) -> (Expr, Expr) {
        let together = try kernel.eval(.call(Symbol.named("Together"), e))
        let numerator = try kernel.eval(.call(Symbol.named("Numerator"), together))
        let denominator = try kernel.eval(.call(Symbol.named("Denominator"), together))
        return (numerator, denominator)
    }

    /// `e` in Horner form in the first variable, each coefficient in Horner form in the rest:
    /// c0 + x^e1 (c1 + x^(e2 - e1) (c2 + …)), powers only where coefficients are missing.
    private static func horner(_ e: Expr, _ vars: ArraySlice<Expr>, kernel: Kernel) throws(EvaluationControl) -> Expr? {
        guard let x = vars.first else { return e }
        guard let monomials = try monomials(e, [x], kernel: kernel) else { return e }
        var byPower = monomials.map { ($0.exponents[0], $0.coefficient) }.sorted { $0.0 < $1.0 }
        // Innermost first: the highest power's coefficient.
        var (previous, c) = byPower.removeLast()
        var nested = try horner(c, vars.dropFirst(), kernel: kernel) ?? c
        while let (power, coefficient) = byPower.popLast() {
            try kernel.checkAbort()
            let step = previous - power
            let inner = try kernel.eval(.call(Sym.Times, step == 1 ? x : .call(Sym.Power, x, .integer(step)), nested))
            let c = try horner(coefficient, vars.dropFirst(), kernel: kernel) ?? coefficient
            nested = try kernel.eval(.call(Sym.Plus, c, inner))
            previous = power
        }
        if previous == 0 { return nested }
        return try kernel.eval(.call(Sym.Times, previous == 1 ? x : .call(Sym.Power, x, .integer(previous)), nested))
    }
}
