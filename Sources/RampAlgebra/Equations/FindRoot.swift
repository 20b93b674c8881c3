import RampKernel
import RampSyntax

/// `FindRoot`: Newton's method in machine precision with the Jacobian from `D` (the secant method
/// when a start gives two points, `{x, x0, x1}`), a backtracking line search on the residual, and
/// Wolfram's messages (`cvmit`, `lstol`, `nlnum`, `jsing`).
enum FindRootBuiltins {
    static func install(_ k: Kernel) {
        k.define(BuiltinSpec("FindRoot", attributes: [.holdAll], arguments: .atLeast(2), messages: [
            ("cvmit", "Failed to converge to the requested accuracy or precision within `1` iterations."),
            ("lstol", "The line search decreased the step size to within tolerance specified by AccuracyGoal and PrecisionGoal but was unable to find a sufficient decrease in the merit function. You may need more than MachinePrecision digits of working precision to meet these tolerances."),
            ("nlnum", "The function value `1` is not a list of numbers with dimensions `2` at `3` = `4`."),
            ("jsing", "Encountered a singular Jacobian at the point `1` = `2`. Try perturbing the initial point(s)."),
            ("fdss", "Search specification `1` should be a list with 2 to 5 elements."),
        ], usage: "FindRoot[f, {x, x0}] searches for a numerical root of f, starting from the point x = x0.\nFindRoot[lhs == rhs, {x, x0}] searches for a numerical solution to the equation lhs == rhs.\nFindRoot[{f1, f2, …}, {{x, x0}, {y, y0}, …}] searches for a simultaneous numerical root of all the fi.") { call throws(EvaluationControl) in
            try findRoot(call)
        })
    }

