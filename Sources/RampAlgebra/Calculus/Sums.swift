import RampKernel
import RampSyntax

/// `Sum` and `Product`: explicit sums and products over numeric ranges (the iterator bound as in
/// `Block`, as `Table` binds it), and closed forms where the range is symbolic, infinite or too long to
/// walk: polynomial summands (Faulhaber's sums, found by interpolation and factored), geometric terms,
/// terms free of the variable, and the standard series `1/k^(2m)`, `x^k/k!`.
enum Sums {
    /// Ranges up to this many values are walked; longer ones are walked only when no closed form
    /// applies (interruptibly).
    static let explicitLimit = 100_000

    static func install(_ k: Kernel) {
        k.define(BuiltinSpec("Sum", attributes: [.holdAll], arguments: .atLeast(2), messages: [
            ("div", "Sum does not converge."),
        ], usage: "Sum[f, {i, imax}] evaluates the sum of f for i from 1 to imax.\nSum[f, {i, imin, imax}] starts with i = imin.\nSum[f, {i, imin, imax, di}] uses steps di.\nSum[f, {i, {i1, i2, …}}] uses successive values i1, i2, ….\nSum[f, {i, imin, imax}, {j, jmin, jmax}, …] evaluates a multiple sum.") { call throws(EvaluationControl) in
            try accumulate(call, product: false)
        })
        k.define(BuiltinSpec("Product", attributes: [.holdAll], arguments: .atLeast(2),
                             usage: "Product[f, {i, imax}] evaluates the product of f for i from 1 to imax.\nProduct[f, {i, imin, imax}] starts with i = imin.\nProduct[f, {i, imin, imax, di}] uses steps di.\nProduct[f, {i, {i1, i2, …}}] uses successive values i1, i2, ….\nProduct[f, {i, imin, imax}, {j, jmin, jmax}, …] evaluates a multiple product.") { call throws(EvaluationControl) in
            try accumulate(call, product: true)
        })
    }

    /// One iterator: its variable (nil for `{n}`) and either a list of values or a range.
    struct Iterator {
        var variable: Symbol?
        var values: [Expr]?
        var lower: Expr = .integer(1), upper: Expr = .integer(1), step: Expr = .integer(1)
    }

    static func iterator(_ spec: Expr, _ call: BuiltinCall, position: Int) throws(EvaluationControl) -> Iterator? {
        let kernel = call.kernel
        var spec = spec
        if !spec.isList {
            let v = try kernel.eval(spec)
            if v.int != nil { spec = .list([v]) } else { call.message("itform", spec, .integer(position)); return nil }
        }
        let parts = spec.args
        switch parts.count {
        case 1:
            return Iterator(variable: nil, values: nil, upper: try kernel.eval(parts[0]))
        case 2, 3, 4:
            guard case .symbol(let v) = parts[0] else { call.message("itform", spec, .integer(position)); return nil }
            if parts.count == 2 {
                let bound = try kernel.eval(parts[1])
                if bound.isList { return Iterator(variable: v, values: bound.args) }
                return Iterator(variable: v, upper: bound)
            }
            return Iterator(variable: v, lower: try kernel.eval(parts[1]), upper: try kernel.eval(parts[2]),
                            step: parts.count == 4 ? try kernel.eval(parts[3]) : .integer(1))
        default:
            call.message("itform", spec, .integer(position))
            return nil
        }
    }

    static func accumulate(_ call: BuiltinCall, product: Bool) throws(EvaluationControl) -> Expr? {
        let kernel = call.kernel
        let head: Symbol = product ? Sym.Times : Sym.Plus
        // Several iterators: the first is the outermost; the inner sum is evaluated for each value.
        if call.args.count > 2 {
            let inner: Expr = .call(call.head, [call.args[0]] + call.args.dropFirst(2))
            return try single(call, body: inner, spec: call.args[1], position: 2, head: head)
        }
        return try single(call, body: call.args[0], spec: call.args[1], position: 2, head: head)
    }

    static func single(_ call: BuiltinCall, body: Expr, spec: Expr, position: Int, head: Symbol) throws(EvaluationControl) -> Expr? {
        let kernel = call.kernel
        guard let it = try iterator(spec, call, position: position) else { return nil }
        let product = head === Sym.Times
        if let values = it.values {
            return try walk(body, it.variable, values.count, { values[$0] }, head: head, kernel: kernel)
        }
        // The number of values, when the range is numeric.
        let countExpr = try kernel.eval(.call(Symbol.named("Floor"), .call(Sym.Plus, .integer(1),
            .call(Sym.Times, .call(Sym.Plus, it.upper, .call(Sym.Times, .integer(-1), it.lower)), .call(Sym.Power, it.step, .integer(-1))))))
        if let count = countExpr.int, count <= explicitLimit || it.variable == nil {
            if count <= 0 { return .integer(product ? 1 : 0) }
            if it.variable == nil {
                let value = try kernel.eval(body)
                return kernel.evaluate(product ? .call(Sym.Power, value, .integer(count)) : .call(Sym.Times, .integer(count), value))
            }
            return try walk(body, it.variable, count, { k in .call(Sym.Plus, it.lower, .call(Sym.Times, .integer(k), it.step)) }, head: head, kernel: kernel)
        }
        guard let v = it.variable else { return nil }
        if let closed = try closedForm(call, body, v, it, product: product) { return closed }
        // No closed form: a long numeric range is walked (interruptibly).
        if let count = countExpr.int {
            return try walk(body, v, count, { k in .call(Sym.Plus, it.lower, .call(Sym.Times, .integer(k), it.step)) }, head: head, kernel: kernel)
        }
        return nil
    }

