import RampSyntax
import RealModule

/// Arithmetic on arbitrary-precision reals with Wolfram's significance arithmetic: every result's
/// precision follows from its inputs' (uncertainties add: absolute ones for sums, relative ones for
/// products, scaled by the condition number for functions). Exact operands are exact (infinite
/// precision); a machine operand makes the result a machine number, which the callers in
/// NumberArithmetic.swift handle before coming here.
enum BigReals {
    /// `$MachinePrecision`: 53 log10 2.
    static let machinePrecision = 15.954589770191003

    /// The precision of a number atom for canonical ordering: exact +∞, arbitrary-precision its
    /// precision, machine -1 (so exact < big < machine for equal values).
    static func rank(_ e: Expr) -> Double {
        switch e {
        case .integer, .bigInteger, .rational, .real, .bigReal, .complex: return Kernel.precision(of: e)
        default: return .infinity
        }
    }

    /// Whether `e` is an arbitrary-precision real or a complex number with such parts.
    static func isBig(_ e: Expr) -> Bool {
        switch e {
        case .bigReal: return true
        case .complex(let r, let i):
            if case .bigReal = r { return true }
            if case .bigReal = i { return true }
            return false
        default: return false
        }
    }

    /// An exact real number (or a big real, unchanged; a machine real, padded) at `precision` digits.
    static func big(_ e: Expr, precision p: Double) -> BigReal? {
        switch e {
        case .integer(let i): return .from(BigInt(i), precision: p)
        case .bigInteger(let b): return .from(b, precision: p)
        case .rational(let n, let d): return .from(numerator: n, denominator: d, precision: p)
        case .bigReal(let x): return x
        case .real(let d): return d.isFinite ? .from(d, precision: p) : nil
        default: return nil
        }
    }

    /// log10 of an exact non-zero real's magnitude (approximately).
    static func log10Magnitude(exact e: Expr) -> Double {
        guard let (n, d) = Numbers.fraction(e), !n.isZero else { return -.infinity }
        return log10Magnitude(n) - log10Magnitude(d)
    }

    static func log10Magnitude(_ n: BigInt) -> Double {
        let bits = n.bitLength
        let shift = Swift.max(0, bits - 60)
        let top = Numbers.double(n.magnitude >> shift)
        return Double.log10(top) + Double(shift) * 0.30102999566398120
    }

    /// -log10(10^-a + 10^-b): two uncertainties added (infinite means none).
    static func combine(_ a: Double, _ b: Double) -> Double {
        if a == .infinity { return b }
        if b == .infinity { return a }
        let lo = Swift.min(a, b), hi = Swift.max(a, b)
        return lo - Double.log10(1 + Double.pow(10, lo - hi))
    }

    /// A raw result labelled with its accuracy: precision = accuracy + log10|x|, or a zero of that
    /// accuracy when no digit is known.
    static func finish(_ raw: BigReal, accuracy: Double) -> Expr {
        if !raw.isFinite { return Numbers.overflowMarker }
        if raw.isZero { return .bigReal(BigReal.zero(accuracy: accuracy)) }
        return finish(raw, precision: accuracy + raw.log10Magnitude, accuracy: accuracy)
    }

    /// A raw result labelled with its precision (a zero of accuracy `accuracy` when it is ≤ 0).
    /// Operands are finite, so an infinite result is past MPFR's exponent range: `Overflow[]`
    /// (Numbers.overflowMarker), which the caller reports with `General::ovfl`, as Wolfram does past
    /// `$MaxNumber`.
    static func finish(_ raw: BigReal, precision: Double, accuracy: Double? = nil) -> Expr {
        if !raw.isFinite { return raw.doubleValue.isNaN ? .symbol(Sym.Indeterminate) : Numbers.overflowMarker }
        if raw.isZero || precision <= 0 {
            return .bigReal(BigReal.zero(accuracy: accuracy ?? (raw.isZero ? precision : precision - raw.log10Magnitude)))
        }
        if precision == raw.precision { return .bigReal(raw) }
        return .bigReal(raw.withPrecision(precision))
    }

