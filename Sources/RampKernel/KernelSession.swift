import RampSyntax

// Additions to the kernel's public API for sessions and embedders (owned by the REPL/embedding
// work; kept separate from Kernel.swift, which the evaluator owns).

extension Kernel {
    /// The template of `symbol::tag` (`"usage"` for the `?Name` text), or nil when it has none.
    public func messageTemplate(_ symbol: String, _ tag: String) -> String? {
        guard let s = Symbol.existing(symbol) else { return nil }
        return data(s).messages[tag]
    }

    /// The usage text of a symbol (`symbol::usage`), shown by `?Name`.
    public func usage(of symbol: String) -> String? { messageTemplate(symbol, "usage") }
}
