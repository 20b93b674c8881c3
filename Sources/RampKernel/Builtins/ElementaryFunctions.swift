import RampSyntax

/// Exact special values and symmetries of the elementary functions (numeric values come from
/// ``MachineFunctions``).
enum ElementaryFunctions {
    static let pi = Expr.symbol(Sym.Pi)

    private static func q(_ n: Int, _ d: Int) -> Expr { .rational(BigInt(n), over: BigInt(d)) }

    /// r when `e` is r·Pi (or r·Degree) for a rational r.
    static func piMultiple(_ e: Expr) -> (BigInt, BigInt)? {
        switch e {
        case .integer(0): return (0, 1)
        case .symbol(let s):
            if s === Sym.Pi { return (1, 1) }
            if s.name == "Degree" { return (1, 180) }
            return nil
        case .normal(let n) where n.head.symbol === Sym.Times && n.args.count == 2:
            guard let (a, b) = Numbers.fraction(n.args[0]), let (c, d) = piMultiple(n.args[1]), c != 0 else { return nil }
            let g = (a * c).greatestCommonDivisor(with: b * d)
            return ((a * c) / g, (b * d) / g)
        default: return nil
        }
    }

    /// A term with a negative numeric coefficient, negated (`-x` → `x`, `-3` → `3`); nil otherwise.
    static func negated(_ e: Expr) -> Expr? {
        if Numbers.isReal(e) { return Numbers.signReal(e) < 0 ? Numbers.negateReal(e) : nil }
        guard case .normal(let n) = e, n.head.symbol === Sym.Times, let c = n.args.first, Numbers.isReal(c), Numbers.signReal(c) < 0 else { return nil }
        return Arithmetic().times([Numbers.negateReal(c)] + n.args.dropFirst())
    }

    /// sin(rπ) for 0 ≤ r ≤ 1/2 when Wolfram gives a closed form.
    static func sinTable(_ n: BigInt, _ d: BigInt, _ a: Arithmetic) -> Expr? {
        let sqrt = { (x: Expr) in a.power(x, .rational(1, 2)) }
        switch (Int(exactly: n) ?? -1, Int(exactly: d) ?? -1) {
        case (0, _): return 0
        case (1, 2): return 1
        case (1, 6): return q(1, 2)
        case (1, 4): return a.power(2, q(-1, 2))
        case (1, 3): return a.times([q(1, 2), sqrt(3)])
        case (1, 12): return a.times([q(1, 2), a.power(2, q(-1, 2)), a.plus([-1, sqrt(3)])])
        case (5, 12): return a.times([q(1, 2), a.power(2, q(-1, 2)), a.plus([1, sqrt(3)])])
        case (1, 8): return a.times([q(1, 2), sqrt(a.plus([2, a.times([-1, sqrt(2)])]))])
        case (3, 8): return a.times([q(1, 2), sqrt(a.plus([2, sqrt(2)]))])
        case (1, 10): return a.times([q(1, 4), a.plus([-1, sqrt(5)])])
        case (3, 10): return a.times([q(1, 4), a.plus([1, sqrt(5)])])
        case (1, 5): return sqrt(a.plus([q(5, 8), a.times([q(-1, 8), sqrt(5)])]))
        case (2, 5): return sqrt(a.plus([q(5, 8), a.times([q(1, 8), sqrt(5)])]))
        default: return nil
        }
    }

    /// Sin or Cos of rπ: an exact value, or the reduced call (`Sin[6 Pi/7]` → `Sin[Pi/7]`).
    static func sinCos(_ isSin: Bool, _ n0: BigInt, _ d: BigInt, _ a: Arithmetic) -> Expr {
        // Reduce r into [0, 2).
        var n = n0 - IntegerFunctions.floorDivide(n0, 2 * d) * 2 * d
        var sign = 1
        var useSin = isSin
        if useSin {
            if n >= d { n -= d; sign = -sign }            // sin(x + π) = -sin x
            if 2 * n > d { n = d - n }                     // sin(π - x) = sin x
        } else {
            if n > d { n = 2 * d - n }                     // cos(2π - x) = cos x
            if 2 * n > d { n = d - n; sign = -sign }       // cos(π - x) = -cos x
        }
        // Now 0 ≤ r ≤ 1/2.
        let value: Expr?
        if useSin {
            value = sinTable(n, d, a)
        } else {
            let m = d - 2 * n, dd = 2 * d   // cos(rπ) = sin((1/2 - r)π)
            let g = m.greatestCommonDivisor(with: dd)
            value = sinTable(m / g, dd / g, a)
        }
        if let value { return sign < 0 ? a.times([-1, value]) : value }
        useSin = isSin
        let arg = a.times([.rational(n, over: d), pi])
        let call = Expr.call(Symbol.named(useSin ? "Sin" : "Cos"), [arg])
        return sign < 0 ? a.times([-1, call]) : call
    }

