import RampSyntax
import RealModule

/// Precision and accuracy: `Precision`, `Accuracy`, `SetPrecision`, `SetAccuracy`, the precision
/// variables (`$MachinePrecision`, `$MinPrecision`, `$MaxPrecision`, `$MaxExtraPrecision`),
/// `MantissaExponent`, and `N[expr, n]` (whose one definition is in Arithmetic.swift).
extension Kernel {
    func installPrecisionBuiltins() {
        installRealDigitsBuiltins()
        setMessage("N", "preclg", "Requested precision `1` is larger than $MaxPrecision. Using current $MaxPrecision of `2` instead. $MaxPrecision = Infinity specifies that any precision should be allowed.")
        setMessage("N", "meprec", "Internal precision limit $MaxExtraPrecision = `1` reached while evaluating `2`.")
        setMessage("SetPrecision", "precsm", "Requested precision `1` is smaller than $MinPrecision. Using current $MinPrecision of `2` instead.")
        setMessage("SetPrecision", "preclg", "Requested precision `1` is larger than $MaxPrecision. Using current $MaxPrecision of `2` instead. $MaxPrecision = Infinity specifies that any precision should be allowed.")

        define("MachinePrecision", attributes: [.constant, .protected, .readProtected],
               usage: "MachinePrecision is a symbol used to indicate machine-number precision.") { _ in nil }
        define("$MachinePrecision", attributes: [.protected],
               usage: "$MachinePrecision gives the number of decimal digits of precision used for machine-precision numbers.") { _ in nil }
        setValue(.real(BigReals.machinePrecision), of: "$MachinePrecision")
        define("$MinPrecision", usage: "$MinPrecision gives the minimum number of digits of precision allowed in arbitrary-precision numbers.") { _ in nil }
        setValue(.integer(0), of: "$MinPrecision")
        define("$MaxPrecision", usage: "$MaxPrecision gives the maximum number of digits of precision to be allowed in arbitrary-precision numbers.") { _ in nil }
        setValue(.call(Sym.DirectedInfinity, [1]), of: "$MaxPrecision")
        define("$MaxExtraPrecision", usage: "$MaxExtraPrecision gives the maximum number of extra digits of precision to be used in functions such as N.") { _ in nil }
        setValue(.real(50), of: "$MaxExtraPrecision")

        define("MachineNumberQ", arguments: .exactly(1),
               usage: "MachineNumberQ[expr] returns True if expr is a machine-precision real or complex number, and returns False otherwise.") { call in
            .bool(Numbers.isMachine(call.args[0]))
        }
        define("Precision", arguments: .exactly(1),
               usage: "Precision[x] gives the effective number of digits of precision in the number x.") { call in
            let p = Kernel.precision(of: call.args[0])
            if p == .infinity { return .call(Sym.DirectedInfinity, [1]) }
            if p == -1 { return .symbol(Symbol.named("MachinePrecision")) }
            return .real(p)
        }
        define("Accuracy", arguments: .exactly(1),
               usage: "Accuracy[x] gives the effective number of digits to the right of the decimal point in the number x.") { call in
            let a = Kernel.accuracy(of: call.args[0])
            return a == .infinity ? .call(Sym.DirectedInfinity, [1]) : .real(a)
        }
        define("SetPrecision", arguments: .exactly(2),
               usage: "SetPrecision[expr, p] yields a version of expr in which all numbers have been set to have precision p.") { call in
            guard let p = call.kernel.requestedDigits(call.args[1], head: call.head) else { return nil }
            if p == -1 { return call.kernel.numericize(call.args[0]) }
            // Numeric constants become numbers too (SetPrecision[Pi, 50]); no extra precision.
            return call.kernel.mapNumbers(call.kernel.numericizeBig(call.args[0], precision: p)) { Kernel.setPrecision($0, p) }
        }
        define("SetAccuracy", arguments: .exactly(2),
               usage: "SetAccuracy[expr, a] yields a version of expr in which all numbers have been set to have accuracy a.") { call in
            guard let a = Numbers.double(call.args[1]), a.isFinite, a < BigReal.maxDigits else { return nil }
            return call.kernel.mapNumbers(call.args[0]) { Kernel.setAccuracy($0, a) }
        }
        define("MantissaExponent", attributes: [.listable], arguments: ArgumentCount(1, 2),
               usage: "MantissaExponent[x] gives a list containing the mantissa and exponent of a number x.") { call in
            let x = call.args[0]
            guard Numbers.isReal(x), call.args.count == 1 || call.args[1] == .integer(10) else { return nil }
            if Numbers.isZero(x) { return .list([x, 0]) }
            // The exponent e with 10^(e-1) ≤ |x| < 10^e, exactly for exact and big values.
            let magnitude: Double
            switch x {
            case .bigReal(let b): magnitude = b.log10Magnitude
            case .real(let d): magnitude = Double.log10(Swift.abs(d))
            default: magnitude = BigReals.log10Magnitude(exact: x)
            }
            var e = Int(magnitude.rounded(.down)) + 1
            let a = Arithmetic(kernel: call.kernel)
            func abs(_ v: Expr) -> Expr { Numbers.signReal(v) < 0 ? Numbers.negateReal(v) : v }
            func scaled(_ k: Int) -> Expr { a.times([x, a.power(10, .integer(-k))]) }
            var m = scaled(e)
            // Correct an estimate off by one at exact powers of ten.
            if Numbers.compareReal(abs(m), 1) >= 0 { e += 1; m = scaled(e) }
            else if Numbers.compareReal(abs(m), .rational(1, 10)) < 0 { e -= 1; m = scaled(e) }
            return .list([m, .integer(e)])
        }
    }

