import Testing
@testable import RampNet

/// An independent scalar reference: walks every element's multi-index and picks its slope by the
/// row-major index over the selected levels (in the order given).
struct ScalarPReLU {
    let exampleShape: [Int]
    let batch: Int
    let levels: [Int]   // 0-based, slope order

    var slopeShape: [Int] { levels.map { exampleShape[$0] } }
    var slopeCount: Int { slopeShape.reduce(1, *) }
    var count: Int { batch * exampleShape.reduce(1, *) }

    func slopeIndex(flat: Int) -> Int {
        var idx = [Int](repeating: 0, count: exampleShape.count)
        var rest = flat % exampleShape.reduce(1, *)
        for d in stride(from: exampleShape.count - 1, through: 0, by: -1) {
            idx[d] = rest % exampleShape[d]
            rest /= exampleShape[d]
        }
        var s = 0
        for l in levels { s = s * exampleShape[l] + idx[l] }
        return s
    }

    func forward(_ x: [Float], _ slopes: [Float]) -> [Float] {
        (0..<count).map { i in x[i] > 0 ? x[i] : slopes[slopeIndex(flat: i)] * x[i] }
    }

    func backward(_ x: [Float], _ g: [Float], _ slopes: [Float]) -> ([Float], [Double]) {
        var dx = [Float](repeating: 0, count: count)
        var ds = [Double](repeating: 0, count: slopeCount)
        for i in 0..<count {
            let k = slopeIndex(flat: i)
            if x[i] > 0 { dx[i] = g[i] } else { dx[i] = slopes[k] * g[i]; ds[k] += Double(g[i] * x[i]) }
        }
        return (dx, ds)
    }
}

/// Deterministic pseudo-random floats in [-1, 1) with a few special values mixed in.
func testData(_ n: Int, seed: UInt64, specials: Bool = false) -> [Float] {
    var r = NetRandom(seed: seed)
    var out = (0..<n).map { _ in r.symmetric(1) }
    if specials && n > 8 {
        out[1] = 0; out[2] = -0.0; out[3] = .nan; out[4] = .infinity; out[5] = -.infinity
    }
    return out
}

func sameBits(_ a: [Float], _ b: [Float]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }
}

func close(_ a: [Float], _ b: [Double], tolerance: Double = 1e-4) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { x, y in
        (x.isNaN && y.isNaN) || Double(x) == y || abs(Double(x) - y) <= tolerance * Swift.max(1, abs(y))
    }
}

@Suite struct PReLUKernelTests {
    static let cases: [([Int], [Int])] = [
        ([3], [0]), ([3], []),
        ([3, 4], [0]), ([3, 4], [1]), ([3, 4], [0, 1]), ([3, 4], []), ([3, 4], [1, 0]),
        ([2, 3, 4], [0]), ([2, 3, 4], [1]), ([2, 3, 4], [2]), ([2, 3, 4], [0, 1]), ([2, 3, 4], [1, 2]),
        ([2, 3, 4], [0, 2]), ([2, 3, 4], [0, 1, 2]), ([2, 3, 4], []), ([2, 3, 4], [2, 0]),
    ]

    @Test(arguments: [1, 5, 33])
    func everyLevelFormMatchesTheScalarReference(batch: Int) {
        for (shape, levels) in Self.cases {
            let ref = ScalarPReLU(exampleShape: shape, batch: batch, levels: levels)
            let layout = SlopeLayout(exampleShape: shape, batch: batch, levels: levels)
            let x = testData(ref.count, seed: 7, specials: true)
            let g = testData(ref.count, seed: 8)
            let s = (0..<ref.slopeCount).map { Float($0 + 1) * 0.05 }
            let forwardOK = sameBits(layout.forward(x, slopes: s), ref.forward(x, s))
            #expect(forwardOK, "forward \(shape) \(levels)")
            let (dx, ds) = layout.backward(x, gradient: g, slopes: s)
            let (rdx, rds) = ref.backward(x, g, s)
            let dxOK = sameBits(dx, rdx), dsOK = close(ds, rds)
            #expect(dxOK, "dx \(shape) \(levels)")
            #expect(dsOK, "dslope \(shape) \(levels)")
        }
    }

    /// Large tensors take the threaded and general paths.
    @Test(arguments: [[0], [1], [0, 1], [], [1, 0]])
    func largeTensorsMatchTheReference(levels: [Int]) {
        let shape = [300, 500]
        let ref = ScalarPReLU(exampleShape: shape, batch: 3, levels: levels)
        let layout = SlopeLayout(exampleShape: shape, batch: 3, levels: levels)
        let x = testData(ref.count, seed: 11, specials: true)
        let g = testData(ref.count, seed: 12)
        let s = (0..<ref.slopeCount).map { Float($0 % 97) * 0.01 }
        let forwardOK = sameBits(layout.forward(x, slopes: s), ref.forward(x, s))
        #expect(forwardOK)
        let (dx, ds) = layout.backward(x, gradient: g, slopes: s)
        let (rdx, rds) = ref.backward(x, g, s)
        let dxOK = sameBits(dx, rdx), dsOK = close(ds, rds, tolerance: 1e-3)
        #expect(dxOK)
        #expect(dsOK)
    }

    @Test func strategiesAreChosenByLayout() {
        #expect(SlopeLayout(exampleShape: [3, 4], batch: 2, levels: []).strategy == .uniform)
        #expect(SlopeLayout(exampleShape: [3], batch: 10, levels: [0]).strategy == .periodic(indices: [0, 1, 2]))
        #expect(SlopeLayout(exampleShape: [3, 1000], batch: 2, levels: [0]).strategy == .general)
    }

    @Test func varyingSequencesUseTheSameKernel() {
        // {"Varying", 3} with slopes on level 2: sequences of any length share the 3 slopes.
        for length in [1, 4, 9] {
            let ref = ScalarPReLU(exampleShape: [length, 3], batch: 1, levels: [1])
            let layout = SlopeLayout(exampleShape: [length, 3], batch: 1, levels: [1])
            let x = testData(ref.count, seed: UInt64(length))
            let s: [Float] = [0.1, 0.2, 0.3]
            let ok = sameBits(layout.forward(x, slopes: s), ref.forward(x, s))
            #expect(ok)
        }
    }
}
