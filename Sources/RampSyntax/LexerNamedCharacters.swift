/// Named characters (`\[Name]`) the lexer knows, and how each non-ASCII character is read:
/// as part of a symbol (letterlike), as whitespace, or as an operator.
/// Code points follow WRI's CodeParser `LongNames` data.
enum NamedCharacters {
    /// `\[Name]` → code point.
    static let codePoints: [String: UInt32] = {
        var t: [String: UInt32] = [:]
        let greek = ["Alpha", "Beta", "Gamma", "Delta", "CurlyEpsilon", "Zeta", "Eta", "Theta", "Iota", "Kappa",
                     "Lambda", "Mu", "Nu", "Xi", "Omicron", "Pi", "Rho", "FinalSigma", "Sigma", "Tau", "Upsilon",
                     "CurlyPhi", "Chi", "Psi", "Omega"]
        for (i, name) in greek.enumerated() {
            t[name] = 0x3B1 + UInt32(i)
            if name != "FinalSigma" {
                let capital = name.hasPrefix("Curly") ? String(name.dropFirst(5)) : name
                t["Capital" + capital] = 0x391 + UInt32(i)
            }
        }
        let extra: [(String, UInt32)] = [
            ("Epsilon", 0x3F5), ("Phi", 0x3D5), ("CurlyTheta", 0x3D1), ("CurlyKappa", 0x3F0), ("CurlyPi", 0x3D6),
            ("CurlyRho", 0x3F1), ("Digamma", 0x3DD), ("CapitalDigamma", 0x3DC), ("Koppa", 0x3DF),
            ("CapitalKoppa", 0x3DE), ("Stigma", 0x3DB), ("CapitalStigma", 0x3DA), ("Sampi", 0x3E1),
            ("CapitalSampi", 0x3E0),
            // Letterlike
            ("Infinity", 0x221E), ("Degree", 0xB0), ("ExponentialE", 0xF74D), ("ImaginaryI", 0xF74E),
            ("ImaginaryJ", 0xF74F), ("Micro", 0xB5), ("Angstrom", 0xC5), ("HBar", 0x210F), ("Aleph", 0x2135),
            ("Euro", 0x20AC), ("Null", 0xF3A0), ("ScriptL", 0x2113), ("DoubleStruckCapitalR", 0x211D),
            ("DoubleStruckCapitalC", 0x2102), ("DoubleStruckCapitalN", 0x2115),
            ("DoubleStruckCapitalQ", 0x211A), ("DoubleStruckCapitalZ", 0x2124), ("AGrave", 0xE0),
            ("AAcute", 0xE1), ("ADoubleDot", 0xE4), ("EGrave", 0xE8), ("EAcute", 0xE9), ("ODoubleDot", 0xF6),
            ("UDoubleDot", 0xFC), ("SZ", 0xDF), ("CCedilla", 0xE7), ("NTilde", 0xF1),
            ("CapitalADoubleDot", 0xC4), ("CapitalODoubleDot", 0xD6), ("CapitalUDoubleDot", 0xDC),
            // Operators
            ("Rule", 0xF522), ("RuleDelayed", 0xF51F), ("RightArrow", 0x2192), ("LeftArrow", 0x2190),
            ("LeftRightArrow", 0x2194), ("TwoWayRule", 0xF120), ("UndirectedEdge", 0xF3D4),
            ("DirectedEdge", 0xF3D5), ("Function", 0xF4A1), ("Equal", 0xF431), ("LongEqual", 0xF7D9),
            ("NotEqual", 0x2260), ("LessEqual", 0x2264), ("GreaterEqual", 0x2265), ("Times", 0xD7),
            ("Divide", 0xF7), ("InvisibleTimes", 0x2062), ("Minus", 0x2212), ("PlusMinus", 0xB1),
            ("MinusPlus", 0x2213), ("And", 0x2227), ("Or", 0x2228), ("Not", 0xAC), ("Nand", 0x22BC),
            ("Nor", 0x22BD), ("Xor", 0x22BB), ("Xnor", 0xF4A2), ("Implies", 0xF523), ("Equivalent", 0x29E6),
            ("Element", 0x2208), ("NotElement", 0x2209), ("Subset", 0x2282), ("Superset", 0x2283),
            ("SubsetEqual", 0x2286), ("SupersetEqual", 0x2287), ("Union", 0x22C3), ("Intersection", 0x22C2),
            ("Cross", 0xF4A0), ("CenterDot", 0xB7), ("CircleTimes", 0x2297), ("CirclePlus", 0x2295),
            ("Diamond", 0x22C4), ("Wedge", 0x22C0), ("Vee", 0x22C1), ("Backslash", 0x2216), ("Star", 0x22C6),
            ("SmallCircle", 0x2218), ("CircleDot", 0x2299), ("TensorProduct", 0xF3DA), ("Sqrt", 0x221A),
            ("Transpose", 0xF3C7), ("Conjugate", 0xF3C8), ("ConjugateTranspose", 0xF3C9),
            ("HermitianConjugate", 0xF3CE), ("LeftAssociation", 0xF113), ("RightAssociation", 0xF114),
            ("LeftDoubleBracket", 0x301A), ("RightDoubleBracket", 0x301B), ("Colon", 0x2236),
            ("Therefore", 0x2234), ("Because", 0x2235), ("VerticalSeparator", 0xF432), ("Congruent", 0x2261),
            ("Tilde", 0x223C), ("TildeTilde", 0x2248), ("TildeEqual", 0x2243), ("Proportional", 0x221D),
            ("Distributed", 0xF3D2), ("Integral", 0x222B), ("DifferentialD", 0xF74C),
            // Letterlike here (Wolfram gives them meaning only in box input)
            ("Sum", 0x2211), ("Product", 0x220F), ("ForAll", 0x2200), ("Exists", 0x2203),
            ("PartialD", 0x2202), ("Del", 0x2207),
            // Spaces and raw characters
            ("ThinSpace", 0x2009), ("VeryThinSpace", 0x200A), ("MediumSpace", 0x205F), ("ThickSpace", 0x2005),
            ("NonBreakingSpace", 0xA0), ("InvisibleSpace", 0x200B), ("Continuation", 0xF3B1),
            ("IndentingNewLine", 0xF3A3), ("NewLine", 0x0A), ("SpaceIndicator", 0x2423),
            ("RawTab", 0x09), ("RawReturn", 0x0D), ("RawSpace", 0x20), ("RawBackslash", 0x5C),
            ("RawDoubleQuote", 0x22), ("RawQuote", 0x27), ("RawEscape", 0x1B), ("RawAmpersand", 0x26),
            ("RawAt", 0x40), ("RawBackquote", 0x60), ("RawBar", 0x7C), ("RawColon", 0x3A), ("RawComma", 0x2C),
            ("RawDash", 0x2D), ("RawDollar", 0x24), ("RawDot", 0x2E), ("RawEqual", 0x3D),
            ("RawExclamation", 0x21), ("RawGreater", 0x3E), ("RawLeftBrace", 0x7B), ("RawLeftBracket", 0x5B),
            ("RawLeftParenthesis", 0x28), ("RawLess", 0x3C), ("RawNumberSign", 0x23), ("RawPercent", 0x25),
            ("RawPlus", 0x2B), ("RawQuestion", 0x3F), ("RawRightBrace", 0x7D), ("RawRightBracket", 0x5D),
            ("RawRightParenthesis", 0x29), ("RawSemicolon", 0x3B), ("RawSlash", 0x2F), ("RawStar", 0x2A),
            ("RawTilde", 0x7E), ("RawUnderscore", 0x5F), ("RawWedge", 0x5E),
        ]
        for (name, cp) in extra { t[name] = cp }
        return t
    }()

