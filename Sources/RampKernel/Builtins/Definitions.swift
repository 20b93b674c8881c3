import RampSyntax

extension Kernel {
    /// Installs `Set`, `SetDelayed`, `UpSet`, `UpSetDelayed`, `TagSet`, `TagSetDelayed`, `Unset`,
    /// `Clear`, `ClearAll`, `Remove`, `OwnValues`, `DownValues`, `SubValues`, `UpValues`, `Options`,
    /// `SetOptions` and the modifying assignments (`AddTo`, `Increment`, `AppendTo`, …).
    func installDefinitionBuiltins() {
        setMessage("Set", "shape", "Lists `1` and `2` are not the same shape.")
        setMessage("Unset", "norep", "Assignment on `1` for `2` not found.")
        setMessage("TagSet", "tagnf", "Tag `1` not found in `2`.")
        setMessage("UpSet", "nosym", "`1` does not contain a symbol to attach a rule to.")
        setMessage("Attributes", "attnf", "`1` is not a known attribute.")

        for (name, delayed) in [("Set", false), ("SetDelayed", true)] {
            define(name, attributes: delayed ? [.holdAll, .sequenceHold] : [.holdFirst, .sequenceHold], arguments: .exactly(2), usage: delayed
                ? "lhs := rhs assigns rhs to be the delayed value of lhs, evaluated each time lhs is used."
                : "lhs = rhs evaluates rhs and assigns it to be the value of lhs.") { c throws(EvaluationControl) in
                return try c.kernel.assign(c.args[0], c.args[1], delayed: delayed, head: c.head)
            }
        }
        for (name, delayed) in [("UpSet", false), ("UpSetDelayed", true)] {
            define(name, attributes: delayed ? [.holdAll, .sequenceHold] : [.holdFirst, .sequenceHold], arguments: .exactly(2), usage: "lhs ^= rhs (lhs ^:= rhs) attaches the definition to the symbols in lhs's arguments.") { c throws(EvaluationControl) in
                return try c.kernel.upSet(c.args[0], c.args[1], delayed: delayed, head: c.head)
            }
        }
        for (name, delayed) in [("TagSet", false), ("TagSetDelayed", true)] {
            define(name, attributes: [.holdAll, .sequenceHold], arguments: .exactly(3), usage: "f /: lhs = rhs (f /: lhs := rhs) attaches the definition to f.") { c throws(EvaluationControl) in
                let rhs = delayed ? c.args[2] : try c.kernel.eval(c.args[2])
                return try c.kernel.tagSet(c.args[0], c.args[1], rhs, delayed: delayed, head: c.head)
            }
        }
        define("Unset", attributes: [.holdFirst], arguments: .exactly(1), usage: "lhs =. removes the value or definition of lhs.") { c throws(EvaluationControl) in
            return try c.kernel.unset(c.args[0], head: c.head)
        }
        define("Clear", attributes: [.holdAll], usage: "Clear[s1, s2, …] removes the values and definitions of the symbols.") { c in
            c.kernel.clearSymbols(c, all: false)
        }
        define("ClearAll", attributes: [.holdAll], usage: "ClearAll[s1, s2, …] removes values, definitions, attributes, messages and options.") { c in
            c.kernel.clearSymbols(c, all: true)
        }
        define("Remove", attributes: [.holdAll], usage: "Remove[s1, s2, …] removes the symbols completely.") { c in
            c.kernel.clearSymbols(c, all: true)
        }
        for which in ["OwnValues", "DownValues", "SubValues", "UpValues"] {
            define(which, attributes: [.holdAll], arguments: .exactly(1), usage: "\(which)[f] lists the \(which == "OwnValues" ? "own value" : "rules") of f as HoldPattern[lhs] :> rhs.") { c throws(EvaluationControl) in
                var target = c.args[0]
                if target.symbol == nil { target = try c.kernel.eval(target) }
                if case .string(let name) = target { target = .symbol(Symbol.named(name)) }
                guard let s = target.symbol else { c.message("sym", target, 1); return nil }
                return c.kernel.valuesList(which, of: s)
            }
        }
        define("Options", arguments: ArgumentCount(1, 2), usage: "Options[f] lists the default options of f; Options[f, name] the one named.") { c in
            guard let s = c.args[0].symbol ?? c.args[0].headSymbol else { return nil }
            let opts = c.kernel.existingData(s)?.options ?? []
            if c.args.count == 2 {
                let names: [Expr] = c.args[1].hasHead(Sym.List) ? c.args[1].args : [c.args[1]]
                return .list(opts.filter { o in names.contains { Kernel.isSameOptionName($0, o.args.first ?? .null) } })
            }
            return .list(opts)
        }
        define("SetOptions", usage: "SetOptions[f, name -> value, …] changes default options of f.") { c in
            guard c.args.count >= 1, let s = c.args[0].symbol else { return nil }
            let k = c.kernel
            var opts = k.existingData(s)?.options ?? []
            for r in c.args.dropFirst().flatMap({ $0.hasHead(Sym.List) ? $0.args : [$0] }) {
                guard (r.hasHead(Sym.Rule) || r.hasHead(Sym.RuleDelayed)), r.args.count == 2 else { return nil }
                guard let i = opts.firstIndex(where: { Kernel.isSameOptionName($0.args.first ?? .null, r.args[0]) }) else {
                    c.message("optnf", r.args[0], .symbol(s))
                    return nil
                }
                opts[i] = .call(opts[i].head, [opts[i].args[0], r.args[1]])
            }
            k.data(s).options = opts
            return .list(opts)
        }
        installModifyingAssignments()
    }

