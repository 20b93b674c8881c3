import RampKernel
import RampSyntax

/// `Apart`: partial fractions of a rational function of one variable with rational coefficients.
enum PartialFractions {
    static func install(_ k: Kernel) {
        k.define("Apart", attributes: [.listable], arguments: ArgumentCount(1, 2), usage: "Apart[expr] rewrites a rational expression as a sum of terms with minimal denominators.\nApart[expr, var] treats all variables other than var as constants.") { call throws(EvaluationControl) in
            let e = call.args[0]
            var variable: Expr? = call.args.count == 2 ? call.args[1] : nil
            if let x = variable, x.isNumber { call.kernel.message(Sym.General, "ivar", [x]); return nil }
            if variable == nil {
                let vars = PolynomialForm(reading: [e], rational: true).generators
                guard vars.count == 1 else { return vars.isEmpty ? e : nil }
                variable = vars[0]
            }
            return try PolynomialBuiltins.threading(e) { x throws(EvaluationControl) in try apart(x, variable!, kernel: call.kernel) }
        }
    }

    /// The partial fractions of `e` in `x`, or nil when `e` has other variables or inexact numbers.
    static func apart(_ e: Expr, _ x: Expr, kernel: Kernel) throws(EvaluationControl) -> Expr? {
        guard !e.isAtom, !PolynomialForm.hasInexactCoefficient(e) else { return nil }
        let form = PolynomialForm(variables: [x], reading: [e], rational: true)
        guard form.generators.count == 1 else { return nil }
        let ring = form.makeRing()
        guard let (num, den) = try form.rationalFunction(e, in: ring, kernel: kernel) else { return nil }
        if den.isConstant { return nil }
        let degree = max(num.degree(in: 0), den.degree(in: 0))
        if degree > maxFactorDegree { return nil }
        let (quotient, remainder) = num.divided(by: den)
        guard let factored = den.factored() else { return nil }
        var terms: [Expr] = []
        if let q = form.expression(quotient, kernel: kernel), !quotient.isZero { terms.append(q) }
        // remainder / den = Σ A_i / f_i^e_i, with A_i = remainder · (den / f_i^e_i)^-1 mod f_i^e_i.
        let scale = Polynomial(ring, constant: factored.constant.inverse)
        guard let scaled = remainder.times(scale) else { return nil }
        for (f, power) in factored.factors {
            try kernel.checkAbort()
            guard let block = f.power(power), let rest = den.times(scale)?.exactQuotient(block),
                  let inverse = inverse(rest, modulo: block), let product = scaled.times(inverse) else { return nil }
            var a = product.divided(by: block).remainder
            // A / f^e as Σ B_k / f^(e-k): the digits of A in base f.
            var k = 0
            while !a.isZero && k < power {
                let (q, digit) = a.divided(by: f)
                if !digit.isZero {
                    guard let d = form.expression(digit, kernel: kernel), let b = form.expression(f, kernel: kernel) else { return nomem(kernel) }
                    terms.append(.call(Sym.Times, d, .call(Sym.Power, b, .integer(k - power))))
                }
                a = q
                k += 1
            }
        }
        return kernel.evaluate(terms.isEmpty ? .integer(0) : .call(Sym.Plus, terms))
    }

    /// `a^-1 mod m` for univariate polynomials (extended Euclid), or nil when they share a factor.
    static func inverse(_ a: Polynomial, modulo m: Polynomial) -> Polynomial? {
        var (r0, r1) = (m, a.divided(by: m).remainder)
        var (s0, s1) = (Polynomial(m.ring), Polynomial(m.ring, constant: .one))
        while !r1.isZero {
            let (q, r) = r0.divided(by: r1)
            guard let qs = q.times(s1) else { return nil }
            (r0, r1) = (r1, r)
            (s0, s1) = (s1, s0 - qs)
        }
        guard r0.isConstant, !r0.isZero else { return nil }
        return s0.times(Polynomial(m.ring, constant: r0.leadingCoefficient.inverse))
    }
}
