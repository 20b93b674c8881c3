#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A lexical error found by the lexer, located by byte offset; the parser turns it into a `SyntaxError`.
struct LexError {
    var tag: String
    var text: String
    var offset: Int
    var incomplete: Bool
}

/// The tokenizer: reads UTF-8 bytes and produces one `Token` at a time (see grammar.md, "Tokens").
///
/// The lexer never throws: a lexical error becomes a `.error` token and `error` holds the details, so the
/// parser reports it only if it actually reaches that token.
struct Lexer {
    let bytes: [UInt8]
    /// `bytes` again, for the hot paths: `byte(p)` reads it without array bounds checks.
    private let text: SourceText
    var pos: Int
    /// Details of the last `.error` token.
    var error: LexError?
    /// The value of the last atom token (a number, string, symbol, blank, slot or `Out`), the tag of
    /// `::tag` or the file name of `<<`, `>>`, `>>>`. Kept here rather than in `Token` so that tokens are
    /// plain values that copy for free.
    var value: Expr = .null

    /// Moves `value` out (leaving a plain integer), so the parser takes it without a reference count.
    @inline(__always) mutating func takeValue() -> Expr {
        var v = Expr.integer(0)
        swap(&v, &value)
        return v
    }

    /// A token carrying `value`.
    @inline(__always) mutating func token(kind: TokenKind, start: Int, end: Int, newlineBefore: Bool, value: Expr) -> Token {
        self.value = value
        return Token(kind: kind, start: start, end: end, newlineBefore: newlineBefore)
    }
    /// Symbols already interned while reading this source (saves the global lock and a lookup).
    private var symbols = SymbolCache()
    /// Recently read blank patterns (`x_`, `_h`, `x_h`, with one, two or three `_`), shared: they are
    /// immutable, so one expression serves every occurrence. Direct-mapped by the symbols' ids.
    private var patterns = ContiguousArray<(name: Symbol?, head: Symbol?, count: Int, expr: Expr)?>(repeating: nil, count: 256)

    /// The source as given (`bytes` has line continuations removed).
    let source: [UInt8]
    /// Where continuations were removed: from `bytes` offset `clean` on, add `removed` to get the
    /// offset in `source`.
    private var removals: [(clean: Int, removed: Int)] = []

    /// A lexer over `bytes` that starts reading at `start` (a line start; the parallel program reader
    /// starts one half-way). A shebang line is skipped only when starting at 0.
    init(bytes: [UInt8], start: Int = 0) {
        source = bytes
        let hasContinuation = bytes.withUnsafeBufferPointer { b -> Bool in
            guard let base = b.baseAddress else { return false }
            var i = 0
            while i + 1 < b.count, let hit = memchr(base + i, Int32(UInt8(ascii: "\\")), b.count - 1 - i) {
                i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if b[i + 1] == 0x0A || b[i + 1] == 0x0D { return true }
                i += 1
            }
            return false
        }
        if hasContinuation {
            (self.bytes, removals) = Lexer.removeContinuations(bytes)
        } else {
            self.bytes = bytes
        }
        text = SourceText(self.bytes)
        pos = start
        // A shebang line is skipped.
        if start == 0 && bytes.count >= 2 && bytes[0] == UInt8(ascii: "#") && bytes[1] == UInt8(ascii: "!") {
            while pos < bytes.count && bytes[pos] != 0x0A { pos += 1 }
        }
    }

    /// The byte at `p` (`p >= 0`), 0 past the end.
    @inline(__always) func byte(_ p: Int) -> UInt8 { text.byte(p) }

