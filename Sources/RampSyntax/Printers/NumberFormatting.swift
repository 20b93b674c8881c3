
/// How a number form (`NumberForm`, `PaddedForm`, `ScientificForm`, `EngineeringForm`,
/// `AccountingForm`) writes the numbers inside it: its digit specification and options.
struct NumberFormatSpec {
    enum Kind { case number, padded, scientific, engineering, accounting }

    var kind: Kind
    /// `n`: significant digits of reals (and the width PaddedForm pads to).
    var digits: Int?
    /// `f`: digits to the right of the decimal point.
    var fractionDigits: Int?
    /// `DigitBlock`: block lengths left and right of the point (nil: no blocks).
    var blockLeft: Int?
    var blockRight: Int?
    /// `NumberSeparator`: what goes between blocks, left and right of the point.
    var separatorLeft = ","
    var separatorRight = " "
    /// `NumberPoint`.
    var point = "."
    /// `NumberSigns`: prefix and suffix for negative and for positive numbers.
    var negativeSign = ("-", "")
    var positiveSign = ("", "")
    /// `NumberPadding`: padding strings on the left (to `n` digits) and right (to `f` digits).
    var padLeft = ""
    var padRight = "0"
    /// `ExponentStep`: exponents are multiples of this.
    var exponentStep = 1
    /// `SignPadding`: padding goes between the sign and the digits.
    var signPadding = false
    /// Decimal exponents `e` (of `d.ddd × 10^e`) outside `low ..< high` print in scientific notation;
    /// nil: never (AccountingForm).
    var threshold: (low: Int, high: Int)? = (-5, 6)

    /// The form's defaults, then its digit argument and options. Nil when they are not valid
    /// (the wrapper then prints as an ordinary call).
    static func parse(head: Symbol, args: [Expr]) -> NumberFormatSpec? {
        guard let kind = kinds[head.name], !args.isEmpty else { return nil }
        var spec = NumberFormatSpec(kind: kind)
        switch kind {
        case .padded: spec.padLeft = " "
        case .scientific: spec.threshold = (1, 1)
        case .engineering: spec.threshold = (0, 3); spec.exponentStep = 3
        case .accounting: spec.threshold = nil; spec.negativeSign = ("(", ")")
        case .number: break
        }
        var rest = args.dropFirst()
        if let first = rest.first, !first.isRuleLike {
            rest = rest.dropFirst()
            // Counts past `maxDigits` would pad or round to strings of that size: the form is not applied.
            if let n = first.int, n > 0, n <= Self.maxDigits {
                spec.digits = n
            } else if first.hasHead(Sym.List), first.args.count == 2, let n = first.args[0].int, let f = first.args[1].int,
                n > 0, f >= 0, n <= Self.maxDigits, f <= Self.maxDigits {
                spec.digits = n
                spec.fractionDigits = f
            } else {
                return nil
            }
        }
        for option in rest {
            guard option.isRuleLike, option.args.count == 2, let name = option.args[0].symbol?.name ?? option.args[0].string,
                spec.apply(name, option.args[1])
            else { return nil }
        }
        return spec
    }

    /// The largest digit count a number form applies (PaddedForm[x, 2^63 - 1] would build a string of
    /// that many spaces).
    static let maxDigits = 1 << 20

    static let kinds: [String: Kind] = [
        "NumberForm": .number, "PaddedForm": .padded, "ScientificForm": .scientific,
        "EngineeringForm": .engineering, "AccountingForm": .accounting,
    ]

    /// Applies one option; false for an unknown option or a value it cannot use.
    private mutating func apply(_ name: String, _ value: Expr) -> Bool {
        func pair(_ e: Expr) -> (String, String)? {
            if let s = e.string { return (s, s) }
            if e.hasHead(Sym.List), e.args.count == 2, let a = e.args[0].string, let b = e.args[1].string { return (a, b) }
            return nil
        }
        func signPair(_ e: Expr) -> (String, String)? {
            if let s = e.string { return (s, "") }
            if e.hasHead(Sym.List), e.args.count == 2, let a = e.args[0].string, let b = e.args[1].string { return (a, b) }
            return nil
        }
        switch name {
        case "DigitBlock":
            func block(_ e: Expr) -> Int?? {
                if e.symbol?.name == "Infinity" || e == .call(Sym.DirectedInfinity, [.integer(1)]) { return .some(nil) }
                if let n = e.int, n > 0 { return .some(n) }
                return nil
            }
            if value.hasHead(Sym.List), value.args.count == 2 {
                guard let l = block(value.args[0]), let r = block(value.args[1]) else { return false }
                (blockLeft, blockRight) = (l, r)
            } else {
                guard let b = block(value) else { return false }
                (blockLeft, blockRight) = (b, b)
            }
        case "NumberSeparator":
            guard let p = pair(value) else { return false }
            (separatorLeft, separatorRight) = p
        case "NumberPoint":
            guard let s = value.string else { return false }
            point = s
        case "NumberSigns":
            guard value.hasHead(Sym.List), value.args.count == 2, let neg = signPair(value.args[0]), let pos = signPair(value.args[1])
            else { return false }
            negativeSign = neg
            positiveSign = pos
        case "NumberPadding":
            guard let p = pair(value) else { return false }
            (padLeft, padRight) = p
        case "ExponentStep":
            guard let n = value.int, n > 0 else { return false }
            exponentStep = n
        case "SignPadding":
            guard let b = value.symbol, b === Sym.True || b === Sym.False else { return false }
            signPadding = b === Sym.True
        case "ScientificNotationThreshold":
            guard value.hasHead(Sym.List), value.args.count == 2, let lo = value.args[0].int, let hi = value.args[1].int else { return false }
            threshold = (lo, hi)
        case "NumberMultiplier", "ExponentFunction", "NumberFormat", "DefaultPrintPrecision":
            break   // accepted; the terminal layout uses its own multiplier and the default exponents
        default:
            return false
        }
        return true
    }

