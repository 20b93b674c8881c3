import RampSyntax

/// Wolfram's canonical order (`Order`, `Sort`, `Orderless`): negative when `a` comes before `b`,
/// zero when they are the same, positive otherwise.
/// (First version: numbers by value before everything else, then strings, symbols by name, then
/// normal expressions by length, head and arguments. The numbers work refines it.)
public func canonicalOrder(_ a: Expr, _ b: Expr) -> Int {
    func rank(_ e: Expr) -> Int {
        switch e {
        case .integer, .bigInteger, .rational, .real, .complex: return 0
        case .string: return 1
        case .symbol: return 2
        case .normal, .packed: return 3
        case .native: return 4
        }
    }
    let ra = rank(a), rb = rank(b)
    if ra != rb { return ra < rb ? -1 : 1 }
    switch (a, b) {
    case (.integer(let x), .integer(let y)): return x < y ? -1 : (x == y ? 0 : 1)
    case (.real(let x), .real(let y)): return x < y ? -1 : (x == y ? 0 : 1)
    case (.string(let x), .string(let y)): return x < y ? -1 : (x == y ? 0 : 1)
    case (.symbol(let x), .symbol(let y)): return x.name < y.name ? -1 : (x === y ? 0 : 1)
    default:
        if a.isAtom || b.isAtom { return a == b ? 0 : (OutputForm.format(a) < OutputForm.format(b) ? -1 : 1) }
        let xa = a.args, xb = b.args
        if xa.count != xb.count { return xa.count < xb.count ? -1 : 1 }
        let h = canonicalOrder(a.head, b.head)
        if h != 0 { return h }
        for (p, q) in zip(xa, xb) {
            let c = canonicalOrder(p, q)
            if c != 0 { return c }
        }
        return 0
    }
}