    static func isSameOptionName(_ a: Expr, _ b: Expr) -> Bool {
        if a == b { return true }
        if let s = a.symbol, let t = b.string { return s.name == t }
        if let s = b.symbol, let t = a.string { return s.name == t }
        return false
    }

    // MARK: Set and SetDelayed

    /// Performs `lhs = rhs` / `lhs := rhs` (rhs already evaluated for `Set`). Returns rhs (`Set`) or
    /// `Null` (`SetDelayed`), `$Failed` when the assignment is refused.
    func assign(_ lhs: Expr, _ rhs: Expr, delayed: Bool, head: Symbol) throws(EvaluationControl) -> Expr {
        let result: Expr = delayed ? .null : rhs
        let refused: Expr = delayed ? .failed : rhs
        switch lhs {
        case .symbol(let s):
            if let d = existingData(s), d.ownValue != nil {
                // Replacing a value: evaluated expressions cannot contain `s` where it evaluates, so
                // their evaluation stamps stay valid.
                if d.attributes.contains(.protected) {
                    message(head, "wrsym", [lhs])
                    return refused
                }
                d.ownValue = rhs
                d.ownValueDelayed = delayed
                specialValueChanged(s)
                return result
            }
            let before = version
            let d = data(s)
            if d.attributes.contains(.protected) {
                message(head, "wrsym", [lhs])
                return refused
            }
            d.ownValue = rhs
            d.ownValueDelayed = delayed
            specialValueChanged(s)
            restampNewValue(rhs, of: s, stampedAt: before)
            return result
        case .normal(let n):
            let h = n.head.symbol
            if h === Sym.List && !delayed {
                return try assignList(lhs, rhs, head: head)
            }
            if h === Sym.Part, n.args.count >= 2 {
                return try assignPart(n, rhs, head: head) ?? refused
            }
            // `a[k] = v` where `a` holds an association sets the key `k` (evaluated, as the arguments of
            // any left side are) in place, as in Wolfram.
            if let h, n.args.count == 1, let d = existingData(h), !d.attributes.contains(.protected),
               !d.ownValueDelayed, d.ownValue?.association != nil {
                let key = try eval(n.args[0])
                if updateStoredAssociation(d, { $0[key] = AssociationObject.Entry(value: rhs, delayed: delayed) }) { return result }
            }
            if h === Sym.MessageName, n.args.count == 2, let s = n.args[0].symbol, let tag = n.args[1].string {
                if let text = rhs.string { data(s).messages[tag] = text }
                return result
            }
            if let h, n.args.count == 1, let s = n.args[0].symbol, let stored = try assignSymbolProperty(h, s, rhs, head: head) {
                return stored
            }
            let evaluatedLHS = try evaluateLHS(lhs)
            guard let tag = definitionTag(evaluatedLHS) else {
                message(head, "setraw", [lhs])
                return refused
            }
            let d = data(tag)
            if d.attributes.contains(.protected) {
                message(head, "write", [.symbol(tag), .call(Sym.HoldForm, [evaluatedLHS])])
                return refused
            }
            let rule = DefinitionRule(lhs: evaluatedLHS, rhs: rhs, delayed: delayed)
            let store = definitionHead(evaluatedLHS).symbol != nil ? \SymbolData.downValues : \SymbolData.subValues
            if d[keyPath: store] == nil { d[keyPath: store] = RuleList() }
            d[keyPath: store]!.insert(rule, moreSpecific: isMoreSpecific)
            return result
        default:
            message(head, "setraw", [lhs])
            return refused
        }
    }

