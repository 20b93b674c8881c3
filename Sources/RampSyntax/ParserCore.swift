
/// What the parser knows about a parsed operand beyond its expression: how deep it is and how it was
/// written (some FullForm rules depend on that, e.g. `-5` folding into a literal, `a - b c`
/// merging the negation into the `Times`, and `a;;b;;c;;d` starting a new `Span`).
struct Node {
    enum Kind: UInt8 {
        case plain
        /// `( … )` around something that is not a number literal.
        case parenthesized
        /// A number literal (possibly in parentheses).
        case literal
        /// `-literal`, folded into a negative number.
        case negatedLiteral
        /// An n-ary `Times` written with `*`, `×` or juxtaposition.
        case timesChain
        /// `a / b`, i.e. `Times[a, Power[b, -1]]`.
        case division
        /// `a ;; b` or `a ;; b ;; c`.
        case span
    }

    var expr: Expr
    /// Nesting depth of `expr` (an atom is 1).
    var depth: Int
    var kind: Kind = .plain

    /// The expression, moved out of the node (no reference-count traffic).
    @inline(__always) consuming func takeExpr() -> Expr { expr }
}

/// A syntax error on its way out of the parser: one reference, so that the recursive parse functions
/// keep small stack frames (a typed throw of the whole `SyntaxError` reserves room for it at every call).
struct ParseFailure: Error {
    private final class Box: Sendable {
        let error: SyntaxError
        init(_ error: SyntaxError) { self.error = error }
    }
    private let box: Box
    init(_ error: SyntaxError) { box = Box(error) }
    var error: SyntaxError { box.error }
}

/// The Pratt parser over the lexer's tokens. See grammar.md for the grammar and the precedence table.
struct ParserCore: ~Copyable {
    /// Nesting limit: deeper input (brackets, prefix or right-associative chains, or an expression
    /// built by left-associative chains) is a syntax error, so neither parsing nor later recursive
    /// walks over the result can exhaust the stack.
    static let maxDepth = 1024

    var lexer: Lexer
    /// The current (lookahead) token.
    var tok: Token
    /// Open brackets: inside any, newlines are whitespace.
    var nesting = 0
    /// Recursion depth of `parse`.
    var level = 0
    /// Inside the right operand of `sym:patt`, where a further `:` means `Optional`.
    var inPatternRHS = false
    /// Byte offset where the current top-level expression starts (for messages).
    var statementStart = 0
    var fileName: String?
    /// Elements of the argument lists being read (see `ArgumentStack`).
    var arguments = ArgumentStack()
    /// `OperatorTable.infixPrecedences`, held by the parser so the hot lookup is one array read.
    let operatorPrecedences = OperatorTable.infixPrecedences
    /// `OperatorTable.genericHeads` and `infixForms`, held for the same reason.
    let genericOperatorHeads = OperatorTable.genericHeads
    let operatorForms = OperatorTable.infixForms

    /// A parser over `bytes` from offset `start`, which must be a line start without line
    /// continuations before it (offsets in `bytes` are then offsets in the source).
    init(bytes: [UInt8], fileName: String?, start: Int = 0) {
        lexer = Lexer(bytes: bytes, start: start)
        tok = lexer.next()
        self.fileName = fileName
    }

    @inline(__always) mutating func advance() { tok = lexer.next() }

    /// A newline at top level ends a complete expression.
    @inline(__always) var atTopLevelNewline: Bool { tok.newlineBefore && nesting == 0 }

    // MARK: - Statements

    /// Parses one top-level expression; `nil` at the end of input.
    mutating func parseStatement() throws(ParseFailure) -> Node? {
        if tok.kind == .eof { return nil }
        statementStart = tok.start
        if tok.kind == .question || tok.kind == .questionQuestion {
            let long = tok.kind == .questionQuestion
            let text = lexer.restOfLine(from: tok.end)
            advance()
            let info = Expr.call(Sym.Information, .string(text),
                                 .call(Sym.Rule, .sym("LongForm"), .bool(long)))
            return Node(expr: info, depth: 3)
        }
        let node = try parse(0)
        if tok.kind != .eof && !tok.newlineBefore { throw unexpected() }
        return node
    }

    // MARK: - Expressions

    /// Parses an expression whose operators all bind at least as tightly as `minPrec`.
    mutating func parse(_ minPrec: Int) throws(ParseFailure) -> Node {
        level += 1
        defer { level -= 1 }
        if level > ParserCore.maxDepth { throw tooDeep() }
        return try parseInfixes(try parsePrefix(), minPrec)
    }

    /// `parse(minPrec)` when its first operand, `left`, has been read already.
    mutating func parse(after left: consuming Node, _ minPrec: Int) throws(ParseFailure) -> Node {
        level += 1
        defer { level -= 1 }
        if level > ParserCore.maxDepth { throw tooDeep() }
        return try parseInfixes(left, minPrec)
    }

