import RampKernel
import RampSyntax

/// `D` (partial derivatives, n-th derivatives, gradients) and `Derivative` (derivatives of
/// functions: `Sin'`, `f'` for a function with definitions, `(#^2 &)'`).
enum DerivativeBuiltins {
    static let derivativeOf = "Ramp`Private`derivativeOf"

    static func install(_ k: Kernel) {
        k.define(BuiltinSpec("D", arguments: .atLeast(1), messages: [
            ("dvar", "Multiple derivative specifier `1` does not have the form {variable, n} where n is a symbolic expression or a non-negative integer."),
        ], usage: "D[f, x] gives the partial derivative ∂f/∂x. D[f, {x, n}] gives the n-th derivative. D[f, x, y, …] differentiates with respect to x, y, … in turn. D[f, {{x1, x2, …}}] gives the gradient.") { (call) throws(EvaluationControl) in
            var d = PartialDerivative(call: call)
            return try d.evaluate()
        })
        k.define(BuiltinSpec("Derivative", attributes: [.nHoldAll],
                             usage: "f' represents the derivative of a function f of one argument. Derivative[n1, n2, …][f] is the derivative of a function of several arguments, ni times with respect to the i-th.") { call in
            // Derivative[0, …, 0] is the identity; the operator itself stays.
            nil
        })
        k.define(BuiltinSpec(derivativeOf, arguments: .exactly(2), usage: "Ramp`Private`derivativeOf[{n1, n2, …}, f] gives the pure function Derivative[n1, n2, …][f] evaluates to (internal).") { (call) throws(EvaluationControl) in
            let unevaluated = Expr.call(.call(Sym.Derivative, call.args[0].args), [call.args[1]])
            let r = try derivativeFunction(call.args[0].args, call.args[1], call.kernel)
            return r ?? .call(Sym.evaluatedSymbol, [unevaluated])
        })
        k.define(BuiltinSpec("Dt", arguments: .atLeast(1),
                             usage: "Dt[f, x] gives the total derivative of f with respect to x. Dt[f] gives the total differential of f.") { (call) throws(EvaluationControl) in
            try totalDerivative(call)
        })
        k.defineSubValueRules(["Derivative[n__][f_] :> \(derivativeOf)[{n}, f]"])
    }

    /// `Dt[f]` (the total differential, in `Dt[x]`, `Dt[y]`, …) and `Dt[f, x1, x2, …]` (other symbols
    /// depend on the variables: `Dt[y, x]`). A symbol alone stays as it is.
    static func totalDerivative(_ call: BuiltinCall) throws(EvaluationControl) -> Expr? {
        let f = call.args[0]
        let kernel = call.kernel
        if f.headSymbol === call.head { return nil }  // Dt[Dt[y, x], y] stays
        if call.args.count == 1 {
            if case .symbol = f { return nil }
            return try Differentiator(kernel: kernel, variable: nil, total: true).d(f)
        }
        var r = f
        for (i, x) in call.args.dropFirst().enumerated() {
            if x.hasHead(Sym.List) { return nil }  // {x, n} specifiers: not done
            if case .string = x {
                kernel.message(Symbol.named("General"), "ivar", [x]); return nil
            }
            if try kernel.eval(.call(Symbol.named("NumericQ"), x)) == .symbol(Sym.True) {
                kernel.message(Symbol.named("General"), "ivar", [x]); return nil
            }
            // Dt[y, x] for a symbol y other than x stays.
            if i == 0, call.args.count == 2, case .symbol = r, r != x { return nil }
            r = try Differentiator(kernel: kernel, variable: x, total: true).d(r)
        }
        return r
    }

