import RampKernel
import RampSyntax

/// One batch of training: the mean per-example loss and the gradients of the summed loss with
/// respect to every trainable array, written into buffers the trainer allocated once.
protocol BatchGradient {
    /// Runs the examples `rows` of the data with the arrays `weights`; writes `gradients` (same
    /// sizes as `weights`, sums over the batch) and returns the mean per-example loss.
    mutating func run(rows: UnsafeBufferPointer<Int>, weights: [[Float]], gradients: inout [[Float]]) -> Double
}

enum BatchGradients {
    /// The fastest gradient for a net and loss: the fused ParametricRamp kernel when the net is one
    /// ParametricRampLayer, else the layers' own forward and backward passes.
    static func make(net: any NetLayer, data: TrainingData, loss: TrainingLoss, shapes: [[Int]], batchSize: Int) -> any BatchGradient {
        var layer: ParametricRampLayer? = net as? ParametricRampLayer
        if let chain = net as? NetChain, chain.layers.count == 1 { layer = chain.layers[0] as? ParametricRampLayer }
        if let layer, loss == .meanSquared || loss == .meanAbsolute,
           let fused = FusedRampGradient(layer: layer, data: data, loss: loss, batchSize: batchSize) { return fused }
        return LayerGradient(net: net, data: data, loss: loss, shapes: shapes, batchSize: batchSize)
    }
}

// MARK: - Any net

/// The general case: gathers the batch into reused buffers, runs `forward`, the loss and
/// `backward` of the net rebuilt with the current arrays.
struct LayerGradient: BatchGradient {
    let net: any NetLayer
    let data: TrainingData
    let loss: TrainingLoss
    let shapes: [[Int]]
    let inner: (input: [Int], target: [Int])
    var inputBuffer: [Float]
    var targetBuffer: [Float]

    init(net: any NetLayer, data: TrainingData, loss: TrainingLoss, shapes: [[Int]], batchSize: Int) {
        self.net = net
        self.data = data
        self.loss = loss
        self.shapes = shapes
        inner = (Array(data.inputs.shape.dropFirst()), Array(data.targets.shape.dropFirst()))
        inputBuffer = [Float](repeating: 0, count: batchSize * inner.input.reduce(1, *))
        targetBuffer = [Float](repeating: 0, count: batchSize * inner.target.reduce(1, *))
    }

    mutating func run(rows: UnsafeBufferPointer<Int>, weights: [[Float]], gradients: inout [[Float]]) -> Double {
        // The net shares the weights' storage only for this batch, so the optimizer's in-place
        // update afterwards does not copy them.
        let current = net.withArrayValues(zip(shapes, weights).map { Tensor(shape: $0, data: $1) })
        let x = Self.gather(data.inputs.data, inner.input, rows, into: &inputBuffer)
        let t = Self.gather(data.targets.data, inner.target, rows, into: &targetBuffer)
        let losses: [Float]
        if let chain = current as? NetChain {
            // Layer by layer, keeping the activations (NetChain.backward would run forward again).
            var activations = [x]
            for l in chain.layers { activations.append(l.forward(activations[activations.count - 1])) }
            let (l, dy) = loss.evaluate(output: activations[activations.count - 1], target: t)
            losses = l
            var g = dy
            var a = gradients.count
            for i in stride(from: chain.layers.count - 1, through: 0, by: -1) {
                let r = chain.layers[i].backward(input: activations[i], output: activations[i + 1], gradient: g)
                g = r.input
                a -= r.arrays.count
                for (k, array) in r.arrays.enumerated() { gradients[a + k] = array.data }
            }
        } else {
            let y = current.forward(x)
            let (l, dy) = loss.evaluate(output: y, target: t)
            losses = l
            let back = current.backward(input: x, output: y, gradient: dy)
            for a in gradients.indices { gradients[a] = back.arrays[a].data }
        }
        return losses.reduce(0.0) { $0 + Double($1) } / Double(Swift.max(losses.count, 1))
    }

    /// The examples `rows` as one tensor; full batches reuse `buffer`.
    static func gather(_ src: [Float], _ inner: [Int], _ rows: UnsafeBufferPointer<Int>, into buffer: inout [Float]) -> Tensor {
        let n = inner.reduce(1, *)
        let total = rows.count * n
        if total != buffer.count {
            return Tensor(shape: [rows.count] + inner) { out in copyRows(src, n, rows, out.baseAddress!) }
        }
        buffer.withUnsafeMutableBufferPointer { out in copyRows(src, n, rows, out.baseAddress!) }
        return Tensor(shape: [rows.count] + inner, data: buffer)
    }

    static func copyRows(_ src: [Float], _ n: Int, _ rows: UnsafeBufferPointer<Int>, _ out: UnsafeMutablePointer<Float>) {
        src.withUnsafeBufferPointer { s in
            guard let base = s.baseAddress else { return }
            for (k, r) in rows.enumerated() { (out + k * n).update(from: base + r * n, count: n) }
        }
    }
}

// MARK: - One ParametricRampLayer

