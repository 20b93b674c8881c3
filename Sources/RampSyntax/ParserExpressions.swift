/// Prefix and infix parselets (grammar.md, "Grammar" and "Precedence").
extension ParserCore {
    // MARK: - Prefix position

    mutating func parsePrefix() throws(ParseFailure) -> Node {
        switch tok.kind {
        case .number:
            let value = lexer.takeValue()
            advance()
            return Node(expr: value, depth: 1, kind: .literal)
        case .string, .symbol:
            let value = lexer.takeValue()
            advance()
            return Node(expr: value, depth: 1)
        case .blank, .slot, .out:
            let value = lexer.takeValue()
            advance()
            return Node(expr: value, depth: 3)
        default:
            return try parsePrefixOperator()
        }
    }

    @inline(never) mutating func parsePrefixOperator() throws(ParseFailure) -> Node {
        let t = tok
        switch t.kind {
        case .lparen:
            let open = t.start
            enterBrackets()
            let saved = inPatternRHS
            inPatternRHS = false
            if tok.kind == .rparen { throw unexpected() }
            let inner = try parse(0)
            inPatternRHS = saved
            try close(.rparen, opener: open, closer: ")")
            let depth = inner.depth, kind: Node.Kind = inner.kind == .literal ? .literal : .parenthesized
            return Node(expr: inner.takeExpr(), depth: depth, kind: kind)
        case .lbrace:
            let (args, depth) = try parseSequence(opener: t.start, close: .rbrace, closer: "}")
            return make(Sym.List, args, depth: depth)
        case .lassoc:
            let (args, depth) = try parseSequence(opener: t.start, close: .rassoc, closer: "|>")
            return make(Sym.Association, args, depth: depth)
        case .less:
            return try parseLevelList()
        case .stringJoin:
            // `<>` in operand position: the empty level list.
            advance()
            return make(Sym.List, [], depth: 0)
        case .minus:
            advance()
            let operand = try parse(OperatorTable.unaryMinusOperand)
            if operand.kind == .literal, let negated = negatedNumber(operand.expr) {
                return Node(expr: negated, depth: 1, kind: .negatedLiteral)
            }
            let depth = operand.depth + 1
            return Node(expr: .call(Sym.Times, [.integer(-1), operand.takeExpr()]), depth: depth)
        case .plus:
            advance()
            while tok.kind == .plus { advance() }
            let operand = try parse(OperatorTable.unaryMinusOperand)
            return make(Sym.Plus, operand)
        case .bang, .notSign:
            advance()
            return make(Sym.Not, try parse(OperatorTable.notOperand))
        case .bangBang:
            advance()
            let not = Sym.Not
            return make(not, make(not, try parse(OperatorTable.notOperand)))
        case .plusPlus:
            advance()
            return make(Sym.PreIncrement, try parse(OperatorTable.preIncrementOperand))
        case .minusMinus:
            advance()
            return make(Sym.PreDecrement, try parse(OperatorTable.preIncrementOperand))
        case .get:
            let file = lexer.value
            advance()
            return Node(expr: .call(Sym.Get, file), depth: 2)
        case .semisemi:
            return try parseSpan(first: Node(expr: .integer(1), depth: 1))
        case .integral:
            return try parseIntegral()
        case .namedOperator:
            let op = NamedCharacters.operators[t.aux]
            advance()
            switch op.associativity {
            case .prefix:
                return make(op.head, try parse(op.precedence))
            case .flat where op.head.name == "PlusMinus" || op.head.name == "MinusPlus":
                return make(op.head, try parse(480))
            default:
                tok = t
                throw unexpected()
            }
        default:
            throw unexpected()
        }
    }