    // MARK: Real arithmetic (no machine operand)

    /// `a + b`, at least one an arbitrary-precision real, the other exact or arbitrary-precision.
    static func add(_ a: Expr, _ b: Expr) -> Expr {
        switch (a, b) {
        case (.bigReal(let x), .bigReal(let y)):
            let acc = combine(x.accuracy, y.accuracy)
            let digits = Swift.max(x.precision, y.precision, 1)
            let raw = BigReal.binary(.add, x, y, bits: BigReal.bits(forDigits: digits), precision: digits, zeroAccuracy: acc)
            return finish(raw, accuracy: acc)
        case (.bigReal(let x), _): return addExact(x, b)
        case (_, .bigReal(let y)): return addExact(y, a)
        default: return Numbers.addReal(a, b)
        }
    }

    private static func addExact(_ x: BigReal, _ e: Expr) -> Expr {
        if Numbers.isExactZero(e) { return .bigReal(x) }
        let acc = x.accuracy
        // The sum's digits: its accuracy plus its magnitude (at most the larger term's, plus one).
        let size = Swift.max(x.isZero ? -.infinity : x.log10Magnitude, log10Magnitude(exact: e)) + 1
        let digits = Swift.max(acc + size + 2, x.precision, 1)
        guard let y = big(e, precision: digits) else { return .symbol(Sym.Indeterminate) }
        let raw = BigReal.binary(.add, x, y, bits: BigReal.bits(forDigits: digits), precision: digits, zeroAccuracy: acc)
        return finish(raw, accuracy: acc)
    }

    /// `a * b`, at least one an arbitrary-precision real, the other exact or arbitrary-precision.
    static func multiply(_ a: Expr, _ b: Expr) -> Expr {
        switch (a, b) {
        case (.bigReal(let x), .bigReal(let y)):
            if x.isZero || y.isZero {
                let acc: Double
                if x.isZero && y.isZero { acc = x.accuracy + y.accuracy }
                else if x.isZero { acc = x.accuracy - y.log10Magnitude } else { acc = y.accuracy - x.log10Magnitude }
                return .bigReal(BigReal.zero(accuracy: acc))
            }
            let p = combine(x.precision, y.precision)
            let raw = BigReal.binary(.multiply, x, y, bits: BigReal.bits(forDigits: Swift.max(p, 1)), precision: p)
            return finish(raw, precision: p)
        case (.bigReal(let x), _): return multiplyExact(x, b)
        case (_, .bigReal(let y)): return multiplyExact(y, a)
        default: return Numbers.multiplyReal(a, b)
        }
    }

    private static func multiplyExact(_ x: BigReal, _ e: Expr) -> Expr {
        if Numbers.isExactZero(e) { return .integer(0) }
        if x.isZero { return .bigReal(BigReal.zero(accuracy: x.accuracy - log10Magnitude(exact: e))) }
        let p = x.precision
        guard let y = big(e, precision: p + 2) else { return .symbol(Sym.Indeterminate) }
        let raw = BigReal.binary(.multiply, x, y, bits: BigReal.bits(forDigits: Swift.max(p, 1)), precision: p)
        return finish(raw, precision: p)
    }

    /// `1/x`; nil for a zero (the caller reports the infinity).
    static func reciprocal(_ x: BigReal) -> Expr? {
        if x.isZero { return nil }
        let one = BigReal.from(BigInt(1), precision: x.precision + 2)
        return finish(BigReal.binary(.divide, one, x, bits: x.bits, precision: x.precision), precision: x.precision)
    }

    /// Compares two real numbers, at least one arbitrary-precision, by their binary values.
    static func compare(_ a: Expr, _ b: Expr) -> Int {
        if case .bigReal(let x) = a, case .bigReal(let y) = b { return BigReal.compare(x, y) }
        if case .bigReal(let x) = a, let (n, d) = Numbers.fraction(b) { return x.compare(numerator: n, denominator: d) }
        if case .bigReal(let y) = b, let (n, d) = Numbers.fraction(a) { return -y.compare(numerator: n, denominator: d) }
        return 0
    }

