import Testing
@testable import RampSyntax

/// A small FullForm printer for the parse tests (test code only; the real printers live elsewhere).
func fullForm(_ e: Expr) -> String {
    switch e {
    case .integer(let i): return String(i)
    case .bigInteger(let b): return String(b)
    case .rational(let n, let d): return "Rational[\(n), \(d)]"
    case .real(let d): return realForm(d)
    case .bigReal: return e.formatted(.fullForm)
    case .complex(let r, let i): return "Complex[\(fullForm(r)), \(fullForm(i))]"
    case .string(let s):
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    case .symbol(let s): return s.name
    case .normal(let n): return fullForm(n.head) + "[" + n.args.map(fullForm).joined(separator: ", ") + "]"
    case .packed(let p): return fullForm(p.unpacked)
    case .native(let o): return o.summary
    }
}

private func realForm(_ d: Double) -> String {
    if d.isNaN { return "Indeterminate" }
    if d.isInfinite { return d > 0 ? "DirectedInfinity[1]" : "DirectedInfinity[-1]" }
    var s = "\(d)"
    if let e = s.firstIndex(where: { $0 == "e" }) {
        var mantissa = String(s[..<e])
        var exponent = String(s[s.index(after: e)...])
        if exponent.hasPrefix("+") { exponent.removeFirst() }
        if mantissa.hasSuffix(".0") { mantissa.removeLast() }
        if !mantissa.contains(".") { mantissa += "." }
        return mantissa + "*^" + exponent
    }
    if s.hasSuffix(".0") { s.removeLast() }
    return s
}

/// FullForm of each top-level expression, joined by "; " (or the syntax error's tag as "!tag").
func parsed(_ source: String) -> String {
    do {
        return try Parser.parseProgram(source).map(fullForm).joined(separator: "; ")
    } catch {
        return "!" + error.tag
    }
}

/// FullForm of exactly one expression, or "!tag".
func parsedOne(_ source: String) -> String {
    do {
        return fullForm(try Parser.parseExpression(source))
    } catch {
        return "!" + error.tag
    }
}