    /// `∫ f ⅆ x` → `Integrate[f, x]`. The integrand binds tighter than `\[Star]` (Wolfram prints
    /// looser ones in parentheses); the variable takes operators tighter than the form's own
    /// precedence, 325 (so `∫ f ⅆ x + 1` is `Integrate[f, x] + 1`).
    @inline(never) mutating func parseIntegral() throws(ParseFailure) -> Node {
        advance()
        let integrand = try parse(391)
        guard tok.kind == .differentialD, !atTopLevelNewline else { throw unexpected() }
        advance()
        let variable = try parse(326)
        return make(Sym.Integrate, integrand, variable)
    }

    /// Enters a bracket: newlines are whitespace until the matching close.
    @inline(__always) mutating func enterBrackets() {
        nesting += 1
        advance()
    }

    /// Expects the closing bracket `kind`, leaves the bracket and moves past it.
    mutating func close(_ kind: TokenKind, opener: Int, closer: String) throws(ParseFailure) {
        guard tok.kind == kind else { throw unclosed(opener: opener, closer: closer) }
        nesting -= 1
        advance()
    }

    /// A bracket that is not closed: incomplete at the end of input, wrong otherwise.
    @inline(never) func unclosed(opener: Int, closer: String) -> ParseFailure {
        switch tok.kind {
        case .eof:
            return error("bktmcp", "Expression \"\(textBefore(tok.start))\" has no closing \"\(closer)\".",
                         at: opener, incomplete: true)
        case .error:
            return unexpected()
        case .rparen, .rbracket, .rbrace, .rassoc, .rdouble, .greater:
            return error("bktmcp", "Expression \"\(textBefore(tok.start))\" has no closing \"\(closer)\".",
                         at: tok.start)
        default:
            return unexpected()
        }
    }

    /// Comma-separated elements up to the closing token; an empty element is `Null` (Wolfram warns
    /// with `Syntax::com`). The current token is the opening bracket.
    @inline(never) mutating func parseSequence(opener: Int, close kind: TokenKind, closer: String) throws(ParseFailure) -> ([Expr], Int) {
        let base = arguments.count
        let depth = try pushSequence(opener: opener, close: kind, closer: closer)
        return (arguments.take(from: base), depth)
    }

    /// As `parseSequence`, leaving the elements on the argument stack; returns their depth.
    mutating func pushSequence(opener: Int, close closeKind: TokenKind, closer: String) throws(ParseFailure) -> Int {
        enterBrackets()
        let saved = inPatternRHS
        inPatternRHS = false
        defer { inPatternRHS = saved }
        var depth = 0
        if tok.kind == closeKind {
            try close(closeKind, opener: opener, closer: closer)
            return 0
        }
        while true {
            switch tok.kind {
            case .comma:
                arguments.push(.null)
            case .number, .string, .symbol:
                // An atom: pushed directly when a `,` or the closer follows (the common case).
                let kind: Node.Kind = tok.kind == .number ? .literal : .plain
                let value = lexer.takeValue()
                advance()
                if tok.kind == .comma || tok.kind == closeKind {
                    arguments.push(value)
                    depth = max(depth, 1)
                } else {
                    let element = try parse(after: Node(expr: value, depth: 1, kind: kind), 0)
                    depth = max(depth, element.depth)
                    arguments.push(element.takeExpr())
                }
            case .eof:
                throw unclosed(opener: opener, closer: closer)
            default:
                let element = try parse(0)
                depth = max(depth, element.depth)
                arguments.push(element.takeExpr())
            }
            guard tok.kind == .comma else { break }
            advance()
            if tok.kind == closeKind { arguments.push(.null); break }
        }
        try close(closeKind, opener: opener, closer: closer)
        return max(depth, 1)
    }

