
/// Text of machine reals and strings in the three forms (§3.6 of the syntax reference).
enum NumberText {
    /// A finite, non-zero double as decimal digits `d0 d1 …` (no leading or trailing zeros) and the
    /// exponent `e` of `d0.d1… × 10^e`.
    struct Decimal {
        var digits: [UInt8]  // ASCII '0'...'9'
        var exponent: Int
    }

    /// The shortest digit string that reads back to `x` (Swift's `description` is shortest round-trip).
    static func shortest(_ x: Double) -> Decimal {
        let text = Swift.abs(x).description  // "0.1", "1.0", "2.5e-07", "1e+16", "123.456"
        var mantissa = Substring(text)
        var exp10 = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exp10 = Int(text[text.index(after: e)...]) ?? 0
        }
        var digits: [UInt8] = []
        var pointPosition: Int? = nil
        for ch in mantissa.utf8 {
            if ch == UInt8(ascii: ".") { pointPosition = digits.count } else { digits.append(ch) }
        }
        let intDigits = pointPosition ?? digits.count
        // value = 0.digits × 10^(intDigits) × 10^exp10  →  d0.d1… × 10^(intDigits - 1 + exp10)
        var exponent = intDigits - 1 + exp10
        let leadingZeros = digits.prefix(while: { $0 == UInt8(ascii: "0") }).count
        if leadingZeros > 0 { digits.removeFirst(leadingZeros); exponent -= leadingZeros }
        while let last = digits.last, last == UInt8(ascii: "0") { digits.removeLast() }
        if digits.isEmpty { digits = [UInt8(ascii: "0")]; exponent = 0 }
        return Decimal(digits: digits, exponent: exponent)
    }

    /// `x` rounded to `significant` digits (correctly rounded from the exact binary value; ties to even).
    static func rounded(_ x: Double, significant: Int) -> Decimal {
        var d = shortest(x)
        guard d.digits.count > significant else { return d }
        let next = d.digits[significant]
        let rest = d.digits[(significant + 1)...]
        var roundUp: Bool
        if next > UInt8(ascii: "5") {
            roundUp = true
        } else if next < UInt8(ascii: "5") {
            roundUp = false
        } else if rest.contains(where: { $0 != UInt8(ascii: "0") }) {
            roundUp = true
        } else {
            // The shortest digits end in exactly 5 here; the true binary value decides.
            let c = compareExact(Swift.abs(x), digits: Array(d.digits[...significant]), exponent: d.exponent)
            if c != 0 {
                roundUp = c > 0
            } else {
                roundUp = (d.digits[significant - 1] - UInt8(ascii: "0")) % 2 == 1
            }
        }
        d.digits = Array(d.digits[..<significant])
        if roundUp {
            var i = significant - 1
            while i >= 0 {
                if d.digits[i] == UInt8(ascii: "9") { d.digits[i] = UInt8(ascii: "0"); i -= 1 } else { d.digits[i] += 1; break }
            }
            if i < 0 { d.digits.insert(UInt8(ascii: "1"), at: 0); d.digits.removeLast(); d.exponent += 1 }
        }
        while d.digits.count > 1, let last = d.digits.last, last == UInt8(ascii: "0") { d.digits.removeLast() }
        return d
    }

    /// Compares a positive finite double with the decimal `digits × 10^(exponent - count + 1)`.
    private static func compareExact(_ x: Double, digits: [UInt8], exponent: Int) -> Int {
        var m = BigInt(x.significandBitPattern)
        var e2 = Int(x.exponent) - Double.significandBitCount
        if x.isSubnormal {
            e2 = Int(Double.leastNormalMagnitude.exponent) - Double.significandBitCount
        } else {
            m += BigInt(1) << Double.significandBitCount
        }
        var decimal = BigInt(0)
        for d in digits { decimal = decimal * 10 + BigInt(Int(d - UInt8(ascii: "0"))) }
        let k = exponent - (digits.count - 1)
        if e2 >= 0 { m <<= e2 } else { decimal <<= -e2 }
        if k >= 0 { decimal *= BigInt(10).power(k) } else { m *= BigInt(10).power(-k) }
        return m < decimal ? -1 : (m > decimal ? 1 : 0)
    }

    /// Lays out decimal digits Wolfram's way: positional for 1e-5 ≤ |x| < 1e6 (always with a `.`),
    /// otherwise `mantissa*^exp`; `mark` (the FullForm backtick) goes right after the mantissa.
    static func layout(_ d: Decimal, negative: Bool, mark: String = "") -> String {
        var out: [UInt8] = []
        out.reserveCapacity(d.digits.count + 12)
        if negative { out.append(UInt8(ascii: "-")) }
        let digits = d.digits
        if d.exponent >= -5 && d.exponent <= 5 {
            if d.exponent >= 0 {
                let intCount = d.exponent + 1
                for i in 0..<intCount { out.append(i < digits.count ? digits[i] : UInt8(ascii: "0")) }
                out.append(UInt8(ascii: "."))
                if digits.count > intCount { out += digits[intCount...] }
            } else {
                out += [UInt8(ascii: "0"), UInt8(ascii: ".")]
                out += repeatElement(UInt8(ascii: "0"), count: -d.exponent - 1)
                out += digits
            }
            out += mark.utf8
            return String(decoding: out, as: UTF8.self)
        }
        out.append(digits[0])
        out.append(UInt8(ascii: "."))
        out += digits.dropFirst()
        out += mark.utf8
        out += "*^".utf8
        out += String(d.exponent).utf8
        return String(decoding: out, as: UTF8.self)
    }

    /// InputForm / wolframscript text of a machine real: shortest round-trip digits.
    static func inputForm(_ x: Double) -> String {
        if let special = nonFinite(x) { return special }
        if x == 0 { return "0." }
        return layout(shortest(x), negative: x < 0)
    }

    /// FullForm text of a machine real: InputForm digits with a backtick (`1.5\``, `1.\`*^6`).
    static func fullForm(_ x: Double) -> String {
        if let special = nonFinite(x) { return special }
        if x == 0 { return "0.`" }
        return layout(shortest(x), negative: x < 0, mark: "`")
    }

    /// OutputForm text of a machine real: 6 significant digits, trailing zeros dropped.
    static func outputForm(_ x: Double) -> String {
        if let special = nonFinite(x) { return special }
        if x == 0 { return "0." }
        return layout(rounded(x, significant: 6), negative: x < 0)
    }

    /// Text of an arbitrary-precision real: the known digits (trailing zeros kept), positional for
    /// 1e-5 ≤ |x| < 1e6 when the digits reach the point, else `mantissa*^exp`; with `mark`, the
    /// precision mark `` `p`` of InputForm and FullForm (a zero: `` 0.``a``, its accuracy).
    static func bigReal(_ x: BigReal, mark: Bool) -> String {
        if !x.isFinite { return x.doubleValue.isNaN ? "Indeterminate" : (x.sign > 0 ? "Infinity" : "-Infinity") }
        if x.isZero {
            let a = x.accuracy
            if mark { return "0.``" + inputForm(a) }
            let shown = -Int(a.rounded())
            return shown == 0 ? "0." : "0.*^\(shown)"
        }
        let (digits, exponent) = x.decimalDigits(x.shownDigits)
        let markText = mark ? "`" + inputForm(x.precision) : ""
        if exponent >= 0 && exponent < digits.count && exponent <= 5 || exponent < 0 && exponent >= -5 {
            return layout(Decimal(digits: digits, exponent: exponent), negative: x.sign < 0, mark: markText)
        }
        return layoutScientific(digits, exponent: exponent, negative: x.sign < 0, mark: markText)
    }

    /// `d0.d1…mark*^e`.
    private static func layoutScientific(_ digits: [UInt8], exponent: Int, negative: Bool, mark: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(digits.count + 16)
        if negative { out.append(UInt8(ascii: "-")) }
        out.append(digits[0])
        out.append(UInt8(ascii: "."))
        out += digits.dropFirst()
        out += mark.utf8
        if exponent != 0 {
            out += "*^".utf8
            out += String(exponent).utf8
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func nonFinite(_ x: Double) -> String? {
        if x.isNaN { return "Indeterminate" }
        if x.isInfinite { return x > 0 ? "Infinity" : "-Infinity" }
        return nil
    }

    /// A string literal with quotes and escapes (`\"`, `\\`, `\n`, `\t`, …), as InputForm writes it.
    static func quoted(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\u{8}": out += "\\b"
            case "\u{c}": out += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\:" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