    static func findRoot(_ call: BuiltinCall) throws(EvaluationControl) -> Expr? {
        let kernel = call.kernel
        // Options after the search specification (MaxIterations; the goals are machine precision).
        var maxIterations = 100
        var positional: [Expr] = []
        for a in call.args {
            if case .normal(let r) = a, r.head == .symbol(Sym.Rule) || r.head == .symbol(Sym.RuleDelayed), r.args.count == 2,
               case .symbol(let name) = r.args[0] {
                if name.name == "MaxIterations", let m = kernel.evaluate(r.args[1]).int, m > 0 { maxIterations = min(m, 100_000) }
                continue
            }
            positional.append(a)
        }
        guard positional.count >= 2 else { return nil }
        // Equations as residuals lhs - rhs.
        let system = kernel.evaluate(positional[0])
        let equations = system.isList ? system.args : [system]
        let residuals: [Expr] = equations.map { e in
            if case .normal(let n) = e, n.head == .symbol(Sym.Equal), n.args.count == 2 {
                return .call(Sym.Plus, n.args[0], .call(Sym.Times, .integer(-1), n.args[1]))
            }
            return e
        }
        // Variables and starting points: {x, x0}, {x, x0, x1} or {{x, x0}, {y, y0}, …}.
        var specs = Array(positional.dropFirst())
        if specs.count == 1, specs[0].isList, specs[0].args.first?.isList == true { specs = specs[0].args }
        var variables: [Symbol] = [], starts: [Double] = [], seconds: [Double?] = []
        for s in specs {
            guard s.isList, s.args.count >= 2, s.args.count <= 5, case .symbol(let v) = s.args[0] else { call.message("fdss", s); return nil }
            guard let x0 = numeric(kernel.evaluate(s.args[1]), kernel) else { call.message("fdss", s); return nil }
            variables.append(v)
            starts.append(x0)
            seconds.append(s.args.count >= 3 ? numeric(kernel.evaluate(s.args[2]), kernel) : nil)
        }
        guard !variables.isEmpty, residuals.count == variables.count else { call.message("fdss", .list(specs)); return nil }
        let vars = variables.map { Expr.symbol($0) }
        // The Jacobian, symbolically (nil entries: differentiate numerically).
        var jacobian: [[Expr]] = []
        for r in residuals {
            var row: [Expr] = []
            for v in vars { row.append(kernel.evaluate(.call(Symbol.named("D"), r, v))) }
            jacobian.append(row)
        }
        func values(_ exprs: [Expr], at point: [Double]) throws(EvaluationControl) -> [Double]? {
            var out: [Double] = []
            for e in exprs {
                var substituted = e
                let rules: Expr = .list(zip(vars, point).map { .call(Sym.Rule, $0, .real($1)) })
                substituted = kernel.evaluate(.call(Symbol.named("ReplaceAll"), substituted, rules))
                guard let d = numeric(substituted, kernel) else { return nil }
                out.append(d)
            }
            return out
        }
        func pointExpr(_ p: [Double]) -> Expr { p.count == 1 ? .real(p[0]) : .list(p.map { .real($0) }) }
        func varsExpr() -> Expr { vars.count == 1 ? vars[0] : .list(vars) }
        func result(_ p: [Double]) -> Expr { .list(zip(vars, p).map { .call(Sym.Rule, $0, .real($1)) }) }

        var x = starts
        guard var f = try values(residuals, at: x) else {
            let rules: Expr = .list(zip(vars, x).map { .call(Sym.Rule, $0, .real($1)) })
            let shown = residuals.map { kernel.evaluate(.call(Symbol.named("ReplaceAll"), $0, rules)) }
            call.message("nlnum", .list(shown), .list([.integer(residuals.count)]), .list(vars), .list(x.map { .real($0) }))
            return nil
        }
        func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        // The secant method for one variable with two starting points.
        if x.count == 1, let x1 = seconds[0] {
            var (a, b) = (x[0], x1)
            guard var fa = try values(residuals, at: [a])?[0], var fb = try values(residuals, at: [b])?[0] else { return nil }
            for _ in 0..<maxIterations {
                try kernel.checkAbort()
                if fb == 0 || abs(b - a) <= 1e-15 * max(1, abs(b)) { return result([b]) }
                if fb == fa { break }
                let c = b - fb * (b - a) / (fb - fa)
                guard let fc = try values(residuals, at: [c])?[0] else { return nil }
                (a, fa, b, fb) = (b, fb, c, fc)
            }
            if abs(fb) < 1e-10 { return result([b]) }
            call.message("cvmit", .integer(maxIterations))
            return result([b])
        }
        for _ in 0..<maxIterations {
            try kernel.checkAbort()
            if norm(f) == 0 { return result(x) }
            var j: [[Double]] = []
            for row in jacobian {
                guard let r = try values(row, at: x) else { return nil }
                j.append(r)
            }
            let lu = try LUFactorization(j, kernel: kernel)
            if lu.singular { call.message("jsing", .list(vars), .list(x.map { .real($0) })); return result(x) }
            let step = lu.solve(f)
            // Backtracking: halve the step until the residual decreases.
            var t = 1.0, next = x, fNext = f
            var improved = false
            while t > 1e-10 {
                next = zip(x, step).map { $0 - t * $1 }
                if let fn = try values(residuals, at: next), norm(fn) < norm(f) || norm(fn) == 0 { fNext = fn; improved = true; break }
                t /= 2
            }
            if !improved {
                if norm(f) < 1e-10 { return result(x) }
                call.message("lstol")
                return result(x)
            }
            let moved = zip(x, next).map { abs($0 - $1) }.max() ?? 0
            x = next; f = fNext
            if moved <= 1e-15 * max(1, x.map { abs($0) }.max() ?? 1) || norm(f) == 0 { return result(x) }
        }
        if norm(f) < 1e-10 { return result(x) }
        call.message("cvmit", .integer(maxIterations))
        return result(x)
    }

    /// A real machine number for `e` (through N), or nil.
    static func numeric(_ e: Expr, _ kernel: Kernel) -> Double? {
        switch kernel.evaluate(.call(Symbol.named("N"), e)) {
        case .real(let d): return d.isFinite ? d : nil
        case .integer(let i): return Double(i)
        default: return nil
        }
    }
}
