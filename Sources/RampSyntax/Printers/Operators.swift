
/// Output precedences: the values Wolfram's `Precedence[]` reports, read from the operator table
/// (`OperatorTable`, which the parser reads with too).
enum Prec {
    static let atom = 1000
    static let messageName = OperatorTable.infix(.messageName).printPrecedence
    static let patternTest = OperatorTable.infix(.question).printPrecedence
    static let call = OperatorTable.infix(.lbracket).printPrecedence
    static let increment = OperatorTable.infix(.plusPlus).printPrecedence
    static let map = OperatorTable.infix(.slashAt).printPrecedence
    static let factorial = OperatorTable.infix(.bang).printPrecedence
    static let stringJoin = OperatorTable.infix(.stringJoin).printPrecedence
    static let power = OperatorTable.infix(.caret).printPrecedence
    static let minus = OperatorTable.prefix(.minus).printPrecedence
    static let divide = OperatorTable.infix(.slash).printPrecedence
    static let times = OperatorTable.infix(.star).printPrecedence
    static let plus = OperatorTable.infix(.plus).printPrecedence
    static let span = OperatorTable.infix(.semisemi).printPrecedence
    static let not = OperatorTable.prefix(.bang).printPrecedence
    static let repeated = OperatorTable.infix(.dotDot).printPrecedence
    /// `sym:patt` (grammar.md: its right operand is read at 150).
    static let pattern = 150
    static let optional = OperatorTable.infix(.colon).printPrecedence
    static let function = OperatorTable.infix(.amp).printPrecedence
    static let set = OperatorTable.infix(.equal).printPrecedence
    static let compound = OperatorTable.infix(.semi).printPrecedence
}

/// An infix operator with a fixed spelling: binary (left or right grouping) or flat (n-ary).
struct InfixOperator {
    enum Grouping { case left, right, flat }
    let text: String
    let precedence: Int
    let grouping: Grouping

    /// The operators printed from the operator table; Plus, Times, Power, Span and the rest are laid
    /// out by hand.
    static let table: [Symbol: InfixOperator] = OperatorTable.printedByHead.mapValues { e in
        let grouping: Grouping = e.form == .left ? .left : e.form == .right ? .right : .flat
        // `printedByHead` holds only entries with a print text (the table's own data, not input).
        return InfixOperator(text: e.printText!, precedence: e.printPrecedence, grouping: grouping)
    }

    func accepts(_ count: Int) -> Bool { grouping == .flat ? count >= 2 : count == 2 }
}

// MARK: - Shapes shared by layout and precedence

extension Printer {
    /// The spellings of the relations in `Inequality[a, op1, b, op2, c, …]` (` < `, ` <= `, …), or
    /// nil when the arguments are not of that shape.
    /// Only mixed relations print as operators: `a < b < c` reads back as `Less[a, b, c]`, so
    /// `Inequality[a, Less, b, Less, c]` keeps its full form.
    static func inequalityOperators(_ args: [Expr]) -> [String]? {
        guard args.count >= 5, args.count % 2 == 1 else { return nil }
        guard stride(from: 3, to: args.count, by: 2).contains(where: { args[$0] != args[1] }) else { return nil }
        var out: [String] = []
        for i in stride(from: 1, to: args.count, by: 2) {
            guard let s = args[i].symbol, ["Less", "LessEqual", "Greater", "GreaterEqual", "Equal", "Unequal"].contains(s.name),
                  let op = InfixOperator.table[s] else { return nil }
            out.append(op.text)
        }
        return out
    }

    /// Whether `e` is a negative real number (integer, rational or machine real).
    static func isNegativeNumber(_ e: Expr) -> Bool {
        switch e {
        case .integer(let i): return i < 0
        case .bigInteger(let b): return b.sign == .minus
        case .rational(let n, _): return n.sign == .minus
        case .real(let d): return d < 0
        case .bigReal(let x): return x.sign < 0
        default: return false
        }
    }

    static func isRealNumber(_ e: Expr) -> Bool {
        switch e {
        case .integer, .bigInteger, .rational, .real, .bigReal: return true
        default: return false
        }
    }

