import RampSyntax
import RealModule

/// Integer-valued helpers for the number functions.
enum IntegerFunctions {
    /// ⌊n/d⌋ for big integers (d ≠ 0).
    static func floorDivide(_ n: BigInt, _ d: BigInt) -> BigInt { n.floorDivided(by: d) }

    /// ⌈n/d⌉ for big integers (d ≠ 0).
    static func ceilDivide(_ n: BigInt, _ d: BigInt) -> BigInt { -floorDivide(-n, d) }

    /// The nearest integer to n/d, halves to even.
    static func roundDivide(_ n: BigInt, _ d: BigInt) -> BigInt {
        let f = floorDivide(n, d)
        let twice = (n - f * d) * 2   // 2 × remainder, 0 ≤ … < 2d (for d > 0)
        let dd = d.sign == .minus ? -d : d
        let tw = d.sign == .minus ? -twice : twice
        if tw > dd { return f + 1 }
        if tw < dd { return f }
        return f.isOdd ? f + 1 : f
    }

    /// A machine real rounded by `rule` as an exact integer (nil for NaN and infinities).
    static func integer(_ x: Double, _ rule: FloatingPointRoundingRule) -> Expr? {
        let r = x.rounded(rule)
        guard r.isFinite else { return nil }
        if abs(r) < 9.0e18 { return .integer(Int(r)) }
        return .integer(BigInt(r))
    }

    /// An upper bound on the bits of `n!` (from log Γ(n + 1)), for the size check before GMP
    /// computes it.
    static func factorialBits(_ n: Int) -> Int {
        if n < 3 { return 2 }
        let bits = (Double.logGamma(Double(n) + 1) / Double.log(2.0)).rounded(.up) + 2
        return bits < 9.0e18 ? Int(bits) : Int.max
    }

    /// `n!` for `n` ≥ 0 by GMP (`mpz_fac_ui`), or `General::ovfl` and `Overflow[]` when it would
    /// have more than `SizeLimit.maxIntegerBits` bits.
    static func factorial(_ n: Int, _ kernel: Kernel) -> Expr {
        guard SizeLimit.allowsInteger(bits: factorialBits(n)) else { return overflow(kernel) }
        return .integer(BigInt.factorial(n))
    }

    /// An upper bound on the bits of `Binomial[n, k]` for n ≥ k ≥ 0: at most n + 1 bits, and at
    /// most k·log2(n) - log2(k!) + 2.
    static func binomialBits(_ n: BigInt, _ k: Int) -> Int {
        let log2n = Double(n.bitLength)
        let estimate = Double(k) * log2n - Double(factorialBits(k)) + 4
        let bound = Swift.min(estimate, log2n < 62 ? Double(Int(exactly: n) ?? Int.max) + 1 : .infinity)
        return bound < 9.0e18 ? Swift.max(1, Int(bound.rounded(.up))) : Int.max
    }

    /// `Binomial[n, k]` for integers with `k` ≥ 0 by GMP (`mpz_bin_ui`, negative `n` included), or
    /// `General::ovfl` and `Overflow[]` when it would be too large.
    static func binomial(_ n: BigInt, _ k: Int, _ kernel: Kernel) -> Expr {
        // C(n, k) = C(n, n - k) for n ≥ k ≥ 0: the smaller of the two is computed.
        if n.sign == .plus, let nk = Int(exactly: n - BigInt(k)), nk >= 0, nk < k { return binomial(n, nk, kernel) }
        let top = n.sign == .minus ? -n + BigInt(k) : n
        guard SizeLimit.allowsInteger(bits: binomialBits(top, k)) else { return overflow(kernel) }
        return .integer(BigInt.binomial(n, k))
    }

