import RampSyntax

/// One stored definition: `lhs -> rhs` (`Set`) or `lhs :> rhs` (`SetDelayed`).
final class DefinitionRule {
    let lhs: Expr
    let rhs: Expr
    let delayed: Bool
    /// The left side in the simple form the evaluator matches without the pattern matcher, if it has it.
    let simple: SimpleLHS?

    init(lhs: Expr, rhs: Expr, delayed: Bool) {
        self.lhs = lhs
        self.rhs = rhs
        self.delayed = delayed
        var hasTests = false
        if delayed, case .normal(let n) = rhs, n.head.symbol === Sym.Condition, n.args.count == 2 { hasTests = true }
        simple = hasTests ? nil : SimpleLHS(lhs)
    }

    /// The test of a delayed right side `body /; test` (rules differing in it are kept apart).
    var condition: Expr? {
        guard delayed, case .normal(let n) = rhs, n.head.symbol === Sym.Condition, n.args.count == 2 else { return nil }
        return n.args[1]
    }

    /// `HoldPattern[lhs] :> rhs`, as `DownValues` lists it (always `:>`, as Wolfram shows them).
    var asExpr: Expr {
        .call(Sym.RuleDelayed, [.call(Sym.HoldPattern, [lhs]), rhs])
    }
}

/// The down, sub or up values of one symbol, kept in the order Wolfram applies them: rules without
/// patterns first (looked up by hash), then pattern rules from most to least specific, and in the
/// order they were given when neither is more specific.
final class RuleList {
    /// Pattern-free rules, by their left side, with their slot in `literalRules`.
    private(set) var literal: [Expr: (rule: DefinitionRule, slot: Int)] = [:]
    /// The literal rules in definition order, scanned instead of hashing when there are few; a
    /// removed rule leaves nil (so removing one is O(1)) until half the slots are nil.
    private var literalRules: [DefinitionRule?] = []
    private var removedLiterals = 0
    /// Rules with patterns, most specific first.
    private(set) var patterned: [DefinitionRule] = []

    var isEmpty: Bool { literal.isEmpty && patterned.isEmpty }
    var count: Int { literal.count + patterned.count }

    /// Every rule in application order.
    var all: [DefinitionRule] { literalRules.compactMap { $0 } + patterned }

    /// Adds a rule, replacing one with the same left side. `moreSpecific(a, b)` says whether the
    /// pattern `a` is strictly more specific than `b`.
    func insert(_ rule: DefinitionRule, moreSpecific: (Expr, Expr) -> Bool) {
        if isPatternFree(rule.lhs) {
            if let old = literal[rule.lhs] {
                literal[rule.lhs] = (rule, old.slot)
                literalRules[old.slot] = rule
            } else {
                literal[rule.lhs] = (rule, literalRules.count)
                literalRules.append(rule)
            }
            return
        }
        if let i = patterned.firstIndex(where: { $0.lhs == rule.lhs && $0.condition == rule.condition }) {
            patterned[i] = rule
            return
        }
        let at = patterned.firstIndex(where: { moreSpecific(rule.lhs, $0.lhs) }) ?? patterned.count
        patterned.insert(rule, at: at)
    }

    /// The pattern-free rule whose left side is `expr`, if any.
    @inline(__always) func literalRule(for expr: Expr) -> DefinitionRule? {
        if literalRules.count > 8 { return literal[expr]?.rule }
        for case let r? in literalRules where sameLiteral(r.lhs, expr) { return r }
        return nil
    }

    /// `a == b`, quicker for the usual `f[0]` against `f[20]`: heads by identity and atom arguments
    /// compared directly.
    @inline(__always) private func sameLiteral(_ a: Expr, _ b: Expr) -> Bool {
        guard case .normal(let x) = a, case .normal(let y) = b, case .symbol(let hx) = x.head, case .symbol(let hy) = y.head
        else { return a == b }
        let xa = x.args, ya = y.args
        guard hx === hy, xa.count == ya.count else { return false }
        for i in xa.indices {
            switch xa[i] {
            case .integer(let p):
                // Integers are canonical: a machine integer equals only the same machine integer.
                guard case .integer(let q) = ya[i], p == q else { return false }
            default:
                if xa[i] != ya[i] { return false }
            }
        }
        return true
    }

