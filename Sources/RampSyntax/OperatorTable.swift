/// Ramp's one operator table: every operator written with ASCII tokens, its FullForm head, how it
/// takes its operands and its precedence. The parser reads with it and the printers write and
/// parenthesize with it; grammar.md's precedence table states the same numbers (a test checks that
/// the three agree). Operators written with named characters (`\[Cross]`, …) have their own table,
/// `NamedCharacters.operators`.
enum OperatorTable {
    /// How an operator takes its operands.
    enum Form: UInt8 {
        /// `a op b op c` groups as `(a op b) op c`; the right operand is read above the precedence.
        case left
        /// `a op b op c` groups as `a op (b op c)`; the right operand is read at the precedence.
        case right
        /// `a op b op c` is one call with three arguments; operands are read above the precedence.
        case flat
        /// Comparisons: `a < b <= c` is one chain (`Inequality` when the operators differ).
        case chain
        /// An operator before its operand (`-x`, `!x`, `++x`).
        case prefix
        /// An operator after its operand (`x!`, `x++`, `body&`).
        case postfix
        /// Read by a parselet of its own (calls, `f@x`, `x~f~y`, spans, `x//f`, `;`, `:`, …).
        case special
    }

    struct Entry {
        let token: TokenKind
        let form: Form
        /// The FullForm head (`"Rule"`), or a description for forms without one (`"call"`).
        let head: String
        /// How tightly it binds when read (grammar.md's Prec column).
        let precedence: Int
        /// Wolfram's `Precedence[head]`, which the printers use to place parentheses; the same as
        /// `precedence` except where Wolfram's reading and printing precedences differ.
        let printPrecedence: Int
        /// How the printers write it between its operands, for the operators printed from this table.
        let printText: String?
        /// The head's symbol (for operators the generic parselet builds).
        let symbol: Symbol

        init(_ token: TokenKind, _ form: Form, _ head: String, _ precedence: Int, print printText: String? = nil,
             printPrecedence: Int? = nil) {
            self.token = token
            self.form = form
            self.head = head
            self.precedence = precedence
            self.printPrecedence = printPrecedence ?? precedence
            self.printText = printText
            self.symbol = Symbol.named(head)
        }

        /// Binary and flat operators the parser reads with one generic parselet.
        var isGeneric: Bool { form == .left || form == .right || form == .flat }
    }

    /// Every ASCII operator, tightest first. Prefix forms are listed apart (`prefixEntries`): a token
    /// such as `-` is both infix (`Plus`) and prefix (`Times[-1, x]`).
    static let infixEntries: [Entry] = [
        Entry(.messageName, .special, "MessageName", 750),
        Entry(.question, .left, "PatternTest", 680, print: "?"),
        Entry(.lbracket, .special, "call", 670),
        Entry(.ldouble, .special, "Part", 670),
        Entry(.plusPlus, .postfix, "Increment", 660),
        Entry(.minusMinus, .postfix, "Decrement", 660),
        Entry(.at, .special, "prefix call f@x", 640),
        Entry(.tilde, .special, "infix call x~f~y", 630),
        Entry(.atStar, .flat, "Composition", 625, print: " @* "),
        Entry(.slashStar, .flat, "RightComposition", 624, print: " /* "),
        Entry(.atAt, .right, "Apply", 620, print: " @@ "),
        Entry(.slashAt, .right, "Map", 620, print: " /@ "),
        Entry(.slashSlashAt, .right, "MapAll", 620, print: " //@ "),
        Entry(.atAtAt, .right, "MapApply", 620, print: " @@@ "),
        Entry(.bang, .postfix, "Factorial", 610),
        Entry(.bangBang, .postfix, "Factorial2", 610),
        Entry(.quote, .postfix, "Derivative", 605),
        Entry(.stringJoin, .flat, "StringJoin", 600, print: " <> "),
        Entry(.caret, .right, "Power", 590),
        Entry(.starStar, .flat, "NonCommutativeMultiply", 510, print: "**"),
        Entry(.dot, .flat, "Dot", 490, print: " . "),
        Entry(.slash, .special, "division a/b", 470),
        Entry(.star, .special, "Times", 400),
        Entry(.plus, .special, "Plus", 310),
        Entry(.minus, .special, "Plus", 310),
        Entry(.semisemi, .special, "Span", 299, printPrecedence: 305),
        Entry(.equalEqual, .chain, "Equal", 290, print: " == "),
        Entry(.notEqual, .chain, "Unequal", 290, print: " != "),
        Entry(.less, .chain, "Less", 290, print: " < "),
        Entry(.lessEqual, .chain, "LessEqual", 290, print: " <= "),
        Entry(.greater, .chain, "Greater", 290, print: " > "),
        Entry(.greaterEqual, .chain, "GreaterEqual", 290, print: " >= "),
        Entry(.sameQ, .flat, "SameQ", 265, print: " === ", printPrecedence: 290),
        Entry(.unsameQ, .flat, "UnsameQ", 265, print: " =!= ", printPrecedence: 290),
        Entry(.ampAmp, .flat, "And", 225, print: " && ", printPrecedence: 215),
        Entry(.barBar, .flat, "Or", 215, print: " || "),
        Entry(.dotDot, .postfix, "Repeated", 170),
        Entry(.dotDotDot, .postfix, "RepeatedNull", 170),
        Entry(.bar, .flat, "Alternatives", 160, print: " | "),
        Entry(.colon, .special, "Optional", 140),
        Entry(.tildeTilde, .flat, "StringExpression", 135, print: "~~"),
        Entry(.slashSemi, .left, "Condition", 130, print: " /; "),
        Entry(.twoWayRule, .right, "TwoWayRule", 125, print: " <-> "),
        Entry(.arrow, .right, "Rule", 120, print: " -> "),
        Entry(.colonGreater, .right, "RuleDelayed", 120, print: " :> "),
        Entry(.slashDot, .left, "ReplaceAll", 110, print: " /. "),
        Entry(.slashSlashDot, .left, "ReplaceRepeated", 110, print: " //. "),
        Entry(.plusEqual, .right, "AddTo", 100, print: " += "),
        Entry(.minusEqual, .right, "SubtractFrom", 100, print: " -= "),
        Entry(.starEqual, .right, "TimesBy", 100, print: " *= "),
        Entry(.slashEqual, .right, "DivideBy", 100, print: " /= "),
        Entry(.amp, .postfix, "Function", 90),
        Entry(.slashSlashEqual, .right, "ApplyTo", 75),
        Entry(.slashSlash, .special, "postfix call x//f", 70),
        Entry(.slashColon, .special, "TagSet", 40),
        Entry(.equal, .right, "Set", 40, print: " = "),
        Entry(.colonEqual, .right, "SetDelayed", 40, print: " := "),
        Entry(.caretEqual, .right, "UpSet", 40, print: " ^= "),
        Entry(.caretColonEqual, .right, "UpSetDelayed", 40, print: " ^:= "),
        Entry(.mapsTo, .right, "Function", 40),
        Entry(.unset, .postfix, "Unset", 40),
        Entry(.put, .special, "Put", 30),
        Entry(.putAppend, .special, "PutAppend", 30),
        Entry(.semi, .special, "CompoundExpression", 10),
    ]

