import RampSyntax

/// The string patterns the string builtins understand: literal strings; `Alternatives` and lists of
/// them; `StringExpression` (`a ~~ b`); `_`, `__`, `___`; `p..`, `p...`; the classes `Whitespace`,
/// `WhitespaceCharacter`, `DigitCharacter`, `LetterCharacter`, `WordCharacter`, `CharacterRange`;
/// `StartOfString`, `EndOfString`; named patterns (`x_`, `x__`, `x:p`) bind what they match for the
/// right-hand side of a rule. Repetitions are greedy (longest first), as Wolfram's are by default.
indirect enum StringPattern {
    case literal(Chars)
    case anyOf([StringPattern])
    case characterClass(CharacterClass)
    /// `p..` (`min` 1) and `p...` (`min` 0).
    case repeated(StringPattern, min: Int)
    /// `__` (`min` 1) and `___` (`min` 0): any characters.
    case anyCharacters(min: Int)
    case sequence([StringPattern])
    case startOfString, endOfString
    /// `x:p` or `x_`, `x__`: the matched substring is bound to `x` for the replacement.
    case named(Symbol, StringPattern)

    /// Substrings bound to pattern names: (name, start, end).
    typealias Bindings = [(Symbol, Int, Int)]

    enum CharacterClass {
        case whitespace, digit, letter, word, any, notUppercase
        case range(Unicode.Scalar, Unicode.Scalar)

        func contains(_ c: Unicode.Scalar) -> Bool {
            switch self {
            case .whitespace: return c.properties.isWhitespace
            case .digit: return ("0"..."9").contains(c)
            case .letter: return c.properties.isAlphabetic
            case .word: return c.properties.isAlphabetic || ("0"..."9").contains(c)
            case .any: return true
            case .notUppercase: return !c.properties.isUppercase
            case .range(let lo, let hi): return lo <= c && c <= hi
            }
        }
    }

    /// Reads a pattern expression; nil for patterns this implementation does not support.
    init?(_ e: Expr) {
        if let s = e.string { self = .literal(s.chars); return }
        if let name = e.symbol?.name {
            switch name {
            case "Whitespace": self = .repeated(.characterClass(.whitespace), min: 1)
            case "WhitespaceCharacter": self = .characterClass(.whitespace)
            case "DigitCharacter": self = .characterClass(.digit)
            case "LetterCharacter": self = .characterClass(.letter)
            case "WordCharacter": self = .characterClass(.word)
            case "StartOfString": self = .startOfString
            case "EndOfString": self = .endOfString
            default: return nil
            }
            return
        }
        guard case .normal(let n) = e, let head = n.head.symbol else { return nil }
        func all(_ args: [Expr]) -> [StringPattern]? {
            var out: [StringPattern] = []
            for a in args {
                guard let p = StringPattern(a) else { return nil }
                out.append(p)
            }
            return out
        }
        switch (head.name, n.args.count) {
        case ("Blank", 0): self = .characterClass(.any)
        case ("BlankSequence", 0): self = .anyCharacters(min: 1)
        case ("BlankNullSequence", 0): self = .anyCharacters(min: 0)
        case ("Alternatives", _), ("List", _):
            guard let options = all(n.args) else { return nil }
            self = .anyOf(options)
        case ("StringExpression", _):
            guard let parts = all(n.args) else { return nil }
            self = .sequence(parts)
        case ("Repeated", 1), ("RepeatedNull", 1):
            guard let inner = StringPattern(n.args[0]) else { return nil }
            self = .repeated(inner, min: head.name == "Repeated" ? 1 : 0)
        case ("Pattern", 2):
            guard let name = n.args[0].symbol, let inner = StringPattern(n.args[1]) else { return nil }
            self = .named(name, inner)
        case ("CharacterRange", 2):
            guard let lo = n.args[0].string?.unicodeScalars, lo.count == 1, let hi = n.args[1].string?.unicodeScalars, hi.count == 1
            else { return nil }
            self = .characterClass(.range(lo.first!, hi.first!))
        default:
            return nil
        }
    }

    /// Every match starting at `i` as its end and bindings, most preferred first (longest first for
    /// repetitions, earlier alternatives first); one entry per end.
    func ends(_ s: Chars, at i: Int, ignoreCase: Bool, _ bound: Bindings = []) -> [(Int, Bindings)] {
        switch self {
        case .literal(let lit):
            guard i + lit.count <= s.count else { return [] }
            for k in 0..<lit.count where !StringPattern.same(s[i + k], lit[k], ignoreCase) { return [] }
            return [(i + lit.count, bound)]
        case .anyOf(let options):
            return StringPattern.unique(options.flatMap { $0.ends(s, at: i, ignoreCase: ignoreCase, bound) })
        case .characterClass(let c):
            guard i < s.count else { return [] }
            if c.contains(s[i]) { return [(i + 1, bound)] }
            if ignoreCase, let folded = s[i].properties.lowercaseMapping.unicodeScalars.first, c.contains(folded) { return [(i + 1, bound)] }
            if ignoreCase, let folded = s[i].properties.uppercaseMapping.unicodeScalars.first, c.contains(folded) { return [(i + 1, bound)] }
            return []
        case .anyCharacters(let min):
            let room = s.count - i
            return room >= min ? stride(from: s.count, through: i + min, by: -1).map { ($0, bound) } : []
        case .repeated(let p, let min):
            // Ends reachable after 1, 2, … repetitions (each advancing); longest first.
            var reached = Set<Int>()
            var frontier: [(Int, Bindings)] = [(i, bound)]
            var found: [(Int, Bindings)] = min == 0 ? [(i, bound)] : []
            while !frontier.isEmpty {
                var next: [(Int, Bindings)] = []
                for (start, b) in frontier {
                    for (e, b2) in p.ends(s, at: start, ignoreCase: ignoreCase, b) where e > start {
                        if reached.insert(e).inserted { next.append((e, b2)); found.append((e, b2)) }
                    }
                }
                frontier = next
            }
            return StringPattern.unique(found.sorted { $0.0 > $1.0 })
        case .sequence(let parts):
            var current: [(Int, Bindings)] = [(i, bound)]
            for part in parts {
                var next: [(Int, Bindings)] = []
                for (e, b) in current { next += part.ends(s, at: e, ignoreCase: ignoreCase, b) }
                current = StringPattern.unique(next)
                if current.isEmpty { return [] }
            }
            return current
        case .startOfString:
            return i == 0 ? [(i, bound)] : []
        case .endOfString:
            return i == s.count ? [(i, bound)] : []
        case .named(let name, let inner):
            return inner.ends(s, at: i, ignoreCase: ignoreCase, bound).compactMap { (e, b) in
                if let earlier = b.first(where: { $0.0 === name }) {
                    // A repeated name must match the same text again.
                    return s[earlier.1..<earlier.2].elementsEqual(s[i..<e]) ? (e, b) : nil
                }
                return (e, b + [(name, i, e)])
            }
        }
    }

    /// The lengths of every match starting at `i`, most preferred first.
    func lengths(_ s: Chars, at i: Int, ignoreCase: Bool) -> [Int] {
        ends(s, at: i, ignoreCase: ignoreCase).map { $0.0 - i }
    }

    private static func unique(_ xs: [(Int, Bindings)]) -> [(Int, Bindings)] {
        var seen = Set<Int>()
        return xs.filter { seen.insert($0.0).inserted }
    }

    private static func unique(_ xs: [Int]) -> [Int] {
        var seen = Set<Int>()
        return xs.filter { seen.insert($0).inserted }
    }

    static func same(_ a: Unicode.Scalar, _ b: Unicode.Scalar, _ ignoreCase: Bool) -> Bool {
        if a == b { return true }
        guard ignoreCase else { return false }
        return a.properties.lowercaseMapping == b.properties.lowercaseMapping
    }

    /// The preferred match at `i`, or nil.
    func match(_ s: Chars, at i: Int, ignoreCase: Bool) -> Int? { lengths(s, at: i, ignoreCase: ignoreCase).first }

    /// Whether the pattern matches exactly the characters from `i` to the end of `s`.
    func matchesExactly(_ s: Chars, from i: Int, ignoreCase: Bool) -> Bool {
        lengths(s, at: i, ignoreCase: ignoreCase).contains(s.count - i)
    }

    /// Non-overlapping, non-empty matches from left to right, as (start, length).
    func matches(in s: Chars, ignoreCase: Bool, limit: Int = Int.max) -> [(Int, Int)] {
        boundMatches(in: s, ignoreCase: ignoreCase, limit: limit).map { ($0.0, $0.1) }
    }

    /// Non-overlapping, non-empty matches with what their named parts matched.
    func boundMatches(in s: Chars, ignoreCase: Bool, limit: Int = Int.max) -> [(Int, Int, Bindings)] {
        var out: [(Int, Int, Bindings)] = []
        var i = 0
        while i < s.count && out.count < limit {
            if let (e, b) = firstNonEmpty(s, at: i, ignoreCase: ignoreCase) {
                out.append((i, e - i, b))
                i = e
            } else {
                i += 1
            }
        }
        return out
    }

    /// The preferred non-empty match at `i`: its end and bindings.
    func firstNonEmpty(_ s: Chars, at i: Int, ignoreCase: Bool) -> (Int, Bindings)? {
        ends(s, at: i, ignoreCase: ignoreCase).first { $0.0 > i }
    }

    /// The right-hand side of a rule with the names bound by a match replaced by their substrings.
    static func instantiate(_ rhs: Expr, _ s: Chars, _ bindings: Bindings) -> Expr {
        if bindings.isEmpty { return rhs }
        return replaceSymbols(rhs, bindings.map { ($0.0, Expr.string(String(chars: s[$0.1..<$0.2]))) })
    }
}