    /// A number written by this spec: the mantissa text and the decimal exponent to show, if any.
    struct Parts {
        var mantissa: String
        var exponent: Int?
        /// One-line text (`1.5*10^6`) for places that cannot raise the exponent.
        var oneLine: String { exponent.map { mantissa + "*10^" + String($0) } ?? mantissa }
    }

    /// The parts of an integer or machine real; nil for anything else (it prints as usual).
    func parts(_ e: Expr) -> Parts? {
        switch e {
        case .integer(let i): return integerParts(String(i.magnitude), negative: i < 0)
        case .bigInteger(let b): return integerParts(String(b.magnitude), negative: b.sign == .minus)
        case .real(let x) where x.isFinite: return realParts(x)
        case .bigReal(let b) where b.isFinite:
            // All known digits by default; fewer when asked (NumberForm[N[Pi, 50], 10]).
            let whole = b.decimalDigits(b.shownDigits)
            return realParts(isZero: b.isZero, negative: b.sign < 0, wholeExponent: whole.exponent, defaultDigits: b.shownDigits) { n in
                if n >= b.shownDigits { return NumberText.Decimal(digits: whole.digits, exponent: whole.exponent) }
                var (digits, e) = b.decimalDigits(n)
                while digits.count > 1, digits.last == UInt8(ascii: "0") { digits.removeLast() }
                return NumberText.Decimal(digits: digits, exponent: e)
            }
        default: return nil
        }
    }

    private func integerParts(_ digits: String, negative: Bool) -> Parts {
        let grouped = Self.group(Array(digits), block: blockLeft, separator: separatorLeft, fromRight: true)
        return Parts(mantissa: signed(grouped, digitCount: digits.count, negative: negative), exponent: nil)
    }

    private func realParts(_ x: Double) -> Parts {
        realParts(isZero: x == 0, negative: x < 0, wholeExponent: x == 0 ? 0 : NumberText.shortest(x).exponent, defaultDigits: 6) {
            NumberText.rounded(x, significant: $0)
        }
    }

    /// The parts of a real given its sign, the exponent of its leading digit and its digits rounded
    /// to a count (a machine real's, or an arbitrary-precision real's known digits).
    private func realParts(isZero: Bool, negative: Bool, wholeExponent: Int, defaultDigits: Int,
                           _ rounded: (Int) -> NumberText.Decimal) -> Parts {
        var decimal = NumberText.Decimal(digits: [UInt8(ascii: "0")], exponent: 0)
        if !isZero {
            var significant = digits ?? defaultDigits
            if let f = fractionDigits {
                // f digits after the point of the mantissa (the whole number when no exponent shows).
                significant = min(significant, wholeExponent - (exponentFor(wholeExponent) ?? 0) + 1 + f)
            }
            if significant >= 1 {
                decimal = rounded(significant)
            }
        }
        let exponent = isZero ? nil : exponentFor(decimal.exponent)
        let pointPosition = decimal.exponent - (exponent ?? 0) + 1   // digits before the point
        var intDigits: [Character] = []
        var fracDigits: [Character] = []
        let chars = decimal.digits.map { Character(UnicodeScalar($0)) }
        if pointPosition <= 0 {
            intDigits = ["0"]
            fracDigits = Array(repeating: "0", count: -pointPosition) + chars
        } else {
            for i in 0..<max(pointPosition, chars.count) {
                let c: Character = i < chars.count ? chars[i] : "0"
                if i < pointPosition { intDigits.append(c) } else { fracDigits.append(c) }
            }
        }
        if isZero { fracDigits = [] }
        if let f = fractionDigits {
            if fracDigits.count > f { fracDigits = Array(fracDigits.prefix(f)) }
            if !padRight.isEmpty { while fracDigits.count < f { fracDigits += Array(padRight) } }
        }
        let left = Self.group(intDigits, block: blockLeft, separator: separatorLeft, fromRight: true)
        let right = Self.group(fracDigits, block: blockRight, separator: separatorRight, fromRight: false)
        let body = left + point + right
        return Parts(mantissa: signed(body, digitCount: intDigits.count + fracDigits.count, negative: negative), exponent: exponent)
    }

