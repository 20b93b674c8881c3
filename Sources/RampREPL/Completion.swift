import Ramp

/// Tab completion: builtin and user symbols (including `$` names and context-qualified names such
/// as `` Global`x ``), context names, and the option names of the function whose brackets the
/// cursor is in (`NetTrain[net, data, Max` → `MaxTrainingRounds`; `"` + Tab offers string option
/// names such as `"Slope"`).
///
/// A `Completer` reads the kernel, so call it only while no evaluation runs (readline calls it at
/// the prompt, on the REPL's thread).
public final class Completer: @unchecked Sendable {
    let kernel: Kernel

    /// A completer for the symbols and options `kernel` knows.
    public init(kernel: Kernel) { self.kernel = kernel }

    /// The completions of `word`, where `before` is the text of the line in front of it.
    public func completions(word: String, before: String) -> [String] {
        var found = Set<String>()
        let quoted = before.last == "\""
        if let head = enclosingHead(before) {
            for name in optionNames(of: head) where name.string != nil ? quoted : !quoted {
                let text = name.string ?? name.symbol?.name ?? ""
                if text.hasPrefix(word) { found.insert(text) }
            }
        }
        if !quoted { found.formUnion(symbolCompletions(word)) }
        return found.sorted()
    }

    /// Symbol names and contexts that start with `word`.
    func symbolCompletions(_ word: String) -> [String] {
        // `System`` and `Global`` are implicit in stored names: complete after them, put them back.
        for context in ["System`", "Global`"] where word.hasPrefix(context) {
            let rest = String(word.dropFirst(context.count))
            return symbolCompletions(rest).filter { !$0.contains("`") }.map { context + $0 }
        }
        // Names in other contexts are offered once their context is typed (they are not on the
        // context path); before that, their context is.
        let qualified = word.contains("`")
        var result: [String] = []
        var contexts = Set(["System`", "Global`"])
        for name in Symbol.allNames {
            if let tick = name.lastIndex(of: "`") { contexts.insert(String(name[...tick])) }
            if name.hasPrefix(word), name.contains("`") == qualified, isCompletable(name) { result.append(name) }
        }
        result += contexts.filter { $0.hasPrefix(word) }
        return result
    }

    /// Leaves out names that cannot be typed back (internal or generated ones).
    private func isCompletable(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first else { return false }
        return first == "$" || first == "`" || first.properties.isAlphabetic
    }

    /// The symbol whose argument list the text ends inside: `f[a, g[b], O` → `f`.
    func enclosingHead(_ text: String) -> Symbol? {
        var depth = 0
        var index = text.endIndex
        while index > text.startIndex {
            index = text.index(before: index)
            switch text[index] {
            case "]": depth += 1
            case "[":
                if depth == 0 {
                    var start = index
                    while start > text.startIndex {
                        let previous = text.index(before: start)
                        let c = text[previous]
                        guard c.isLetter || c.isNumber || c == "$" || c == "`" else { break }
                        start = previous
                    }
                    return start < index ? Symbol.existing(String(text[start..<index])) : nil
                }
                depth -= 1
            default: break
            }
        }
        return nil
    }

    /// The left-hand sides of `Options[head]`. Read directly, not evaluated: a Ctrl-C typed at the
    /// prompt leaves an abort pending until the next input, and would turn an evaluation into
    /// `$Aborted`.
    func optionNames(of head: Symbol) -> [Expr] {
        kernel.defaultOptions(of: head).compactMap { rule in
            rule.hasHead(Sym.Rule) || rule.hasHead(Sym.RuleDelayed) ? rule.args.first : nil
        }
    }
}
