import RampKernel
import RampSyntax

/// The Dormand–Prince 5(4) embedded Runge–Kutta pair with the standard step-size controller
/// (error in the RMS norm scaled by `atol + rtol |y|`, safety 0.9, growth between 0.2 and 5).
enum DormandPrince {
    struct Trajectory {
        var ts: [Double]
        var ys: [[Double]]
        var dys: [[Double]]
        /// Per step, the fifth term of the continuous extension (h Σ d_i k_i; Hairer's dopri5).
        var corrections: [[Double]] = []
    }

    static let c: [Double] = [0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1, 1]
    static let a: [[Double]] = [
        [],
        [1.0 / 5],
        [3.0 / 40, 9.0 / 40],
        [44.0 / 45, -56.0 / 15, 32.0 / 9],
        [19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729],
        [9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656],
        [35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84],
    ]
    /// The difference of the fifth- and fourth-order weights.
    /// The dense-output weights d_i (Hairer and Wanner's dopri5).
    static let d: [Double] = [-12715105075.0 / 11282082432, 0, 87487479700.0 / 32700410799, -10690763975.0 / 1880347072,
                              701980252875.0 / 199316789632, -1453857185.0 / 822651844, 69997945.0 / 29380423]
    static let e: [Double] = [71.0 / 57600, 0, -71.0 / 16695, 71.0 / 1920, -17253.0 / 339200, 22.0 / 525, -1.0 / 40]

    /// Integrates from (t0, y0) towards `end` (either direction, possibly infinite). Stops early with
    /// `NDSolve::mxst` after `maxSteps` steps (counted over both directions by `steps`) and with
    /// `NDSolve::ndsz` when the step underflows or the values stop being finite.
    static func integrate(_ f: ODEFunction, _ t0: Double, _ y0: [Double], to end: Double, atol: Double, rtol: Double,
                          maxSteps: Int, steps: inout Int, call: BuiltinCall) throws(EvaluationControl) -> Trajectory {
        let kernel = call.kernel
        let direction: Double = end >= t0 ? 1 : -1
        let n = y0.count
        let atol = atol == 0 && rtol == 0 ? 1e-15 : atol
        func scale(_ y: [Double], _ z: [Double], _ i: Int) -> Double { max(atol + rtol * max(abs(y[i]), abs(z[i])), 1e-300) }
        func norm(_ v: [Double], _ y: [Double]) -> Double {
            var s = 0.0
            for i in 0..<n { let q = v[i] / scale(y, y, i); s += q * q }
            return (s / Double(max(n, 1))).squareRoot()
        }
        var trajectory = Trajectory(ts: [t0], ys: [y0], dys: [])
        guard let f0 = try f(t0, y0) else { return trajectory }
        trajectory.dys.append(f0)
        var t = t0, y = y0, k1 = f0
        // Initial step (Hairer, Nørsett and Wanner, II.4).
        let span = abs(end - t0)
        var h: Double
        do {
            let d0 = norm(y0, y0), d1 = norm(f0, y0)
            var h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1
            h0 = min(h0, span)
            let y1 = (0..<n).map { y0[$0] + direction * h0 * f0[$0] }
            var h1 = max(1e-6, h0 * 1e-3)
            if let f1 = try f(t0 + direction * h0, y1) {
                let d2 = norm((0..<n).map { f1[$0] - f0[$0] }, y0) / h0
                if max(d1, d2) > 1e-15 { h1 = Double.pow(0.01 / max(d1, d2), 0.2) }
            }
            h = min(100 * h0, h1, span)
        }
        if !h.isFinite || h <= 0 { h = min(1e-6, span) }
        let hmax = span.isFinite ? span : Double.greatestFiniteMagnitude / 4
        var rejected = false
        while direction * (end - t) > 0 {
            try kernel.checkAbort()
            if steps >= maxSteps {
                call.message("mxst", .integer(maxSteps), .symbol(Symbol.named(xName(call))), .real(t))
                break
            }
            if direction * (t + direction * h - end) > 0 { h = abs(end - t) }
            if h <= 16 * t.magnitude.ulp || h == 0 || !h.isFinite {
                call.message("ndsz", .symbol(Symbol.named(xName(call))), .real(t))
                break
            }
            let hs = direction * h
            var k: [[Double]] = [k1]
            var ok = true
            for s in 1..<7 {
                let ys = (0..<n).map { i in
                    var acc = y[i]
                    for j in 0..<s where a[s][j] != 0 { acc += hs * a[s][j] * k[j][i] }
                    return acc
                }
                let ts = s == 6 ? t + hs : t + c[s] * hs
                guard ys.allSatisfy(\.isFinite), let kv = try f(ts, ys) else { ok = false; break }
                k.append(kv)
            }
            var err = Double.infinity
            var ynew = y
            if ok {
                ynew = (0..<n).map { i in
                    var acc = y[i]
                    for j in 0..<6 where a[6][j] != 0 { acc += hs * a[6][j] * k[j][i] }
                    return acc
                }
                var s = 0.0
                for i in 0..<n {
                    var d = 0.0
                    for j in 0..<7 where e[j] != 0 { d += e[j] * k[j][i] }
                    let q = hs * d / scale(y, ynew, i)
                    s += q * q
                }
                err = (s / Double(max(n, 1))).squareRoot()
                if !err.isFinite || !ynew.allSatisfy(\.isFinite) { err = .infinity }
            }
            if err <= 1 {
                steps += 1
                t += hs
                if direction * (t - end) > 0 || abs(end - t) <= 4 * end.magnitude.ulp { t = end }
                y = ynew
                k1 = k[6]
                trajectory.ts.append(t); trajectory.ys.append(y); trajectory.dys.append(k1)
                trajectory.corrections.append((0..<n).map { i in
                    var acc = 0.0
                    for j in 0..<7 where d[j] != 0 { acc += d[j] * k[j][i] }
                    return hs * acc
                })
                var factor = err == 0 ? 5 : min(5, max(0.2, 0.9 * Double.pow(err, -0.2)))
                if rejected { factor = min(factor, 1) }
                rejected = false
                h = min(h * factor, hmax)
            } else {
                rejected = true
                h *= err.isFinite ? max(0.2, 0.9 * Double.pow(err, -0.2)) : 0.25
            }
        }
        return trajectory
    }

    static func xName(_ call: BuiltinCall) -> String {
        call.args.count >= 3 && call.args[2].hasHead(Sym.List) ? call.args[2].args.first?.symbol?.name ?? "x" : "x"
    }
}
