import RampSyntax

/// Wolfram's canonical arithmetic as pure functions on expressions: `Plus`, `Times` and `Power` of
/// already evaluated arguments. Numbers are combined, like terms and like factors collected, arguments
/// put in canonical order. Messages (`Power::infy`, `Infinity::indet`) go to `kernel` when one is
/// given. Lists are not threaded here (the builtins do that).
public struct Arithmetic {
    /// Where messages go; nil keeps the functions silent.
    public let kernel: Kernel?

    public init(kernel: Kernel? = nil) { self.kernel = kernel }

    static let indeterminate = Expr.symbol(Sym.Indeterminate)
    static let complexInfinity = Expr.call(Sym.DirectedInfinity, [])

    func message(_ symbol: Symbol, _ tag: String, _ slots: Expr...) {
        kernel?.message(symbol, tag, slots)
    }

    /// The direction of `DirectedInfinity[d]` (`.some(nil)` for `ComplexInfinity`), nil otherwise.
    static func infinityDirection(_ e: Expr) -> Expr?? {
        guard case .normal(let n) = e, n.head.symbol === Sym.DirectedInfinity else { return nil }
        if n.args.isEmpty { return .some(nil) }
        if n.args.count == 1 { return .some(n.args[0]) }
        return nil
    }

    // MARK: Plus

    /// `Plus[args…]` in canonical form.
    public func plus(_ args: [Expr]) -> Expr {
        if args.count == 2, case .integer(let x) = args[0], case .integer(let y) = args[1] {
            let (s, o) = x.addingReportingOverflow(y)
            if !o { return .integer(s) }
        }
        var numeric: Expr = .integer(0)
        var sawMachine = false
        var infinities: [Expr?] = []
        var terms: [Expr] = []
        terms.reserveCapacity(args.count)
        func collect(_ e: Expr) -> Bool {
            switch e {
            case .integer, .bigInteger, .rational, .real, .bigReal, .complex:
                numeric = Numbers.add(numeric, e)
                if Numbers.isMachine(e) { sawMachine = true }
            case .symbol(let s) where s === Sym.Indeterminate:
                return false
            case .normal(let n):
                if n.head.symbol === Sym.Plus {
                    for a in n.args where !collect(a) { return false }
                } else if let dir = Self.infinityDirection(e) {
                    infinities.append(dir)
                } else {
                    terms.append(e)
                }
            default:
                terms.append(e)
            }
            return true
        }
        for a in args where !collect(a) { return Self.indeterminate }

        if !infinities.isEmpty {
            var direction: Expr?? = nil   // nil: none yet; .some(nil): complex infinity
            for d in infinities {
                switch direction {
                case .none: direction = .some(d)
                case .some(let current):
                    if let c = current, let d, c == d { continue }
                    let shown = infinities.map { Expr.call(Sym.DirectedInfinity, $0.map { [$0] } ?? []) }.sorted { canonicalOrder($0, $1) < 0 }
                    message(Symbol.named("Infinity"), "indet", .call(Sym.Plus, shown))
                    return Self.indeterminate
                }
            }
            let inf = Expr.call(Sym.DirectedInfinity, (direction ?? nil).map { [$0] } ?? [])
            if terms.isEmpty { return inf }
            terms.append(inf)
            numeric = .integer(0)
        }

        // Machine numbers make numeric quantities numeric: Pi + 1. → 4.14159…; so do
        // arbitrary-precision numbers, at their precision (Pi + 1.5`20 → 4.6415926535897932385).
        if sawMachine {
            var rest: [Expr] = []
            for t in terms {
                if let v = numericValue(t) { numeric = Numbers.add(numeric, v) } else { rest.append(t) }
            }
            terms = rest
        } else if !terms.isEmpty, BigReals.isBig(numeric), BigReals.rank(numeric) >= 1 {
            let p = BigReals.rank(numeric)
            var rest: [Expr] = []
            for t in terms {
                if let v = bigNumericValue(t, precision: p) { numeric = Numbers.add(numeric, v) } else { rest.append(t) }
            }
            terms = rest
        }

        if terms.isEmpty { return numeric }
        // Collect like terms: c1 x + c2 x → (c1 + c2) x.
        var result: [Expr]
        if terms.count == 1 {
            result = terms
        } else {
            var order: [Expr] = []
            var coefficients: [Expr: Expr] = [:]
            var repeated = false
            for t in terms {
                let (c, rest) = Self.splitCoefficient(t)
                if let old = coefficients[rest] {
                    coefficients[rest] = Numbers.add(old, c)
                    repeated = true
                } else {
                    coefficients[rest] = c
                    order.append(rest)
                }
            }
            if repeated {
                result = []
                for rest in order {
                    let c = coefficients[rest] ?? .integer(1)
                    if Numbers.isExactZero(c) { continue }
                    if Numbers.isExactOne(c) { result.append(rest); continue }
                    let term = times([c, rest])
                    if term.isNumber { numeric = Numbers.add(numeric, term) } else { result.append(term) }
                }
            } else {
                result = terms
            }
            if result.count > 1 { result.sort { canonicalOrder($0, $1) < 0 } }
        }
        if result.isEmpty { return numeric }
        if !Numbers.isExactZero(numeric) { result.insert(numeric, at: 0) }
        if result.count == 1 { return result[0] }
        return .call(Sym.Plus, result)
    }

