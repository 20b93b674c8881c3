#if canImport(Glibc)
import Glibc
#endif
/// The loss NetTrain attaches to a net's output (wolfram-nn.md §4.3), and what the loss layers
/// compute: per-example losses and the gradient of their sum with respect to the net output.
public enum TrainingLoss: Sendable, Equatable {
    /// `MeanSquaredLossLayer[]`: the mean over elements of (input − target)².
    case meanSquared
    /// `MeanAbsoluteLossLayer[]`: the mean over elements of |input − target|.
    case meanAbsolute
    /// `CrossEntropyLossLayer[form]`.
    case crossEntropy(CrossEntropyForm)

    var layerName: String {
        switch self {
        case .meanSquared: return "MeanSquaredLossLayer"
        case .meanAbsolute: return "MeanAbsoluteLossLayer"
        case .crossEntropy: return "CrossEntropyLossLayer"
        }
    }

    /// The shape of the targets for a net output of `output`: the same, except class indices
    /// (`"Index"`), which drop the class dimension.
    func targetShape(_ output: PortShape?) -> PortShape? {
        guard case .crossEntropy(.index) = self else { return output }
        return output.map { Array($0.dropLast()) }
    }

    /// Per-example losses (accumulated in Double) and the gradient of their sum.
    public func evaluate(output x: Tensor, target t: Tensor) -> (losses: [Float], gradient: Tensor) {
        switch self {
        case .crossEntropy(let form): return form.evaluate(output: x, target: t)
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

/// The forms of `CrossEntropyLossLayer` (Wolfram's reference page): probabilities against class
/// indices or class probability vectors along the last dimension (the loss is the mean over the
/// other dimensions), or element-wise binary probabilities (the mean over elements). Logarithms
/// of probabilities below 10⁻¹⁵ use 10⁻¹⁵, so a zero probability gives a large finite loss.
extension TrainingLoss {
    /// Whether the loss scores a classification, so NetTrain measures an error rate beside it.
    var classifies: Bool { if case .crossEntropy = self { return true } else { return false } }

    /// How many of a batch's predictions are wrong (each example counts 1/groups per group of
    /// classes): the class of largest output against the target's class (`"Index"`), the largest
    /// target probability (`"Probabilities"`), or each output against 0.5 (`"Binary"`).
    func errors(output x: Tensor, target t: Tensor) -> Double {
        guard case .crossEntropy(let form) = self else { return 0 }
        let batch = x.shape.first ?? 1
        let n = x.count / Swift.max(batch, 1)
        var wrong = 0.0
        if form == .binary {
            for i in 0..<x.count where (x.data[i] >= 0.5) != (t.data[i] >= 0.5) { wrong += 1 / Double(n) }
            return wrong
        }
        let classes = Swift.max(x.shape.last ?? 1, 1)
        let groups = Swift.max(n / classes, 1)
        func argmax(_ d: [Float], _ base: Int) -> Int {
            var best = 0
            for c in 1..<classes where d[base + c] > d[base + best] { best = c }
            return best
        }
        for b in 0..<batch {
            for k in 0..<groups {
                let base = b * n + k * classes
                let truth = form == .index ? Int(t.data[b * groups + k]) - 1 : argmax(t.data, base)
                if argmax(x.data, base) != truth { wrong += 1 / Double(groups) }
            }
        }
        return wrong
    }
}

public enum CrossEntropyForm: String, Sendable, Equatable {
    case index = "Index"
    case probabilities = "Probabilities"
    case binary = "Binary"

    static let floor: Float = 1e-15

    func evaluate(output x: Tensor, target t: Tensor) -> (losses: [Float], gradient: Tensor) {
        let batch = x.shape.first ?? 1
        let n = x.count / Swift.max(batch, 1)
        var losses = [Float](repeating: 0, count: batch)
        var g = [Float](repeating: 0, count: x.count)
        switch self {
        case .binary:
            for b in 0..<batch {
                var s: Double = 0
                for i in (b * n)..<((b + 1) * n) {
                    let p = Swift.min(Swift.max(x.data[i], Self.floor), 1 - Self.floor), y = t.data[i]
                    s -= Double(y * logf(p) + (1 - y) * logf(1 - p))
                    g[i] = (-y / p + (1 - y) / (1 - p)) / Float(n)
                }
                losses[b] = Float(s / Double(n))
            }
        case .probabilities, .index:
            let classes = x.shape.last ?? 1
            let groups = Swift.max(n / Swift.max(classes, 1), 1)
            for b in 0..<batch {
                var s: Double = 0
                for k in 0..<groups {
                    let base = b * n + k * classes
                    if self == .index {
                        let c = Int(t.data[b * groups + k]) - 1
                        guard c >= 0 && c < classes else { s = .nan; continue }
                        let p = Swift.max(x.data[base + c], Self.floor)
                        s -= Double(logf(p))
                        g[base + c] = -1 / p / Float(groups)
                    } else {
                        for c in 0..<classes {
                            let p = Swift.max(x.data[base + c], Self.floor), y = t.data[base + c]
                            s -= Double(y * logf(p))
                            g[base + c] = -y / p / Float(groups)
                        }
                    }
                }
                losses[b] = Float(s / Double(groups))
            }
        }
        return (losses, Tensor(shape: x.shape, data: g))
    }
}
