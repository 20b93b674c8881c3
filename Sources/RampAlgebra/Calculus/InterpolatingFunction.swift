import RampKernel
import RampSyntax

/// An `InterpolatingFunction` (what `NDSolve` returns): values and first derivatives of one
/// component at the accepted steps, evaluated between them by cubic Hermite interpolation plus the
/// Dormand–Prince continuous extension's quartic correction θ²(1-θ)² r (fourth order). It prints
/// as Wolfram's summary `InterpolatingFunction[{{0., 2.}}, <>]`, applies to real numbers (a list of
/// numbers elementwise), and answers `f["Domain"]`, `f["Coordinates"]`, `f["ValuesOnGrid"]`. Outside
/// the domain it gives `InterpolatingFunction::dmval` and extrapolates the end interval's cubic.
final class InterpolatingFunctionObject: ApplicableObject, @unchecked Sendable {
    /// Increasing abscissas (at least two).
    let grid: [Double]
    let values: [Double]
    let derivatives: [Double]
    /// One per interval (grid.count - 1).
    let corrections: [Double]

    init(grid: [Double], values: [Double], derivatives: [Double], corrections: [Double]) {
        self.grid = grid
        self.values = values
        self.derivatives = derivatives
        self.corrections = corrections
    }

    var head: Symbol { Symbol.named("InterpolatingFunction") }
    var domain: Expr { .list([.list([.real(grid.first!), .real(grid.last!)])]) }
    var inputForm: Expr { .call(head, domain, .symbol(Symbol.named("<>"))) }
    var summary: String { "InterpolatingFunction[\(domain.formatted(.outputForm)), <>]" }

    func isSame(as other: any NativeObject) -> Bool {
        guard let o = other as? InterpolatingFunctionObject else { return false }
        return o === self || (o.grid == grid && o.values == values && o.derivatives == derivatives)
    }
    func hash(into hasher: inout Hasher) {
        hasher.combine(grid.count)
        hasher.combine(grid.first)
        hasher.combine(values.last)
    }

    func apply(_ args: [Expr], kernel: Kernel) throws(EvaluationControl) -> Expr? {
        guard args.count == 1 else { return nil }
        let a = args[0]
        if case .string(let property) = a {
            switch property {
            case "Domain": return domain
            case "Coordinates": return .list([.list(grid.map { .real($0) })])
            case "ValuesOnGrid": return .list(values.map { .real($0) })
            case "InterpolationOrder": return .list([.integer(3)])
            default: return nil
            }
        }
        if a.hasHead(Sym.List) {
            var out: [Expr] = []
            for x in a.args {
                try kernel.checkAbort()
                guard let v = try apply([x], kernel: kernel) else { return nil }
                out.append(v)
            }
            return .list(out)
        }
        var x = Self.real(a)
        if x == nil, !a.isAtom || a.symbol != nil {
            // Exact numeric quantities (Pi, Sqrt[2]) by their machine value.
            x = Self.real(try kernel.eval(.call(Sym.N, a)))
        }
        guard let x else { return nil }
        if x.isNaN { return .real(.nan) }
        if x < grid.first! || x > grid.last! {
            kernel.message(head, "dmval", [.list([a])])
        }
        return .real(value(at: x))
    }

    static func real(_ e: Expr) -> Double? {
        switch e {
        case .integer(let i): return Double(i)
        case .bigInteger(let b): return Double(b)
        case .rational(let n, let d): return Double(n) / Double(d)
        case .real(let d): return d
        default: return nil
        }
    }

    /// The Hermite cubic of the interval holding x (the end ones beyond the domain).
    func value(at x: Double) -> Double {
        var lo = 0, hi = grid.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if grid[mid] <= x { lo = mid } else { hi = mid }
        }
        let h = grid[hi] - grid[lo]
        guard h > 0 else { return values[lo] }
        let s = (x - grid[lo]) / h
        let h00 = (1 + 2 * s) * (1 - s) * (1 - s), h10 = s * (1 - s) * (1 - s)
        let h01 = s * s * (3 - 2 * s), h11 = s * s * (s - 1)
        let r = lo < corrections.count ? corrections[lo] : 0
        return h00 * values[lo] + h10 * h * derivatives[lo] + h01 * values[hi] + h11 * h * derivatives[hi] + s * s * (1 - s) * (1 - s) * r
    }
}
