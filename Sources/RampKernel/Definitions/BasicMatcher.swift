import RampSyntax

/// Pattern bindings: each pattern name with the expression it matched (a `Sequence[…]` for
/// sequence patterns).
typealias Bindings = [(Symbol, Expr)]

/// A small matcher the evaluator uses for definitions until the full pattern matcher is wired in:
/// literals, `Blank`, `BlankSequence`, `BlankNullSequence`, `Pattern`, `Condition`, `PatternTest`,
/// `Alternatives`, `HoldPattern`.
struct BasicMatcher {
    let kernel: Kernel
    private(set) var bindings: Bindings = []

    init(kernel: Kernel) { self.kernel = kernel }

    /// The bindings when `pattern` matches `expr`.
    static func match(_ pattern: Expr, _ expr: Expr, kernel: Kernel) throws(EvaluationControl) -> Bindings? {
        var m = BasicMatcher(kernel: kernel)
        let ok = try m.match(pattern, expr) { (_: inout BasicMatcher) throws(EvaluationControl) in true }
        return ok ? m.bindings : nil
    }

    private func bound(_ s: Symbol) -> Expr? {
        for (k, v) in bindings where k === s { return v }
        return nil
    }

    private mutating func match(
        _ p: Expr, _ e: Expr, _ k: (inout BasicMatcher) throws(EvaluationControl) -> Bool
    ) throws(EvaluationControl) -> Bool {
        guard case .normal(let pn) = p else { return p == e ? try k(&self) : false }
        if let h = pn.head.symbol {
            switch h {
            case Sym.Blank:
                if pn.args.isEmpty || e.head == pn.args[0] { return try k(&self) }
                return false
            case Sym.Pattern where pn.args.count == 2:
                guard let name = pn.args[0].symbol else { return false }
                if let old = bound(name) { return old == e ? try match(pn.args[1], e, k) : false }
                let mark = bindings.count
                bindings.append((name, e))
                if try match(pn.args[1], e, k) { return true }
                bindings.removeSubrange(mark...)
                return false
            case Sym.Condition where pn.args.count == 2:
                return try match(pn.args[0], e) { (m: inout BasicMatcher) throws(EvaluationControl) in
                    let test = substitute(pn.args[1], m.bindings)
                    guard try m.kernel.eval(test) == .true else { return false }
                    return try k(&m)
                }
            case Sym.PatternTest where pn.args.count == 2:
                return try match(pn.args[0], e) { (m: inout BasicMatcher) throws(EvaluationControl) in
                    guard try m.kernel.eval(.call(pn.args[1], [e])) == .true else { return false }
                    return try k(&m)
                }
            case Sym.Alternatives:
                for alt in pn.args {
                    let mark = bindings.count
                    if try match(alt, e, k) { return true }
                    bindings.removeSubrange(mark...)
                }
                return false
            case Sym.HoldPattern where pn.args.count == 1:
                return try match(pn.args[0], e, k)
            default: break
            }
        }
        guard case .normal(let en) = e.unpackedOneLevel else { return false }
        let mark = bindings.count
        let ok = try match(pn.head, en.head) { (m: inout BasicMatcher) throws(EvaluationControl) in
            try m.matchSequence(pn.args[...], en.args[...], k)
        }
        if !ok { bindings.removeSubrange(mark...) }
        return ok
    }

    /// The length range a pattern argument can absorb.
    private func span(_ p: Expr) -> (min: Int, max: Int)? {
        guard case .normal(let n) = p, let h = n.head.symbol else { return nil }
        switch h {
        case Sym.BlankSequence: return (1, Int.max)
        case Sym.BlankNullSequence: return (0, Int.max)
        case Sym.Pattern where n.args.count == 2: return span(n.args[1])
        default: return nil
        }
    }

