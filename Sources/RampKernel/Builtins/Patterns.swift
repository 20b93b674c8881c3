import RampSyntax

extension Kernel {
    /// Installs this area's builtins: the pattern heads (for their attributes), rules, `MatchQ`, the
    /// replacement functions, `OptionValue` and `Default`; the searching functions are in
    /// PatternSearch.swift.
    func installPatternBuiltins() {
        installPatternHeads()
        installPatternMessages()
        installPatternSearchBuiltins()
        installOperatorForms(["MatchQ", "ReplaceAll", "Replace", "ReplaceRepeated", "ReplaceList", "Cases",
                              "DeleteCases", "Count", "Position", "FreeQ", "MemberQ"])

        define("MatchQ", arguments: ArgumentCount(2, 2).withOperatorForm, usage: "MatchQ[expr, form] returns True if the pattern form matches expr, and False otherwise.") { c throws(EvaluationControl) in
            guard c.args.count != 1 else { return nil }
            return .bool(try PatternMatcher(kernel: c.kernel).matches(c.args[1], c.args[0]))
        }

        define("ReplaceAll", arguments: ArgumentCount(2, 2).withOperatorForm, usage: "expr /. rules applies a rule or list of rules in an attempt to transform each subpart of an expression expr.") { c throws(EvaluationControl) in
            guard c.args.count != 1 else { return nil }
            return try c.withRuleLists(c.args[1]) { rules throws(EvaluationControl) in
                try Replacer(kernel: c.kernel, rules: rules).replaceAll(c.args[0]) ?? c.args[0]
            }
        }

        define("Replace", arguments: ArgumentCount(2, 3).withOperatorForm, options: [BuiltinSpec.option("Heads", .false)], usage: "Replace[expr, rules] applies a rule or list of rules in an attempt to transform the entire expression expr.\nReplace[expr, rules, levelspec] applies rules to parts of expr specified by levelspec.") { c throws(EvaluationControl) in
            let positional = c.args
            guard positional.count != 1 else { return nil }
            var spec = LevelSpec(lo: 0, hi: 0)
            if positional.count == 3 {
                guard let s = LevelSpec.parse(positional[2]) else { c.message("level", positional[2]); return nil }
                spec = s
            }
            let heads = c.option("Heads") == .true
            return try c.withRuleLists(positional[1]) { rules throws(EvaluationControl) in
                let replacer = Replacer(kernel: c.kernel, rules: rules)
                return try replacer.replace(positional[0], spec: spec, heads: heads, level: 0).expr
            }
        }

        define("ReplaceRepeated", arguments: ArgumentCount(2, 2).withOperatorForm, options: [BuiltinSpec.option("MaxIterations", .integer(65536))], usage: "expr //. rules repeatedly performs replacements until expr no longer changes.") { c throws(EvaluationControl) in
            let positional = c.args
            guard positional.count != 1 else { return nil }
            var limit = 65536
            if let m = c.option("MaxIterations") {
                if let i = m.int, i > 0 { limit = i } else if !isInfinity(m) { return nil } else { limit = .max }
            }
            return try c.withRuleLists(positional[1]) { rules throws(EvaluationControl) in
                let replacer = Replacer(kernel: c.kernel, rules: rules)
                var current = positional[0]
                var count = 0
                while true {
                    try c.kernel.checkAbort()
                    guard let next = try replacer.replaceAll(current) else { return current }
                    let evaluated = try c.kernel.eval(next)
                    if evaluated == current { return current }
                    current = evaluated
                    count += 1
                    if count >= limit {
                        c.kernel.message(Symbol.named("ReplaceRepeated"), "rrlim", [positional[0], .integer(limit)])
                        return current
                    }
                }
            }
        }

        define("ReplaceList", arguments: ArgumentCount(2, 3).withOperatorForm, usage: "ReplaceList[expr, rules] attempts to transform the entire expression expr by applying a rule or list of rules in all possible ways, and returns a list of the results obtained.\nReplaceList[expr, rules, n] gives a list of at most n results.") { c throws(EvaluationControl) in
            guard c.args.count != 1 else { return nil }
            var limit = Int.max
            if c.args.count == 3 {
                if let n = c.args[2].int, n >= 0 { limit = n } else if !isInfinity(c.args[2]) {
                    c.message("innf", .integer(3), c.expr)
                    return nil
                }
            }
            return try c.withRuleLists(c.args[1]) { rules throws(EvaluationControl) in
                .list(try allReplacements(of: c.args[0], rules: rules, limit: limit, kernel: c.kernel))
            }
        }

        define("Dispatch", usage: "Dispatch[{lhs1 -> rhs1, lhs2 -> rhs2, …}] generates an optimized dispatch table representation of a list of rules.") { c in
            guard c.args.count == 1 else { return nil }
            if c.args[0].hasHead(Sym.Dispatch) { return c.args[0] }
            guard flattenRules(c.args[0]) != nil else {
                c.message("reps", .list([c.args[0]]))
                return nil
            }
            return nil
        }

        define("Default", usage: "Default[f] gives the default value for arguments of the function f obtained with a _. pattern object.\nDefault[f, i] gives the default value to use when _. appears as the i-th argument of f.") { c in
            guard let f = c.args.first?.symbol else { return nil }
            if f === Sym.Plus { return 0 }
            if f === Sym.Times { return 1 }
            if f === Sym.Power, c.args.count >= 2, c.args[1] == 2 { return 1 }
            return nil
        }
        // Not Protected (unlike Wolfram), so that `Default[f] = v` can be stored as an ordinary
        // definition of Default, which the matcher reads by evaluating Default[f, i, n].
        data(Sym.Default).attributes = []

        define("OptionValue", attributes: [], usage: "OptionValue[name] gives the value of name in options matched by OptionsPattern.\nOptionValue[f, name] gives the value of name in Options[f].\nOptionValue[f, opts, name] gives the value of name in opts, falling back to Options[f].") { c throws(EvaluationControl) in
            let args = c.args
            guard args.count == 2 || args.count == 3 else { return nil }
            let f = args[0]
            let given = args.count == 3 ? (flattenRules(args[1]) ?? []) : []
            let name = args[args.count - 1]
            let defaults = flattenRules(try c.kernel.eval(.call(Sym.Options, [f]))) ?? []
            func value(of n: Expr) -> Expr? {
                for r in given + defaults {
                    guard let (lhs, rhs, _) = ruleParts(r) else { continue }
                    if sameOptionName(lhs, n) { return rhs }
                }
                return nil
            }
            if name.hasHead(Sym.List) {
                var out: [Expr] = []
                for n in name.args {
                    guard let v = value(of: n) else { c.message("optnf", n, f); return nil }
                    out.append(v)
                }
                return .list(out)
            }
            guard let v = value(of: name) else { c.message("optnf", name, f); return nil }
            return v
        }
    }

