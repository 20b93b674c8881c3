
/// Number and string literals (grammar.md, "Numbers" and "Strings").
extension Lexer {
    /// The largest `*^` exponent accepted on an exact number, and the most digits in an exact number
    /// (longer ones are a syntax error, so that `1*^-99999` or a megabyte of digits cannot stall the
    /// big-integer arithmetic).
    static let maxExactExponent = 2000
    static let maxExactDigits = 20_000

    // MARK: - Strings

    mutating func lexString(newline: Bool) -> Token {
        let start = pos
        var p = pos + 1
        let n = bytes.count
        // Fast path: no escapes.
        while p < n && bytes[p] != UInt8(ascii: "\"") && bytes[p] != UInt8(ascii: "\\") { p += 1 }
        if p < n && bytes[p] == UInt8(ascii: "\"") {
            pos = p + 1
            return token(kind: .string, start: start, end: pos, newlineBefore: newline,
                         value: .string(String(decoding: bytes[(start + 1)..<p], as: UTF8.self)))
        }
        var buffer = Array(bytes[(start + 1)..<p])
        func append(_ c: UInt32) {
            let scalar = Unicode.Scalar(c) ?? "\u{FFFD}"
            var utf8 = [UInt8]()
            UTF8.encode(scalar) { utf8.append($0) }
            buffer.append(contentsOf: utf8)
        }
        while p < n {
            let b = bytes[p]
            if b == UInt8(ascii: "\"") {
                pos = p + 1
                return token(kind: .string, start: start, end: pos, newlineBefore: newline,
                             value: .string(String(decoding: buffer, as: UTF8.self)))
            }
            if b != UInt8(ascii: "\\") { buffer.append(b); p += 1; continue }
            let e = byte(p + 1)
            switch e {
            case UInt8(ascii: "n"): buffer.append(0x0A); p += 2
            case UInt8(ascii: "t"): buffer.append(0x09); p += 2
            case UInt8(ascii: "r"): buffer.append(0x0D); p += 2
            case UInt8(ascii: "b"): buffer.append(0x08); p += 2
            case UInt8(ascii: "f"): buffer.append(0x0C); p += 2
            case UInt8(ascii: "\""): buffer.append(0x22); p += 2
            case UInt8(ascii: "\\"): buffer.append(0x5C); p += 2
            case 0x0A: p += 2
            case 0x0D: p += byte(p + 2) == 0x0A ? 3 : 2
            case UInt8(ascii: "["), UInt8(ascii: ":"), UInt8(ascii: "."), UInt8(ascii: "|"),
                 UInt8(ascii: "0")...UInt8(ascii: "7"):
                guard let (c, next) = decodeEscape(at: p) else {
                    if var err = error, err.incomplete {
                        // `"\[Alp` at the end: the string itself is what is unfinished.
                        err.offset = start
                        error = err
                    }
                    pos = n
                    return Token(kind: .error, start: start, end: n, newlineBefore: newline)
                }
                append(c)
                p = next
            case 0:
                if p + 1 >= n { p += 1; continue }
                buffer.append(0x5C); p += 1
            default:
                // Box escapes (`\(`, `\!`, …) and unknown escapes are kept as written.
                buffer.append(0x5C); p += 1
            }
        }
        pos = n
        error = LexError(tag: "tsntxi", text: "\"\(snippet(start, n))\" is incomplete; more input is needed.",
                         offset: start, incomplete: true)
        return Token(kind: .error, start: start, end: n, newlineBefore: newline)
    }

    /// Source text `start..<end`, shortened to at most 40 characters.
    func snippet(_ start: Int, _ end: Int) -> String {
        let s = String(decoding: bytes[start..<min(end, bytes.count)], as: UTF8.self)
        let scalars = s.unicodeScalars
        if scalars.count <= 40 { return s }
        return String(String.UnicodeScalarView(scalars.prefix(37))) + "..."
    }

    // MARK: - Numbers