    /// `<a, b, …>`: Ramp's level-list extension, read as `{a, b, …}`. Elements bind tighter than
    /// comparisons, so the closing `>` is not read as `Greater`.
    @inline(never) mutating func parseLevelList() throws(ParseFailure) -> Node {
        let opener = tok.start
        enterBrackets()
        let saved = inPatternRHS
        inPatternRHS = false
        defer { inPatternRHS = saved }
        let base = arguments.count
        var depth = 1
        if tok.kind != .greater {
            while true {
                guard tok.kind != .eof else { throw unclosed(opener: opener, closer: ">") }
                let element = try parse(OperatorTable.comparisonOperand)
                depth = max(depth, element.depth)
                arguments.push(element.takeExpr())
                guard tok.kind == .comma else { break }
                advance()
            }
        }
        try close(.greater, opener: opener, closer: ">")
        return make(Sym.List, arguments.take(from: base), depth: depth)
    }

    /// `first ;; b ;; c` with either part optional (`1` and `All` stand in). The current token is `;;`.
    @inline(never) mutating func parseSpan(first: consuming Node) throws(ParseFailure) -> Node {
        advance()
        var args = [first.expr]
        var depth = first.depth
        if operandFollows && tok.kind != .semisemi {
            let b = try parse(OperatorTable.spanOperand)
            args.append(b.expr)
            depth = max(depth, b.depth)
        } else {
            args.append(.symbol(Sym.All))
        }
        if tok.kind == .semisemi && !atTopLevelNewline {
            var peek = lexer
            let after = peek.next()
            if canStart(after) && after.kind != .semisemi && !(after.newlineBefore && nesting == 0) {
                advance()
                let c = try parse(OperatorTable.spanOperand)
                args.append(c.expr)
                depth = max(depth, c.depth)
            }
        }
        return make(Sym.Span, args, depth: depth, kind: .span)
    }

    // MARK: - Infix position

    /// One switch over every infix token; each case calls its own (not inlined) parselet, so this
    /// function's stack frame stays small for deep nesting.
    mutating func parseInfix(_ left: consuming Node, _ prec: Int) throws(ParseFailure) -> Node {
        switch tok.kind {
        case .messageName: return parseMessageName(left)
        case .lbracket, .ldouble: return try parseCall(left)
        case .plusPlus: return postfix(left, Sym.Increment)
        case .minusMinus: return postfix(left, Sym.Decrement)
        case .at: return try parseAt(left)
        case .tilde: return try parseTilde(left)
        case .bang: return postfix(left, Sym.Factorial)
        case .bangBang: return postfix(left, Sym.Factorial2)
        case .quote: return parseDerivative(left)
        case .slash: return try parseDivide(left)
        case .plus, .minus: return try parsePlus(left)
        case .semisemi:
            if left.kind == .span { return try parseTimes(left) }
            return try parseSpan(first: left)
        case .equalEqual, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            return try parseComparison(left)
        case .dotDot: return postfix(left, Sym.Repeated)
        case .dotDotDot: return postfix(left, Sym.RepeatedNull)
        case .colon: return try parseColon(left)
        case .amp: return postfix(left, Sym.Function)
        case .slashSlash: return try parseSlashSlash(left)
        case .slashColon: return try parseTagSet(left)
        case .unset: return postfix(left, Sym.Unset)
        case .put, .putAppend: return parsePut(left)
        case .semi: return try parseCompound(left)
        case .namedOperator: return try parseNamedInfix(left)
        default:
            if let head = genericOperatorHeads[Int(tok.kind.rawValue)] { return try parseTableOperator(left, head) }
            if prec == 400 { return try parseTimes(left) }
            throw unexpected()
        }
    }

    /// A binary or flat operator read as its row of the operator table says.
    @inline(never) mutating func parseTableOperator(_ left: consuming Node, _ head: Symbol) throws(ParseFailure) -> Node {
        let kind = Int(tok.kind.rawValue)
        let precedence = Int(operatorPrecedences[kind])
        switch operatorForms[kind] {
        case .flat: return try parseFlat(left, head: head, operandPrec: precedence + 1)
        case .left: return try parseBinary(left, head, rhsPrec: precedence + 1)
        default: return try parseBinary(left, head, rhsPrec: precedence)
        }
    }