    /// The pattern heads and rules: no evaluation of their own, only their attributes.
    private func installPatternHeads() {
        let heads: [(String, Attributes, String)] = [
            ("Rule", [.sequenceHold], "lhs -> rhs represents a rule that transforms lhs to rhs."),
            ("RuleDelayed", [.holdRest, .sequenceHold], "lhs :> rhs represents a rule that transforms lhs to rhs, evaluating rhs only after the rule is used."),
            ("Blank", [], "_ or Blank[] is a pattern object that can stand for any Wolfram Language expression.\n_h or Blank[h] can stand for any expression with head h."),
            ("BlankSequence", [], "__ (two _ characters) or BlankSequence[] is a pattern object that can stand for any sequence of one or more Wolfram Language expressions."),
            ("BlankNullSequence", [], "___ (three _ characters) or BlankNullSequence[] is a pattern object that can stand for any sequence of zero or more Wolfram Language expressions."),
            ("Pattern", [.holdFirst], "s:obj represents the pattern object obj, assigned the name s."),
            ("Condition", [.holdAll], "patt /; test is a pattern which matches only if the evaluation of test yields True."),
            ("PatternTest", [.holdRest], "p?test is a pattern object that stands for any expression that matches p, and on which the application of test gives True."),
            ("Alternatives", [], "p1 | p2 | … is a pattern object that represents any of the patterns pi."),
            ("Optional", [], "p:v is a pattern object that represents an expression of the form p, which, if omitted, should be replaced by v.\np. is a pattern object that uses Default for its value when omitted."),
            ("Repeated", [], "p.. or Repeated[p] is a pattern object that represents a sequence of one or more expressions, each matching p."),
            ("RepeatedNull", [], "p... or RepeatedNull[p] is a pattern object that represents a sequence of zero or more expressions, each matching p."),
            ("Except", [], "Except[c] is a pattern object which represents any expression except one that matches c.\nExcept[c, p] represents any expression that matches p but not c."),
            ("HoldPattern", [.holdAll], "HoldPattern[expr] is equivalent to expr for pattern matching, but maintains expr in an unevaluated form."),
            ("Verbatim", [], "Verbatim[expr] represents expr in pattern matching, requiring that expr be matched exactly as it appears, with no substitutions for blanks or other transformations."),
            ("Longest", [], "Longest[p] is a pattern object that matches the longest sequence consistent with the pattern p."),
            ("Shortest", [], "Shortest[p] is a pattern object that matches the shortest sequence consistent with the pattern p."),
            ("OptionsPattern", [], "OptionsPattern[] is a pattern that stands for a sequence of options.\nOptionsPattern[f] uses Options[f] for the default values."),
        ]
        for (name, attributes, usage) in heads {
            define(name, attributes: attributes, usage: usage) { _ in nil }
        }
    }

