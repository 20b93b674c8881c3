import OrderedCollections
import RampSyntax

extension Kernel {
    /// `AddTo`, `SubtractFrom`, `TimesBy`, `DivideBy`, `Increment`, `Decrement`, `PreIncrement`,
    /// `PreDecrement`, `AppendTo`, `PrependTo`.
    func installModifyingAssignments() {
        installAssociationUpdates()
        let arithmetic: [(String, String, (Expr, Expr) -> Expr, ((Int, Int) -> (Int, Bool))?)] = [
            ("AddTo", "x += dx adds dx to x and returns the new value.",
             { .call(Sym.Plus, [$0, $1]) }, { $0.addingReportingOverflow($1) }),
            ("SubtractFrom", "x -= dx subtracts dx from x and returns the new value.",
             { .call(Sym.Plus, [$0, .call(Sym.Times, [.integer(-1), $1])]) }, { $0.subtractingReportingOverflow($1) }),
            ("TimesBy", "x *= c multiplies x by c and returns the new value.",
             { .call(Sym.Times, [$0, $1]) }, { $0.multipliedReportingOverflow(by: $1) }),
            ("DivideBy", "x /= c divides x by c and returns the new value.",
             { .call(Sym.Times, [$0, .call(Sym.Power, [$1, .integer(-1)])]) }, nil),
        ]
        for (name, usage, build, fast) in arithmetic {
            define(name, attributes: [.holdFirst], arguments: .exactly(2), usage: usage) { c throws(EvaluationControl) in
                let delta = c.args[1]
                return try c.kernel.modify(c.args[0], c) { (old: Expr) throws(EvaluationControl) in
                    if let fast, case .integer(let a) = old, case .integer(let b) = delta {
                        let (r, o) = fast(a, b)
                        if !o { return .integer(r) }
                    }
                    return try c.kernel.eval(build(old, delta))
                }?.new
            }
        }
        let steps: [(String, String, Int, Bool)] = [
            ("Increment", "x++ increases x by 1, returning the old value.", 1, false),
            ("Decrement", "x-- decreases x by 1, returning the old value.", -1, false),
            ("PreIncrement", "++x increases x by 1, returning the new value.", 1, true),
            ("PreDecrement", "--x decreases x by 1, returning the new value.", -1, true),
        ]
        for (name, usage, delta, returnsNew) in steps {
            define(name, attributes: [.holdFirst], arguments: .exactly(1), usage: usage) { c throws(EvaluationControl) in
                let r = try c.kernel.modify(c.args[0], c) { (old: Expr) throws(EvaluationControl) in
                    if case .integer(let a) = old {
                        let (s, o) = a.addingReportingOverflow(delta)
                        if !o { return .integer(s) }
                    }
                    return try c.kernel.eval(.call(Sym.Plus, [old, .integer(delta)]))
                }
                return returnsNew ? r?.new : r?.old
            }
        }
        for (name, atEnd) in [("AppendTo", true), ("PrependTo", false)] {
            define(name, attributes: [.holdFirst], arguments: .exactly(2), usage: "\(name)[x, e] \(atEnd ? "appends" : "prepends") e to the value of x and resets x to the result.") { c throws(EvaluationControl) in
                let e = c.args[1]
                if let s = c.args[0].symbol, let d = c.kernel.existingData(s), !d.attributes.contains(.protected),
                   let new = try c.kernel.appendInPlace(d, e, atEnd: atEnd) {
                    return new
                }
                return try c.kernel.modify(c.args[0], c) { (old: Expr) throws(EvaluationControl) -> Expr? in
                    guard !old.isAtom else {
                        c.message("normal", 1, .call(c.head, c.args))
                        return nil
                    }
                    var parts = old.args
                    if atEnd { parts.append(e) } else { parts.insert(e, at: 0) }
                    return .call(old.head, parts)
                }?.new
            }
        }
    }