    /// The digits of `n` ≥ 0 in `base` ≥ 2, most significant first (`[0]` for 0): GMP's
    /// subquadratic conversion for bases up to 36, else divide and conquer on powers of the base
    /// (`n = high·base^k + low`, each half in turn), so that both are fast for huge `n`.
    static func digits(_ n: BigInt, base: BigInt, kernel: Kernel) throws(EvaluationControl) -> [Int] {
        if let small = n.int, let b = base.int {
            var digits: [Int] = []
            var v = small
            repeat { digits.append(v % b); v /= b } while v > 0
            return digits.reversed()
        }
        if let b = base.int, b <= 36 {
            return n.toString(radix: b).utf8.map { c in
                c <= UInt8(ascii: "9") ? Int(c - UInt8(ascii: "0")) : Int(c - UInt8(ascii: "a")) + 10
            }
        }
        // powers[i] = base^(2^i), while it does not exceed n.
        var powers = [base]
        while let last = powers.last, last.bitLength * 2 - 1 <= n.bitLength {
            try kernel.checkAbort()
            powers.append(last * last)
        }
        var out: [Int] = []
        // Writes n's digits, left-padded with zeros to `width` (0: no padding).
        func write(_ n: BigInt, level: Int, width: Int) throws(EvaluationControl) {
            if level < 0 || n < powers[0] && width <= 1 {
                var small: [Int] = []
                var v = n
                while !v.isZero {
                    let (q, r) = v.quotientAndRemainder(dividingBy: base)
                    small.append(r.int ?? 0)
                    v = q
                }
                if small.isEmpty && width == 0 { small = [0] }
                if small.count < width { small += Array(repeating: 0, count: width - small.count) }
                out += small.reversed()
                return
            }
            let (high, low) = n.quotientAndRemainder(dividingBy: powers[level])
            let half = 1 << level
            if high.isZero && width == 0 {
                try write(low, level: level - 1, width: 0)
            } else {
                try write(high, level: level - 1, width: width == 0 ? 0 : width - half)
                try write(low, level: level - 1, width: half)
            }
            try kernel.checkAbort()
        }
        try write(n, level: powers.count - 1, width: 0)
        return out
    }

    /// Issues `General::ovfl` and gives `Overflow[]`.
    static func overflow(_ kernel: Kernel) -> Expr {
        kernel.message(Sym.General, "ovfl", [])
        return .call(Sym.Overflow, [])
    }
}

extension Kernel {
    func installNumberFunctionBuiltins() {
        installRoundingFunctions()
        installDivisionFunctions()
        installComplexParts()
        installPredicates()
        installDigitFunctions()
        installIntegerTheory()        // IntegerTheory.swift: PowerMod, FactorInteger, NextPrime, …
    }

    /// Defines a one-argument listable numeric function, with `argx` on a wrong argument count.
    func defineUnary(_ name: String, attributes: Attributes = [.listable, .numericFunction], usage: String,
                     _ body: @escaping (Expr, BuiltinCall) -> Expr?) {
        // Arbitrary-precision reals go to MPFR (BigReals.swift) for the functions it has.
        let bigFunction = BigReals.functions[name] != nil
        define(name, attributes: attributes, arguments: .exactly(1), usage: usage) { call in
            var big: Expr? = nil
            if bigFunction, case .bigReal(let x) = call.args[0] { big = BigReals.function(name, x) }
            if bigFunction, case .complex = call.args[0], BigReals.isBig(call.args[0]) { big = BigReals.complexFunction(name, call.args[0]) }
            if let big {
                if big == Numbers.overflowMarker { call.kernel.message(Sym.General, "ovfl", []) }
                return big
            }
            let r = body(call.args[0], call)
            return r == call.expr ? nil : r
        }
    }

    // MARK: Floor, Ceiling, Round, IntegerPart, FractionalPart

