import RampKernel
import RampSyntax

/// `PowerExpand[expr]`: powers and logarithms expanded as if every variable were positive:
/// `(a b)^c` → `a^c b^c`, `(a^b)^c` → `a^(b c)`, `Log[a b]` → `Log[a] + Log[b]`,
/// `Log[a^b]` → `b Log[a]` (so `Sqrt[x^2]` is `x` and `Log[E^x]` is `x`).
/// `PowerExpand[expr, {x, …}]` expands only the parts that contain the given variables.
enum PowerExpansion {
    static func install(_ k: Kernel) {
        k.define("PowerExpand", arguments: ArgumentCount(1, 2), usage: "PowerExpand[expr] expands all powers of products and powers.\nPowerExpand[expr, {x1, x2, …}] expands only with respect to the variables xi.") { call throws(EvaluationControl) in
            let vars = call.args.count == 2 ? (call.args[1].isList ? Array(call.args[1].args) : [call.args[1]]) : nil
            return try TrigTransformations.threaded(call.args[0]) { e throws(EvaluationControl) in
                try powerExpand(e, vars, kernel: call.kernel)
            }
        }
    }

    static func powerExpand(_ e: Expr, _ vars: [Expr]?, kernel: Kernel) throws(EvaluationControl) -> Expr {
        let log = Symbol.named("Log")
        func concerns(_ x: Expr) -> Bool {
            guard let vars else { return true }
            return vars.contains { PolynomialStructure.contains(x, $0) }
        }
        return try TrigTransformations.rewrite(e, kernel: kernel) { n throws(EvaluationControl) in
            // A rewritten part may hold new powers of products (`(x^2 y)^c` → `(x^2)^c y^c`).
            guard let r = try rule(n) else { return nil }
            return try powerExpand(try kernel.eval(r), vars, kernel: kernel)
        }

        func rule(_ n: Normal) throws(EvaluationControl) -> Expr? {
            if n.head == .symbol(Sym.Power), n.args.count == 2, case .normal(let base) = n.args[0], concerns(n.args[0]) {
                let c = n.args[1]
                if base.head == .symbol(Sym.Times) {
                    return .call(Sym.Times, base.args.map { .call(Sym.Power, $0, c) })
                }
                if base.head == .symbol(Sym.Power), base.args.count == 2 {
                    return .call(Sym.Power, base.args[0], try kernel.eval(.call(Sym.Times, base.args[1], c)))
                }
                return nil
            }
            if n.head == .symbol(log), n.args.count == 1, case .normal(let inner) = n.args[0], concerns(n.args[0]) {
                if inner.head == .symbol(Sym.Times) {
                    return .call(Sym.Plus, inner.args.map { .call(log, $0) })
                }
                if inner.head == .symbol(Sym.Power), inner.args.count == 2 {
                    return .call(Sym.Times, inner.args[1], .call(log, inner.args[0]))
                }
            }
            return nil
        }
    }
}
