import ComplexModule
import Foundation
import RampKernel
import RampSyntax

/// `NSolve[eqn, x]` for one polynomial equation in one variable: all complex roots in machine
/// precision by the Aberth–Ehrlich iteration, polished by Newton steps. Exact polynomials are
/// factored first (each irreducible factor has simple roots; a factor's roots are repeated by its
/// multiplicity). Real roots are given as reals, the others as complex numbers, sorted by real
/// then imaginary part. Anything else stays unevaluated.
enum NSolveBuiltins {
    static func install(_ k: Kernel) {
        k.define(BuiltinSpec("NSolve", arguments: ArgumentCount(1, 2),
                             messages: [("naqs", "`1` is not a quantified system of equations and inequalities.")],
                             usage: "NSolve[expr, vars] attempts to find numerical approximations to the solutions of the system expr of equations or inequalities for the variables vars.") { call throws(EvaluationControl) in
            try nsolve(call)
        })
    }

    static func nsolve(_ call: BuiltinCall) throws(EvaluationControl) -> Expr? {
        let kernel = call.kernel
        guard let eqs = SolveBuiltins.equations(call.args[0], kernel: kernel) else {
            call.message("naqs", call.args[0]); return nil
        }
        let nonzero = eqs.filter { $0 != .integer(0) }
        guard nonzero.count == 1, let e = nonzero.first else { return nil }
        var x: Expr
        if call.args.count == 2 {
            let v = call.args[1]
            if v.hasHead(Sym.List) { guard v.argCount == 1 else { return nil }; x = v.args[0] } else { x = v }
            guard SolveBuiltins.isValidVariable(x) else { call.kernel.message(Sym.General, "ivar", [x]); return nil }
        } else {
            let symbols = PolynomialForm(reading: [e]).generators.filter { $0.symbol != nil && SolveBuiltins.isValidVariable($0) }
            guard symbols.count == 1 else { return nil }
            x = symbols[0]
        }
        // Factors with their multiplicities, each as coefficients from the constant term up.
        var factors: [([Complex], Int)] = []
        if !PolynomialForm.hasInexactCoefficient(e) {
            let form = PolynomialForm(variables: [x], reading: [e], rational: true)
            guard form.generators.count == 1, let xi = form.variable(x) else { return nil }
            let ring = form.makeRing()
            guard let (num, den) = try form.rationalFunction(e, in: ring, kernel: kernel), den.isConstant,
                  let f = num.factored() else { return nil }
            for (p, m) in f.factors {
                let degree = p.degree(in: xi)
                guard call.allowsAllocation(count: degree + 1, elementSize: SizeLimit.packedElement * 2) else { return .failed }
                factors.append(((0...degree).map { Complex(p.coefficient(variable: xi, power: $0).leadingCoefficient.double, 0) }, m))
            }
        } else {
            let list = kernel.evaluate(.call(Symbol.named("N"), .call(Symbol.named("CoefficientList"), e, x)))
            guard list.hasHead(Sym.List) else { return nil }
            var cs: [Complex] = []
            for c in list.args {
                switch c {
                case .real(let v): cs.append(Complex(v, 0))
                case .integer(let i): cs.append(Complex(Double(i), 0))
                case .complex(.real(let a), .real(let b)): cs.append(Complex(a, b))
                default: return nil
                }
            }
            while let last = cs.last, last.isZero { cs.removeLast() }
            factors.append((cs, 1))
        }
        var roots: [Complex] = []
        for (cs, m) in factors where cs.count > 1 {
            var rs = try aberth(cs, kernel: kernel)
            if cs.allSatisfy({ $0.imaginary == 0 }) { rs = pairConjugates(rs) }
            for r in rs { for _ in 0..<m { roots.append(r) } }
        }
        roots.sort { a, b in
            let close = abs(a.real - b.real) <= 1e-12 * max(1, abs(a.real), abs(b.real))
            return close ? a.imaginary < b.imaginary : a.real < b.real
        }
        return .list(roots.map { r in
            .list([.call(Sym.Rule, x, r.imaginary == 0 ? .real(r.real) : .complex(.real(r.real), .real(r.imaginary)))])
        })
    }

    /// The roots of `c[0] + c[1] x + … + c[n] x^n` (c[n] ≠ 0).
    static func aberth(_ c: [Complex], kernel: Kernel) throws(EvaluationControl) -> [Complex] {
        let n = c.count - 1
        if n == 1 { return [realIfReal(Complex(0, 0) - c[0] / c[1], c)] }
        let lead = c[n].length
        let radius = 1 + (c[..<n].map { $0.length }.max() ?? 0) / lead
        var z = (0..<n).map { k -> Complex in
            let angle = 2 * Double.pi * Double(k) / Double(n) + 0.4
            return Complex(radius * 0.5 * cos(angle), radius * 0.5 * sin(angle))
        }
        for _ in 0..<1000 {
            try kernel.checkAbort()
            var largest = 0.0
            for k in 0..<n {
                let (p, dp) = evaluate(c, z[k])
                if p.isZero { continue }
                let ratio = p / dp
                var sum = Complex(0, 0)
                for j in 0..<n where j != k { sum = sum + Complex(1, 0) / (z[k] - z[j]) }
                let w = ratio / (Complex(1, 0) - ratio * sum)
                z[k] = z[k] - w
                largest = max(largest, w.length / max(z[k].length, 1))
            }
            if largest < 1e-15 { break }
        }
        return z.map { r in
            var r = r
            for _ in 0..<2 {
                let (p, dp) = evaluate(c, r)
                if p.isZero || dp.isZero { break }
                r = r - p / dp
            }
            return realIfReal(r, c)
        }
    }

    /// The non-real roots of a real polynomial as exact conjugate pairs (each with the mean of
    /// the pair's computed values).
    static func pairConjugates(_ roots: [Complex]) -> [Complex] {
        var out = roots
        var used = Set<Int>()
        for i in out.indices where out[i].imaginary > 0 && !used.contains(i) {
            var best: Int? = nil
            for j in out.indices where out[j].imaginary < 0 && !used.contains(j) {
                let d = (out[j] - Complex(out[i].real, -out[i].imaginary)).length
                if best == nil || d < (out[best!] - Complex(out[i].real, -out[i].imaginary)).length { best = j }
            }
            guard let j = best else { continue }
            used.insert(i); used.insert(j)
            let re = (out[i].real + out[j].real) / 2, im = (out[i].imaginary - out[j].imaginary) / 2
            out[i] = Complex(re, im)
            out[j] = Complex(re, -im)
        }
        return out
    }

    /// A root of a real polynomial with a negligible imaginary part, as a real.
    static func realIfReal(_ r: Complex, _ c: [Complex]) -> Complex {
        guard c.allSatisfy({ $0.imaginary == 0 }), abs(r.imaginary) <= 1e-10 * max(1, r.length) else { return r }
        var x = r.real
        for _ in 0..<3 {
            let (p, dp) = evaluate(c, Complex(x, 0))
            if p.isZero || dp.isZero { break }
            let step = (p / dp).real
            if !step.isFinite { break }
            x -= step
        }
        return Complex(x, 0)
    }

    /// p(z) and p'(z) by Horner's rule.
    static func evaluate(_ c: [Complex], _ z: Complex) -> (Complex, Complex) {
        var p = Complex(0, 0), dp = Complex(0, 0)
        for a in c.reversed() {
            dp = dp * z + p
            p = p * z + a
        }
        return (p, dp)
    }
}


extension RationalNumber {
    var double: Double { Double(numerator) / Double(denominator) }
}