    private func installRoundingFunctions() {
        let rules: [(String, FloatingPointRoundingRule, (BigInt, BigInt) -> BigInt, String)] = [
            ("Floor", .down, IntegerFunctions.floorDivide, "Floor[x] gives the greatest integer less than or equal to x."),
            ("Ceiling", .up, IntegerFunctions.ceilDivide, "Ceiling[x] gives the smallest integer greater than or equal to x."),
            ("Round", .toNearestOrEven, IntegerFunctions.roundDivide, "Round[x] gives the integer closest to x."),
            ("IntegerPart", .towardZero, { n, d in n / d }, "IntegerPart[x] gives the integer part of x."),
        ]
        for (name, rule, exact, usage) in rules {
            func apply(_ e: Expr) -> Expr? {
                switch e {
                case .integer, .bigInteger: return e
                case .rational(let n, let d): return .integer(exact(n, d))
                case .real(let x): return IntegerFunctions.integer(x, rule)
                case .bigReal(let x):
                    guard SizeLimit.allowsInteger(bits: x.binaryExponent) else { return Numbers.overflowMarker }
                    let r: BigReal.Rounding = rule == .down ? .down : rule == .up ? .up : rule == .towardZero ? .towardZero : .nearestEven
                    return x.integer(r).map(Expr.integer)
                case .complex(let r, let i):
                    guard let a = apply(r), let b = apply(i) else { return nil }
                    return Numbers.complex(a, b)
                default:
                    if let dir = Arithmetic.infinityDirection(e) { return dir == nil ? nil : e }
                    // Numeric quantities: Floor[Pi] = 3.
                    if let v = Arithmetic().numericValue(e), Numbers.isReal(v) { return apply(v) }
                    return nil
                }
            }
            define(name, attributes: [.listable, .numericFunction], arguments: ArgumentCount(1, 2), usage: usage) { call in
                let args = call.args
                if args.count == 2 {
                    // Floor[x, a] = a Floor[x/a]
                    guard args[0].isNumber, args[1].isNumber, !Numbers.isZeroNumber(args[1]) else { return nil }
                    let a = Arithmetic(kernel: call.kernel)
                    guard let q = apply(a.times([args[0], a.power(args[1], -1)])) else { return nil }
                    return a.times([args[1], q])
                }
                let r = apply(args[0])
                return r == call.expr ? nil : r
            }
        }
        defineUnary("FractionalPart", usage: "FractionalPart[x] gives the fractional part of x.") { e, call in
            let a = Arithmetic(kernel: call.kernel)
            switch e {
            case .integer, .bigInteger: return 0
            case .rational(let n, let d): return .rational(n - (n / d) * d, over: d)
            case .real(let x): return .real(x - x.rounded(.towardZero))
            case .complex(let r, let i):
                let fr = Numbers.isReal(r) ? a.plus([r, Numbers.negate(Self.truncate(r))]) : r
                let fi = Numbers.isReal(i) ? a.plus([i, Numbers.negate(Self.truncate(i))]) : i
                return Numbers.complex(fr, fi)
            default: return nil
            }
        }
        defineUnary("Ramp", usage: "Ramp[x] gives x if x ≥ 0 and 0 otherwise.") { e, _ in
            guard let v = NumericComparison.realValue(e) else { return nil }
            return NumericComparison.compare(v, .number(0)) >= 0 ? e : (Numbers.isMachine(e) ? .real(0) : 0)
        }
        define("UnitStep", attributes: [.listable, .numericFunction, .orderless],
               usage: "UnitStep[x] represents the unit step function, equal to 0 for x < 0 and 1 for x ≥ 0.") { call in
            var allKnown = true
            for e in call.args {
                guard let v = NumericComparison.realValue(e) else { allKnown = false; continue }
                if NumericComparison.compare(v, .number(0)) < 0 { return 0 }
            }
            return allKnown ? 1 : nil
        }
        define("Chop", arguments: ArgumentCount(1, 2), usage: "Chop[expr] replaces approximate real numbers in expr that are close to zero by the exact integer 0.") { call in
            var delta = 1e-10
            if call.args.count == 2 {
                guard let d = Numbers.double(call.args[1]) else { return nil }
                delta = d
            }
            let r = Kernel.chop(call.args[0], delta)
            return r == call.expr ? nil : r
        }
        define("Abs", attributes: [.listable, .numericFunction], arguments: .exactly(1), usage: "Abs[z] gives the absolute value of the real or complex number z.") { call in
            let r = Kernel.absolute(call.args[0], call.kernel)
            return r == call.expr ? nil : r
        }
        defineUnary("Sign", usage: "Sign[x] gives -1, 0, or 1 depending on whether x is negative, zero, or positive.") { e, call in
            switch e {
            case .integer, .bigInteger, .rational, .real, .bigReal: return .integer(Numbers.signReal(e))
            case .complex:
                if let z = MachineComplex(e), Numbers.isMachine(e) {
                    let m = z.abs
                    return .complex(.real(z.re / m), .real(z.im / m))
                }
                let a = Arithmetic(kernel: call.kernel)
                return a.times([e, a.power(Kernel.absolute(e, call.kernel), -1)])
            default:
                if let dir = Arithmetic.infinityDirection(e) { return dir ?? nil }
                if let v = NumericComparison.realValue(e) { return .integer(NumericComparison.compare(v, .number(0))) }
                if case .normal(let n) = e, n.head.symbol === Sym.Times, let c = n.args.first, Numbers.isReal(c) {
                    let rest = n.args.count == 2 ? n.args[1] : Expr.call(Sym.Times, Array(n.args.dropFirst()))
                    return Arithmetic().times([.integer(Numbers.signReal(c)), .call(Symbol.named("Sign"), [rest])])
                }
                return nil
            }
        }
    }