    /// `-e` for a negative number.
    static func negatedNumber(_ e: Expr) -> Expr {
        switch e {
        case .integer(let i): return i == Int.min ? .bigInteger(-BigInt(i)) : .integer(-i)
        case .bigInteger(let b): return Expr.integer(-b)
        case .rational(let n, let d): return .rational(-n, d)
        case .real(let d): return .real(-d)
        case .bigReal(let x): return .bigReal(x.negated())
        default: return e
        }
    }

    /// A term that prints with a minus sign: a negative number or a product with a negative coefficient.
    static func isNegativeTerm(_ e: Expr) -> Bool {
        if isNegativeNumber(e) { return true }
        if case .normal(let n) = e, n.head.symbol === Sym.Times, n.args.count >= 2 {
            return isNegativeNumber(n.args[0]) || isNegativeImaginary(n.args[0])
        }
        if case .complex(let re, let im) = e, re == .integer(0) { return isNegativeNumber(im) }
        return false
    }

    /// `Complex[0, b]` with `b < 0` (`-2*I`).
    static func isNegativeImaginary(_ e: Expr) -> Bool {
        if case .complex(let re, let im) = e, re == .integer(0) { return isNegativeNumber(im) }
        return false
    }

    /// The term with its sign flipped, for terms where `isNegativeTerm` holds.
    static func negatedTerm(_ e: Expr) -> Expr {
        if isNegativeNumber(e) { return negatedNumber(e) }
        if case .complex(let re, let im) = e { return .complex(re, negatedNumber(im)) }
        if case .normal(let n) = e {
            let c = n.args[0]
            if c == .integer(-1) {
                return n.args.count == 2 ? n.args[1] : .call(Sym.Times, Array(n.args.dropFirst()))
            }
            let positive: Expr
            if case .complex(let re, let im) = c { positive = .complex(re, negatedNumber(im)) } else { positive = negatedNumber(c) }
            return .call(Sym.Times, [positive] + n.args.dropFirst())
        }
        return e
    }

    /// A product split into what prints above and below the fraction bar (§3.5 rule 5).
    struct TimesParts {
        /// The coefficient was `-1/q`: the numerator gets a leading minus (`-x/2`).
        var negativeNumerator = false
        var numerator: [Expr] = []
        var denominator: [Expr] = []
    }

    /// Splits `Times[args…]` whose first factor is not `-1`.
    static func timesParts(_ args: [Expr]) -> TimesParts {
        var parts = TimesParts()
        for (i, f) in args.enumerated() {
            if i == 0, case .rational(let p, let q) = f {
                if p == -1 { parts.negativeNumerator = true } else if p != 1 { parts.numerator.append(Expr.integer(p)) }
                parts.denominator.append(Expr.integer(q))
                continue
            }
            if case .normal(let n) = f, n.head.symbol === Sym.Power, n.args.count == 2, isNegativeTerm(n.args[1]),
                !n.args[1].isComplexAtom
            {
                let exponent = negatedTerm(n.args[1])
                parts.denominator.append(exponent == .integer(1) ? n.args[0] : .call(Sym.Power, n.args[0], exponent))
                continue
            }
            parts.numerator.append(f)
        }
        return parts
    }

    /// A product that begins with a literal `-1`, printed as a prefix minus (`-x`, `-(a*b)`).
    static func isMinusProduct(_ args: [Expr]) -> Bool { args.count >= 2 && args[0] == .integer(-1) }

    // MARK: Precedence

    /// How tightly the printed form of `e` binds (shallow: looks only at `e` and its arguments' shapes).
    func precedence(_ e: Expr) -> Int {
        switch e {
        case .integer, .bigInteger, .real, .bigReal:
            return Printer.isNegativeNumber(e) ? Prec.minus : Prec.atom
        case .rational:
            return Prec.divide
        case .complex(let re, let im):
            return precedence(Printer.complexAsSum(re, im))
        case .string, .symbol, .packed, .native:
            return Prec.atom
        case .normal(let n):
            guard let h = n.head.symbol else { return Prec.atom }
            return operatorPrecedence(h, n.args) ?? Prec.atom
        }
    }