    /// The infix operators binding at least as tightly as `minPrec` after the operand `left`.
    @inline(__always) mutating func parseInfixes(_ left: consuming Node, _ minPrec: Int) throws(ParseFailure) -> Node {
        while !atTopLevelNewline {
            let prec = infixPrecedence(after: left)
            if prec < minPrec { break }
            left = try parseInfix(left, prec)
            if left.depth > ParserCore.maxDepth { throw tooDeep() }
        }
        return left
    }

    /// Whether `t` can begin an expression.
    func canStart(_ t: Token) -> Bool {
        switch t.kind {
        case .number, .string, .symbol, .blank, .slot, .out, .lparen, .lbrace, .lassoc, .minus, .plus, .bang,
             .bangBang, .plusPlus, .minusMinus, .get, .semisemi, .less, .stringJoin, .error, .notSign, .integral:
            return true
        case .namedOperator:
            let op = NamedCharacters.operators[t.aux]
            return op.associativity == .prefix || op.head.name == "PlusMinus" || op.head.name == "MinusPlus"
        default:
            return false
        }
    }

    /// Whether the current token can begin an operand here (not after a top-level newline).
    var operandFollows: Bool { canStart(tok) && !atTopLevelNewline }

    /// The precedence with which the current token continues an expression whose left operand is
    /// `left`, or -1 when it cannot.
    @inline(__always) func infixPrecedence(after left: Node) -> Int { infixPrecedence(afterKind: left.kind) }

    /// `infixPrecedence(after:)` given only the left operand's kind.
    func infixPrecedence(afterKind leftKind: Node.Kind) -> Int {
        switch tok.kind {
        // A token that starts an expression: juxtaposition, implicit Times.
        case .number, .string, .symbol, .blank, .slot, .out, .lparen, .lbrace, .lassoc, .get, .error, .notSign,
             .integral:
            return 400
        case .semisemi: return leftKind == .span ? 400 : Int(operatorPrecedences[Int(tok.kind.rawValue)])
        case .colon: return inPatternRHS ? Int(operatorPrecedences[Int(tok.kind.rawValue)]) : 1000
        case .namedOperator:
            let op = NamedCharacters.operators[tok.aux]
            return op.associativity == .prefix ? 400 : op.precedence
        default: return Int(operatorPrecedences[Int(tok.kind.rawValue)])
        }
    }

    // MARK: - Building nodes

    @inline(__always) func make(_ head: Symbol, _ args: consuming [Expr], depth: Int, kind: Node.Kind = .plain) -> Node {
        Node(expr: .call(head, args), depth: depth + 1, kind: kind)
    }

    @inline(__always) func make(_ head: Symbol, _ child: consuming Node) -> Node {
        let depth = child.depth + 1
        return Node(expr: .call(head, [child.takeExpr()]), depth: depth)
    }

    @inline(__always) func make(_ head: Symbol, _ a: consuming Node, _ b: consuming Node) -> Node {
        let depth = max(a.depth, b.depth) + 1
        return Node(expr: .call(head, [a.takeExpr(), b.takeExpr()]), depth: depth)
    }

    @inline(__always) func make(_ head: Symbol, _ a: consuming Node, _ b: consuming Node, _ c: consuming Node) -> Node {
        let depth = max(a.depth, b.depth, c.depth) + 1
        return Node(expr: .call(head, [a.takeExpr(), b.takeExpr(), c.takeExpr()]), depth: depth)
    }

    /// `-x`: a number literal is negated in place; a written `Times` gets a leading `-1`; anything
    /// else becomes `Times[-1, x]`.
    func negate(_ node: consuming Node) -> Node {
        if node.kind == .literal, let negated = negatedNumber(node.expr) {
            return Node(expr: negated, depth: 1, kind: .negatedLiteral)
        }
        if node.kind == .timesChain || node.kind == .division, case .normal(let n) = node.expr {
            return Node(expr: .call(Sym.Times, [.integer(-1)] + n.args), depth: node.depth, kind: .plain)
        }
        return Node(expr: .call(Sym.Times, .integer(-1), node.expr), depth: node.depth + 1)
    }

    func negatedNumber(_ e: Expr) -> Expr? {
        switch e {
        case .integer(let i): return i == Int.min ? .bigInteger(-BigInt(i)) : .integer(-i)
        case .bigInteger(let b): return .integer(-b)
        case .rational(let n, let d): return .rational(-n, d)
        case .real(let d): return .real(d == 0 ? 0 : -d)
        default: return nil
        }
    }

    // MARK: - Errors

