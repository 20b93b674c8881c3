import RampSyntax

/// A message name `symbol::tag`.
struct MessageKey: Hashable {
    let symbol: Symbol
    let tag: String
}

/// What `Quiet` suppresses: everything (`nil` list) or named messages, except those re-enabled.
struct QuietFrame {
    var only: [MessageKey]?
    var except: [MessageKey] = []

    func silences(_ key: MessageKey) -> Bool {
        if except.contains(where: { matches($0, key) }) { return false }
        guard let only else { return true }
        return only.contains(where: { matches($0, key) })
    }

    private func matches(_ pattern: MessageKey, _ key: MessageKey) -> Bool {
        pattern.tag == key.tag && (pattern.symbol === key.symbol || pattern.symbol === Sym.General)
    }
}

/// Message bookkeeping of one kernel.
struct MessageState {
    /// Messages switched off with `Off`.
    var off: Set<MessageKey> = []
    /// How often each message was issued in the current top-level evaluation (`General::stop`).
    var counts: [MessageKey: Int] = [:]
    /// Active `Quiet` frames, innermost last.
    var quiet: [QuietFrame] = []
    /// Every message issued (and not switched off), in order, for `Check` and `$MessageList`.
    var issued: [MessageKey] = []

    mutating func startEvaluation() {
        counts = [:]
        issued = []
        quiet = []
    }
}

extension Kernel {
    /// Issues `symbol::tag`, falling back to `General::tag` for the template. Switched-off messages
    /// are dropped; messages inside `Quiet` are recorded but not shown; after a message was shown three
    /// times in one evaluation, `General::stop` is shown once and further copies are suppressed.
    public func message(_ symbol: Symbol, _ tag: String, _ slots: [Expr]) {
        let key = MessageKey(symbol: symbol, tag: tag)
        if state.messages.off.contains(key) || state.messages.off.contains(MessageKey(symbol: Sym.General, tag: tag)) {
            return
        }
        state.messages.issued.append(key)
        if state.messages.quiet.contains(where: { $0.silences(key) }) { return }
        let n = (state.messages.counts[key] ?? 0) + 1
        state.messages.counts[key] = n
        if n > 3 {
            if n == 4 {
                let stopKey = MessageKey(symbol: Sym.General, tag: "stop")
                if !state.messages.off.contains(stopKey) {
                    emit(Sym.General, "stop", [.call(Sym.HoldForm, [.call(Sym.MessageName, [.symbol(symbol), .string(tag)])])])
                }
            }
            return
        }
        emit(symbol, tag, slots)
    }

    /// The template of `symbol::tag` (or `General::tag`), if any.
    func messageTemplate(_ symbol: Symbol, _ tag: String) -> String? {
        existingData(symbol)?.messages[tag] ?? existingData(Sym.General)?.messages[tag]
    }

    private func emit(_ symbol: Symbol, _ tag: String, _ slots: [Expr]) {
        var text = ""
        if let template = messageTemplate(symbol, tag) {
            var rest = Substring(template)
            while let open = rest.firstIndex(of: "`") {
                text += rest[..<open]
                let after = rest.index(after: open)
                guard let close = rest[after...].firstIndex(of: "`") else { rest = rest[open...]; break }
                if let k = Int(rest[after..<close]), k >= 1, k <= slots.count {
                    text += formatMessageSlot(slots[k - 1])
                }
                rest = rest[rest.index(after: close)...]
            }
            text += rest
        } else {
            text = "-- Message text not found --" + slots.map { " (" + formatMessageSlot($0) + ")" }.joined()
        }
        messageHandler(KernelMessage(symbol: symbol, tag: tag, text: text))
    }

    /// How a slot value appears in message text (strings without quotes, `HoldForm` stripped).
    func formatMessageSlot(_ e: Expr) -> String {
        if case .normal(let n) = e, n.head.symbol === Sym.HoldForm, n.args.count == 1 {
            if case .normal(let m) = n.args[0], m.head.symbol === Sym.MessageName, m.args.count == 2,
                let s = m.args[0].symbol, let t = m.args[1].string
            {
                return "\(s.name)::\(t)"
            }
            return formatMessageSlot(n.args[0])
        }
        return OutputForm.format(e, bareStrings: true)
    }
}
