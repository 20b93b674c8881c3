/// The optimization methods of NetTrain (wolfram-nn.md §4.2), with MXNet's update rules as
/// Wolfram runs them: the summed-loss gradient is divided by the batch size, L2 weight decay is
/// added, then gradients are clipped, then the method's update is applied per array with the
/// array's learning-rate multiplier.
struct OptimizerSettings: Sendable {
    enum Kind: String, Sendable { case adam = "ADAM", sgd = "SGD", rmsprop = "RMSProp" }
    var kind: Kind = .adam
    var learningRate: Double = 0.001
    var beta1: Double = 0.9
    var beta2: Double = 0.999
    var epsilon: Double = 1e-5
    var momentum: Double = 0.93
    /// RMSProp's moving-average factor ("Beta").
    var beta: Double = 0.95
    var l2: Double = 0
    var gradientClipping: Double? = nil
    /// SGD's schedule: "Polynomial" (default for SGD) or constant.
    var polynomialSchedule = false

    /// Defaults of a method (ADAM, SGD, RMSProp).
    static func defaults(_ kind: Kind) -> OptimizerSettings {
        var s = OptimizerSettings()
        s.kind = kind
        switch kind {
        case .adam: break
        case .sgd: s.learningRate = 0.01; s.momentum = 0.93; s.polynomialSchedule = true
        case .rmsprop: s.learningRate = 0.001; s.momentum = 0.9; s.beta = 0.95; s.epsilon = 1e-6
        }
        return s
    }

    /// The learning rate at update `iteration` (0-based) of `total`, before multipliers.
    func scheduledRate(iteration: Int, total: Int) -> Double {
        guard polynomialSchedule, total > 0 else { return learningRate }
        let i = Double(Swift.min(iteration, total)), m = Double(total)
        return learningRate * (1 - i / (m + 1)).squareRoot()
    }
}

/// Optimizer state for every trainable array, updated in place.
struct Optimizer {
    let settings: OptimizerSettings
    /// First moments (ADAM), momentum buffers (SGD, RMSProp), per array.
    var first: [[Float]]
    /// Second moments (ADAM, RMSProp n).
    var second: [[Float]]
    /// RMSProp's running gradient mean.
    var third: [[Float]]
    /// Updates done so far (ADAM's t after the increment).
    var step = 0
    /// ADAM's β1^t and β2^t, kept as running products (two `pow` calls per batch cost about a
    /// tenth of a 3-slope batch).
    var beta1Power = 1.0, beta2Power = 1.0

    init(settings: OptimizerSettings, sizes: [Int]) {
        self.settings = settings
        first = sizes.map { [Float](repeating: 0, count: $0) }
        second = settings.kind == .sgd ? sizes.map { _ in [] } : sizes.map { [Float](repeating: 0, count: $0) }
        third = settings.kind == .rmsprop ? sizes.map { [Float](repeating: 0, count: $0) } : sizes.map { _ in [] }
    }

    /// One update of all arrays. `gradients` are sums over the batch; `multipliers` 0 skips an array.
    mutating func update(weights: inout [[Float]], gradients: [[Float]], multipliers: [Double],
                         batchSize: Int, learningRate lr: Double) {
        step += 1
        let rescale = Float(1.0 / Double(batchSize))
        let wd = Float(settings.l2)
        let clip = settings.gradientClipping.map { Float($0) }
        if settings.kind == .adam {
            beta1Power *= settings.beta1
            beta2Power *= settings.beta2
        }
        for a in weights.indices where multipliers[a] != 0 {
            let n = weights[a].count
            let mult = multipliers[a]
            weights[a].withUnsafeMutableBufferPointer { w in
                gradients[a].withUnsafeBufferPointer { g in
                    first[a].withUnsafeMutableBufferPointer { m in
                        second[a].withUnsafeMutableBufferPointer { v in
                            third[a].withUnsafeMutableBufferPointer { gm in
                                switch settings.kind {
                                case .adam:
                                    let b1 = Float(settings.beta1), b2 = Float(settings.beta2), eps = Float(settings.epsilon)
                                    let lrt = Float(lr * mult * (1 - beta2Power).squareRoot() / (1 - beta1Power))
                                    var start = 0
                                    if clip == nil {
                                        // 16 at a time (the same operations in the same order).
                                        let b1v = SIMD16<Float>(repeating: b1), b2v = SIMD16<Float>(repeating: b2)
                                        let c1 = SIMD16<Float>(repeating: 1 - b1), c2 = SIMD16<Float>(repeating: 1 - b2)
                                        let epsv = SIMD16<Float>(repeating: eps), lrv = SIMD16<Float>(repeating: lrt)
                                        let rv = SIMD16<Float>(repeating: rescale), wdv = SIMD16<Float>(repeating: wd)
                                        while start &+ 16 <= n {
                                            let wi = UnsafeRawPointer(w.baseAddress! + start).loadUnaligned(as: SIMD16<Float>.self)
                                            let gi = UnsafeRawPointer(g.baseAddress! + start).loadUnaligned(as: SIMD16<Float>.self) * rv + wdv * wi
                                            let mi = b1v * UnsafeRawPointer(m.baseAddress! + start).loadUnaligned(as: SIMD16<Float>.self) + c1 * gi
                                            let vi = b2v * UnsafeRawPointer(v.baseAddress! + start).loadUnaligned(as: SIMD16<Float>.self) + c2 * gi * gi
                                            UnsafeMutableRawPointer(m.baseAddress! + start).storeBytes(of: mi, as: SIMD16<Float>.self)
                                            UnsafeMutableRawPointer(v.baseAddress! + start).storeBytes(of: vi, as: SIMD16<Float>.self)
                                            UnsafeMutableRawPointer(w.baseAddress! + start).storeBytes(of: wi - lrv * mi / (vi.squareRoot() + epsv), as: SIMD16<Float>.self)
                                            start &+= 16
                                        }
                                    }
                                    for i in start..<n {
                                        var gi = g[i] * rescale + wd * w[i]
                                        if let c = clip { gi = Swift.min(Swift.max(gi, -c), c) }
                                        m[i] = b1 * m[i] + (1 - b1) * gi
                                        v[i] = b2 * v[i] + (1 - b2) * gi * gi
                                        w[i] -= lrt * m[i] / (v[i].squareRoot() + eps)
                                    }
                                case .sgd:
                                    let mom = Float(settings.momentum), rate = Float(lr * mult)
                                    for i in 0..<n {
                                        var gi = g[i] * rescale + wd * w[i]
                                        if let c = clip { gi = Swift.min(Swift.max(gi, -c), c) }
                                        if mom == 0 {
                                            w[i] -= rate * gi
                                        } else {
                                            m[i] = mom * m[i] - rate * gi
                                            w[i] += m[i]
                                        }
                                    }
                                case .rmsprop:
                                    let beta = Float(settings.beta), mom = Float(settings.momentum)
                                    let eps = Float(settings.epsilon), rate = Float(lr * mult)
                                    for i in 0..<n {
                                        var gi = g[i] * rescale + wd * w[i]
                                        if let c = clip { gi = Swift.min(Swift.max(gi, -c), c) }
                                        v[i] = beta * v[i] + (1 - beta) * gi * gi
                                        gm[i] = beta * gm[i] + (1 - beta) * gi
                                        m[i] = mom * m[i] - rate * gi / (v[i] - gm[i] * gm[i] + eps).squareRoot()
                                        w[i] += m[i]
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