    /// Splits a term into numeric coefficient and the rest: `3 x y` → (3, `x y`), `x` → (1, `x`).
    static func splitCoefficient(_ t: Expr) -> (Expr, Expr) {
        guard case .normal(let n) = t, n.head.symbol === Sym.Times, n.args.count >= 2, n.args[0].isNumber else {
            return (.integer(1), t)
        }
        if n.args.count == 2 { return (n.args[0], n.args[1]) }
        return (n.args[0], .call(Sym.Times, Array(n.args.dropFirst())))
    }

    // MARK: Times

    /// `Times[args…]` in canonical form.
    public func times(_ args: [Expr]) -> Expr {
        if args.count == 2, case .integer(let x) = args[0], case .integer(let y) = args[1] {
            let (p, o) = x.multipliedReportingOverflow(by: y)
            if !o { return .integer(p) }
        }
        var coefficient: Expr = .integer(1)
        var sawMachine = false
        var infinities: [Expr?] = []
        var factors: [Expr] = []
        factors.reserveCapacity(args.count)
        func collect(_ e: Expr) -> Bool {
            switch e {
            case .integer, .bigInteger, .rational, .real, .bigReal, .complex:
                // A normal coefficient is the overflow marker of a product too large to build.
                if case .normal = coefficient { return true }
                coefficient = Numbers.multiply(coefficient, e)
                if Numbers.isMachine(e) { sawMachine = true }
            case .symbol(let s) where s === Sym.Indeterminate:
                return false
            case .normal(let n):
                if n.head.symbol === Sym.Times {
                    for a in n.args where !collect(a) { return false }
                } else if let dir = Self.infinityDirection(e) {
                    infinities.append(dir)
                } else {
                    factors.append(e)
                }
            default:
                factors.append(e)
            }
            return true
        }
        for a in args where !collect(a) { return Self.indeterminate }
        if coefficient == Numbers.overflowMarker {
            message(Sym.General, "ovfl")
            return coefficient
        }

        if !infinities.isEmpty {
            if Numbers.isZeroNumber(coefficient) {
                message(Symbol.named("Infinity"), "indet", .call(Sym.Times, [coefficient] + infinities.map { .call(Sym.DirectedInfinity, $0.map { [$0] } ?? []) }))
                return Self.indeterminate
            }
            return infiniteProduct(coefficient: coefficient, directions: infinities, factors: factors)
        }
        if Numbers.isExactZero(coefficient) { return .integer(0) }

        if sawMachine {
            var rest: [Expr] = []
            for f in factors {
                if let v = numericValue(f) { coefficient = Numbers.multiply(coefficient, v) } else { rest.append(f) }
            }
            factors = rest
            if case .real(0) = coefficient { return coefficient }
        } else if !factors.isEmpty, BigReals.isBig(coefficient), BigReals.rank(coefficient) >= 1 {
            let p = BigReals.rank(coefficient)
            var rest: [Expr] = []
            for f in factors {
                if let v = bigNumericValue(f, precision: p) { coefficient = Numbers.multiply(coefficient, v) } else { rest.append(f) }
            }
            factors = rest
        }
        if factors.isEmpty { return coefficient }

        var result: [Expr]
        if factors.count == 1 && !Self.isNumericPower(factors[0]) {
            result = factors
        } else {
            // Collect like bases: x^a x^b → x^(a+b).
            var order: [Expr] = []
            var exponents: [Expr: [Expr]] = [:]
            var repeated = false
            for f in factors {
                let (b, e) = Self.splitPower(f)
                if exponents[b] != nil {
                    exponents[b]!.append(e)
                    repeated = true
                } else {
                    exponents[b] = [e]
                    order.append(b)
                }
            }
            result = []
            if repeated {
                for b in order {
                    let es = exponents[b] ?? []
                    let f = es.count == 1 ? Self.rebuildPower(b, es[0]) : power(b, plus(es))
                    appendFactor(f, to: &result, coefficient: &coefficient)
                }
            } else {
                result = factors
            }
            // Rational coefficients absorb into numeric powers: Sqrt[2]/2 → 1/Sqrt[2], 3/Sqrt[3] → Sqrt[3].
            if case .complex = coefficient {} else if !Numbers.isMachine(coefficient) {
                for (i, f) in result.enumerated() {
                    guard case .normal(let n) = f, n.head.symbol === Sym.Power, n.args.count == 2,
                          let base = Numbers.bigInt(n.args[0]), base > 1,
                          case .rational(let p, let q) = n.args[1],
                          let (cn, cd) = Numbers.fraction(coefficient) else { continue }
                    if p.sign == .minus, cn % base == 0 {
                        coefficient = .rational(cn / base, over: cd)
                        result[i] = Self.rebuildPower(n.args[0], .rational(p + q, over: q))
                    } else if p.sign != .minus, cd % base == 0 {
                        coefficient = .rational(cn, over: cd / base)
                        result[i] = Self.rebuildPower(n.args[0], .rational(p - q, over: q))
                    }
                }
                result.removeAll { Numbers.isExactOne($0) }
            }
            if Numbers.isExactZero(coefficient) { return .integer(0) }
            if result.count > 1 { result.sort { canonicalOrder($0, $1) < 0 } }
        }
        if result.isEmpty { return coefficient }
        if !Numbers.isExactOne(coefficient) { result.insert(coefficient, at: 0) }
        if result.count == 1 { return result[0] }
        return .call(Sym.Times, result)
    }

