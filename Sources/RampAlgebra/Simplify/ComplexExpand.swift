import RampKernel
import RampSyntax

/// `ComplexExpand[expr]`: `expr` as `re + I im` with every variable taken as real (those listed in
/// `ComplexExpand[expr, {z, …}]` as complex, written `Re[z] + I Im[z]`).
///
/// Sums, products, integer and real powers, `Exp`, `Log`, the circular and hyperbolic functions,
/// `Abs`, `Arg`, `Re`, `Im` and `Conjugate` are split; other functions of real arguments are taken
/// as real, of complex ones as `Re[f[…]] + I Im[f[…]]`. Both parts are expanded.
struct ComplexExpansion {
    static func install(_ k: Kernel) {
        k.define("ComplexExpand", arguments: ArgumentCount(1, 2), usage: "ComplexExpand[expr] expands expr assuming that all variables are real.\nComplexExpand[expr, {x1, x2, …}] expands expr assuming that variables matching any of the xi are complex.") { call throws(EvaluationControl) in
            let complexVariables = call.args.count == 2 ? (call.args[1].isList ? Array(call.args[1].args) : [call.args[1]]) : []
            let expander = ComplexExpansion(kernel: call.kernel, complexVariables: complexVariables)
            return try TrigTransformations.threaded(call.args[0]) { e throws(EvaluationControl) in
                let (re, im) = try expander.parts(e)
                let r = try PolynomialBuiltins.expand(re, kernel: call.kernel) ?? re
                let i = try PolynomialBuiltins.expand(im, kernel: call.kernel) ?? im
                return try call.kernel.eval(.call(Sym.Plus, r, .call(Sym.Times, TrigTransformations.imaginaryUnit, i)))
            }
        }
    }

    let kernel: Kernel
    let complexVariables: [Expr]

    private func eval(_ e: Expr) throws(EvaluationControl) -> Expr { try kernel.eval(e) }
    private func f(_ name: String, _ args: Expr...) -> Expr { .call(Symbol.named(name), args) }
    private func times(_ xs: Expr...) -> Expr { .call(Sym.Times, xs) }
    private func plus(_ xs: Expr...) -> Expr { .call(Sym.Plus, xs) }
    private func power(_ b: Expr, _ e: Expr) -> Expr { .call(Sym.Power, b, e) }

    /// The real and imaginary parts of `e`, evaluated.
    func parts(_ e: Expr) throws(EvaluationControl) -> (Expr, Expr) {
        try kernel.checkAbort()
        if complexVariables.contains(e) { return (f("Re", e), f("Im", e)) }
        switch e {
        case .complex(let re, let im): return (re, im)
        case .integer, .bigInteger, .rational, .real, .bigReal, .string, .symbol, .packed, .native: return (e, 0)
        case .normal(let n):
            guard let head = n.head.symbol else { return try opaque(e) }
            let args = Array(n.args)
            switch (head.name, args.count) {
            case ("Plus", _):
                var re: [Expr] = [], im: [Expr] = []
                for a in args { let (r, i) = try parts(a); re.append(r); im.append(i) }
                return (try eval(.call(Sym.Plus, re)), try eval(.call(Sym.Plus, im)))
            case ("Times", _):
                var (re, im): (Expr, Expr) = (1, 0)
                for a in args { (re, im) = try multiply((re, im), try parts(a)) }
                return (re, im)
            case ("Power", 2): return try powerParts(args[0], args[1])
            case ("Re", 1): return (try parts(args[0]).0, 0)
            case ("Im", 1): return (try parts(args[0]).1, 0)
            case ("Conjugate", 1):
                let (a, b) = try parts(args[0])
                return (a, try eval(times(-1, b)))
            case ("Abs", 1):
                let (a, b) = try parts(args[0])
                if b == .integer(0) { return (try eval(f("Abs", a)), 0) }
                return (try modulus(a, b), 0)
            case ("Arg", 1):
                let (a, b) = try parts(args[0])
                if b == .integer(0) { return (try eval(f("Arg", a)), 0) }
                return (try eval(f("ArcTan", a, b)), 0)
            case ("Log", 1):
                let (a, b) = try parts(args[0])
                if b == .integer(0) { return (try eval(f("Log", f("Abs", a))), try eval(f("Arg", a))) }
                return (try eval(times(.rational(1, over: 2), f("Log", plus(power(a, 2), power(b, 2))))), try eval(f("ArcTan", a, b)))
            case ("Sin", 1), ("Cos", 1), ("Sinh", 1), ("Cosh", 1):
                let (a, b) = try parts(args[0])
                return try trig(head.name, a, b)
            case ("Tan", 1), ("Tanh", 1):
                let (a, b) = try parts(args[0])
                let circular = head.name == "Tan"
                let d = circular ? plus(f("Cos", times(2, a)), f("Cosh", times(2, b))) : plus(f("Cosh", times(2, a)), f("Cos", times(2, b)))
                let re = circular ? f("Sin", times(2, a)) : f("Sinh", times(2, a))
                let im = circular ? f("Sinh", times(2, b)) : f("Sin", times(2, b))
                if b == .integer(0) { return (try eval(f(head.name, a)), 0) }
                return (try eval(times(re, power(d, -1))), try eval(times(im, power(d, -1))))
            default:
                var real = true
                for a in args where try parts(a).1 != .integer(0) { real = false }
                return real ? (e, 0) : try opaque(e)
            }
        }
    }