    /// Letterlike characters that stand for a built-in symbol when they form a symbol on their own.
    static func alias(_ c: UInt32) -> String? {
        switch c {
        case 0x3C0: return "Pi"
        case 0xB0: return "Degree"
        case 0x221E: return "Infinity"
        case 0xF74D: return "E"
        case 0xF74E, 0xF74F: return "I"
        default: return nil
        }
    }

    /// Whether a non-ASCII code point is whitespace (trivia).
    static func isSpace(_ c: UInt32) -> Bool {
        switch c {
        case 0xA0, 0x2000...0x200B, 0x205F, 0x3000, 0xF3B1, 0xFEFF, 0x2423: return true
        default: return false
        }
    }

    /// An operator written with a named character that has no ASCII token of its own.
    struct Operator {
        let head: Symbol
        let precedence: Int
        let associativity: Associativity
    }

    enum Associativity { case left, right, flat, prefix, postfix }

    /// The named operators, indexed by a token's `aux` value.
    static let operators: [Operator] = operatorTable.map { $0.1 }
    static let operatorIndex: [UInt32: Int] = {
        var t: [UInt32: Int] = [:]
        for (i, entry) in operatorTable.enumerated() { t[entry.0] = i }
        return t
    }()

    private static let operatorTable: [(UInt32, Operator)] = {
        func op(_ cp: UInt32, _ name: String, _ prec: Int, _ assoc: Associativity) -> (UInt32, Operator) {
            (cp, Operator(head: Symbol.named(name), precedence: prec, associativity: assoc))
        }
        return [
            op(0x2192, "RightArrow", 270, .right), op(0x2190, "LeftArrow", 270, .right),
            op(0x2194, "LeftRightArrow", 270, .right),
            op(0x2208, "Element", 250, .flat), op(0x2209, "NotElement", 250, .flat),
            op(0x2282, "Subset", 250, .flat), op(0x2283, "Superset", 250, .flat),
            op(0x2286, "SubsetEqual", 250, .flat), op(0x2287, "SupersetEqual", 250, .flat),
            op(0xF3D2, "Distributed", 250, .left),
            op(0x22C3, "Union", 300, .flat), op(0x22C2, "Intersection", 305, .flat),
            op(0xF4A0, "Cross", 500, .flat), op(0xF3DA, "TensorProduct", 495, .flat),
            op(0xB7, "CenterDot", 410, .flat), op(0x2297, "CircleTimes", 420, .flat),
            op(0x22C1, "Vee", 430, .flat), op(0x22C0, "Wedge", 440, .flat), op(0x22C4, "Diamond", 450, .flat),
            op(0x2216, "Backslash", 460, .flat), op(0x22C6, "Star", 390, .flat),
            op(0x2295, "CirclePlus", 330, .flat), op(0x2218, "SmallCircle", 530, .flat),
            op(0x2299, "CircleDot", 520, .flat),
            op(0xB1, "PlusMinus", 310, .flat), op(0x2213, "MinusPlus", 310, .flat),
            op(0xF3D5, "DirectedEdge", 295, .right), op(0xF3D4, "UndirectedEdge", 295, .right),
            op(0xF523, "Implies", 200, .right), op(0x29E6, "Equivalent", 205, .flat),
            op(0x22BB, "Xor", 220, .flat), op(0xF4A2, "Xnor", 220, .flat), op(0x22BC, "Nand", 225, .flat),
            op(0x22BD, "Nor", 215, .flat),
            op(0x2236, "Colon", 80, .left), op(0x2234, "Therefore", 50, .right), op(0x2235, "Because", 50, .left),
            op(0xF432, "VerticalSeparator", 60, .flat),
            op(0x2261, "Congruent", 290, .flat), op(0x223C, "Tilde", 290, .flat),
            op(0x2248, "TildeTilde", 290, .flat), op(0x2243, "TildeEqual", 290, .flat),
            op(0x221D, "Proportional", 290, .flat),
            // Prefix and postfix
            op(0x221A, "Sqrt", 550, .prefix), op(0xAC, "Not", 230, .prefix),
            op(0xF3C7, "Transpose", 607, .postfix), op(0xF3C8, "Conjugate", 607, .postfix),
            op(0xF3C9, "ConjugateTranspose", 607, .postfix), op(0xF3CE, "ConjugateTranspose", 607, .postfix),
        ]
    }()
}
