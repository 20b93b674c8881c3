/// The kinds of token the lexer produces. Atoms carry their value in `Token.value`.
enum TokenKind: UInt8 {
    case eof
    /// A lexical error; the lexer's `error` holds it. Thrown when the parser reaches it.
    case error
    // Atoms (value in `Token.value`)
    case number, string, symbol, blank, slot, out
    // Brackets and separators
    case lparen, rparen, lbracket, rbracket, lbrace, rbrace, lassoc, rassoc, ldouble, rdouble, comma
    // `;` `;;`
    case semi, semisemi
    // `:` family (`::tag` carries the tag in `value`)
    case colon, messageName, colonEqual, colonGreater
    // `=` family
    case equal, equalEqual, sameQ, unsameQ, unset
    // Comparisons
    case less, lessEqual, greater, greaterEqual, notEqual
    // `<<file`, `>>file`, `>>>file` (file name in `value`), `<>`, `<->`
    case get, put, putAppend, stringJoin, twoWayRule
    // `|` family
    case bar, barBar, mapsTo
    // `!` `!!`, `&&` `&`
    case bang, bangBang, ampAmp, amp
    // `@` family
    case at, atAt, atAtAt, atStar
    // `+` `-` families
    case plus, plusPlus, plusEqual, minus, minusMinus, minusEqual, arrow
    // `~` `~~`, `?` `??`
    case tilde, tildeTilde, question, questionQuestion
    // `*` `^` families
    case star, starEqual, starStar, caret, caretEqual, caretColonEqual
    // `/` family
    case slash, slashAt, slashSemi, slashDot, slashSlashDot, slashSlashAt, slashSlashEqual, slashSlash
    case slashColon, slashEqual, slashStar
    // `.` family, `'`
    case dot, dotDot, dotDotDot, quote
    /// `¬` (prefix Not only).
    case notSign
    /// `∫` (`\[Integral]`), which starts `∫ f ⅆ x`, and the `ⅆ` (`\[DifferentialD]`) that ends its integrand.
    case integral, differentialD
    /// An operator written with a named character; `aux` indexes `NamedCharacters.operators`.
    case namedOperator
}

/// One token: its kind, byte range in the source and whether a newline came before it. The value of
/// an atom is in `Lexer.value` (of the lexer that produced the token).
struct Token {
    var kind: TokenKind
    var start: Int
    var end: Int
    /// A newline (outside comments and continuations) appeared between the previous token and this one.
    var newlineBefore: Bool
    /// Extra data: the index of a named operator, the number of `'` in a run.
    var aux: Int = 0
}
