import RampSyntax

extension Kernel {
    func installLogicBuiltins() {
        define("And", attributes: [.flat, .holdAll, .oneIdentity],
               usage: "e1 && e2 && … is the logical AND function. It evaluates its arguments in order, giving False immediately if any of them are False, and True if they are all True.") { call throws(EvaluationControl) in
            try call.kernel.shortCircuit(call, absorbing: .false, neutral: .true)
        }
        define("Or", attributes: [.flat, .holdAll, .oneIdentity],
               usage: "e1 || e2 || … is the logical OR function. It evaluates its arguments in order, giving True immediately if any of them are True, and False if they are all False.") { call throws(EvaluationControl) in
            try call.kernel.shortCircuit(call, absorbing: .true, neutral: .false)
        }
        define("Not", arguments: .exactly(1), usage: "!expr is the logical NOT function. It gives False if expr is True, and True if it is False.") { call in
            return Kernel.logicalNot(call.args[0])
        }
        define("Xor", attributes: [.flat, .oneIdentity, .orderless],
               usage: "Xor[e1, e2, …] is the logical XOR (exclusive OR) function. It gives True if an odd number of the ei are True, and the rest are False.") { call in
            var parity = false
            var rest: [Expr] = []
            for a in call.args {
                if a == .true { parity.toggle() } else if a == .false { continue } else { rest.append(a) }
            }
            if rest.isEmpty { return .bool(parity) }
            let core: Expr = rest.count == 1 ? rest[0] : .call(call.head, rest)
            let r = parity ? Kernel.logicalNot(core) ?? .call(Symbol.named("Not"), [core]) : core
            return r == call.expr ? nil : r
        }
        define("Nand", attributes: [.holdAll], usage: "Nand[e1, e2, …] is the logical NAND function.") { call throws(EvaluationControl) in
            let and = try call.kernel.shortCircuit(BuiltinCall(kernel: call.kernel, head: Symbol.named("And"), expr: .call(Symbol.named("And"), call.args)), absorbing: .false, neutral: .true)
            guard let r = and, r == .true || r == .false else { return nil }
            return .bool(r == .false)
        }
        define("Nor", attributes: [.holdAll], usage: "Nor[e1, e2, …] is the logical NOR function.") { call throws(EvaluationControl) in
            let or = try call.kernel.shortCircuit(BuiltinCall(kernel: call.kernel, head: Symbol.named("Or"), expr: .call(Symbol.named("Or"), call.args)), absorbing: .true, neutral: .false)
            guard let r = or, r == .true || r == .false else { return nil }
            return .bool(r == .false)
        }
        define("Implies", arguments: .exactly(2), usage: "Implies[p, q] represents the logical implication p ⇒ q.") { call in
            let (p, q) = (call.args[0], call.args[1])
            if p == .false || q == .true { return .true }
            if p == .true { return q }
            if q == .false { return Kernel.logicalNot(p) ?? .call(Symbol.named("Not"), [p]) }
            return nil
        }
        define("TrueQ", arguments: .exactly(1), usage: "TrueQ[expr] yields True if expr is True, and yields False otherwise.") { call in
            return .bool(call.args[0] == .true)
        }
        define("BooleanQ", arguments: .exactly(1), usage: "BooleanQ[expr] returns True if expr is either True or False.") { call in
            return .bool(call.args[0] == .true || call.args[0] == .false)
        }
        define("Boole", attributes: [.listable], arguments: .exactly(1), usage: "Boole[expr] yields 1 if expr is True and 0 if it is False.") { call in
            if call.args[0] == .true { return 1 }
            if call.args[0] == .false { return 0 }
            return nil
        }
        installOperatorForms(["AllTrue", "AnyTrue", "NoneTrue"])  // AllTrue[test][list] is AllTrue[list, test]
        for (name, wantAll, wantAny) in [("AllTrue", true, false), ("AnyTrue", false, true), ("NoneTrue", false, false)] {
            define(name, arguments: ArgumentCount(2, 2).withOperatorForm, usage: "\(name)[list, test] yields True if test yields True on \(wantAll ? "all" : wantAny ? "any" : "none") of the elements in list.") { call throws(EvaluationControl) in
                guard call.args.count == 2 else { return nil }  // the operator form AllTrue[test]
                let list = call.args[0], test = call.args[1]
                guard !list.isAtom else { return nil }
                for e in list.args {
                    let r = try call.kernel.eval(.call(test, [e]))
                    if wantAll && r != .true { return .false }
                    if !wantAll && r == .true { return .bool(wantAny) }
                }
                return .bool(wantAll || !wantAny)
            }
        }
    }

    /// `Not` of an evaluated expression; nil when it stays `Not[e]`.
    static func logicalNot(_ e: Expr) -> Expr? {
        if e == .true { return .false }
        if e == .false { return .true }
        guard case .normal(let n) = e, let h = n.head.symbol else { return nil }
        let inverse: [String: String] = [
            "Not": "", "Equal": "Unequal", "Unequal": "Equal", "Less": "GreaterEqual", "GreaterEqual": "Less",
            "Greater": "LessEqual", "LessEqual": "Greater", "SameQ": "UnsameQ", "UnsameQ": "SameQ",
        ]
        guard let inv = inverse[h.name] else { return nil }
        if inv.isEmpty { return n.args.count == 1 ? n.args[0] : nil }
        if n.args.count != 2 && (h.name == "Less" || h.name == "Greater" || h.name == "LessEqual" || h.name == "GreaterEqual") { return nil }
        return .call(Symbol.named(inv), n.args)
    }

    /// `And`/`Or`: evaluates arguments in order, stopping at the absorbing value, dropping neutral ones.
    fileprivate func shortCircuit(_ call: BuiltinCall, absorbing: Expr, neutral: Expr) throws(EvaluationControl) -> Expr? {
        var rest: [Expr] = []
        var changed = false
        func walk(_ a: Expr) throws(EvaluationControl) -> Bool {
            let v = try eval(a)
            if v == absorbing { return true }
            if v == neutral { changed = true; return false }
            if v.hasHead(call.head) {
                changed = true
                for x in v.args where try walk(x) { return true }
                return false
            }
            if v != a { changed = true }
            rest.append(v)
            return false
        }
        for a in call.args where try walk(a) { return absorbing }
        if rest.isEmpty { return neutral }
        if rest.count == 1 { return rest[0] }
        if !changed { return nil }
        return .call(call.head, rest)
    }
}