    /// `Cases[p][e]` is `Cases[e, p]`, and likewise for every function named: stored as sub values
    /// of each symbol, which the evaluator applies to compound heads. Other areas (strings) use it too.
    func installOperatorForms(_ names: [String]) {
        let op = Symbol.named("Ramp`Private`op"), target = Symbol.named("Ramp`Private`expr")
        for name in names {
            let f = Symbol.named(name)
            let lhs = Expr.call(.call(f, [.call(Sym.Pattern, .symbol(op), .call(Sym.Blank, []))]),
                                [.call(Sym.Pattern, .symbol(target), .call(Sym.Blank, []))])
            let d = data(f)
            if d.subValues == nil { d.subValues = RuleList() }
            d.subValues!.insert(DefinitionRule(lhs: lhs, rhs: .call(f, .symbol(target), .symbol(op)), delayed: true),
                                moreSpecific: isMoreSpecific)
        }
    }

    private func installPatternMessages() {
        let reps = "`1` is neither a list of replacement rules nor a valid dispatch table, and so cannot be used for replacing."
        for s in ["ReplaceAll", "Replace", "ReplaceRepeated", "ReplaceList", "Dispatch"] { setMessage(s, "reps", reps) }
        setMessage("ReplaceRepeated", "rrlim", "Exiting after `1` scanned `2` times.")
        setMessage("OptionValue", "optnf", "`1` is not a known option for `2`.")
    }
}

extension BuiltinCall {
    /// Runs `body` with the rules given as `spec` (a rule, a list of rules or a `Dispatch`); a list of
    /// lists of rules maps `body` over the inner lists. Issues `reps` and returns nil for anything else.
    func withRuleLists(_ spec: Expr, _ body: ([Expr]) throws(EvaluationControl) -> Expr) throws(EvaluationControl) -> Expr? {
        if spec.hasHead(Sym.List), !spec.args.isEmpty, spec.args.allSatisfy({ $0.hasHead(Sym.List) }) {
            var out: [Expr] = []
            for inner in spec.args {
                guard let rules = flattenRules(inner) else { message("reps", .list([inner])); return nil }
                out.append(try body(rules))
            }
            return .list(out)
        }
        guard let rules = flattenRules(spec) else {
            message("reps", .list([spec]))
            return nil
        }
        return try body(rules)
    }
}

/// Option names compare as symbols or strings with the same name.
func sameOptionName(_ a: Expr, _ b: Expr) -> Bool {
    func name(_ e: Expr) -> String? {
        switch e {
        case .symbol(let s): return s.name
        case .string(let s): return s
        default: return nil
        }
    }
    if a == b { return true }
    guard let x = name(a), let y = name(b) else { return false }
    return x == y
}

/// Applies a fixed list of rules with one matcher, for the replacement functions.
struct Replacer {
    let kernel: Kernel
    let rules: [Expr]
    let engine: MatchEngine
    private let parsed: [(lhs: Expr, rhs: Expr, delayed: Bool)]
    /// With many rules whose left side is a literal expression (no patterns, no Flat or Orderless
    /// heads: it matches only an equal expression), those rules by `shallowKey` of their left side,
    /// so each subexpression tries only the literal rules that can match it (as `Dispatch` promises)
    /// and every pattern rule, still in the order given.
    private let literalRules: [Int: [Int]]?
    private let patternRules: [Int]

    init(kernel: Kernel, rules: [Expr]) {
        self.kernel = kernel
        self.rules = rules
        engine = MatchEngine(kernel: kernel)
        parsed = rules.compactMap(ruleParts)
        var literal: [Int: [Int]] = [:], patterned: [Int] = [], literalCount = 0
        for (i, r) in parsed.enumerated() {
            if !containsPatterns(r.lhs) && engine.isDeterministic(r.lhs) {
                literal[shallowKey(r.lhs), default: []].append(i)
                literalCount += 1
            } else {
                patterned.append(i)
            }
        }
        literalRules = literalCount >= 8 ? literal : nil
        patternRules = patterned
    }

