import RampSyntax

/// The seam between the evaluator's definitions and the pattern matcher.
extension Kernel {
    /// Matches a definition's left side against an evaluated expression.
    @inline(__always) func matchRule(_ lhs: Expr, _ expr: Expr) throws(EvaluationControl) -> Bindings? {
        try BasicMatcher.match(lhs, expr, kernel: self)
    }

    /// Whether left side `a` is strictly more specific than `b` (definition order).
    func isMoreSpecific(_ a: Expr, _ b: Expr) -> Bool {
        BasicMatcher.isMoreSpecific(a, than: b)
    }

    /// Tries the rules of `list` on `expr`; the substituted right side of the first that applies.
    func applyRules(_ list: RuleList, to expr: Expr) throws(EvaluationControl) -> Expr? {
        if !list.literal.isEmpty, let r = list.literal[expr] { return r.rhs }
        for r in list.patterned {
            guard let b = try matchRule(r.lhs, expr) else { continue }
            let rhs = substitute(r.rhs, b)
            if r.delayed, case .normal(let n) = rhs, n.head.symbol === Sym.Condition, n.args.count == 2 {
                if let body = try conditionBody(n) { return body }
                continue
            }
            return rhs
        }
        return nil
    }

    /// For `body /; test` (possibly nested): the body when every test gives True.
    private func conditionBody(_ n: Normal) throws(EvaluationControl) -> Expr? {
        guard try eval(n.args[1]) == .true else { return nil }
        if case .normal(let inner) = n.args[0], inner.head.symbol === Sym.Condition, inner.args.count == 2 {
            return try conditionBody(inner)
        }
        return n.args[0]
    }
}