    static func truncate(_ e: Expr) -> Expr {
        switch e {
        case .rational(let n, let d): return .integer(n / d)
        case .real(let x): return .real(x.rounded(.towardZero))
        default: return e
        }
    }

    static func chop(_ e: Expr, _ delta: Double) -> Expr {
        switch e {
        case .real(let x): return abs(x) < delta ? 0 : e
        case .bigReal(let x): return x.isZero || x.compare(-delta) > 0 && x.compare(delta) < 0 ? 0 : e
        case .complex(let r, let i):
            return Numbers.complex(chop(r, delta), chop(i, delta))
        case .packed(let p):
            guard case .reals(let v) = p.storage, v.contains(where: { abs($0) < delta && $0 != 0 }) || v.contains(0) else { return e }
            return .list(v.map { abs($0) < delta ? .integer(0) : .real($0) })
        case .normal(let n):
            return .call(chop(n.head, delta), n.args.map { chop($0, delta) })
        default: return e
        }
    }

    /// `Abs[e]` for an evaluated expression (the call itself when it stays symbolic).
    static func absolute(_ e: Expr, _ kernel: Kernel?) -> Expr {
        let a = Arithmetic(kernel: kernel)
        switch e {
        case .integer, .bigInteger, .rational, .real, .bigReal:
            return Numbers.signReal(e) < 0 ? Numbers.negateReal(e) : e
        case .complex(let r, let i):
            if Numbers.isMachine(e), let z = MachineComplex(e) { return .real(z.abs) }
            return a.power(a.plus([a.times([r, r]), a.times([i, i])]), .rational(1, 2))
        default:
            if Arithmetic.infinityDirection(e) != nil { return .call(Sym.DirectedInfinity, [1]) }
            if let v = NumericComparison.realValue(e), case .number(let x) = v {
                return Numbers.signReal(x) < 0 ? a.times([-1, e]) : e
            }
            if case .normal(let n) = e, n.head.symbol === Sym.Times, let c = n.args.first, Numbers.isReal(c), Numbers.signReal(c) < 0 {
                let rest = Array(n.args.dropFirst())
                let inner = rest.count == 1 ? rest[0] : Expr.call(Sym.Times, rest)
                return a.times([Numbers.negateReal(c), .call(Symbol.named("Abs"), [inner])])
            }
            return .call(Symbol.named("Abs"), [e])
        }
    }

    // MARK: Mod, Quotient, GCD, LCM, Factorial, Binomial