    /// The offset in `source` of offset `p` in `bytes`.
    func sourceOffset(_ p: Int) -> Int {
        var lo = 0, hi = removals.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if removals[mid].clean <= p { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? p : p + removals[lo - 1].removed
    }

    /// Removes line continuations (`\` + newline, and outside strings the spaces and tabs that start the
    /// next line), so that they work inside numbers and other tokens too. Comments and strings are
    /// tracked so that only real continuations are removed.
    static func removeContinuations(_ bytes: [UInt8]) -> ([UInt8], [(clean: Int, removed: Int)]) {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var removals: [(clean: Int, removed: Int)] = []
        var removed = 0
        var inString = false
        var commentDepth = 0
        var i = 0
        let n = bytes.count
        func newlineLength(_ j: Int) -> Int {
            guard j < n else { return 0 }
            if bytes[j] == 0x0A { return 1 }
            if bytes[j] == 0x0D { return j + 1 < n && bytes[j + 1] == 0x0A ? 2 : 1 }
            return 0
        }
        while i < n {
            let b = bytes[i]
            if commentDepth > 0 {
                if b == UInt8(ascii: "("), i + 1 < n, bytes[i + 1] == UInt8(ascii: "*") {
                    commentDepth += 1; out.append(b); out.append(bytes[i + 1]); i += 2; continue
                }
                if b == UInt8(ascii: "*"), i + 1 < n, bytes[i + 1] == UInt8(ascii: ")") {
                    commentDepth -= 1; out.append(b); out.append(bytes[i + 1]); i += 2; continue
                }
                out.append(b); i += 1; continue
            }
            if b == UInt8(ascii: "\\") {
                let nl = newlineLength(i + 1)
                if nl > 0 {
                    var j = i + 1 + nl
                    if !inString { while j < n && (bytes[j] == 0x20 || bytes[j] == 0x09) { j += 1 } }
                    removed += j - i
                    i = j
                    removals.append((out.count, removed))
                    continue
                }
                out.append(b)
                if i + 1 < n && inString { out.append(bytes[i + 1]); i += 2 } else { i += 1 }
                continue
            }
            if b == UInt8(ascii: "\"") { inString.toggle() }
            else if !inString, b == UInt8(ascii: "("), i + 1 < n, bytes[i + 1] == UInt8(ascii: "*") {
                commentDepth = 1; out.append(b); out.append(bytes[i + 1]); i += 2; continue
            }
            out.append(b)
            i += 1
        }
        return (out, removals)
    }

    /// Continues lexing at byte `p`.
    mutating func setPosition(_ p: Int) { pos = p }

    // MARK: - Trivia

    /// Skips whitespace, comments and line continuations. Returns whether a newline was crossed, or
    /// `nil` after recording an error (an unterminated comment).
    @inline(never) private mutating func skipTrivia() -> Bool? {
        var newline = false
        while pos < text.count {
            let b = text.base[pos]
            switch b {
            case 0x20, 0x09, 0x0B, 0x0C:
                pos += 1
            case 0x0A, 0x0D:
                newline = true
                pos += 1
            case UInt8(ascii: "("):
                guard byte(pos + 1) == UInt8(ascii: "*") else { return newline }
                if !skipComment() { return nil }
            case UInt8(ascii: "\\"):
                if let after = continuationEnd(at: pos) {
                    pos = after
                    while byte(pos) == 0x20 || byte(pos) == 0x09 { pos += 1 }
                    continue
                }
                guard let (c, next) = decodeEscape(at: pos), c != 0x5C else { return newline }
                if c == 0x0A || c == 0xF3A3 { newline = true; pos = next }
                else if c == 0x20 || c == 0x09 || NamedCharacters.isSpace(c) { pos = next }
                else { return newline }
            default:
                if b < 0x80 { return newline }
                let (c, next) = decodeUTF8(at: pos)
                guard NamedCharacters.isSpace(c) else { return newline }
                pos = next
            }
        }
        return newline
    }

    /// If a line continuation (`\` + newline) starts at `p`, the position after the newline.
    @inline(__always) func continuationEnd(at p: Int) -> Int? {
        guard byte(p) == UInt8(ascii: "\\") else { return nil }
        if byte(p + 1) == 0x0A { return p + 2 }
        if byte(p + 1) == 0x0D { return byte(p + 2) == 0x0A ? p + 3 : p + 2 }
        return nil
    }

    /// Skips a (nested) comment starting at `pos`; false after recording an error if it never ends.
    private mutating func skipComment() -> Bool {
        let start = pos
        var depth = 0
        var p = pos
        let n = bytes.count
        while p < n {
            let b = bytes[p]
            if b == UInt8(ascii: "("), p + 1 < n, bytes[p + 1] == UInt8(ascii: "*") {
                depth += 1; p += 2
            } else if b == UInt8(ascii: "*"), p + 1 < n, bytes[p + 1] == UInt8(ascii: ")") {
                depth -= 1; p += 2
                if depth == 0 { pos = p; return true }
            } else {
                p += 1
            }
        }
        pos = n
        error = LexError(tag: "sntxi", text: "Incomplete expression; more input is needed .", offset: start, incomplete: true)
        return false
    }

    // MARK: - Characters

    /// Decodes a UTF-8 character at `p` (invalid bytes read as U+FFFD).
    func decodeUTF8(at p: Int) -> (UInt32, Int) {
        let b0 = UInt32(bytes[p])
        if b0 < 0x80 { return (b0, p + 1) }
        func cont(_ i: Int) -> UInt32? {
            let b = byte(p + i)
            return b & 0xC0 == 0x80 ? UInt32(b & 0x3F) : nil
        }
        if b0 & 0xE0 == 0xC0, let c1 = cont(1) {
            let c = (b0 & 0x1F) << 6 | c1
            if c >= 0x80 { return (c, p + 2) }
        } else if b0 & 0xF0 == 0xE0, let c1 = cont(1), let c2 = cont(2) {
            let c = (b0 & 0x0F) << 12 | c1 << 6 | c2
            if c >= 0x800 && !(0xD800...0xDFFF).contains(c) { return (c, p + 3) }
        } else if b0 & 0xF8 == 0xF0, let c1 = cont(1), let c2 = cont(2), let c3 = cont(3) {
            let c = (b0 & 0x07) << 18 | c1 << 12 | c2 << 6 | c3
            if c >= 0x10000 && c <= 0x10FFFF { return (c, p + 4) }
        }
        return (0xFFFD, p + 1)
    }

    /// Decodes a character escape (`\[Name]`, `\:xxxx`, `\.xx`, `\|xxxxxx`, `\ooo`) at `p`. A backslash
    /// that starts no such escape reads as itself. Returns `nil` after recording an error.
    mutating func decodeEscape(at p: Int) -> (UInt32, Int)? {
        func hex(_ q: Int, _ count: Int) -> UInt32? {
            var v: UInt32 = 0
            for i in 0..<count {
                let b = byte(q + i)
                let d: UInt32
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(b - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(b - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(b - UInt8(ascii: "A") + 10)
                default: return nil
                }
                v = v * 16 + d
            }
            return v
        }
        func valid(_ c: UInt32) -> UInt32 { (c > 0x10FFFF || (0xD800...0xDFFF).contains(c)) ? 0xFFFD : c }
        switch byte(p + 1) {
        case UInt8(ascii: "["):
            var q = p + 2
            while isASCIIAlnum(byte(q)) { q += 1 }
            let name = String(decoding: bytes[(p + 2)..<q], as: UTF8.self)
            guard byte(q) == UInt8(ascii: "]") else {
                if q >= bytes.count {
                    error = LexError(tag: "sntxi", text: "Incomplete expression; more input is needed .", offset: p, incomplete: true)
                } else {
                    error = LexError(tag: "sntufn", text: "Unknown unicode longname \"\(name)\".", offset: p, incomplete: false)
                }
                return nil
            }
            guard let c = NamedCharacters.codePoints[name] else {
                error = LexError(tag: "sntufn", text: "Unknown unicode longname \"\(name)\".", offset: p, incomplete: false)
                return nil
            }
            return (c, q + 1)
        case UInt8(ascii: ":"):
            guard let c = hex(p + 2, 4) else {
                error = LexError(tag: "snthex", text: "4 hexadecimal digits are required after \\: to construct a 16-bit character.", offset: p, incomplete: false)
                return nil
            }
            return (valid(c), p + 6)
        case UInt8(ascii: "."):
            guard let c = hex(p + 2, 2) else {
                error = LexError(tag: "sntoct2", text: "2 hexadecimal digits are required after \\. to construct an 8-bit character.", offset: p, incomplete: false)
                return nil
            }
            return (c, p + 4)
        case UInt8(ascii: "|"):
            guard let c = hex(p + 2, 6) else {
                error = LexError(tag: "snthex", text: "6 hexadecimal digits are required after \\| to construct a 21-bit character.", offset: p, incomplete: false)
                return nil
            }
            return (valid(c), p + 8)
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            var v: UInt32 = 0
            for i in 1...3 {
                let b = byte(p + i)
                guard b >= UInt8(ascii: "0") && b <= UInt8(ascii: "7") else {
                    error = LexError(tag: "sntoct1", text: "3 octal digits are required after \\ to construct an 8-bit character.", offset: p, incomplete: false)
                    return nil
                }
                v = v * 8 + UInt32(b - UInt8(ascii: "0"))
            }
            return (v, p + 4)
        default:
            return (0x5C, p + 1)
        }
    }

    /// The character at `p` with escapes decoded and line continuations skipped; `nil` after an error.
    @inline(__always) mutating func char(at p: Int) -> (UInt32, Int)? {
        let b = byte(p)
        if b < 0x80 && b != UInt8(ascii: "\\") { return (UInt32(b), p + 1) }
        return slowChar(at: p)
    }

    private mutating func slowChar(at p: Int) -> (UInt32, Int)? {
        var p = p
        while let after = continuationEnd(at: p) {
            p = after
            while byte(p) == 0x20 || byte(p) == 0x09 { p += 1 }
        }
        let b = byte(p)
        if b < 0x80 && b != UInt8(ascii: "\\") { return (UInt32(b), p + 1) }
        if b == UInt8(ascii: "\\") { return decodeEscape(at: p) }
        return decodeUTF8(at: p)
    }

    @inline(__always) func isASCIIAlnum(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
    }

    @inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    /// Whether a code point can be part of a symbol name (letters, `$`, letterlike characters; digits
    /// only after the first).
    func isSymbolChar(_ c: UInt32, first: Bool) -> Bool {
        if c < 0x80 {
            let b = UInt8(c)
            if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") { return !first }
            return (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
                || b == UInt8(ascii: "$")
        }
        return isLetterlike(c)
    }

    /// Non-ASCII characters are letterlike unless they are whitespace, an operator, or U+FFFD.
    func isLetterlike(_ c: UInt32) -> Bool {
        if c == 0xFFFD || NamedCharacters.isSpace(c) { return false }
        return operatorKind(for: c) == nil
    }

    /// The token kind (and named-operator index) of a non-ASCII operator character.
    func operatorKind(for c: UInt32) -> (TokenKind, Int)? {
        switch c {
        case 0xF522: return (.arrow, 0)
        case 0xF51F: return (.colonGreater, 0)
        case 0xF120: return (.twoWayRule, 0)
        case 0xF4A1: return (.mapsTo, 0)
        case 0xF431, 0xF7D9: return (.equalEqual, 0)
        case 0x2260: return (.notEqual, 0)
        case 0x2264: return (.lessEqual, 0)
        case 0x2265: return (.greaterEqual, 0)
        case 0xD7, 0x2062: return (.star, 0)
        case 0xF7: return (.slash, 0)
        case 0x2212: return (.minus, 0)
        case 0x2227: return (.ampAmp, 0)
        case 0x2228: return (.barBar, 0)
        case 0xAC: return (.notSign, 0)
        case 0x222B: return (.integral, 0)
        case 0xF74C: return (.differentialD, 0)
        case 0xF113: return (.lassoc, 0)
        case 0xF114: return (.rassoc, 0)
        case 0x301A: return (.ldouble, 0)
        case 0x301B: return (.rdouble, 0)
        default:
            if let i = NamedCharacters.operatorIndex[c] { return (.namedOperator, i) }
            return nil
        }
    }

    // MARK: - Tokens

    /// The next token. At the end of input it returns `.eof` (repeatedly).
    @inline(__always) mutating func next() -> Token {
        // Fast path: spaces within a line, then a bracket or comma (they never start anything longer).
        while text.base[pos] == 0x20 { pos += 1 }  // the zero bytes after the source stop this
        let b = text.base[pos]
        let kind: TokenKind
        switch b {
        case UInt8(ascii: "["): kind = .lbracket
        case UInt8(ascii: "]"): kind = .rbracket
        case UInt8(ascii: "{"): kind = .lbrace
        case UInt8(ascii: "}"): kind = .rbrace
        case UInt8(ascii: ","): kind = .comma
        case UInt8(ascii: ")"): kind = .rparen
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
            return lexSymbolOrPattern(newline: false)
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return lexNumber(newline: false)
        default: return nextToken()
        }
        let start = pos
        pos += 1
        return Token(kind: kind, start: start, end: start + 1, newlineBefore: false)
    }

    /// `next()` for everything but its fast path.
    @inline(never) mutating func nextToken() -> Token {
        // Fast path for the usual trivia, spaces within a line; anything else goes to `skipTrivia`.
        while text.base[pos] == 0x20 { pos += 1 }  // the zero bytes after the source stop this
        let first = text.byte(pos)
        let plain = first > 0x20 && first < 0x80 && first != UInt8(ascii: "(") && first != UInt8(ascii: "\\")
        guard let newline = plain ? false : skipTrivia() else {
            return Token(kind: .error, start: error?.offset ?? pos, end: bytes.count, newlineBefore: false)
        }
        let start = pos
        func tok(_ kind: TokenKind, _ length: Int) -> Token {
            pos = start + length
            return Token(kind: kind, start: start, end: pos, newlineBefore: newline)
        }
        guard pos < text.count else { return Token(kind: .eof, start: pos, end: pos, newlineBefore: newline) }
        let b = text.base[pos]
        let b1 = byte(pos + 1), b2 = byte(pos + 2)
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return lexNumber(newline: newline)
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "$"), UInt8(ascii: "`"):
            return lexSymbolOrPattern(newline: newline)
        case UInt8(ascii: "\""):
            return lexString(newline: newline)
        case UInt8(ascii: "_"):
            return lexBlank(at: pos, name: nil, start: start, newline: newline)
        case UInt8(ascii: "#"):
            return lexSlot(newline: newline)
        case UInt8(ascii: "%"):
            return lexOut(newline: newline)
        case UInt8(ascii: "("): return tok(.lparen, 1)
        case UInt8(ascii: ")"): return tok(.rparen, 1)
        case UInt8(ascii: "["): return tok(.lbracket, 1)
        case UInt8(ascii: "]"): return tok(.rbracket, 1)
        case UInt8(ascii: "{"): return tok(.lbrace, 1)
        case UInt8(ascii: "}"): return tok(.rbrace, 1)
        case UInt8(ascii: ","): return tok(.comma, 1)
        case UInt8(ascii: ";"): return b1 == UInt8(ascii: ";") ? tok(.semisemi, 2) : tok(.semi, 1)
        case UInt8(ascii: ":"):
            switch b1 {
            case UInt8(ascii: ":"): return lexStringifiedName(kind: .messageName, start: start, after: pos + 2, newline: newline)
            case UInt8(ascii: "="): return tok(.colonEqual, 2)
            case UInt8(ascii: ">"): return tok(.colonGreater, 2)
            default: return tok(.colon, 1)
            }
        case UInt8(ascii: "="):
            if b1 == UInt8(ascii: "=") { return b2 == UInt8(ascii: "=") ? tok(.sameQ, 3) : tok(.equalEqual, 2) }
            if b1 == UInt8(ascii: "!") && b2 == UInt8(ascii: "=") { return tok(.unsameQ, 3) }
            if b1 == UInt8(ascii: ".") && !isDigit(b2) { return tok(.unset, 2) }
            return tok(.equal, 1)
        case UInt8(ascii: "<"):
            switch b1 {
            case UInt8(ascii: "|"): return tok(.lassoc, 2)
            case UInt8(ascii: "<"): return lexStringifiedName(kind: .get, start: start, after: pos + 2, newline: newline)
            case UInt8(ascii: ">"): return tok(.stringJoin, 2)
            case UInt8(ascii: "="): return tok(.lessEqual, 2)
            case UInt8(ascii: "-"): return b2 == UInt8(ascii: ">") ? tok(.twoWayRule, 3) : tok(.less, 1)
            default: return tok(.less, 1)
            }
        case UInt8(ascii: ">"):
            if b1 == UInt8(ascii: ">") {
                if b2 == UInt8(ascii: ">") { return lexStringifiedName(kind: .putAppend, start: start, after: pos + 3, newline: newline) }
                return lexStringifiedName(kind: .put, start: start, after: pos + 2, newline: newline)
            }
            return b1 == UInt8(ascii: "=") ? tok(.greaterEqual, 2) : tok(.greater, 1)
        case UInt8(ascii: "|"):
            switch b1 {
            case UInt8(ascii: ">"): return tok(.rassoc, 2)
            case UInt8(ascii: "|"): return tok(.barBar, 2)
            case UInt8(ascii: "-"): return b2 == UInt8(ascii: ">") ? tok(.mapsTo, 3) : tok(.bar, 1)
            default: return tok(.bar, 1)
            }
        case UInt8(ascii: "!"):
            if b1 == UInt8(ascii: "=") { return tok(.notEqual, 2) }
            return b1 == UInt8(ascii: "!") ? tok(.bangBang, 2) : tok(.bang, 1)
        case UInt8(ascii: "&"): return b1 == UInt8(ascii: "&") ? tok(.ampAmp, 2) : tok(.amp, 1)
        case UInt8(ascii: "@"):
            if b1 == UInt8(ascii: "@") { return b2 == UInt8(ascii: "@") ? tok(.atAtAt, 3) : tok(.atAt, 2) }
            return b1 == UInt8(ascii: "*") ? tok(.atStar, 2) : tok(.at, 1)
        case UInt8(ascii: "+"):
            if b1 == UInt8(ascii: "+") { return tok(.plusPlus, 2) }
            return b1 == UInt8(ascii: "=") ? tok(.plusEqual, 2) : tok(.plus, 1)
        case UInt8(ascii: "-"):
            switch b1 {
            case UInt8(ascii: "-"): return tok(.minusMinus, 2)
            case UInt8(ascii: "="): return tok(.minusEqual, 2)
            case UInt8(ascii: ">"): return tok(.arrow, 2)
            default: return tok(.minus, 1)
            }
        case UInt8(ascii: "~"): return b1 == UInt8(ascii: "~") ? tok(.tildeTilde, 2) : tok(.tilde, 1)
        case UInt8(ascii: "?"): return b1 == UInt8(ascii: "?") ? tok(.questionQuestion, 2) : tok(.question, 1)
        case UInt8(ascii: "*"):
            switch b1 {
            case UInt8(ascii: "="): return tok(.starEqual, 2)
            case UInt8(ascii: "*"): return tok(.starStar, 2)
            case UInt8(ascii: ")"):
                pos = start + 2
                error = LexError(tag: "sntxf", text: "\"*)\" has no opening \"(*\".", offset: start, incomplete: false)
                return Token(kind: .error, start: start, end: pos, newlineBefore: newline)
            default: return tok(.star, 1)
            }
        case UInt8(ascii: "^"):
            if b1 == UInt8(ascii: ":") && b2 == UInt8(ascii: "=") { return tok(.caretColonEqual, 3) }
            return b1 == UInt8(ascii: "=") ? tok(.caretEqual, 2) : tok(.caret, 1)
        case UInt8(ascii: "/"):
            switch b1 {
            case UInt8(ascii: "@"): return tok(.slashAt, 2)
            case UInt8(ascii: ";"): return tok(.slashSemi, 2)
            case UInt8(ascii: "."): return isDigit(b2) ? tok(.slash, 1) : tok(.slashDot, 2)
            case UInt8(ascii: "/"):
                switch b2 {
                case UInt8(ascii: "."): return tok(.slashSlashDot, 3)
                case UInt8(ascii: "@"): return tok(.slashSlashAt, 3)
                case UInt8(ascii: "="): return tok(.slashSlashEqual, 3)
                default: return tok(.slashSlash, 2)
                }
            case UInt8(ascii: ":"): return tok(.slashColon, 2)
            case UInt8(ascii: "="): return tok(.slashEqual, 2)
            case UInt8(ascii: "*"): return tok(.slashStar, 2)
            default: return tok(.slash, 1)
            }
        case UInt8(ascii: "."):
            if b1 == UInt8(ascii: ".") { return b2 == UInt8(ascii: ".") ? tok(.dotDotDot, 3) : tok(.dotDot, 2) }
            if isDigit(b1) { return lexNumber(newline: newline) }
            return tok(.dot, 1)
        case UInt8(ascii: "'"): return tok(.quote, 1)
        default:
            return lexCharacter(start: start, newline: newline)
        }
    }

    /// A token that starts with an escape or a non-ASCII character.
    private mutating func lexCharacter(start: Int, newline: Bool) -> Token {
        guard let (c, next) = slowChar(at: start) else {
            return Token(kind: .error, start: start, end: bytes.count, newlineBefore: newline)
        }
        if isSymbolChar(c, first: true) { return lexSymbolOrPattern(newline: newline) }
        if let (kind, aux) = operatorKind(for: c) {
            pos = next
            return Token(kind: kind, start: start, end: next, newlineBefore: newline, aux: aux)
        }
        // An escape standing for an ASCII operator character reads as that one-character operator.
        if c < 0x80 && c != 0x5C && bytes[start] == UInt8(ascii: "\\"),
           let kind = Lexer.singleCharKind[Int(c)]
        {
            pos = next
            return Token(kind: kind, start: start, end: next, newlineBefore: newline)
        }
        let shown = c == 0x5C ? "\\" : String(Character(Unicode.Scalar(c) ?? "?"))
        error = LexError(tag: "sntxf", text: "Unexpected character \"\(shown)\".", offset: start, incomplete: false)
        pos = next
        return Token(kind: .error, start: start, end: next, newlineBefore: newline)
    }

    private static let singleCharKind: [Int: TokenKind] = [
        0x28: .lparen, 0x29: .rparen, 0x5B: .lbracket, 0x5D: .rbracket, 0x7B: .lbrace, 0x7D: .rbrace,
        0x2C: .comma, 0x3B: .semi, 0x3A: .colon, 0x3D: .equal, 0x3C: .less, 0x3E: .greater, 0x7C: .bar,
        0x21: .bang, 0x26: .amp, 0x40: .at, 0x2B: .plus, 0x2D: .minus, 0x7E: .tilde, 0x3F: .question,
        0x2A: .star, 0x5E: .caret, 0x2F: .slash, 0x2E: .dot, 0x27: .quote,
    ]

    // MARK: - Symbols, blanks, slots, Out

    /// Interns a symbol name, resolving ``Global` ``/``System` `` prefixes, leading backticks and
    /// single-character aliases (`π` → `Pi`).
    mutating func symbol(named raw: String) -> Symbol {
        var name = raw
        // By Unicode scalars, not characters: a combining mark after "`" joins it in one character.
        if name.utf8.contains(UInt8(ascii: "`")) {
            if name.utf8.first == UInt8(ascii: "`") { name = String(name.unicodeScalars.dropFirst()) }
            for prefix in ["Global`", "System`"] where name.unicodeScalars.starts(with: prefix.unicodeScalars) {
                let rest = name.unicodeScalars.dropFirst(prefix.unicodeScalars.count)
                if !rest.contains("`") { name = String(rest) }
            }
        }
        if name.unicodeScalars.count == 1, let alias = NamedCharacters.alias(name.unicodeScalars.first!.value) {
            name = alias
        }
        return Symbol.named(name)
    }

    /// Reads a symbol name (with contexts) at `pos`; returns `nil` after recording an error.
    private mutating func readSymbolName() -> String? {
        let start = pos
        var p = pos
        // Fast path: plain ASCII letters, digits, `$` and backticks.
        var sawMark = false
        while true {
            let b = byte(p)
            if isASCIIAlnum(b) || b == UInt8(ascii: "$") { p += 1 }
            else if b == UInt8(ascii: "`") { sawMark = true; p += 1 }
            else { break }
        }
        let b = byte(p)
        if b < 0x80 && b != UInt8(ascii: "\\") {
            pos = p
            let name = String(decoding: bytes[start..<p], as: UTF8.self)
            return !sawMark || checkContexts(name, start: start) ? name : nil
        }
        // Slow path: escapes, letterlike characters, continuations.
        var scalars = String.UnicodeScalarView()
        p = start
        var first = true
        while true {
            guard let (c, next) = char(at: p) else { return nil }
            if c == 0x60 {
                scalars.append("`"); p = next; first = true; continue
            }
            guard isSymbolChar(c, first: first), let scalar = Unicode.Scalar(c) else { break }
            scalars.append(scalar)
            first = false
            p = next
        }
        pos = p
        let name = String(scalars)
        return checkContexts(name, start: start) ? name : nil
    }

    /// A context mark must be followed by a letter: ``a`1`` and ``a` `` are errors.
    private mutating func checkContexts(_ name: String, start: Int) -> Bool {
        var previousWasMark = false
        var isFirst = true
        for u in name.unicodeScalars {
            if u == "`" {
                if previousWasMark { break }
                previousWasMark = true
            } else {
                if (previousWasMark || isFirst) && u.value >= 0x30 && u.value <= 0x39 { previousWasMark = true; break }
                previousWasMark = false
            }
            isFirst = false
        }
        if previousWasMark {
            error = LexError(tag: "sntxf", text: "\"\(name)\" is not a valid symbol name.", offset: start, incomplete: false)
            return false
        }
        return true
    }

    @inline(never) private mutating func lexSymbolOrPattern(newline: Bool) -> Token {
        let start = pos
        let sym: Symbol
        if let (cached, end) = symbols.lookup(text, from: start) {
            // A plain ASCII name read before.
            pos = end
            sym = cached
        } else {
            guard let name = readSymbolName() else {
                return Token(kind: .error, start: start, end: pos, newlineBefore: newline)
            }
            sym = symbol(named: name)
            symbols.insert(text, start..<pos, sym)
        }
        if byte(pos) == UInt8(ascii: "_") {
            return lexBlank(at: pos, name: sym, start: start, newline: newline)
        }
        return token(kind: .symbol, start: start, end: pos, newlineBefore: newline, value: .symbol(sym))
    }

    /// `_`, `__`, `___`, optionally with a head (`_h`) or a dot (`_.`), optionally named (`x_`).
    private mutating func lexBlank(at p: Int, name: Symbol?, start: Int, newline: Bool) -> Token {
        var p = p
        var count = 0
        while byte(p) == UInt8(ascii: "_") && count < 3 { count += 1; p += 1 }
        pos = p
        var head: Symbol?
        var optional = false
        let b = byte(p)
        if count == 1 && b == UInt8(ascii: ".") && !isDigit(byte(p + 1)) && byte(p + 1) != UInt8(ascii: ".") {
            optional = true
            pos = p + 1
        } else if isASCIIAlnum(b) && !isDigit(b) || b == UInt8(ascii: "$") || b == UInt8(ascii: "`") || b >= 0x80 || b == UInt8(ascii: "\\") {
            if let (cached, end) = symbols.lookup(text, from: p), end > p {
                pos = end
                head = cached
            } else if let (c, _) = char(at: p), c == 0x60 || isSymbolChar(c, first: true) {
                guard let hname = readSymbolName() else {
                    return Token(kind: .error, start: start, end: pos, newlineBefore: newline)
                }
                let h = symbol(named: hname)
                symbols.insert(text, p..<pos, h)
                head = h
            }
        }
        // Shared: most patterns have a bare blank.
        let bare = count == 1 ? Lexer.blank : count == 2 ? Lexer.blankSequence : Lexer.blankNullSequence
        var e: Expr
        if name == nil && head == nil {
            e = bare
        } else {
            let slot = ((name?.id ?? 0) &* 31 &+ (head?.id ?? 0) &* 7 &+ count) & (patterns.count - 1)
            if let cached = patterns[slot], cached.name === name, cached.head === head, cached.count == count {
                e = cached.expr
            } else {
                if let head {
                    e = .call(count == 1 ? Sym.Blank : count == 2 ? Sym.BlankSequence : Sym.BlankNullSequence,
                              [.symbol(head)])
                } else {
                    e = bare
                }
                if let name { e = .call(Sym.Pattern, .symbol(name), e) }
                patterns[slot] = (name, head, count, e)
            }
        }
        if optional { e = .call(Sym.Optional, e) }
        return token(kind: .blank, start: start, end: pos, newlineBefore: newline, value: e)
    }

    /// `#0` … `#9`, shared.
    static let numberedSlots: [Expr] = (0..<10).map { Expr.call(Sym.Slot, .integer($0)) }
    static let blank = Expr.call(Sym.Blank, [])
    static let blankSequence = Expr.call(Sym.BlankSequence, [])
    static let blankNullSequence = Expr.call(Sym.BlankNullSequence, [])

    /// `#`, `#n`, `#name`, `#"name"`, `##`, `##n`.
    private mutating func lexSlot(newline: Bool) -> Token {
        let start = pos
        var p = pos + 1
        let sequence = byte(p) == UInt8(ascii: "#")
        if sequence { p += 1 }
        let head = sequence ? Sym.SlotSequence : Sym.Slot
        var q = p
        while isDigit(byte(q)) { q += 1 }
        if q > p {
            pos = q
            var n = 0
            for i in p..<q {
                let (times10, o1) = n.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(Int(bytes[i] - UInt8(ascii: "0")))
                if o1 || o2 {
                    error = LexError(tag: "sntxf", text: "Slot number is too large.", offset: start, incomplete: false)
                    return Token(kind: .error, start: start, end: q, newlineBefore: newline)
                }
                n = sum
            }
            if !sequence && n < Lexer.numberedSlots.count {
                return token(kind: .slot, start: start, end: q, newlineBefore: newline, value: Lexer.numberedSlots[n])
            }
            return token(kind: .slot, start: start, end: q, newlineBefore: newline, value: .call(head, .integer(n)))
        }
        if !sequence {
            let b = byte(p)
            if (isASCIIAlnum(b) && !isDigit(b)) || b == UInt8(ascii: "$") {
                while isASCIIAlnum(byte(q)) || byte(q) == UInt8(ascii: "$") { q += 1 }
                pos = q
                let name = String(decoding: bytes[p..<q], as: UTF8.self)
                return token(kind: .slot, start: start, end: q, newlineBefore: newline, value: .call(head, .string(name)))
            }
            if b == UInt8(ascii: "\"") {
                pos = p
                let s = lexString(newline: newline)
                guard s.kind == .string else { return s }
                return token(kind: .slot, start: start, end: pos, newlineBefore: newline, value: .call(head, value))
            }
        }
        pos = p
        return token(kind: .slot, start: start, end: p, newlineBefore: newline, value: .call(head, .integer(1)))
    }

    /// `%` → `Out[]`, `%%…` → `Out[-k]`, `%n` → `Out[n]`.
    private mutating func lexOut(newline: Bool) -> Token {
        let start = pos
        var p = pos
        while byte(p) == UInt8(ascii: "%") { p += 1 }
        let count = p - start
        if count == 1 {
            var q = p
            while isDigit(byte(q)) { q += 1 }
            if q > p, let n = Int(String(decoding: bytes[p..<q], as: UTF8.self)) {
                pos = q
                return token(kind: .out, start: start, end: q, newlineBefore: newline, value: .call(Sym.Out, .integer(n)))
            }
            pos = p
            return token(kind: .out, start: start, end: p, newlineBefore: newline, value: .call(Sym.Out, []))
        }
        pos = p
        return token(kind: .out, start: start, end: p, newlineBefore: newline, value: .call(Sym.Out, .integer(-count)))
    }

    // MARK: - Stringified names

    /// `::tag`, `<<file`, `>>file`, `>>>file`: the following name is read as a string.
    private mutating func lexStringifiedName(kind: TokenKind, start: Int, after: Int, newline: Bool) -> Token {
        var p = after
        while byte(p) == 0x20 || byte(p) == 0x09 { p += 1 }
        pos = p
        if byte(p) == UInt8(ascii: "\"") {
            let s = lexString(newline: newline)
            guard s.kind == .string else { return s }
            return token(kind: kind, start: start, end: pos, newlineBefore: newline, value: value)
        }
        var q = p
        if kind == .messageName {
            // A tag starts with a letter (`a::1` is an error).
            if !isDigit(byte(q)) {
                while isASCIIAlnum(byte(q)) || byte(q) == UInt8(ascii: "$") || byte(q) == UInt8(ascii: "`") || byte(q) >= 0x80 { q += 1 }
            }
        } else {
            while q < bytes.count {
                let b = bytes[q]
                if b <= 0x20 || b == UInt8(ascii: ";") || b == UInt8(ascii: ",") || b == UInt8(ascii: ")")
                    || b == UInt8(ascii: "]") || b == UInt8(ascii: "}") || b == UInt8(ascii: "\"") { break }
                q += 1
            }
        }
        if q == p {
            let what = kind == .messageName ? "::" : kind == .get ? "<<" : kind == .put ? ">>" : ">>>"
            if p >= bytes.count {
                error = LexError(tag: "sntxi", text: "Incomplete expression; more input is needed .", offset: start, incomplete: true)
            } else {
                error = LexError(tag: "sntxf", text: "\"\(what)\" must be followed by a name.", offset: start, incomplete: false)
            }
            pos = q
            return Token(kind: .error, start: start, end: q, newlineBefore: newline)
        }
        pos = q
        return token(kind: kind, start: start, end: q, newlineBefore: newline,
                     value: .string(String(decoding: bytes[p..<q], as: UTF8.self)))
    }
}

/// The bytes of a source, owned at a stable address, followed by zero bytes.
final class SourceText: @unchecked Sendable {
    let base: UnsafeMutablePointer<UInt8>
    let count: Int
    /// 256 flags: whether a byte is an ASCII letter, digit or `$` (`SymbolCache.isNameByte`).
    let nameBytes: UnsafeMutablePointer<Bool>