    /// A product with infinite factors is one `DirectedInfinity` (Wolfram: `a*Infinity` is
    /// `DirectedInfinity[a]`, `Pi*Infinity` is `Infinity`, `x*ComplexInfinity` is `ComplexInfinity`):
    /// real numeric quantities turn the direction by their sign, other factors join the direction.
    private func infiniteProduct(coefficient: Expr, directions: [Expr?], factors: [Expr]) -> Expr {
        var direction: Expr = coefficient
        var symbolic: [Expr] = []
        for d in directions {
            guard let d else { return Self.complexInfinity }
            if d.isNumber { direction = Numbers.multiply(direction, d) } else { symbolic.append(d) }
        }
        for f in factors {
            if let v = numericValue(f), Numbers.isReal(v), Numbers.signReal(v) != 0 {
                direction = Numbers.multiply(direction, .integer(Numbers.signReal(v)))
            } else {
                symbolic.append(f)
            }
        }
        let numericInfinity = Self.directedInfinity(direction)
        if symbolic.isEmpty { return numericInfinity }
        guard case .normal(let n) = numericInfinity, n.args.count == 1 else { return Self.complexInfinity }
        return .call(Sym.DirectedInfinity, [times([n.args[0]] + symbolic)])
    }

    private func appendFactor(_ f: Expr, to result: inout [Expr], coefficient: inout Expr) {
        switch f {
        case .integer, .bigInteger, .rational, .real, .bigReal, .complex:
            coefficient = Numbers.multiply(coefficient, f)
        case .normal(let n) where n.head.symbol === Sym.Times:
            for a in n.args { appendFactor(a, to: &result, coefficient: &coefficient) }
        default:
            result.append(f)
        }
    }