    /// `Attributes[f] = …`, `Options[f] = …`, `DownValues[f] = …`; nil for other left sides.
    private func assignSymbolProperty(_ h: Symbol, _ s: Symbol, _ rhs: Expr, head: Symbol) throws(EvaluationControl) -> Expr? {
        switch h.name {
        case "Attributes":
            guard let a = attributeSet(rhs, head: head) else { return .failed }
            if attributes(of: s).contains(.locked) { message(h, "locked", [.symbol(s)]); return .failed }
            data(s).attributes = a
            return rhs
        case "Options":
            data(s).options = rhs.hasHead(Sym.List) ? rhs.args : [rhs]
            return rhs
        case "DownValues", "SubValues", "UpValues":
            var rules: [DefinitionRule] = []
            for r in rhs.hasHead(Sym.List) ? rhs.args : [rhs] {
                guard case .normal(let rn) = r, rn.args.count == 2,
                    rn.head.symbol === Sym.Rule || rn.head.symbol === Sym.RuleDelayed else { return .failed }
                rules.append(DefinitionRule(lhs: rn.args[0], rhs: rn.args[1], delayed: rn.head.symbol === Sym.RuleDelayed))
            }
            let list = RuleList()
            list.replaceAll(with: rules, moreSpecific: isMoreSpecific)
            let d = data(s)
            switch h.name {
            case "DownValues": d.downValues = list
            case "SubValues": d.subValues = list
            default:
                if d.upValues?.isEmpty ?? true, !list.isEmpty { upValueSymbolCount += 1 }
                d.upValues = list
            }
            return rhs
        case "OwnValues":
            let d = data(s)
            if let r = rhs.hasHead(Sym.List) ? rhs.args.first : rhs, r.args.count == 2 {
                d.ownValue = r.args[1]
                d.ownValueDelayed = r.hasHead(Sym.RuleDelayed)
            } else {
                d.ownValue = nil
            }
            return rhs
        default:
            return nil
        }
    }

    /// The left side of a definition with its arguments evaluated (subject to the Hold attributes of
    /// their head) and put in order for `Orderless` and `Flat` heads.
    func evaluateLHS(_ lhs: Expr) throws(EvaluationControl) -> Expr {
        guard case .normal(let n) = lhs else { return lhs }
        if let h = n.head.symbol, h === Sym.HoldPattern || h === Sym.Condition || h === Sym.Pattern
            || h === Sym.PatternTest || h === Sym.Verbatim
        {
            if h === Sym.Condition, n.args.count == 2 { return .call(Sym.Condition, [try evaluateLHS(n.args[0]), n.args[1]]) }
            return lhs
        }
        let head = n.head.isAtom ? n.head : try evaluateLHS(n.head)
        let attrs = head.symbol.map { attributes(of: $0) } ?? []
        var args = n.args
        if !attrs.contains(.holdAllComplete) {
            for i in args.indices {
                let held = i == 0 ? attrs.contains(.holdFirst) : attrs.contains(.holdRest)
                if held {
                    if args[i].hasHead(Sym.Evaluate), args[i].args.count == 1 { args[i] = try eval(args[i].args[0]) }
                } else {
                    args[i] = try eval(args[i])
                }
            }
            if !attrs.contains(.sequenceHold) { args = spliceSequences(args) }
            if attrs.contains(.flat), let hs = head.symbol { args = flatten(args, hs) }
            if attrs.contains(.orderless) { args.sort { canonicalOrder($0, $1) < 0 } }
        }
        return .call(head, args)
    }

