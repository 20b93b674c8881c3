import RampKernel
import RampSyntax

/// `NDSolve[eqns, y, {x, a, b}]`: initial value problems for systems of ordinary differential
/// equations of any order (reduced to first order), solved for the highest derivatives with `Solve`,
/// integrated by the Dormand–Prince 5(4) pair with adaptive steps from the point of the initial
/// conditions to both ends. Each unknown becomes an `InterpolatingFunction` (Hermite on the accepted
/// steps).
enum NDSolveBuiltins {
    static func install(_ k: Kernel) {
        k.define(BuiltinSpec("NDSolve", arguments: .exactly(3), options: [
            BuiltinSpec.option("MaxSteps", .integer(10000)),
            BuiltinSpec.option("AccuracyGoal", .automatic),
            BuiltinSpec.option("PrecisionGoal", .automatic),
            BuiltinSpec.option("WorkingPrecision", .symbol(Symbol.named("MachinePrecision"))),
            BuiltinSpec.option("Method", .automatic),
            BuiltinSpec.option("InterpolationOrder", .automatic),
        ], messages: [
            ("mxst", "Maximum number of `1` steps reached at the point `2` == `3`."),
            ("ndsz", "At `1` == `2`, step size is effectively zero; singularity or stiff system suspected."),
            ("ndnco", "The number of constraints (`1`) (initial conditions) is not equal to the total differential order of the system plus the number of discrete variables (`2`)."),
            ("ndinnt", "Initial condition `1` is not a number or a rectangular array of numbers."),
            ("nlnum", "The function value `1` is not a list of numbers with dimensions `2` at `3` = `4`."),
            ("ndnl", "Endpoint `1` in `2` is not a real number."),
            ("dsvar", "`1` cannot be used as a variable."),
            ("deqn", "Equation or list of equations expected instead of `1` in the first argument `2`."),
            ("mxsst", "Using maximum number of grid points `1` allowed by the MaxPoints or MinStepSize options for independent variable `2`."),
        ], usage: "NDSolve[eqns, u, {x, xmin, xmax}] finds a numerical solution to the ordinary differential equations eqns for the function u with the independent variable x in the range xmin to xmax.") { call throws(EvaluationControl) in
            try ndsolve(call)
        })
        k.define(BuiltinSpec("InterpolatingFunction", messages: [
            ("dmval", "Input value `1` lies outside the range of data in the interpolating function. Extrapolation will be used."),
        ], usage: "InterpolatingFunction[domain, table] represents an approximate function whose values are found by interpolation.") { _ throws(EvaluationControl) in nil })
    }

    /// An ODE system reduced to first order: the unknowns, their orders, and the highest derivatives.
    struct System {
        var functions: [Symbol]
        var orders: [Int]
        /// For each unknown, its highest derivative in terms of `x` and the state symbols.
        var rhs: [Expr]
        var state: [Expr]
        var x: Expr
    }

