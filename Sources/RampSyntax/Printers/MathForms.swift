/// `TeXForm`, `CForm` and `FortranForm`: expressions as TeX, C and Fortran source, as Wolfram writes
/// them (`TeXForm[x^2 + Sqrt[y]]` is `x^2+\sqrt{y}`, `CForm[x^2 + Sqrt[y]]` is `Power(x,2) + Sqrt(y)`,
/// `FortranForm[1 + Sin[x]^2]` is `1 + Sin(x)**2`).
/// Both recurse; past `maxDepth` levels a part is written in InputForm.
public enum MathForms {
    static let maxDepth = 400

    /// The expression in TeX.
    public static func tex(_ e: Expr) -> String { TeXWriter().write(e, 0) }

    /// The expression as a C expression.
    public static func c(_ e: Expr) -> String { CWriter().write(e, 0) }

    /// The expression as a Fortran expression: as C, but powers with `**` and complex numbers as
    /// `(re,im)`.
    public static func fortran(_ e: Expr) -> String { CWriter(fortran: true).write(e, 0) }

    /// The writer for a form wrapper's head name (`TeXForm`, `CForm`, `FortranForm`), if it is one.
    public static func writer(named form: String) -> ((Expr) -> String)? {
        switch form {
        case "TeXForm": return tex
        case "CForm": return c
        case "FortranForm": return fortran
        default: return nil
        }
    }
}

private let texFunctions: [String: String] = [
    "Sin": "\\sin", "Cos": "\\cos", "Tan": "\\tan", "Cot": "\\cot", "Sec": "\\sec", "Csc": "\\csc",
    "ArcSin": "\\sin ^{-1}", "ArcCos": "\\cos ^{-1}", "ArcTan": "\\tan ^{-1}",
    "Sinh": "\\sinh", "Cosh": "\\cosh", "Tanh": "\\tanh", "Coth": "\\coth", "Log": "\\log", "Exp": "\\exp",
    "Max": "\\max", "Min": "\\min", "Det": "\\det", "Gamma": "\\Gamma",
]

private let texSymbols: [String: String] = [
    "Pi": "\\pi", "E": "e", "I": "i", "Infinity": "\\infty", "ComplexInfinity": "\\tilde{\\infty}",
    "Alpha": "\\alpha", "Beta": "\\beta", "Gamma": "\\gamma", "Degree": "{}^{\\circ}", "EulerGamma": "\\gamma",
]

private let greek: [Character: String] = [
    "α": "\\alpha", "β": "\\beta", "γ": "\\gamma", "δ": "\\delta", "ε": "\\epsilon", "ζ": "\\zeta", "η": "\\eta",
    "θ": "\\theta", "κ": "\\kappa", "λ": "\\lambda", "μ": "\\mu", "ν": "\\nu", "ξ": "\\xi", "π": "\\pi",
    "ρ": "\\rho", "σ": "\\sigma", "τ": "\\tau", "φ": "\\phi", "χ": "\\chi", "ψ": "\\psi", "ω": "\\omega",
    "Γ": "\\Gamma", "Δ": "\\Delta", "Θ": "\\Theta", "Λ": "\\Lambda", "Σ": "\\Sigma", "Φ": "\\Phi", "Ω": "\\Omega",
]

private func isNegative(_ e: Expr) -> Bool {
    switch e {
    case .integer(let i): return i < 0
    case .bigInteger(let b): return b.signum() < 0
    case .rational(let n, _): return n.signum() < 0
    case .real(let d): return d < 0
    case .normal(let n):
        if n.head == .symbol(Sym.Times), let first = n.args.first { return isNegative(first) }
        return false
    default: return false
    }
}

private func negated(_ e: Expr) -> Expr {
    switch e {
    case .integer(let i) where i != Int.min: return .integer(-i)
    case .bigInteger(let b): return .integer(-b)
    case .rational(let n, let d): return .rational(-n, over: d)
    case .real(let d): return .real(-d)
    case .normal(let n) where n.head == .symbol(Sym.Times) && !n.args.isEmpty:
        let first = negated(n.args[0])
        let rest = Array(n.args.dropFirst())
        if first == .integer(1) { return rest.count == 1 ? rest[0] : .call(Sym.Times, rest) }
        return .call(Sym.Times, [first] + rest)
    default: return .call(Sym.Times, .integer(-1), e)
    }
}

private struct TeXWriter {
    func write(_ e: Expr, _ depth: Int) -> String {
        if depth > MathForms.maxDepth { return "\\text{" + e.formatted(.inputForm) + "}" }
        switch e {
        case .integer, .bigInteger, .real, .bigReal: return e.formatted(.outputForm)
        case .rational(let n, let d):
            return (n.signum() < 0 ? "-" : "") + "\\frac{\(n.signum() < 0 ? (-n).description : n.description)}{\(d)}"
        case .complex(let re, let im):
            return write(.call(Sym.Plus, re, .call(Sym.Times, im, .symbol(Sym.I))), depth + 1)
        case .string(let s): return "\\text{" + s + "}"
        case .symbol(let s): return symbol(s.name)
        case .packed, .native: return "\\text{" + e.formatted(.inputForm) + "}"
        case .normal(let n): return normal(n, depth)
        }
    }