    /// The precision of an expression: the smallest of its numbers' (exact: +∞; machine: -1, which
    /// wins over everything; a zero big real: 0).
    static func precision(of e: Expr) -> Double {
        switch e {
        case .integer, .bigInteger, .rational: return .infinity
        case .real: return -1
        case .bigReal(let x): return x.precision
        case .complex(let r, let i):
            let a = precision(of: r), b = precision(of: i)
            if a == -1 || b == -1 { return -1 }
            // A complex number's precision is that of its larger part (Wolfram's reading).
            if case .bigReal(let x) = r, case .bigReal(let y) = i {
                let acc = Swift.min(x.accuracy, y.accuracy)
                let mag = Swift.max(x.isZero ? -.infinity : x.log10Magnitude, y.isZero ? -.infinity : y.log10Magnitude)
                return mag == -.infinity ? 0 : Swift.max(0, acc + mag)
            }
            return Swift.min(a, b)
        case .packed(let p):
            if case .reals = p.storage { return -1 }
            return .infinity
        case .normal(let n):
            var m = precision(of: n.head)
            for a in n.args {
                let p = precision(of: a)
                if p == -1 { return -1 }
                m = Swift.min(m, p)
            }
            return m
        default: return .infinity
        }
    }

    /// The accuracy of an expression: the smallest of its numbers' (exact: +∞).
    static func accuracy(of e: Expr) -> Double {
        switch e {
        case .integer, .bigInteger, .rational: return .infinity
        case .real(let d): return d == 0 ? 307.6526555685888 : BigReals.machinePrecision - Double.log10(Swift.abs(d))
        case .bigReal(let x): return x.accuracy
        case .complex(let r, let i): return Swift.min(accuracy(of: r), accuracy(of: i))
        case .packed(let p): return p.parts.map(accuracy(of:)).min() ?? .infinity
        case .normal(let n): return n.args.map(accuracy(of:)).reduce(accuracy(of: n.head), Swift.min)
        default: return .infinity
        }
    }

    /// A requested precision: a positive real (digits), or -1 for `MachinePrecision`; nil (after
    /// the message) for anything else. Past `$MaxPrecision` it is reduced, with `head::preclg`;
    /// past what memory allows, `General::nomem`.
    func requestedDigits(_ e: Expr, head: Symbol) -> Double? {
        if e.symbol?.name == "MachinePrecision" { return -1 }
        guard let p = Numbers.double(e), p.isFinite, p > 0 else {
            message(Sym.N, "precbd", [e])
            return nil
        }
        if p <= BigReals.machinePrecision, case .real = e, p == BigReals.machinePrecision { return -1 }
        var digits = p
        if let maxP = value(of: "$MaxPrecision"), let m = Numbers.double(maxP), m > 0, digits > m {
            message(head, "preclg", [e, maxP])
            digits = m
        }
        // Several numbers of this size are alive at once, and MPFR cannot be interrupted: at most
        // maxBytes/32 digits (33 million with the default limit; about 13 bytes per digit).
        if digits > Double(SizeLimit.maxBytes) / 32 || digits > BigReal.maxDigits {
            message(Sym.General, "nomem", [])
            return nil
        }
        return digits
    }

    /// `expr` with `transform` applied to every number in it (packed arrays unpacked when needed).
    func mapNumbers(_ e: Expr, _ transform: (Expr) -> Expr) -> Expr {
        switch e {
        case .integer, .bigInteger, .rational, .real, .bigReal, .complex: return transform(e)
        case .packed(let p): return .list(p.parts.map { mapNumbers($0, transform) })
        case .normal(let n): return .call(mapNumbers(n.head, transform), n.args.map { mapNumbers($0, transform) })
        default: return e
        }
    }