    /// Operators before their operand; the operand is read at `precedence`.
    static let prefixEntries: [Entry] = [
        Entry(.get, .prefix, "Get", 720),
        Entry(.plusPlus, .prefix, "PreIncrement", 660),
        Entry(.minusMinus, .prefix, "PreDecrement", 660),
        Entry(.minus, .prefix, "Times", 480),
        Entry(.plus, .prefix, "Plus", 480),
        Entry(.integral, .prefix, "Integrate", 325),
        Entry(.bang, .prefix, "Not", 230),
        Entry(.notSign, .prefix, "Not", 230),
    ]

    /// The infix entry of each token kind (indexed by its raw value), nil for tokens that are not
    /// infix or postfix operators.
    static let infixByToken: [Entry?] = {
        var table = [Entry?](repeating: nil, count: 256)
        for e in infixEntries where table[Int(e.token.rawValue)] == nil { table[Int(e.token.rawValue)] = e }
        return table
    }()

    /// For each token kind, the head of its generic (binary or flat) operator, nil for the others;
    /// the parser's hot path reads these compact arrays instead of whole entries.
    static let genericHeads: [Symbol?] = infixByToken.map { e in e.flatMap { $0.isGeneric ? $0.symbol : nil } }
    /// For each token kind, the form of its infix entry (`.special` when it has none).
    static let infixForms: [Form] = infixByToken.map { $0?.form ?? .special }

    /// The reading precedence of each token kind in infix position (-1: not an infix operator).
    static let infixPrecedences: [Int16] = infixByToken.map { $0.map { Int16($0.precedence) } ?? -1 }

    /// The infix (or postfix) entry of a token.
    static func infix(_ token: TokenKind) -> Entry { infixEntries.first { $0.token == token }! }
    /// The prefix entry of a token.
    static func prefix(_ token: TokenKind) -> Entry { prefixEntries.first { $0.token == token }! }

    // Operand precedences the parselets read at, from the rows above.
    static let unaryMinusOperand = prefix(.minus).precedence
    static let notOperand = prefix(.bang).precedence
    static let preIncrementOperand = prefix(.plusPlus).precedence
    /// Operands of a comparison chain bind tighter than the comparisons.
    static let comparisonOperand = infix(.equalEqual).precedence + 1
    /// Operands of `a;;b;;c` bind tighter than the span.
    static let spanOperand = infix(.semisemi).precedence + 1

    /// The operators the printers write from the table, by head.
    static let printedByHead: [Symbol: Entry] = {
        var t: [Symbol: Entry] = [:]
        for e in infixEntries where e.printText != nil { t[Symbol.named(e.head)] = e }
        return t
    }()

}