    /// The exact value of an exact real or of a big real's binary value, as a fraction.
    static func exactValue(_ e: Expr) -> (BigInt, BigInt)? {
        if case .real(let d) = e {
            guard d.isFinite else { return nil }
            return exactValue(.bigReal(BigReal.from(d, precision: 17)))
        }
        if case .bigReal(let x) = e {
            // Only for values whose exact form fits the size limit (|exponent| in bits).
            guard SizeLimit.allowsInteger(bits: Swift.abs(x.binaryExponent) + x.bits), let (m, e2) = x.exactParts() else { return nil }
            return e2 >= 0 ? (m << e2, 1) : (m, BigInt(1) << -e2)
        }
        return Numbers.fraction(e)
    }

    /// `Equal` of two reals when one is arbitrary-precision (nil otherwise): with a machine real,
    /// machine comparison; else equal when their difference has no known digit.
    static func equal(_ a: Expr, _ b: Expr) -> Bool? {
        guard isBig(a) || isBig(b) else { return nil }
        if case .real(let d) = a { return Numbers.machineEqual(d, Numbers.double(b) ?? .nan) }
        if case .real(let d) = b { return Numbers.machineEqual(Numbers.double(a) ?? .nan, d) }
        let d = add(a, Numbers.negateReal(b))
        guard case .bigReal(let x) = d else { return Numbers.isExactZero(d) }
        return x.isZero || x.precision < 1
    }

    /// A complex number with an arbitrary-precision part: an exact part is rounded to the other's
    /// precision; a machine part makes both machine.
    static func complex(_ re: Expr, _ im: Expr) -> Expr {
        switch (re, im) {
        case (.real, _), (_, .real): return .complex(Numbers.machine(re), Numbers.machine(im))
        case (.bigReal, .bigReal): return .complex(re, im)
        case (.bigReal(let x), _):
            return .complex(re, big(im, precision: x.isZero ? Swift.max(x.accuracy, 1) : x.precision).map(Expr.bigReal) ?? im)
        case (_, .bigReal(let y)):
            if Numbers.isExactZero(re) { return .complex(.bigReal(BigReal.zero(accuracy: y.accuracy)), im) }
            return .complex(big(re, precision: y.isZero ? Swift.max(y.accuracy, 1) : y.precision).map(Expr.bigReal) ?? re, im)
        default: return .complex(re, im)
        }
    }

    // MARK: Powers

