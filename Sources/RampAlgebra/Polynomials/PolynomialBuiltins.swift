import RampKernel
import RampSyntax

/// The polynomial builtins: `Expand`, `ExpandAll`, `Factor`, `FactorTerms`, `Together`, `Cancel`,
/// `PolynomialGCD`, `PolynomialLCM`, `PolynomialQuotient`, `PolynomialRemainder`, `Resultant`,
/// `Discriminant` (on FLINT through `Polynomial`); the structural ones are in PolynomialStructure.swift.
enum PolynomialBuiltins {
    static func install(_ k: Kernel) {
        installExpand(k)
        installFactor(k)
        installRationalFunctions(k)
        installDivision(k)
        PolynomialStructure.install(k)
    }

    /// Lists, equations and inequalities: the polynomial functions work on each side or element.
    static func threads(_ e: Expr) -> Bool {
        guard case .normal(let n) = e, case .symbol(let h) = n.head else { return false }
        return h === Sym.List || ["Equal", "Unequal", "Less", "LessEqual", "Greater", "GreaterEqual", "Rule"].contains(h.name)
    }

    /// `f` applied to each element of a list or side of an equation, else to `e` itself.
    static func threading(_ e: Expr, _ f: (Expr) throws(EvaluationControl) -> Expr?) throws(EvaluationControl) -> Expr? {
        guard threads(e) else { return try f(e) }
        var changed = false
        var out: [Expr] = []
        for a in e.args {
            let r = try threading(a, f)
            if r != nil { changed = true }
            out.append(r ?? a)
        }
        return changed ? .call(e.head, out) : nil
    }

    // MARK: Expand

    /// `e` with products and positive integer powers multiplied out; nil when it is already so.
    static func expand(_ e: Expr, kernel: Kernel) throws(EvaluationControl) -> Expr? {
        if e.isAtom { return nil }
        if PolynomialForm.hasInexactCoefficient(e) { return try distribute(e, kernel: kernel) }
        let form = PolynomialForm(reading: [e])
        let ring = form.makeRing()
        guard let p = try form.polynomial(e, in: ring, kernel: kernel) else { return nomem(kernel) }
        guard let r = form.expression(p, kernel: kernel) else { return nomem(kernel) }
        return r
    }

    /// Expansion by distributing products over sums, for expressions with inexact coefficients.
    static func distribute(_ e: Expr, kernel: Kernel) throws(EvaluationControl) -> Expr {
        try kernel.checkAbort()
        guard case .normal(let n) = e, case .symbol(let h) = n.head else { return e }
        func terms(_ x: Expr) -> [Expr] {
            if case .normal(let m) = x, m.head == .symbol(Sym.Plus) { return m.args }
            return [x]
        }
        func multiply(_ a: [Expr], _ b: [Expr]) throws(EvaluationControl) -> [Expr]? {
            let (count, overflow) = a.count.multipliedReportingOverflow(by: b.count)
            guard !overflow, count <= SizeLimit.maxExpressions / 4 else { return nil }
            var out: [Expr] = []
            out.reserveCapacity(count)
            for x in a { for y in b { out.append(.call(Sym.Times, x, y)) } }
            try kernel.checkAbort()
            return terms(kernel.evaluate(.call(Sym.Plus, out)))
        }
        if h === Sym.Plus {
            return kernel.evaluate(.call(Sym.Plus, try n.args.map { a throws(EvaluationControl) in try distribute(a, kernel: kernel) }))
        }
        if h === Sym.Times {
            var product: [Expr] = [.integer(1)]
            for a in n.args {
                guard let next = try multiply(product, terms(try distribute(a, kernel: kernel))) else { return nomem(kernel) }
                product = next
            }
            return kernel.evaluate(.call(Sym.Plus, product))
        }
        if h === Sym.Power, n.args.count == 2, let k = n.args[1].int, k > 1 {
            let base = terms(try distribute(n.args[0], kernel: kernel))
            if base.count == 1 { return e }
            var product: [Expr] = [.integer(1)]
            for _ in 0..<k {
                guard let next = try multiply(product, base) else { return nomem(kernel) }
                product = next
            }
            return kernel.evaluate(.call(Sym.Plus, product))
        }
        return e
    }

