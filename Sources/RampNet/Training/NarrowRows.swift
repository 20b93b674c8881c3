/// The fused ParametricRamp pass for examples of fewer than 16 elements (3 slopes: a batch of 64
/// is 192 numbers, and per-example work dominates). Each example is loaded into one SIMD vector
/// (lanes past the example hold other numbers and are ignored), and the slope gradients and squared (or absolute) errors are
/// summed in registers across the rows: no branch on the sign of the data, no store per element,
/// one horizontal sum per half batch.
extension HalfBatch {
    /// Like `run()`, for `exampleSize` < 16.
    func runNarrow() -> Double {
        let n = exampleSize
        if n <= 4 { return narrow(SIMD4<Float>.self) }
        if n <= 8 { return narrow(SIMD8<Float>.self) }
        return narrow(SIMD16<Float>.self)
    }

    @inline(__always)
    private func narrow<V: SIMD>(_: V.Type) -> Double where V.Scalar == Float {
        let n = exampleSize
        var slope = V(repeating: 0)
        for i in 0..<n { slope[i] = slopes[i] }
        let slopeMinusOne = slope - V(repeating: 1)
        var gradient = V(repeating: 0)
        var errors = V(repeating: 0)
        let zero = V(repeating: 0)
        for r in rows {
            let start = r &* n
            let x: V, t: V
            if start &+ V.scalarCount <= elementCount {
                // A whole vector from the row's start. Lanes from n on hold the next rows' numbers:
                // their sums are never read, so they need no masking.
                x = UnsafeRawPointer(inputs + start).loadUnaligned(as: V.self)
                t = UnsafeRawPointer(targets + start).loadUnaligned(as: V.self)
            } else {
                var xs = zero, ts = zero
                for i in 0..<n { xs[i] = inputs[start &+ i]; ts[i] = targets[start &+ i] }
                x = xs; t = ts
            }
            // m = min(x, 0): y = x + (s − 1) m, and the slope gradient is dL/dy · m.
            let m = x.replacing(with: 0, where: x .> 0)
            let d = x + slopeMinusOne * m - t
            if squared {
                errors += d * d
                gradient += d * m
            } else {
                errors += d.replacing(with: -d, where: d .< 0)
                let sign = zero.replacing(with: 1, where: d .> 0).replacing(with: -1, where: d .< 0)
                gradient += sign * m
            }
        }
        // Gradient of the per-example mean: 2 (y − t) / n for squared errors, sign / n for absolute.
        let factor = squared ? 2 * scale : scale
        for i in 0..<n { accumulator[i] = factor * gradient[i] }
        var sum: Float = 0
        for i in 0..<n { sum += errors[i] }
        return Double(sum) / Double(n)
    }
}