    static func ndsolve(_ call: BuiltinCall) throws(EvaluationControl) -> Expr? {
        let kernel = call.kernel
        // The unknowns: y, y[x] or a list of them.
        let spec = call.args[1]
        let unknowns = spec.hasHead(Sym.List) ? spec.args : [spec]
        let range = call.args[2]
        guard range.hasHead(Sym.List), range.argCount == 3, let xs = range.args[0].symbol else {
            if range.hasHead(Sym.List), range.argCount >= 1, range.args[0].symbol == nil { call.message("dsvar", range.args[0]) }
            return nil
        }
        let x = Expr.symbol(xs)
        var functions: [Symbol] = [], applied: [Bool] = []
        for u in unknowns {
            if let s = u.symbol { functions.append(s); applied.append(false) }
            else if case .normal(let n) = u, let s = n.head.symbol, n.args == [x] { functions.append(s); applied.append(true) }
            else { call.message("dsvar", u); return nil }
        }
        guard !functions.isEmpty else { return nil }
        var bounds: [Double] = []
        for b in range.args[1...] {
            let v = try kernel.eval(.call(Sym.N, b))
            guard let d = InterpolatingFunctionObject.real(v) ?? infinity(v), !d.isNaN else {
                call.message("ndnl", b, range); return nil
            }
            bounds.append(d)
        }
        guard bounds[0].isFinite else { call.message("ndnl", range.args[1], range); return nil }
        // Equations: ODEs (unknowns at x) and conditions (unknowns at one number).
        guard let eqs = DSolveBuiltins.equations(in: call.args[0]) else { call.message("deqn", call.args[0], call.args[0]); return nil }
        var odes: [Expr] = [], conditions: [(function: Int, order: Int, point: Expr, value: Expr, eq: Expr)] = []
        var orders = [Int](repeating: 0, count: functions.count)
        for eq in eqs {
            var occurrences: [(Int, Int, Expr)] = []
            findUnknowns(eq, functions, &occurrences)
            if occurrences.isEmpty { continue }
            if occurrences.allSatisfy({ $0.2 == x }) {
                odes.append(eq)
                for (f, k, _) in occurrences { orders[f] = max(orders[f], k) }
            } else if occurrences.count == 1, let (f, k, p) = occurrences.first, !SolveBuiltins.contains(p, anyOf: [x]) {
                let lhs = unknownAt(functions[f], k, p)
                let (l, r) = (eq.args[0], eq.args[1])
                guard l == lhs || r == lhs else { return nil }
                conditions.append((f, k, p, l == lhs ? r : l, eq))
            } else { return nil }
        }
        guard !odes.isEmpty, orders.allSatisfy({ $0 > 0 }) else { return nil }
        let total = orders.reduce(0, +)
        if conditions.count != total {
            call.message("ndnco", .integer(conditions.count), .integer(total)); return nil
        }
        // The state: y_i, y_i', …, y_i^(k_i - 1); the highest derivatives solved for.
        var state: [Expr] = [], stateNames: [Expr] = [], index: [[Int]] = []
        var reduced = odes.map { $0 }
        var tops: [Expr] = []
        for (i, f) in functions.enumerated() {
            var row: [Int] = []
            for j in 0..<orders[i] {
                let s = Expr.symbol(Symbol.named("NDSolve$s\(i)$\(j)"))
                row.append(state.count)
                state.append(s)
                stateNames.append(unknownAt(f, j, x))
                reduced = reduced.map { Antiderivative.replace($0, unknownAt(f, j, x), s) }
            }
            index.append(row)
            let z = Expr.symbol(Symbol.named("NDSolve$z\(i)"))
            tops.append(z)
            reduced = reduced.map { Antiderivative.replace($0, unknownAt(f, orders[i], x), z) }
        }
        let solved = try kernel.eval(.call(Symbol.named("Solve"), .list(reduced), .list(tops)))
        guard solved.hasHead(Sym.List), solved.argCount == 1, solved.args[0].hasHead(Sym.List) else { return nil }
        var rhs = [Expr?](repeating: nil, count: functions.count)
        for rule in solved.args[0].args where rule.hasHead(Sym.Rule) {
            if let i = tops.firstIndex(of: rule.args[0]) { rhs[i] = rule.args[1] }
        }
        guard rhs.allSatisfy({ $0 != nil }) else { return nil }
        let system = System(functions: functions, orders: orders, rhs: rhs.map { $0! }, state: state, x: x)
        // Initial values, all at one point.
        var y0 = [Double](repeating: .nan, count: total)
        var start: Double? = nil
        for c in conditions {
            let p = InterpolatingFunctionObject.real(try kernel.eval(.call(Sym.N, c.point)))
            let v = InterpolatingFunctionObject.real(try kernel.eval(.call(Sym.N, c.value)))
            guard let v, v.isFinite else { call.message("ndinnt", c.eq); return nil }
            guard let p, p.isFinite else { return nil }
            if let s = start, s != p { return nil }   // boundary value problems: not done
            start = p
            y0[index[c.function][c.order]] = v
        }
        guard let t0 = start, !y0.contains(where: \.isNaN) else { return nil }
        // Options.
        let maxSteps: Int
        switch call.option("MaxSteps") {
        case .integer(let n)? where n > 0: maxSteps = n
        case let v? where infinity(v) == .infinity: maxSteps = Int.max
        default: maxSteps = 10000
        }
        let atol = goal(call.option("AccuracyGoal")), rtol = goal(call.option("PrecisionGoal"))
        let f: ODEFunction = { (t, y) throws(EvaluationControl) in try evaluate(system, t, y, kernel: kernel) }
        // The right-hand side must be numeric at the start.
        guard let f0 = try f(t0, y0) else {
            let value = try kernel.eval(.call(Sym.N, .list(system.rhs.map { e in substitute(e, system, t0, y0) })))
            call.message("nlnum", value, .list([.integer(functions.count)]), .list([x] + stateNames), .list(([t0] + y0).map { .real($0) }))
            return nil
        }
        _ = f0
        var steps = 0
        var backward = DormandPrince.Trajectory(ts: [t0], ys: [y0], dys: [f0])
        var forward = backward
        if bounds[0] < t0 {
            backward = try DormandPrince.integrate(f, t0, y0, to: bounds[0], atol: atol, rtol: rtol, maxSteps: maxSteps, steps: &steps, call: call)
        }
        if bounds[1] > t0 || (bounds[1] < t0 && bounds[0] > t0) {
            let end = max(bounds[0], bounds[1]) > t0 ? max(bounds[0], bounds[1]) : bounds[1]
            forward = try DormandPrince.integrate(f, t0, y0, to: end, atol: atol, rtol: rtol, maxSteps: maxSteps, steps: &steps, call: call)
        }
        var ts = Array(backward.ts.reversed()), ys = Array(backward.ys.reversed()), dys = Array(backward.dys.reversed())
        var corrections = Array(backward.corrections.reversed()) + forward.corrections
        ts += forward.ts.dropFirst(); ys += forward.ys.dropFirst(); dys += forward.dys.dropFirst()
        if ts.count == 1 { ts.append(ts[0]); ys.append(ys[0]); dys.append(dys[0]); corrections.append(y0.map { _ in 0 }) }
        var rules: [Expr] = []
        for (i, fn) in functions.enumerated() {
            let j = index[i][0]
            let object = Expr.native(InterpolatingFunctionObject(grid: ts, values: ys.map { $0[j] }, derivatives: dys.map { $0[j] },
                                                                 corrections: corrections.map { $0[j] }))
            rules.append(applied[i] ? .call(Sym.Rule, .call(.symbol(fn), [x]), .call(object, [x])) : .call(Sym.Rule, .symbol(fn), object))
        }
        return .list([.list(rules)])
    }