    /// `body` evaluated for each of `count` values of `variable` and combined, a chunk at a time.
    static func walk(_ body: Expr, _ variable: Symbol?, _ count: Int, _ value: (Int) -> Expr, head: Symbol, kernel: Kernel) throws(EvaluationControl) -> Expr {
        var total: Expr = .integer(head === Sym.Times ? 1 : 0)
        var chunk: [Expr] = []
        func flush() {
            total = kernel.evaluate(.call(head, [total] + chunk))
            chunk.removeAll(keepingCapacity: true)
        }
        func step(_ k: Int) throws(EvaluationControl) {
            try kernel.checkAbort()
            chunk.append(try kernel.eval(body))
            if chunk.count == 256 { flush() }
        }
        if let v = variable {
            try kernel.withBlockedSymbol(v) { (set: (Expr) -> Void) throws(EvaluationControl) in
                for k in 0..<count {
                    set(kernel.evaluate(value(k)))
                    try step(k)
                }
            }
        } else {
            for k in 0..<count { try step(k) }
        }
        flush()
        return total
    }

    /// `body` with `v` replaced by `value`, evaluated.
    static func at(_ body: Expr, _ v: Symbol, _ value: Expr, kernel: Kernel) throws(EvaluationControl) -> Expr {
        try kernel.withBlockedSymbol(v) { (set: (Expr) -> Void) throws(EvaluationControl) -> Expr in
            set(value)
            return try kernel.eval(body)
        }
    }

    static func closedForm(_ call: BuiltinCall, _ body: Expr, _ v: Symbol, _ it: Iterator, product: Bool) throws(EvaluationControl) -> Expr? {
        let kernel = call.kernel
        guard it.step == .integer(1) else { return nil }
        let k = Expr.symbol(v)
        let f = try kernel.eval(body)
        let (a, b) = (it.lower, it.upper)
        let infinite = b == kernel.evaluate(.symbol(Symbol.named("Infinity")))
        let count: Expr = .call(Sym.Plus, .integer(1), b, .call(Sym.Times, .integer(-1), a))
        if !PolynomialStructure.contains(f, k) {
            if infinite { return nil }
            return kernel.evaluate(product ? .call(Sym.Power, f, count) : .call(Sym.Times, f, count))
        }
        if product {
            // Product[k, {k, 1, n}] = n!
            if f == k, a == .integer(1), !infinite { return kernel.evaluate(.call(Symbol.named("Factorial"), b)) }
            return nil
        }
        if infinite { return try infiniteSeries(call, f, v, from: a) }
        // A polynomial in k: F(n) = Σ_{k=1}^{n} f, by interpolation at n = 0…d+1; the sum is
        // F(b) - F(a - 1), factored.
        if PolynomialStructure.isPolynomial(f, in: [k]) {
            let exponents = try PolynomialStructure.termExponents(f, k, kernel: kernel).map(\.exponent)
            guard let degree = exponents.compactMap(\.int).max(), degree < 200 else { return nil }
            var values: [Expr] = [.integer(0)]
            var running: Expr = .integer(0)
            for n in 1...(degree + 1) {
                running = kernel.evaluate(.call(Sym.Plus, running, try at(f, v, .integer(n), kernel: kernel)))
                values.append(running)
            }
            func interpolated(_ x: Expr) -> Expr {
                var terms: [Expr] = []
                for (j, y) in values.enumerated() {
                    var factors: [Expr] = [y]
                    for i in values.indices where i != j {
                        factors.append(.call(Sym.Plus, x, .integer(-i)))
                        factors.append(.call(Sym.Power, .integer(j - i), .integer(-1)))
                    }
                    terms.append(.call(Sym.Times, factors))
                }
                return .call(Sym.Plus, terms)
            }
            let difference = kernel.evaluate(.call(Sym.Plus, interpolated(b), .call(Sym.Times, .integer(-1), interpolated(.call(Sym.Plus, a, .integer(-1))))))
            let expanded = try PolynomialBuiltins.expand(difference, kernel: kernel) ?? difference
            return try PolynomialBuiltins.factor(expanded, kernel: kernel) ?? expanded
        }
        // c r^k with c and r free of k: c (r^(b+1) - r^a)/(r - 1).
        if let (c, r) = geometric(f, k, kernel: kernel) {
            let numerator: Expr = .call(Sym.Plus, .call(Sym.Power, r, .call(Sym.Plus, b, .integer(1))), .call(Sym.Times, .integer(-1), .call(Sym.Power, r, a)))
            let sum = kernel.evaluate(.call(Sym.Times, c, numerator, .call(Sym.Power, .call(Sym.Plus, r, .integer(-1)), .integer(-1))))
            return try PolynomialBuiltins.together(sum, kernel: kernel) ?? sum
        }
        return nil
    }