    /// `ArcTan[x, y]` for exact real x, y (the angle of x + i y).
    static func arcTan2(_ x: Expr, _ y: Expr, _ a: Arithmetic) -> Expr {
        let sx = Numbers.signReal(x), sy = Numbers.signReal(y)
        if sx == 0 {
            if sy == 0 { return .call(Symbol.named("ArcTan"), [x, y]) }
            return a.times([q(sy, 2), pi])
        }
        let ratio = a.times([y, a.power(x, -1)])
        let base = Expr.call(Symbol.named("ArcTan"), [ratio])
        if sx > 0 { return base }
        return .call(Sym.Plus, [base, sy < 0 ? a.times([-1, pi]) : pi])
    }
}

extension Kernel {
    func installElementaryFunctionBuiltins() {
        let C = MachineComplex.self
        _ = C
        let trig = ["Sin", "Cos", "Tan", "Cot", "Sec", "Csc"]
        for name in trig {
            defineUnary(name, usage: "\(name)[z] gives the \(Kernel.trigNames[name] ?? name) of z.") { e, call in
                call.kernel.trigonometric(name, e)
            }
        }
        for name in ["Sinh", "Cosh", "Tanh", "Coth", "Sech", "Csch"] {
            defineUnary(name, usage: "\(name)[z] gives the hyperbolic \(Kernel.trigNames[String(name.dropLast())] ?? name) of z.") { e, call in
                if e.isNumber, Numbers.isMachine(e), let z = MachineComplex(e) { return MachineFunctions.apply(name, z) }
                if Numbers.isExactZero(e) {
                    switch name {
                    case "Sinh", "Tanh": return 0
                    case "Cosh", "Sech": return 1
                    default: return Arithmetic.complexInfinity
                    }
                }
                // Of Log[r] for an exact positive rational r: a rational (Cosh[Log[2]] is 5/4).
                if case .normal(let n) = e, n.head == .sym("Log"), n.args.count == 1, Numbers.isExactReal(n.args[0]),
                   Numbers.signReal(n.args[0]) > 0 {
                    let r = n.args[0], arith = Arithmetic(kernel: call.kernel)
                    let inverse = arith.power(r, -1)
                    let sinh = arith.times([.rational(1, over: 2), arith.plus([r, arith.times([-1, inverse])])])
                    let cosh = arith.times([.rational(1, over: 2), arith.plus([r, inverse])])
                    switch name {
                    case "Sinh": return sinh
                    case "Cosh": return cosh
                    case "Tanh": return arith.times([sinh, arith.power(cosh, -1)])
                    case "Sech": return arith.power(cosh, -1)
                    default:
                        // Coth and Csch: infinite at Log[1] = 0 (handled above), so sinh != 0 here.
                        return name == "Coth" ? arith.times([cosh, arith.power(sinh, -1)]) : arith.power(sinh, -1)
                    }
                }
                if let m = ElementaryFunctions.negated(e), !Numbers.isExactZero(e) {
                    let inner = Expr.call(Symbol.named(name), [m])
                    return ["Cosh", "Sech"].contains(name) ? inner : Arithmetic().times([-1, inner])
                }
                return nil
            }
        }
        for name in ["ArcSin", "ArcCos", "ArcCot", "ArcSinh", "ArcCosh", "ArcTanh", "ArcSec", "ArcCsc", "ArcCoth", "ArcSech", "ArcCsch"] {
            defineUnary(name, usage: "\(name)[z] gives the \(name.dropFirst(3).lowercased()) inverse of z.") { e, call in
                call.kernel.inverseTrigonometric(name, e)
            }
        }
        define("ArcTan", attributes: [.listable, .numericFunction], arguments: ArgumentCount(1, 2), usage: "ArcTan[z] gives the arc tangent of z. ArcTan[x, y] gives the arc tangent of y/x, taking into account which quadrant the point (x, y) is in.") { call in
            let args = call.args
            if args.count == 2 {
                let (x, y) = (args[0], args[1])
                if Numbers.isReal(x) && Numbers.isReal(y) {
                    if Numbers.isMachine(x) || Numbers.isMachine(y), let u = Numbers.double(x), let v = Numbers.double(y) {
                        return .real(Double.atan2(y: v, x: u))
                    }
                    if BigReals.isBig(x) || BigReals.isBig(y), let r = BigReals.arcTan2(x, y) { return r }
                    if Numbers.isZero(x) && Numbers.isZero(y) {
                        call.kernel.message(call.head, "indet", [call.expr])
                        return .symbol(Sym.Indeterminate)
                    }
                    return ElementaryFunctions.arcTan2(x, y, Arithmetic(kernel: call.kernel))
                }
                return nil
            }
            if case .bigReal(let x) = args[0], let r = BigReals.function("ArcTan", x) { return r }
            let r = call.kernel.inverseTrigonometric("ArcTan", args[0])
            return r == call.expr ? nil : r
        }
        setMessage("ArcTan", "indet", "Indeterminate expression `1` encountered.")

        define("Log", attributes: [.listable, .numericFunction], arguments: ArgumentCount(1, 2), usage: "Log[z] gives the natural logarithm of z (logarithm to base e). Log[b, z] gives the logarithm to base b.") { call in
            let args = call.args
            let a = Arithmetic(kernel: call.kernel)
            if args.count == 2 {
                let (b, z) = (args[0], args[1])
                if let exact = Kernel.exactLog(b, z) { return exact }
                if (Numbers.isMachine(b) || Numbers.isMachine(z)), let lz = Kernel.naturalLog(Numbers.machine(z), a),
                   let lb = Kernel.naturalLog(Numbers.machine(b), a), lz.isNumber, lb.isNumber {
                    return a.times([lz, a.power(lb, -1)])
                }
                return .call(Sym.Times, [.call(call.head, [z]), .call(Sym.Power, [.call(call.head, [b]), -1])])
            }
            if case .complex = args[0], BigReals.isBig(args[0]), let l = BigReals.complexLog(args[0]) { return l }
            if case .bigReal(let x) = args[0] {
                // Log of a negative arbitrary-precision real: Log|x| + I Pi.
                if x.sign < 0, let l = BigReals.function("Log", x.negated()), case .bigReal(let lx) = l {
                    return Numbers.complex(l, BigReals.constant("Pi", precision: Swift.max(lx.accuracy + 0.5, 1)) ?? 0)
                }
                if let l = BigReals.function("Log", x) { return l }
            }
            let r = Kernel.naturalLog(args[0], a)
            return r == call.expr ? nil : r
        }
        for (name, base) in [("Log2", 2), ("Log10", 10)] {
            defineUnary(name, usage: "\(name)[x] gives the base-\(base) logarithm of x.") { e, call in
                if let exact = Kernel.exactLog(.integer(base), e) { return exact }
                if Numbers.isMachine(e), let v = Kernel.naturalLog(e, Arithmetic()), v.isNumber {
                    return Numbers.multiply(v, .real(1 / Double.log(Double(base))))
                }
                return .call(Sym.Times, [.call(Symbol.named("Log"), [e]), .call(Sym.Power, [.call(Symbol.named("Log"), [.integer(base)]), -1])])
            }
        }
        for name in ["Gamma", "Erf", "Erfc"] {
            defineUnary(name, usage: "\(name)[z] is the \(name == "Gamma" ? "Euler gamma function" : name == "Erf" ? "error function" : "complementary error function").") { e, call in
                if Numbers.isMachine(e), let z = MachineComplex(e) { return MachineFunctions.apply(name, z) }
                if name == "Gamma", case .integer(let n) = e {
                    if n <= 0 { return Arithmetic.complexInfinity }
                    // Gamma[n] is (n - 1)!, with Factorial's limit.
                    return IntegerFunctions.factorial(n - 1, call.kernel)
                }
                if name != "Gamma", Numbers.isExactZero(e) { return name == "Erf" ? 0 : 1 }
                return nil
            }
        }
    }