    /// `f'`, `f''`, …: `Derivative[n][f]`.
    @inline(never) mutating func parseDerivative(_ left: consuming Node) -> Node {
        var count = 0
        while tok.kind == .quote && !(count > 0 && atTopLevelNewline) {
            count += 1
            advance()
        }
        let derivative = Expr.call(Sym.Derivative, .integer(count))
        return Node(expr: .call(derivative, [left.expr]), depth: left.depth + 2)
    }

    /// `x >> file`, `x >>> file`.
    @inline(never) mutating func parsePut(_ left: consuming Node) -> Node {
        let head = tok.kind == .put ? Sym.Put : Sym.PutAppend
        let file = lexer.value
        advance()
        return Node(expr: .call(head, [left.expr, file]), depth: left.depth + 1)
    }

    /// An infix or postfix operator written with a named character.
    @inline(never) mutating func parseNamedInfix(_ left: consuming Node) throws(ParseFailure) -> Node {
        let t = tok
        let op = NamedCharacters.operators[t.aux]
        switch op.associativity {
        case .flat: return try parseFlat(left, head: op.head, operandPrec: op.precedence + 1, aux: t.aux)
        case .left: return try parseBinary(left, op.head, rhsPrec: op.precedence + 1)
        case .right: return try parseBinary(left, op.head, rhsPrec: op.precedence)
        case .postfix: return postfix(left, op.head)
        case .prefix: return try parseTimes(left)
        }
    }

    @inline(never) mutating func parseMessageName(_ left: consuming Node) -> Node {
        var args = [left.expr]
        while tok.kind == .messageName {
            args.append(lexer.value)
            advance()
        }
        return make(Sym.MessageName, args, depth: left.depth)
    }

    /// `left op` for a postfix operator.
    @inline(never) mutating func postfix(_ left: consuming Node, _ head: Symbol) -> Node {
        advance()
        let depth = left.depth + 1
        return Node(expr: .call(head, [left.takeExpr()]), depth: depth)
    }

    /// `f[args]`, `e[[i, j]]`, `e〚i〛`.
    @inline(never) mutating func parseCall(_ left: consuming Node) throws(ParseFailure) -> Node {
        let t = tok
        if t.kind == .ldouble {
            let base = arguments.count
            let leftDepth = left.depth
            arguments.push(left.takeExpr())
            let depth = try pushSequence(opener: t.start, close: .rdouble, closer: "\u{301B}")
            return make(Sym.Part, arguments.take(from: base), depth: max(depth, leftDepth))
        }
        let open = t.start
        if lexer.byte(t.start + 1) == UInt8(ascii: "[") {
            enterBrackets()
            let base = arguments.count
            arguments.push(left.expr)
            let depth = try pushSequence(opener: open, close: .rbracket, closer: "]]")
            // pushSequence took the first `]`; the second closes the part.
            guard tok.kind == .rbracket else { throw unclosed(opener: open, closer: "]]") }
            nesting -= 1
            advance()
            return make(Sym.Part, arguments.take(from: base), depth: max(depth, left.depth))
        }
        let (args, depth) = try parseSequence(opener: open, close: .rbracket, closer: "]")
        let callDepth = max(depth, left.depth) + 1
        return Node(expr: .call(left.takeExpr(), args), depth: callDepth)
    }

    /// `f @ x` → `f[x]`.
    @inline(never) mutating func parseAt(_ left: consuming Node) throws(ParseFailure) -> Node {
        advance()
        let rhs = try parse(640)
        let depth = max(left.depth, rhs.depth) + 1
        return Node(expr: .call(left.takeExpr(), [rhs.takeExpr()]), depth: depth)
    }

    /// `x ~f~ y` → `f[x, y]`.
    @inline(never) mutating func parseTilde(_ left: consuming Node) throws(ParseFailure) -> Node {
        advance()
        let middle = try parse(631)
        guard tok.kind == .tilde else { throw unexpected() }
        advance()
        let rhs = try parse(631)
        return Node(expr: .call(middle.expr, [left.expr, rhs.expr]),
                    depth: max(left.depth, middle.depth, rhs.depth) + 1)
    }