    /// `AssociateTo[a, k -> v]` (a rule, a list of rules or an association) and `KeyDropFrom[a, k]`
    /// (a key or a list of keys): change the association stored in `a` in place (InPlaceUpdates.swift).
    func installAssociationUpdates() {
        setMessage("AssociateTo", "invak", "The argument `1` is not a valid Association.")
        setMessage("KeyDropFrom", "invak", "The argument `1` is not a valid Association.")
        // The kernel comes from the call: a local function that used the kernel's own members would
        // capture it, and the builtins holding that function would keep the kernel alive forever.
        func update(_ c: BuiltinCall, _ body: (inout OrderedDictionary<Expr, AssociationObject.Entry>) -> Void) -> Expr? {
            let kernel = c.kernel
            guard let s = c.args[0].symbol, let d = kernel.existingData(s), d.ownValue != nil else {
                c.message("rvalue", c.args[0])
                return nil
            }
            if d.attributes.contains(.protected) {
                c.message("wrsym", c.args[0])
                return nil
            }
            guard kernel.updateStoredAssociation(d, body) else {
                c.message("invak", d.ownValue!)
                return nil
            }
            return d.ownValue
        }
        define("AssociateTo", attributes: [.holdFirst], arguments: .exactly(2),
               usage: "AssociateTo[a, key -> val] changes the association a by adding the key-value pair key -> val.\nAssociateTo[a, {key1 -> val1, key2 -> val2, …}] adds all the key-value pairs keyi -> vali.") { c in
            let spec = c.args[1]
            var entries: [(Expr, AssociationObject.Entry)] = []
            if let a = spec.association {
                entries = a.entries.map { ($0.key, $0.value) }
            } else {
                for rule in spec.hasHead(Sym.List) ? spec.args : [spec] {
                    guard rule.hasHead(Sym.Rule) || rule.hasHead(Sym.RuleDelayed), rule.args.count == 2 else {
                        c.message("invak", spec)  // Wolfram names the argument that is not rules
                        return nil
                    }
                    entries.append((rule.args[0], AssociationObject.Entry(value: rule.args[1], delayed: rule.hasHead(Sym.RuleDelayed))))
                }
            }
            return update(c) { dictionary in for (k, e) in entries { dictionary[k] = e } }
        }
        define("KeyDropFrom", attributes: [.holdFirst], arguments: .exactly(2),
               usage: "KeyDropFrom[a, key] changes the association a by dropping the element with the specified key.\nKeyDropFrom[a, {key1, key2, …}] drops elements with any of the keyi.") { c in
            let keys = c.args[1].hasHead(Sym.List) ? c.args[1].args : [c.args[1]]
            return update(c) { dictionary in dictionary.removeKeys(keys) }
        }
    }

    /// Reads the value of the variable (or part) `target`, computes the new value and stores it.
    /// Nil (after a message) when `target` has no value or the update is refused.
    func modify(
        _ target: Expr, _ c: BuiltinCall, _ compute: (Expr) throws(EvaluationControl) -> Expr?
    ) throws(EvaluationControl) -> (old: Expr, new: Expr)? {
        let old: Expr
        if let s = target.symbol {
            guard let d = existingData(s), let v = d.ownValue else {
                message(c.head, "rvalue", [target])
                return nil
            }
            if d.attributes.contains(.protected) {
                message(c.head, "wrsym", [target])
                return nil
            }
            switch v {
            case .integer, .real, .string, .packed: old = v
            default: old = try eval(target)
            }
            guard let new = try compute(old) else { return nil }
            if let d2 = existingData(s) {
                d2.ownValue = new
                d2.ownValueDelayed = false
            }
            specialValueChanged(s)
            return (old, new)
        }
        if target.hasHead(Sym.Part), let s = target.args.first?.symbol, existingData(s)?.ownValue != nil {
            old = try eval(target)
            guard let new = try compute(old) else { return nil }
            _ = try assign(target, new, delayed: false, head: c.head)
            return (old, new)
        }
        message(c.head, "rvalue", [target])
        return nil
    }
}
