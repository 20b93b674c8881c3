import RampKernel
import RampSyntax

/// Arithmetic of `SeriesData` objects, as Wolfram's: a sum is known to the lowest order of its
/// series (`(x + O[x]^3) + Sin[x]` is `2 x + O[x]^3`), a product to the lowest relative order
/// shifted by the other factors' leading powers (`x (1 + O[x]^3)` is `x + O[x]^4`), a power
/// `s^n` to its relative order past n times its leading power. Other operands are expanded at the
/// series' point; series about other points or in other variables are left alone.
extension SeriesObject: ArithmeticObject {
    /// `e` when it is a series in the same variable about the same point.
    private func compatible(_ e: Expr) -> SeriesObject? {
        guard case .native(let o) = e, let s = o as? SeriesObject, s.variable === variable, s.point == point else { return nil }
        return s
    }

    func plus(_ others: [Expr], kernel: Kernel) throws(EvaluationControl) -> Expr? {
        var order = self.order
        var parts: [Expr] = [normalForm]
        for e in others {
            if let s = compatible(e) { order = min(order, s.order); parts.append(s.normalForm); continue }
            if case .native = e { return nil }
            parts.append(e)
        }
        return try expanded(.call(Sym.Plus, parts), order: order, kernel: kernel)
    }

    func times(_ others: [Expr], kernel: Kernel) throws(EvaluationControl) -> Expr? {
        var valuation = series.valuation
        var relative = order - series.valuation
        var parts: [Expr] = [normalForm]
        for e in others {
            if let s = compatible(e) {
                valuation += s.series.valuation
                relative = min(relative, s.order - s.series.valuation)
                parts.append(s.normalForm)
                continue
            }
            if case .native = e { return nil }
            // The other factor's leading power at the point.
            guard let own = try SeriesBuiltins.series(e, variable, at: point, order: max(relative, 1), kernel: kernel) else { return nil }
            valuation += own.valuation
            parts.append(e)
        }
        return try expanded(.call(Sym.Times, parts), order: valuation + relative, kernel: kernel)
    }

    func power(_ exponent: Expr, kernel: Kernel) throws(EvaluationControl) -> Expr? {
        let relative = order - series.valuation
        if let n = exponent.int {
            guard abs(n) <= 1000 else { return nil }
            if n == 0 { return .integer(1) }
            let valuation = n * series.valuation
            return try expanded(.call(Sym.Power, normalForm, exponent), order: valuation + relative, kernel: kernel)
        }
        // A non-integer power of a series starting with a constant.
        guard series.valuation == 0, exponent.isNumber || !PolynomialStructure.contains(exponent, .symbol(variable)) else { return nil }
        return try expanded(.call(Sym.Power, normalForm, exponent), order: relative, kernel: kernel)
    }

    /// The series of `e` about this object's point, known below `(x - x0)^order`.
    private func expanded(_ e: Expr, order: Int, kernel: Kernel) throws(EvaluationControl) -> Expr? {
        guard order - 1 <= 1000 else { return nil }
        let f = try kernel.eval(e)
        var s = PowerSeries(valuation: order, coefficients: [])
        if order - 1 >= -1000, let full = try SeriesBuiltins.series(f, variable, at: point, order: max(order - 1, 0), kernel: kernel) {
            s = full
        } else if order - 1 >= 0 {
            return nil
        }
        // Keep what is known: powers below `order`.
        if s.valuation >= order { s = PowerSeries(valuation: order, coefficients: []) }
        else if s.precision > order { s.coefficients = Array(s.coefficients.prefix(order - s.valuation)) }
        return .native(SeriesObject(variable: variable, point: point, series: s.normalized(kernel), order: order, kernel: kernel))
    }
}

extension SeriesObject {
    /// The term-by-term derivative in the series' own variable, known to one order less
    /// (`D[x - x^3/6 + O[x]^5, x]` is `1 - x^2/2 + O[x]^4`).
    func derivative(kernel: Kernel) throws(EvaluationControl) -> Expr {
        var coefficients: [Expr] = []
        for (i, c) in series.coefficients.enumerated() {
            coefficients.append(try kernel.eval(.call(Sym.Times, .integer(series.valuation + i), c)))
        }
        let s = PowerSeries(valuation: series.valuation - 1, coefficients: coefficients).normalized(kernel)
        return .native(SeriesObject(variable: variable, point: point, series: s, order: order - 1, kernel: kernel))
    }
}