    /// `a / b` → `Times[a, Power[b, -1]]`; a written `Times` on the left is flattened in.
    @inline(never) mutating func parseDivide(_ left: consuming Node) throws(ParseFailure) -> Node {
            advance()
            let rhs = try parse(471)
            let depth = max(left.depth, rhs.depth + 1)
            let reciprocal = Expr.call(Sym.Power, [rhs.takeExpr(), .integer(-1)])
            if left.kind == .timesChain, case .normal(let n) = left.expr {
                return make(Sym.Times, n.args + CollectionOfOne(reciprocal), depth: depth, kind: .division)
            }
            return make(Sym.Times, [left.takeExpr(), reciprocal], depth: depth, kind: .division)
    }

    /// `x // f` → `f[x]`.
    @inline(never) mutating func parseSlashSlash(_ left: consuming Node) throws(ParseFailure) -> Node {
        advance()
        let f = try parse(71)
        let depth = max(left.depth, f.depth) + 1
        return Node(expr: .call(f.takeExpr(), [left.takeExpr()]), depth: depth)
    }

    /// `left op rhs` for a binary operator (`rhsPrec` = its precedence when right-associative, one more
    /// when left-associative).
    @inline(never) mutating func parseBinary(_ left: consuming Node, _ head: Symbol, rhsPrec: Int) throws(ParseFailure) -> Node {
        advance()
        let rhs = try parse(rhsPrec)
        return make(head, left, rhs)
    }

    /// An n-ary operator: collects operands while the same operator follows.
    @inline(never) mutating func parseFlat(_ left: consuming Node, head: Symbol, operandPrec: Int, aux: Int = -1) throws(ParseFailure) -> Node {
        let kind = tok.kind
        let base = arguments.count
        var depth = left.depth
        arguments.push(left.takeExpr())
        while tok.kind == kind && (aux < 0 || tok.aux == aux) && !(arguments.count - base > 1 && atTopLevelNewline) {
            advance()
            let operand = try parse(operandPrec)
            depth = max(depth, operand.depth)
            arguments.push(operand.takeExpr())
        }
        return make(head, arguments.take(from: base), depth: depth)
    }

    /// `a * b`, `a b`, `a × b`: one `Times`; a division after the first operand is spliced in
    /// (`a*b/c` is `Times[a, b, Power[c, -1]]`).
    @inline(never) mutating func parseTimes(_ left: consuming Node) throws(ParseFailure) -> Node {
        let base = arguments.count
        var depth = left.depth
        var lastKind = left.kind
        arguments.push(left.takeExpr())
        while !atTopLevelNewline && infixPrecedence(afterKind: lastKind) == 400 {
            let isStar = tok.kind == .star
            if isStar { advance() }
            let operand = try parse(401)
            if operand.kind == .division, case .normal(let n) = operand.expr {
                arguments.push(contentsOf: n.args)
                depth = max(depth, operand.depth - 1)
            } else {
                depth = max(depth, operand.depth)
                arguments.push(operand.takeExpr())
            }
            lastKind = operand.kind
        }
        return make(Sym.Times, arguments.take(from: base), depth: depth, kind: .timesChain)
    }

    /// `a + b - c`: one `Plus`; `- x` negates the operand (`a - 4` is `Plus[a, -4]`).
    @inline(never) mutating func parsePlus(_ left: consuming Node) throws(ParseFailure) -> Node {
        let base = arguments.count
        var depth = left.depth
        arguments.push(left.takeExpr())
        while (tok.kind == .plus || tok.kind == .minus) && !(arguments.count - base > 1 && atTopLevelNewline) {
            let minus = tok.kind == .minus
            advance()
            if !minus { while tok.kind == .plus { advance() } }
            var operand = try parse(311)
            if minus { operand = negate(operand) }
            depth = max(depth, operand.depth)
            arguments.push(operand.takeExpr())
        }
        return make(Sym.Plus, arguments.take(from: base), depth: depth)
    }

