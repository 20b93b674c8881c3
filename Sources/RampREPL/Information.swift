import Ramp

/// `?Name`, `??Name` and `?pattern*` typed at the prompt.
struct InformationQuery {
    let name: String
    let long: Bool

    /// A query for `name` (a symbol name or a pattern with `*`).
    init(name: String, long: Bool) {
        self.name = name
        self.long = long
    }

    /// Recognises a query line; nil for anything else.
    init?(_ line: String) {
        var text = Substring(line.trimmingWhitespace)
        guard text.first == "?" else { return nil }
        text = text.dropFirst()
        long = text.first == "?"
        if long { text = text.dropFirst() }
        let trimmed = String(text).trimmingWhitespace
        guard !trimmed.isEmpty,
              trimmed.allSatisfy({ $0.isLetter || $0.isNumber || "$`*@".contains($0) }) else { return nil }
        name = trimmed
    }

    /// The text shown (without a final newline).
    func answer(kernel: Kernel) -> String {
        if name.contains("*") || name.contains("@") { return listing(kernel: kernel) }
        let known = Symbol.existing(name)
        var parts: [String] = []
        let usage = kernel.usage(of: name)
        if let usage { parts.append(usage) }
        if let s = known, long || usage == nil {
            let definitions = ["OwnValues", "DownValues", "SubValues", "UpValues"].flatMap { which in
                let rules = kernel.evaluate(.call(Symbol.named(which), [.symbol(s)]))
                return rules.hasHead(Sym.List) ? rules.args.compactMap(Self.definitionText) : []
            }
            if !definitions.isEmpty { parts.append(definitions.joined(separator: "\n \n")) }
        }
        if let s = known, long {
            let attributes = Attributes.named.filter { kernel.attributes(of: s).contains($0.1) }.map(\.0)
            if !attributes.isEmpty {
                parts.append("Attributes[\(name)] = {\(attributes.joined(separator: ", "))}")
            }
            let options = kernel.evaluate(.call(Symbol.named("Options"), [.symbol(s)]))
            if options.hasHead(Sym.List), !options.args.isEmpty {
                parts.append("Options[\(name)] = \(Render.text(options, form: "InputForm"))")
            }
        }
        if parts.isEmpty { return "Information::notfound: Symbol \(name) not found." }
        return parts.joined(separator: "\n\n")
    }

    /// `lhs := rhs` for a rule from `DownValues` & co. (`lhs = rhs` when the left side has no
    /// pattern and the right side is an atom, as an immediate assignment most likely was).
    static func definitionText(_ rule: Expr) -> String? {
        guard rule.hasHead(Sym.RuleDelayed) || rule.hasHead(Sym.Rule), rule.args.count == 2 else { return nil }
        var lhs = rule.args[0]
        if lhs.hasHead(Symbol.named("HoldPattern")), lhs.args.count == 1 { lhs = lhs.args[0] }
        let rhs = rule.args[1]
        let immediate = rhs.isAtom && !Render.text(lhs, form: "InputForm").contains("_")
        return Render.text(lhs, form: "InputForm") + (immediate ? " = " : " := ") + Render.text(rhs, form: "InputForm")
    }

    /// `?Net*`: the known names matching the pattern (`*` any characters, `@` any lower-case ones).
    private func listing(kernel: Kernel) -> String {
        let matches = Symbol.allNames.filter { candidate in
            wildcardMatch(Array(name), Array(candidate))
                && (kernel.usage(of: candidate) != nil || kernel.value(of: candidate) != nil
                    || Symbol.existing(candidate).map { !kernel.attributes(of: $0).isEmpty } ?? false)
        }.sorted()
        if matches.isEmpty { return "Information::nomatch: No symbol matching \(name) found." }
        let width = (matches.map(\.count).max() ?? 0) + 2
        let columns = max(1, 78 / width)
        var lines: [String] = []
        for start in stride(from: 0, to: matches.count, by: columns) {
            let row = matches[start..<min(start + columns, matches.count)]
            lines.append(row.map { $0.padding(to: width) }.joined().trimmingWhitespace)
        }
        return lines.joined(separator: "\n")
    }
}

/// Wolfram string patterns in names: `*` matches any run of characters, `@` a run of lower-case ones.
func wildcardMatch(_ pattern: [Character], _ text: [Character]) -> Bool {
    guard let p = pattern.first else { return text.isEmpty }
    let rest = Array(pattern.dropFirst())
    switch p {
    case "*":
        for k in 0...text.count where wildcardMatch(rest, Array(text.dropFirst(k))) { return true }
        return false
    case "@":
        var k = 0
        while true {
            if wildcardMatch(rest, Array(text.dropFirst(k))) { return true }
            guard k < text.count, text[k].isLowercase else { return false }
            k += 1
        }
    default:
        return text.first == p && wildcardMatch(rest, Array(text.dropFirst()))
    }
}

extension String {
    /// The string without leading and trailing white space.
    var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    /// The string padded with spaces to `width` characters.
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