    init(_ bytes: [UInt8]) {
        let count = bytes.count
        let base = UnsafeMutablePointer<UInt8>.allocate(capacity: count + 8)
        bytes.withUnsafeBufferPointer { b in
            if let a = b.baseAddress { base.initialize(from: a, count: count) }
        }
        (base + count).initialize(repeating: 0, count: 8)
        self.count = count
        self.base = base
        nameBytes = .allocate(capacity: 256)
        for b in 0..<256 { (nameBytes + b).initialize(to: SymbolCache.isNameByte(UInt8(b))) }
    }

    deinit {
        base.deallocate()
        nameBytes.deallocate()
    }

    /// The byte at `p` (`p >= 0`), 0 past the end.
    @inline(__always) func byte(_ p: Int) -> UInt8 { p < count ? base[p] : 0 }
}

/// Symbols already seen in this source, keyed by their plain-ASCII spelling (letters, digits, `$`):
/// an open-addressing table hashed over the name's first 16 bytes read as two words, with the names
/// kept together in a small pool (so the table and its keys stay in cache). A repeated name costs
/// no `String`, no allocation and no lock.
struct SymbolCache {
    private struct Entry {
        /// The name's first 8 bytes (little-endian, zero-padded).
        var first: UInt64
        var start: Int32
        var length: Int32
        /// Unretained: interned symbols are immortal (see `Symbol.named`) and the global table keeps them.
        var symbol: Unmanaged<Symbol>?
    }
    private var entries = ContiguousArray(repeating: Entry(first: 0, start: 0, length: 0, symbol: nil), count: 1024)
    /// The names, one after another.
    private var pool = ContiguousArray<UInt8>()
    private var count = 0