    /// A chain of `==`, `!=`, `<`, `<=`, `>`, `>=`: one head when all are the same, else `Inequality`.
    @inline(never) mutating func parseComparison(_ left: consuming Node) throws(ParseFailure) -> Node {
        var operands = [left.expr]
        var ops: [TokenKind] = []
        var depth = left.depth
        while !(ops.count > 0 && atTopLevelNewline) {
            switch tok.kind {
            case .equalEqual, .notEqual, .less, .lessEqual, .greater, .greaterEqual: break
            default:
                return finishComparison(operands, ops, depth)
            }
            ops.append(tok.kind)
            advance()
            let operand = try parse(291)
            operands.append(operand.expr)
            depth = max(depth, operand.depth)
        }
        return finishComparison(operands, ops, depth)
    }

    private func finishComparison(_ operands: [Expr], _ ops: [TokenKind], _ depth: Int) -> Node {
        func head(_ k: TokenKind) -> Symbol {
            switch k {
            case .equalEqual: return Sym.Equal
            case .notEqual: return Sym.Unequal
            case .less: return Sym.Less
            case .lessEqual: return Sym.LessEqual
            case .greater: return Sym.Greater
            default: return Sym.GreaterEqual
            }
        }
        if ops.allSatisfy({ $0 == ops[0] }) { return make(head(ops[0]), operands, depth: depth) }
        var args: [Expr] = [operands[0]]
        for (i, op) in ops.enumerated() {
            args.append(.symbol(head(op)))
            args.append(operands[i + 1])
        }
        return make(Sym.Inequality, args, depth: depth)
    }

    /// `sym:patt` (`Pattern`) or `patt:default` (`Optional`); anything else before `:` is an error.
    @inline(never) mutating func parseColon(_ left: consuming Node) throws(ParseFailure) -> Node {
        if case .symbol = left.expr, left.kind != .parenthesized {
            advance()
            let saved = inPatternRHS
            inPatternRHS = true
            let rhs = try parse(150)
            inPatternRHS = saved
            return make(Sym.Pattern, left, rhs)
        }
        if let h = left.expr.headSymbol,
           h === Sym.Pattern || h === Sym.Blank || h === Sym.BlankSequence || h === Sym.BlankNullSequence
        {
            advance()
            let rhs = try parse(140)
            return make(Sym.Optional, left, rhs)
        }
        throw unexpected()
    }

    /// `s /: lhs = rhs`, `s /: lhs := rhs`, `s /: lhs =.`.
    @inline(never) mutating func parseTagSet(_ left: consuming Node) throws(ParseFailure) -> Node {
        advance()
        let lhs = try parse(41)
        switch tok.kind {
        case .equal:
            advance()
            return make(Sym.TagSet, left, lhs, try parse(40))
        case .colonEqual:
            advance()
            return make(Sym.TagSetDelayed, left, lhs, try parse(40))
        case .unset:
            advance()
            return make(Sym.TagUnset, left, lhs)
        default:
            throw unexpected()
        }
    }

    /// `a; b; c` and `a;` (a missing operand is `Null`). Does not cross a top-level newline.
    @inline(never) mutating func parseCompound(_ left: consuming Node) throws(ParseFailure) -> Node {
        let base = arguments.count
        var depth = left.depth
        arguments.push(left.takeExpr())
        while tok.kind == .semi && !(arguments.count - base > 1 && atTopLevelNewline) {
            advance()
            if operandFollows {
                let operand = try parse(11)
                depth = max(depth, operand.depth)
                arguments.push(operand.takeExpr())
            } else {
                arguments.push(.null)
            }
        }
        return make(Sym.CompoundExpression, arguments.take(from: base), depth: depth)
    }
}
