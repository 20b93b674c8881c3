import RampSyntax

extension Kernel {
    /// Installs `Module`, `Block`, `With`, `Function` and `Unique`.
    func installScopingBuiltins() {
        setMessage("Module", "lvlist", "Local variable specification `1` is not a List.")
        setMessage("Module", "lvsym", "Local variable specification `1` contains `2`, which is not a symbol or an assignment to a symbol.")
        setMessage("With", "lvlist", "Local variable specification `1` is not a List.")
        setMessage("With", "lvset", "Local variable specification `1` contains `2`, which is not an assignment to a symbol.")
        setMessage("Block", "lvlist", "Local variable specification `1` is not a List.")
        setMessage("Block", "lvsym", "Local variable specification `1` contains `2`, which is not a symbol or an assignment to a symbol.")
        setMessage("Function", "slotn", "Slot number `1` in `2` cannot be filled from `3`.")
        setMessage("Function", "fpct", "Too many parameters in `1` to be filled from `2`.")
        setMessage("Function", "flpar", "Parameter specification `1` in `2` should be a symbol or a list of symbols.")

        define("Function", attributes: [.holdAll], usage: "Function[body] or body & is a pure function; Function[x, body] and Function[{x1, x2, …}, body] have named parameters.") { _ in nil }
        define("Slot", attributes: [.nHoldAll], usage: "# or #n is the n-th argument of a pure function.") { _ in nil }
        define("SlotSequence", attributes: [.nHoldAll], usage: "## or ##n is the sequence of arguments of a pure function from the n-th on.") { _ in nil }

        define("Module", attributes: [.holdAll], arguments: .exactly(2), usage: "Module[{x, y = y0, …}, expr] evaluates expr with local symbols x, y, … renamed to unique x$nnn.") { c throws(EvaluationControl) in
            return try c.kernel.module(c)
        }
        define("Block", attributes: [.holdAll], arguments: .exactly(2), usage: "Block[{x, y = y0, …}, expr] evaluates expr with the values of x, y, … temporarily cleared or set.") { c throws(EvaluationControl) in
            return try c.kernel.block(c)
        }
        define("With", attributes: [.holdAll], arguments: .atLeast(2), usage: "With[{x = x0, …}, expr] substitutes the values x0, … for x, … in expr before evaluating it.") { c throws(EvaluationControl) in
            try c.kernel.with(c)
        }
        define("Unique", usage: "Unique[] gives a new symbol $nnn; Unique[x] a new symbol x$nnn.") { c in
            let k = c.kernel
            defer { k.moduleNumber += 1 }
            if let s = c.args.first?.symbol { return .symbol(Symbol.named("\(s.name)$\(k.moduleNumber)")) }
            if let s = c.args.first?.string { return .symbol(Symbol.named("\(s)\(k.moduleNumber)")) }
            return .symbol(Symbol.named("$\(k.moduleNumber)"))
        }
        define("$ModuleNumber", usage: "$ModuleNumber gives the current serial number to be used for local variables that are created.") { c in .integer(c.kernel.moduleNumber) }
    }

    // MARK: Pure functions

    /// The attributes named by a pure function's third argument.
    func functionAttributes(_ spec: Expr) -> Attributes {
        var out: Attributes = []
        let names: [Expr] = spec.hasHead(Sym.List) ? spec.args : [spec]
        for n in names {
            guard let s = n.symbol, let a = Attributes.named.first(where: { $0.0 == s.name }) else { continue }
            out.formUnion(a.1)
        }
        return out
    }

    /// Applies `Function[…]` (`fn`) to arguments; nil leaves the call unevaluated.
    func applyFunction(_ fn: Normal, _ args: [Expr]) throws(EvaluationControl) -> Expr? {
        let fe = Expr.normal(fn)
        switch fn.args.count {
        case 1:
            return replaceSlots(fn.args[0], args, fe)
        case 2, 3:
            let params = fn.args[0]
            if params == .null { return replaceSlots(fn.args[1], args, fe) }
            var names: [Symbol] = []
            if let s = params.symbol {
                names = [s]
            } else if params.hasHead(Sym.List) {
                for p in params.args {
                    guard let s = p.symbol else {
                        message(Sym.Function, "flpar", [params, fe])
                        return nil
                    }
                    names.append(s)
                }
            } else {
                message(Sym.Function, "flpar", [params, fe])
                return nil
            }
            if names.count > args.count {
                message(Sym.Function, "fpct", [params, .call(fe, args)])
                return nil
            }
            var bindings: [(Symbol, Expr)] = []
            bindings.reserveCapacity(names.count)
            for (i, s) in names.enumerated() { bindings.append((s, args[i])) }
            return replaceSymbols(fn.args[1], bindings)
        default:
            // `Function[]` (what `Sequence[] &` becomes) and `Function[a, b, c, d]` are not functions.
            message(Sym.Function, "argb", [.symbol(Sym.Function), .integer(fn.args.count), 1, 3])
            return nil
        }
    }