    /// Whether `b` is an ASCII letter, digit or `$`.
    @inline(__always) static func isNameByte(_ b: UInt8) -> Bool {
        let low: UInt64 = 1 << 36 | 0x3FF << 48  // `$`, `0`–`9`
        let high: UInt64 = 0x3FF_FFFF << 1 | 0x3FF_FFFF << 33  // `A`–`Z`, `a`–`z`
        if b < 64 { return (low >> UInt64(b)) & 1 != 0 }
        return b < 128 && (high >> UInt64(b - 64)) & 1 != 0
    }

    /// Bytes `offset..<offset + 8` of a name of `length` bytes at `p` as a little-endian word, zero
    /// past the name. `p` must be readable for 8 bytes past `offset` (the source's zero padding).
    @inline(__always) static func word(_ p: UnsafePointer<UInt8>, _ offset: Int, _ length: Int) -> UInt64 {
        let n = length - offset
        if n <= 0 { return 0 }
        let w = UInt64(littleEndian: UnsafeRawPointer(p + offset).loadUnaligned(as: UInt64.self))
        return n >= 8 ? w : w & ((1 << UInt64(8 * n)) &- 1)
    }

    /// The same word, read byte by byte (for names in the pool, which has no padding).
    static func safeWord(_ p: UnsafePointer<UInt8>, _ offset: Int, _ length: Int) -> UInt64 {
        var w: UInt64 = 0
        var i = min(offset + 8, length) - 1
        while i >= offset { w = w << 8 | UInt64(p[i]); i -= 1 }
        return w
    }

