import RampSyntax

extension Kernel {
    /// Installs `Message`, `MessageName`, `Off`, `On`, `Check`, `Quiet` and `$MessageList` (the
    /// `General::*` templates every builtin shares are in GeneralMessages.swift).
    func installMessageBuiltins() {
        setMessage("Message", "name", "Message name `1` is not of the form symbol::name or symbol::name::language.")

        define("MessageName", attributes: [.holdFirst], usage: "symbol::tag names a message; it evaluates to the message text when one is defined.") { c in
            guard c.args.count == 2, let s = c.args[0].symbol, let tag = c.args[1].string else { return nil }
            return c.kernel.existingData(s)?.messages[tag].map(Expr.string)
        }
        define("Message", attributes: [.holdFirst], arguments: .atLeast(1), usage: "Message[symbol::tag, e1, e2, …] issues the message with the e_i in its slots.") { c in
            let first = c.args[0]
            guard let (s, tag) = Kernel.messageName(first) else {
                c.message("name", first)
                return nil
            }
            c.kernel.message(s, tag, Array(c.args.dropFirst()))
            return .null
        }
        define("Off", attributes: [.holdAll], usage: "Off[symbol::tag, …] switches messages off.") { c in
            c.kernel.switchMessages(c, on: false)
        }
        define("On", attributes: [.holdAll], usage: "On[symbol::tag, …] switches messages back on.") { c in
            c.kernel.switchMessages(c, on: true)
        }
        define("Check", attributes: [.holdAll], arguments: .atLeast(2), usage: "Check[expr, failexpr] gives failexpr if evaluating expr issued messages; Check[expr, failexpr, {s::t, …}] only for those messages.") { c throws(EvaluationControl) in
            let a = c.args
            let k = c.kernel
            let mark = k.state.messages.issued.count
            let value = try k.eval(a[0])
            let watched = a.dropFirst(2).flatMap { $0.hasHead(Sym.List) ? $0.args : [$0] }.compactMap(Kernel.messageName)
            let issued = k.state.messages.issued[mark...]
            let hit = watched.isEmpty ? !issued.isEmpty : issued.contains { key in
                watched.contains { $0.0 === key.symbol && $0.1 == key.tag }
            }
            return hit ? a[1] : k.alreadyEvaluated(value)
        }
        define("Quiet", attributes: [.holdAll], arguments: ArgumentCount(1, 3), usage: "Quiet[expr] evaluates expr without showing messages; Quiet[expr, {s::t, …}] silences only those; Quiet[expr, off, on] also re-enables some.") { c throws(EvaluationControl) in
            let a = c.args
            let k = c.kernel
            func names(_ e: Expr) -> [MessageKey]? {
                if e == .symbol(Sym.All) { return nil }
                if e == .symbol(Sym.None) { return [] }
                return (e.hasHead(Sym.List) ? e.args : [e]).compactMap(Kernel.messageName).map { MessageKey(symbol: $0.0, tag: $0.1) }
            }
            var frame = QuietFrame(only: a.count >= 2 ? names(a[1]) : nil)
            if a.count == 3 { frame.except = names(a[2]) ?? [] }
            k.state.messages.quiet.append(frame)
            defer { k.state.messages.quiet.removeLast() }
            return k.alreadyEvaluated(try k.eval(a[0]))
        }
        define("$MessageList", usage: "$MessageList lists the messages issued during the current evaluation.") { c in
            .list(c.kernel.state.messages.issued.map { .call(Sym.HoldForm, [.call(Sym.MessageName, [.symbol($0.symbol), .string($0.tag)])]) })
        }
    }

    /// `symbol::tag` as its parts.
    static func messageName(_ e: Expr) -> (Symbol, String)? {
        var x = e
        if x.hasHead(Sym.HoldForm), let inner = x.args.first { x = inner }
        guard x.hasHead(Sym.MessageName), x.args.count >= 2, let s = x.args[0].symbol, let t = x.args[1].string else { return nil }
        return (s, t)
    }

    private func switchMessages(_ c: BuiltinCall, on: Bool) -> Expr? {
        for a in c.args {
            let names: [Expr] = a.hasHead(Sym.List) ? a.args : [a]
            for n in names {
                if let (s, t) = Kernel.messageName(n) {
                    let key = MessageKey(symbol: s, tag: t)
                    if on { state.messages.off.remove(key) } else { state.messages.off.insert(key) }
                } else if let s = n.symbol {
                    for tag in existingData(s)?.messages.keys.filter({ $0 != "usage" }) ?? [] {
                        let key = MessageKey(symbol: s, tag: tag)
                        if on { state.messages.off.remove(key) } else { state.messages.off.insert(key) }
                    }
                } else {
                    message(Sym.MessageName, "name", [n])
                }
            }
        }
        return .null
    }
}