    /// `Derivative[n1, …, nk][f]` as a pure function, when f is a builtin with known derivatives,
    /// a symbol with definitions, or a pure function: f applied to formal variables, differentiated
    /// ni times in the i-th, with the variables turned into slots. Nil leaves it unevaluated.
    static func derivativeFunction(_ orders: [Expr], _ f: Expr, _ kernel: Kernel) throws(EvaluationControl) -> Expr? {
        var counts: [Int] = []
        for o in orders {
            guard let c = o.int, c >= 0 else { return nil }
            counts.append(c)
        }
        if counts.allSatisfy({ $0 == 0 }) { return f }
        let known: Bool
        switch f {
        case .symbol(let s) where DerivativeTable.knows(s):
            // Only the partials the table gives (BesselJ's order derivative stays Derivative[1, 0][BesselJ]).
            guard let bodies = DerivativeTable.bodies(s, counts.count),
                  counts.indices.allSatisfy({ counts[$0] == 0 || bodies[$0] != nil }) else { return nil }
            known = true
        case .symbol(let s): known = !kernel.hasBuiltin(named: s.name)
        case .normal(let n): known = n.head.symbol === Sym.Function
        default: known = false
        }
        guard known else { return nil }
        let vars = (1...counts.count).map { Expr.symbol(Symbol.named("Ramp`Private`d\($0)")) }
        let applied = Expr.call(f, vars)
        var body = try kernel.eval(applied)
        // A symbol without a rule for these arguments stays a call of itself: nothing to differentiate.
        if body == applied, case .symbol(let s) = f, !DerivativeTable.knows(s) { return nil }
        for (i, c) in counts.enumerated() where c > 0 {
            let differentiator = Differentiator(kernel: kernel, variable: vars[i])
            for _ in 0..<c { body = try differentiator.d(body) }
        }
        if mentionsDerivative(of: f, in: body) { return nil }
        return .call(Sym.Function, [slots(body, vars)])
    }

    /// Whether `e` contains `Derivative[…][f]`, which evaluating the result would ask for again.
    static func mentionsDerivative(of f: Expr, in e: Expr) -> Bool {
        guard case .normal(let n) = e else { return false }
        if case .normal(let hn) = n.head, hn.head.symbol === Sym.Derivative, n.args.count == 1, n.args[0] == f { return true }
        if mentionsDerivative(of: f, in: n.head) { return true }
        return n.args.contains { mentionsDerivative(of: f, in: $0) }
    }

    /// `e` with the formal variables replaced by `#1`, `#2`, ….
    static func slots(_ e: Expr, _ vars: [Expr]) -> Expr {
        switch e {
        case .symbol:
            if let i = vars.firstIndex(of: e) { return .call(Sym.Slot, .integer(i + 1)) }
            return e
        case .normal(let n):
            return .call(slots(n.head, vars), n.args.map { slots($0, vars) })
        default:
            return e
        }
    }
}

/// One call of `D[f, spec1, spec2, …]`.
struct PartialDerivative {
    let call: BuiltinCall
    var kernel: Kernel { call.kernel }
    /// Work left for the whole call, in nodes of the results of repeated differentiation: past it,
    /// `General::nomem` and `$Failed` (a runaway `D[x^x, {x, 10^6}]` stops instead of filling memory).
    var budget = SizeLimit.maxExpressions / 16
    var overBudget = false
    /// The nodes differentiation may visit in this call.
    let work = Differentiator.Budget(SizeLimit.maxExpressions / 16)

    init(call: BuiltinCall) { self.call = call }

    mutating func evaluate() throws(EvaluationControl) -> Expr? {
        var f = call.args[0]
        for spec in call.args.dropFirst() {
            guard let next = try apply(spec, to: f) else {
                if overBudget { call.outOfMemory(); return .symbol(Sym.Failed) }
                return nil
            }
            f = next
        }
        return f
    }

    /// `f` differentiated by one specifier: `x`, `{x, n}`, `{x}`, `{{x1, …}}` or `{{x1, …}, n}`.
    mutating func apply(_ spec: Expr, to f: Expr) throws(EvaluationControl) -> Expr? {
        guard spec.hasHead(Sym.List) else {
            guard try valid(spec) else { return nil }
            return try checked(Differentiator(kernel: kernel, variable: spec, budget: work).d(f))
        }
        let parts = spec.args
        guard parts.count == 1 || parts.count == 2 else {
            call.message("dvar", spec)
            return nil
        }
        var order = BigInt(1)
        if parts.count == 2 {
            switch parts[1] {
            case .integer(let i) where i >= 0: order = BigInt(i)
            case .bigInteger(let b) where b.signum() > 0: order = b
            case let o where o.isNumber:
                call.message("dvar", spec)
                return nil
            default:
                if try kernel.eval(.call(Symbol.named("NumericQ"), parts[1])) == .symbol(Sym.True) { call.message("dvar", spec) }
                return nil  // a symbolic order: not done
            }
        }
        let v = parts[0]
        if v.hasHead(Sym.List) {
            guard try validLeaves(v) else { return nil }
            var r = f
            var k = BigInt(0)
            while k < order {
                guard let next = try arrayDerivative(r, v) else { return nil }
                r = next
                k += 1
            }
            return r
        }
        guard try valid(v) else { return nil }
        return try nth(f, v, order)
    }

