import RampKernel
import RampSyntax

/// The structural polynomial builtins, on the expanded expression: `Variables`, `PolynomialQ`,
/// `Coefficient`, `CoefficientList`, `Exponent`, `Collect`.
enum PolynomialStructure {
    static func install(_ k: Kernel) {
        k.define("Variables", arguments: .exactly(1), usage: "Variables[poly] gives a list of all independent variables in a polynomial.") { call throws(EvaluationControl) in
            var found: [Expr] = []
            var seen: Set<Expr> = []
            func collect(_ e: Expr) {
                switch e {
                case .integer, .bigInteger, .rational, .real, .bigReal, .complex, .string: return
                case .packed: return
                case .normal(let n):
                    if case .symbol(let h) = n.head {
                        if h === Sym.Plus || h === Sym.Times || h === Sym.List { n.args.forEach(collect); return }
                        if h === Sym.Power, n.args.count == 2, n.args[1].isNumber {
                            if case .real = n.args[1] {} else { collect(n.args[0]); return }
                        }
                    }
                default: break
                }
                if e.isNumber { return }
                if seen.insert(e).inserted { found.append(e) }
            }
            collect(call.args[0])
            return .list(found.sorted { canonicalOrder($0, $1) < 0 })
        }

        k.define("PolynomialQ", arguments: ArgumentCount(1, 2), usage: "PolynomialQ[expr, var] yields True if expr is a polynomial in var, and yields False otherwise.\nPolynomialQ[expr, {var1, …}] tests whether expr is a polynomial in the vari.") { call throws(EvaluationControl) in
            let e = call.args[0]
            guard call.args.count == 2 else { return .symbol(isPolynomialInAll(e) ? Sym.True : Sym.False) }
            let vars = call.args[1].isList ? call.args[1].args : [call.args[1]]
            return .symbol(isPolynomial(e, in: vars) ? Sym.True : Sym.False)
        }

        k.define("Coefficient", arguments: ArgumentCount(2, 3), usage: "Coefficient[expr, form] gives the coefficient of form in the polynomial expr.\nCoefficient[expr, form, n] gives the coefficient of form^n in expr.") { call throws(EvaluationControl) in
            let power = call.args.count == 3 ? call.args[2] : .integer(1)
            return try PolynomialBuiltins.threading(call.args[0]) { e throws(EvaluationControl) in
                try coefficient(e, call.args[1], power, kernel: call.kernel)
            }
        }

        k.define("Exponent", arguments: ArgumentCount(2, 3), usage: "Exponent[expr, form] gives the maximum power with which form appears in the expanded form of expr.\nExponent[expr, form, h] applies h to the set of exponents with which form appears in expr.") { call throws(EvaluationControl) in
            try PolynomialBuiltins.threading(call.args[0]) { e throws(EvaluationControl) in
                let exponents = try termExponents(e, call.args[1], kernel: call.kernel).map(\.exponent)
                var distinct: [Expr] = []
                for x in exponents where !distinct.contains(x) { distinct.append(x) }
                if call.args.count == 3 { return call.kernel.evaluate(.call(call.args[2], distinct)) }
                if distinct.isEmpty { return call.kernel.evaluate(.call(Sym.Times, .integer(-1), .symbol(Symbol.named("Infinity")))) }
                return call.kernel.evaluate(.call(Symbol.named("Max"), distinct))
            }
        }

        k.define("CoefficientList", arguments: .exactly(2), usage: "CoefficientList[poly, var] gives a list of coefficients of powers of var in poly, starting with power 0.\nCoefficientList[poly, {var1, var2, …}] gives an array of coefficients of the vari.") { call throws(EvaluationControl) in
            let vars = call.args[1].isList ? call.args[1].args : [call.args[1]]
            for v in vars where v.isNumber { call.kernel.message(Sym.General, "ivar", [v]); return nil }
            let expanded = try PolynomialBuiltins.expand(call.args[0], kernel: call.kernel) ?? call.args[0]
            if expanded == .integer(0) { return vars.count == 1 ? .list([]) : nil }
            var degrees: [Int] = []
            for v in vars {
                let exponents = try termExponents(expanded, v, kernel: call.kernel).map(\.exponent)
                guard let ints = exponents.map(\.int) as? [Int], ints.allSatisfy({ $0 >= 0 }) else {
                    call.message("poly", call.args[0], call.args[1]); return nil
                }
                degrees.append(ints.max() ?? 0)
            }
            guard call.allowsAllocation(dimensions: degrees.map { $0 + 1 }, elementSize: SizeLimit.expression) else { return .failed }
            func array(_ e: Expr, _ level: Int) throws(EvaluationControl) -> Expr {
                if level == vars.count { return e }
                var row: [Expr] = []
                for d in 0...degrees[level] {
                    let c = try coefficient(e, vars[level], .integer(d), kernel: call.kernel) ?? .integer(0)
                    row.append(try array(c, level + 1))
                }
                return .list(row)
            }
            return try array(expanded, 0)
        }
        k.setMessage("CoefficientList", "poly", "`1` is not a polynomial in `2`.")

        k.define("Collect", arguments: ArgumentCount(2, 3), usage: "Collect[expr, x] collects together terms involving the same powers of objects matching x.\nCollect[expr, {x1, x2, …}] collects together terms that involve the same powers of objects matching x1, then x2, ….\nCollect[expr, var, h] applies h to the expression that forms the coefficient of each term obtained.") { call throws(EvaluationControl) in
            let vars = call.args[1].isList ? call.args[1].args : [call.args[1]]
            let h = call.args.count == 3 ? call.args[2] : nil
            return try PolynomialBuiltins.threading(call.args[0]) { e throws(EvaluationControl) in
                try collect(e, vars[...], h, kernel: call.kernel)
            }
        }
    }