    /// The head a definition is stored under once `HoldPattern` and `/;` are looked through.
    func definitionHead(_ lhs: Expr) -> Expr {
        guard case .normal(let n) = lhs else { return lhs }
        if let h = n.head.symbol, (h === Sym.HoldPattern || h === Sym.Condition), let first = n.args.first {
            return definitionHead(first)
        }
        return n.head
    }

    /// The symbol a down or sub value for `lhs` is attached to.
    func definitionTag(_ lhs: Expr) -> Symbol? {
        let h = definitionHead(lhs)
        return innermostSymbol(h)
    }

    /// `{a, b} = {1, 2}`.
    private func assignList(_ lhs: Expr, _ rhs: Expr, head: Symbol) throws(EvaluationControl) -> Expr {
        let targets = lhs.args
        guard rhs.hasHead(Sym.List), rhs.args.count == targets.count else {
            message(head, "shape", [lhs, rhs])
            return rhs
        }
        let values = rhs.args
        for (t, v) in zip(targets, values) { _ = try assign(t, v, delayed: false, head: head) }
        return rhs
    }

    // MARK: Part assignment

    private func assignPart(_ n: Normal, _ rhs: Expr, head: Symbol) throws(EvaluationControl) -> Expr? {
        guard let s = n.args[0].symbol else {
            message(head, "setps", [n.args[0]])
            return nil
        }
        // The stored value is not bound to a local here: that would share it and defeat the
        // in-place update (InPlaceUpdates.swift).
        guard let d = existingData(s), d.ownValue != nil else {
            message(head, "noval", [.symbol(s)])
            return nil
        }
        if d.attributes.contains(.protected) {
            message(head, "wrsym", [.symbol(s)])
            return nil
        }
        var specs: [Expr] = []
        for p in n.args.dropFirst() { specs.append(try eval(p)) }
        if assignPartInPlace(d, specs, rhs) { return rhs }
        if specs.count == 1, assignPositionsInPlace(d, specs[0], rhs) { return rhs }
        if let done = assignBelowPartInPlace(d, specs, rhs, head: head) { return done ? rhs : nil }
        guard let value = d.ownValue else { return nil }  // evaluating the specs may have cleared it
        let current = d.ownValueDelayed ? try eval(value) : value
        guard let updated = setPart(current, specs[...], rhs, head: head, whole: current) else { return nil }
        d.ownValue = updated
        d.ownValueDelayed = false
        return rhs
    }

    /// `e` with the part at `specs` replaced by `v` (element-wise when the spec selects several
    /// parts and `v` is a list of the same length).
    func setPart(_ e: Expr, _ specs: ArraySlice<Expr>, _ v: Expr, head: Symbol, whole: Expr) -> Expr? {
        guard let spec = specs.first?.unpackedOneLevel else { return v }  // a packed list of positions too
        let rest = specs.dropFirst()
        guard !e.isAtom else {
            message(head, "partd", [.call(Sym.Part, [whole] + Array(specs))])
            return nil
        }
        let isList = e.hasHead(Sym.List)
        var parts = e.args
        let headExpr = e.head
        func index(_ i: Int) -> Int? {
            let k = i < 0 ? parts.count + i + 1 : i
            return k >= 0 && k <= parts.count ? k : nil
        }
        var positions: [Int] = []
        var multiple = false
        switch spec {
        case .integer(let i):
            guard let k = index(i) else {
                message(head, "partw", [spec, whole])
                return nil
            }
            positions = [k]
        case .symbol(let s) where s === Sym.All:
            positions = Array(1...max(parts.count, 1)).filter { $0 <= parts.count }
            multiple = true
        case .normal(let m) where m.head.symbol === Sym.List:
            for x in m.args {
                guard let i = x.int, let k = index(i), k > 0 else {
                    message(head, "partw", [x, whole])
                    return nil
                }
                positions.append(k)
            }
            multiple = true
        case .normal(let m) where m.head.symbol === Sym.Span:
            let lo = m.args.first?.int ?? 1
            let hi = m.args.count > 1 ? (m.args[1].int ?? (m.args[1] == .symbol(Sym.All) ? -1 : nil)) : -1
            guard let a = index(lo), let hiVal = hi, let b = index(hiVal), a >= 1 else {
                message(head, "partw", [spec, whole])
                return nil
            }
            let step = m.args.count > 2 ? (m.args[2].int ?? 1) : 1
            if step > 0 && a <= b { positions = Array(stride(from: a, through: b, by: step)) }
            multiple = true
        default:
            message(head, "pkspec1", [spec])
            return nil
        }
        let values: [Expr]? = multiple && v.hasHead(Sym.List) && v.args.count == positions.count ? v.args : nil
        var newHead = headExpr
        for (j, k) in positions.enumerated() {
            let value = values?[j] ?? v
            if k == 0 {
                guard let h = setPart(headExpr, rest, value, head: head, whole: whole) else { return nil }
                newHead = h
                continue
            }
            guard let updated = setPart(parts[k - 1], rest, value, head: head, whole: whole) else { return nil }
            parts[k - 1] = updated
        }
        if isList && newHead == headExpr, let packed = packedLike(e, parts) { return packed }
        return .call(newHead, parts)
    }