    private func opaque(_ e: Expr) throws(EvaluationControl) -> (Expr, Expr) {
        (try eval(f("Re", e)), try eval(f("Im", e)))
    }

    private func multiply(_ x: (Expr, Expr), _ y: (Expr, Expr)) throws(EvaluationControl) -> (Expr, Expr) {
        let (a, b) = x, (c, d) = y
        if b == .integer(0) && d == .integer(0) { return (try eval(times(a, c)), 0) }
        return (try eval(plus(times(a, c), times(-1, b, d))), try eval(plus(times(a, d), times(b, c))))
    }

    private func modulus(_ a: Expr, _ b: Expr) throws(EvaluationControl) -> Expr {
        try eval(power(plus(power(a, 2), power(b, 2)), .rational(1, over: 2)))
    }

    /// The largest integer power multiplied out term by term.
    static let maxIntegerPower = 64

    private func powerParts(_ base: Expr, _ exponent: Expr) throws(EvaluationControl) -> (Expr, Expr) {
        let (a, b) = try parts(base)
        let (c, d) = try parts(exponent)
        if base == .symbol(Sym.E) {
            // E^(c + I d) = E^c (Cos[d] + I Sin[d])
            let ec = power(.symbol(Sym.E), c)
            if d == .integer(0) { return (try eval(ec), 0) }
            return (try eval(times(ec, f("Cos", d))), try eval(times(ec, f("Sin", d))))
        }
        if b == .integer(0) && d == .integer(0), exponent.int != nil { return (try eval(power(a, exponent)), 0) }
        if d == .integer(0), let n = exponent.int, abs(n) <= Self.maxIntegerPower, n != 0 {
            // Repeated multiplication; a negative power through the conjugate over |z|^2.
            var z: (Expr, Expr) = (a, b)
            if n < 0 {
                let m = plus(power(a, 2), power(b, 2))
                z = (try eval(times(a, power(m, -1))), try eval(times(-1, b, power(m, -1))))
            }
            var result: (Expr, Expr) = (1, 0)
            for _ in 0..<abs(n) { result = try multiply(result, z) }
            return result
        }
        guard d == .integer(0) else { return try opaque(power(base, exponent)) }
        // z^c = |z|^c (Cos[c Arg[z]] + I Sin[c Arg[z]]), |z|^c written (a^2 + b^2)^(c/2).
        let magnitude = power(plus(power(a, 2), power(b, 2)), times(c, .rational(1, over: 2)))
        let argument = b == .integer(0) ? f("Arg", a) : f("ArcTan", a, b)
        return (try eval(times(magnitude, f("Cos", times(c, argument)))), try eval(times(magnitude, f("Sin", times(c, argument)))))
    }

    private func trig(_ name: String, _ a: Expr, _ b: Expr) throws(EvaluationControl) -> (Expr, Expr) {
        if b == .integer(0) { return (try eval(f(name, a)), 0) }
        switch name {
        case "Sin": return (try eval(times(f("Sin", a), f("Cosh", b))), try eval(times(f("Cos", a), f("Sinh", b))))
        case "Cos": return (try eval(times(f("Cos", a), f("Cosh", b))), try eval(times(-1, f("Sin", a), f("Sinh", b))))
        case "Sinh": return (try eval(times(f("Sinh", a), f("Cos", b))), try eval(times(f("Cosh", a), f("Sin", b))))
        default: return (try eval(times(f("Cosh", a), f("Cos", b))), try eval(times(f("Sinh", a), f("Sin", b))))
        }
    }
}
