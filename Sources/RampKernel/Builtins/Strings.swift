import RampSyntax

extension Kernel {
    /// Installs the string builtins: this file (joining, taking, padding, case), StringSearch.swift
    /// (split, replace, contains) and StringConversion.swift (ToString, ToExpression, forms).
    func installStringBuiltins() {
        installStringMessages()
        installStringBasics()
        installStringSearch()
        installStringConversion()
        installStringMore()
        // `StringReplace[rules][s]` is `StringReplace[s, rules]`, and likewise for the string tests.
        installOperatorForms(["StringReplace", "StringContainsQ", "StringStartsQ", "StringEndsQ", "StringMatchQ",
                              "StringFreeQ", "StringCases", "StringDelete"])
    }

    private func installStringMessages() {
        setMessage("StringTake", "take", "Cannot take positions `1` through `2` in `3`.")
        setMessage("StringDrop", "drop", "Cannot drop positions `1` through `2` in `3`.")
        setMessage("StringPadLeft", "pad", "Padding `1` is not a non-empty string.")
        setMessage("StringPadRight", "pad", "Padding `1` is not a non-empty string.")
    }

    private func installStringBasics() {
        define("StringJoin", attributes: [.flat, .oneIdentity],
               usage: "StringJoin[\"s1\", \"s2\", …] or s1 <> s2 <> … yields a string consisting of a concatenation of the si.") { call in
            var out = ""
            for (i, arg) in call.args.enumerated() {
                // Lists of strings (nested to any depth) are joined too; walk them without recursion.
                var stack = [arg]
                while let e = stack.popLast() {
                    if let s = e.string {
                        out += s
                    } else if e.hasHead(Sym.List) {
                        stack.append(contentsOf: e.args.reversed())
                    } else {
                        call.message("string", .integer(i + 1), call.expr)
                        return nil
                    }
                }
            }
            return .string(out)
        }

        define("StringLength", attributes: [.listable], arguments: .exactly(1),
               usage: "StringLength[\"string\"] gives the number of characters in a string.") { call in
            return call.mapStrings(0, listable: true, tag: "string") { .integer($0.charCount) }
        }

        define("StringTake", arguments: .exactly(2),
               usage: "StringTake[\"string\", n] gives a string containing the first n characters in \"string\".\nStringTake[\"string\", -n] gives the last n characters in \"string\".\nStringTake[\"string\", {n}] gives the n-th character in \"string\".\nStringTake[\"string\", {m, n}] gives characters m through n in \"string\".\nStringTake[\"string\", {m, n, s}] gives characters m through n in steps of s.\nStringTake[{s1, s2, …}, spec] gives the list of results for each of the si.") { call in
            return call.sequenceOperation(drop: false)
        }

        define("StringDrop", arguments: .exactly(2),
               usage: "StringDrop[\"string\", n] gives \"string\" with its first n characters dropped.\nStringDrop[\"string\", -n] gives \"string\" with its last n characters dropped.\nStringDrop[\"string\", {n}] gives \"string\" with its n-th character dropped.\nStringDrop[\"string\", {m, n}] gives \"string\" with characters m through n dropped.\nStringDrop[{s1, s2, …}, spec] gives the list of results for each of the si.") { call in
            return call.sequenceOperation(drop: true)
        }

        define("StringReverse", attributes: [.listable], arguments: .exactly(1),
               usage: "StringReverse[\"string\"] reverses the order of the characters in \"string\".") { call in
            return call.mapStrings(0, listable: true, tag: "string") { .string(String(chars: $0.unicodeScalars.reversed())) }
        }

        define("Characters", attributes: [.listable], arguments: .exactly(1),
               usage: "Characters[\"string\"] gives a list of the characters in a string.") { call in
            return call.mapStrings(0, listable: true, tag: "string") { s in .list(s.unicodeScalars.map { .string(String(Character($0))) }) }
        }

        define("ToUpperCase", attributes: [.listable], arguments: .exactly(1),
               usage: "ToUpperCase[s] yields a string in which all letters have been converted to uppercase.") { call in
            return call.mapStrings(0, listable: true, tag: "string") { .string($0.uppercased()) }
        }

        define("ToLowerCase", attributes: [.listable], arguments: .exactly(1),
               usage: "ToLowerCase[s] yields a string in which all letters have been converted to lowercase.") { call in
            return call.mapStrings(0, listable: true, tag: "string") { .string($0.lowercased()) }
        }

        define("StringRepeat", arguments: ArgumentCount(2, 3),
               usage: "StringRepeat[\"str\", n] creates a string consisting of \"str\" repeated n times.\nStringRepeat[\"str\", n, max] creates a string consisting of \"str\" repeated n times, truncated to at most max characters.") { (call) throws(EvaluationControl) -> Expr? in
            let args = call.args
            guard let s = args[0].string else { call.message("string", 1, call.expr); return nil }
            guard let n = args[1].int, n >= 0 else { call.message("intnm", call.expr, 2); return nil }
            var limit = Int.max
            if args.count == 3 {
                guard let m = args[2].int, m >= 0 else { call.message("intnm", call.expr, 3); return nil }
                limit = m
            }
            let unit = s.chars
            let total = unit.count.multipliedReportingOverflow(by: n)
            let length = total.overflow ? limit : min(total.partialValue, limit)
            guard call.allowsAllocation(count: length, elementSize: SizeLimit.character) else { return .failed }
            var out = Chars()
            out.reserveCapacity(length)
            var i = 0
            while i < n && out.count < limit {
                if i & 1023 == 0 { try call.kernel.checkAbort() }
                out.append(contentsOf: unit.prefix(limit - out.count))
                i += 1
            }
            return .string(String(chars: out))
        }

        for (name, left) in [("StringPadLeft", true), ("StringPadRight", false)] {
            let side = left ? "left" : "right"
            define(name, arguments: ArgumentCount(1, 3),
                   usage: "\(name)[\"string\", n] makes a string of length n by padding \"string\" with spaces on the \(side).\n\(name)[\"string\", n, \"pad\"] pads by cyclically repeating the string \"pad\".\n\(name)[{s1, s2, …}] pads each of the si on the \(side) to make them all the same length.") { call in
                let args = call.args
                let strings: [String]
                let isList: Bool
                if let s = args[0].string {
                    strings = [s]; isList = false
                } else if let list = args[0].stringList {
                    strings = list; isList = true
                } else {
                    call.message("strse", 1, call.expr)
                    return nil
                }
                let width: Int
                if args.count >= 2 {
                    guard let n = args[1].int, n >= 0 else { call.message("intnm", call.expr, 2); return nil }
                    width = n
                } else {
                    guard isList else { call.message("argtu", .symbol(call.head), 2, 3); return nil }
                    width = strings.map { $0.unicodeScalars.count }.max() ?? 0
                }
                guard call.allowsAllocation(count: width, elementSize: SizeLimit.character) else { return .failed }
                var pad: Chars = [" "]
                if args.count == 3 {
                    guard let p = args[2].string, !p.isEmpty else { call.message("pad", args[2]); return nil }
                    pad = p.chars
                }
                let padded = strings.map { Expr.string(String(chars: Kernel.pad($0.chars, to: width, with: pad, left: left))) }
                return isList ? .list(padded) : padded[0]
            }
        }
    }