    /// The precedence of `h[args…]` when it prints as an operator; nil when it prints as a call.
    func operatorPrecedence(_ h: Symbol, _ args: [Expr]) -> Int? {
        if let op = InfixOperator.table[h], op.accepts(args.count) { return op.precedence }
        switch h {
        case Sym.Plus where args.count >= 2: return Prec.plus
        case Sym.Times where args.count >= 2:
            if Printer.isMinusProduct(args) { return Prec.minus }
            let parts = Printer.timesParts(args)
            return parts.denominator.isEmpty ? Prec.times : Prec.divide
        case Sym.Power where args.count == 2:
            if args[1] == .rational(1, 2) { return Prec.atom }
            if args[1] == .rational(-1, 2) { return Prec.divide }
            if style == .outputForm && Printer.isNegativeTerm(args[1]) && !args[1].isComplexAtom { return Prec.divide }
            return Prec.power
        case Sym.Span where args.count == 2 || args.count == 3: return Prec.span
        case _ where h.name == "Inequality" && Printer.inequalityOperators(args) != nil:
            return InfixOperator.table[Sym.Less]?.precedence
        case Sym.CompoundExpression where args.count >= 2: return Prec.compound
        case Sym.Function where args.count == 1: return Prec.function
        case Sym.Not where args.count == 1: return Prec.not
        case Sym.Pattern where args.count == 2 && args[0].symbol != nil:
            return Printer.blankText(args[1]) != nil ? Prec.atom : Prec.pattern
        case Sym.Optional where args.count == 2 && Printer.isPatternLike(args[0]): return Prec.optional
        case Sym.Repeated where args.count == 1, Sym.RepeatedNull where args.count == 1: return Prec.repeated
        case Sym.Part where args.count >= 2: return Prec.call
        case Sym.MessageName where args.count >= 2 && args.dropFirst().allSatisfy({ $0.string != nil }): return Prec.messageName
        case Sym.Increment where args.count == 1, Sym.Decrement where args.count == 1,
            Sym.PreIncrement where args.count == 1, Sym.PreDecrement where args.count == 1:
            return Prec.increment
        case Sym.Factorial where args.count == 1, Sym.Factorial2 where args.count == 1: return Prec.factorial
        case Sym.Unset where args.count == 1: return Prec.set
        case Sym.TagSet where args.count == 3, Sym.TagSetDelayed where args.count == 3: return Prec.set
        case Sym.Apply where args.count == 3 && args[2] == [1]: return Prec.map
        case Sym.DirectedInfinity where args.count == 1 && args[0] == .integer(-1): return Prec.minus
        case Sym.HoldForm where args.count == 1 && style == .outputForm: return precedence(args[0])
        case _ where showsDisplayForms && !args.isEmpty && DisplayForms.transparentHeads.contains(h.name):
            return precedence(args[0])
        default: return nil
        }
    }

    static func isPatternLike(_ e: Expr) -> Bool {
        if blankText(e) != nil { return true }
        return e.hasHead(Sym.Pattern) && e.args.count == 2 && e.args[0].symbol != nil
    }

    /// `_`, `__h`, `___` for the blank heads with no argument or a symbol argument.
    static func blankText(_ e: Expr) -> String? {
        guard case .normal(let n) = e, let h = n.head.symbol else { return nil }
        let underscores: String
        switch h {
        case Sym.Blank: underscores = "_"
        case Sym.BlankSequence: underscores = "__"
        case Sym.BlankNullSequence: underscores = "___"
        default: return nil
        }
        if n.args.isEmpty { return underscores }
        if n.args.count == 1, let s = n.args[0].symbol { return underscores + s.name }
        return nil
    }
}

extension Expr {
    var isComplexAtom: Bool {
        if case .complex = self { return true }
        return false
    }
}

// MARK: - Operator layouts

