import RampSyntax

// MARK: - Substitution

/// Replaces pattern variables in `body` by their bindings (used for the right side of rules and
/// definitions). A name bound to `Sequence[…]` is spliced into the arguments it stands in; alone it
/// becomes that `Sequence`. When an `OptionsPattern` matched, `OptionValue[name]` becomes
/// `OptionValue[f, {rules…}, name]` (and `OptionValue[f, name]` likewise).
public func substitute(_ bindings: Bindings, into body: Expr) -> Expr {
    if bindings.isEmpty { return body }
    return Substitution(names: bindings.names, values: bindings.values, options: bindings.options).apply(body) ?? body
}

/// `substitute` for names bound to values without options (the evaluator's simple definitions).
func substitute(names: [Symbol], values: [Expr], into body: Expr) -> Expr {
    if names.isEmpty { return body }
    return Substitution(names: names, values: values, options: nil).apply(body) ?? body
}

/// One substitution pass (a struct: nothing is allocated for it).
private struct Substitution {
    let names: [Symbol]
    let values: [Expr]
    let options: (function: Expr?, rules: [Expr])?

    @inline(__always) func lookup(_ s: Symbol) -> Expr? {
        var i = names.count - 1
        while i >= 0 {
            if names[i] === s { return values[i] }
            i -= 1
        }
        return nil
    }

    /// The substituted expression, or nil when nothing changed (so unchanged parts stay shared).
    func apply(_ e: Expr) -> Expr? {
        switch e {
        case .symbol(let s): return lookup(s)
        case .normal(let n):
            if let options, n.head.symbol === Sym.OptionValue, n.args.count == 1 || n.args.count == 2 {
                let function = n.args.count == 2 ? n.args[0] : (options.function ?? .null)
                let name = n.args[n.args.count - 1]
                return .call(Sym.OptionValue, [function, .list(options.rules), apply(name) ?? name])
            }
            let newHead = apply(n.head)
            let args = n.args
            var newArgs: [Expr] = []
            var changed = false
            var i = 0
            while i < args.count {
                var replacement: Expr? = nil
                var splice: [Expr]? = nil
                switch args[i] {
                case .symbol(let s):
                    if let v = lookup(s) {
                        if case .normal(let vn) = v, vn.head.symbol === Sym.Sequence { splice = vn.args } else { replacement = v }
                    }
                case .normal:
                    replacement = apply(args[i])
                default:
                    break
                }
                if replacement == nil && splice == nil {
                    if changed { newArgs.append(args[i]) }
                } else {
                    if !changed {
                        changed = true
                        newArgs.reserveCapacity(args.count + (splice.map { $0.count - 1 } ?? 0))
                        newArgs.append(contentsOf: args[..<i])
                    }
                    if let splice { newArgs.append(contentsOf: splice) } else { newArgs.append(replacement!) }
                }
                i += 1
            }
            if newHead == nil && !changed { return nil }
            return .call(newHead ?? n.head, changed ? newArgs : args)
        default:
            return nil
        }
    }
}

// MARK: - Classifying patterns

/// Whether an expression contains pattern objects (so a definition is a pattern rule and not a
/// literal one).
public func containsPatterns(_ e: Expr) -> Bool {
    guard case .normal(let n) = e else { return false }
    if patternKind(n) != nil { return true }
    if containsPatterns(n.head) { return true }
    for a in n.args where containsPatterns(a) { return true }
    return false
}

/// Wolfram's ordering of definitions: true when `a` is more specific than `b` (f[1] before
/// f[x_Integer] before f[x_] before f[x__] before f[x___]). Patterns that are neither more nor less
/// specific than each other keep the order in which they were defined (both directions give false).
public func isMorePatternSpecific(_ a: Expr, than b: Expr) -> Bool {
    specificityOrder(a, b) < 0
}

/// Generality rank of one pattern (lower is more specific); `Condition`/`PatternTest` subtract a
/// little from what they wrap.
private func generality(_ p: Expr) -> Double {
    guard case .normal(let n) = p else { return 0 }
    guard let kind = patternKind(n) else { return containsPatterns(p) ? 1 : 0 }
    switch kind {
    case .blank: return n.args.isEmpty ? 4 : 3
    case .blankSequence: return n.args.isEmpty ? 7 : 6
    case .blankNullSequence: return n.args.isEmpty ? 9 : 8
    case .pattern: return generality(n.args[1])
    case .condition, .patternTest: return generality(n.args[0]) - 0.5
    case .holdPattern, .longest, .shortest: return generality(n.args[0])
    case .verbatim: return 0
    case .alternatives: return n.args.map(generality).max() ?? 0
    case .optional: return generality(n.args[0]) + 0.25
    case .repeated: return 5
    case .repeatedNull: return 8
    case .except: return 4.5
    case .optionsPattern: return 9.5
    }
}

