import RampSyntax

/// `Information`: one builtin for every front door (REPL, scripts, `-c`, an embedder's kernel).
///
/// - `Information[obj]` / `Information[obj, "prop"]` for a native object that is an
///   ``InformationProvider`` (a net), given literally, as any expression that evaluates to one, as a
///   symbol whose value is one, or as a list of them (answered element by element).
/// - `Information[sym]`, `Information["name"]`, `Information["Net*"]` and the `?Name`/`??Name`
///   statements (parsed to `Information["Name", LongForm -> False|True]`) print what is known about
///   the symbol: its usage text, and with `LongForm -> True` also definitions, attributes and options.
extension Kernel {
    func installInformationBuiltins() {
        setMessage("Information", "notfound", "Symbol `1` not found.")
        setMessage("Information", "nomatch", "No symbol matching `1` found.")
        defineOptionName("LongForm", usage: "LongForm is an option for Information: with LongForm -> True it also shows definitions, attributes and options (what ??name shows).")

        define("Information", attributes: [.holdAll, .readProtected], arguments: ArgumentCount(1, 2),
               options: [BuiltinSpec.option("LongForm", .false)],
               usage: "Information[symbol] prints information about a symbol.\nInformation[object] gives information about an object such as a net.\nInformation[object, property] gives the value of the property.") { call throws(EvaluationControl) in
            let kernel = call.kernel
            let long = call.option("LongForm") == .true
            let property: Expr? = call.args.count == 2 ? try kernel.eval(call.args[1]) : nil
            let first = call.args[0]
            if let name = first.string, property == nil { return kernel.showSymbolInformation(name, long: long, call) }
            // A symbol is not evaluated (its value may be delayed code): its stored value answers
            // when it is an object that has information; otherwise the symbol itself is described.
            let subject: Expr
            if case .symbol(let s) = first {
                if let value = kernel.existingData(s)?.ownValue, kernel.existingData(s)?.ownValueDelayed == false,
                   Self.hasInformation(value) {
                    subject = value
                } else if property == nil {
                    return kernel.showSymbolInformation(s.name, long: long, call)
                } else {
                    return nil
                }
            } else {
                subject = try kernel.eval(first)
            }
            return kernel.objectInformation(subject, property: property, call: call)
        }
    }

    /// Prints what is known about the symbol `name` (or the names matching a pattern); issues
    /// `Information::notfound` (`nomatch`) when nothing is. Gives `Null`.
    func showSymbolInformation(_ name: String, long: Bool, _ call: BuiltinCall) -> Expr {
        if let text = symbolInformation(name, long: long) {
            printHandler(text)
        } else {
            call.message(name.contains("*") || name.contains("@") ? "nomatch" : "notfound", .string(name))
        }
        return .null
    }

    /// Whether `e` is an object with information, or a non-empty list of them.
    static func hasInformation(_ e: Expr) -> Bool {
        if case .native(_ as any InformationProvider) = e { return true }
        if e.hasHead(Sym.List), !e.args.isEmpty { return e.args.allSatisfy(hasInformation) }
        return false
    }

    /// `Information[obj]` or `Information[obj, property]` (a property name or a list of them) for an
    /// object with information or a list of them; nil (unevaluated) for anything else.
    func objectInformation(_ subject: Expr, property: Expr?, call: BuiltinCall) -> Expr? {
        if subject.hasHead(Sym.List), Self.hasInformation(subject) {
            return .list(subject.args.map { objectInformation($0, property: property, call: call) ?? .failed })
        }
        guard case .native(let object as any InformationProvider) = subject else { return nil }
        guard let property else { return object.informationReport(kernel: self) }
        func one(_ p: Expr) -> Expr {
            if let name = p.string, let value = object.informationProperty(name, kernel: self, head: call.head) {
                return value
            }
            message(call.head, "invprop", [p, .symbol(object.head), .list(object.informationPropertyNames.map(Expr.string))])
            return .failed
        }
        if property.hasHead(Sym.List) { return .list(property.args.map(one)) }
        return one(property)
    }

    /// The text `?name` (`long`: `??name`) shows: the usage text, and definitions (when there is no
    /// usage text, or `long`), attributes and options (`long`); for a name with `*` or `@`, the
    /// matching names in columns. Nil when nothing is known.
    public func symbolInformation(_ name: String, long: Bool) -> String? {
        if name.contains("*") || name.contains("@") { return matchingNamesText(name) }
        let known = Symbol.existing(name)
        var parts: [String] = []
        let usage = usage(of: name)
        if let usage { parts.append(usage) }
        if let s = known, long || usage == nil {
            let definitions: [String] = ["OwnValues", "DownValues", "SubValues", "UpValues"].flatMap { which -> [String] in
                let rules = evaluate(.call(Symbol.named(which), [.symbol(s)]))
                return rules.hasHead(Sym.List) ? rules.args.compactMap(definitionText) : []
            }.filter { !$0.contains("Ramp`Private`") }  // the kernel's own rules (operator forms) are built in
            if !definitions.isEmpty { parts.append(definitions.joined(separator: "\n \n")) }
        }
        if let s = known, long {
            let attributes = evaluate(.call(Symbol.named("Attributes"), [.symbol(s)]))
            if attributes.hasHead(Sym.List), !attributes.args.isEmpty {
                parts.append("Attributes[\(name)] = \(format(attributes, .inputForm))")
            }
            let options = evaluate(.call(Symbol.named("Options"), [.symbol(s)]))
            if options.hasHead(Sym.List), !options.args.isEmpty {
                parts.append("Options[\(name)] = \(format(options, .inputForm))")
            }
            if let owner = builtinOwner(of: name) { parts.append("Built in: \(owner)") }
        }
        if parts.isEmpty { return nil }
        return parts.joined(separator: "\n\n")
    }

    /// `lhs := rhs` for a rule from `DownValues` & co. (`lhs = rhs` when the left side has no
    /// pattern and the right side is an atom, as an immediate assignment most likely was).
    func definitionText(_ rule: Expr) -> String? {
        guard rule.hasHead(Sym.RuleDelayed) || rule.hasHead(Sym.Rule), rule.args.count == 2 else { return nil }
        var lhs = rule.args[0]
        if lhs.hasHead(Symbol.named("HoldPattern")), lhs.args.count == 1 { lhs = lhs.args[0] }
        let rhs = rule.args[1]
        let left = format(lhs, .inputForm)
        let immediate = rhs.isAtom && !left.contains("_")
        return left + (immediate ? " = " : " := ") + format(rhs, .inputForm)
    }

    /// `?Net*`: the known names matching the pattern, in columns of a 78-character line.
    func matchingNamesText(_ pattern: String) -> String? {
        let matches = Symbol.allNames.filter { candidate in
            wildcardNameMatch(Array(pattern), Array(candidate))
                && (usage(of: candidate) != nil || value(of: candidate) != nil
                    || Symbol.existing(candidate).map { !attributes(of: $0).isEmpty } ?? false)
        }.sorted()
        if matches.isEmpty { return nil }
        let width = (matches.map(\.count).max() ?? 0) + 2
        let columns = Swift.max(1, 78 / width)
        var lines: [String] = []
        for start in stride(from: 0, to: matches.count, by: columns) {
            let row = matches[start..<Swift.min(start + columns, matches.count)]
            var line = row.map { $0 + String(repeating: " ", count: width - $0.count) }.joined()
            while line.last == " " { line.removeLast() }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