    private mutating func matchSequence(
        _ ps: ArraySlice<Expr>, _ es: ArraySlice<Expr>, _ k: (inout BasicMatcher) throws(EvaluationControl) -> Bool
    ) throws(EvaluationControl) -> Bool {
        guard let p = ps.first else { return es.isEmpty ? try k(&self) : false }
        let rest = ps.dropFirst()
        guard let (lo, hi) = span(p) else {
            guard let e = es.first else { return false }
            let mark = bindings.count
            if try match(p, e, { (m: inout BasicMatcher) throws(EvaluationControl) in
                try m.matchSequence(rest, es.dropFirst(), k)
            }) { return true }
            bindings.removeSubrange(mark...)
            return false
        }
        var take = lo
        while take <= min(hi, es.count) {
            let seq = Array(es.prefix(take))
            let mark = bindings.count
            if try matchSequencePattern(p, seq, { (m: inout BasicMatcher) throws(EvaluationControl) in
                try m.matchSequence(rest, es.dropFirst(take), k)
            }) { return true }
            bindings.removeSubrange(mark...)
            take += 1
        }
        return false
    }

    private mutating func matchSequencePattern(
        _ p: Expr, _ seq: [Expr], _ k: (inout BasicMatcher) throws(EvaluationControl) -> Bool
    ) throws(EvaluationControl) -> Bool {
        guard case .normal(let n) = p, let h = n.head.symbol else { return false }
        if h === Sym.Pattern, let name = n.args[0].symbol {
            let value = Expr.call(Sym.Sequence, seq)
            if let old = bound(name) { return old == value ? try matchSequencePattern(n.args[1], seq, k) : false }
            bindings.append((name, value))
            return try matchSequencePattern(n.args[1], seq, k)
        }
        if let head = n.args.first { for e in seq where e.head != head { return false } }
        return try k(&self)
    }

    /// Whether pattern `a` is strictly more specific than `b` (a rough ordering: fewer and narrower
    /// blanks first; conditions before their unconditioned form).
    static func isMoreSpecific(_ a: Expr, than b: Expr) -> Bool {
        generality(a) < generality(b)
    }

    private static func generality(_ p: Expr) -> Int {
        guard case .normal(let n) = p else { return 0 }
        if let h = n.head.symbol {
            switch h {
            case Sym.Blank: return n.args.isEmpty ? 10 : 8
            case Sym.BlankSequence: return n.args.isEmpty ? 1000 : 800
            case Sym.BlankNullSequence: return n.args.isEmpty ? 100_000 : 80_000
            case Sym.Pattern where n.args.count == 2: return generality(n.args[1])
            case Sym.Condition, Sym.PatternTest: return max(generality(n.args[0]) - 1, 0)
            case Sym.Alternatives: return n.args.map(generality).max() ?? 0
            default: break
            }
        }
        return generality(n.head) + n.args.reduce(0) { $0 + generality($1) }
    }
}

/// Replaces every occurrence of the bound symbols in `e` by their values (sharing unchanged parts).
func substitute(_ e: Expr, _ bindings: Bindings) -> Expr {
    if bindings.isEmpty { return e }
    switch e {
    case .symbol(let s):
        for (k, v) in bindings where k === s { return v }
        return e
    case .normal(let n):
        let h = substitute(n.head, bindings)
        var changed = !identical(h, n.head)
        var args = n.args
        for i in args.indices {
            let a = substitute(n.args[i], bindings)
            if !identical(a, n.args[i]) {
                args[i] = a
                changed = true
            }
        }
        return changed ? .normal(Normal(h, args)) : e
    default:
        return e
    }
}

/// Cheap identity test: true only when `a` and `b` are certainly the same expression.
@inline(__always) func identical(_ a: Expr, _ b: Expr) -> Bool {
    switch (a, b) {
    case (.symbol(let x), .symbol(let y)): return x === y
    case (.normal(let x), .normal(let y)): return x === y
    case (.integer(let x), .integer(let y)): return x == y
    case (.real(let x), .real(let y)): return x.bitPattern == y.bitPattern
    case (.string(let x), .string(let y)): return x == y
    case (.packed(let x), .packed(let y)): return x === y
    case (.native(let x), .native(let y)): return x === y
    default: return false
    }
}
