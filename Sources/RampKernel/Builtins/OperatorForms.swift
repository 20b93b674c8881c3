import RampSyntax

/// Operator forms (`Map[f][list]`, `Select[crit][list]`, `Lookup[key][assoc]`, …) and applied
/// compositions (`Composition[f, g][x]`, `Key[k][assoc]`) of the library areas.
///
/// They are built-in sub-values: rules on the compound head, written in Wolfram syntax and parsed
/// once when the kernel starts; the evaluator applies them the way it applies user sub-values.
extension Kernel {
    static let libraryOperatorForms: [String] = [
        "Map[f_][expr_] :> Map[f, expr]",
        "MapIndexed[f_][expr_] :> MapIndexed[f, expr]",
        "MapThread[f_][expr_] :> MapThread[f, expr]",
        "Apply[f_][expr_] :> Apply[f, expr]",
        "MapApply[f_][expr_] :> MapApply[f, expr]",
        "Select[crit_][expr_] :> Select[expr, crit]",
        "SortBy[f_][expr_] :> SortBy[expr, f]",
        "GroupBy[f_][expr_] :> GroupBy[expr, f]",
        "GroupBy[f_, red_][expr_] :> GroupBy[expr, f, red]",
        "Append[x_][expr_] :> Append[expr, x]",
        "Prepend[x_][expr_] :> Prepend[expr, x]",
        "Delete[pos_][expr_] :> Delete[expr, pos]",
        "ReplacePart[r_][expr_] :> ReplacePart[expr, r]",
        "Lookup[k_][a_] :> Lookup[a, k]",
        "Lookup[k_, d_][a_] :> Lookup[a, k, d]",
        "KeyExistsQ[k_][a_] :> KeyExistsQ[a, k]",
        "KeyDrop[k_][a_] :> KeyDrop[a, k]",
        "KeyTake[k_][a_] :> KeyTake[a, k]",
        "KeyMap[f_][a_] :> KeyMap[f, a]",
        "KeySelect[crit_][a_] :> KeySelect[a, crit]",
        "KeyValueMap[f_][a_] :> KeyValueMap[f, a]",
        "KeySort[][a_] :> KeySort[a]",
        "AssociationMap[f_][x_] :> AssociationMap[f, x]",
        "Merge[f_][x_] :> Merge[x, f]",
        "Composition[f__, g_][x___] :> Composition[f][g[x]]",
        "Key[k_][a_Association] :> Lookup[a, Key[k]]",
    ]

    /// Installs `libraryOperatorForms` as sub-values of their heads.
    func installLibraryOperatorForms() { defineSubValueRules(Kernel.libraryOperatorForms) }

    /// Installs built-in sub-values (`h[a][b] :> rhs`, in Wolfram syntax) for the modules above the
    /// kernel, the way the operator forms are: the owner of `h` declares how its compound calls
    /// evaluate (RampAlgebra: `Derivative[n][f]`).
    public func defineSubValueRules(_ sources: [String]) {
        for source in sources {
            guard let rule = try? Parser.parseExpression(source), case .normal(let r) = rule, r.args.count == 2,
                  let tag = innermostHead(r.args[0]) else { continue }
            let d = data(tag)
            if d.subValues == nil { d.subValues = RuleList() }
            d.subValues!.insert(DefinitionRule(lhs: r.args[0], rhs: r.args[1], delayed: true), moreSpecific: isMoreSpecific)
        }
    }

    private func innermostHead(_ e: Expr) -> Symbol? {
        var x = e
        while case .normal(let n) = x { x = n.head }
        return x.symbol
    }
}