    /// ExpandAll: every part expanded, inside function arguments and denominators too.
    static func expandAll(_ e: Expr, kernel: Kernel) throws(EvaluationControl) -> Expr {
        guard case .normal(let n) = e else { return e }
        try kernel.checkAbort()
        var args: [Expr] = []
        for a in n.args { args.append(try expandAll(a, kernel: kernel)) }
        let inner = kernel.evaluate(.call(e.head, args))
        // A denominator (b^-k) is expanded as b^k, then inverted.
        if case .normal(let m) = inner, m.head == .symbol(Sym.Power), m.args.count == 2, let k = m.args[1].int, k < 0, k != Int.min {
            let positive: Expr = .call(Sym.Power, m.args[0], Expr.integer(-k))
            let expanded = try expand(positive, kernel: kernel) ?? positive
            return kernel.evaluate(.call(Sym.Power, expanded, .integer(-1)))
        }
        return try expand(inner, kernel: kernel) ?? inner
    }

    static func installExpand(_ k: Kernel) {
        k.define("Expand", arguments: ArgumentCount(1, 2), usage: "Expand[expr] expands out products and positive integer powers in expr.\nExpand[expr, patt] leaves unexpanded any parts of expr that are free of the pattern patt.") { call throws(EvaluationControl) in
            if call.args.count == 2 {
                let patt = call.args[1]
                return try threading(call.args[0]) { e throws(EvaluationControl) in try expandParts(e, containing: patt, kernel: call.kernel) } ?? call.args[0]
            }
            // What has nothing to expand is its own expansion (Expand[x] is x).
            return try threading(call.args[0]) { e throws(EvaluationControl) in try expand(e, kernel: call.kernel) } ?? call.args[0]
        }
        k.define("ExpandAll", arguments: .exactly(1), usage: "ExpandAll[expr] expands out all products and integer powers in any part of expr.") { call throws(EvaluationControl) in
            try threading(call.args[0]) { e throws(EvaluationControl) in try expandAll(e, kernel: call.kernel) } ?? call.args[0]
        }
    }

    /// Expand[expr, patt]: the terms of `expr` that contain `patt` are expanded, the others kept.
    static func expandParts(_ e: Expr, containing patt: Expr, kernel: Kernel) throws(EvaluationControl) -> Expr? {
        func contains(_ x: Expr) throws(EvaluationControl) -> Bool {
            if try PatternMatcher(kernel: kernel).matches(patt, x) { return true }
            guard case .normal(let n) = x else { return false }
            if try contains(n.head) { return true }
            for a in n.args where try contains(a) { return true }
            return false
        }
        guard try contains(e) else { return nil }
        if case .normal(let n) = e, n.head == .symbol(Sym.Plus) {
            var out: [Expr] = []
            for a in n.args { out.append(try contains(a) ? (try expand(a, kernel: kernel) ?? a) : a) }
            return kernel.evaluate(.call(Sym.Plus, out))
        }
        return try expand(e, kernel: kernel)
    }

    // MARK: Factor