    /// `b^e` when `b` or `e` is an arbitrary-precision real (nil for complex operands, which stay).
    static func power(_ b: Expr, _ e: Expr) -> Expr? {
        if Numbers.isMachine(b) || Numbers.isMachine(e) { return Numbers.machinePower(Numbers.machine(b), Numbers.machine(e)) }
        if case .complex = b, !Numbers.isInteger(e), !Numbers.isZeroNumber(b) {
            // z^w = e^(w log z).
            guard let l = complexLog(b) else { return nil }
            let product = Numbers.multiply(e, l)
            if case .complex = product { return complexExp(product) }
            guard case .bigReal(let x) = product else { return nil }
            return function("Exp", x)
        }
        if case .complex = e, Numbers.isReal(b), Numbers.signReal(b) > 0 {
            // b^z = e^(z log b).
            let p = rank(e)
            guard p >= 1, p.isFinite, let bb = big(b, precision: p + 5), let lb = function("Log", bb) else { return nil }
            return complexExp(Numbers.multiply(e, lb))
        }
        guard Numbers.isReal(b), Numbers.isReal(e) else { return nil }
        switch (b, e) {
        case (.bigReal(let x), .integer), (.bigReal(let x), .bigInteger):
            guard let k = Numbers.bigInt(e) else { return nil }
            if k.isZero { return .integer(1) }
            if x.isZero {
                if k.sign == .minus { return nil }
                return .bigReal(BigReal.zero(accuracy: x.accuracy * Numbers.double(k)))
            }
            let p = x.precision - log10Magnitude(k)
            let raw = BigReal.power(x, k, bits: BigReal.bits(forDigits: Swift.max(x.precision, p, 1)), precision: x.precision)
            return finish(raw, precision: p)
        case (.bigReal(let x), .rational(let n, let d)):
            if x.isZero { return nil }
            let p = x.precision - (log10Magnitude(n) - log10Magnitude(d))
            let exponent = big(e, precision: Swift.max(x.precision, p) + 5)!
            if x.sign < 0 {
                // (-|x|)^r = |x|^r (cos πr + i sin πr).
                let mag = BigReal.apply(.abs, x, bits: x.bits, precision: x.precision)
                let r = BigReal.binary(.power, mag, exponent, bits: BigReal.bits(forDigits: Swift.max(p, 1)), precision: p)
                let angle = BigReal.binary(.multiply, BigReal.constant(.pi, precision: p + 5), exponent,
                                           bits: BigReal.bits(forDigits: p + 5), precision: p + 5)
                let c = BigReal.apply(.cos, angle, bits: BigReal.bits(forDigits: p + 5), precision: p + 5)
                let s = BigReal.apply(.sin, angle, bits: BigReal.bits(forDigits: p + 5), precision: p + 5)
                let re = finish(BigReal.binary(.multiply, r, c, bits: r.bits, precision: p), precision: p, accuracy: p - r.log10Magnitude)
                let im = finish(BigReal.binary(.multiply, r, s, bits: r.bits, precision: p), precision: p, accuracy: p - r.log10Magnitude)
                return Numbers.complex(re, im)
            }
            let raw = BigReal.binary(.power, x, exponent, bits: BigReal.bits(forDigits: Swift.max(p, 1)), precision: p)
            return finish(raw, precision: p)
        default:
            guard case .bigReal(let y) = e else { return nil }
            if Numbers.signReal(b) < 0 {
                // (-|b|)^y = |b|^y (cos πy + i sin πy).
                guard !y.isZero, let r = power(Numbers.negateReal(b), e) else { return nil }
                let py = y.precision + 5
                let angle = BigReal.binary(.multiply, BigReal.constant(.pi, precision: py + 2), y,
                                           bits: BigReal.bits(forDigits: py), precision: y.precision)
                guard let c = function("Cos", angle), let s = function("Sin", angle) else { return nil }
                return Numbers.multiply(r, Numbers.complex(c, s))
            }
            // A big exponent and an exact or big positive base.
            guard Numbers.signReal(b) > 0 else { return nil }
            if Numbers.isExactOne(b) { return .integer(1) }
            let pb: Double
            if case .bigReal(let x) = b { pb = x.precision } else { pb = .infinity }
            let lnb = Swift.abs(Double.log(Numbers.double(b) ?? 1))
            let ey = y.isZero ? 0 : Swift.abs(y.doubleValue)
            // Relative error: |y| rel(b) + |ln b| abs(y).
            let relB = ey == 0 || pb == .infinity ? 0 : ey * Double.pow(10, -pb)
            let absY = lnb * Double.pow(10, -y.accuracy)
            let p = -Double.log10(Swift.max(relB + absY, 1e-300))
            let digits = Swift.max(p, 1) + 5
            guard let base = big(b, precision: digits) else { return nil }
            let raw = BigReal.binary(.power, base, y, bits: BigReal.bits(forDigits: digits), precision: digits)
            return finish(raw, precision: p)
        }
    }

    /// `ArcTan[x, y]` with an arbitrary-precision argument (the other exact or arbitrary-precision).
    static func arcTan2(_ x: Expr, _ y: Expr) -> Expr? {
        if Numbers.isZero(x) && Numbers.isZero(y) { return nil }
        let p = Kernel.precision(of: .complex(x, y))   // a zero part counts by its accuracy
        guard p >= 1, p.isFinite, let bx = big(x, precision: p + 2), let by = big(y, precision: p + 2) else { return nil }
        // The angle's absolute error is about the relative error of the point's position.
        let raw = BigReal.binary(.atan2, by, bx, bits: BigReal.bits(forDigits: p + 2), precision: p)
        let mag = Swift.max(bx.isZero ? -.infinity : bx.log10Magnitude, by.isZero ? -.infinity : by.log10Magnitude)
        let acc = Swift.min(bx.accuracy, by.accuracy) - mag
        return finish(raw, accuracy: acc)
    }