/// A ParametricRampLayer trained alone with a mean squared or mean absolute loss, in one pass per
/// example straight from the training data: `y = x > 0 ? x : s x`, the loss of `y` against the
/// target, and the slope gradient `Σ dL/dy · x` over `x ≤ 0`. No batch is copied, no output or
/// input gradient is stored. Per-element slopes are expanded to one example's length once per
/// batch (unless the slopes already run along the whole example).
struct FusedRampGradient: BatchGradient {
    let inputs: [Float]
    let targets: [Float]
    let loss: TrainingLoss
    /// Elements of one example.
    let exampleSize: Int
    /// Slope index of every element of an example; nil when it is the element index itself.
    let slopeIndex: [Int]?
    let slopeCount: Int
    /// The slopes laid out along one example (only with `slopeIndex`).
    var expanded: [Float]
    /// Slope-gradient sums per element of an example: the first half batch's, then (from
    /// `secondHalfOffset`, a cache line further on) the second half's.
    var accumulator: [Float]
    let secondHalfOffset: Int
    /// The thread that runs second halves of large batches (nil: this thread runs both).
    let helper: BatchHelper?
    /// Batches of at least this many elements use the helper thread. Default 1024: measured epochs
    /// of 10^5 examples, batch 64, 16 slopes 5.5 → 4 ms with the helper; 3 slopes 2.9 → 3–7 ms
    /// (handing over costs more than the 2 µs batch).
    let helperThreshold: Int

    init?(layer: ParametricRampLayer, data: TrainingData, loss: TrainingLoss, batchSize: Int, helperThreshold: Int = 1024) {
        let example = Array(data.inputs.shape.dropFirst())
        guard data.inputs.count == data.targets.count, let levels = layer.levels.resolve(rank: example.count) else { return nil }
        let n = example.reduce(1, *)
        guard n > 0 else { return nil }
        // Slope index of each element: Σ index[level_k] · slopeStride_k.
        let slopeShape = levels.map { example[$0] }
        let slopeStrides = rowMajorStrides(slopeShape)
        var stride = [Int](repeating: 0, count: example.count)
        for (k, level) in levels.enumerated() { stride[level] = slopeStrides[k] }
        var index = [Int](repeating: 0, count: n)
        var position = [Int](repeating: 0, count: example.count)
        var offset = 0
        for j in 0..<n {
            index[j] = offset
            var d = example.count - 1
            while d >= 0 {
                position[d] += 1
                offset += stride[d]
                if position[d] < example[d] { break }
                offset -= stride[d] * example[d]
                position[d] = 0
                d -= 1
            }
        }
        slopeCount = slopeShape.reduce(1, *)
        let identity = slopeCount == n && index.indices.allSatisfy { index[$0] == $0 }
        slopeIndex = identity ? nil : index
        inputs = data.inputs.data
        targets = data.targets.data
        self.loss = loss
        exampleSize = n
        expanded = identity ? [] : [Float](repeating: 0, count: n)
        secondHalfOffset = (n + 15) & ~15
        accumulator = [Float](repeating: 0, count: 2 * secondHalfOffset)
        self.helperThreshold = helperThreshold
        helper = batchSize * n >= helperThreshold ? BatchHelper.start() : nil
    }

    mutating func run(rows: UnsafeBufferPointer<Int>, weights: [[Float]], gradients: inout [[Float]]) -> Double {
        let n = exampleSize
        if let slopeIndex {
            weights[0].withUnsafeBufferPointer { s in
                expanded.withUnsafeMutableBufferPointer { e in
                    for j in 0..<n { e[j] = s[slopeIndex[j]] }
                }
            }
        }
        // The batch in two fixed halves (the first takes the odd row), each summed into its own
        // accumulator, then added: the same numbers whether the helper thread runs the second half
        // or this thread runs both.
        let half = (rows.count + 1) / 2
        let second = secondHalfOffset
        let helper = rows.count &* n >= helperThreshold ? helper : nil
        var total = 0.0
        // The slopes along one example: the array itself, or its expansion.
        let slopes = slopeIndex == nil ? weights[0] : expanded
        accumulator.withUnsafeMutableBufferPointer { acc in
            inputs.withUnsafeBufferPointer { xs in
                targets.withUnsafeBufferPointer { ts in
                    slopes.withUnsafeBufferPointer { sb in
                        let first = HalfBatch(rows: UnsafeBufferPointer(rebasing: rows[..<half]), inputs: xs.baseAddress!,
                                              targets: ts.baseAddress!, elementCount: xs.count, slopes: sb.baseAddress!, accumulator: acc.baseAddress!,
                                              exampleSize: n, squared: loss == .meanSquared, scale: Float(1) / Float(n))
                        var last = first
                        last.rows = UnsafeBufferPointer(rebasing: rows[half...])
                        last.accumulator = acc.baseAddress! + second
                        if let helper {
                            helper.post(last)
                            let a = first.run()
                            total = a + helper.finish()
                        } else {
                            let a = first.run()
                            total = a + last.run()
                        }
                    }
                }
            }
        }
        gradients[0].withUnsafeMutableBufferPointer { g in
            accumulator.withUnsafeBufferPointer { acc in
                if let slopeIndex {
                    var sums = [Double](repeating: 0, count: slopeCount)
                    for j in 0..<n { sums[slopeIndex[j]] += Double(acc[j] + acc[second + j]) }
                    for k in 0..<slopeCount { g[k] = Float(sums[k]) }
                } else {
                    for j in 0..<n { g[j] = acc[j] + acc[second + j] }
                }
            }
        }
        return total / Double(Swift.max(rows.count, 1))
    }
}

