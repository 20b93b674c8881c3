@_spi(Fuzzing) import RampSyntax

// libFuzzer entry point: `scripts/fuzz.sh` builds this product with `--sanitize fuzzer`.
// In a plain build it is a harmless no-op binary.
// Each input is parsed as a program, as an expression and for the REPL's input status; any outcome
// but a crash (a result or a SyntaxError) is fine. The errors' descriptions are built too.
// An expression that parses is also printed in InputForm, FullForm and OutputForm, and its InputForm
// must read back to the same expression (a mismatch traps, so libFuzzer keeps it as a crash). The
// two-thread program reader (used for large programs) is run on each input, split near the middle,
// and must agree with reading in order.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParse(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do { _ = try Parser.parseProgram(source, fileName: "fuzz.wl") } catch { _ = error.description }
    do {
        let expr = try Parser.parseExpression(source)
        _ = expr.formatted(.fullForm)
        _ = expr.formatted(.outputForm)
        let text = expr.formatted(.inputForm)
        let back: Expr
        do { back = try Parser.parseExpression(text) } catch {
            fatalError("InputForm does not read back: \(text)\n\(error.description)")
        }
        // Some things read back differently, as in Wolfram: the rational atom 1/100 (from `10*^-3`)
        // prints `1/100`, read as Times[1, Power[100, -1]]; and Times[a, b, Power[d, -1]] prints
        // `(a*b)/d`, read as Times[Times[a, b], Power[d, -1]] (denominators move to the end and are
        // grouped: Times[a, Power[b, -1], Power[c, -1]] prints `a/(b*c)`). So without rationals the
        // two must be equal once nested Times are flattened and their factors sorted.
        if back != expr && !containsRational(expr) && readBackCanonical(back) != readBackCanonical(expr) {
            fatalError("InputForm reads back as another expression: \(text)\n  \(readBackCanonical(expr).formatted(.fullForm))\n  \(readBackCanonical(back).formatted(.fullForm))")
        }
    } catch { _ = error.description }
    if case .invalid(let error) = Parser.inputStatus(source) { _ = error.description }
    // The two-thread program reader, split near the middle, must agree with reading in order.
    if !Parser.twoThreadReadingAgrees(source, splitAfter: size / 2) {
        fatalError("two-thread reading differs from sequential reading")
    }
    return 0
}

/// Whether a rational atom occurs anywhere in `e` (iteratively: fuzz inputs nest deeply).
func containsRational(_ e: Expr) -> Bool {
    var stack = [e]
    while let next = stack.popLast() {
        switch next {
        case .rational: return true
        case .complex(let re, let im): stack.append(re); stack.append(im)
        case .normal(let n): stack.append(n.head); stack.append(contentsOf: n.args)
        default: break
        }
    }
    return false
}

/// `e` in a form where the InputForm printer's regroupings of products are undone: nested Times
/// flattened (also Power[Times[…], -1] into one Power[…, -1] per factor), Power[Power[b, e], -1] as
/// Power[b, -e] (`b^-e` prints `1/b^e`) and Power[x, 1] as x, integer factors multiplied
/// (Times[-1, 5] is -5), infinite reals as Infinity, and the factors in a fixed order.
func readBackCanonical(_ e: Expr) -> Expr {
    // A real literal beyond the machine range is an infinite real (grammar.md), printed `Infinity`.
    if case .real(let d) = e, d.isInfinite {
        return d > 0 ? .symbol(Symbol.named("Infinity")) : .call(Sym.Times, [.integer(-1), .symbol(Symbol.named("Infinity"))])
    }
    guard case .normal(let n) = e else { return e }
    let head = readBackCanonical(n.head)
    let args = n.args.map(readBackCanonical)
    if head == .symbol(Sym.Power), args.count == 2, args[1] == .integer(-1),
        case .normal(let inner) = args[0], inner.head == .symbol(Sym.Power), inner.args.count == 2
    {
        return readBackCanonical(.call(Sym.Power, [inner.args[0], negated(inner.args[1])]))
    }
    // Power[x, 1] (from 1/(1/x) above) is x.
    if head == .symbol(Sym.Power), args.count == 2, args[1] == .integer(1) { return args[0] }
    guard head == .symbol(Sym.Times) else { return .call(head, args) }
    var factors: [Expr] = []
    for a in args {
        if case .normal(let inner) = a, inner.head == .symbol(Sym.Times) {
            factors.append(contentsOf: inner.args)
        } else if case .normal(let power) = a, power.head == .symbol(Sym.Power), power.args.count == 2,
            power.args[1] == .integer(-1), case .normal(let base) = power.args[0], base.head == .symbol(Sym.Times)
        {
            // Denominators print together: Times[a, Power[b, -1], Power[c, -1]] is `a/(b*c)`.
            factors.append(contentsOf: base.args.map { readBackCanonical(.call(Sym.Power, [$0, .integer(-1)])) })
        } else {
            factors.append(a)
        }
    }
    // Signs and integers move around when products print (`-5` for Times[-1, 5], `- 4*x` in a sum,
    // a negative denominator after `/`): the signs of all numeric factors are collected into one
    // leading -1, and integer factors (and integer denominators Power[k, -1]) are kept by magnitude
    // (not multiplied, which could overflow differently for different groupings).
    var negative = false
    var others: [Expr] = []
    func magnitude(_ e: Expr) -> Expr? {
        switch e {
        case .integer(let k) where k != Int.min:
            if k < 0 { negative.toggle() }
            return .integer(abs(k))
        case .real(let d):
            if d < 0 { negative.toggle() }   // -0. and 0. are the same number
            return .real(abs(d))
        case .bigInteger:
            let digits = e.formatted(.fullForm)
            guard digits.hasPrefix("-") else { return e }
            negative.toggle()
            return (try? Parser.parseExpression(String(digits.dropFirst()))) ?? e
        default: return nil
        }
    }
    for f in factors {
        if let m = magnitude(f) {
            if m != .integer(1) { others.append(m) }
        } else if case .normal(let power) = f, power.head == .symbol(Sym.Power), power.args.count == 2,
                  power.args[1] == .integer(-1), let m = magnitude(power.args[0]) {
            if m != .integer(1) { others.append(.call(Sym.Power, [m, .integer(-1)])) }
        } else {
            others.append(f)
        }
    }
    // A lone number reads back as that number (`-5`, `-3.5`).
    if others.count == 1, case .integer(let k) = others[0] { return .integer(negative ? -k : k) }
    if others.count == 1, case .real(let d) = others[0] { return .real(negative ? -d : d) }
    if negative { others.insert(.integer(-1), at: 0) }
    factors = others
    if factors.isEmpty { return .integer(1) }
    if factors.count == 1 { return factors[0] }
    factors.sort { $0.formatted(.fullForm) < $1.formatted(.fullForm) }
    return .call(Sym.Times, factors)
}

/// `-e` as the parser reads it from the printed text.
func negated(_ e: Expr) -> Expr {
    if case .integer(let k) = e, k != Int.min { return .integer(-k) }
    if case .bigInteger = e {
        // Through the parser, which reads a negative literal as one integer (no BigInt import here).
        let digits = e.formatted(.fullForm)
        if let n = try? Parser.parseExpression(digits.hasPrefix("-") ? String(digits.dropFirst()) : "-" + digits) { return n }
    }
    if case .normal(let n) = e, n.head == .symbol(Sym.Times), n.args.count == 2, n.args[0] == .integer(-1) { return n.args[1] }
    return .call(Sym.Times, [.integer(-1), e])
}
