import RampSyntax

extension Kernel {
    /// Installs `Hold`, `HoldForm`, `HoldComplete`, `Unevaluated`, `Evaluate`,
    /// `ReleaseHold`, `Sequence`, `Attributes`, `SetAttributes`, `ClearAttributes`, `Protect`,
    /// `Unprotect`, `$RecursionLimit` and `$IterationLimit`.
    func installEvaluationBuiltins() {
        setMessage("$RecursionLimit", "reclim2", "Recursion depth of `1` exceeded during evaluation of `2`.")
        setMessage("$IterationLimit", "itlim", "Iteration limit of `1` exceeded.")
        setMessage("Thread", "tdlen", "Objects of unequal length in `1` cannot be combined.")

        let inert: [(String, Attributes, String)] = [
            ("Hold", [.holdAll], "Hold[expr] keeps expr unevaluated."),
            ("HoldForm", [.holdAll], "HoldForm[expr] keeps expr unevaluated and prints as expr."),
            ("HoldComplete", [.holdAllComplete], "HoldComplete[expr] keeps expr unevaluated, including Sequence and Evaluate inside it."),
            ("Unevaluated", [.holdAllComplete], "Unevaluated[expr] passes expr to a function unevaluated."),
            ("Sequence", [], "Sequence[a, b, …] is spliced into the arguments of any function."),
        ]
        for (name, attrs, usage) in inert { define(name, attributes: attrs, usage: usage) { _ in nil } }
        define("Evaluate", usage: "Evaluate[expr] evaluates expr even where it would be held.") { c in
            c.args.count == 1 ? c.args[0] : .call(Sym.Sequence, c.args)
        }
        define("ReleaseHold", arguments: .exactly(1), usage: "ReleaseHold[expr] removes Hold, HoldForm, HoldPattern and HoldComplete from expr.") { c in
            let e = c.args[0]
            guard case .normal(let n) = e, let h = n.head.symbol else { return e }
            if h === Sym.Hold || h === Sym.HoldForm || h === Sym.HoldComplete || h === Sym.HoldPattern {
                return n.args.count == 1 ? n.args[0] : .call(Sym.Sequence, n.args)
            }
            return .call(n.head, n.args.map { a in
                if case .normal(let m) = a, let mh = m.head.symbol,
                    mh === Sym.Hold || mh === Sym.HoldForm || mh === Sym.HoldComplete || mh === Sym.HoldPattern
                {
                    return m.args.count == 1 ? m.args[0] : .call(Sym.Sequence, m.args)
                }
                return a
            })
        }

        define("Attributes", attributes: [.holdAll, .listable], arguments: .exactly(1), usage: "Attributes[f] lists the attributes of f.") { c throws(EvaluationControl) in
            guard let s = try c.kernel.symbolArgument(c, 0) else { return nil }
            return .list(c.kernel.attributeNames(c.kernel.attributes(of: s)))
        }
        define("SetAttributes", attributes: [.holdFirst], arguments: .exactly(2), usage: "SetAttributes[f, attr] adds attr (or a list of attributes) to f.") { c throws(EvaluationControl) in
            try c.kernel.changeAttributes(c, add: true)
        }
        define("ClearAttributes", attributes: [.holdFirst], arguments: .exactly(2), usage: "ClearAttributes[f, attr] removes attr (or a list of attributes) from f.") { c throws(EvaluationControl) in
            try c.kernel.changeAttributes(c, add: false)
        }
        define("Protect", attributes: [.holdAll], usage: "Protect[s1, s2, …] protects the symbols from assignment; gives the names of those newly protected.") { c throws(EvaluationControl) in
            try c.kernel.protect(c, true)
        }
        define("Unprotect", attributes: [.holdAll], usage: "Unprotect[s1, s2, …] removes protection; gives the names of those unprotected.") { c throws(EvaluationControl) in
            try c.kernel.protect(c, false)
        }

        define("Update", usage: "Update[] tells the kernel that hidden changes were made that may affect evaluated expressions; Update[s] does so for s.") { c in
            c.kernel.definitionsChanged()
            return .null
        }

        let rl = data(Sym.RecursionLimit)
        rl.ownValue = .integer(1024)
        rl.messages["usage"] = "$RecursionLimit is the maximum depth of nested evaluation (1024)."
        let il = data(Sym.IterationLimit)
        il.ownValue = .integer(4096)
        il.messages["usage"] = "$IterationLimit is the maximum number of rewriting steps of one expression (4096)."
    }

    /// The names of attributes, in Wolfram's order.
    func attributeNames(_ a: Attributes) -> [Expr] {
        Attributes.named.compactMap { name, bits in
            if bits == .holdFirst || bits == .holdRest, a.contains(.holdAll) { return nil }
            if bits == .nHoldFirst || bits == .nHoldRest, a.contains(.nHoldAll) { return nil }
            return a.contains(bits) ? .sym(name) : nil
        }
    }

    /// Parses an attribute name or list of names; nil (after a message) for an unknown one.
    func attributeSet(_ e: Expr, head: Symbol) -> Attributes? {
        var out: Attributes = []
        for x in e.hasHead(Sym.List) ? e.args : [e] {
            guard let s = x.symbol, let a = Attributes.named.first(where: { $0.0 == s.name }) else {
                message(Symbol.named("Attributes"), "attnf", [x])
                return nil
            }
            out.formUnion(a.1)
        }
        return out
    }

    /// Argument `i` as a symbol (a string names one); nil after `General::sym`.
    func symbolArgument(_ c: BuiltinCall, _ i: Int) throws(EvaluationControl) -> Symbol? {
        var a = c.args[i]
        if a.symbol == nil { a = try eval(a) }
        if let s = a.symbol { return s }
        if let n = a.string { return Symbol.named(n) }
        message(c.head, "sym", [a, .integer(i + 1)])
        return nil
    }

    private func changeAttributes(_ c: BuiltinCall, add: Bool) throws(EvaluationControl) -> Expr? {
        let targets = c.args[0].hasHead(Sym.List) ? c.args[0].args : [c.args[0]]
        guard let a = attributeSet(c.args[1], head: c.head) else { return nil }
        for t in targets {
            var x = t
            if x.symbol == nil { x = try eval(x) }
            guard let s = x.symbol ?? x.string.map(Symbol.named) else { message(c.head, "sym", [t, 1]); continue }
            let d = data(s)
            if d.attributes.contains(.locked) { message(c.head, "locked", [.symbol(s)]); continue }
            if add { d.attributes.formUnion(a) } else { d.attributes.subtract(a) }
        }
        return .null
    }

    private func protect(_ c: BuiltinCall, _ on: Bool) throws(EvaluationControl) -> Expr? {
        var changed: [Expr] = []
        for t in c.args {
            var names: [Symbol] = []
            if let s = t.symbol { names = [s] }
            else if let n = t.string { names = [Symbol.named(n)] }
            else if t.hasHead(Sym.List) { names = t.args.compactMap { $0.symbol ?? $0.string.map(Symbol.named) } }
            else { message(c.head, "ssym", [t]); continue }
            for s in names {
                let d = data(s)
                if d.attributes.contains(.locked) { message(c.head, "locked", [.symbol(s)]); continue }
                if d.attributes.contains(.protected) != on {
                    if on { d.attributes.insert(.protected) } else { d.attributes.remove(.protected) }
                    changed.append(.string(s.name))
                }
            }
        }
        return .list(changed)
    }
}
