import RampSyntax

extension Kernel {
    /// Pattern searches (`StringMatchQ`, `StringCases`, `StringCount`, `StringFreeQ`, `StringPosition`,
    /// `StringDelete`, `StringTrim`), character codes and character tests.
    func installStringMore() {
        let ignoreCaseOption = [BuiltinSpec.option("IgnoreCase", .false)]
        setMessage("FromCharacterCode", "notunicode",
                   "A character code, which should be a non-negative integer less than 1114112, is expected at position `2` in `1`.")
        setMessage("StringInsert", "ins", "Cannot insert at position `1` in `2`.")

        define("StringExpression", attributes: [.flat, .oneIdentity],
               usage: "StringExpression[s1, s2, …] or s1 ~~ s2 ~~ … represents a sequence of strings and symbolic string objects si.") { call in
            var out = ""
            for a in call.args {
                guard let s = a.string else { return nil }
                out += s
            }
            return .string(out)
        }

        define("StringQ", arguments: .exactly(1), usage: "StringQ[expr] gives True if expr is a string, and False otherwise.") { call in
            return .bool(call.args[0].string != nil)
        }

        define("StringMatchQ", arguments: .exactly(2).withOperatorForm, options: ignoreCaseOption,
               usage: "StringMatchQ[\"string\", patt] tests whether \"string\" matches the string pattern patt.\nStringMatchQ[\"string\", RegularExpression[\"regex\"]] is not supported.\nStringMatchQ[{s1, s2, …}, patt] gives the list of results for each of the si.\nStringMatchQ[patt] represents an operator form of StringMatchQ that can be applied to an expression.") { call in
            let args = call.args
            if args.count == 1 { return nil }
            guard let pattern = Kernel.wildcardPattern(args[1]) ?? StringPattern(args[1]) else { return nil }
            let folded = call.option("IgnoreCase")?.boolValue ?? false
            return call.mapStrings(0, listable: true) { .bool(pattern.matchesExactly($0.chars, from: 0, ignoreCase: folded)) }
        }

        define("StringFreeQ", arguments: .exactly(2).withOperatorForm, options: ignoreCaseOption,
               usage: "StringFreeQ[\"string\", patt] yields True if no substring in \"string\" matches the string expression patt, and yields False otherwise.\nStringFreeQ[{s1, s2, …}, patt] gives the list of results for each of the si.\nStringFreeQ[patt] represents an operator form of StringFreeQ that can be applied to an expression.") { call in
            let args = call.args
            if args.count == 1 { return nil }
            guard let pattern = StringPattern(args[1]) else { return nil }
            let folded = call.option("IgnoreCase")?.boolValue ?? false
            return call.mapStrings(0, listable: true) { s in
                .bool(!Kernel.test("StringContainsQ", s.chars, pattern, ignoreCase: folded))
            }
        }

        define("StringCases", arguments: ArgumentCount(2, 3).withOperatorForm, options: ignoreCaseOption,
               usage: "StringCases[\"string\", patt] gives a list of the substrings in \"string\" that match the string expression patt.\nStringCases[\"string\", lhs -> rhs] gives a list of the values of rhs corresponding to the substrings that match the string expression lhs.\nStringCases[\"string\", p, n] includes only the first n substrings that match.\nStringCases[{s1, s2, …}, p] gives the list of results for each of the si.") { call in
            let args = call.args
            if args.count == 1 { return nil }
            var spec = args[1]
            var replacement: Expr? = nil
            if (spec.hasHead(Sym.Rule) || spec.hasHead(Sym.RuleDelayed)) && spec.args.count == 2 {
                replacement = spec.args[1]
                spec = spec.args[0]
            }
            guard let pattern = StringPattern(spec) else { return nil }
            var limit = Int.max
            if args.count == 3 {
                guard let n = args[2].int, n >= 0 else { call.message("intnm", call.expr, 3); return nil }
                limit = n
            }
            let folded = call.option("IgnoreCase")?.boolValue ?? false
            return call.mapStrings(0, listable: true) { s in
                let chars = s.chars
                return .list(pattern.boundMatches(in: chars, ignoreCase: folded, limit: limit).map { (i, n, bindings) in
                    replacement.map { StringPattern.instantiate($0, chars, bindings) } ?? .string(String(chars: chars[i..<(i + n)]))
                })
            }
        }

        define("StringCount", arguments: .exactly(2), options: ignoreCaseOption,
               usage: "StringCount[\"string\", patt] gives a count of the number of substrings in \"string\" that match the string expression patt.\nStringCount[{s1, s2, …}, patt] gives the list of results for each of the si.") { call in
            let args = call.args
            guard let pattern = StringPattern(args[1]) else { return nil }
            let folded = call.option("IgnoreCase")?.boolValue ?? false
            return call.mapStrings(0, listable: true) { .integer(pattern.matches(in: $0.chars, ignoreCase: folded).count) }
        }

        define("StringPosition", arguments: ArgumentCount(2, 3), options: ignoreCaseOption + [BuiltinSpec.option("Overlaps", .true)],
               usage: "StringPosition[\"string\", patt] gives a list of the starting and ending character positions at which patt appears as a substring of \"string\".\nStringPosition[\"string\", patt, n] includes only the first n occurrences of patt.\nStringPosition[{s1, s2, …}, patt] gives the list of results for each of the si.") { call in
            let args = call.args
            guard let pattern = StringPattern(args[1]) else { return nil }
            var limit = Int.max
            if args.count == 3 {
                guard let n = args[2].int, n >= 0 else { call.message("intnm", call.expr, 3); return nil }
                limit = n
            }
            let folded = call.option("IgnoreCase")?.boolValue ?? false
            let overlaps = call.option("Overlaps")?.boolValue ?? true
            return call.mapStrings(0, listable: true) { s in
                let chars = s.chars
                var out: [Expr] = []
                var i = 0
                while i < chars.count && out.count < limit {
                    if let n = pattern.lengths(chars, at: i, ignoreCase: folded).first(where: { $0 > 0 }) {
                        out.append([.integer(i + 1), .integer(i + n)])
                        i += overlaps ? 1 : n
                    } else {
                        i += 1
                    }
                }
                return .list(out)
            }
        }

        define("StringDelete", arguments: .exactly(2).withOperatorForm, options: ignoreCaseOption,
               usage: "StringDelete[\"string\", patt] yields a string in which all substrings that match the string expression patt are removed.\nStringDelete[{s1, s2, …}, p] gives the list of results for each of the si.\nStringDelete[p] represents an operator form of StringDelete that can be applied to an expression.") { call in
            let args = call.args
            if args.count == 1 { return nil }
            guard let pattern = StringPattern(args[1]) else { return nil }
            let folded = call.option("IgnoreCase")?.boolValue ?? false
            return call.mapStrings(0, listable: true) { Kernel.replace($0.chars, [(pattern, .string(""))], limit: Int.max, ignoreCase: folded) }
        }

        define("StringTrim", arguments: ArgumentCount(1, 2),
               usage: "StringTrim[\"string\"] trims whitespace from the beginning and end of \"string\".\nStringTrim[\"string\", patt] trims substrings matching patt from the beginning and end.") { call in
            let args = call.args
            let edge: StringPattern
            if args.count == 2 {
                guard let p = StringPattern(args[1]) else { return nil }
                edge = p
            } else {
                edge = .repeated(.characterClass(.whitespace), min: 1)
            }
            return call.mapStrings(0, listable: true) { s in
                var chars = s.chars
                if let n = edge.match(chars, at: 0, ignoreCase: false), n > 0 { chars.removeFirst(n) }
                if let start = (0..<chars.count).first(where: { edge.matchesExactly(chars, from: $0, ignoreCase: false) }) {
                    chars.removeLast(chars.count - start)
                }
                return .string(String(chars: chars))
            }
        }

        define("StringInsert", arguments: .exactly(3),
               usage: "StringInsert[\"string\", \"snew\", n] yields a string with \"snew\" inserted starting at position n in \"string\".\nStringInsert[\"string\", \"snew\", -n] inserts at position n from the end of \"string\".\nStringInsert[\"string\", \"snew\", {n1, n2, …}] inserts a copy of \"snew\" at each of the positions ni.") { call in
            let args = call.args
            guard let new = args[1].string else { call.message("string", 2, call.expr); return nil }
            let positions = args[2].hasHead(Sym.List) ? args[2].args : [args[2]]
            func insert(_ s: String) -> Expr? {
                let chars = s.chars
                var cuts: [Int] = []
                for p in positions {
                    guard let k = p.int, k != 0, abs(k) <= chars.count + 1 else {
                        call.message("ins", p, .string(s))
                        return nil
                    }
                    cuts.append(k > 0 ? k - 1 : chars.count + k + 1)
                }
                // How many copies go before each character (and at the end): one pass, not a search
                // of every cut per character.
                var copies = [Int](repeating: 0, count: chars.count + 1)
                for cut in cuts { copies[cut] += 1 }
                let newChars = new.chars
                var out = Chars()
                out.reserveCapacity(chars.count + cuts.count * newChars.count)
                for (i, c) in chars.enumerated() {
                    for _ in 0..<copies[i] { out += newChars }
                    out.append(c)
                }
                for _ in 0..<copies[chars.count] { out += newChars }
                return .string(String(chars: out))
            }
            if let s = args[0].string { return insert(s) }
            guard let list = args[0].stringList else { call.message("strse", 1, call.expr); return nil }
            var out: [Expr] = []
            for s in list {
                guard let r = insert(s) else { return nil }
                out.append(r)
            }
            return .list(out)
        }

        define("ToCharacterCode", attributes: [.listable], arguments: .exactly(1),
               usage: "ToCharacterCode[\"string\"] gives a list of the integer codes corresponding to the characters in a string.") { call in
            return call.mapStrings(0, listable: true, tag: "string") { s in .list(s.unicodeScalars.map { .integer(Int($0.value)) }) }
        }

        define("FromCharacterCode", arguments: .exactly(1),
               usage: "FromCharacterCode[n] gives a string consisting of the character with integer code n.\nFromCharacterCode[{n1, n2, …}] gives a string consisting of the sequence of characters with codes ni.\nFromCharacterCode[{{n11, n12, …}, {n21, …}, …}] gives a list of strings.") { call in
            func string(_ codes: [Expr]) -> Expr? {
                var chars = Chars()
                for c in codes {
                    guard let k = c.int, k >= 0, let u = Unicode.Scalar(UInt32(clamping: k)) else {
                        call.message("notunicode", call.expr, 1)
                        return nil
                    }
                    chars.append(u)
                }
                return .string(String(chars: chars))
            }
            let arg = call.args[0]
            if arg.int != nil { return string([arg]) }
            guard arg.hasHead(Sym.List) else { call.message("notunicode", call.expr, 1); return nil }
            if !arg.args.isEmpty && arg.args.allSatisfy({ $0.hasHead(Sym.List) }) {
                var out: [Expr] = []
                for row in arg.args {
                    guard let s = string(row.args) else { return nil }
                    out.append(s)
                }
                return .list(out)
            }
            return string(arg.args)
        }

        let tests: [(String, String, (Unicode.Scalar) -> Bool)] = [
            ("LetterQ", "LetterQ[string] yields True if all the characters in the string are letters, and yields False otherwise.", { $0.properties.isAlphabetic }),
            ("DigitQ", "DigitQ[string] yields True if all the characters in the string are digits in the range 0 through 9, and yields False otherwise.", { ("0"..."9").contains($0) }),
            ("UpperCaseQ", "UpperCaseQ[string] yields True if all the characters in the string are uppercase letters, and yields False otherwise.", { $0.properties.isUppercase }),
            ("LowerCaseQ", "LowerCaseQ[string] yields True if all the characters in the string are lowercase letters, and yields False otherwise.", { $0.properties.isLowercase }),
        ]
        for (name, usage, test) in tests {
            define(name, attributes: [.listable], arguments: .exactly(1), usage: usage) { call in
                let arg = call.args[0]
                if let list = arg.stringList { return .list(list.map { .bool($0.unicodeScalars.allSatisfy(test)) }) }
                return .bool(arg.string?.unicodeScalars.allSatisfy(test) ?? false)
            }
        }
    }

    /// `StringMatchQ`'s abbreviated patterns: in a literal string `*` stands for any characters and
    /// `@` for one or more characters that are not uppercase letters; `\*` and `\@` are literal.
    static func wildcardPattern(_ e: Expr) -> StringPattern? {
        guard let s = e.string, s.contains("*") || s.contains("@") else { return nil }
        var parts: [StringPattern] = []
        var literal = Chars()
        var escaped = false
        func flush() { if !literal.isEmpty { parts.append(.literal(literal)); literal = [] } }
        for c in s.unicodeScalars {
            if escaped { literal.append(c); escaped = false; continue }
            switch c {
            case "\\": escaped = true
            case "*": flush(); parts.append(.anyCharacters(min: 0))
            case "@": flush(); parts.append(.repeated(.characterClass(.notUppercase), min: 1))
            default: literal.append(c)
            }
        }
        if escaped { literal.append("\\") }
        flush()
        return .sequence(parts)
    }
}
