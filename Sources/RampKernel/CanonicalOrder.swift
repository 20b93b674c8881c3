import RampSyntax

/// Wolfram's canonical order (`Order`, `Sort`, `Orderless`): negative when `a` comes before `b`,
/// zero when they are the same, positive otherwise.
///
/// - Numbers come first, by value; complex numbers by real part, then absolute imaginary part, then
///   sign of the imaginary part; an exact number before an equal machine number.
/// - Then strings, then symbols and expressions. Strings and symbol names compare alphabetically
///   ignoring case first, lowercase before uppercase on a tie (`a < A < b`).
/// - Products and powers compare like monomials: `x^e` is (x, e), a product is its factors, compared
///   from the last factor backwards, base before exponent, so `x < x^2 < y` and `x^2 y < x y^2`;
///   the numeric coefficient breaks ties (`x < 2 x`).
/// - A sum against a symbol or other expression goes by its last term: `(a + b) x` but `x (1 + x)`;
///   inside products and powers the bases compare that way (`(1 + a) x^2`, `x^2 (1 + x)`).
/// - Symbols come before other expressions (`x < Sin[x]`); other expressions compare by length, then
///   head, then arguments left to right.
public func canonicalOrder(_ a: Expr, _ b: Expr) -> Int {
    // One shared node: equal without a walk (a structure built as y = g[y, y] shares its halves).
    if case .normal(let x) = a, case .normal(let y) = b, x === y { return 0 }
    let ra = orderClass(a), rb = orderClass(b)
    if ra != rb { return ra < rb ? -1 : 1 }
    switch ra {
    case 0: return compareNumbers(a, b)
    case 1: return compareNames(a.string ?? "", b.string ?? "")
    case 4: return compareNativeObjects(a, b)
    default: break
    }
    // Symbols and expressions.
    let ma = isMonomial(a), mb = isMonomial(b)
    if !ma && !mb {
        let pa = isSum(a), pb = isSum(b)
        if pa && pb { return compareSums(a, b) }
        if pa != pb { return pa ? compareSum(a, with: b) : -compareSum(b, with: a) }
    }
    if ma || mb { return compareMonomials(a, b) }
    return compareGeneral(a, b)
}

/// 0 numbers, 1 strings, 2 symbols and expressions, 4 native objects.
private func orderClass(_ e: Expr) -> Int {
    switch e {
    case .integer, .bigInteger, .rational, .real, .bigReal, .complex: return 0
    case .string: return 1
    case .symbol, .normal, .packed: return 2
    case .native: return 4
    }
}

/// Native objects (layers, nets, associations): by head name, then by the constructor call each
/// evaluates back from (`inputForm`), so the order is total and the same in every evaluation (a
/// sum of two different nets must not reorder itself each time it is evaluated).
private func compareNativeObjects(_ a: Expr, _ b: Expr) -> Int {
    guard case .native(let x) = a, case .native(let y) = b else { return 0 }
    if x === y || x.isSame(as: y) { return 0 }
    let byHead = compareNames(x.head.name, y.head.name)
    if byHead != 0 { return byHead }
    return canonicalOrder(x.inputForm, y.inputForm)
}

@inline(__always) private func sign(_ x: Int) -> Int { x < 0 ? -1 : (x > 0 ? 1 : 0) }

private func compareNumbers(_ a: Expr, _ b: Expr) -> Int {
    if case .integer(let x) = a, case .integer(let y) = b { return x < y ? -1 : (x == y ? 0 : 1) }
    let (ar, ai) = Numbers.parts(a), (br, bi) = Numbers.parts(b)
    let c = Numbers.compareReal(ar, br)
    if c != 0 { return c }
    let ia = Numbers.signReal(ai) < 0 ? Numbers.negateReal(ai) : ai
    let ib = Numbers.signReal(bi) < 0 ? Numbers.negateReal(bi) : bi
    let d = Numbers.compareReal(ia, ib)
    if d != 0 { return d }
    let s = Numbers.signReal(ai) - Numbers.signReal(bi)
    if s != 0 { return sign(s) }
    // Equal values: exact before arbitrary-precision before machine, then lower precision first.
    let pa = Numbers.precisionRank(a), pb = Numbers.precisionRank(b)
    return pa < pb ? 1 : (pa > pb ? -1 : 0)
}