    static func infinity(_ e: Expr) -> Double? {
        guard e.hasHead(Sym.DirectedInfinity), e.argCount == 1, let d = InterpolatingFunctionObject.real(e.args[0]), d != 0 else { return nil }
        return d > 0 ? .infinity : -.infinity
    }

    /// 10^-goal; Automatic is 8 (half of machine precision), Infinity no tolerance of that kind.
    static func goal(_ e: Expr?) -> Double {
        guard let e, let g = InterpolatingFunctionObject.real(e) else {
            if let e, infinity(e) == .infinity { return 0 }
            return 1e-8
        }
        return Double.pow(10, -min(max(g, 0), 15))
    }

    /// y^(k)[p] as written: `y[p]`, `Derivative[k][y][p]`.
    static func unknownAt(_ f: Symbol, _ k: Int, _ p: Expr) -> Expr {
        k == 0 ? .call(.symbol(f), [p]) : .call(.call(.call(Sym.Derivative, .integer(k)), [.symbol(f)]), [p])
    }

    /// The unknowns in `e`: (index, derivative order, argument); a bare unknown counts as order 0 at
    /// itself (never matched as a condition).
    static func findUnknowns(_ e: Expr, _ fs: [Symbol], _ out: inout [(Int, Int, Expr)]) {
        guard case .normal(let n) = e else { return }
        if n.args.count == 1, let s = n.head.symbol, let i = fs.firstIndex(where: { $0 === s }) {
            out.append((i, 0, n.args[0])); return
        }
        if n.args.count == 1, case .normal(let d) = n.head, d.args.count == 1, let s = d.args[0].symbol,
           let i = fs.firstIndex(where: { $0 === s }), d.head.hasHead(Sym.Derivative), let k = d.head.args.first?.int, k >= 0 {
            out.append((i, k, n.args[0])); return
        }
        findUnknowns(n.head, fs, &out)
        for a in n.args { findUnknowns(a, fs, &out) }
    }

    static func substitute(_ e: Expr, _ s: System, _ t: Double, _ y: [Double]) -> Expr {
        var r = Antiderivative.replace(e, s.x, .real(t))
        for (sym, v) in zip(s.state, y) { r = Antiderivative.replace(r, sym, .real(v)) }
        return r
    }

    /// The derivative of the state; nil where a value is not a finite real.
    static func evaluate(_ s: System, _ t: Double, _ y: [Double], kernel: Kernel) throws(EvaluationControl) -> [Double]? {
        var dy = [Double](repeating: 0, count: y.count)
        var offset = 0
        for (i, k) in s.orders.enumerated() {
            for j in 0..<(k - 1) { dy[offset + j] = y[offset + j + 1] }
            let v = try kernel.eval(.call(Sym.N, substitute(s.rhs[i], s, t, y)))
            guard let d = InterpolatingFunctionObject.real(v), d.isFinite else { return nil }
            dy[offset + k - 1] = d
            offset += k
        }
        return dy
    }
}

typealias ODEFunction = (Double, [Double]) throws(EvaluationControl) -> [Double]?