    static let trigNames = ["Sin": "sine", "Cos": "cosine", "Tan": "tangent", "Cot": "cotangent", "Sec": "secant", "Csc": "cosecant"]

    /// Sin, Cos, Tan, Cot, Sec, Csc of an evaluated argument.
    func trigonometric(_ name: String, _ e: Expr) -> Expr? {
        if e.isNumber, Numbers.isMachine(e), let z = MachineComplex(e) { return MachineFunctions.apply(name, z) }
        let a = Arithmetic(kernel: self)
        if let (n, d) = ElementaryFunctions.piMultiple(e) {
            let s = ElementaryFunctions.sinCos(true, n, d, a), c = ElementaryFunctions.sinCos(false, n, d, a)
            func exact(_ x: Expr) -> Bool { Kernel.isAlgebraic(x) }
            switch name {
            case "Sin": return s
            case "Cos": return c
            case "Tan", "Cot", "Sec", "Csc":
                let (num, den): (Expr, Expr) = name == "Tan" ? (s, c) : name == "Cot" ? (c, s) : name == "Sec" ? (1, c) : (1, s)
                guard exact(num) && exact(den) else {
                    // Reduce by periodicity only.
                    return Self.reducedTrig(name, n, d, a)
                }
                if Numbers.isExactZero(den) { return Arithmetic.complexInfinity }
                return a.times([num, a.power(den, -1)])
            default: return nil
            }
        }
        if Numbers.isExactZero(e) { return ["Cos", "Sec"].contains(name) ? 1 : (["Cot", "Csc"].contains(name) ? Arithmetic.complexInfinity : 0) }
        // Odd and even symmetry.
        if let m = ElementaryFunctions.negated(e) {
            let inner = Expr.call(Symbol.named(name), [m])
            return ["Cos", "Sec"].contains(name) ? inner : a.times([-1, inner])
        }
        // Sin[ArcSin[x]] = x, …
        if case .normal(let n) = e, n.args.count == 1, let h = n.head.symbol, h.name == "Arc" + name { return n.args[0] }
        return nil
    }