    @inline(never) mutating func lexNumber(newline: Bool) -> Token {
        let start = pos
        var p = pos
        while isDigit(byte(p)) { p += 1 }
        let intEnd = p
        // Fast path: a plain machine integer (no `.`, `^^`, `` ` `` or `*^` after the digits).
        let after = byte(p)
        if p > start && p - start <= 18 && after != UInt8(ascii: ".") && after != UInt8(ascii: "`")
            && !(after == UInt8(ascii: "^") && byte(p + 1) == UInt8(ascii: "^"))
            && !(after == UInt8(ascii: "*") && byte(p + 1) == UInt8(ascii: "^"))
        {
            var v = 0
            for i in start..<p { v = v &* 10 &+ Int(byte(i) &- UInt8(ascii: "0")) }
            pos = p
            return token(kind: .number, start: start, end: p, newlineBefore: newline, value: .integer(v))
        }
        var base = 10
        var based = false
        var isReal = false
        var mantissaStart = start
        var dotAt: Int? = nil
        func fail(_ tag: String, _ text: String, at end: Int) -> Token {
            pos = end
            error = LexError(tag: tag, text: text, offset: start, incomplete: false)
            return Token(kind: .error, start: start, end: end, newlineBefore: newline)
        }
        if byte(p) == UInt8(ascii: "^") && byte(p + 1) == UInt8(ascii: "^") && intEnd > start {
            based = true
            let baseText = String(decoding: bytes[start..<intEnd], as: UTF8.self)
            p += 2
            mantissaStart = p
            while isASCIIAlnum(byte(p)) { p += 1 }
            if byte(p) == UInt8(ascii: ".") && byte(p + 1) != UInt8(ascii: ".") {
                dotAt = p
                isReal = true
                p += 1
                while isASCIIAlnum(byte(p)) { p += 1 }
            }
            if p == mantissaStart || (dotAt == mantissaStart && p == mantissaStart + 1) {
                return fail("sntxf", "\"\(snippet(start, p))\" cannot be followed by \"\(snippet(p, min(p + 10, bytes.count)))\".", at: p)
            }
            guard let b = Int(baseText), b >= 2 && b <= 36 else {
                return fail("base", "Requested base \(baseText) in \(snippet(start, p)) should be between 2 and 36.", at: p)
            }
            base = b
        } else if byte(p) == UInt8(ascii: ".") && byte(p + 1) != UInt8(ascii: ".") {
            dotAt = p
            isReal = true
            p += 1
            while isDigit(byte(p)) { p += 1 }
        }
        let mantissaEnd = p
        // Precision or accuracy marks: `` `p `` (precision), ``` ``a ``` (accuracy), a bare `` ` `` (machine).
        var mark = NumberMark.none
        if byte(p) == UInt8(ascii: "`") {
            isReal = true
            p += 1
            var accuracy = false
            if byte(p) == UInt8(ascii: "`") { p += 1; accuracy = true }
            var q = p
            if byte(q) == UInt8(ascii: "+") || byte(q) == UInt8(ascii: "-") { q += 1 }
            let digitsStart = q
            while isDigit(byte(q)) { q += 1 }
            if byte(q) == UInt8(ascii: ".") && isDigit(byte(q + 1)) { q += 1; while isDigit(byte(q)) { q += 1 } }
            else if byte(q) == UInt8(ascii: ".") && q > digitsStart && !isDigit(byte(q + 1)) && byte(q + 1) != UInt8(ascii: ".") { q += 1 }
            if q > digitsStart {
                let value = Double(String(decoding: bytes[p..<q], as: UTF8.self).trimmingSuffixDot) ?? .nan
                if value.isFinite && value > BigReal.maxDigits {
                    return fail("sntxf", "Precision in \"\(snippet(start, q))\" is too large.", at: q)
                }
                mark = accuracy ? .accuracy(value) : .precision(value)
                p = q
            } else if accuracy {
                mark = .accuracy(.nan)
            }
        }
        // Exponent
        var exponent = 0
        if byte(p) == UInt8(ascii: "*") && byte(p + 1) == UInt8(ascii: "^") {
            var q = p + 2
            var negative = false
            if byte(q) == UInt8(ascii: "+") || byte(q) == UInt8(ascii: "-") { negative = byte(q) == UInt8(ascii: "-"); q += 1 }
            let digitsStart = q
            while isDigit(byte(q)) { q += 1 }
            if q == digitsStart {
                return fail("sntxf", "\"\(snippet(start, p + 2))\" cannot be followed by \"\(snippet(p + 2, min(p + 12, bytes.count)))\".", at: q)
            }
            let text = String(decoding: bytes[digitsStart..<q], as: UTF8.self)
            let magnitude = Int(text) ?? Int.max
            if magnitude > Lexer.maxExactExponent && !isReal {
                return fail("sntxf", "Exponent in \"\(snippet(start, q))\" is too large.", at: q)
            }
            exponent = negative ? -min(magnitude, 1 << 40) : min(magnitude, 1 << 40)
            p = q
        }
        pos = p
        if !isReal && mantissaEnd - mantissaStart > Lexer.maxExactDigits {
            return fail("sntxf", "Integer \"\(snippet(start, p))\" has more than \(Lexer.maxExactDigits) digits.", at: p)
        }
        let value: Expr
        if based {
            // Digits must be smaller than the base.
            var digits: [Int] = []
            var position = 0
            var fractionDigits = 0
            for i in mantissaStart..<mantissaEnd {
                let b = bytes[i]
                if b == UInt8(ascii: ".") { continue }
                position += 1
                let d: Int
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): d = Int(b - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "z"): d = Int(b - UInt8(ascii: "a")) + 10
                default: d = Int(b - UInt8(ascii: "A")) + 10
                }
                if d >= base {
                    let shown = String(decoding: bytes[mantissaStart..<mantissaEnd], as: UTF8.self)
                    return fail("digit", "Digit at position \(position) in \(shown) is too large to be used in base \(base).", at: p)
                }
                digits.append(d)
                if let dotAt, i > dotAt { fractionDigits += 1 }
            }
            if isReal {
                var v = 0.0
                for d in digits { v = v * Double(base) + Double(d) }
                value = .real(v * Lexer.power(Double(base), exponent - fractionDigits))
            } else {
                var v = BigInt(0)
                for d in digits { v = v * BigInt(base) + BigInt(d) }
                value = Lexer.scaled(v, base: base, exponent: exponent)
            }
        } else if isReal, let big = Lexer.bigReal(bytes, start, mantissaEnd, exponent, mark) {
            value = big
        } else if isReal, let fast = Lexer.fastDecimal(bytes, start, mantissaEnd, exponent) {
            value = .real(fast)
        } else if isReal {
            var text = String(decoding: bytes[start..<mantissaEnd], as: UTF8.self)
            if text.utf8.last == UInt8(ascii: ".") { text += "0" }
            if text.utf8.first == UInt8(ascii: ".") { text = "0" + text }
            if exponent != 0 { text += "e\(exponent)" }
            value = .real(Double(text) ?? .nan)
        } else {
            let count = intEnd - start
            if count <= 18 {
                var v = 0
                for i in start..<intEnd { v = v &* 10 &+ Int(bytes[i] - UInt8(ascii: "0")) }
                value = exponent == 0 ? .integer(v) : Lexer.scaled(BigInt(v), base: 10, exponent: exponent)
            } else {
                let v = BigInt(String(decoding: bytes[start..<intEnd], as: UTF8.self)) ?? 0
                value = Lexer.scaled(v, base: 10, exponent: exponent)
            }
        }
        return token(kind: .number, start: start, end: p, newlineBefore: newline, value: value)
    }

    /// The precision mark after a real literal.
    enum NumberMark { case none, precision(Double), accuracy(Double) }

    /// The arbitrary-precision real a decimal literal stands for, or nil for a machine real: with a
    /// precision or accuracy mark, or without a mark when it has more significant digits than a
    /// machine real's shortest round-trip digits have (18 or more; the precision is then the number of digits).
    static func bigReal(_ bytes: [UInt8], _ start: Int, _ end: Int, _ exponent: Int, _ mark: NumberMark) -> Expr? {
        var significant = 0
        var seenNonZero = false
        for i in start..<end where bytes[i] != UInt8(ascii: ".") {
            if bytes[i] != UInt8(ascii: "0") { seenNonZero = true }
            if seenNonZero { significant += 1 }
        }
        var text = String(decoding: bytes[start..<end], as: UTF8.self)
        if exponent != 0 { text += "e\(exponent)" }
        let precision: Double
        switch mark {
        case .none:
            guard significant > 17 else { return nil }
            precision = Double(significant)
        case .precision(let p):
            guard p.isFinite else { return nil }
            if p <= 0 {
                // No digit known ($MinPrecision is 0): a zero of the accuracy p - log10|x|.
                guard seenNonZero, let probe = BigReal.from(decimal: text, precision: 20), probe.isFinite else { return .bigReal(BigReal.zero(accuracy: p)) }
                return .bigReal(BigReal.zero(accuracy: p - probe.log10Magnitude))
            }
            precision = p
        case .accuracy(let a):
            guard a.isFinite else { return nil }
            if !seenNonZero { return .bigReal(BigReal.zero(accuracy: a)) }
            // Precision = accuracy + log10|x|, from a first rounding at enough digits.
            guard let probe = BigReal.from(decimal: text, precision: Double(Swift.max(significant, 20))), probe.isFinite else { return nil }
            // No digit known: a zero of that accuracy.
            if a + probe.log10Magnitude <= 0 { return .bigReal(BigReal.zero(accuracy: a)) }
            precision = a + probe.log10Magnitude
            if precision > BigReal.maxDigits { return nil }
        }
        if !seenNonZero { return .bigReal(BigReal.zero(accuracy: precision)) }
        guard let r = BigReal.from(decimal: text, precision: precision), r.isFinite else { return nil }
        return .bigReal(r)
    }

    /// Exact powers of ten as doubles (all exactly representable).
    private static let powersOfTen: [Double] = (0...22).map { Lexer.power(10, $0) }

    /// A decimal `digits.digits` (times 10^exponent) with at most 15 significant digits, converted
    /// without going through a string: the mantissa and the power of ten are exact doubles, so one
    /// multiplication or division rounds correctly (Clinger's fast path). `nil` when it does not apply.
    static func fastDecimal(_ bytes: [UInt8], _ start: Int, _ end: Int, _ exponent: Int) -> Double? {
        var mantissa = 0
        var digits = 0
        var fraction = 0
        var seenDot = false
        for i in start..<end {
            let b = bytes[i]
            if b == UInt8(ascii: ".") { seenDot = true; continue }
            if digits > 0 || b != UInt8(ascii: "0") { digits += 1 }
            if digits > 15 { return nil }
            mantissa = mantissa * 10 + Int(b - UInt8(ascii: "0"))
            if seenDot { fraction += 1 }
        }
        let scale = exponent - fraction
        guard abs(scale) <= 22 else { return nil }
        let m = Double(mantissa)
        return scale >= 0 ? m * powersOfTen[scale] : m / powersOfTen[-scale]
    }

    /// `v × base^exponent`, exact (an integer or a rational).
    static func scaled(_ v: BigInt, base: Int, exponent: Int) -> Expr {
        if exponent == 0 { return .integer(v) }
        let scale = BigInt(base).power(abs(exponent))
        return exponent > 0 ? .integer(v * scale) : .rational(v, over: scale)
    }

    /// `x^n` for an integer `n`, by repeated squaring.
    static func power(_ x: Double, _ n: Int) -> Double {
        var result = 1.0, b = x, e = abs(n)
        while e > 0 {
            if e & 1 == 1 { result *= b }
            b *= b
            e >>= 1
        }
        return n < 0 ? 1 / result : result
    }
}

private extension String {
    /// `"20."` as `"20"` (Double() does not read a trailing point).
    var trimmingSuffixDot: String { hasSuffix(".") ? String(dropLast()) : self }
}