    // MARK: Shared pieces

    static func factors(_ e: Expr) -> [Expr] {
        if case .normal(let n) = e, n.head == .symbol(Sym.Times) { return n.args }
        return [e]
    }

    static func summands(_ e: Expr) -> [Expr] {
        if case .normal(let n) = e, n.head == .symbol(Sym.Plus) { return n.args }
        return e == .integer(0) ? [] : [e]
    }

    /// The exponent of `form` in the monomial `term` and what is left: `x^3 a` → (3, a). A product
    /// `form` counts when all its factors have the same exponent.
    static func split(_ term: Expr, _ form: Expr, kernel: Kernel) -> (exponent: Expr, rest: Expr) {
        let formFactors = factors(form)
        var exponents: [Expr?] = Array(repeating: nil, count: formFactors.count)
        var rest: [Expr] = []
        for f in factors(term) {
            var matched = false
            for (i, g) in formFactors.enumerated() where exponents[i] == nil {
                if f == g { exponents[i] = .integer(1); matched = true; break }
                if case .normal(let p) = f, p.head == .symbol(Sym.Power), p.args.count == 2, p.args[0] == g {
                    exponents[i] = p.args[1]; matched = true; break
                }
            }
            if !matched { rest.append(f) }
        }
        let found = exponents.compactMap { $0 }
        guard found.count == formFactors.count, found.allSatisfy({ $0 == found[0] }) else {
            return (.integer(0), term)
        }
        let restExpr: Expr = rest.isEmpty ? .integer(1) : rest.count == 1 ? rest[0] : kernel.evaluate(.call(Sym.Times, rest))
        return (found[0], restExpr)
    }

    /// The terms of `e` expanded, each with the exponent of `form` in it.
    static func termExponents(_ e: Expr, _ form: Expr, kernel: Kernel) throws(EvaluationControl) -> [(exponent: Expr, rest: Expr)] {
        let expanded = try PolynomialBuiltins.expand(e, kernel: kernel) ?? e
        return summands(expanded).map { split($0, form, kernel: kernel) }
    }

    static func coefficient(_ e: Expr, _ form: Expr, _ power: Expr, kernel: Kernel) throws(EvaluationControl) -> Expr? {
        if form.isNumber { kernel.message(Sym.General, "ivar", [form]); return nil }
        let parts = try termExponents(e, form, kernel: kernel).filter { $0.exponent == power }.map(\.rest)
        return kernel.evaluate(parts.isEmpty ? .integer(0) : .call(Sym.Plus, parts))
    }

    static func collect(_ e: Expr, _ vars: ArraySlice<Expr>, _ h: Expr?, kernel: Kernel) throws(EvaluationControl) -> Expr? {
        guard let x = vars.first else {
            return h.map { kernel.evaluate(.call($0, [e])) } ?? e
        }
        var groups: [(Expr, [Expr])] = []
        for (exponent, rest) in try termExponents(e, x, kernel: kernel) {
            if let i = groups.firstIndex(where: { $0.0 == exponent }) { groups[i].1.append(rest) }
            else { groups.append((exponent, [rest])) }
        }
        var out: [Expr] = []
        for (exponent, rests) in groups {
            let sum = kernel.evaluate(.call(Sym.Plus, rests))
            let coefficient = try collect(sum, vars.dropFirst(), h, kernel: kernel) ?? sum
            out.append(.call(Sym.Times, coefficient, .call(Sym.Power, x, exponent)))
        }
        return kernel.evaluate(.call(Sym.Plus, out))
    }

    /// Whether `e` is a polynomial in `vars`: built from expressions free of them by sums, products
    /// and non-negative integer powers.
    static func isPolynomial(_ e: Expr, in vars: [Expr]) -> Bool {
        if vars.contains(e) { return true }
        if !vars.contains(where: { contains(e, $0) }) { return true }
        guard case .normal(let n) = e, case .symbol(let h) = n.head else { return false }
        if h === Sym.Plus || h === Sym.Times { return n.args.allSatisfy { isPolynomial($0, in: vars) } }
        if h === Sym.Power, n.args.count == 2, let k = n.args[1].int, k >= 0 { return isPolynomial(n.args[0], in: vars) }
        return false
    }

    /// PolynomialQ[expr]: no negative or fractional powers of anything that is not a number.
    static func isPolynomialInAll(_ e: Expr) -> Bool {
        guard case .normal(let n) = e, case .symbol(let h) = n.head else { return true }
        if h === Sym.Plus || h === Sym.Times { return n.args.allSatisfy(isPolynomialInAll) }
        if h === Sym.Power, n.args.count == 2, !n.args[0].isNumber {
            if let k = n.args[1].int { return k >= 0 && isPolynomialInAll(n.args[0]) }
            return !n.args[1].isNumber
        }
        return true
    }

    static func contains(_ e: Expr, _ part: Expr) -> Bool {
        if e == part { return true }
        guard case .normal(let n) = e else { return false }
        return contains(n.head, part) || n.args.contains { contains($0, part) }
    }
}