/// Alphabetical ignoring case, then lowercase first.
func compareNames(_ x: String, _ y: String) -> Int {
    if x == y { return 0 }
    var i = x.unicodeScalars.makeIterator(), j = y.unicodeScalars.makeIterator()
    var tie = 0
    while true {
        let p = i.next(), q = j.next()
        switch (p, q) {
        case (nil, nil): return tie != 0 ? tie : (x < y ? -1 : 1)
        case (nil, _): return -1
        case (_, nil): return 1
        case (let p?, let q?):
            if p == q { continue }
            let lp = lower(p), lq = lower(q)
            if lp != lq { return lp < lq ? -1 : 1 }
            // Same letter, different case: lowercase first.
            if tie == 0 { tie = p.value > q.value ? -1 : 1 }
        }
    }
}

@inline(__always) private func lower(_ s: Unicode.Scalar) -> UInt32 {
    (s.value >= 65 && s.value <= 90) ? s.value + 32 : s.value
}

/// Whether `e` is a sum.
private func isSum(_ e: Expr) -> Bool {
    guard case .normal(let n) = e, let h = n.head.symbol else { return false }
    return h === Sym.Plus && !n.args.isEmpty
}

/// A sum against a symbol or a non-algebraic expression goes by its last (greatest) term (a tie
/// puts the sum after, as a longer sum comes after a shorter one): before
/// `x` when that term comes before `x` (`(a + b) x`), after it otherwise (`x (1 + x)`, `c (1 + x)`).
private func compareSum(_ sum: Expr, with other: Expr) -> Int {
    canonicalOrder(sum.args[sum.args.count - 1], other) < 0 ? -1 : 1
}

/// Two sums: term by term from the last backwards, the shorter first on a tie (as if an expression
/// were a sum of one term: this keeps the order total).
private func compareSums(_ a: Expr, _ b: Expr) -> Int {
    let xa = a.args, xb = b.args
    var i = xa.count - 1, j = xb.count - 1
    while i >= 0 && j >= 0 {
        let c = canonicalOrder(xa[i], xb[j])
        if c != 0 { return c }
        i -= 1; j -= 1
    }
    return i == j ? 0 : (i < j ? -1 : 1)
}

/// Whether `e` is a product or power (compared as a monomial).
private func isMonomial(_ e: Expr) -> Bool {
    guard case .normal(let n) = e, let h = n.head.symbol else { return false }
    return (h === Sym.Times && n.args.count >= 1) || (h === Sym.Power && n.args.count == 2)
}

/// Factors (base, exponent) of a monomial, without its numeric coefficient, and the coefficient.
private func monomialFactors(_ e: Expr) -> ([(Expr, Expr)], Expr) {
    guard case .normal(let n) = e, let h = n.head.symbol else { return ([(e, .integer(1))], .integer(1)) }
    if h === Sym.Power && n.args.count == 2 { return ([(n.args[0], n.args[1])], .integer(1)) }
    if h === Sym.Times {
        var factors: [(Expr, Expr)] = []
        var coefficient: Expr = .integer(1)
        for f in n.args {
            if f.isNumber { coefficient = f; continue }
            if case .normal(let m) = f, m.head.symbol === Sym.Power, m.args.count == 2 {
                factors.append((m.args[0], m.args[1]))
            } else {
                factors.append((f, .integer(1)))
            }
        }
        return (factors, coefficient)
    }
    return ([(e, .integer(1))], .integer(1))
}

private func compareMonomials(_ a: Expr, _ b: Expr) -> Int {
    let (fa, ca) = monomialFactors(a), (fb, cb) = monomialFactors(b)
    var i = fa.count - 1, j = fb.count - 1
    while i >= 0 && j >= 0 {
        let c = canonicalOrder(fa[i].0, fb[j].0)
        if c != 0 { return c }
        let d = canonicalOrder(fa[i].1, fb[j].1)
        if d != 0 { return d }
        i -= 1; j -= 1
    }
    if i >= 0 { return 1 }
    if j >= 0 { return -1 }
    let c = canonicalOrder(ca, cb)
    if c != 0 { return c }
    // Same monomial and coefficient but different structure (x^1 written out): fall back.
    return a == b ? 0 : compareGeneral(a, b)
}

private func compareGeneral(_ a: Expr, _ b: Expr) -> Int {
    switch (a, b) {
    case (.symbol(let x), .symbol(let y)):
        if x === y { return 0 }
        return compareNames(x.name, y.name)
    case (.symbol, _): return -1
    case (_, .symbol): return 1
    default: break
    }
    if case .packed(let p) = a, case .packed(let q) = b {
        // Two packed arrays: compare part by part without unpacking (usually decided at the first).
        if p === q { return 0 }
        let n = p.shape[0], m = q.shape[0]
        if n != m { return n < m ? -1 : 1 }
        for i in 0..<n {
            let c = canonicalOrder(p.part(i), q.part(i))
            if c != 0 { return c }
        }
        return 0
    }
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