    static func installFactor(_ k: Kernel) {
        k.define("Factor", attributes: [.listable], arguments: .exactly(1), usage: "Factor[poly] factors a polynomial over the integers.") { call throws(EvaluationControl) in
            try threading(call.args[0]) { e throws(EvaluationControl) in try factor(e, kernel: call.kernel) } ?? call.args[0]
        }
        k.setMessage("Factor", "degl", "Ramp factors polynomials of degree up to `2` in each variable; this one has degree `1`.")
        k.define("FactorTerms", attributes: [.listable], arguments: .exactly(1), usage: "FactorTerms[poly] pulls out any overall numerical factor in poly.") { call throws(EvaluationControl) in
            try threading(call.args[0]) { e throws(EvaluationControl) in
                guard !e.isAtom, !PolynomialForm.hasInexactCoefficient(e) else { return nil }
                let form = PolynomialForm(reading: [e]).sortedCanonically(kernel: call.kernel)
                let ring = form.makeRing()
                guard let p = try form.polynomial(e, in: ring, kernel: call.kernel), !p.isZero else { return nil }
                var (content, primitive) = p.contentAndPrimitive
                if p.leadingCoefficient.numerator.signum() < 0 { content.numerator = -content.numerator; primitive = -primitive }
                if content.isOne { return nil }
                guard let rest = form.expression(primitive, kernel: call.kernel) else { return nomem(call.kernel) }
                return .call(Sym.Times, content.expr, rest)
            } ?? call.args[0]
        }
    }

    /// Factor: over a common denominator, numerator and denominator each factored over the rationals.
    static func factor(_ e: Expr, kernel: Kernel) throws(EvaluationControl) -> Expr? {
        guard !e.isAtom, !PolynomialForm.hasInexactCoefficient(e) else { return nil }
        let form = PolynomialForm(reading: [e], rational: true).sortedCanonically(kernel: kernel)
        let ring = form.makeRing()
        guard let (num, den) = try form.rationalFunction(e, in: ring, kernel: kernel) else { return nil }
        let degree = (num.degrees + den.degrees).max() ?? 0
        if degree > maxFactorDegree { kernel.message(Symbol.named("Factor"), "degl", [.integer(degree), .integer(maxFactorDegree)]); return nil }
        var factors: [Expr] = []
        var constant = RationalNumber.one
        for (p, sign) in [(num, 1), (den, -1)] {
            guard let f = p.factored() else { return nil }
            constant = sign == 1 ? constant.times(f.constant) : constant.times(f.constant.inverse)
            for (base, power) in f.factors {
                guard let b = form.expression(base, kernel: kernel) else { return nomem(kernel) }
                factors.append(power * sign == 1 ? b : .call(Sym.Power, b, .integer(power * sign)))
            }
        }
        return kernel.evaluate(.call(Sym.Times, [constant.expr] + factors))
    }

    // MARK: Together and Cancel

    static func installRationalFunctions(_ k: Kernel) {
        k.define("Together", attributes: [.listable], arguments: .exactly(1), usage: "Together[expr] puts terms in a sum over a common denominator, and cancels factors in the result.") { call throws(EvaluationControl) in
            try threading(call.args[0]) { e throws(EvaluationControl) in try together(e, kernel: call.kernel) } ?? call.args[0]
        }
        k.define("Cancel", attributes: [.listable], arguments: .exactly(1), usage: "Cancel[expr] cancels out common factors in the numerator and denominator of expr.") { call throws(EvaluationControl) in
            try threading(call.args[0]) { e throws(EvaluationControl) in
                if case .normal(let n) = e, n.head == .symbol(Sym.Plus) {
                    var out: [Expr] = []
                    for a in n.args { out.append(try together(a, kernel: call.kernel) ?? a) }
                    return call.kernel.evaluate(.call(Sym.Plus, out))
                }
                return try together(e, kernel: call.kernel)
            } ?? call.args[0]
        }
    }