    private func installDivisionFunctions() {
        setMessage("Mod", "indet", "Indeterminate expression `1` encountered.")
        setMessage("Quotient", "infy", "Infinite expression `1` encountered.")
        define("Mod", attributes: [.listable, .numericFunction], arguments: ArgumentCount(2, 3),
               usage: "Mod[m, n] gives the remainder on division of m by n. Mod[m, n, d] uses an offset d.") { call in
            let args = call.args
            if args.count == 2, case .integer(let m) = args[0], case .integer(let n) = args[1], n != 0, n != -1 {
                let r = m % n
                return .integer(r != 0 && (r < 0) != (n < 0) ? r + n : r)
            }
            guard args.allSatisfy(Numbers.isReal) else { return nil }
            let (m, n) = (args[0], args[1])
            let d = args.count == 3 ? args[2] : .integer(0)
            if Numbers.isZero(n) {
                call.kernel.message(call.head, "indet", [call.expr])
                return .symbol(Sym.Indeterminate)
            }
            if args.count == 2, let a = Numbers.bigInt(m), let b = Numbers.bigInt(n) { return .integer(a.modulo(b)) }
            // m - n Floor[(m - d)/n]
            let a = Arithmetic(kernel: call.kernel)
            let shifted = a.plus([m, Numbers.negate(d)])
            guard let q = Kernel.floorQuotient(shifted, n) else { return nil }
            return a.plus([m, Numbers.negate(a.times([n, q]))])
        }
        define("Quotient", attributes: [.listable, .numericFunction], arguments: ArgumentCount(2, 3),
               usage: "Quotient[m, n] gives the integer quotient of m and n.") { call in
            let args = call.args
            guard args.allSatisfy(Numbers.isReal) else { return nil }
            if Numbers.isZero(args[1]) {
                call.kernel.message(call.head, "infy", [call.expr])
                return Arithmetic.complexInfinity
            }
            if args.count == 2, let a = Numbers.bigInt(args[0]), let b = Numbers.bigInt(args[1]) { return .integer(a.floorDivided(by: b)) }
            let m = args.count == 3 ? Arithmetic().plus([args[0], Numbers.negate(args[2])]) : args[0]
            return Kernel.floorQuotient(m, args[1])
        }
        for (name, isGCD) in [("GCD", true), ("LCM", false)] {
            define(name, attributes: [.flat, .listable, .oneIdentity, .orderless],
                   usage: isGCD ? "GCD[n1, n2, …] gives the greatest common divisor of the ni."
                                : "LCM[n1, n2, …] gives the least common multiple of the ni.") { call in
                var acc: (BigInt, BigInt)? = nil
                for a in call.args {
                    guard let (n, d) = Numbers.fraction(a) else { return nil }
                    guard let (an, ad) = acc else { acc = (n.sign == .minus ? -n : n, d); continue }
                    if isGCD {
                        acc = (an.greatestCommonDivisor(with: n), Kernel.lcm(ad, d))
                    } else {
                        acc = (Kernel.lcm(an, n), ad.greatestCommonDivisor(with: d))
                    }
                }
                guard let (n, d) = acc else { return isGCD ? 0 : 1 }
                return .rational(n, over: d)
            }
        }
        defineUnary("Factorial", usage: "n! gives the factorial of n.") { e, call in
            switch e {
            case .integer(let n):
                if n < 0 { return Arithmetic.complexInfinity }
                return IntegerFunctions.factorial(n, call.kernel)
            case .bigInteger(let n):
                return n.sign == .minus ? Arithmetic.complexInfinity : IntegerFunctions.overflow(call.kernel)
            case .real(let x):
                if x < 0 && x == x.rounded() { return Arithmetic.complexInfinity }
                return .real(Double.gamma(x + 1))
            case .rational(let n, let d) where d == 2:
                // (n/2)! for odd n: via Gamma[1/2] = Sqrt[Pi].
                guard let ni = Int(exactly: n), abs(ni) < 1000 else { return nil }
                let a = Arithmetic(kernel: call.kernel)
                var r = a.power(.symbol(Sym.Pi), .rational(1, 2))  // Gamma[1/2]
                // Gamma[k + 1/2] recurrences up to (n/2 + 1).
                var k = 1  // current argument is k/2
                let target = ni + 2
                while k < target { r = a.times([r, .rational(BigInt(k), over: 2)]); k += 2 }
                while k > target { k -= 2; r = a.times([r, .rational(2, over: BigInt(k))]) }
                return r
            default:
                if case .complex = e, Numbers.isMachine(e) { return nil }
                if Arithmetic.infinityDirection(e) == .some(.integer(1)) { return e }
                return nil
            }
        }
        define("Binomial", attributes: [.listable, .numericFunction], arguments: .exactly(2), usage: "Binomial[n, m] gives the binomial coefficient.") { call in
            let (ne, ke) = (call.args[0], call.args[1])
            if let n = Numbers.bigInt(ne), let kb = Numbers.bigInt(ke) {
                // 0 ≤ n with a k past Int: 0 unless k ≤ n, then C(n, n - k) when n - k is machine-sized.
                if n.sign == .plus, Int(exactly: kb) == nil {
                    if kb.sign == .minus || kb > n { return 0 }
                    if let nk = Int(exactly: n - kb) { return IntegerFunctions.binomial(n, nk, call.kernel) }
                }
                guard let k = Int(exactly: kb) else { return nil }
                if n.sign != .minus {
                    if k < 0 || BigInt(k) > n { return 0 }
                    let kk = min(k, Int(exactly: n - BigInt(k)) ?? k)
                    return IntegerFunctions.binomial(n, kk, call.kernel)
                }
                // n < 0: (-1)^k Binomial[-n + k - 1, k] for k ≥ 0 (GMP's own rule); for k ≤ n,
                // (-1)^(n-k) Binomial[-k-1, n-k].
                if k >= 0 { return IntegerFunctions.binomial(n, k, call.kernel) }
                if BigInt(k) <= n, let nk = Int(exactly: n - BigInt(k)) {
                    let b = IntegerFunctions.binomial(-BigInt(k) - 1, nk, call.kernel)
                    return nk & 1 == 0 || !Numbers.isInteger(b) ? b : Numbers.negateReal(b)
                }
                return 0
            }
            if Numbers.isReal(ne) && Numbers.isReal(ke) && (Numbers.isMachine(ne) || Numbers.isMachine(ke)),
               let n = Numbers.double(ne), let k = Numbers.double(ke) {
                return .real(Double.exp(Double.logGamma(n + 1) - Double.logGamma(k + 1) - Double.logGamma(n - k + 1))
                             * Kernel.gammaSign(n + 1) * Kernel.gammaSign(k + 1) * Kernel.gammaSign(n - k + 1))
            }
            if ke == 0 { return 1 }
            if ke == 1 { return ne }
            return nil
        }
    }