    /// The first rule's result at the top of `e`, or nil.
    func applyOnce(_ e: Expr) throws(EvaluationControl) -> Expr? {
        guard let literalRules else {
            for r in parsed {
                if let result = try engine.applyRule(lhs: r.lhs, rhs: r.rhs, delayed: r.delayed, to: e) { return result }
            }
            return nil
        }
        // The pattern rules and the literal rules equal to `e`, merged in the order given.
        let candidates = literalRules[shallowKey(e)] ?? []
        var c = 0, p = 0
        while c < candidates.count || p < patternRules.count {
            let i: Int
            if p < patternRules.count && (c == candidates.count || patternRules[p] < candidates[c]) {
                i = patternRules[p]; p += 1
            } else {
                i = candidates[c]; c += 1
                guard parsed[i].lhs == e else { continue }
            }
            let r = parsed[i]
            if let result = try engine.applyRule(lhs: r.lhs, rhs: r.rhs, delayed: r.delayed, to: e) { return result }
        }
        return nil
    }

    /// `ReplaceAll`: the whole expression first, then (where no rule applied) head and parts; nil
    /// when nothing was replaced.
    func replaceAll(_ e: Expr) throws(EvaluationControl) -> Expr? {
        try kernel.checkAbort()
        if let r = try applyOnce(e) { return r }
        if let a = e.association {
            // As in Wolfram, rules reach an association's values (not its keys).
            var values = a.values
            var changed = false
            for (i, v) in values.enumerated() {
                if let r = try replaceAll(v) { values[i] = r; changed = true }
            }
            return changed ? .native(a.withValues(values)) : nil
        }
        guard let (head, args) = partsView(e) else { return nil }
        let newHead = try replaceAll(head)
        var newArgs: [Expr]? = nil
        for (i, a) in args.enumerated() {
            if let r = try replaceAll(a) {
                if newArgs == nil { newArgs = args }
                newArgs![i] = r
            }
        }
        if newHead == nil && newArgs == nil { return nil }
        return .call(newHead ?? head, newArgs ?? args)
    }

    /// `Replace` at the levels in `spec`, deeper levels first; returns the expression and its depth.
    func replace(_ e: Expr, spec: LevelSpec, heads: Bool, level: Int) throws(EvaluationControl) -> (expr: Expr, depth: Int) {
        try kernel.checkAbort()
        var current = e
        var depth = 1
        if let (head, args) = partsView(e), spec.mayDescend(below: level) {
            var newHead = head
            if heads { newHead = try replace(head, spec: spec, heads: heads, level: level + 1).expr }
            var newArgs = args
            var changed = false
            for (i, a) in args.enumerated() {
                let (r, d) = try replace(a, spec: spec, heads: heads, level: level + 1)
                depth = max(depth, d + 1)
                if r != a || changed { changed = true }
                newArgs[i] = r
            }
            if changed || newHead != head { current = .call(newHead, newArgs) }
        } else if !e.isAtom {
            depth = exprDepth(e)
        }
        if spec.includes(level: level, depth: depth), let r = try applyOnce(current) { return (r, depth) }
        return (current, depth)
    }
}

/// A hash of the top of `e` — its kind, head symbol, length and first arguments, two levels deep —
/// that equal expressions share (a packed array hashes as its list), computed without walking all
/// of `e`.
func shallowKey(_ e: Expr) -> Int {
    var h = Hasher()
    combineShallow(e, into: &h, levels: 2)
    return h.finalize()
}

private func combineShallow(_ e: Expr, into h: inout Hasher, levels: Int) {
    switch e {
    case .normal, .packed:
        h.combine(7)
        if case .symbol(let s) = e.head { h.combine(ObjectIdentifier(s)) }
        let n = e.argCount
        h.combine(n)
        if levels > 1 {
            for i in 0..<min(n, 4) { combineShallow(e.arg(i), into: &h, levels: levels - 1) }
        }
    default:
        h.combine(e)
    }
}

/// Head and parts of a normal expression or packed array; nil for atoms.
func partsView(_ e: Expr) -> (Expr, [Expr])? {
    switch e {
    case .normal(let n): return (n.head, n.args)
    case .packed(let p): return (.symbol(Sym.List), p.parts)
    default: return nil
    }
}

/// `ReplaceList`: every result of every rule matching the whole of `e`, in order.
func allReplacements(of e: Expr, rules: [Expr], limit: Int, kernel: Kernel) throws(EvaluationControl) -> [Expr] {
    var out: [Expr] = []
    let engine = MatchEngine(kernel: kernel)
    for rule in rules {
        guard out.count < limit, let (lhs, rhs, delayed) = ruleParts(rule) else { continue }
        var body = rhs
        var tests: [Expr] = []
        if delayed {
            while case .normal(let n) = body, n.head.symbol === Sym.Condition, n.args.count == 2 {
                tests.insert(n.args[1], at: 0)
                body = n.args[0]
            }
        }
        engine.names.removeAll()
        engine.values.removeAll()
        _ = try engine.match(lhs, e) { () throws(EvaluationControl) in
            for t in tests where try !engine.conditionHolds(t) { return false }
            out.append(substitute(engine.bindings, into: body))
            return out.count >= limit
        }
    }
    return out
}