    @inline(__always) static func hash(_ first: UInt64, _ second: UInt64, _ length: Int) -> Int {
        var h = (first &* 0x9E37_79B9_7F4A_7C15) ^ (second &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(length)
        h = (h ^ (h >> 31)) &* 0x94D0_49BB_1331_11EB
        return Int(truncatingIfNeeded: h >> 32)
    }

    /// The symbol for the plain name starting at `start`, and where the name ends, if cached. A name
    /// followed by a backtick, backslash or non-ASCII byte is never cached (it is read the slow way).
    @inline(__always) func lookup(_ text: SourceText, from start: Int) -> (Symbol, Int)? {
        let base = text.base
        var p = start
        // The source is followed by zero bytes, which end the name.
        let nameBytes = text.nameBytes
        while nameBytes[Int(base[p])] { p += 1 }
        let b = base[p]
        if b == UInt8(ascii: "`") || b == UInt8(ascii: "\\") || b >= 0x80 { return nil }
        let length = p - start
        let name = UnsafePointer(base + start)
        let first = SymbolCache.word(name, 0, length)
        let second = SymbolCache.word(name, 8, length)
        let mask = entries.count - 1
        var slot = SymbolCache.hash(first, second, length) & mask
        return entries.withUnsafeBufferPointer { table -> (Symbol, Int)? in
            pool.withUnsafeBufferPointer { names -> (Symbol, Int)? in
                // Fields are read one by one: copying an entry would retain its symbol.
                while table[slot].length != 0 {
                    if table[slot].first == first && Int(table[slot].length) == length {
                        if length <= 8, let symbol = table[slot].symbol { return (Symbol.reference(symbol), p) }
                        if let key = names.baseAddress.map({ $0 + Int(table[slot].start) }) {
                            var i = 8
                            while i < length && key[i] == name[i] { i += 1 }
                            if i == length, let symbol = table[slot].symbol { return (Symbol.reference(symbol), p) }
                        }
                    }
                    slot = (slot + 1) & mask
                }
                return nil
            }
        }
    }

    /// Remembers `symbol` for the plain name `text[range]` (names with other characters are skipped).
    mutating func insert(_ text: SourceText, _ range: Range<Int>, _ symbol: Symbol) {
        guard !range.isEmpty, range.count < 1 << 16, pool.count < 1 << 30 else { return }
        for p in range where !SymbolCache.isNameByte(text.base[p]) { return }
        let start = pool.count
        pool.append(contentsOf: UnsafeBufferPointer(start: text.base + range.lowerBound, count: range.count))
        let first = SymbolCache.safeWord(text.base + range.lowerBound, 0, range.count)
        add(Entry(first: first, start: Int32(start), length: Int32(range.count), symbol: Unmanaged.passUnretained(symbol)))
    }

    private mutating func add(_ entry: Entry) {
        if count * 2 >= entries.count { grow() }
        let length = Int(entry.length)
        // The pool holds this entry's bytes (appended by `insert` just before, or kept by `grow`),
        // so it is not empty and has a base address; nothing here depends on user input.
        let second = pool.withUnsafeBufferPointer { names in
            SymbolCache.safeWord(names.baseAddress! + Int(entry.start), 8, length)
        }
        let mask = entries.count - 1
        var slot = SymbolCache.hash(entry.first, second, length) & mask
        while entries[slot].length != 0 { slot = (slot + 1) & mask }
        entries[slot] = entry
        count += 1
    }

    private mutating func grow() {
        let old = entries
        entries = ContiguousArray(repeating: Entry(first: 0, start: 0, length: 0, symbol: nil), count: old.count * 2)
        count = 0
        for entry in old where entry.symbol != nil { add(entry) }
    }
}