    func symbol(_ name: String) -> String {
        if let t = texSymbols[name] { return t }
        if name.count == 1, let c = name.first { return greek[c] ?? name }
        return "\\text{" + name + "}"
    }

    func group(_ e: Expr, _ depth: Int) -> String {
        let s = write(e, depth + 1)
        if case .normal(let n) = e, n.head == .symbol(Sym.Plus) || n.head == .symbol(Sym.Times) { return "\\left(" + s + "\\right)" }
        if isNegative(e) || e.isRationalNumber { return "\\left(" + s + "\\right)" }
        return s
    }

    func normal(_ n: Normal, _ depth: Int) -> String {
        let args = n.args
        guard case .symbol(let h) = n.head else {
            // Derivative[k][f][x] as f'(x); other compound heads as head(args).
            if case .normal(let d) = n.head, case .normal(let inner) = d.head, inner.head == .symbol(Sym.Derivative),
               inner.args.count == 1, let k = inner.args[0].int, k > 0, k < 4, d.args.count == 1 {
                return write(d.args[0], depth + 1) + String(repeating: "'", count: k) + "(" + list(args, depth) + ")"
            }
            return write(n.head, depth + 1) + "(" + list(args, depth) + ")"
        }
        switch h.name {
        case "Plus":
            var out = ""
            for (i, a) in args.enumerated() {
                if i > 0 { out += isNegative(a) ? "-" : "+" }
                else if isNegative(a) { out += "-" }
                let term = isNegative(a) ? negated(a) : a
                let s = write(term, depth + 1)
                out += term.isPlus ? "\\left(" + s + "\\right)" : s
            }
            return out
        case "Times":
            if let first = args.first, isNegative(first) { return "-" + write(negated(.call(Sym.Times, args)), depth + 1) }
            var numerator: [Expr] = [], denominator: [Expr] = []
            for a in args {
                if case .rational(let p, let q) = a { if p != 1 { numerator.append(.integer(p)) }; denominator.append(.integer(q)); continue }
                if case .normal(let m) = a, m.head == .symbol(Sym.Power), m.args.count == 2, isNegative(m.args[1]) {
                    let e = negated(m.args[1])
                    denominator.append(e == .integer(1) ? m.args[0] : .call(Sym.Power, m.args[0], e))
                    continue
                }
                numerator.append(a)
            }
            func product(_ xs: [Expr]) -> String {
                if xs.isEmpty { return "1" }
                return xs.map { x in
                    let s = write(x, depth + 1)
                    return x.isPlus ? "\\left(" + s + "\\right)" : s
                }.joined(separator: " ")
            }
            if denominator.isEmpty { return product(numerator) }
            return "\\frac{" + product(numerator) + "}{" + product(denominator) + "}"
        case "Power" where args.count == 2:
            let (b, x) = (args[0], args[1])
            if x == .rational(1, over: 2) { return "\\sqrt{" + write(b, depth + 1) + "}" }
            if case .rational(let p, let q) = x, p == 1 { return "\\sqrt[\(q)]{" + write(b, depth + 1) + "}" }
            if isNegative(x) {
                let e = negated(x)
                return "\\frac{1}{" + write(e == .integer(1) ? b : .call(Sym.Power, b, e), depth + 1) + "}"
            }
            // Cos[x]^2 as \cos ^2(x), as Wolfram writes powers of named functions.
            if case .normal(let f) = b, case .symbol(let fh) = f.head, let name = texFunctions[fh.name], f.args.count == 1,
               let k = x.int, k > 0, !name.contains("^") {
                return name + " ^" + exponent("\(k)") + "(" + write(f.args[0], depth + 1) + ")"
            }
            return group(b, depth) + "^" + exponent(write(x, depth + 1))
        case "List": return "\\{" + list(args, depth) + "\\}"
        case "Sqrt" where args.count == 1: return "\\sqrt{" + write(args[0], depth + 1) + "}"
        case "Abs" where args.count == 1: return "\\left| " + write(args[0], depth + 1) + "\\right| "
        case "Equal": return args.map { write($0, depth + 1) }.joined(separator: "=")
        case "Unequal": return args.map { write($0, depth + 1) }.joined(separator: "\\neq ")
        case "Less": return args.map { write($0, depth + 1) }.joined(separator: "<")
        case "Greater": return args.map { write($0, depth + 1) }.joined(separator: ">")
        case "LessEqual": return args.map { write($0, depth + 1) }.joined(separator: "\\leq ")
        case "GreaterEqual": return args.map { write($0, depth + 1) }.joined(separator: "\\geq ")
        case "Rule" where args.count == 2: return write(args[0], depth + 1) + "\\to " + write(args[1], depth + 1)
        case "Factorial" where args.count == 1: return group(args[0], depth) + "!"
        case "DirectedInfinity" where args.count == 1:
            return args[0] == .integer(-1) ? "-\\infty " : "\\infty "
        case "HoldForm" where args.count == 1: return write(args[0], depth + 1)
        default:
            if let f = texFunctions[h.name], args.count == 1 {
                return f + " (" + write(args[0], depth + 1) + ")"
            }
            return symbol(h.name) + "(" + list(args, depth) + ")"
        }
    }

