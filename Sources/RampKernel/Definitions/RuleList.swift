import RampSyntax

/// One stored definition: `lhs -> rhs` (`Set`) or `lhs :> rhs` (`SetDelayed`).
struct DefinitionRule {
    let lhs: Expr
    let rhs: Expr
    let delayed: Bool

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
    /// Pattern-free rules, by their left side.
    private(set) var literal: [Expr: DefinitionRule] = [:]
    /// The literal rules' left sides in definition order (for listing).
    private(set) var literalOrder: [Expr] = []
    /// Rules with patterns, most specific first.
    private(set) var patterned: [DefinitionRule] = []

    var isEmpty: Bool { literal.isEmpty && patterned.isEmpty }
    var count: Int { literal.count + patterned.count }

    /// Every rule in application order.
    var all: [DefinitionRule] { literalOrder.compactMap { literal[$0] } + patterned }

    /// Adds a rule, replacing one with the same left side. `moreSpecific(a, b)` says whether the
    /// pattern `a` is strictly more specific than `b`.
    func insert(_ rule: DefinitionRule, moreSpecific: (Expr, Expr) -> Bool) {
        if isPatternFree(rule.lhs) {
            if literal.updateValue(rule, forKey: rule.lhs) == nil { literalOrder.append(rule.lhs) }
            return
        }
        if let i = patterned.firstIndex(where: { $0.lhs == rule.lhs && $0.condition == rule.condition }) {
            patterned[i] = rule
            return
        }
        let at = patterned.firstIndex(where: { moreSpecific(rule.lhs, $0.lhs) }) ?? patterned.count
        patterned.insert(rule, at: at)
    }

    /// Removes the rule whose left side is `lhs`; false when there is none.
    @discardableResult func remove(lhs: Expr) -> Bool {
        if literal.removeValue(forKey: lhs) != nil {
            literalOrder.removeAll { $0 == lhs }
            return true
        }
        if let i = patterned.firstIndex(where: { $0.lhs == lhs }) {
            patterned.remove(at: i)
            return true
        }
        return false
    }

    /// Replaces every rule (for `DownValues[f] = {…}`).
    func replaceAll(with rules: [DefinitionRule], moreSpecific: (Expr, Expr) -> Bool) {
        literal = [:]
        literalOrder = []
        patterned = []
        for r in rules { insert(r, moreSpecific: moreSpecific) }
    }
}

/// Whether `e` contains no pattern construct, so it matches only expressions identical to it.
func isPatternFree(_ e: Expr) -> Bool { !containsPatterns(e) }

extension Sym {
    static let HoldPattern = Symbol.named("HoldPattern")
}
