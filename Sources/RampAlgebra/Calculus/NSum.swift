import ComplexModule
import RampKernel
import RampSyntax

/// `NSum[f, {i, imin, imax}]` (and `{i, imin, imax, di}`, `{i, imax}`, several iterators): a
/// numerical sum in machine precision.
///
/// Finite ranges of up to `directLimit` terms are added up. Longer and infinite ones take the first
/// `NSumTerms` terms explicitly and then, as Wolfram's default methods do:
/// - alternating terms: Wynn's epsilon algorithm on the partial sums;
/// - otherwise Euler–Maclaurin: the integral of the rest (adaptive Gauss–Kronrod, as `NIntegrate`)
///   with the end corrections f/2, -f'/12, f'''/720 (derivatives by finite differences).
enum NumericSums {
    static let directLimit = 100_000

    static func install(_ k: Kernel) {
        k.define(BuiltinSpec("NSum", attributes: [.holdAll], arguments: .atLeast(2), options: [
            BuiltinSpec.option("Method", .symbol(Sym.Automatic)),
            BuiltinSpec.option("NSumTerms", .integer(15)),
            BuiltinSpec.option("WorkingPrecision", .sym("MachinePrecision")),
        ], messages: [
            ("nsnum", "Summand (or its derivative) `1` is not numerical at point `2` = `3`."),
            ("emcon", "Euler-Maclaurin sum failed to converge to requested error tolerance."),
            ("itraw", "Raw object `1` cannot be used as an iterator."),
            ("nsterms", "NSumTerms -> `1` is not a positive integer."),
        ], usage: "NSum[f, {i, imin, imax}] gives a numerical approximation to the sum of f for i from imin to imax.\nNSum[f, {i, imin, imax, di}] uses a step di in the sum.\nNSum[f, {i, imin, imax}, {j, jmin, jmax}, …] gives a multiple sum.") { (call) throws(EvaluationControl) in
            try nsum(call)
        })
    }

    typealias Value = Complex
    typealias Summand = (Double) throws(EvaluationControl) -> Value?

    static func nsum(_ call: BuiltinCall) throws(EvaluationControl) -> Expr? {
        let kernel = call.kernel
        let positional = call.args
        var explicitTerms = 15
        if let given = call.option("NSumTerms") {
            let v = try kernel.eval(given)
            guard let n = v.int, n > 0, n <= 100_000 else { call.message("nsterms", v); return nil }
            explicitTerms = n
        }
        guard positional.count >= 2 else { return nil }
        // Several iterators: the first is the outermost; the inner NSum is the summand.
        var body = positional[0]
        if positional.count > 2 {
            body = .call(call.head, [positional[0]] + positional.dropFirst(2))
        }
        let spec = positional[1]
        guard spec.isList, (2...4).contains(spec.args.count), case .symbol(let v) = spec.args[0] else {
            call.message("itraw", spec); return nil
        }
        let bounds = spec.args.count == 2 ? [Expr.integer(1), spec.args[1]] : [spec.args[1], spec.args[2]]
        var numbers: [Double] = []
        for b in bounds + (spec.args.count == 4 ? [spec.args[3]] : [Expr.integer(1)]) {
            let exact = try kernel.eval(b)
            let value = realValue(exact) != nil ? exact : try kernel.eval(.call(Sym.N, exact))
            guard let d = realValue(value) else { call.message("nsnum", body, .symbol(v), value); return nil }
            numbers.append(d)
        }
        let (lower, upper, step) = (numbers[0], numbers[1], numbers[2])
        guard step > 0, !lower.isNaN, !upper.isNaN, step.isFinite else { return nil }
        if upper < lower { return .integer(0) }
        let term = { (x: Double) throws(EvaluationControl) -> Value? in
            let point: Expr = x == x.rounded() && abs(x) < 9e15 ? .integer(Int(x)) : .real(x)
            return try Integration.numericValue(body, [(.symbol(v), point)], kernel)
        }
        func failed(at x: Double) -> Expr? {
            let point: Expr = x == x.rounded() && abs(x) < 9e15 ? .integer(Int(x)) : .real(x)
            call.message("nsnum", body, .symbol(v), point); return nil
        }
        // -Infinity to b: the sum of f(-x) from -b up; -Infinity to Infinity: from 0 both ways.
        if !lower.isFinite {
            let mirrored = { (x: Double) throws(EvaluationControl) -> Value? in try term(-x) }
            if upper.isFinite {
                guard let s = try infiniteSum(mirrored, from: -upper, step: step, explicitTerms: explicitTerms, call: call, failed: failed) else { return nil }
                return number(s)
            }
            guard let right = try infiniteSum(term, from: 0, step: step, explicitTerms: explicitTerms, call: call, failed: failed),
                  let left = try infiniteSum(mirrored, from: step, step: step, explicitTerms: explicitTerms, call: call, failed: failed) else { return nil }
            return number(right + left)
        }
        if upper.isFinite {
            let count = ((upper - lower) / step).rounded(.down) + 1
            if count <= Double(directLimit) {
                var total = Value(0, 0)
                for k in 0..<Int(count) {
                    if k & 1023 == 0 { try kernel.checkAbort() }
                    let x = lower + Double(k) * step
                    guard let t = try term(x) else { return failed(at: x) }
                    total += t
                }
                return number(total)
            }
            // A long finite range: the infinite sum from lower minus the one past upper.
            guard let all = try infiniteSum(term, from: lower, step: step, explicitTerms: explicitTerms, call: call, failed: failed),
                  let tail = try infiniteSum(term, from: lower + count * step, step: step, explicitTerms: explicitTerms, call: call, failed: failed) else { return nil }
            return number(all - tail)
        }
        guard let s = try infiniteSum(term, from: lower, step: step, explicitTerms: explicitTerms, call: call, failed: failed) else { return nil }
        return number(s)
    }