    func list(_ args: [Expr], _ depth: Int) -> String { args.map { write($0, depth + 1) }.joined(separator: ",") }

    /// A superscript: one character bare (`x^2`), more in braces (`x^{10}`).
    func exponent(_ s: String) -> String { s.count == 1 ? s : "{" + s + "}" }
}

private struct CWriter {
    var fortran = false

    func write(_ e: Expr, _ depth: Int) -> String {
        if depth > MathForms.maxDepth { return e.formatted(.inputForm) }
        switch e {
        case .rational(let n, let d):
            // A machine number, as Wolfram's CForm writes exact fractions (1/2 is 0.5).
            let value = (Double(n.description) ?? .nan) / (Double(d.description) ?? .nan)
            return Expr.real(value).formatted(.inputForm)
        case .complex(let re, let im):
            if fortran { return "(" + write(re, depth + 1) + "," + write(im, depth + 1) + ")" }
            return "Complex(" + write(re, depth + 1) + "," + write(im, depth + 1) + ")"
        case .symbol(let s):
            switch s.name {
            case "Pi": return "Pi"
            case "E": return "E"
            case "I": return "I"
            default: return s.name
            }
        case .normal(let n): return normal(n, depth)
        default: return e.formatted(.inputForm)
        }
    }

    func normal(_ n: Normal, _ depth: Int) -> String {
        let args = n.args
        let inner = args.map { write($0, depth + 1) }
        guard case .symbol(let h) = n.head else { return write(n.head, depth + 1) + "(" + inner.joined(separator: ",") + ")" }
        switch h.name {
        case "Plus":
            var out = ""
            for (i, a) in args.enumerated() {
                if i == 0 { out += isNegative(a) ? "-" + write(negated(a), depth + 1) : inner[i]; continue }
                out += isNegative(a) ? " - " + write(negated(a), depth + 1) : " + " + inner[i]
            }
            return out
        case "Times":
            if let first = args.first, isNegative(first) { return "-" + write(negated(.call(Sym.Times, args)), depth + 1) }
            var numerator: [String] = [], denominator: [String] = []
            for (i, a) in args.enumerated() {
                if case .normal(let m) = a, m.head == .symbol(Sym.Power), m.args.count == 2, isNegative(m.args[1]) {
                    let e = negated(m.args[1])
                    denominator.append(factor(e == .integer(1) ? m.args[0] : .call(Sym.Power, m.args[0], e), depth))
                } else {
                    numerator.append(a.isPlus ? "(" + inner[i] + ")" : inner[i])
                }
            }
            let num = numerator.isEmpty ? "1" : numerator.joined(separator: "*")
            return denominator.isEmpty ? num : num + "/" + (denominator.count == 1 ? denominator[0] : "(" + denominator.joined(separator: "*") + ")")
        case "Power" where args.count == 2:
            if args[1] == .rational(1, over: 2) { return "Sqrt(" + inner[0] + ")" }
            if fortran {
                // base**exponent: a compound or negative base and any exponent but a natural
                // number or a symbol in parentheses.
                let simpleBase: Bool
                switch args[0] {
                case .symbol: simpleBase = true
                case .integer(let i): simpleBase = i >= 0
                case .normal(let m): simpleBase = !["Plus", "Times", "Power"].contains(m.head.symbol?.name ?? "")
                default: simpleBase = false
                }
                let simpleExponent: Bool
                switch args[1] {
                case .symbol: simpleExponent = true
                case .integer(let i): simpleExponent = i >= 0
                default: simpleExponent = false
                }
                return (simpleBase ? inner[0] : "(" + inner[0] + ")") + "**" + (simpleExponent ? inner[1] : "(" + inner[1] + ")")
            }
            return "Power(" + inner[0] + "," + inner[1] + ")"
        case "List": return "List(" + inner.joined(separator: ",") + ")"
        case "Equal": return inner.joined(separator: " == ")
        case "Less": return inner.joined(separator: " < ")
        case "Greater": return inner.joined(separator: " > ")
        case "LessEqual": return inner.joined(separator: " <= ")
        case "GreaterEqual": return inner.joined(separator: " >= ")
        case "Rule": return "Rule(" + inner.joined(separator: ",") + ")"
        case "DirectedInfinity" where args.count == 1: return args[0] == .integer(-1) ? "-Infinity" : "Infinity"
        case "HoldForm" where args.count == 1: return inner[0]
        default: return h.name + "(" + inner.joined(separator: ",") + ")"
        }
    }

    func factor(_ e: Expr, _ depth: Int) -> String {
        let s = write(e, depth + 1)
        return e.isPlus ? "(" + s + ")" : s
    }
}

private extension Expr {
    var isPlus: Bool { if case .normal(let n) = self, n.head == .symbol(Sym.Plus) { return true } else { return false } }
    var isRationalNumber: Bool { if case .rational = self { return true } else { return false } }
}