    /// `E^z` for a complex `z` with arbitrary-precision parts: e^re (cos im + i sin im).
    static func complexExp(_ z: Expr) -> Expr? {
        let (re, im) = Numbers.parts(z)
        let p = rank(z)
        guard p >= 1, p.isFinite, let bre = big(re, precision: p), let bim = big(im, precision: p) else { return nil }
        guard let m = bre.isZero ? Expr.integer(1) : function("Exp", bre),
              let c = bim.isZero ? Expr.integer(1) : function("Cos", bim),
              let s = bim.isZero ? Expr.integer(0) : function("Sin", bim) else { return nil }
        return Numbers.complex(Numbers.multiplyReal(m, c), Numbers.multiplyReal(m, s))
    }

    /// `Log[z]` for a complex `z` with arbitrary-precision parts: log|z| + i arg z.
    static func complexLog(_ z: Expr) -> Expr? {
        let (re, im) = Numbers.parts(z)
        let norm = Numbers.add(Numbers.multiply(re, re), Numbers.multiply(im, im))
        guard case .bigReal(let n) = norm, !n.isZero, let ln = function("Log", n), let arg = arcTan2(re, im) else { return nil }
        return Numbers.complex(Numbers.multiply(.rational(1, 2), ln), arg)
    }

    /// Sin, Cos, Sinh, Cosh, Tan, Tanh and Log of a complex `z` with arbitrary-precision parts, from
    /// the real functions of its parts; nil for other names.
    static func complexFunction(_ name: String, _ z: Expr) -> Expr? {
        let (re, im) = Numbers.parts(z)
        let p = rank(z)
        guard p >= 1, p.isFinite, let a = big(re, precision: p), let b = big(im, precision: p) else { return nil }
        func f(_ n: String, _ x: BigReal) -> Expr? {
            if x.isZero { return ["Cos", "Cosh"].contains(n) ? .integer(1) : .integer(0) }
            return function(n, x)
        }
        let m = Numbers.multiply
        switch name {
        case "Log": return complexLog(z)
        case "Sin", "Cos", "Sinh", "Cosh":
            // sin(a+bi) = sin a cosh b + i cos a sinh b; cos(a+bi) = cos a cosh b - i sin a sinh b;
            // sinh(a+bi) = sinh a cos b + i cosh a sin b; cosh(a+bi) = cosh a cos b + i sinh a sin b.
            let trig = name == "Sin" || name == "Cos"
            guard let s1 = f(trig ? "Sin" : "Sinh", a), let c1 = f(trig ? "Cos" : "Cosh", a),
                  let s2 = f(trig ? "Sinh" : "Sin", b), let c2 = f(trig ? "Cosh" : "Cos", b) else { return nil }
            switch name {
            case "Sin": return Numbers.complex(m(s1, c2), m(c1, s2))
            case "Cos": return Numbers.complex(m(c1, c2), Numbers.negate(m(s1, s2)))
            case "Sinh": return Numbers.complex(m(s1, c2), m(c1, s2))
            default: return Numbers.complex(m(c1, c2), m(s1, s2))
            }
        case "Tan", "Tanh":
            guard let s = complexFunction(name == "Tan" ? "Sin" : "Sinh", z), let c = complexFunction(name == "Tan" ? "Cos" : "Cosh", z),
                  let r = Numbers.reciprocal(c) else { return nil }
            return m(s, r)
        default: return nil
        }
    }

    // MARK: Functions