    /// Pads (or truncates) to `width`: on the left the padding cycles so that it ends in a whole copy
    /// next to the string; on the right it starts with a whole copy. Truncation keeps the end nearest
    /// the padding side's opposite (`StringPadLeft["abcde", 3]` is `"cde"`).
    static func pad(_ s: Chars, to width: Int, with pad: Chars, left: Bool) -> Chars {
        if s.count >= width { return left ? Array(s.suffix(width)) : Array(s.prefix(width)) }
        let n = width - s.count
        if left {
            let offset = (pad.count - n % pad.count) % pad.count
            return (0..<n).map { pad[($0 + offset) % pad.count] } + s
        }
        return s + (0..<n).map { pad[$0 % pad.count] }
    }
}

extension BuiltinCall {
    /// Applies `body` to the string argument at `index`, or to each string of a list of strings;
    /// anything else gets `tag` (default `strse`, "String or list of strings expected") and stays
    /// unevaluated. Listable builtins pass `string`: the evaluator threads their lists.
    func mapStrings(_ index: Int, listable: Bool, tag: String = "strse", _ body: (String) -> Expr) -> Expr? {
        let arg = args[index]
        if let s = arg.string { return body(s) }
        if listable, let list = arg.stringList { return .list(list.map(body)) }
        message(tag, .integer(index + 1), expr)
        return nil
    }

    /// `StringTake` and `StringDrop`: one or a list of strings, one or a list of specifications.
    func sequenceOperation(drop: Bool) -> Expr? {
        let target = args[0], specArg = args[1]
        let strings: [String]
        if let s = target.string { strings = [s] } else if let l = target.stringList { strings = l } else {
            message("strse", 1, expr)
            return nil
        }
        // A list of specifications is a list whose elements are themselves lists.
        let specs: [Expr]
        let manySpecs = specArg.hasHead(Sym.List) && !specArg.args.isEmpty && specArg.args.allSatisfy { $0.hasHead(Sym.List) }
        specs = manySpecs ? specArg.args : [specArg]
        var results: [Expr] = []
        for s in strings {
            let chars = s.chars
            var perSpec: [Expr] = []
            for spec in specs {
                guard let seq = SequenceSpec(spec, length: chars.count) else {
                    message("mseqs", 2, expr)
                    return nil
                }
                guard let positions = seq.positions(length: chars.count) else {
                    message(drop ? "drop" : "take", seq.shownStart, seq.shownEnd, .string(s))
                    return nil
                }
                if drop {
                    let dropped = Set(positions)
                    perSpec.append(.string(String(chars: chars.indices.filter { !dropped.contains($0 + 1) }.map { chars[$0] })))
                } else {
                    perSpec.append(.string(String(chars: positions.map { chars[$0 - 1] })))
                }
            }
            results.append(manySpecs ? .list(perSpec) : perSpec[0])
        }
        return target.string != nil ? results[0] : .list(results)
    }
}