    /// A number set to precision `p` (exact numbers are rounded; machine numbers padded with binary
    /// zeros, as Wolfram's SetPrecision does).
    static func setPrecision(_ e: Expr, _ p: Double) -> Expr {
        switch e {
        case .complex(let r, let i): return Numbers.complex(setPrecision(r, p), setPrecision(i, p))
        case .bigReal(let x):
            if x.isZero { return .bigReal(BigReal.zero(accuracy: p)) }
            return .bigReal(x.withPrecision(p))
        case .integer(0): return .bigReal(BigReal.zero(accuracy: p))
        case .real(0): return .bigReal(BigReal.zero(accuracy: p))
        default:
            return BigReals.big(e, precision: p).map { .bigReal($0.withPrecision(p)) } ?? e
        }
    }

    /// A number set to accuracy `a`.
    static func setAccuracy(_ e: Expr, _ a: Double) -> Expr {
        switch e {
        case .complex(let r, let i): return Numbers.complex(setAccuracy(r, a), setAccuracy(i, a))
        default:
            if Numbers.isZero(e) { return .bigReal(BigReal.zero(accuracy: a)) }
            let mag: Double
            switch e {
            case .bigReal(let x): mag = x.log10Magnitude
            case .real(let d): mag = Double.log10(Swift.abs(d))
            default: mag = BigReals.log10Magnitude(exact: e)
            }
            let p = a + mag
            if p <= 0 { return .bigReal(BigReal.zero(accuracy: a)) }
            return setPrecision(e, p)
        }
    }

    /// `N[expr, n]`: exact numbers and constants become `n + extra`-digit numbers and the result is
    /// evaluated; while its precision is below `n`, the working precision grows, up to
    /// `$MaxExtraPrecision` extra digits (then `N::meprec`). Numbers above `n` digits are rounded to `n`.
    func numericize(_ e: Expr, digits n: Double) throws(EvaluationControl) -> Expr {
        let maxExtra = value(of: "$MaxExtraPrecision").flatMap(Numbers.double) ?? 50
        // A few guard digits from the start: most functions lose a fraction of a digit.
        var extra = Swift.min(5.0, maxExtra)
        var result: Expr
        while true {
            let w = n + extra
            result = try eval(numericizeBig(e, precision: w))
            let p = Kernel.precision(of: result)
            if p == -1 || p >= n - 1e-9 { break }
            if extra >= maxExtra {
                message(Sym.N, "meprec", [.real(maxExtra), e])
                break
            }
            extra = Swift.min(maxExtra, extra + Swift.max(n - p, 10))
        }
        return mapNumbers(result) { x in
            if case .bigReal(let b) = x, !b.isZero, b.precision > n { return .bigReal(b.withPrecision(n)) }
            if case .complex = x, Kernel.precision(of: x) > n { return Kernel.setPrecision(x, n) }
            return x
        }
    }

    /// `expr` with exact numbers and numeric constants as `precision`-digit numbers (respecting the
    /// NHold attributes); arbitrary-precision numbers above that precision are rounded to it.
    func numericizeBig(_ e: Expr, precision p: Double) -> Expr {
        switch e {
        case .integer, .bigInteger, .rational, .complex: return Kernel.setPrecision(e, p)
        case .bigReal(let x): return x.precision > p ? .bigReal(x.withPrecision(p)) : e
        case .symbol(let s):
            return BigReals.constant(s.name, precision: p) ?? e
        case .packed(let pa):
            if case .integers = pa.storage { return .list(pa.parts.map { numericizeBig($0, precision: p) }) }
            return e
        case .normal(let n):
            // E^z keeps E, so that the power is MPFR's exp of z (Exp[1/3] is E^(1/3) by now).
            if n.head.symbol === Sym.Power, n.args.count == 2, n.args[0].symbol === Sym.E {
                return .call(Sym.Power, [n.args[0], numericizeBig(n.args[1], precision: p)])
            }
            let attrs = n.head.symbol.map { attributes(of: $0) } ?? []
            var args = n.args
            for i in args.indices {
                let held = i == 0 ? attrs.contains(.nHoldFirst) : attrs.contains(.nHoldRest)
                if !held { args[i] = numericizeBig(args[i], precision: p) }
            }
            return .call(numericizeBig(n.head, precision: p), args)
        default:
            return e
        }
    }
}

// MARK: - RealDigits and Rationalize