    /// Issues `General::ivar` for a number, numeric quantity or string used as a variable.
    func valid(_ v: Expr) throws(EvaluationControl) -> Bool {
        if case .string = v { }
        else if try kernel.eval(.call(Symbol.named("NumericQ"), v)) != .symbol(Sym.True) { return true }
        kernel.message(Symbol.named("General"), "ivar", [v])
        return false
    }

    func validLeaves(_ v: Expr) throws(EvaluationControl) -> Bool {
        if v.hasHead(Sym.List) {
            for a in v.args where !(try validLeaves(a)) { return false }
            return true
        }
        return try valid(v)
    }

    /// `D[f, {array}]`: f threads first (a list f gives a list of derivatives), then the array's
    /// leaves, each replaced by the derivative with respect to it.
    mutating func arrayDerivative(_ f: Expr, _ array: Expr) throws(EvaluationControl) -> Expr? {
        if f.hasHead(Sym.List) {
            var out: [Expr] = []
            for a in f.args {
                guard let d = try arrayDerivative(a, array) else { return nil }
                out.append(d)
            }
            return .list(out)
        }
        if array.hasHead(Sym.List) {
            var out: [Expr] = []
            for a in array.args {
                guard let d = try arrayDerivative(f, a) else { return nil }
                out.append(d)
            }
            return .list(out)
        }
        guard let r = try checked(Differentiator(kernel: kernel, variable: array, budget: work).d(f)) else { return nil }
        return charge(r) ? r : nil
    }

    /// The `order`-th derivative of `f` in `x`. Stops early when it becomes 0, and when a
    /// derivative repeats an earlier one (Sin, Exp), jumps to the answer, so `D[Sin[x], {x, 10^18}]`
    /// is immediate.
    mutating func nth(_ f: Expr, _ x: Expr, _ order: BigInt) throws(EvaluationControl) -> Expr? {
        let differentiator = Differentiator(kernel: kernel, variable: x, budget: work)
        if order == 1 { return try checked(differentiator.d(f)) }
        var history: [Expr] = [f]
        var current = f
        var k = BigInt(0)
        while k < order {
            guard let next = try checked(differentiator.d(current)) else { return nil }
            current = next
            k += 1
            if current == Differentiator.zero { return current }
            if history.count <= 64 {
                if let i = history.firstIndex(of: current) {
                    let period = k - BigInt(i)
                    let offset = ((order - k) % period).int!
                    return history[i + offset]
                }
                history.append(current)
            }
            guard charge(current) else { return nil }
        }
        return current
    }

    /// `r`, or nil (with `overBudget`) when the differentiation that made it ran out of work.
    mutating func checked(_ r: Expr) -> Expr? {
        if work.exhausted { overBudget = true; return nil }
        return r
    }

    /// Takes the size of `e` (nodes, and words of big integers) from the budget; false when it runs out.
    mutating func charge(_ e: Expr) -> Bool {
        Self.measure(e, &budget)
        if budget < 0 { overBudget = true }
        return !overBudget
    }

    static func measure(_ e: Expr, _ budget: inout Int) {
        if budget < 0 { return }
        switch e {
        case .bigInteger(let b): budget -= 1 + b.bitLength / 64
        case .rational(let n, let d): budget -= 1 + (n.bitLength + d.bitLength) / 64
        case .normal(let n):
            budget -= 1
            measure(n.head, &budget)
            for a in n.args {
                measure(a, &budget)
                if budget < 0 { return }
            }
        default: budget -= 1
        }
    }
}
