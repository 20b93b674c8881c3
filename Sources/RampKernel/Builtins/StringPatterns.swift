import RampSyntax

/// The string patterns the string builtins understand: literal strings; `Alternatives` and lists of
/// them; `StringExpression` (`a ~~ b`); `_`, `__`, `___`; `p..`, `p...`; the classes `Whitespace`,
/// `WhitespaceCharacter`, `DigitCharacter`, `LetterCharacter`, `WordCharacter`, `CharacterRange`;
/// `StartOfString`, `EndOfString`. Repetitions are greedy (longest first), as Wolfram's are by
/// default. Named patterns (`x__`) are not supported: calls with them stay unevaluated.
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
        case ("CharacterRange", 2):
            guard let lo = n.args[0].string?.unicodeScalars, lo.count == 1, let hi = n.args[1].string?.unicodeScalars, hi.count == 1
            else { return nil }
            self = .characterClass(.range(lo.first!, hi.first!))
        default:
            return nil
        }
    }

    /// The lengths of every match starting at `i`, most preferred first (longest first for
    /// repetitions, earlier alternatives first).
    func lengths(_ s: Chars, at i: Int, ignoreCase: Bool) -> [Int] {
        switch self {
        case .literal(let lit):
            guard i + lit.count <= s.count else { return [] }
            for k in 0..<lit.count where !StringPattern.same(s[i + k], lit[k], ignoreCase) { return [] }
            return [lit.count]
        case .anyOf(let options):
            return StringPattern.unique(options.flatMap { $0.lengths(s, at: i, ignoreCase: ignoreCase) })
        case .characterClass(let c):
            guard i < s.count else { return [] }
            if c.contains(s[i]) { return [1] }
            if ignoreCase, let folded = s[i].properties.lowercaseMapping.unicodeScalars.first, c.contains(folded) { return [1] }
            if ignoreCase, let folded = s[i].properties.uppercaseMapping.unicodeScalars.first, c.contains(folded) { return [1] }
            return []
        case .anyCharacters(let min):
            let room = s.count - i
            return room >= min ? Array(stride(from: room, through: min, by: -1)) : []
        case .repeated(let p, let min):
            // Ends reachable after 1, 2, … repetitions (each advancing); longest first.
            var reached = Set<Int>()
            var frontier = [i]
            var ends: [Int] = min == 0 ? [i] : []
            while !frontier.isEmpty {
                var next: [Int] = []
                for start in frontier {
                    for l in p.lengths(s, at: start, ignoreCase: ignoreCase) where l > 0 {
                        let e = start + l
                        if reached.insert(e).inserted { next.append(e); ends.append(e) }
                    }
                }
                frontier = next
            }
            return StringPattern.unique(ends.sorted(by: >).map { $0 - i })
        case .sequence(let parts):
            var ends = [i]
            for part in parts {
                var next: [Int] = []
                for e in ends { next += part.lengths(s, at: e, ignoreCase: ignoreCase).map { e + $0 } }
                ends = StringPattern.unique(next)
                if ends.isEmpty { return [] }
            }
            return ends.map { $0 - i }
        case .startOfString:
            return i == 0 ? [0] : []
        case .endOfString:
            return i == s.count ? [0] : []
        }
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
        var out: [(Int, Int)] = []
        var i = 0
        while i < s.count && out.count < limit {
            if let n = lengths(s, at: i, ignoreCase: ignoreCase).first(where: { $0 > 0 }) {
                out.append((i, n))
                i += n
            } else {
                i += 1
            }
        }
        return out
    }
}