    /// Keeps a packed array packed when the new elements still fit it.
    private func packedLike(_ original: Expr, _ parts: [Expr]) -> Expr? {
        guard case .packed(let p) = original, p.rank == 1, !parts.isEmpty else { return nil }
        switch p.storage {
        case .integers:
            var out: [Int] = []
            out.reserveCapacity(parts.count)
            for x in parts { guard case .integer(let i) = x else { return nil }; out.append(i) }
            return .packed(PackedArray(integers: out))
        case .reals:
            var out: [Double] = []
            out.reserveCapacity(parts.count)
            for x in parts { guard case .real(let r) = x else { return nil }; out.append(r) }
            return .packed(PackedArray(reals: out))
        }
    }

    // MARK: UpSet, TagSet, Unset

    private func upSet(_ lhs: Expr, _ rhs: Expr, delayed: Bool, head: Symbol) throws(EvaluationControl) -> Expr {
        let value = rhs
        let evaluatedLHS = try evaluateLHS(lhs)
        var tags: [Symbol] = []
        for a in evaluatedLHS.args {
            var x = a
            if x.hasHead(Sym.HoldPattern), let inner = x.args.first { x = inner }
            if x.hasHead(Sym.Pattern), x.args.count == 2 { x = x.args[1] }
            if x.hasHead(Sym.Blank), let h = x.args.first?.symbol { tags.append(h); continue }
            if let t = innermostSymbol(x), !tags.contains(where: { $0 === t }) { tags.append(t) }
        }
        if tags.isEmpty {
            message(head, "nosym", [lhs])
            return delayed ? .failed : value
        }
        for t in tags where attributes(of: t).contains(.protected) {
            message(head, "write", [.symbol(t), .call(Sym.HoldForm, [evaluatedLHS])])
            return delayed ? .failed : value
        }
        for t in tags { addUpValue(t, DefinitionRule(lhs: evaluatedLHS, rhs: value, delayed: delayed)) }
        return delayed ? .null : value
    }

    private func addUpValue(_ t: Symbol, _ rule: DefinitionRule) {
        let d = data(t)
        if d.upValues == nil { d.upValues = RuleList() }
        if d.upValues!.isEmpty { upValueSymbolCount += 1 }
        d.upValues!.insert(rule, moreSpecific: isMoreSpecific)
    }

    private func tagSet(_ f: Expr, _ lhs: Expr, _ rhs: Expr, delayed: Bool, head: Symbol) throws(EvaluationControl) -> Expr {
        guard let tag = f.symbol else {
            message(head, "sym", [f, 1])
            return delayed ? .failed : rhs
        }
        let evaluatedLHS = try evaluateLHS(lhs)
        if attributes(of: tag).contains(.protected) {
            message(head, "write", [f, .call(Sym.HoldForm, [evaluatedLHS])])
            return delayed ? .failed : rhs
        }
        if definitionTag(evaluatedLHS) === tag {
            return try assign(lhs, rhs, delayed: delayed, head: head)
        }
        let found = evaluatedLHS.args.contains { a in
            var x = a
            if x.hasHead(Sym.Pattern), x.args.count == 2 { x = x.args[1] }
            if x.hasHead(Sym.Blank), x.args.first?.symbol === tag { return true }
            return innermostSymbol(x) === tag
        }
        guard found else {
            message(head, "tagnf", [f, lhs])
            return delayed ? .failed : rhs
        }
        addUpValue(tag, DefinitionRule(lhs: evaluatedLHS, rhs: rhs, delayed: delayed))
        return delayed ? .null : rhs
    }

