import ComplexModule
import RampKernel
import RampSyntax

/// `NIntegrate[f, {x, a, b}]`: globally adaptive Gauss–Kronrod quadrature (7-point Gauss,
/// 15-point Kronrod) in machine precision, bisecting the interval with the largest error estimate
/// until the total estimate is below 1e-12 relative; infinite ranges are mapped onto finite ones
/// (x = a + t/(1 - t), x = t/(1 - t²)). Complex-valued integrands are integrated too.
enum NumericIntegration {
    static func install(_ k: Kernel) {
        // Options are accepted and not used: machine precision and the goals below (README).
        k.define(BuiltinSpec("NIntegrate", attributes: [.holdAll], arguments: .atLeast(2), options: [
            BuiltinSpec.option("AccuracyGoal", .symbol(Sym.Infinity)),
            BuiltinSpec.option("MaxRecursion", .symbol(Sym.Automatic)),
            BuiltinSpec.option("Method", .symbol(Sym.Automatic)),
            BuiltinSpec.option("PrecisionGoal", .symbol(Sym.Automatic)),
            BuiltinSpec.option("WorkingPrecision", .sym("MachinePrecision")),
        ], messages: [
            ("inumr", "The integrand `1` has evaluated to non-numerical values for all sampling points in the region with boundaries `2`."),
            ("nlim", "`1` = `2` is not a valid limit of integration."),
            ("ncvb", "NIntegrate failed to converge to prescribed accuracy after `1` recursive bisections in `2` near `3` = `4`. NIntegrate obtained `5` and `6` for the integral and error estimates."),
            ("itraw", "Raw object `1` cannot be used as an iterator."),
        ], usage: "NIntegrate[f, {x, xmin, xmax}] gives a numerical approximation to the integral of f from xmin to xmax.\nNIntegrate[f, {x, xmin, xmax}, {y, ymin, ymax}, …] gives a multiple integral, the last variable innermost.") { (call) throws(EvaluationControl) in
            try nintegrate(call)
        })
    }

    typealias Value = Complex

    static func nintegrate(_ call: BuiltinCall) throws(EvaluationControl) -> Expr? {
        let kernel = call.kernel
        var specs: [Expr] = []
        for s in call.args.dropFirst() {
            guard s.hasHead(Sym.List), s.argCount == 3, case .symbol = s.args[0] else { call.message("itraw", s); return nil }
            specs.append(s)
        }
        // Limits may depend on the outer variables ({x, 0, 1}, {y, 0, x}): each level substitutes
        // the outer values; the last range is innermost.
        var failed = false
        func integral(_ f: Expr, _ level: Int, _ outer: [(Expr, Expr)]) throws(EvaluationControl) -> Value? {
            let spec = specs[level], x = spec.args[0]
            var bounds: [Double] = [], shown: [Expr] = []
            for e in spec.args.dropFirst() {
                var limit = e
                for (v, value) in outer { limit = Antiderivative.replace(limit, v, value) }
                limit = try kernel.eval(limit)
                guard let v = try Integration.limit(limit, kernel) else {
                    if !failed { call.message("nlim", x, limit) }
                    failed = true
                    return nil
                }
                bounds.append(v); shown.append(limit)
            }
            let g: (Double) throws(EvaluationControl) -> Value?
            if level == specs.count - 1 {
                g = try integrand(f, x, kernel)
            } else {
                g = { (t) throws(EvaluationControl) in
                    try integral(Antiderivative.replace(f, x, .real(t)), level + 1, outer + [(x, .real(t))])
                }
            }
            guard let q = try quadrature(g, bounds[0], bounds[1], kernel) else {
                if !failed { call.message("inumr", f, .list([.list(shown)])) }
                failed = true
                return nil
            }
            if !q.converged && level == 0 {
                call.message("ncvb", .integer(q.bisections), .list([x]), x, .real(q.worst), number(q.value), .real(q.error))
            }
            return q.value
        }
        guard let v = try integral(call.args[0], 0, []) else { return nil }
        return number(v)
    }

    static func number(_ v: Value) -> Expr {
        v.imaginary == 0 ? .real(v.real) : .complex(.real(v.real), .real(v.imaginary))
    }

    /// f as a function of a machine number substituted for x (nil where it is not numeric).
    static func integrand(_ f: Expr, _ x: Expr, _ kernel: Kernel) throws(EvaluationControl) -> (Double) throws(EvaluationControl) -> Value? {
        return { (t) throws(EvaluationControl) in
            try Integration.numericValue(f, [(x, .real(t))], kernel)
        }
    }

    struct Result {
        var value: Value
        var error: Double
        var converged: Bool
        var bisections: Int
        var worst: Double
    }