    /// The sign of Γ(x) for real x (alternating between the poles at 0, -1, -2, …).
    static func gammaSign(_ x: Double) -> Double {
        if x > 0 || !x.isFinite { return 1 }
        return (-x).rounded(.down).truncatingRemainder(dividingBy: 2) == 0 ? -1 : 1
    }

    static func lcm(_ a: BigInt, _ b: BigInt) -> BigInt { a.leastCommonMultiple(with: b) }

    /// ⌊m/n⌋ for real numbers m, n (n ≠ 0).
    static func floorQuotient(_ m: Expr, _ n: Expr) -> Expr? {
        if let (a, b) = Numbers.fraction(m), let (c, d) = Numbers.fraction(n) {
            return .integer(IntegerFunctions.floorDivide(a * d, b * c))
        }
        guard let x = Numbers.double(m), let y = Numbers.double(n) else { return nil }
        return IntegerFunctions.integer(x / y, .down)
    }

    // MARK: Re, Im, Conjugate, Arg, Numerator, Denominator

    private func installComplexParts() {
        defineUnary("Re", usage: "Re[z] gives the real part of the complex number z.") { e, _ in
            if e.isNumber { return Numbers.parts(e).0 }
            if NumericComparison.realValue(e) != nil { return e }
            return nil
        }
        defineUnary("Im", usage: "Im[z] gives the imaginary part of the complex number z.") { e, _ in
            if e.isNumber {
                let (r, i) = Numbers.parts(e)
                return Numbers.isMachine(r) && Numbers.isExactZero(i) ? .real(0) : i
            }
            if NumericComparison.realValue(e) != nil { return 0 }
            return nil
        }
        defineUnary("Conjugate", usage: "Conjugate[z] gives the complex conjugate of the complex number z.") { e, _ in
            if case .complex(let r, let i) = e { return Numbers.complex(r, Numbers.negateReal(i)) }
            if e.isNumber || NumericComparison.realValue(e) != nil { return e }
            return nil
        }
        defineUnary("Arg", usage: "Arg[z] gives the argument of the complex number z.") { e, call in
            switch e {
            case .integer, .bigInteger, .rational, .real:
                let s = Numbers.signReal(e)
                if s >= 0 { return Numbers.isMachine(e) ? .real(0) : 0 }
                return Numbers.isMachine(e) ? .real(Double.pi) : .symbol(Sym.Pi)
            case .complex(let r, let i):
                if Numbers.isMachine(e), let z = MachineComplex(e) { return .real(z.arg) }
                return ElementaryFunctions.arcTan2(r, i, Arithmetic(kernel: call.kernel))
            default:
                if let v = NumericComparison.realValue(e) {
                    return NumericComparison.compare(v, .number(0)) >= 0 ? 0 : .symbol(Sym.Pi)
                }
                return nil
            }
        }
        defineUnary("Numerator", attributes: [.listable], usage: "Numerator[expr] gives the numerator of expr.") { e, _ in
            Kernel.numeratorDenominator(e).0
        }
        defineUnary("Denominator", attributes: [.listable], usage: "Denominator[expr] gives the denominator of expr.") { e, _ in
            Kernel.numeratorDenominator(e).1
        }
    }