extension Printer {
    /// Lays out `h[args…]` as an operator form; false when it prints as an ordinary call.
    func layoutOperator(_ h: Symbol, _ args: [Expr], into p: inout [Piece]) -> Bool {
        if let op = InfixOperator.table[h], op.accepts(args.count) {
            if h === Sym.Apply, args.count == 3 { return false }
            layoutInfix(op, args, into: &p)
            return true
        }
        switch h {
        case Sym.List:
            p.append(.text("{"))
            appendJoined(args, separator: ", ", into: &p)
            p.append(.text("}"))
        case Sym.Association:
            p.append(.text("<|"))
            appendJoined(args, separator: ", ", into: &p)
            p.append(.text("|>"))
        case Sym.Plus where args.count >= 2:
            layoutPlus(args, into: &p)
        case Sym.Times where args.count >= 2:
            layoutTimes(args, into: &p)
        case Sym.Power where args.count == 2:
            layoutPower(args[0], args[1], into: &p)
        case Sym.Span where args.count == 2 || args.count == 3:
            for (i, a) in args.enumerated() {
                if i > 0 { p.append(.text(";;")) }
                child(a, precedence(a) <= Prec.span, into: &p)
            }
        case _ where h.name == "Inequality" && Printer.inequalityOperators(args) != nil:
            // `Inequality[a, Less, x, LessEqual, b]` prints as `a < x <= b`.
            let spellings = Printer.inequalityOperators(args) ?? []
            let level = InfixOperator.table[Sym.Less]?.precedence ?? 0
            for (i, a) in args.enumerated() {
                if i % 2 == 1 { p.append(.text(spellings[i / 2])); continue }
                child(a, precedence(a) <= level, into: &p)
            }
        case Sym.CompoundExpression where args.count >= 2:
            for (i, a) in args.enumerated() {
                if i > 0 { p.append(.text("; ")) }
                if i == args.count - 1 && a == .null { break }
                child(a, precedence(a) <= Prec.compound, into: &p)
            }
        case Sym.Function where args.count == 1:
            child(args[0], precedence(args[0]) <= Prec.function, into: &p)
            p.append(.text(" & "))
        case Sym.Not where args.count == 1:
            p.append(.text(" !"))
            child(args[0], precedence(args[0]) < Prec.not, into: &p)
        case Sym.Slot where args.count == 1, Sym.SlotSequence where args.count == 1:
            let hashes = h === Sym.Slot ? "#" : "##"
            if case .integer(let k) = args[0], k >= 0 {
                p.append(.text(hashes + String(k)))
            } else if let name = args[0].string, h === Sym.Slot, Printer.isIdentifier(name) {
                p.append(.text("#" + name))
            } else {
                return false
            }
        case Sym.Blank, Sym.BlankSequence, Sym.BlankNullSequence:
            guard let text = Printer.blankText(.call(h, args)) else { return false }
            p.append(.text(text))
        case Sym.Pattern where args.count == 2:
            guard let name = args[0].symbol else { return false }
            if let blank = Printer.blankText(args[1]) {
                p.append(.text(name.name + blank))
            } else {
                p.append(.text(name.name + ":"))
                child(args[1], precedence(args[1]) <= Prec.pattern, into: &p)
            }
        case Sym.Optional where args.count == 1:
            guard Printer.blankText(args[0]) != nil || (Printer.isPatternLike(args[0]) && Printer.blankText(args[0].args[1]) != nil)
            else { return false }
            p += [.expr(args[0]), .text(".")]
        case Sym.Optional where args.count == 2:
            guard Printer.isPatternLike(args[0]) else { return false }
            child(args[0], precedence(args[0]) < Prec.optional, into: &p)
            p.append(.text(":"))
            child(args[1], precedence(args[1]) <= Prec.optional, into: &p)
        case Sym.Repeated where args.count == 1, Sym.RepeatedNull where args.count == 1:
            child(args[0], precedence(args[0]) <= Prec.repeated || args[0].isNumber, into: &p)
            p.append(.text(h === Sym.Repeated ? ".." : "..."))
        case Sym.Part where args.count >= 2:
            child(args[0], precedence(args[0]) < Prec.call, into: &p)
            p.append(.text("[["))
            appendJoined(Array(args.dropFirst()), separator: ", ", into: &p)
            p.append(.text("]]"))
        case Sym.MessageName where args.count >= 2:
            guard args.dropFirst().allSatisfy({ $0.string != nil }) else { return false }
            // `a::b::c` reads as one MessageName with two tags: a nested one keeps its parentheses.
            child(args[0], precedence(args[0]) <= Prec.messageName, into: &p)
            for tag in args.dropFirst() {
                let s = tag.string ?? ""
                p.append(.text("::" + (Printer.isIdentifier(s) ? s : NumberText.quoted(s))))
            }
        case Sym.Increment where args.count == 1, Sym.Decrement where args.count == 1:
            child(args[0], precedence(args[0]) < Prec.increment, into: &p)
            p.append(.text(h === Sym.Increment ? "++" : "--"))
        case Sym.PreIncrement where args.count == 1, Sym.PreDecrement where args.count == 1:
            p.append(.text(h === Sym.PreIncrement ? "++" : "--"))
            child(args[0], precedence(args[0]) < Prec.increment, into: &p)
        case Sym.Factorial where args.count == 1, Sym.Factorial2 where args.count == 1:
            // `x!` then `!` would read as `x!!`: a factorial of a factorial keeps its parentheses.
            let innerHead = args[0].headSymbol
            let nested = args[0].args.count == 1 && (innerHead === Sym.Factorial || innerHead === Sym.Factorial2)
            child(args[0], nested || precedence(args[0]) < Prec.factorial, into: &p)
            p.append(.text(h === Sym.Factorial ? "!" : "!!"))
        case Sym.Unset where args.count == 1:
            child(args[0], precedence(args[0]) <= Prec.set, into: &p)
            p.append(.text(" =."))
        case Sym.TagSet where args.count == 3, Sym.TagSetDelayed where args.count == 3:
            child(args[0], precedence(args[0]) <= Prec.set, into: &p)
            p.append(.text(" /: "))
            child(args[1], precedence(args[1]) <= Prec.set, into: &p)
            p.append(.text(h === Sym.TagSet ? " = " : " := "))
            child(args[2], precedence(args[2]) < Prec.set, into: &p)
        case Sym.Apply where args.count == 3 && args[2] == [1]:
            child(args[0], precedence(args[0]) <= Prec.map, into: &p)
            p.append(.text(" @@@ "))
            child(args[1], precedence(args[1]) < Prec.map, into: &p)
        case Sym.DirectedInfinity where args.count == 0:
            p.append(.text("ComplexInfinity"))
        case Sym.DirectedInfinity where args.count == 1 && (args[0] == .integer(1) || args[0] == .integer(-1)):
            p.append(.text(args[0] == .integer(1) ? "Infinity" : "-Infinity"))
        case Sym.Out where args.count == 0:
            p.append(.text("%"))
        case Sym.Out where args.count == 1:
            guard case .integer(let k) = args[0], k != 0 else { return false }
            p.append(.text(k > 0 ? "%" + String(k) : String(repeating: "%", count: k == Int.min ? 1 : -k)))
        // Form wrappers show their content in their form, in OutputForm and in what scripts print.
        case Sym.HoldForm where args.count == 1 && style.showsFormWrappers,
            Sym.OutputForm where args.count == 1 && style.showsFormWrappers:
            p.append(.expr(args[0]))
        case Sym.FullForm where args.count == 1 && style.showsFormWrappers:
            p.append(.text(Printer(style: .fullForm, quoteStrings: true).print(args[0])))
        case Sym.InputForm where args.count == 1 && style.showsFormWrappers:
            p.append(.text(Printer(style: .inputForm, quoteStrings: true).print(args[0])))
        case _ where args.count == 1 && style.showsFormWrappers && MathForms.writer(named: h.name) != nil:
            p.append(.text(MathForms.writer(named: h.name)?(args[0]) ?? ""))
        // A picture prints as `-Graphics-` where text is shown (Wolfram's terminal form); InputForm
        // and FullForm print the whole expression.
        case _ where style.showsFormWrappers && Printer.graphicsTerminalForm(h, args) != nil:
            p.append(.text(Printer.graphicsTerminalForm(h, args) ?? ""))
        case _ where layoutDisplayForm(h, args, into: &p):
            break
        default:
            return false
        }
        return true
    }