    /// MPFR's function for a builtin's name.
    static let functions: [String: BigReal.Function] = [
        "Exp": .exp, "Log": .log, "Sin": .sin, "Cos": .cos, "Tan": .tan, "Sec": .sec, "Csc": .csc, "Cot": .cot,
        "ArcSin": .asin, "ArcCos": .acos, "ArcTan": .atan, "Sinh": .sinh, "Cosh": .cosh, "Tanh": .tanh,
        "Sech": .sech, "Csch": .csch, "Coth": .coth, "ArcSinh": .asinh, "ArcCosh": .acosh, "ArcTanh": .atanh,
        "Gamma": .gamma, "LogGamma": .logGamma, "Zeta": .zeta, "Erf": .erf, "Erfc": .erfc,
    ]

    /// `name[x]` for an arbitrary-precision real `x`, its precision from the condition number
    /// |x f'(x) / f(x)|; nil outside the real domain (the call stays) or for unknown names.
    static func function(_ name: String, _ x: BigReal) -> Expr? {
        guard let f = functions[name], x.isFinite else { return nil }
        let v = x.isZero ? 0 : x.doubleValue
        switch f {
        case .log: if x.sign <= 0 { return nil }
        case .asin, .acos, .atanh: if Swift.abs(v) > 1 { return nil }
        case .acosh: if v < 1 { return nil }
        case .gamma, .logGamma: if v <= 0 && v == v.rounded() { return nil }
        case .zeta: if v == 1 { return nil }
        default: break
        }
        if x.isZero {
            // Only the accuracy is known: f(0) ± f'(0) 10^-a.
            let a = x.accuracy
            let raw = BigReal.apply(f, x, bits: BigReal.bits(forDigits: Swift.max(a, 1)), precision: Swift.max(a, 1), zeroAccuracy: a)
            return raw.isZero ? .bigReal(raw) : finish(raw, precision: a + raw.log10Magnitude)
        }
        let px = x.precision
        // Compute with enough bits for the better of the input and output precision.
        let first: BigReal
        if f == .zeta, x.isInteger, v >= 0, v < 1e9 {
            first = BigReal.zeta(UInt(v), bits: x.bits + 8, precision: px)
        } else {
            first = BigReal.apply(f, x, bits: x.bits + 8, precision: px)
        }
        if !first.isFinite { return finish(first, precision: px) }
        let fx = first.isZero ? 0 : first.doubleValue
        var logCond = Double.log10(Swift.max(conditionNumber(f, v, fx), 1e-300))
        if !v.isFinite || !fx.isFinite {
            // Beyond the machine range: the condition number grows like |x| for these functions
            // (so Sin[10^1000] needs 1000 more digits), and stays moderate for the others.
            switch f {
            case .log, .atan, .asinh, .acosh, .sqrt, .cbrt, .zeta: logCond = 0
            default: logCond = Swift.max(0, x.log10Magnitude)
            }
        }
        let p = px - logCond
        if first.isZero { return .bigReal(BigReal.zero(accuracy: x.accuracy)) }
        if p > px + 1 {
            return finish(BigReal.apply(f, x, bits: BigReal.bits(forDigits: p), precision: p), precision: p)
        }
        return finish(first, precision: p, accuracy: p - first.log10Magnitude)
    }