    /// Numerator and denominator: factors with negative exponents (and a rational coefficient's
    /// denominator) go below the line.
    static func numeratorDenominator(_ e: Expr) -> (Expr, Expr) {
        let a = Arithmetic()
        func isNegativeExponent(_ f: Expr) -> Expr? {
            guard case .normal(let n) = f, n.head.symbol === Sym.Power, n.args.count == 2 else { return nil }
            let ex = n.args[1]
            if Numbers.isReal(ex), Numbers.signReal(ex) < 0 { return a.power(n.args[0], Numbers.negateReal(ex)) }
            if case .normal(let m) = ex, m.head.symbol === Sym.Times, let c = m.args.first, Numbers.isReal(c), Numbers.signReal(c) < 0 {
                return a.power(n.args[0], a.times([-1, ex]))
            }
            return nil
        }
        switch e {
        case .rational(let n, let d): return (.integer(n), .integer(d))
        case .complex(let r, let i):
            // Common denominator of both parts.
            guard let (_, d1) = Numbers.fraction(r), let (_, d2) = Numbers.fraction(i) else { return (e, 1) }
            let d = Expr.integer(Kernel.lcm(d1, d2))
            return (Numbers.multiply(e, d), d)
        default:
            let factors = e.hasHead(Sym.Times) ? e.args : [e]
            var num: [Expr] = [], den: [Expr] = []
            for f in factors {
                if case .rational(let n, let d) = f {
                    num.append(.integer(n)); den.append(.integer(d))
                } else if let inv = isNegativeExponent(f) {
                    den.append(inv)
                } else {
                    num.append(f)
                }
            }
            return (a.times(num), a.times(den))
        }
    }

    // MARK: Predicates

    private func installPredicates() {
        defineUnary("NumberQ", attributes: [], usage: "NumberQ[expr] gives True if expr is a number, and False otherwise.") { e, _ in
            .bool(e.isNumber)
        }
        defineUnary("IntegerQ", attributes: [], usage: "IntegerQ[expr] gives True if expr is an integer, and False otherwise.") { e, _ in
            .bool(Numbers.isInteger(e))
        }
        defineUnary("NumericQ", attributes: [], usage: "NumericQ[expr] gives True if expr is a numeric quantity, and False otherwise.") { e, call in
            .bool(call.kernel.isNumericQuantity(e))
        }
        defineUnary("EvenQ", attributes: [], usage: "EvenQ[expr] gives True if expr is an even integer, and False otherwise.") { e, _ in
            guard let n = Numbers.bigInt(e) else { return .false }
            return .bool(!n.isOdd)
        }
        defineUnary("OddQ", attributes: [], usage: "OddQ[expr] gives True if expr is an odd integer, and False otherwise.") { e, _ in
            guard let n = Numbers.bigInt(e) else { return .false }
            return .bool(n.isOdd)
        }
        define("PrimeQ", attributes: [.listable], arguments: .exactly(1), usage: "PrimeQ[expr] yields True if expr is a prime number, and yields False otherwise.") { call throws(EvaluationControl) in
            // GMP: trial division and Baillie–PSW (exact below 2^64), then a Miller–Rabin round.
            let e = call.args[0]
            if e.hasHead(Sym.List) { return nil }   // threads over lists (packed ones come here whole)
            guard let n = Numbers.bigInt(e) else { return .false }
            guard case .result(let isPrime) = n.isProbablePrime(shouldStop: call.kernel.abortPending) else {
                try call.kernel.checkAbort()
                return nil
            }
            return .bool(isPrime)
        }
        define("Divisible", attributes: [.listable], arguments: .exactly(2), usage: "Divisible[n, m] yields True if n is divisible by m, and yields False if it is not.") { call in
            guard let (a, b) = Numbers.fraction(call.args[0]), let (c, d) = Numbers.fraction(call.args[1]), !c.isZero else { return nil }
            // (a/b) / (c/d) is an integer?
            return .bool(((a * d) % (b * c)).isZero)
        }
    }

