import RampSyntax

extension Kernel {
    func installStringSearch() {
        setMessage("StringSplit", "strse", "String or list of strings expected at position `1` in `2`.")
        let ignoreCaseOption = [BuiltinSpec.option("IgnoreCase", .false)]

        define("StringSplit", arguments: ArgumentCount(1, 3), options: ignoreCaseOption,
               usage: "StringSplit[s] splits the string s into a list of substrings separated by whitespace.\nStringSplit[s, patt] splits s into substrings separated by delimiters matching the string expression patt.\nStringSplit[s, {p1, p2, …}] splits at any of the pi.\nStringSplit[s, patt, n] splits into at most n substrings.\nStringSplit[{s1, s2, …}, p] gives the list of results for each of the si.") { call in
            let args = call.args
            let pattern: StringPattern
            if args.count >= 2 {
                guard let p = StringPattern(args[1]) else { return nil }
                pattern = p
            } else {
                pattern = .repeated(.characterClass(.whitespace), min: 1)
            }
            var limit = Int.max
            var keepAll = false
            if args.count == 3 {
                if args[2] == .symbol(Sym.All) { keepAll = true } else if let n = args[2].int, n > 0 { limit = n } else {
                    call.message("intp", call.expr, 3)
                    return nil
                }
            }
            let folded = call.option("IgnoreCase")?.boolValue ?? false
            return call.mapStrings(0, listable: true) { s in
                .list(Kernel.split(s.chars, pattern, limit: limit, keepAll: keepAll, ignoreCase: folded).map { .string(String(chars: $0)) })
            }
        }

        define("StringReplace", arguments: ArgumentCount(2, 3).withOperatorForm, options: ignoreCaseOption,
               usage: "StringReplace[\"string\", s -> sp] or StringReplace[\"string\", {s1 -> sp1, s2 -> sp2, …}] replaces the string expressions si by spi whenever they appear as substrings of \"string\".\nStringReplace[\"string\", srules, n] does only the first n replacements.\nStringReplace[{s1, s2, …}, srules] gives the list of results for each of the si.\nStringReplace[srules] represents an operator form of StringReplace that can be applied to an expression.") { call in
            let args = call.args
            if args.count == 1 { return nil }  // the operator form StringReplace[rules]
            let ruleExprs = args[1].hasHead(Sym.List) ? args[1].args : [args[1]]
            var rules: [(StringPattern, Expr)] = []
            for r in ruleExprs {
                guard (r.hasHead(Sym.Rule) || r.hasHead(Sym.RuleDelayed)) && r.args.count == 2 else {
                    call.message("srep", r)
                    return nil
                }
                guard let p = StringPattern(r.args[0]) else { return nil }
                rules.append((p, r.args[1]))
            }
            var limit = Int.max
            if args.count == 3 {
                guard let n = args[2].int, n >= 0 else { call.message("intnm", call.expr, 3); return nil }
                limit = n
            }
            let folded = call.option("IgnoreCase")?.boolValue ?? false
            return call.mapStrings(0, listable: true) { s in
                Kernel.replace(s.chars, rules, limit: limit, ignoreCase: folded)
            }
        }
        setMessage("StringReplace", "srep", "`1` is not a valid string replacement rule.")

        let tests: [(String, String)] = [
            ("StringContainsQ", "StringContainsQ[\"string\", patt] yields True if any substring in \"string\" matches the string pattern patt, and yields False otherwise.\nStringContainsQ[{s1, s2, …}, patt] gives the list of results for each of the si.\nStringContainsQ[patt] represents an operator form of StringContainsQ that can be applied to an expression."),
            ("StringStartsQ", "StringStartsQ[\"string\", patt] yields True if the beginning of \"string\" matches the string pattern patt, and yields False otherwise.\nStringStartsQ[{s1, s2, …}, patt] gives the list of results for each of the si.\nStringStartsQ[patt] represents an operator form of StringStartsQ that can be applied to an expression."),
            ("StringEndsQ", "StringEndsQ[\"string\", patt] yields True if the end of \"string\" matches the string pattern patt, and yields False otherwise.\nStringEndsQ[{s1, s2, …}, patt] gives the list of results for each of the si.\nStringEndsQ[patt] represents an operator form of StringEndsQ that can be applied to an expression."),
        ]
        for (name, usage) in tests {
            define(name, arguments: .exactly(2).withOperatorForm, options: ignoreCaseOption, usage: usage) { call in
                let args = call.args
                if args.count == 1 { return nil }  // the operator form name[patt]
                guard let pattern = StringPattern(args[1]) else { return nil }
                let folded = call.option("IgnoreCase")?.boolValue ?? false
                return call.mapStrings(0, listable: true) { s in
                    .bool(Kernel.test(name, s.chars, pattern, ignoreCase: folded))
                }
            }
        }

        define("StringRiffle", arguments: .atLeast(1),
               usage: "StringRiffle[{s1, s2, s3, …}] gives the string \"s1 s2 s3 …\".\nStringRiffle[list, sep] inserts the separator sep between all elements in list.\nStringRiffle[list, {\"left\", \"sep\", \"right\"}] uses \"left\" and \"right\" as delimiters after concatenation.\nStringRiffle[list, sep1, sep2, …] inserts separator sepi between elements of list at level i.") { call in
            let args = call.args
            guard args[0].hasHead(Sym.List) else { call.message("list", call.expr, 1); return nil }
            var separators: [(String, String, String)] = []
            for (k, sep) in args.dropFirst().enumerated() {
                if let s = sep.string {
                    separators.append(("", s, ""))
                } else if let three = sep.stringList, three.count == 3 {
                    separators.append((three[0], three[1], three[2]))
                } else {
                    call.message("string", .integer(k + 2), call.expr)
                    return nil
                }
            }
            if separators.isEmpty {
                let isMatrix = !args[0].args.isEmpty && args[0].args.allSatisfy { $0.hasHead(Sym.List) }
                separators = isMatrix ? [("", "\n", ""), ("", " ", "")] : [("", " ", "")]
            }
            return .string(Kernel.riffle(args[0], separators, level: 0))
        }
    }