    /// A binary or flat infix operator from the table.
    func layoutInfix(_ op: InfixOperator, _ args: [Expr], into p: inout [Piece]) {
        for (i, a) in args.enumerated() {
            if i > 0 { p.append(.text(op.text)) }
            let q = precedence(a)
            let parenthesise: Bool
            switch op.grouping {
            case .flat: parenthesise = q <= op.precedence
            case .left: parenthesise = i == 0 ? q < op.precedence : q <= op.precedence
            case .right: parenthesise = i == 0 ? q <= op.precedence : q < op.precedence
            }
            // `a?f[x]` reads as `(a?f)[x]`: a test printed as a call keeps its parentheses.
            let callTest = i == 1 && op.text == "?" && q == Prec.atom && isCall(a)
            child(a, parenthesise || callTest, into: &p)
        }
    }

    /// Whether `e` prints as `head[args…]`.
    func isCall(_ e: Expr) -> Bool {
        guard case .normal(let n) = e else { return false }
        guard let h = n.head.symbol else { return true }
        return operatorPrecedence(h, n.args) == nil
    }

    /// `a + b - c`: negative terms after the first print with ` - `.
    func layoutPlus(_ args: [Expr], into p: inout [Piece]) {
        for (i, term) in args.enumerated() {
            if i > 0 && Printer.isNegativeTerm(term) {
                p.append(.text(" - "))
                let positive = Printer.negatedTerm(term)
                child(positive, precedence(positive) <= Prec.plus, into: &p)
            } else {
                if i > 0 { p.append(.text(" + ")) }
                child(term, precedence(term) <= Prec.plus, into: &p)
            }
        }
    }