/// One example of the fused mean-squared pass: returns Σ (y − t)²; adds `scale (y − t) x` over
/// `x ≤ 0` into `acc` (`scale` = 2 / elements, the gradient of the per-example mean).
/// With `m = min(x, 0)`: `y = x + (s − 1) m` and the slope term is `scale (y − t) m` (0 for
/// `x > 0`): one comparison and no blend.
@inline(__always)
func fusedSquaredRow(_ x: UnsafePointer<Float>, _ t: UnsafePointer<Float>, _ e: UnsafePointer<Float>,
                     _ acc: UnsafeMutablePointer<Float>, _ n: Int, _ scale: Float) -> Double {
    var total = 0.0
    var i = 0
    let sv = SIMD16<Float>(repeating: scale), one = SIMD16<Float>(repeating: 1)
    while i &+ 16 <= n {
        var lanes = SIMD16<Float>(repeating: 0)
        let end = Swift.min(n &- 15, i &+ 16 * 256)
        while i < end {
            let v = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD16<Float>.self)
            let s = UnsafeRawPointer(e + i).loadUnaligned(as: SIMD16<Float>.self)
            let tv = UnsafeRawPointer(t + i).loadUnaligned(as: SIMD16<Float>.self)
            let m = v.replacing(with: 0, where: v .> 0)
            let d = v + (s - one) * m - tv
            lanes += d * d
            let old = UnsafeRawPointer(acc + i).loadUnaligned(as: SIMD16<Float>.self)
            UnsafeMutableRawPointer(acc + i).storeBytes(of: old + sv * d * m, as: SIMD16<Float>.self)
            i &+= 16
        }
        total += Double(lanes.sum())
    }
    while i < n {
        let v = x[i]
        let d = (v > 0 ? v : e[i] * v) - t[i]
        total += Double(d * d)
        if v <= 0 { acc[i] += scale * d * v }
        i &+= 1
    }
    return total
}

/// One example of the fused mean-absolute pass: returns Σ |y − t|; adds `scale sign(y − t) x`
/// over `x ≤ 0` into `acc`.
@inline(__always)
func fusedAbsoluteRow(_ x: UnsafePointer<Float>, _ t: UnsafePointer<Float>, _ e: UnsafePointer<Float>,
                      _ acc: UnsafeMutablePointer<Float>, _ n: Int, _ scale: Float) -> Double {
    var total = 0.0
    var i = 0
    let plus = SIMD16<Float>(repeating: scale), zero = SIMD16<Float>(repeating: 0)
    while i &+ 16 <= n {
        var lanes = SIMD16<Float>(repeating: 0)
        let end = Swift.min(n &- 15, i &+ 16 * 256)
        while i < end {
            let v = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD16<Float>.self)
            let s = UnsafeRawPointer(e + i).loadUnaligned(as: SIMD16<Float>.self)
            let tv = UnsafeRawPointer(t + i).loadUnaligned(as: SIMD16<Float>.self)
            let negative = v .<= 0
            let d = v.replacing(with: v * s, where: negative) - tv
            lanes += d.replacing(with: -d, where: d .< 0)
            let sign = zero.replacing(with: plus, where: d .> 0).replacing(with: -plus, where: d .< 0)
            let old = UnsafeRawPointer(acc + i).loadUnaligned(as: SIMD16<Float>.self)
            UnsafeMutableRawPointer(acc + i).storeBytes(of: old + (sign * v).replacing(with: 0, where: .!negative), as: SIMD16<Float>.self)
            i &+= 16
        }
        total += Double(lanes.sum())
    }
    while i < n {
        let v = x[i]
        let d = (v > 0 ? v : e[i] * v) - t[i]
        total += Double(abs(d))
        if v <= 0 { acc[i] += (d > 0 ? scale : (d < 0 ? -scale : 0)) * v }
        i &+= 1
    }
    return total
}

/// LLVM's prefetch intrinsic (address, 0 = read, locality 3 = keep in all caches, 1 = data cache).
@_silgen_name("llvm.prefetch.p0")
func llvmPrefetch(_ address: UnsafeRawPointer, _ write: Int32, _ locality: Int32, _ dataCache: Int32)

/// Asks for the cache lines of `count` floats at `p` ahead of their use.
@inline(__always)
func prefetchRead(_ p: UnsafePointer<Float>, _ count: Int) {
    let start = UnsafeRawPointer(p)
    var offset = 0
    let bytes = count &* 4
    while offset < bytes {
        llvmPrefetch(start + offset, 0, 3, 1)
        offset &+= 64
    }
}