/// Strips names and `HoldPattern` (which do not change what a pattern matches).
private func strippedPattern(_ p: Expr) -> Expr {
    guard case .normal(let n) = p, let kind = patternKind(n) else { return p }
    switch kind {
    case .pattern: return strippedPattern(n.args[1])
    case .holdPattern: return strippedPattern(n.args[0])
    default: return p
    }
}

/// Negative when `a` is more specific than `b`, positive when less, zero when neither.
private func specificityOrder(_ a: Expr, _ b: Expr) -> Double {
    let a = strippedPattern(a), b = strippedPattern(b)
    let ga = generality(a), gb = generality(b)
    if ga != gb { return ga - gb }
    // Both structural with patterns inside: the first argument that differs decides.
    guard ga == 1, case .normal(let an) = a, case .normal(let bn) = b else { return 0 }
    let h = specificityOrder(an.head, bn.head)
    if h != 0 { return h }
    for (x, y) in zip(an.args, bn.args) {
        let c = specificityOrder(x, y)
        if c != 0 { return c }
    }
    return 0
}

// MARK: - Applying rules

/// The left and right sides of `Rule`/`RuleDelayed`, and whether it is delayed.
func ruleParts(_ r: Expr) -> (lhs: Expr, rhs: Expr, delayed: Bool)? {
    guard case .normal(let n) = r, n.args.count == 2 else { return nil }
    switch n.head.symbol {
    case Sym.Rule?: return (n.args[0], n.args[1], false)
    case Sym.RuleDelayed?: return (n.args[0], n.args[1], true)
    default: return nil
    }
}

/// Flattens rules given as a rule, a list of rules (nested lists allowed) or `Dispatch[rules]`; nil
/// when something in it is not a rule.
func flattenRules(_ e: Expr) -> [Expr]? {
    if ruleParts(e) != nil { return [e] }
    if e.hasHead(Sym.List) || (e.hasHead(Sym.Dispatch) && e.args.count == 1) {
        var out: [Expr] = []
        for a in e.args {
            guard let sub = flattenRules(a) else { return nil }
            out += sub
        }
        return out
    }
    return nil
}

extension MatchEngine {
    /// Matches `lhs` against `expr` such that the right side's conditions (`rhs /; test`, for
    /// delayed rules) hold; returns the right side with the bindings substituted, or nil.
    /// With `flatRuns`, a rule for a `Flat` head also matches a run of the arguments of `expr`.
    func applyRule(lhs: Expr, rhs: Expr, delayed: Bool, to expr: Expr, flatRuns: Bool = true) throws(EvaluationControl) -> Expr? {
        var body = rhs
        var tests: [Expr] = []
        if delayed {
            while case .normal(let n) = body, n.head.symbol === Sym.Condition, n.args.count == 2 {
                tests.insert(n.args[1], at: 0)
                body = n.args[0]
            }
        }
        names.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        optionRules = nil
        optionFunction = nil
        if tests.isEmpty && isDeterministic(lhs) {
            // The common case (definitions like f[x_, y_]): no continuations, no backtracking.
            if try matchDeterministic(lhs, expr) { return try finishScopedCondition(substitute(bindings, into: body), delayed) }
        } else if try match(lhs, expr, { () throws(EvaluationControl) in try self.conditionsHold(tests) }) {
            return try finishScopedCondition(substitute(bindings, into: body), delayed)
        }
        // A rule for a Flat head also matches a run of the arguments: a + b + c /. a + b -> x.
        guard flatRuns else { return nil }
        names.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        let bare = strippedHoldPattern(lhs)
        guard case .normal(let pn) = bare, patternKind(pn) == nil, let f = pn.head.symbol,
              case .normal(let en) = expr, en.head.symbol === f, en.args.count > pn.args.count else { return nil }
        let attrs = kernel.attributes(of: f)
        guard attrs.contains(.flat) else { return nil }
        let before = Expr.call(Sym.Pattern, .symbol(Sym.restBefore), .call(Sym.BlankNullSequence, []))
        let after = Expr.call(Sym.Pattern, .symbol(Sym.restAfter), .call(Sym.BlankNullSequence, []))
        let extended: [Expr] = attrs.contains(.orderless) ? pn.args + [after] : [before] + pn.args + [after]
        let ctx = ArgumentContext(head: pn.head, attributes: attrs, patternCount: pn.args.count)
        guard try matchArguments(extended, en.args, ctx, { () throws(EvaluationControl) in try self.conditionsHold(tests) }) else { return nil }
        let b = bindings
        let replaced = substitute(b, into: body)
        let pre = b[Sym.restBefore]?.args ?? []
        let post = b[Sym.restAfter]?.args ?? []
        return .call(pn.head, pre + [replaced] + post)
    }