    /// Fills `#n` and `##n` in a pure function body (not inside nested pure functions).
    private func replaceSlots(_ body: Expr, _ args: [Expr], _ fn: Expr) -> Expr {
        guard case .normal(let n) = body else { return body }
        if let h = n.head.symbol {
            if h === Sym.Slot, n.args.count == 1 {
                if let i = n.args[0].int {
                    if i == 0 { return fn }
                    if i >= 1 && i <= args.count { return args[i - 1] }
                    message(Sym.Function, "slotn", [.integer(i), fn, .call(fn, args)])
                    return body
                }
                if let key = n.args[0].string, let a = args.first {
                    // #name: the value of "name" in the first argument (an association).
                    return .call(a, [.string(key)])
                }
                return body
            }
            if h === Sym.SlotSequence {
                let start = n.args.first?.int ?? 1
                return .call(Sym.Sequence, start >= 1 && start <= args.count ? Array(args[(start - 1)...]) : [])
            }
            if h === Sym.Function { return body }
        }
        let head = replaceSlots(n.head, args, fn)
        var changed = !identical(head, n.head)
        var out = n.args
        for i in out.indices {
            let a = replaceSlots(n.args[i], args, fn)
            if !identical(a, n.args[i]) {
                out[i] = a
                changed = true
            }
        }
        return changed ? .normal(Normal(head, out)) : body
    }

    // MARK: Local variables

    /// The variables of a scoping construct: each symbol with its (unevaluated) initial value.
    private func localVariables(_ c: BuiltinCall, allowBare: Bool) -> [(Symbol, Expr?, delayed: Bool)]? {
        let spec = c.args[0]
        guard spec.hasHead(Sym.List) else {
            message(c.head, "lvlist", [spec])
            return nil
        }
        var out: [(Symbol, Expr?, delayed: Bool)] = []
        for v in spec.args {
            if let s = v.symbol, allowBare {
                out.append((s, nil, false))
            } else if case .normal(let n) = v, n.head.symbol === Sym.Set || n.head.symbol === Sym.SetDelayed,
                n.args.count == 2, let s = n.args[0].symbol
            {
                out.append((s, n.args[1], n.head.symbol === Sym.SetDelayed))
            } else {
                message(c.head, allowBare ? "lvsym" : "lvset", [spec, v])
                return nil
            }
        }
        return out
    }

    func module(_ c: BuiltinCall) throws(EvaluationControl) -> Expr? {
        guard let vars = localVariables(c, allowBare: true) else { return nil }
        let number = moduleNumber
        moduleNumber += 1
        var bindings: [(Symbol, Expr)] = []
        for (s, initial, delayed) in vars {
            let local = Symbol.named("\(s.name)$\(number)")
            let d = data(local)
            d.attributes = [.temporary]
            if let initial {
                d.ownValue = delayed ? initial : try eval(initial)
                d.ownValueDelayed = delayed
            }
            bindings.append((s, .symbol(local)))
        }
        // The evaluator evaluates the returned body (no second evaluation of an evaluated result).
        return replaceSymbols(c.args[1], bindings)
    }

    /// Whether `e` mentions symbol `s`.
    func contains(_ e: Expr, _ s: Symbol) -> Bool {
        switch e {
        case .symbol(let x): return x === s
        case .normal(let n): return contains(n.head, s) || n.args.contains { contains($0, s) }
        default: return false
        }
    }

    func block(_ c: BuiltinCall) throws(EvaluationControl) -> Expr? {
        guard let vars = localVariables(c, allowBare: true) else { return nil }
        var values: [Expr?] = []
        for (_, initial, delayed) in vars {
            if let v = initial { values.append(delayed ? v : try eval(v)) } else { values.append(nil) }
        }
        var saved: [(Symbol, SymbolData?)] = []
        for (i, (s, _, delayed)) in vars.enumerated() {
            saved.append((s, existingData(s)))
            let fresh = SymbolData()
            if let old = existingData(s) {
                fresh.attributes = old.attributes
                fresh.builtin = old.builtin
                fresh.messages = old.messages
            }
            fresh.ownValue = values[i]
            fresh.ownValueDelayed = delayed
            _ = data(s)
            symbolData[s.id] = fresh
            specialValueChanged(s)
        }
        defer {
            for (s, old) in saved.reversed() {
                symbolData[s.id] = old
                specialValueChanged(s)
                definitionsChanged()
            }
        }
        return alreadyEvaluated(try eval(c.args[1]))
    }

    func with(_ c: BuiltinCall) throws(EvaluationControl) -> Expr? {
        var body = c.args[c.args.count - 1]
        for specIndex in (0..<(c.args.count - 1)).reversed() {
            let spec = c.args[specIndex]
            let sub = BuiltinCall(kernel: self, head: c.head, expr: .call(c.head, [spec, body]))
            guard let vars = localVariables(sub, allowBare: false) else { return nil }
            var bindings: [(Symbol, Expr)] = []
            for (s, initial, delayed) in vars {
                let v = initial ?? .null
                bindings.append((s, delayed ? v : try eval(v)))
            }
            body = replaceSymbols(body, bindings)
        }
        return body
    }

    /// Keeps the evaluator's limits in step with `$RecursionLimit` and `$IterationLimit`.
    func specialValueChanged(_ s: Symbol) {
        guard s === Sym.RecursionLimit || s === Sym.IterationLimit else { return }
        let v = existingData(s)?.ownValue
        let n: Int
        switch v {
        case .integer(let i)? where i >= 20: n = i
        case .symbol(let x)? where x === Sym.Infinity: n = Int.max / 2
        case .normal? where v == .call(Sym.DirectedInfinity, [1]): n = Int.max / 2
        default: n = s === Sym.RecursionLimit ? 1024 : 4096
        }
        if s === Sym.RecursionLimit { state.recursionLimit = n } else { state.iterationLimit = n }
    }

}