    /// `e` over a common denominator with common factors cancelled: `c · num / den`, `num`
    /// expanded; the denominator kept as a product of the denominators written in `e` (each made
    /// primitive) when it is one, as Wolfram's Together avoids expanding denominators.
    static func together(_ e: Expr, kernel: Kernel) throws(EvaluationControl) -> Expr? {
        guard !e.isAtom, !PolynomialForm.hasInexactCoefficient(e) else { return nil }
        let form = PolynomialForm(reading: [e], rational: true).sortedCanonically(kernel: kernel)
        let ring = form.makeRing()
        guard let (num, den) = try form.rationalFunction(e, in: ring, kernel: kernel) else { return nil }
        if num.isZero { return .integer(0) }
        // The numerator keeps its signs (`Together[1/x - 1]` is `(1 - x)/x`); only its positive
        // content moves out.
        let (content, numerator) = num.contentAndPrimitive
        var c = content
        guard let n = form.expression(numerator, kernel: kernel) else { return nomem(kernel) }
        // The denominator as a product of the written ones, else expanded and primitive.
        var remaining = den
        var denominatorFactors: [Expr] = []
        for base in try writtenDenominators(e, form: form, ring: ring, kernel: kernel) {
            try kernel.checkAbort()
            let (power, rest) = multiplicity(of: base, in: remaining)
            remaining = rest
            if power > 0 {
                guard let b = form.expression(base, kernel: kernel) else { return nomem(kernel) }
                denominatorFactors.append(.call(Sym.Power, b, .integer(-power)))
            }
        }
        if !remaining.isConstant {
            var (cd, pd) = remaining.contentAndPrimitive
            if remaining.leadingCoefficient.numerator.signum() < 0 { cd.numerator = -cd.numerator; pd = -pd }
            c = c.times(cd.inverse)
            guard let d = form.expression(pd, kernel: kernel) else { return nomem(kernel) }
            denominatorFactors.append(.call(Sym.Power, d, .integer(-1)))
        } else {
            c = c.times(remaining.leadingCoefficient.inverse)
        }
        return kernel.evaluate(.call(Sym.Times, [c.expr, n] + denominatorFactors))
    }

    /// How many times `base` divides `p`, and the quotient: by repeated squaring of `base` (so that
    /// `x` in `x^(2^62)` takes 62 steps, not 2^62), then halving back.
    static func multiplicity(of base: Polynomial, in p: Polynomial) -> (Int, Polynomial) {
        guard !base.isConstant, !p.isZero else { return (0, p) }
        var remaining = p, total = 0
        while let q = remaining.exactQuotient(base) {
            remaining = q; total += 1
            // Try base^2, base^4, … while they divide.
            var powers: [(Polynomial, Int)] = [(base, 1)]
            while let (last, n) = powers.last, n < Int.max / 2, let square = last.times(last), !square.isZero,
                  let q2 = remaining.exactQuotient(square) {
                remaining = q2; total += 2 * n
                powers.append((square, 2 * n))
            }
            // Then smaller powers, largest first, each at most once.
            for (b, n) in powers.reversed() {
                if let q3 = remaining.exactQuotient(b) { remaining = q3; total += n }
            }
        }
        return (total, remaining)
    }

    /// The bases of the negative powers written in `e` (`b` of `b^-k`), as primitive polynomials
    /// (their sign kept), without repeats.
    static func writtenDenominators(_ e: Expr, form: PolynomialForm, ring: PolynomialRing, kernel: Kernel) throws(EvaluationControl) -> [Polynomial] {
        var bases: [Expr] = []
        func walk(_ x: Expr) {
            guard case .normal(let n) = x, case .symbol(let h) = n.head else { return }
            if h === Sym.Power, n.args.count == 2, let k = n.args[1].int, k < 0 {
                if !bases.contains(n.args[0]) { bases.append(n.args[0]) }
                return
            }
            if h === Sym.Plus || h === Sym.Times || h === Sym.Power { n.args.forEach(walk) }
        }
        walk(e)
        var out: [Polynomial] = []
        for b in bases {
            guard let p = try form.polynomial(b, in: ring, kernel: kernel), !p.isConstant else { continue }
            out.append(p.contentAndPrimitive.1)
        }
        return out
    }

    // MARK: GCD, LCM, division, resultants