    /// `f = c r^k` with `c`, `r` free of `k` (`r^k`, `2^(k+1)`, `x^k/3`).
    static func geometric(_ f: Expr, _ k: Expr, kernel: Kernel) -> (Expr, Expr)? {
        var c: [Expr] = [], r: Expr? = nil
        for factor in PolynomialStructure.factors(f) {
            if !PolynomialStructure.contains(factor, k) { c.append(factor); continue }
            guard r == nil, case .normal(let p) = factor, p.head == .symbol(Sym.Power), p.args.count == 2,
                  !PolynomialStructure.contains(p.args[0], k) else { return nil }
            // base^(α k + β): (base^α)^k · base^β, with α, β free of k.
            let exponent = p.args[1]
            guard PolynomialStructure.isPolynomial(exponent, in: [k]) else { return nil }
            let expanded = kernel.evaluate(.call(Symbol.named("Expand"), exponent))
            let alpha = kernel.evaluate(.call(Symbol.named("Coefficient"), expanded, k, .integer(1)))
            let beta = kernel.evaluate(.call(Symbol.named("Coefficient"), expanded, k, .integer(0)))
            guard !PolynomialStructure.contains(alpha, k), kernel.evaluate(.call(Sym.Plus, beta, .call(Sym.Times, alpha, k))) == expanded else { return nil }
            r = kernel.evaluate(.call(Sym.Power, p.args[0], alpha))
            c.append(.call(Sym.Power, p.args[0], beta))
        }
        guard let ratio = r else { return nil }
        return (kernel.evaluate(.call(Sym.Times, c)), ratio)
    }

    /// Σ_{k=a}^{∞} f for the standard convergent series, `Sum::div` for the harmonic ones; nil else.
    static func infiniteSeries(_ call: BuiltinCall, _ f: Expr, _ v: Symbol, from a: Expr) throws(EvaluationControl) -> Expr? {
        let kernel = call.kernel
        let k = Expr.symbol(v)
        if let (c, r) = geometric(f, k, kernel: kernel) {
            // Σ_{k=a}^{∞} c r^k = c r^a/(1 - r), for |r| < 1 (a number of modulus 1 or more diverges).
            if let m = kernel.evaluate(.call(Symbol.named("Abs"), r)).realValue, m >= 1 { call.message("div"); return nil }
            let sum = kernel.evaluate(.call(Sym.Times, c, .call(Sym.Power, r, a), .call(Sym.Power, .call(Sym.Plus, .integer(1), .call(Sym.Times, .integer(-1), r)), .integer(-1))))
            return try PolynomialBuiltins.together(sum, kernel: kernel) ?? sum
        }
        // c / k^p for integers p (from k = 1): Zeta[p], divergent for p <= 1.
        var c: [Expr] = [], power: Int? = nil, factorial: Expr? = nil, base: Expr? = nil
        for factor in PolynomialStructure.factors(f) {
            if !PolynomialStructure.contains(factor, k) { c.append(factor); continue }
            if case .normal(let p) = factor, p.head == .symbol(Sym.Power), p.args.count == 2 {
                if p.args[0] == k, let e = p.args[1].int, e != Int.min, power == nil { power = e; continue }
                if !PolynomialStructure.contains(p.args[0], k), p.args[1] == k, base == nil { base = p.args[0]; continue }
                if case .normal(let q) = p.args[0], q.head == .symbol(Symbol.named("Factorial")), q.args == [k], p.args[1] == .integer(-1) {
                    factorial = p.args[0]; continue
                }
            }
            if factor == k, power == nil { power = 1; continue }
            return nil
        }
        let coefficient = kernel.evaluate(.call(Sym.Times, c))
        if factorial != nil, power == nil, a == .integer(0) {
            // Σ x^k / k! = E^x.
            return kernel.evaluate(.call(Sym.Times, coefficient, .call(Sym.Power, .symbol(Symbol.named("E")), base ?? .integer(1))))
        }
        if let p = power, base == nil, factorial == nil, a == .integer(1) {
            if p >= -1 { call.message("div"); return nil }
            return kernel.evaluate(.call(Sym.Times, coefficient, .call(Symbol.named("Zeta"), .integer(-p))))
        }
        return nil
    }
}

extension Expr {
    /// The value of an exact or machine real number as a `Double`.
    var realValue: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .real(let d): return d
        case .rational(let n, let d): return Double(n.description).flatMap { x in Double(d.description).map { x / $0 } }
        default: return nil
        }
    }
}