    /// Products: prefix minus for a leading `-1`, `num/den` when there are reciprocal factors, else
    /// factors joined by `*` (a space in OutputForm).
    func layoutTimes(_ args: [Expr], into p: inout [Piece]) {
        if Printer.isMinusProduct(args) {
            let rest: Expr = args.count == 2 ? args[1] : .call(Sym.Times, Array(args.dropFirst()))
            p.append(.text("-"))
            child(rest, precedence(rest) <= Prec.minus, into: &p)
            return
        }
        let parts = Printer.timesParts(args)
        if parts.denominator.isEmpty {
            appendFactors(parts.numerator, into: &p)
            return
        }
        if parts.negativeNumerator { p.append(.text("-")) }
        switch parts.numerator.count {
        case 0:
            p.append(.text("1"))
        case 1:
            let q = precedence(parts.numerator[0])
            child(parts.numerator[0], q < Prec.divide || (parts.negativeNumerator && q <= Prec.minus), into: &p)
        default:
            p.append(.text("("))
            appendFactors(parts.numerator, into: &p)
            p.append(.text(")"))
        }
        p.append(.text("/"))
        if parts.denominator.count == 1 {
            let q = precedence(parts.denominator[0])
            child(parts.denominator[0], q <= Prec.divide || q == Prec.minus, into: &p)
        } else {
            p.append(.text("("))
            appendFactors(parts.denominator, into: &p)
            p.append(.text(")"))
        }
    }

    /// Factors of a product; a factor binding no tighter than Times, or a later factor that starts
    /// with a minus, is parenthesised.
    func appendFactors(_ factors: [Expr], into p: inout [Piece]) {
        for (i, f) in factors.enumerated() {
            if i > 0 { p.append(.text(timesSeparator)) }
            let q = precedence(f)
            child(f, q <= Prec.times || (q == Prec.minus && !(i == 0 && f.isNumber)), into: &p)
        }
    }

    /// `a^b`, `Sqrt[x]`, `1/Sqrt[x]`; in OutputForm a negative exponent prints as a fraction.
    func layoutPower(_ base: Expr, _ exponent: Expr, into p: inout [Piece]) {
        if exponent == .rational(1, 2) || exponent == .rational(-1, 2) {
            p += [.text(exponent == .rational(1, 2) ? "Sqrt[" : "1/Sqrt["), .expr(base), .text("]")]
            return
        }
        if style == .outputForm && Printer.isNegativeTerm(exponent) && !exponent.isComplexAtom {
            let positive = Printer.negatedTerm(exponent)
            let denominator = positive == .integer(1) ? base : .call(Sym.Power, base, positive)
            p.append(.text("1/"))
            child(denominator, precedence(denominator) <= Prec.divide, into: &p)
            return
        }
        child(base, precedence(base) <= Prec.power, into: &p)
        p.append(.text("^"))
        child(exponent, precedence(exponent) < Prec.power, into: &p)
    }

    /// Letters and digits, not starting with a digit (a slot name or a message tag written bare).
    static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "$" }
    }
}

extension Printer {
    /// `-Graphics-` for `Graphics[prims, …]`, `-Graphics3D-` for `Graphics3D[…]`, and `-Graphics-` for
    /// a plot with a legend (`Legended[Graphics[…], …]`); nil for anything else.
    static func graphicsTerminalForm(_ h: Symbol, _ args: [Expr]) -> String? {
        switch h.name {
        case "Graphics", "Graphics3D": return args.isEmpty ? nil : "-" + h.name + "-"
        case "Legended":
            guard args.count >= 1, case .normal(let g) = args[0], let gh = g.head.symbol, gh.name == "Graphics", !g.args.isEmpty else { return nil }
            return "-Graphics-"
        default: return nil
        }
    }
}
