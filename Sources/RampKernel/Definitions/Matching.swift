import RampSyntax

/// The seam between the evaluator's definitions and the pattern matcher (Patterns/).
extension Kernel {
    /// Bindings when `lhs` matches `expr` (for `Switch`, `Catch` tags and the like).
    @inline(__always) func matchRule(_ lhs: Expr, _ expr: Expr) throws(EvaluationControl) -> Bindings? {
        try PatternMatcher(kernel: self).match(lhs, expr)
    }

    /// Whether left side `a` is strictly more specific than `b` (definition order).
    func isMoreSpecific(_ a: Expr, _ b: Expr) -> Bool {
        isMorePatternSpecific(a, than: b)
    }

    /// Tries the rules of `list` on `expr`; the substituted right side of the first that applies
    /// (after its `/;` conditions held).
    func applyRules(_ list: RuleList, to expr: Expr) throws(EvaluationControl) -> Expr? {
        if !list.literal.isEmpty, let r = list.literalRule(for: expr) { return r.rhs }
        if list.patterned.isEmpty { return nil }
        var engine: MatchEngine? = nil
        for r in list.patterned {
            // Simple left sides (f[x_, y_Integer, 0]) are matched here, without the pattern matcher.
            if let simple = r.simple, case .normal(let n) = expr, case .symbol(let h) = n.head,
                h === simple.head, !attributes(of: h).containsAny(.flat, .orderless)
            {
                guard simple.matches(n.args) else { continue }
                let values = simple.bindsAllArguments ? n.args : simple.positions.map { n.args[$0] }
                return try finishScopedCondition(substitute(names: simple.names, values: values, into: r.rhs), r.delayed)
            }
            let e = engine ?? MatchEngine(kernel: self)
            engine = e
            if let result = try e.applyRule(lhs: r.lhs, rhs: r.rhs, delayed: r.delayed, to: expr) { return result }
        }
        return nil
    }
}

/// Replaces every occurrence of the given symbols in `e` by their values, sharing unchanged parts
/// (for `Module`, `With` and named `Function` parameters).
func replaceSymbols(_ e: Expr, _ pairs: [(Symbol, Expr)]) -> Expr {
    if pairs.isEmpty { return e }
    switch e {
    case .symbol(let s):
        for (k, v) in pairs where k === s { return v }
        return e
    case .normal(let n):
        // An inner scoping construct that binds one of the names shadows it in its whole body.
        if let hs = n.head.symbol, scopingHeads.contains(hs), n.args.count >= 2 {
            let bound = scopedNames(hs, n.args[0])
            if pairs.contains(where: { p in bound.contains { $0 === p.0 } }) {
                let rest = pairs.filter { p in !bound.contains { $0 === p.0 } }
                return rest.isEmpty ? e : replaceSymbols(e, rest)
            }
        }
        let h = replaceSymbols(n.head, pairs)
        var changed = !identical(h, n.head)
        var args = n.args
        for i in args.indices {
            let a = replaceSymbols(n.args[i], pairs)
            if !identical(a, n.args[i]) {
                args[i] = a
                changed = true
            }
        }
        return changed ? .normal(Normal(h, args)) : e
    default:
        return e
    }
}

/// Cheap identity test: true only when `a` and `b` are certainly the same expression.
@inline(__always) func identical(_ a: Expr, _ b: Expr) -> Bool {
    switch (a, b) {
    case (.symbol(let x), .symbol(let y)): return x === y
    case (.normal(let x), .normal(let y)): return x === y
    case (.integer(let x), .integer(let y)): return x == y
    case (.real(let x), .real(let y)): return x.bitPattern == y.bitPattern
    case (.string(let x), .string(let y)): return x == y
    case (.packed(let x), .packed(let y)): return x === y
    case (.native(let x), .native(let y)): return x === y
    default: return false
    }
}

private let scopingHeads: Set<Symbol> = [Sym.Function, Symbol.named("Module"), Symbol.named("With"), Symbol.named("Block")]

/// The names a scoping construct binds: `Function`'s parameters, or the variables of `Module`,
/// `With` and `Block` (bare or in `x = v` / `x := v`).
private func scopedNames(_ head: Symbol, _ spec: Expr) -> [Symbol] {
    if head === Sym.Function {
        if let s = spec.symbol { return s === Sym.Null ? [] : [s] }
        return spec.hasHead(Sym.List) ? spec.args.compactMap(\.symbol) : []
    }
    guard spec.hasHead(Sym.List) else { return [] }
    return spec.args.compactMap { v in v.symbol ?? (v.args.count == 2 ? v.args[0].symbol : nil) }
}
