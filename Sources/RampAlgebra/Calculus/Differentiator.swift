import RampKernel
import RampSyntax

/// Symbolic partial differentiation of evaluated expressions with respect to one variable.
///
/// Every result is built from the (already evaluated) parts of the input and evaluated node by node
/// with `Kernel.eval`, which returns evaluated sub-expressions at once, so a derivative costs time
/// proportional to the size of the expression (times the factor count of products), and the result
/// is what Wolfram prints after its automatic simplification of Plus, Times and Power.
struct Differentiator {
    let kernel: Kernel
    /// The variable of a partial or total derivative; nil for the total differential `Dt[f]`.
    let variable: Expr?
    /// `Dt`: other symbols depend on the variable (`Dt[y, x]`, `Dt[y]`) unless they are constants.
    let total: Bool
    /// Nodes the differentiation may still visit (shared by the steps of one `D` call); when it
    /// runs out, every call returns 0 at once and `budget.exhausted` tells the caller to give up.
    let budget: Budget

    final class Budget {
        var remaining: Int
        var exhausted: Bool { remaining < 0 }
        init(_ remaining: Int) { self.remaining = remaining }
    }

    init(kernel: Kernel, variable: Expr?, total: Bool = false, budget: Budget = Budget(SizeLimit.maxExpressions)) {
        self.kernel = kernel
        self.variable = variable
        self.total = total
        self.budget = budget
    }

    static let zero = Expr.integer(0)
    static let one = Expr.integer(1)

    /// ∂e/∂variable, evaluated.
    func d(_ e: Expr) throws(EvaluationControl) -> Expr {
        if let variable, e == variable { return Self.one }
        guard case .normal(let n) = e else {
            if case .packed = e { return try d(e.unpackedOneLevel) }
            // A series: term by term in its own variable; in another, through its polynomial.
            if case .native(let o) = e, let s = o as? SeriesObject {
                if let variable, variable == .symbol(s.variable) { return try s.derivative(kernel: kernel) }
                return try d(s.normalForm)
            }
            if total, case .symbol(let s) = e, try !isConstant(s) {
                return try kernel.eval(.call(Symbol.named("Dt"), variable.map { [e, $0] } ?? [e]))
            }
            return Self.zero  // numbers, strings, other symbols: constants
        }
        try kernel.checkAbort()
        let args = n.args
        budget.remaining -= 1 + args.count
        if budget.exhausted { return Self.zero }
        if case .symbol(let h) = n.head {
            // Dt: a total derivative such as Dt[y, x] depends on the variable like a symbol does.
            if total && h.name == "Dt" {
                return try kernel.eval(.call(h, variable.map { [e, $0] } ?? [e]))
            }
            switch h {
            case Sym.Plus: return try sum(args.map { (a) throws(EvaluationControl) in try d(a) })
            case Sym.List: return .list(try args.map { (a) throws(EvaluationControl) in try d(a) })
            case Sym.Times: return try product(args)
            case Sym.Power where args.count == 2: return try power(args[0], args[1])
            default:
                if let bodies = DerivativeTable.bodies(h, args.count) { return try chain(e, n, bodies) }
            }
        }
        // Derivative[n1, …][f][args]: raise the order of the argument's slot.
        if case .normal(let hn) = n.head, case .normal(let dn) = hn.head, dn.head.symbol === Sym.Derivative,
           dn.args.count == args.count, hn.args.count == 1 {
            return try chain(e, n, nil, orders: dn.args, function: hn.args[0])
        }
        return try chain(e, n, nil)
    }

    /// Σ over the arguments of (∂f/∂argᵢ)(args) · ∂argᵢ: from the table's bodies when given (nil
    /// entries and unknown functions give `Derivative[…, 1, …][f][args]`).
    private func chain(_ e: Expr, _ n: Normal, _ bodies: [Expr?]?, orders: [Expr]? = nil, function: Expr? = nil) throws(EvaluationControl) -> Expr {
        let args = n.args
        var terms: [Expr] = []
        for (i, a) in args.enumerated() {
            let da = try d(a)
            if da == Self.zero { continue }
            let partial: Expr
            if let body = bodies?[i] {
                partial = try kernel.eval(DerivativeTable.substitute(body, args))
            } else {
                var counts = orders ?? Array(repeating: Self.zero, count: args.count)
                counts[i] = try kernel.eval(.call(Sym.Plus, counts[i], Self.one))
                let head = Expr.call(.call(Sym.Derivative, counts), [function ?? n.head])
                partial = try kernel.eval(.call(head, args))
            }
            terms.append(da == Self.one ? partial : try kernel.eval(.call(Sym.Times, partial, da)))
        }
        return try sum(terms)
    }

    /// For `Dt`: numeric constants (Pi, E) and symbols with the attribute Constant.
    private func isConstant(_ s: Symbol) throws(EvaluationControl) -> Bool {
        if kernel.attributes(of: s).contains(.constant) { return true }
        return try kernel.eval(.call(Symbol.named("NumericQ"), .symbol(s))) == .symbol(Sym.True)
    }

    /// The evaluated sum of the non-zero `terms`.
    func sum(_ terms: [Expr]) throws(EvaluationControl) -> Expr {
        let nonzero = terms.filter { $0 != Self.zero }
        if nonzero.isEmpty { return Self.zero }
        if nonzero.count == 1 { return nonzero[0] }
        return try kernel.eval(.call(Sym.Plus, nonzero))
    }

    /// The product rule.
    private func product(_ factors: [Expr]) throws(EvaluationControl) -> Expr {
        var terms: [Expr] = []
        for (i, f) in factors.enumerated() {
            let df = try d(f)
            if df == Self.zero { continue }
            var replaced = factors
            replaced[i] = df
            terms.append(try kernel.eval(.call(Sym.Times, replaced)))
        }
        return try sum(terms)
    }

    /// ∂(f^g): g f^(g-1) f' for a constant exponent, f^g Log[f] g' for a constant base, otherwise
    /// f^g (g' Log[f] + g f'/f) (so `D[x^x, x]` is `x^x (1 + Log[x])`, as in Wolfram).
    private func power(_ f: Expr, _ g: Expr) throws(EvaluationControl) -> Expr {
        let df = try d(f), dg = try d(g)
        if dg == Self.zero {
            if df == Self.zero { return Self.zero }
            let lowered = try kernel.eval(.call(Sym.Power, f, try kernel.eval(.call(Sym.Plus, .integer(-1), g))))
            return try kernel.eval(.call(Sym.Times, g, lowered, df))
        }
        let fg = try kernel.eval(.call(Sym.Power, f, g))
        let logF = try kernel.eval(.call(Symbol.named("Log"), f))
        if df == Self.zero { return try kernel.eval(.call(Sym.Times, fg, logF, dg)) }
        let a = try kernel.eval(.call(Sym.Times, dg, logF))
        let b = try kernel.eval(.call(Sym.Times, g, df, try kernel.eval(.call(Sym.Power, f, .integer(-1)))))
        return try kernel.eval(.call(Sym.Times, fg, try sum([a, b])))
    }
}
