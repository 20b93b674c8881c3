/// One-line OutputForm (placeholder until the printers land: FullForm-like text).
public enum OutputForm {
    /// Formats `expr` on one line; with `bareStrings`, strings print without quotes.
    public static func format(_ expr: Expr, bareStrings: Bool = false) -> String {
        switch expr {
        case .integer(let i): return String(i)
        case .bigInteger(let b): return String(b)
        case .rational(let n, let d): return "\(n)/\(d)"
        case .real(let d): return String(d)
        case .complex(let r, let i): return "Complex[\(format(r)), \(format(i))]"
        case .string(let s): return bareStrings ? s : "\"\(s)\""
        case .symbol(let s): return s.name
        case .normal(let n):
            return format(n.head, bareStrings: bareStrings) + "[" + n.args.map { format($0, bareStrings: bareStrings) }.joined(separator: ", ") + "]"
        case .packed(let p): return format(p.unpacked, bareStrings: bareStrings)
        case .native(let o): return o.summary
        }
    }
}