    static func realValue(_ e: Expr) -> Double? {
        switch e {
        case .integer(let i): return Double(i)
        case .real(let d): return d
        default:
            if e == .symbol(Sym.Infinity) || e == .call(Sym.DirectedInfinity, 1) { return .infinity }
            if e == .call(Sym.DirectedInfinity, -1) || e == .call(Sym.Times, -1, .symbol(Sym.Infinity)) { return -.infinity }
            return nil
        }
    }

    static func number(_ v: Value) -> Expr {
        v.imaginary == 0 ? .real(v.real) : .complex(.real(v.real), .real(v.imaginary))
    }

    /// The sum of f(a), f(a + h), f(a + 2h), … to infinity.
    static func infiniteSum(_ f: @escaping Summand, from a: Double, step h: Double, explicitTerms: Int,
                            call: BuiltinCall, failed: (Double) -> Expr?) throws(EvaluationControl) -> Value? {
        let kernel = call.kernel
        // Enough terms to see whether they alternate, and for Wynn's epsilon if they do.
        let sampled = max(explicitTerms, 40)
        var terms: [Value] = []
        for k in 0..<sampled {
            if k & 63 == 0 { try kernel.checkAbort() }
            let x = a + Double(k) * h
            guard let t = try f(x) else { _ = failed(x); return nil }
            terms.append(t)
        }
        // Alternating or oscillating terms (the real or imaginary parts change sign often).
        let recent = Array(terms.suffix(20))
        var signChanges = 0
        for part in [recent.map { $0.real }, recent.map { $0.imaginary }] {
            let nonzero = part.filter { $0 != 0 }
            for (p, q) in zip(nonzero, nonzero.dropFirst()) where p * q < 0 { signChanges += 1 }
        }
        if signChanges * 4 >= recent.count - 1 { return wynnEpsilon(Array(partialSums(terms).prefix(24))) }

        // Euler–Maclaurin from the point after the explicit terms (at least 40, which puts the
        // first correction left out, f^(5)/30240, near 1e-13 for 1/i^2).
        let n = max(explicitTerms, sampled)
        var explicit = Value(0, 0)
        for t in terms.prefix(n) { explicit += t }
        let xn = a + Double(n) * h
        let g = { (x: Double) throws(EvaluationControl) -> Value? in try f(x) }
        guard let fn = try g(xn) else { _ = failed(xn); return nil }
        let d = 1e-3 * max(1, abs(xn))
        var samples: [Value] = []
        for k in [-2.0, -1, 1, 2] {
            guard let s = try g(xn + k * d) else { _ = failed(xn + k * d); return nil }
            samples.append(s)
        }
        let eight = Value(8, 0), two = Value(2, 0)
        let inner: Value = samples[2] - samples[1]
        let outer: Value = samples[3] - samples[0]
        let first: Value = (eight * inner - outer) / Value(12 * d, 0)
        let third: Value = (outer - two * inner) / Value(2 * d * d * d, 0)
        // The integral from xn to infinity through x = xn/s^2, smooth in s for terms decaying
        // like x^-p with p >= 3/2 and for exponential decay.
        let scale = abs(xn) > 0 ? xn : 1
        let mapped = { (t: Double) throws(EvaluationControl) -> Value? in
            try g(scale / (t * t)).map { $0 * Value(2 * scale / (t * t * t), 0) }
        }
        let integralFromScale = xn > 0 ? try NumericIntegration.quadrature(mapped, 0, 1, kernel) : nil
        let start = xn > 0 ? nil : try NumericIntegration.quadrature(g, xn, 1, kernel)
        let beyond = xn > 0 ? nil : try NumericIntegration.quadrature(mapped, 0, 1, kernel)
        var combined = integralFromScale
        if let a = start, let b = beyond {
            combined = NumericIntegration.Result(value: a.value + b.value, error: a.error + b.error, converged: a.converged && b.converged, bisections: max(a.bisections, b.bisections), worst: a.worst)
        }
        guard let integral = combined else {
            call.message("emcon"); return nil
        }
        if !integral.converged || !integral.value.real.isFinite {
            call.message("emcon")
            return nil
        }
        let half: Value = fn / Value(2, 0)
        let firstCorrection: Value = first * Value(h / 12, 0)
        let thirdCorrection: Value = third * Value(h * h * h / 720, 0)
        let rest: Value = integral.value / Value(h, 0)
        return explicit + rest + half - firstCorrection + thirdCorrection
    }

    static func partialSums(_ terms: [Value]) -> [Value] {
        var sums: [Value] = []
        var s = Value(0, 0)
        for t in terms { s += t; sums.append(s) }
        return sums
    }

    /// The limit of a sequence of partial sums by Wynn's epsilon algorithm (the last even column).
    static func wynnEpsilon(_ s: [Value]) -> Value {
        var previous = [Value](repeating: Value(0, 0), count: s.count + 1)
        var current = s
        var best = s.last ?? Value(0, 0)
        var column = 0
        while current.count > 1 {
            var next: [Value] = []
            for i in 0..<(current.count - 1) {
                let difference = current[i + 1] - current[i]
                if difference.length == 0 { return current[i + 1] }
                next.append(previous[i + 1] + Value(1, 0) / difference)
            }
            previous = current
            current = next
            column += 1
            if column % 2 == 0, let last = current.last, last.real.isFinite, last.imaginary.isFinite { best = last }
        }
        return best
    }
}