    private func unset(_ lhs: Expr, head: Symbol) throws(EvaluationControl) -> Expr {
        if let s = lhs.symbol {
            let d = data(s)
            if d.attributes.contains(.protected) { message(head, "wrsym", [lhs]); return .failed }
            d.ownValue = nil
            specialValueChanged(s)
            return .null
        }
        if lhs.hasHead(Sym.List) {
            for a in lhs.args { _ = try unset(a, head: head) }
            return .null
        }
        let evaluatedLHS = try evaluateLHS(lhs)
        guard let tag = definitionTag(evaluatedLHS) else { message(head, "norep", [.symbol(head), lhs]); return .failed }
        let d = data(tag)
        if d.attributes.contains(.protected) { message(head, "wrsym", [.symbol(tag)]); return .failed }
        if d.downValues?.remove(lhs: evaluatedLHS) == true || d.subValues?.remove(lhs: evaluatedLHS) == true {
            return .null
        }
        for a in evaluatedLHS.args {
            if let t = innermostSymbol(a), let up = existingData(t)?.upValues, up.remove(lhs: evaluatedLHS) {
                if up.isEmpty { upValueSymbolCount -= 1 }
                return .null
            }
        }
        message(head, "norep", [.symbol(tag), .call(Sym.HoldForm, [evaluatedLHS])])
        return .failed
    }

    // MARK: Clear

    private func clearSymbols(_ c: BuiltinCall, all: Bool) -> Expr? {
        for a in c.args {
            var targets: [Symbol] = []
            switch a {
            case .symbol(let s): targets = [s]
            case .string(let pattern):
                if pattern.contains("*") || pattern.contains("@") {
                    let names = Symbol.allNames.filter { globMatches(pattern, $0) }
                    targets = names.compactMap { Symbol.existing($0) }.filter {
                        !attributes(of: $0).contains(.protected) && existingData($0) != nil
                    }
                } else {
                    targets = [Symbol.named(pattern)]
                }
            default:
                message(c.head, "ssym", [a])
                continue
            }
            for s in targets {
                guard let d = existingData(s) else { continue }
                definitionsChanged()
                if d.attributes.contains(.protected) {
                    message(c.head, "wrsym", [.symbol(s)])
                    continue
                }
                if all && d.attributes.contains(.locked) {
                    message(c.head, "locked", [.symbol(s)])
                    continue
                }
                d.ownValue = nil
                d.downValues = nil
                d.subValues = nil
                if let up = d.upValues, !up.isEmpty { upValueSymbolCount -= 1 }
                d.upValues = nil
                if all {
                    d.attributes = []
                    d.messages = [:]
                    d.options = nil
                }
                specialValueChanged(s)
            }
        }
        return .null
    }

    /// Wolfram's string patterns for names: `*` matches any characters, `@` any lower-case letters.
    private func globMatches(_ pattern: String, _ name: String) -> Bool {
        let p = Array(pattern), s = Array(name)
        func go(_ i: Int, _ j: Int) -> Bool {
            if i == p.count { return j == s.count }
            if p[i] == "*" { return (j...s.count).contains { go(i + 1, $0) } }
            if p[i] == "@" {
                var k = j
                while true {
                    if go(i + 1, k) { return true }
                    guard k < s.count, s[k].isLowercase else { return false }
                    k += 1
                }
            }
            return j < s.count && p[i] == s[j] && go(i + 1, j + 1)
        }
        return go(0, 0)
    }

    // MARK: Listing values

    func valuesList(_ which: String, of s: Symbol) -> Expr {
        guard let d = existingData(s) else { return .list([]) }
        switch which {
        case "OwnValues":
            guard let v = d.ownValue else { return .list([]) }
            return .list([DefinitionRule(lhs: .symbol(s), rhs: v, delayed: d.ownValueDelayed).asExpr])
        case "DownValues": return .list(d.downValues?.all.map(\.asExpr) ?? [])
        case "SubValues": return .list(d.subValues?.all.map(\.asExpr) ?? [])
        default: return .list(d.upValues?.all.map(\.asExpr) ?? [])
        }
    }
}