    static let nodes: [Double] = [0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
                                  0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
                                  0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
                                  0.207784955007898467600689403773245, 0.0]
    static let kronrod: [Double] = [0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
                                    0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
                                    0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
                                    0.204432940075298892414161999234649, 0.209482141084727828012999174891714]
    /// The Gauss weights of the odd nodes (1, 3, 5, 7: the last is the centre).
    static let gauss: [Double] = [0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
                                  0.381830050505118944950369775488975, 0.417959183673469387755102040816327]

    static let maxIntervals = 800

    /// ∫ g from a to b (either may be infinite); nil when g is not numeric at some sampling point.
    static func quadrature(_ g: @escaping (Double) throws(EvaluationControl) -> Value?, _ a: Double, _ b: Double, _ kernel: Kernel) throws(EvaluationControl) -> Result? {
        if a == b { return Result(value: Value(0, 0), error: 0, converged: true, bisections: 0, worst: a) }
        if a > b {
            guard var r = try quadrature(g, b, a, kernel) else { return nil }
            r.value = Value(-r.value.real, -r.value.imaginary)
            return r
        }
        // Finite images of infinite ranges: h(t) = g(x(t)) x'(t).
        let h: (Double) throws(EvaluationControl) -> Value?
        let (lo, hi): (Double, Double)
        let map: (Double) -> Double
        switch (a.isFinite, b.isFinite) {
        case (true, true):
            h = g; (lo, hi) = (a, b); map = { $0 }
        case (true, false):
            map = { a + $0 / (1 - $0) }
            h = { (t) throws(EvaluationControl) in try g(a + t / (1 - t)).map { scale($0, 1 / ((1 - t) * (1 - t))) } }
            (lo, hi) = (0, 1)
        case (false, true):
            map = { b - (1 - $0) / $0 }
            h = { (t) throws(EvaluationControl) in try g(b - (1 - t) / t).map { scale($0, 1 / (t * t)) } }
            (lo, hi) = (0, 1)
        case (false, false):
            map = { $0 / (1 - $0 * $0) }
            h = { (t) throws(EvaluationControl) in
                try g(t / (1 - t * t)).map { scale($0, (1 + t * t) / ((1 - t * t) * (1 - t * t))) }
            }
            (lo, hi) = (-1, 1)
        }
        var intervals: [(a: Double, b: Double, value: Value, error: Double, depth: Int)] = []
        guard let first = try rule(h, lo, hi, kernel) else { return nil }
        intervals.append((lo, hi, first.0, first.1, 0))
        var bisections = 0
        while true {
            try kernel.checkAbort()
            var total = Value(0, 0), error = 0.0, worst = 0
            for (i, iv) in intervals.enumerated() {
                total.real += iv.value.real; total.imaginary += iv.value.imaginary; error += iv.error
                if iv.error > intervals[worst].error { worst = i }
            }
            let magnitude = (total.real * total.real + total.imaginary * total.imaginary).squareRoot()
            let done = error <= max(1e-12 * magnitude, 1e-15)
            let iv = intervals[worst]
            let mid = (iv.a + iv.b) / 2
            if done || intervals.count >= maxIntervals || !(mid > iv.a && mid < iv.b) {
                let converged = done || error <= max(1e-6 * magnitude, 1e-9)
                return Result(value: total, error: error, converged: converged, bisections: bisections, worst: map(mid))
            }
            guard let left = try rule(h, iv.a, mid, kernel), let right = try rule(h, mid, iv.b, kernel) else { return nil }
            intervals[worst] = (iv.a, mid, left.0, left.1, iv.depth + 1)
            intervals.append((mid, iv.b, right.0, right.1, iv.depth + 1))
            bisections = max(bisections, iv.depth + 1)
        }
    }

    static func scale(_ v: Value, _ s: Double) -> Value { Value(v.real * s, v.imaginary * s) }

    /// The 15-point Kronrod estimate on [a, b] and its difference from the 7-point Gauss one.
    static func rule(_ h: (Double) throws(EvaluationControl) -> Value?, _ a: Double, _ b: Double, _ kernel: Kernel) throws(EvaluationControl) -> (Value, Double)? {
        let c = (a + b) / 2, r = (b - a) / 2
        var k = Value(0, 0), gs = Value(0, 0)
        for i in 0..<8 {
            try kernel.checkAbort()
            let points = i == 7 ? [c] : [c - r * nodes[i], c + r * nodes[i]]
            for p in points {
                guard let v = try h(p), v.real.isFinite, v.imaginary.isFinite else { return nil }
                k.real += kronrod[i] * v.real; k.imaginary += kronrod[i] * v.imaginary
                if i % 2 == 1 { gs.real += gauss[i / 2] * v.real; gs.imaginary += gauss[i / 2] * v.imaginary }
            }
        }
        let value = Value(k.real * r, k.imaginary * r)
        let dr = (k.real - gs.real) * r, di = (k.imaginary - gs.imaginary) * r
        return (value, (dr * dr + di * di).squareRoot())
    }
}
