@testable import RampSyntax

/// SplitMix64: a tiny seeded generator, so a failing case can be reproduced.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random expressions in the shapes the parser produces from text (unevaluated FullForm), so that
/// printing one in InputForm and parsing the text must give the same expression back. Shapes that
/// only evaluation produces (`Rational`, `Complex`, `Times[a, b, Power[c, -1]]`, nested flat heads)
/// are left out: their InputForm reads back as the equivalent unevaluated arithmetic.
struct RandomExpressions {
    var rng: SplitMix

    init(seed: UInt64) { rng = SplitMix(seed: seed) }

    private mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    private mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
    private mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
    private func call(_ head: String, _ args: [Expr]) -> Expr { .call(Symbol.named(head), args) }

    static let symbols = ["a", "b", "c", "x", "y", "z", "f", "g", "foo", "x1", "$v", "a$b", "True", "Null", "All"]

    mutating func symbol() -> Expr { .sym(pick(Self.symbols)) }

    mutating func real() -> Double {
        switch int(0...4) {
        case 0: return Double(int(-1000...1000)) / 8
        case 1: return Double(int(-99999...99999)) / 100
        case 2: return Double.random(in: -1...1, using: &rng)
        case 3: return Double.random(in: 1...10, using: &rng) * pow10(int(-30...30)) * (chance(0.5) ? 1 : -1)
        default: return Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF)  // any finite positive double
        }
    }

    private func pow10(_ e: Int) -> Double {
        var r = 1.0
        for _ in 0..<Swift.abs(e) { r *= 10 }
        return e < 0 ? 1 / r : r
    }

    mutating func string() -> Expr {
        let alphabet: [String] = ["a", "b", "Z", " ", "\"", "\\", "\n", "\t", "é", "π", "1", "-", "[", "]", "(*", "!"]
        var s = ""
        for _ in 0..<int(0...6) { s += pick(alphabet) }
        return .string(s)
    }

    mutating func atom() -> Expr {
        switch int(0...9) {
        case 0, 1, 2: return symbol()
        case 3: return .integer(int(0...1000))
        case 4: return .integer(int(-1000...(-1)))
        case 5: return Expr.integer(BigInt(Int.max) * BigInt(int(2...99)) * (chance(0.5) ? 1 : -1))
        case 6, 7: return .real(real())
        default: return string()
        }
    }

    private static func isNumber(_ e: Expr) -> Bool { e.isNumber }
    private static func isHead(_ e: Expr, _ name: String) -> Bool { e.headSymbol?.name == name }
    private static func isNegativeNumber(_ e: Expr) -> Bool { Printer.isNegativeNumber(e) }

    /// A random expression at most `depth` levels deep.
    mutating func expr(depth: Int) -> Expr {
        if depth <= 0 || chance(0.25) { return atom() }
        let d = depth - 1
        switch int(0...33) {
        case 0, 1:
            return call(pick(["f", "g", "h"]), (0..<int(0...3)).map { _ in expr(depth: d) })
        case 2:
            return .list((0..<int(0...3)).map { _ in expr(depth: d) })
        case 3:
            return call("Association", (0..<int(0...2)).map { _ in call(pick(["Rule", "RuleDelayed"]), [atom(), expr(depth: d)]) })
        case 4, 5:
            // a + b - c: later terms are neither sums nor negative-looking products.
            var terms = [expr(depth: d)]
            while Self.isHead(terms[0], "Plus") { terms[0] = atom() }
            for _ in 0..<int(1...3) {
                if chance(0.3) {
                    var t = expr(depth: d)
                    while Self.isNumber(t) || Self.isHead(t, "Times") { t = symbol() }
                    terms.append(call("Times", [-1, t]))
                } else if chance(0.2) {
                    terms.append(.integer(int(-50...(-1))))
                } else {
                    var t = expr(depth: d)
                    while Self.isHead(t, "Plus") || Self.isNegativeNumber(t) || (Self.isHead(t, "Times") && Self.isNegativeNumber(t.args[0])) {
                        t = symbol()
                    }
                    terms.append(t)
                }
            }
            return call("Plus", terms)
        case 6, 7:
            // a*b*c: no nested products and no reciprocal powers (those print as quotients).
            var factors: [Expr] = []
            for i in 0..<int(2...3) {
                var t = expr(depth: d)
                while Self.isHead(t, "Times") || (Self.isHead(t, "Power") && Printer.isNegativeTerm(t.args[1])) || (i == 0 && t == .integer(-1)) {
                    t = symbol()
                }
                factors.append(t)
            }
            return call("Times", factors)
        case 8:
            var t = expr(depth: d)
            while Self.isNumber(t) || Self.isHead(t, "Times") { t = symbol() }
            return call("Times", [-1, t])
        case 9:
            // a/b
            var n = expr(depth: d)
            while Self.isHead(n, "Times") || Self.isHead(n, "Power") || Self.isNumber(n) { n = symbol() }
            var den = expr(depth: d)
            while Self.isHead(den, "Times") { den = symbol() }
            return call("Times", [n, call("Power", [den, -1])])
        case 10, 11:
            return call("Power", [expr(depth: d), expr(depth: d)])
        case 12:
            return call(pick(["Rule", "RuleDelayed", "Set", "SetDelayed", "ReplaceAll", "Map", "Apply", "AddTo"]), [expr(depth: d), expr(depth: d)])
        case 13:
            return call(pick(["Alternatives", "And", "Or", "StringJoin", "Dot"]), (0..<int(2...3)).map { _ in flatOperand(depth: d) })
        case 14:
            return call(pick(["Equal", "Less", "GreaterEqual", "Unequal", "SameQ", "UnsameQ"]), (0..<int(2...3)).map { _ in flatOperand(depth: d) })
        case 15:
            return call("Not", [expr(depth: d)])
        case 16:
            return call("Function", [expr(depth: d)])
        case 17:
            return call("Slot", [.integer(int(1...3))])
        case 18:
            let blank = call(pick(["Blank", "BlankSequence", "BlankNullSequence"]), chance(0.5) ? [] : [.sym(pick(["Integer", "h"]))])
            return chance(0.6) ? call("Pattern", [.sym(pick(["x", "y", "p"])), blank]) : blank
        case 19:
            let pattern = call("Pattern", [.sym("x"), call("Blank", [])])
            return call("Condition", [pattern, expr(depth: d)])
        case 20:
            var e = expr(depth: d)
            while Self.isHead(e, "Span") { e = symbol() }
            return call("Part", [e] + (0..<int(1...2)).map { _ in .integer(int(-3...5)) })
        case 21:
            return call("Span", (0..<int(2...3)).map { _ in
                var e = expr(depth: d)
                while Self.isHead(e, "Span") { e = symbol() }
                return e
            })
        case 22:
            var parts = (0..<int(2...3)).map { _ in flatOperand(depth: d) }
            if chance(0.3) { parts[parts.count - 1] = .null }
            return call("CompoundExpression", parts)
        case 23:
            return call("MessageName", [symbol(), .string(pick(["usage", "argx", "tag1"]))])
        case 24:
            return call("PatternTest", [call("Pattern", [.sym("x"), call("Blank", [])]), symbol()])
        case 25:
            return call("Optional", [call("Pattern", [.sym("x"), call("Blank", [])]), expr(depth: d)])
        case 26:
            return call("Pattern", [.sym("x"), call("Alternatives", [symbol(), symbol()])])
        case 27:
            return .call(call("f", [expr(depth: d)]), [expr(depth: d)])
        case 28:
            return call(pick(["Increment", "PreDecrement", "Factorial", "Unset"]), [symbol()])
        case 29:
            return call("Hold", [expr(depth: d)])
        case 30:
            return call("MapApply", [symbol(), expr(depth: d)])
        case 31:
            return call("Out", chance(0.3) ? [] : [.integer(int(1...5))])
        case 32:
            return call("SlotSequence", [.integer(int(1...2))])
        default:
            return call("Condition", [expr(depth: d), expr(depth: d)])
        }
    }

    /// An operand of a flat operator: an expression with a different head.
    private mutating func flatOperand(depth: Int) -> Expr {
        let e = expr(depth: depth)
        switch e.headSymbol?.name {
        case "Alternatives", "And", "Or", "StringJoin", "Dot", "Equal", "Less", "GreaterEqual", "Unequal", "SameQ",
            "UnsameQ", "CompoundExpression":
            return symbol()
        default:
            return e
        }
    }
}