    /// Splits at the matches; empty pieces at the ends are dropped unless `keepAll`.
    static func split(_ s: Chars, _ pattern: StringPattern, limit: Int, keepAll: Bool, ignoreCase: Bool) -> [Chars] {
        if case .literal(let lit) = pattern, lit.isEmpty {
            return s.map { [$0] }
        }
        var pieces: [Chars] = []
        var start = 0
        for (i, n) in pattern.matches(in: s, ignoreCase: ignoreCase, limit: limit == Int.max ? Int.max : limit - 1) {
            pieces.append(Array(s[start..<i]))
            start = i + n
        }
        pieces.append(Array(s[start...]))
        if !keepAll {
            if let first = pieces.first, first.isEmpty { pieces.removeFirst() }
            if let last = pieces.last, last.isEmpty { pieces.removeLast() }
        }
        return pieces
    }

    /// Replaces matches left to right, trying the rules in order at each position. The result is a
    /// string when every replacement is a string, else a `StringExpression` of the pieces.
    static func replace(_ s: Chars, _ rules: [(StringPattern, Expr)], limit: Int, ignoreCase: Bool) -> Expr {
        var pieces: [Expr] = []
        var text = Chars()
        var i = 0, count = 0
        while i < s.count {
            var replaced = false
            if count < limit {
                for (pattern, rhs) in rules {
                    guard let (end, bindings) = pattern.firstNonEmpty(s, at: i, ignoreCase: ignoreCase) else { continue }
                    let n = end - i
                    let replacement = StringPattern.instantiate(rhs, s, bindings)
                    if let r = replacement.string {
                        text += r.chars
                    } else {
                        if !text.isEmpty { pieces.append(.string(String(chars: text))); text = [] }
                        pieces.append(replacement)
                    }
                    i += n
                    count += 1
                    replaced = true
                    break
                }
            }
            if !replaced {
                text.append(s[i])
                i += 1
            }
        }
        if pieces.isEmpty { return .string(String(chars: text)) }
        if !text.isEmpty { pieces.append(.string(String(chars: text))) }
        return .call(Symbol.named("StringExpression"), pieces)
    }

    static func test(_ name: String, _ s: Chars, _ pattern: StringPattern, ignoreCase: Bool) -> Bool {
        switch name {
        case "StringStartsQ":
            return pattern.match(s, at: 0, ignoreCase: ignoreCase) != nil
        case "StringEndsQ":
            return (0...s.count).contains { pattern.matchesExactly(s, from: $0, ignoreCase: ignoreCase) }
        default:
            return (0...s.count).contains { pattern.match(s, at: $0, ignoreCase: ignoreCase) != nil }
        }
    }

    /// Joins a (nested) list with the separators of each level; deeper parts print as `ToString` does.
    static func riffle(_ list: Expr, _ seps: [(String, String, String)], level: Int) -> String {
        let (left, sep, right) = seps[Swift.min(level, seps.count - 1)]
        var out = left
        for (i, e) in list.args.enumerated() {
            if i > 0 { out += sep }
            if let s = e.string {
                out += s
            } else if e.hasHead(Sym.List) && level + 1 < seps.count {
                out += riffle(e, seps, level: level + 1)
            } else {
                out += e.formatted(.outputForm)
            }
        }
        return out + right
    }
}