    static func installDivision(_ k: Kernel) {
        k.define("PolynomialGCD", attributes: [.listable], usage: "PolynomialGCD[poly1, poly2, …] gives the greatest common divisor of the polynomials polyi.") { call throws(EvaluationControl) in
            try gcdOrLCM(call, lcm: false)
        }
        k.define("PolynomialLCM", attributes: [.listable], usage: "PolynomialLCM[poly1, poly2, …] gives the least common multiple of the polynomials polyi.") { call throws(EvaluationControl) in
            try gcdOrLCM(call, lcm: true)
        }
        k.define("PolynomialQuotient", arguments: .exactly(3), usage: "PolynomialQuotient[p, q, x] gives the quotient of p and q, treated as polynomials in x, with any remainder dropped.") { call throws(EvaluationControl) in
            try divide(call)?.quotient
        }
        k.define("PolynomialRemainder", arguments: .exactly(3), usage: "PolynomialRemainder[p, q, x] gives the remainder from dividing p by q, treated as polynomials in x.") { call throws(EvaluationControl) in
            try divide(call)?.remainder
        }
        k.define("PolynomialQuotientRemainder", arguments: .exactly(3), usage: "PolynomialQuotientRemainder[p, q, x] gives a list of the quotient and remainder of p and q, treated as polynomials in x.") { call throws(EvaluationControl) in
            guard let r = try divide(call) else { return nil }
            return .list([r.quotient, r.remainder])
        }
        k.define("Resultant", arguments: .exactly(3), usage: "Resultant[poly1, poly2, var] computes the resultant of the polynomials poly1 and poly2 with respect to the variable var.") { call throws(EvaluationControl) in
            let (p, q, x) = (call.args[0], call.args[1], call.args[2])
            guard let (form, ring, polys) = try polynomials([p, q], variable: x, call: call), let v = form.variable(x),
                  let r = polys[0].resultant(polys[1], variable: v) else { return nil }
            return try output(form, r, call)
        }
        k.define("Discriminant", arguments: .exactly(2), usage: "Discriminant[poly, var] computes the discriminant of the polynomial poly with respect to the variable var.") { call throws(EvaluationControl) in
            let (p, x) = (call.args[0], call.args[1])
            guard let (form, _, polys) = try polynomials([p], variable: x, call: call), let v = form.variable(x),
                  let r = polys[0].discriminant(variable: v) else { return nil }
            return try output(form, r, call)
        }
    }

    /// The arguments read as polynomials in one form with `variable` first; nil (after `ivar`) when
    /// `variable` is a number, or when one is not a polynomial with rational coefficients.
    static func polynomials(_ exprs: [Expr], variable: Expr?, call: BuiltinCall) throws(EvaluationControl) -> (PolynomialForm, PolynomialRing, [Polynomial])? {
        if let x = variable, x.isNumber || x.isStringAtom { call.kernel.message(Sym.General, "ivar", [x]); return nil }
        guard !exprs.contains(where: PolynomialForm.hasInexactCoefficient) else { return nil }
        let form = PolynomialForm(variables: variable.map { [$0] } ?? [], reading: exprs)
        let ring = form.makeRing()
        var polys: [Polynomial] = []
        for e in exprs {
            guard let p = try form.polynomial(e, in: ring, kernel: call.kernel) else { return nil }
            polys.append(p)
        }
        return (form, ring, polys)
    }

    static func output(_ form: PolynomialForm, _ p: Polynomial, _ call: BuiltinCall) throws(EvaluationControl) -> Expr {
        guard let e = form.expression(p, kernel: call.kernel) else { return nomem(call.kernel) }
        return e
    }

    /// Division in `x` when the divisor's leading coefficient in `x` is a number (otherwise the
    /// call stays unevaluated: Ramp does not divide over rational functions of the other variables).
    static func divide(_ call: BuiltinCall) throws(EvaluationControl) -> (quotient: Expr, remainder: Expr)? {
        let (p, q, x) = (call.args[0], call.args[1], call.args[2])
        guard let (form, ring, polys) = try polynomials([p, q], variable: x, call: call), let v = form.variable(x) else { return nil }
        if polys[1].isZero { call.kernel.message(Sym.Power, "infy", [.call(Sym.Power, .integer(0), .integer(-1))]); return nil }
        guard polys[1].coefficient(variable: v, power: polys[1].degree(in: v)).isConstant else { return nil }
        _ = ring
        let (quotient, remainder) = polys[0].divided(by: polys[1])
        return (try output(form, quotient, call), try output(form, remainder, call))
    }