    /// `NumericQ`: numbers, numeric constants, and `NumericFunction` heads applied to numeric quantities.
    func isNumericQuantity(_ e: Expr) -> Bool {
        switch e {
        case .integer, .bigInteger, .rational, .real, .bigReal, .complex: return true
        case .symbol(let s): return attributes(of: s).contains(.constant) || MachineFunctions.constant(s.name) != nil
        case .packed: return false
        case .normal(let n):
            guard let h = n.head.symbol, attributes(of: h).contains(.numericFunction) else { return false }
            return n.args.allSatisfy(isNumericQuantity)
        default: return false
        }
    }

    // MARK: IntegerDigits, FromDigits

    private func installDigitFunctions() {
        define("IntegerDigits", attributes: [.listable], arguments: ArgumentCount(1, 3), usage: "IntegerDigits[n] gives a list of the decimal digits in the integer n. IntegerDigits[n, b] gives digits in base b; IntegerDigits[n, b, len] pads with zeros on the left to length len.") { call throws(EvaluationControl) in
            let args = call.args
            guard let n0 = Numbers.bigInt(args[0]) else { return nil }
            var base = BigInt(10)
            if args.count >= 2 {
                guard let b = Numbers.bigInt(args[1]), b > 1 else {
                    call.kernel.message(call.head, "ibase", [args[1]])
                    return nil
                }
                base = b
            }
            var length: Int? = nil
            if args.count == 3 {
                guard case .integer(let len) = args[2], len >= 0 else {
                    call.kernel.message(call.head, "intnn", [call.expr, 3])
                    return nil
                }
                length = len
            }
            let n = n0.magnitude
            // Digits counted before any is made: about bits / log2(base).
            let estimate = n.bitLength / Swift.max(1, base.bitLength - 1) + 1
            guard call.allowsAllocation(count: Swift.max(estimate, length ?? 0), elementSize: SizeLimit.packedElement) else { return .failed }
            var digits = try IntegerFunctions.digits(n, base: base, kernel: call.kernel)
            if let length {
                if digits.count > length { digits = Array(digits.suffix(length)) } else if digits.count < length {
                    digits = Array(repeating: 0, count: length - digits.count) + digits
                }
            }
            // Length 0 keeps no digit: an empty list (a packed array has at least one element).
            return digits.isEmpty ? .emptyList : .packed(PackedArray(integers: digits))
        }
        define("FromDigits", arguments: ArgumentCount(1, 2), usage: "FromDigits[list] constructs an integer from the list of its decimal digits. FromDigits[list, b] takes the digits to be given in base b.") { call in
            let args = call.args
            var base: Expr = 10
            if args.count == 2 { base = args[1] }
            if case .string(let s) = args[0] {
                guard let b = base.int, b >= 2, b <= 36 else { return nil }
                // GMP reads the digits (in subquadratic time); "" is 0.
                if s.isEmpty { return 0 }
                guard let value = BigInt(s, radix: b) else { return nil }
                return .integer(value)
            }
            guard args[0].hasHead(Sym.List) else { return nil }
            // Integer digits 0 ≤ d < base ≤ 36: read at once by GMP.
            if let b = base.int, (2...36).contains(b), !args[0].args.isEmpty {
                var text: [UInt8] = []
                text.reserveCapacity(args[0].args.count)
                let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz".utf8)
                for d in args[0].args {
                    guard case .integer(let v) = d, v >= 0, v < b else { text = []; break }
                    text.append(alphabet[v])
                }
                if !text.isEmpty, let value = BigInt(String(decoding: text, as: UTF8.self), radix: b) { return .integer(value) }
            }
            let a = Arithmetic(kernel: call.kernel)
            var acc: Expr = 0
            for d in args[0].args { acc = a.plus([a.times([acc, base]), d]) }
            return acc
        }
    }
}