    /// Removes the rule whose left side is `lhs`; false when there is none.
    @discardableResult func remove(lhs: Expr) -> Bool {
        if let old = literal.removeValue(forKey: lhs) {
            literalRules[old.slot] = nil
            removedLiterals += 1
            if removedLiterals * 2 > literalRules.count { compactLiterals() }
            return true
        }
        if let i = patterned.firstIndex(where: { $0.lhs == lhs }) {
            patterned.remove(at: i)
            return true
        }
        return false
    }

    /// Drops the nil slots of removed literal rules, renumbering the others.
    private func compactLiterals() {
        let live: [DefinitionRule] = literalRules.compactMap { $0 }
        literalRules = live
        removedLiterals = 0
        for (i, r) in live.enumerated() { literal[r.lhs] = (r, i) }
    }

    /// Replaces every rule (for `DownValues[f] = {…}`).
    func replaceAll(with rules: [DefinitionRule], moreSpecific: (Expr, Expr) -> Bool) {
        literal = [:]
        literalRules = []
        removedLiterals = 0
        patterned = []
        for r in rules { insert(r, moreSpecific: moreSpecific) }
    }
}

/// Whether `e` contains no pattern construct, so it matches only expressions identical to it.
func isPatternFree(_ e: Expr) -> Bool { !containsPatterns(e) }

/// A left side `f[p1, p2, …]` that the evaluator matches directly: `f` a symbol, each argument a
/// named or unnamed `_` or `_h` (names distinct), or an atom; `HoldPattern` wrappers allowed. It
/// matches exactly as the pattern matcher would when `f` is neither `Flat` nor `Orderless`.
final class SimpleLHS {
    enum Parameter {
        /// `_` (head nil) or `_h`, bound to `names[k]` when named.
        case blank(head: Expr?)
        /// An atom the argument must equal.
        case literal(Expr)
    }

    let head: Symbol
    let parameters: [Parameter]
    /// The pattern names, in argument order.
    let names: [Symbol]
    /// The argument position of each name.
    let positions: [Int]
    /// Whether every argument is bound to a name in order (the arguments are the values).
    let bindsAllArguments: Bool

    init?(_ lhs: Expr) {
        var p = lhs
        while case .normal(let n) = p, n.head.symbol === Sym.HoldPattern, n.args.count == 1 { p = n.args[0] }
        guard case .normal(let n) = p, let h = n.head.symbol, patternKind(n) == nil else { return nil }
        var parameters: [Parameter] = []
        var names: [Symbol] = []
        var positions: [Int] = []
        for (i, a) in n.args.enumerated() {
            guard case .normal(let an) = a else {
                parameters.append(.literal(a))
                continue
            }
            var blank = an
            if patternKind(an) == .pattern {
                guard let s = an.args[0].symbol, !names.contains(where: { $0 === s }),
                      case .normal(let inner) = an.args[1] else { return nil }
                names.append(s)
                positions.append(i)
                blank = inner
            }
            guard patternKind(blank) == .blank else { return nil }
            if let bh = blank.args.first {
                guard bh.symbol != nil else { return nil }
                parameters.append(.blank(head: bh))
            } else {
                parameters.append(.blank(head: nil))
            }
        }
        head = h
        self.parameters = parameters
        self.names = names
        self.positions = positions
        bindsAllArguments = positions.count == parameters.count
    }

    /// Whether the arguments `args` match (the head is checked by the caller).
    @inline(__always) func matches(_ args: [Expr]) -> Bool {
        guard args.count == parameters.count else { return false }
        for i in parameters.indices {
            switch parameters[i] {
            case .blank(let h): if let h, args[i].head != h { return false }
            case .literal(let x): if x != args[i] { return false }
            }
        }
        return true
    }
}
