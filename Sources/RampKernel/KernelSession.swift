import RampSyntax

// Additions to the kernel's public API for sessions and embedders (owned by the REPL/embedding
// work; kept apart from Kernel.swift, which the evaluator owns).

extension Kernel {
    // MARK: Source text

    /// Parses one expression (`"f[x_] := x^2"`) without evaluating it.
    /// - Throws: ``SyntaxError`` with the line, column and a Wolfram-style message.
    public func parse(_ source: String) throws(SyntaxError) -> Expr {
        try Parser.parseExpression(source)
    }

    /// Parses a whole program (statements separated by newlines or `;`-terminated lines) without
    /// evaluating it.
    public func parseProgram(_ source: String, fileName: String? = nil) throws(SyntaxError) -> [Expr] {
        try Parser.parseProgram(source, fileName: fileName)
    }

    /// Parses `source` and evaluates its statements in order; returns the value of the last one
    /// (`Null` for an empty program).
    ///
    /// The whole text is parsed before anything is evaluated, so a syntax error leaves the kernel
    /// untouched. Messages go to ``messageHandler`` and `Print` output to ``printHandler``; an
    /// abort (``abort()``) makes the result `$Aborted`.
    ///
    /// ```swift
    /// let kernel = Kernel.standard()
    /// let value = try kernel.evaluate(source: "f[x_] := x^2\nf[12]")   // 144
    /// ```
    @discardableResult
    public func evaluate(source: String, fileName: String? = nil) throws(SyntaxError) -> Expr {
        var result = Expr.null
        for statement in try Parser.parseProgram(source, fileName: fileName) {
            result = evaluate(statement)
        }
        return result
    }

    /// The expression as text: `.fullForm`, `.inputForm` (reads back), `.outputForm` (what the REPL
    /// shows after `Out[n]=`) or `.scriptForm` (what `ramp -c` prints: InputForm with bare strings).
    public func format(_ expr: Expr, _ style: FormStyle = .outputForm) -> String {
        expr.formatted(style)
    }

    // MARK: Introspection

    /// The template of `symbol::tag` (`"usage"` for the `?Name` text), or nil when it has none.
    public func messageTemplate(_ symbol: String, _ tag: String) -> String? {
        guard let s = Symbol.existing(symbol) else { return nil }
        return existingData(s)?.messages[tag]
    }

    /// The usage text of a symbol (`symbol::usage`), shown by `?Name`.
    public func usage(of symbol: String) -> String? { messageTemplate(symbol, "usage") }
}