    static func gcdOrLCM(_ call: BuiltinCall, lcm: Bool) throws(EvaluationControl) -> Expr? {
        guard !call.args.isEmpty else { return .integer(lcm ? 1 : 0) }
        if call.args.contains(where: { $0.isStringAtom }) { return nil }
        guard let (form0, _, polys0) = try polynomials(call.args, variable: nil, call: call) else { return nil }
        let form = form0.sortedCanonically(kernel: call.kernel)
        let ring = form.makeRing()
        var polys: [Polynomial] = []
        for e in call.args {
            guard let p = try form.polynomial(e, in: ring, kernel: call.kernel) else { return nil }
            polys.append(p)
        }
        _ = polys0
        // The rational contents combine as integers do (gcd of numerators over lcm of denominators).
        var result = polys[0]
        for p in polys.dropFirst() {
            if lcm {
                if result.isZero || p.isZero { return .integer(0) }
                guard let g = result.gcd(p), let product = result.times(p), let l = product.exactQuotient(g) else { return nil }
                result = l
            } else {
                guard let g = result.gcd(p) else { return nil }
                result = g
            }
        }
        if result.isZero { return .integer(0) }
        let contents = polys.map { $0.contentAndPrimitive.0 }
        var c = contents[0]
        for x in contents.dropFirst() {
            c = lcm ? c.lcm(x) : c.gcd(x)
        }
        var primitive = result.contentAndPrimitive.1
        if primitive.leadingCoefficient.numerator.signum() < 0 { primitive = -primitive }
        // Factored inputs give a factored result, as Wolfram's does.
        let factoredInput = call.args.contains { a in
            guard case .normal(let n) = a, case .symbol(let h) = n.head else { return false }
            return h === Sym.Times || h === Sym.Power
        }
        if factoredInput, (primitive.degrees.max() ?? 0) <= maxFactorDegree, let f = primitive.factored() {
            var factors: [Expr] = [c.expr]
            for (base, power) in f.factors { factors.append(.call(Sym.Power, try output(form, base, call), .integer(power))) }
            return call.kernel.evaluate(.call(Sym.Times, factors))
        }
        return call.kernel.evaluate(.call(Sym.Times, c.expr, try output(form, primitive, call)))
    }
}

/// Issues `General::nomem`; the call gives `$Failed`.
func nomem(_ kernel: Kernel) -> Expr {
    kernel.message(Sym.General, "nomem", [])
    return .failed
}

extension RationalNumber {
    var inverse: RationalNumber {
        numerator.signum() < 0 ? RationalNumber(numerator: -denominator, denominator: -numerator) : RationalNumber(numerator: denominator, denominator: numerator)
    }

    /// The gcd of two non-negative rationals: gcd of numerators over lcm of denominators.
    func gcd(_ b: RationalNumber) -> RationalNumber {
        let n = numerator.greatestCommonDivisor(with: b.numerator)
        let dg = denominator.greatestCommonDivisor(with: b.denominator)
        return RationalNumber(numerator: n, denominator: denominator / dg * b.denominator)
    }

    func lcm(_ b: RationalNumber) -> RationalNumber {
        let ng = numerator.greatestCommonDivisor(with: b.numerator)
        let d = denominator.greatestCommonDivisor(with: b.denominator)
        return RationalNumber(numerator: numerator / ng * b.numerator, denominator: d)
    }
}

extension Expr {
    var isStringAtom: Bool { if case .string = self { return true } else { return false } }
}