extension Kernel {
    func installRealDigitsBuiltins() {
        define("RealDigits", attributes: [.listable], arguments: ArgumentCount(1, 3),
               usage: "RealDigits[x] gives a list of the digits in the approximate real number x, together with the number of digits that are to the left of the decimal point. RealDigits[x, b, len] gives a list of len digits.") { call throws(EvaluationControl) in
            let args = call.args
            if args.count >= 2 && args[1] != .integer(10) { return nil }   // base 10 only
            var x = args[0]
            var length: Int? = nil
            if args.count == 3 {
                guard case .integer(let n) = args[2], n > 0, n <= 10_000_000 else { return nil }
                length = n
            }
            if Numbers.isReal(x) && Numbers.signReal(x) < 0 { x = Numbers.negateReal(x) }
            let exact = !(Numbers.isMachine(x) || BigReals.isBig(x))
            var big: BigReal
            switch x {
            case .bigReal(let b): big = b
            case .real(let d):
                guard d.isFinite else { return nil }
                big = BigReal.from(d, precision: 17)
            default:
                // Exact numbers and numeric quantities: digits from a value with 10 guard digits.
                guard let n = length else { return nil }
                let v = try call.kernel.numericize(.call(Symbol.named("Abs"), [x]), digits: Double(n + 10))
                guard case .bigReal(let b) = v else { return nil }
                big = b
            }
            if big.isZero {
                let n = length ?? 1
                return .list([.list(Array(repeating: .integer(0), count: n)), .integer(big.accuracy.isFinite ? -Int(big.accuracy.rounded()) + 1 : 0)])
            }
            let count = length ?? (Numbers.isMachine(x) ? 16 : big.shownDigits)
            let (digits, e) = big.decimalDigits(count, truncating: exact)
            return .list([.list(digits.map { .integer(Int($0) - 48) }), .integer(e + 1)])
        }

        define("Rationalize", attributes: [.listable], arguments: ArgumentCount(1, 2),
               usage: "Rationalize[x] converts an approximate number x to a nearby rational with small denominator. Rationalize[x, dx] yields the rational number with smallest denominator that lies within dx of x.") { call in
            let x = call.args[0]
            guard Numbers.isReal(x) else { return nil }
            if Numbers.isExactReal(x) { return x }
            guard let (n, d) = BigReals.exactValue(x) else { return nil }
            if call.args.count == 2 {
                guard let (tn, td) = BigReals.exactValue(call.args[1]), tn.sign != .minus else { return nil }
                if tn.isZero { return Expr.rational(n, over: d) }
                // The simplest rational in [x - dx, x + dx].
                let lo = (n * td - tn * d, d * td), hi = (n * td + tn * d, d * td)
                let (p, q) = Kernel.simplestRational(lo, hi)
                return Expr.rational(p, over: q)
            }
            // Convergents p/q with |x - p/q| < 10^-4 / q^2, q below 10^(precision/2).
            let precision = Numbers.isMachine(x) ? BigReals.machinePrecision : Kernel.precision(of: x)
            let maxQ = Double.pow(10, precision / 2)
            var (a, b) = (n, d)
            var (p0, q0, p1, q1) = (BigInt(0), BigInt(1), BigInt(1), BigInt(0))
            while !b.isZero {
                let (t, r) = a.floorQuotientAndRemainder(dividingBy: b)
                (p0, p1) = (p1, t * p1 + p0)
                (q0, q1) = (q1, t * q1 + q0)
                if Numbers.double(q1) > maxQ { break }
                // |n/d - p1/q1| · q1² · 10^4 < 1  ⇔  |n q1 - p1 d| · q1 · 10^4 < d
                let err = (n * q1 - p1 * d).magnitude
                if err * q1 * 10_000 < d { return Expr.rational(p1, over: q1) }
                (a, b) = (b, r)
            }
            return x
        }
    }

    /// The rational with the smallest denominator in the closed interval [lo, hi] (fractions with
    /// positive denominators, lo ≤ hi).
    static func simplestRational(_ lo: (BigInt, BigInt), _ hi: (BigInt, BigInt)) -> (BigInt, BigInt) {
        let (ln, ld) = lo, (hn, hd) = hi
        if ln.sign == .minus && !hn.isZero && hn.sign != .minus || ln.isZero || hn.isZero { return (0, 1) }
        if hn.sign == .minus {
            let (p, q) = simplestRational((-hn, hd), (-ln, ld))
            return (-p, q)
        }
        // 0 < lo ≤ hi.
        let c = -((-ln).floorDivided(by: ld))          // ceil(lo)
        if c * hd <= hn { return (c, 1) }               // an integer in the interval
        let f = ln.floorDivided(by: ld)
        // lo = f + 1/u, hi = f + 1/v, with u ≥ v > 1: x = f + 1/simplest(v, u).
        let (p, q) = simplestRational((hd, hn - f * hd), (ld, ln - f * ld))
        return (f * p + q, p)
    }
}