    /// Tan/Cot/Sec/Csc of rπ reduced by periodicity when no closed form exists.
    static func reducedTrig(_ name: String, _ n0: BigInt, _ d: BigInt, _ a: Arithmetic) -> Expr? {
        let period: BigInt = (name == "Tan" || name == "Cot") ? d : 2 * d
        var n = n0 - IntegerFunctions.floorDivide(n0, period) * period
        var sign = 1
        if 2 * n > period {
            n = period - n
            if name != "Sec" { sign = -1 }
        }
        let call = Expr.call(Symbol.named(name), [a.times([.rational(n, over: d), ElementaryFunctions.pi])])
        let r = sign < 0 ? a.times([-1, call]) : call
        return r
    }

    /// Whether an expression is built from numbers with Plus/Times/Power only.
    static func isAlgebraic(_ e: Expr) -> Bool {
        if e.isNumber { return true }
        guard case .normal(let n) = e, let h = n.head.symbol, h === Sym.Plus || h === Sym.Times || h === Sym.Power else { return false }
        return n.args.allSatisfy(isAlgebraic)
    }

    /// Inverse trigonometric and hyperbolic functions of an evaluated argument.
    func inverseTrigonometric(_ name: String, _ e: Expr) -> Expr? {
        if e.isNumber, Numbers.isMachine(e), let z = MachineComplex(e) {
            switch name {
            case "ArcSec": return MachineFunctions.apply("ArcCos", MachineComplex.one / z)
            case "ArcCsc": return MachineFunctions.apply("ArcSin", MachineComplex.one / z)
            case "ArcCoth": return MachineFunctions.apply("ArcTanh", MachineComplex.one / z)
            case "ArcSech": return MachineFunctions.apply("ArcCosh", MachineComplex.one / z)
            case "ArcCsch": return MachineFunctions.apply("ArcSinh", MachineComplex.one / z)
            default: return MachineFunctions.apply(name, z)
            }
        }
        let a = Arithmetic(kernel: self)
        let pi = ElementaryFunctions.pi
        func piTimes(_ n: Int, _ d: Int) -> Expr { a.times([.rational(BigInt(n), over: BigInt(d)), pi]) }
        let half = Expr.rational(1, 2)
        let invSqrt2 = a.power(2, .rational(-1, 2)), sqrt3over2 = a.times([half, a.power(3, half)])
        let sqrt3 = a.power(3, half), invSqrt3 = a.power(3, .rational(-1, 2))
        // ArcSin values in [0, 1]; odd symmetry gives the rest.
        let arcSin: [(Expr, Expr)] = [(0, 0), (half, piTimes(1, 6)), (invSqrt2, piTimes(1, 4)), (sqrt3over2, piTimes(1, 3)), (1, piTimes(1, 2))]
        let arcTan: [(Expr, Expr)] = [(0, 0), (invSqrt3, piTimes(1, 6)), (1, piTimes(1, 4)), (sqrt3, piTimes(1, 3))]
        switch name {
        case "ArcSin", "ArcTan":
            let table = name == "ArcSin" ? arcSin : arcTan
            if let hit = table.first(where: { $0.0 == e }) { return hit.1 }
            if let m = ElementaryFunctions.negated(e) {
                if let hit = table.first(where: { $0.0 == m }) { return a.times([-1, hit.1]) }
                return a.times([-1, .call(Symbol.named(name), [m])])
            }
            if name == "ArcTan", let dir = Arithmetic.infinityDirection(e), let d = dir, Numbers.isReal(d) {
                return piTimes(Numbers.signReal(d), 2)
            }
            return nil
        case "ArcCos":
            if let hit = arcSin.first(where: { $0.0 == e }) { return a.plus([piTimes(1, 2), a.times([-1, hit.1])]) }
            if let m = ElementaryFunctions.negated(e), let hit = arcSin.first(where: { $0.0 == m }) {
                return a.plus([piTimes(1, 2), hit.1])
            }
            return nil
        case "ArcCot":
            if Numbers.isExactZero(e) { return piTimes(1, 2) }
            if let hit = arcTan.first(where: { $0.0 == e }) { return a.plus([piTimes(1, 2), a.times([-1, hit.1])]) }
            if let m = ElementaryFunctions.negated(e) { return a.times([-1, .call(Symbol.named(name), [m])]) }
            return nil
        case "ArcSinh", "ArcTanh":
            if Numbers.isExactZero(e) { return 0 }
            if let m = ElementaryFunctions.negated(e) { return a.times([-1, .call(Symbol.named(name), [m])]) }
            return nil
        case "ArcCosh":
            if Numbers.isExactOne(e) { return 0 }
            return nil
        default:
            return nil
        }
    }