    /// |x f'(x) / f(x)| from machine values of x and f(x) (an estimate: only its magnitude matters).
    static func conditionNumber(_ f: BigReal.Function, _ x: Double, _ fx: Double) -> Double {
        let ax = Swift.abs(x), af = Swift.abs(fx)
        guard af > 0, af.isFinite, ax.isFinite else { return 1 }
        let c: Double
        switch f {
        case .exp: c = ax
        case .log: c = 1 / af
        case .sqrt: c = 0.5
        case .cbrt: c = 1.0 / 3
        case .sin, .cos: c = ax * (Swift.max(0, 1 - fx * fx)).squareRoot() / af
        case .tan, .cot: c = ax * (1 + fx * fx) / af
        case .sec, .csc: c = ax * (Swift.max(0, fx * fx - 1)).squareRoot()
        case .sinh, .csch: c = ax * (1 + (f == .sinh ? fx * fx : 1 / (fx * fx))).squareRoot() / (f == .sinh ? af : 1 / af)
        case .cosh, .sech: c = ax * (Swift.max(0, (f == .cosh ? fx * fx : 1 / (fx * fx)) - 1)).squareRoot() / (f == .cosh ? af : 1 / af)
        case .tanh, .coth: c = ax * Swift.abs(1 - fx * fx) / af
        case .asin, .acos: c = ax / (Swift.max(1e-300, 1 - x * x).squareRoot() * af)
        case .atan: c = ax / ((1 + x * x) * af)
        case .asinh: c = ax / ((1 + x * x).squareRoot() * af)
        case .acosh: c = ax / (Swift.max(1e-300, x * x - 1).squareRoot() * af)
        case .atanh: c = ax / (Swift.max(1e-300, Swift.abs(1 - x * x)) * af)
        case .gamma: c = ax * (Swift.abs(Double.log(Swift.max(ax, 1e-300))) + 1 / Swift.max(ax, 1e-300))
        case .logGamma: c = ax * (Swift.abs(Double.log(Swift.max(ax, 1e-300))) + 1 / Swift.max(ax, 1e-300)) / af
        case .zeta: c = ax * (1 / Swift.abs(x - 1) + 1)
        case .erf, .erfc: c = ax * 1.1283791670955126 * Double.exp(-x * x) / af
        default: c = 1 + ax
        }
        return c.isFinite ? c : 1e300
    }

    /// The constants N knows, to `precision` digits (nil for the others).
    static func constant(_ name: String, precision p: Double) -> Expr? {
        switch name {
        case "Pi": return .bigReal(BigReal.constant(.pi, precision: p))
        case "E": return .bigReal(BigReal.constant(.e, precision: p))
        case "EulerGamma": return .bigReal(BigReal.constant(.eulerGamma, precision: p))
        case "Catalan": return .bigReal(BigReal.constant(.catalan, precision: p))
        case "Degree":
            let pi = BigReal.constant(.pi, precision: p + 3)
            let d = BigReal.from(BigInt(180), precision: p + 3)
            return .bigReal(BigReal.binary(.divide, pi, d, bits: BigReal.bits(forDigits: p), precision: p))
        case "GoldenRatio":
            let five = BigReal.from(BigInt(5), precision: p + 3)
            let s = BigReal.apply(.sqrt, five, bits: BigReal.bits(forDigits: p + 3), precision: p + 3)
            let one = BigReal.from(BigInt(1), precision: p + 3)
            let t = BigReal.binary(.add, s, one, bits: BigReal.bits(forDigits: p + 3), precision: p + 3)
            let two = BigReal.from(BigInt(2), precision: p + 3)
            return .bigReal(BigReal.binary(.divide, t, two, bits: BigReal.bits(forDigits: p), precision: p))
        default: return nil
        }
    }
}

extension Numbers {
    /// See ``BigReals/rank(_:)``.
    static func precisionRank(_ e: Expr) -> Double { BigReals.rank(e) }
}

extension Expr {
    /// The arbitrary-precision real, when this is one.
    var bigRealValue: BigReal? {
        if case .bigReal(let x) = self { return x }
        return nil
    }
}

extension Kernel {
    /// A power of a numeric constant and an arbitrary-precision real, at that real's precision
    /// (`E^1.5`20`, `Pi^2.`30`, `2.`20^Pi`); nil for everything else.
    static func bigConstantPower(_ b: Expr, _ e: Expr) -> Expr? {
        guard BigReals.isBig(b) || BigReals.isBig(e) else { return nil }
        let (constant, number) = BigReals.isBig(e) ? (b, e) : (e, b)
        guard case .symbol = constant else { return nil }
        let p = BigReals.rank(number)
        guard p >= 1 else { return nil }
        // E^x is MPFR's exp (no value of E needed).
        if case .symbol(let s) = b, s === Sym.E {
            if case .bigReal(let x) = e { return BigReals.function("Exp", x) }
            if case .complex = e { return BigReals.complexExp(e) }
        }
        guard let c = Arithmetic().bigNumericValue(constant, precision: p + 5) else { return nil }
        return BigReals.isBig(e) ? BigReals.power(c, e) : BigReals.power(b, c)
    }
}