    static func isNumericPower(_ e: Expr) -> Bool {
        guard case .normal(let n) = e, n.head.symbol === Sym.Power, n.args.count == 2 else { return false }
        return n.args[0].isNumber
    }

    /// `x^e` → (x, e); anything else → (it, 1).
    static func splitPower(_ f: Expr) -> (Expr, Expr) {
        if case .normal(let n) = f, n.head.symbol === Sym.Power, n.args.count == 2 {
            return (n.args[0], n.args[1])
        }
        return (f, .integer(1))
    }

    /// `x^e` without evaluation, except `x^1` → `x`.
    static func rebuildPower(_ b: Expr, _ e: Expr) -> Expr {
        if Numbers.isExactOne(e) { return b }
        if Numbers.isExactZero(e) { return .integer(1) }
        return .call(Sym.Power, b, e)
    }

    /// `DirectedInfinity[d]` with a numeric direction normalised to unit length (0 gives `ComplexInfinity`).
    static func directedInfinity(_ d: Expr) -> Expr {
        if Numbers.isReal(d) {
            let s = Numbers.signReal(d)
            if s == 0 { return complexInfinity }
            return .call(Sym.DirectedInfinity, [.integer(s)])
        }
        if case .complex(let r, let i) = d {
            if Numbers.isExactZero(r) || (Numbers.isExact(d) && Numbers.isZero(r)) {
                return .call(Sym.DirectedInfinity, [Numbers.complex(.integer(0), .integer(Numbers.signReal(i)))])
            }
            if Numbers.isZero(i) && Numbers.isExact(d) { return .call(Sym.DirectedInfinity, [.integer(Numbers.signReal(r))]) }
            if Numbers.isMachine(d), let z = MachineComplex(d) {
                let m = z.abs
                return .call(Sym.DirectedInfinity, [.complex(.real(z.re / m), .real(z.im / m))])
            }
            // Exact: d / Abs[d].
            let norm = Numbers.add(Numbers.multiply(r, r), Numbers.multiply(i, i))
            let arith = Arithmetic()
            return .call(Sym.DirectedInfinity, [arith.times([d, arith.power(norm, .rational(-1, 2))])])
        }
        return .call(Sym.DirectedInfinity, [d])
    }

    // MARK: Power

