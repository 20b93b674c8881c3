import RampKernel
import RampSyntax

/// `Simplify` and `FullSimplify`: a search over the algebraic transformations Ramp has (Together,
/// Cancel, Factor, Expand, Sin²+Cos²=1 reduction, TrigReduce, TrigExpand), bottom-up, keeping the form with the
/// smallest `LeafCount`. Assumptions (`Simplify[expr, x > 0]`, `$Assumptions`) are applied by
/// `Refine` before and after the search.
enum Simplification {
    static func install(_ k: Kernel) {
        for name in ["Simplify", "FullSimplify"] {
            let usage = name == "Simplify"
                ? "Simplify[expr] performs a sequence of algebraic and other transformations on expr and returns the simplest form it finds.\nSimplify[expr, assum] does simplification using assumptions."
                : "FullSimplify[expr] tries a wide range of transformations on expr involving elementary and special functions and returns the simplest form it finds.\nFullSimplify[expr, assum] does simplification using assumptions."
            k.define(name, arguments: ArgumentCount(1, 2), usage: usage) { call throws(EvaluationControl) in
                // Under assumptions (the second argument and $Assumptions): refined before and after.
                let assumptions = try Refinement.current(call.args.count == 2 ? call.args[1] : nil, kernel: call.kernel)
                let r = try PolynomialBuiltins.threading(call.args[0]) { e throws(EvaluationControl) in
                    let refined = try Refinement.refine(e, assumptions, kernel: call.kernel)
                    return try Refinement.refine(try simplify(refined, kernel: call.kernel), assumptions, kernel: call.kernel)
                }
                return r ?? call.args[0]
            }
        }
    }

    /// The simplest form found for `e`.
    static func simplify(_ e: Expr, kernel: Kernel) throws(EvaluationControl) -> Expr {
        guard case .normal(let n) = e else { return e }
        try kernel.checkAbort()
        var args: [Expr] = []
        for a in n.args { args.append(try simplify(a, kernel: kernel)) }
        let inner = kernel.evaluate(.call(n.head, args))
        guard !inner.isAtom else { return inner }
        var best = inner, bestCount = leafCount(inner)
        func consider(_ candidate: Expr?) {
            guard let c = candidate, c != .failed else { return }
            let count = leafCount(c)
            if count < bestCount { best = c; bestCount = count }
        }
        // Quietly: a transformation that gives up (a size limit) is just not a candidate.
        let saved = kernel.messageHandler
        kernel.messageHandler = { _ in }
        defer { kernel.messageHandler = saved }
        let together = try PolynomialBuiltins.together(inner, kernel: kernel)
        consider(together)
        consider(try PolynomialBuiltins.factor(inner, kernel: kernel))
        consider(try PolynomialBuiltins.expand(inner, kernel: kernel))
        if let t = together, let f = try PolynomialBuiltins.factor(t, kernel: kernel) { consider(f) }
        for reduced in try trigReductions(best, kernel: kernel) {
            consider(reduced)
            consider(try PolynomialBuiltins.factor(reduced, kernel: kernel))
        }
        // Multiple angles and products of trigonometric functions (`2 Sin[x] Cos[x]` is `Sin[2 x]`).
        if TrigTransformations.hasTrig(inner) {
            consider(try TrigTransformations.trigReduce(inner, kernel: kernel))
            consider(try TrigTransformations.trigExpand(inner, kernel: kernel))
            let sinCos = try TrigTransformations.inSinCos(inner, kernel: kernel)
            if sinCos != inner {
                let combined = try PolynomialBuiltins.together(sinCos, kernel: kernel) ?? sinCos
                consider(combined)
                for reduced in try trigReductions(combined, kernel: kernel) { consider(reduced) }
            }
        }
        return best
    }

    /// `e` as a polynomial in its generators reduced by Sin[u]^2 + Cos[u]^2 = 1 for each `u` that
    /// has Sin or Cos: once towards Cos (Sin of degree below 2), once towards Sin.
    static func trigReductions(_ e: Expr, kernel: Kernel) throws(EvaluationControl) -> [Expr] {
        guard !PolynomialForm.hasInexactCoefficient(e) else { return [] }
        let plain = PolynomialForm(reading: [e])
        let sin = Symbol.named("Sin"), cos = Symbol.named("Cos")
        var pairs: [(Expr, Expr)] = []
        for g in plain.generators {
            guard case .normal(let n) = g, n.head == .symbol(sin) || n.head == .symbol(cos), n.args.count == 1 else { continue }
            let pair = (Expr.call(sin, n.args[0]), Expr.call(cos, n.args[0]))
            if !pairs.contains(where: { $0.0 == pair.0 }) { pairs.append(pair) }
        }
        guard !pairs.isEmpty else { return [] }
        var out: [Expr] = []
        for towardsCos in [true, false] {
            // The eliminated function of each pair comes first (highest in the lexicographic order).
            let first = pairs.map { towardsCos ? $0.0 : $0.1 }
            let form = PolynomialForm(variables: first + pairs.map { towardsCos ? $0.1 : $0.0 }, reading: [e])
            let ring = form.makeRing()
            guard var p = try form.polynomial(e, in: ring, kernel: kernel) else { return out }
            for (s, c) in pairs {
                guard let si = form.variable(s), let ci = form.variable(c),
                      let s2 = Polynomial(ring, variable: si).power(2), let c2 = Polynomial(ring, variable: ci).power(2) else { continue }
                let relation = s2 + c2 - Polynomial(ring, constant: .one)
                p = p.divided(by: relation).remainder
            }
            if let r = form.expression(p, kernel: kernel) { out.append(r) }
        }
        return out
    }
}
