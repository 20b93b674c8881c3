import ComplexModule
import RampKernel
import RampSyntax

/// `Root[f, k]`: the k-th root of the polynomial `f[#]` (a pure function with rational
/// coefficients), in Wolfram's order: real roots in increasing order, then the complex ones by real
/// then imaginary part, each repeated by its multiplicity. It stays symbolic; `N` gives its machine
/// value (Aberth iteration on each irreducible factor, polished by Newton steps; NSolve.swift).
enum RootBuiltins {
    static func install(_ k: Kernel) {
        k.define(BuiltinSpec("Root", attributes: [.nHoldAll], arguments: .exactly(2),
                             usage: "Root[f, k] represents the exact kth root of the polynomial equation f[x] == 0.") { call throws(EvaluationControl) in
            // The polynomial as Wolfram keeps it: expanded, primitive over the integers, its leading
            // coefficient positive (Root[#^5 - # + 1 &, 1] is Root[1 - #1 + #1^5 & , 1]).
            guard call.args[1].int != nil, call.args[0].hasHead(Sym.Function), call.args[0].argCount == 1 else { return nil }
            let kernel = call.kernel
            let t = Expr.symbol(Symbol.named("Root$t"))
            let body = kernel.evaluate(.call(call.args[0], [t]))
            guard !PolynomialForm.hasInexactCoefficient(body) else { return nil }
            let form = PolynomialForm(variables: [t], reading: [body])
            guard form.generators.count == 1 else { return nil }
            let ring = form.makeRing()
            guard let p = try form.polynomial(body, in: ring, kernel: kernel), p.degree(in: 0) > 0 else { return nil }
            var primitive = p.contentAndPrimitive.1
            if p.leadingCoefficient.numerator.signum() < 0 { primitive = -primitive }
            guard let pe = form.expression(primitive, kernel: kernel) else { return nil }
            let normal = objects(pe, variable: t, degree: 1, kernel: kernel)[0].args[0]
            return normal == call.args[0] ? nil : .call(Symbol.named("Root"), normal, call.args[1])
        })
        k.defineMachineNumericValue("Root") { [unowned k] e in
            (try? machineValue(e, kernel: k)) ?? nil
        }
    }

    static func machineValue(_ e: Expr, kernel: Kernel) throws(EvaluationControl) -> Expr? {
        guard e.argCount == 2, let k = e.args[1].int, k >= 1 else { return nil }
        let t = Expr.symbol(Symbol.named("Root$t"))
        let body = kernel.evaluate(.call(e.args[0], [t]))
        guard !PolynomialForm.hasInexactCoefficient(body) else { return nil }
        let form = PolynomialForm(variables: [t], reading: [body])
        guard form.generators.count == 1 else { return nil }
        let ring = form.makeRing()
        guard let p = try form.polynomial(body, in: ring, kernel: kernel), let f = p.factored() else { return nil }
        guard k <= p.degree(in: 0) else { return nil }
        var roots: [Complex] = []
        for (q, m) in f.factors {
            let degree = q.degree(in: 0)
            guard degree > 0 else { continue }
            let cs = (0...degree).map { Complex(q.coefficient(variable: 0, power: $0).leadingCoefficient.double, 0) }
            for r in NSolveBuiltins.pairConjugates(try NSolveBuiltins.aberth(cs, kernel: kernel)) {
                for _ in 0..<m { roots.append(r) }
            }
        }
        roots.sort { a, b in
            if (a.imaginary == 0) != (b.imaginary == 0) { return a.imaginary == 0 }
            let close = abs(a.real - b.real) <= 1e-12 * max(1, abs(a.real), abs(b.real))
            return close ? a.imaginary < b.imaginary : a.real < b.real
        }
        let r = roots[k - 1]
        return r.imaginary == 0 ? .real(r.real) : .complex(.real(r.real), .real(r.imaginary))
    }

    /// The roots of the irreducible `f` (degree in `x` at least 1) as `Root[poly &, k]` objects.
    static func objects(_ f: Expr, variable x: Expr, degree: Int, kernel: Kernel) -> [Expr] {
        let body = kernel.evaluate(.call(Sym.ReplaceAll, f, .call(Sym.Rule, x, .call(Symbol.named("Slot"), .integer(1)))))
        let function = Expr.call(Symbol.named("Function"), body)
        return (1...degree).map { .call(Symbol.named("Root"), function, .integer($0)) }
    }
}