    /// `Power[b, e]` in canonical form.
    public func power(_ b: Expr, _ e: Expr) -> Expr {
        if case .integer(let x) = b, case .integer(let k) = e, k >= 0, k < 64 {
            if k == 0 { if x != 0 { return 1 } } else {
                var r = 1, o = false, base = x, m = k
                while m > 0 && !o {
                    if m & 1 == 1 { (r, o) = r.multipliedReportingOverflow(by: base) }
                    m >>= 1
                    if m > 0 && !o { (base, o) = base.multipliedReportingOverflow(by: base) }
                }
                if !o { return .integer(r) }
            }
        }
        if case .symbol(let s) = b, s === Sym.Indeterminate { return Self.indeterminate }
        if case .symbol(let s) = e, s === Sym.Indeterminate { return Self.indeterminate }
        let raw = Expr.call(Sym.Power, b, e)

        if Numbers.isExactZero(e) {
            if Numbers.isZeroNumber(b) {
                message(Sym.Power, "indet", raw)
                return Self.indeterminate
            }
            if Self.infinityDirection(b) != nil {
                message(Sym.Power, "indet", raw)
                return Self.indeterminate
            }
            return .integer(1)
        }
        if Numbers.isExactOne(e) { return b }
        if Numbers.isExactOne(b) && (e.isNumber || !e.isAtom || e.symbol != nil) {
            if Self.infinityDirection(e) == nil { return .integer(1) }
        }

        if b.isNumber && e.isNumber {
            if Numbers.isZeroNumber(b) { return zeroPower(b, e, raw) }
            guard let np = Numbers.power(b, e) else { return raw }
            if np.coefficient == Numbers.overflowMarker {
                message(Sym.General, "ovfl")
                return .call(Sym.Overflow, [])
            }
            if np.powers.isEmpty { return np.coefficient }
            var factors = np.powers.map { Self.rebuildPower($0.base, $0.exponent) }
            if factors.count > 1 { factors.sort { canonicalOrder($0, $1) < 0 } }
            if !Numbers.isExactOne(np.coefficient) { factors.insert(np.coefficient, at: 0) }
            return factors.count == 1 ? factors[0] : .call(Sym.Times, factors)
        }

        // Infinite bases.
        if let dir = Self.infinityDirection(b) {
            guard Numbers.isReal(e) else { return raw }
            let s = Numbers.signReal(e)
            if s < 0 { return Numbers.isMachine(e) ? .real(0) : .integer(0) }
            guard let d = dir else { return Self.complexInfinity }
            if d.isNumber { return Self.directedInfinity(power(d, e)) }
            return raw
        }
        if let dir = Self.infinityDirection(e), let d = dir, d.isNumber, let x = Numbers.double(b) ?? nil {
            // x^Infinity and x^-Infinity for real x.
            let s = Numbers.signReal(d)
            let ax = abs(x)
            if s > 0 {
                if ax > 1 { return x > 0 ? e : Self.complexInfinity }
                if ax < 1 { return Numbers.isMachine(b) ? .real(0) : .integer(0) }
            } else if s < 0 {
                if ax > 1 { return Numbers.isMachine(b) ? .real(0) : .integer(0) }
                if ax < 1 && x > 0 { return .call(Sym.DirectedInfinity, [.integer(1)]) }
            }
            message(Sym.Power, "indet", raw)
            return Self.indeterminate
        }

        // Machine numbers make numeric quantities numeric: 2.^Pi, Pi^2.
        if (Numbers.isMachine(b) || Numbers.isMachine(e)), let nb = numericValue(b), let ne = numericValue(e) {
            return power(nb, ne)
        }

        // Euler: E^(I Pi) = -1, E^(I Pi/2) = I.
        if b.symbol === Sym.E, case .normal(let m) = e, m.head.symbol === Sym.Times, m.args.count == 2,
           m.args[1].symbol === Sym.Pi, case .complex(let re, let im) = m.args[0], Numbers.isExactZero(re),
           let (n, d) = Numbers.fraction(im), d <= 2 {
            let k = Int(truncatingIfNeeded: (n * (2 / d)) % 4)   // e^(i k π/2)
            switch (k + 4) % 4 {
            case 0: return .integer(1)
            case 1: return .complex(0, 1)
            case 2: return .integer(-1)
            default: return .complex(0, -1)
            }
        }
        if case .normal(let n) = b {
            // (x^a)^k → x^(a k) for integer k.
            if n.head.symbol === Sym.Power, n.args.count == 2, Numbers.isInteger(e) {
                return power(n.args[0], times([n.args[1], e]))
            }
            if n.head.symbol === Sym.Power, n.args.count == 2, Numbers.isReal(n.args[1]),
               Numbers.compareReal(n.args[1], -1) > 0, Numbers.compareReal(n.args[1], 1) < 0 {
                // (x^a)^e → x^(a e) when -1 < a < 1 (the principal branch is preserved).
                return power(n.args[0], times([n.args[1], e]))
            }
            // (c x y)^k → c^k x^k y^k for integer k; positive numeric factors come out for any exponent.
            if n.head.symbol === Sym.Times {
                if Numbers.isInteger(e) {
                    return times(n.args.map { power($0, e) })
                }
                var outside: [Expr] = []
                var inside: [Expr] = []
                for f in n.args {
                    if Numbers.isReal(f) && Numbers.signReal(f) > 0 { outside.append(power(f, e)) } else { inside.append(f) }
                }
                if !outside.isEmpty {
                    let rest = inside.count == 1 ? inside[0] : Expr.call(Sym.Times, inside)
                    return times(outside + [inside.isEmpty ? .integer(1) : power(rest, e)])
                }
            }
        }
        return raw
    }