    /// The exponent scientific notation uses for a number `d.ddd × 10^e`, or nil for positional.
    private func exponentFor(_ e: Int) -> Int? {
        guard let (low, high) = threshold else { return nil }
        if kind != .scientific && e >= low && e < high { return nil }
        let step = exponentStep
        let shown = e >= 0 ? (e / step) * step : -(((-e) + step - 1) / step) * step
        return shown == 0 && kind != .scientific ? nil : shown
    }

    /// Adds the sign and the left padding (to `n` digits, PaddedForm also leaving room for a sign).
    private func signed(_ body: String, digitCount: Int, negative: Bool) -> String {
        let (prefix, suffix) = negative ? negativeSign : positiveSign
        var padding = ""
        if let n = digits, !padLeft.isEmpty {
            var count = max(0, n - digitCount)
            if kind == .padded && !negative { count += negativeSign.0.count }
            padding = String(repeating: padLeft, count: count)
        }
        return signPadding ? prefix + padding + body + suffix : padding + prefix + body + suffix
    }

    /// Digits in blocks of `block`, counted from the point (`fromRight` for the integer part).
    static func group(_ digits: [Character], block: Int?, separator: String, fromRight: Bool) -> String {
        guard let block, digits.count > block else { return String(digits) }
        var out = ""
        for (i, d) in digits.enumerated() {
            let position = fromRight ? digits.count - i : i
            if i > 0 && position % block == 0 { out += separator }
            out.append(d)
        }
        return out
    }
}

/// `BaseForm[n, b]`: digits of an integer or machine real in base `b` (2…36).
enum BaseDigits {
    static func text(_ e: Expr, base: Int) -> String? {
        switch e {
        case .integer(let i): return (i < 0 ? "-" : "") + String(i.magnitude, radix: base)
        case .bigInteger(let b): return (b.sign == .minus ? "-" : "") + String(b.magnitude, radix: base)
        case .real(let x) where x.isFinite:
            var magnitude = Swift.abs(x)
            let whole = magnitude.rounded(.towardZero)
            guard whole < 9.0e15 else { return nil }   // beyond Int: printed in decimal
            magnitude -= whole
            var text = (x < 0 ? "-" : "") + String(Int(whole), radix: base) + "."
            // Fraction digits until the value is exact or the double's 53 bits are spent.
            var count = 0
            var limit = 0
            var reach = 1.0
            while reach < 9007199254740992.0 { reach *= Double(base); limit += 1 }
            while magnitude > 0 && count < limit {
                magnitude *= Double(base)
                let digit = Int(magnitude)
                text += String(digit, radix: base)
                magnitude -= Double(digit)
                count += 1
            }
            return text
        default: return nil
        }
    }
}

extension Expr {
    /// `a -> b` or `a :> b`.
    var isRuleLike: Bool { hasHead(Sym.Rule) || hasHead(Sym.RuleDelayed) }
}

/// The way numbers print inside a number form or `BaseForm`.
enum NumberStyle {
    case spec(NumberFormatSpec)
    case base(Int)

    /// One-line text of a number in this style; nil when `e` is not a number it changes.
    func oneLine(_ e: Expr) -> String? {
        switch self {
        case .spec(let spec): return spec.parts(e)?.oneLine
        case .base(let b):
            if b == 10 { return nil }
            return BaseDigits.text(e, base: b).map { t in t.hasPrefix("-") ? "-\(b)^^" + t.dropFirst() : "\(b)^^" + t }
        }
    }

    /// The number form of `head[args…]` (`NumberForm[x, n, opts]`, `BaseForm[x, b]`), or nil.
    static func of(_ head: Symbol, _ args: [Expr]) -> NumberStyle? {
        if head.name == "BaseForm" {
            guard args.count == 2, let b = args[1].int, (2...36).contains(b) else { return nil }
            return .base(b)
        }
        return NumberFormatSpec.parse(head: head, args: args).map { .spec($0) }
    }
}

/// The number forms in force while a printer runs (a class, so the non-mutating printer can push).
final class NumberStyleStack {
    var items: [NumberStyle] = []
}

/// What the kernel asks the printers about number forms.
public enum NumberForms {
    /// Whether `head[args…]` (`NumberForm[x, {6, 2}]`, `BaseForm[x, 16]`, …) has a digit spec and
    /// options the printers can lay out.
    public static func isValid(_ head: Symbol, _ args: [Expr]) -> Bool { NumberStyle.of(head, args) != nil }
}