    /// `Log[z]` for an evaluated argument (the call itself when it stays symbolic).
    static func naturalLog(_ z: Expr, _ a: Arithmetic) -> Expr? {
        switch z {
        case .integer(1): return 0
        case .integer(0):
            return .call(Sym.DirectedInfinity, [-1])
        case .real(let x) where x == 0:
            return .call(Sym.DirectedInfinity, [-1])
        case .real, .complex:
            if Numbers.isMachine(z), let c = MachineComplex(z) { return MachineFunctions.apply("Log", c) }
            // Exact complex: Log[I] = I Pi/2, Log[-I] = -I Pi/2.
            if case .complex(let r, let i) = z, Numbers.isExactZero(r) {
                let s = Numbers.signReal(i)
                let m = s < 0 ? Numbers.negateReal(i) : i
                return a.plus([Numbers.isExactOne(m) ? 0 : .call(Symbol.named("Log"), [m]),
                               a.times([.complex(0, .rational(BigInt(s), over: 2)), ElementaryFunctions.pi])])
            }
            return .call(Symbol.named("Log"), [z])
        case .integer, .bigInteger, .rational:
            if Numbers.signReal(z) < 0 {
                let m = Numbers.negateReal(z)
                let l: Expr = Numbers.isExactOne(m) ? 0 : naturalLog(m, a) ?? .call(Symbol.named("Log"), [m])
                return a.plus([l, a.times([.complex(0, 1), ElementaryFunctions.pi])])
            }
            if case .rational(let n, let d) = z, n == 1 { return a.times([-1, .call(Symbol.named("Log"), [.integer(d)])]) }
            return .call(Symbol.named("Log"), [z])
        case .symbol(let s) where s === Sym.E: return 1
        default:
            if let dir = Arithmetic.infinityDirection(z) {
                return dir == nil ? .call(Sym.DirectedInfinity, [1]) : .call(Sym.DirectedInfinity, [1])
            }
            // Log[E^x] = x for real numeric x.
            if case .normal(let n) = z, n.head.symbol === Sym.Power, n.args.count == 2, n.args[0] == .symbol(Sym.E), Numbers.isReal(n.args[1]) {
                return n.args[1]
            }
            return .call(Symbol.named("Log"), [z])
        }
    }

    /// `Log[b, z]` exactly when z is a rational power of the integer b (`Log[2, 8]` → 3).
    static func exactLog(_ b: Expr, _ z: Expr) -> Expr? {
        guard let bb = Numbers.bigInt(b), bb > 1, let (n, d) = Numbers.fraction(z), n.sign == .plus, !n.isZero else { return nil }
        func logInt(_ x: BigInt) -> Int? {
            var x = x, k = 0
            while x > 1 {
                let (q, r) = x.quotientAndRemainder(dividingBy: bb)
                guard r.isZero else { return nil }
                x = q; k += 1
            }
            return k
        }
        if d == 1, let k = logInt(n) { return .integer(k) }
        if n == 1, let k = logInt(d) { return .integer(-k) }
        if Numbers.isExactOne(z) { return 0 }
        return nil
    }
}