    /// The error for the current token: the lexer's error, incomplete input, or a token that cannot
    /// stand here.
    @inline(never) func unexpected() -> ParseFailure {
        switch tok.kind {
        case .error:
            let e = lexer.error ?? LexError(tag: "sntxf", text: "Invalid input.", offset: tok.start, incomplete: false)
            return error(e.tag, e.text, at: e.offset, incomplete: e.incomplete)
        case .eof:
            return error("sntxi", "Incomplete expression; more input is needed .", at: tok.start, incomplete: true)
        default:
            let after = lineSnippet(from: tok.start)
            if tok.start == statementStart {
                return error("sntxb", "Expression cannot begin with \"\(after)\".", at: tok.start)
            }
            return error("sntxf", "\"\(textBefore(tok.start))\" cannot be followed by \"\(after)\".", at: tok.start)
        }
    }

    @inline(never) func tooDeep() -> ParseFailure {
        error("toodeep", "Expression is nested more than \(ParserCore.maxDepth) levels deep.", at: tok.start)
    }

    /// The current statement's text (or the text from `start`) before `offset`, at most 40 characters.
    func textBefore(_ offset: Int, from start: Int? = nil) -> String {
        let from = min(start ?? statementStart, offset)
        var s = String(decoding: lexer.bytes[from..<min(offset, lexer.bytes.count)], as: UTF8.self)
        while let last = s.unicodeScalars.last, last == " " || last == "\t" || last == "\n" || last == "\r" {
            s.unicodeScalars.removeLast()
        }
        let scalars = s.unicodeScalars
        if scalars.count > 40 { return "..." + String(String.UnicodeScalarView(scalars.suffix(37))) }
        return s
    }

    /// The rest of the line from `offset` (its first 40 characters).
    func lineSnippet(from offset: Int) -> String {
        var end = offset
        let bytes = lexer.bytes
        while end < bytes.count && bytes[end] != 0x0A && bytes[end] != 0x0D && end - offset < 160 { end += 1 }
        var s = String(decoding: bytes[offset..<end], as: UTF8.self)
        while let last = s.unicodeScalars.last, last == " " || last == "\t" { s.unicodeScalars.removeLast() }
        let scalars = s.unicodeScalars
        if scalars.count > 40 { return String(String.UnicodeScalarView(scalars.prefix(37))) + "..." }
        return s
    }

    /// A `SyntaxError` at byte `offset`, with line, column and the source line for the caret.
    @inline(never) func error(_ tag: String, _ text: String, at offset: Int, incomplete: Bool = false) -> ParseFailure {
        let bytes = lexer.source
        let o = min(max(lexer.sourceOffset(offset), 0), bytes.count)
        var line = 1
        var lineStart = 0
        var i = 0
        while i < o {
            let b = bytes[i]
            if b == 0x0A || (b == 0x0D && (i + 1 >= bytes.count || bytes[i + 1] != 0x0A)) {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        var lineEnd = o
        while lineEnd < bytes.count && bytes[lineEnd] != 0x0A && bytes[lineEnd] != 0x0D { lineEnd += 1 }
        func characters(_ a: Int, _ b: Int) -> Int {
            var n = 0
            for j in a..<b where bytes[j] & 0xC0 != 0x80 { n += 1 }
            return n
        }
        let column = characters(lineStart, o) + 1
        // Very long lines are shown as a window around the spot.
        var from = lineStart, to = lineEnd, prefix = ""
        if lineEnd - lineStart > 160 {
            from = max(lineStart, o - 60)
            while from > lineStart && bytes[from] & 0xC0 == 0x80 { from -= 1 }
            to = min(lineEnd, o + 60)
            while to < lineEnd && bytes[to] & 0xC0 == 0x80 { to += 1 }
            if from > lineStart { prefix = "..." }
        }
        let source = prefix + String(decoding: bytes[from..<to], as: UTF8.self) + (to < lineEnd ? "..." : "")
        let caret = prefix.count + characters(from, o) + 1
        return ParseFailure(SyntaxError(tag: tag, text: text, line: line, column: column, fileName: fileName,
                                        sourceLine: source, isIncomplete: incomplete, caretColumn: caret))
    }
}

extension Lexer {
    /// The rest of the line after `p`, trimmed (for `?name`); the lexer continues at the line's end.
    mutating func restOfLine(from p: Int) -> String {
        var q = p
        while q < bytes.count && bytes[q] != 0x0A && bytes[q] != 0x0D { q += 1 }
        var s = String(decoding: bytes[p..<q], as: UTF8.self)
        while let f = s.unicodeScalars.first, f == " " || f == "\t" { s.unicodeScalars.removeFirst() }
        while let l = s.unicodeScalars.last, l == " " || l == "\t" { s.unicodeScalars.removeLast() }
        setPosition(q)
        return s
    }
}