    /// Whether every test holds with the current bindings.
    func conditionsHold(_ tests: [Expr]) throws(EvaluationControl) -> Bool {
        for t in tests where try !conditionHolds(t) { return false }
        return true
    }

    /// See `Kernel.finishScopedCondition`.
    func finishScopedCondition(_ body: Expr, _ delayed: Bool) throws(EvaluationControl) -> Expr? {
        try kernel.finishScopedCondition(body, delayed)
    }

    private func strippedHoldPattern(_ p: Expr) -> Expr {
        if case .normal(let n) = p, n.head.symbol === Sym.HoldPattern, n.args.count == 1 { return strippedHoldPattern(n.args[0]) }
        return p
    }
}

/// Applies rules (a Rule/RuleDelayed or a list of them) once at the top of `expr`; nil when none
/// matched. The first rule that matches wins. The result is not evaluated: for `lhs -> rhs` it is
/// the (already evaluated) `rhs` with the bindings put in, for `lhs :> rhs` likewise, after the
/// right side's conditions (`rhs /; test`) held. Elements that are not rules are skipped.
public func applyRules(_ rules: [Expr], to expr: Expr, kernel: Kernel) throws(EvaluationControl) -> Expr? {
    let engine = MatchEngine(kernel: kernel)
    for rule in rules {
        if let (lhs, rhs, delayed) = ruleParts(rule) {
            if let result = try engine.applyRule(lhs: lhs, rhs: rhs, delayed: delayed, to: expr) { return result }
            continue
        }
        guard let list = flattenRules(rule) else { continue }
        for r in list {
            guard let (lhs, rhs, delayed) = ruleParts(r) else { continue }
            if let result = try engine.applyRule(lhs: lhs, rhs: rhs, delayed: delayed, to: expr) { return result }
        }
    }
    return nil
}

/// Applies one rule `lhs -> rhs` (or `lhs :> rhs` when `delayed`) at the top of `expr`: the
/// right side with the bindings substituted, or nil when `lhs` does not match or a condition on the
/// right side (`rhs /; test`, delayed rules only) fails for every way of matching. This is what a
/// definition `lhs := rhs` does to `expr`; the result is not evaluated.
public func applyRule(lhs: Expr, rhs: Expr, delayed: Bool, to expr: Expr, kernel: Kernel) throws(EvaluationControl) -> Expr? {
    try MatchEngine(kernel: kernel).applyRule(lhs: lhs, rhs: rhs, delayed: delayed, to: expr)
}

extension Kernel {
    /// `lhs :> Module[{…}, rhs /; test]` (also `With`, `Block`): the scoping construct is evaluated,
    /// and the rule applies only when the `Condition` it returns has a test that gives True. Returns
    /// `body` unchanged for any other right side; nil when the condition failed.
    func finishScopedCondition(_ body: Expr, _ delayed: Bool) throws(EvaluationControl) -> Expr? {
        guard delayed, case .normal(let n) = body, let h = n.head.symbol, n.args.count >= 2,
              h === Sym.Module || h === Sym.With || h === Sym.Block,
              endsInCondition(n.args[n.args.count - 1]) else { return body }
        let result = try eval(body)
        guard case .normal(let r) = result, r.head.symbol === Sym.Condition, r.args.count == 2 else { return result }
        return try eval(r.args[1]) == .true ? r.args[0] : nil
    }

    private func endsInCondition(_ e: Expr) -> Bool {
        guard case .normal(let n) = e, let h = n.head.symbol else { return false }
        if h === Sym.Condition { return n.args.count == 2 }
        if h === Sym.CompoundExpression, let last = n.args.last { return endsInCondition(last) }
        if h === Sym.Module || h === Sym.With || h === Sym.Block, n.args.count >= 2 { return endsInCondition(n.args[n.args.count - 1]) }
        return false
    }
}