    /// `0^e` for a number `e` (the base is an exact or machine zero).
    private func zeroPower(_ b: Expr, _ e: Expr, _ raw: Expr) -> Expr {
        let (re, _) = Numbers.parts(e)
        let s = Numbers.signReal(re)
        if s > 0 { return Numbers.isMachine(b) || Numbers.isMachine(e) ? .real(0) : .integer(0) }
        if s < 0 {
            message(Sym.Power, "infy", raw)
            return Self.complexInfinity
        }
        message(Sym.Power, "indet", raw)
        return Self.indeterminate
    }

    // MARK: Numeric values

    /// The machine value of a numeric quantity (numbers, constants, arithmetic and elementary functions
    /// of numeric quantities); nil when `e` is not numeric.
    /// The value of a numeric quantity (numbers, numeric constants, arithmetic and functions of
    /// them) at `precision` digits, as arbitrary-precision numbers; nil when it is not numeric.
    func bigNumericValue(_ e: Expr, precision p: Double) -> Expr? {
        switch e {
        case .integer, .bigInteger, .rational, .bigReal, .complex: return e
        case .symbol(let s): return BigReals.constant(s.name, precision: p)
        case .normal(let n):
            guard let head = n.head.symbol else { return nil }
            var values: [Expr] = []
            values.reserveCapacity(n.args.count)
            for a in n.args {
                guard let v = bigNumericValue(a, precision: p) else { return nil }
                values.append(v)
            }
            switch head {
            case Sym.Plus: return values.reduce(Expr.integer(0), Numbers.add)
            case Sym.Times: return values.reduce(Expr.integer(1), Numbers.multiply)
            case Sym.Power:
                guard values.count == 2, !Numbers.isZeroNumber(values[0]) else { return nil }
                var b = values[0]
                if Numbers.isExactReal(b) && Numbers.isExact(values[1]) { b = BigReals.big(b, precision: p).map(Expr.bigReal) ?? b }
                return BigReals.power(b, values[1])
            default:
                guard values.count == 1, Numbers.isReal(values[0]) else { return nil }
                let x = Numbers.isExactReal(values[0]) ? BigReals.big(values[0], precision: p) : (values[0].bigRealValue)
                guard let x else { return nil }
                let r = BigReals.function(head.name, x)
                if r == Numbers.overflowMarker { message(Sym.General, "ovfl") }
                return r
            }
        default:
            return nil
        }
    }

    public func numericValue(_ e: Expr) -> Expr? {
        switch e {
        case .integer, .bigInteger, .rational, .real, .bigReal, .complex: return Numbers.machine(e)
        case .symbol(let s):
            if let v = MachineFunctions.constant(s.name) { return .real(v) }
            return nil
        case .normal(let n):
            guard let head = n.head.symbol else { return nil }
            // Objects that are numbers without numeric arguments (`Root[f, k]`).
            if let f = kernel?.existingData(head)?.machineNumericValue, let v = f(e), v.isNumber { return v }
            var values: [Expr] = []
            values.reserveCapacity(n.args.count)
            for a in n.args {
                guard let v = numericValue(a) else { return nil }
                values.append(v)
            }
            switch head {
            case Sym.Plus: return values.reduce(Expr.integer(0), Numbers.add)
            case Sym.Times: return values.reduce(Expr.integer(1), Numbers.multiply)
            case Sym.Power:
                guard values.count == 2 else { return nil }
                if Numbers.isZeroNumber(values[0]) { return nil }
                return Numbers.machinePower(values[0], values[1])
            default:
                if values.count == 1, let z = MachineComplex(values[0]), let v = MachineFunctions.apply(head.name, z) { return v }
                // Other numeric functions (`Zeta[3]`, `BesselJ[0, 1]`): their value at the machine
                // arguments, so `1.5 + Zeta[3]` is a number as in Wolfram.
                guard let kernel, kernel.attributes(of: head).contains(.numericFunction) else { return nil }
                let v = kernel.evaluate(.call(head, values))
                return v.isNumber && !Numbers.isExact(v) ? v : nil
            }
        default:
            return nil
        }
    }
}
