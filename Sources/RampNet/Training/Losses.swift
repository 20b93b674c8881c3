/// The loss NetTrain attaches to a net's output (wolfram-nn.md §4.3), and what the loss layers
/// compute: per-example losses and the gradient of their sum with respect to the net output.
public enum TrainingLoss: Sendable, Equatable {
    /// `MeanSquaredLossLayer[]`: the mean over elements of (input − target)².
    case meanSquared
    /// `MeanAbsoluteLossLayer[]`: the mean over elements of |input − target|.
    case meanAbsolute

    var layerName: String {
        switch self {
        case .meanSquared: return "MeanSquaredLossLayer"
        case .meanAbsolute: return "MeanAbsoluteLossLayer"
        }
    }

    /// Per-example losses (accumulated in Double) and the gradient of their sum.
    public func evaluate(output x: Tensor, target t: Tensor) -> (losses: [Float], gradient: Tensor) {
        switch self {
        case .meanSquared:
            let batch = x.shape.first ?? 1
            let n = x.count / Swift.max(batch, 1)
            var losses = [Float](repeating: 0, count: batch)
            var g = [Float](repeating: 0, count: x.count)
            for b in 0..<batch {
                var s: Double = 0
                for i in (b * n)..<((b + 1) * n) {
                    let d = x.data[i] - t.data[i]
                    s += Double(d * d)
                    g[i] = 2 * d / Float(n)
                }
                losses[b] = Float(s / Double(n))
            }
            return (losses, Tensor(shape: x.shape, data: g))
        case .meanAbsolute:
            let batch = x.shape.first ?? 1
            let n = x.count / Swift.max(batch, 1)
            var losses = [Float](repeating: 0, count: batch)
            var g = [Float](repeating: 0, count: x.count)
            x.data.withUnsafeBufferPointer { xb in
                t.data.withUnsafeBufferPointer { tb in
                    for b in 0..<batch {
                        var s: Double = 0
                        for i in (b * n)..<((b + 1) * n) {
                            let d = xb[i] - tb[i]
                            s += Double(abs(d))
                            g[i] = d > 0 ? 1 / Float(n) : (d < 0 ? -1 / Float(n) : 0)
                        }
                        losses[b] = Float(s / Double(n))
                    }
                }
            }
            return (losses, Tensor(shape: x.shape, data: g))
        }
    }
}
