import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// How the slopes of a `ParametricRampLayer` map onto the elements of an input tensor, and the
/// forward and backward passes over that mapping (SIMD16, split over cores for large tensors).
///
/// Each dimension of the input (batch dimensions included) has a *slope stride*: 0 when the slope is
/// shared along it, the row-major stride of that level in the slope array otherwise. Adjacent
/// dimensions are merged when they can be, then one of three strategies runs:
/// - uniform: one slope for every element;
/// - periodic: the slope pattern repeats every `period` elements (the batch, or dimensions without
///   a slope of their own, outermost); the pattern is expanded once into a cache-resident tile;
/// - general: an odometer over the outer dimensions, each step a long contiguous run.
public struct SlopeLayout: Sendable, Equatable {
    struct Dim: Sendable, Equatable { var size: Int; var stride: Int }
    enum Strategy: Sendable, Equatable {
        case uniform
        case periodic(indices: [Int])
        case general
    }

    let dims: [Dim]
    let strategy: Strategy
    /// Number of elements covered.
    public let count: Int
    /// Number of slopes.
    public let slopeCount: Int

    /// The layout for an input of `exampleShape` (repeated `batch` times in front) whose slopes
    /// run along `levels` (0-based example dimensions, in slope-array order).
    public init(exampleShape: [Int], batch: Int, levels: [Int]) {
        let slopeShape = levels.map { exampleShape[$0] }
        let slopeStrides = rowMajorStrides(slopeShape)
        var strides = [Int](repeating: 0, count: exampleShape.count)
        for (k, level) in levels.enumerated() { strides[level] = slopeStrides[k] }
        self.init(shape: [batch] + exampleShape, slopeStrides: [0] + strides, slopeCount: slopeShape.reduce(1, *))
    }

    /// The layout for a tensor of `shape` whose dimension i advances the slope index by `slopeStrides[i]`.
    init(shape: [Int], slopeStrides: [Int], slopeCount: Int) {
        var merged: [Dim] = []
        for (size, stride) in zip(shape, slopeStrides) where size != 1 {
            let d = Dim(size: size, stride: size == 1 ? 0 : stride)
            if let last = merged.last,
               (last.stride == 0 && d.stride == 0) || (d.stride != 0 && last.stride == d.stride * d.size) {
                merged[merged.count - 1] = Dim(size: last.size * d.size, stride: d.stride)
            } else {
                merged.append(d)
            }
        }
        if merged.isEmpty { merged = [Dim(size: shape.reduce(1, *), stride: 0)] }
        dims = merged
        count = shape.reduce(1, *)
        self.slopeCount = slopeCount
        if merged.allSatisfy({ $0.stride == 0 }) {
            strategy = .uniform
            return
        }
        let period = merged[0].stride == 0 ? count / merged[0].size : count
        let last = merged[merged.count - 1]
        if (last.stride == 0 && last.size >= 256) || period > 65536 || count == 0 {
            strategy = .general
        } else {
            let inner = merged[0].stride == 0 ? Array(merged.dropFirst()) : merged
            var indices = [Int](repeating: 0, count: period)
            var idx = [Int](repeating: 0, count: inner.count)
            var offset = 0
            for j in 0..<period {
                indices[j] = offset
                var k = inner.count - 1
                while k >= 0 {
                    idx[k] += 1
                    offset += inner[k].stride
                    if idx[k] < inner[k].size { break }
                    offset -= inner[k].stride * inner[k].size
                    idx[k] = 0
                    k -= 1
                }
            }
            strategy = .periodic(indices: indices)
        }
    }
}

// MARK: - Threads

/// Number of worker threads for memory-bound kernels (the memory bus saturates at 2–4 cores).
let kernelThreads: Int = {
    #if canImport(Glibc)
    let n = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    return max(1, min(n, 4))
    #else
    return 2
    #endif
}()

/// Elements below which a kernel stays on the calling thread.
let parallelThreshold = 1 << 18

/// Raw pointers handed to worker threads (each thread touches a disjoint range).
struct KernelPointers: @unchecked Sendable {
    var x: UnsafePointer<Float>
    var g: UnsafePointer<Float>?
    var y: UnsafeMutablePointer<Float>
    var s: UnsafePointer<Float>
    var acc: UnsafeMutablePointer<Double>?
}

/// Runs `body(part, range)` over `parts` contiguous slices of `0..<n`.
@inline(__always)
func splitWork(_ n: Int, parts: Int, _ body: @Sendable (Int, Range<Int>) -> Void) {
    if parts <= 1 { body(0, 0..<n); return }
    DispatchQueue.concurrentPerform(iterations: parts) { p in
        body(p, (n * p / parts)..<(n * (p + 1) / parts))
    }
}

// MARK: - Inner loops

@inline(__always)
func leakyScalarRun(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ a: Float, _ n: Int) {
    let av = SIMD16<Float>(repeating: a)
    var i = 0
    while i &+ 16 <= n {
        let v = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD16<Float>.self)
        UnsafeMutableRawPointer(y + i).storeBytes(of: v.replacing(with: v * av, where: v .<= 0), as: SIMD16<Float>.self)
        i &+= 16
    }
    while i < n { let v = x[i]; y[i] = v > 0 ? v : a * v; i &+= 1 }
}

@inline(__always)
func leakyVectorRun(_ x: UnsafePointer<Float>, _ e: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
    var i = 0
    while i &+ 16 <= n {
        let v = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD16<Float>.self)
        let s = UnsafeRawPointer(e + i).loadUnaligned(as: SIMD16<Float>.self)
        UnsafeMutableRawPointer(y + i).storeBytes(of: v.replacing(with: v * s, where: v .<= 0), as: SIMD16<Float>.self)
        i &+= 16
    }
    while i < n { let v = x[i]; y[i] = v > 0 ? v : e[i] * v; i &+= 1 }
}

/// dx = x > 0 ? g : a g over a run; returns Σ (x > 0 ? 0 : g x).
@inline(__always)
func leakyScalarBackRun(_ x: UnsafePointer<Float>, _ g: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>,
                        _ a: Float, _ n: Int) -> Double {
    let av = SIMD16<Float>(repeating: a)
    var total = 0.0
    var i = 0
    while i < n - 15 {
        var acc = SIMD16<Float>(repeating: 0)
        let end = Swift.min(n &- 15, i &+ 16 * 256)
        while i < end {
            let v = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD16<Float>.self)
            let gv = UnsafeRawPointer(g + i).loadUnaligned(as: SIMD16<Float>.self)
            let pos = v .> 0
            UnsafeMutableRawPointer(dx + i).storeBytes(of: (gv * av).replacing(with: gv, where: pos), as: SIMD16<Float>.self)
            acc += (gv * v).replacing(with: 0, where: pos)
            i &+= 16
        }
        total += Double(acc.sum())
    }
    while i < n {
        let v = x[i], gi = g[i]
        if v > 0 { dx[i] = gi } else { dx[i] = a * gi; total += Double(gi * v) }
        i &+= 1
    }
    return total
}

/// dx = x > 0 ? g : e g over a run; acc[i] += (x > 0 ? 0 : g x).
@inline(__always)
func leakyVectorBackRun(_ x: UnsafePointer<Float>, _ g: UnsafePointer<Float>, _ e: UnsafePointer<Float>,
                        _ dx: UnsafeMutablePointer<Float>, _ acc: UnsafeMutablePointer<Float>, _ n: Int) {
    var i = 0
    while i &+ 16 <= n {
        let v = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD16<Float>.self)
        let gv = UnsafeRawPointer(g + i).loadUnaligned(as: SIMD16<Float>.self)
        let s = UnsafeRawPointer(e + i).loadUnaligned(as: SIMD16<Float>.self)
        let pos = v .> 0
        UnsafeMutableRawPointer(dx + i).storeBytes(of: (gv * s).replacing(with: gv, where: pos), as: SIMD16<Float>.self)
        let old = UnsafeRawPointer(acc + i).loadUnaligned(as: SIMD16<Float>.self)
        UnsafeMutableRawPointer(acc + i).storeBytes(of: old + (gv * v).replacing(with: 0, where: pos), as: SIMD16<Float>.self)
        i &+= 16
    }
    while i < n {
        let v = x[i], gi = g[i]
        if v > 0 { dx[i] = gi } else { dx[i] = e[i] * gi; acc[i] += gi * v }
        i &+= 1
    }
}

// MARK: - Passes

/// The slopes of `indices` (one period) repeated over `tile` elements.
func expandSlopes(_ s: UnsafePointer<Float>, _ indices: [Int], _ tile: Int) -> [Float] {
    [Float](unsafeUninitializedCapacity: tile) { e, initialized in
        indices.withUnsafeBufferPointer { ix in
            var k = 0
            for j in 0..<tile {
                e[j] = s[ix[k]]
                k += 1
                if k == ix.count { k = 0 }
            }
        }
        initialized = tile
    }
}

extension SlopeLayout {
    /// Tile length of the periodic strategy: whole periods, about 4096 elements.
    private func tileLength(period: Int) -> Int {
        Swift.min(count, period * Swift.max(1, 4096 / period))
    }

    private func threads(for n: Int) -> Int { n >= parallelThreshold ? kernelThreads : 1 }

    /// Slope offset of outer flat index k (the dimensions before the innermost run).
    @inline(__always)
    private func outerOffset(_ k: Int) -> Int {
        var k = k, offset = 0
        var d = dims.count - 2
        while d >= 0 {
            let size = dims[d].size
            offset += (k % size) * dims[d].stride
            k /= size
            d -= 1
        }
        return offset
    }

    /// y = x > 0 ? x : s x, the slope of each element chosen by this layout.
    /// `x.count` must equal `count` and `slopes.count` `slopeCount`.
    public func forward(_ x: [Float], slopes: [Float]) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { yb, initialized in
            x.withUnsafeBufferPointer { xb in
                slopes.withUnsafeBufferPointer { sb in
                    if count > 0 { forward(xb.baseAddress!, sb.baseAddress!, yb.baseAddress!) }
                }
            }
            initialized = count
        }
    }

    func forward(_ x: UnsafePointer<Float>, _ s: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        let n = count
        switch strategy {
        case .uniform:
            let p = KernelPointers(x: x, y: y, s: s)
            splitWork(n, parts: threads(for: n)) { _, r in
                leakyScalarRun(p.x + r.lowerBound, p.y + r.lowerBound, p.s[0], r.count)
            }
        case .periodic(let indices):
            let tile = tileLength(period: indices.count)
            let e = expandSlopes(s, indices, tile)
            e.withUnsafeBufferPointer { eb in
                let p = KernelPointers(x: x, y: y, s: eb.baseAddress!)
                let chunks = (n + tile - 1) / tile
                splitWork(chunks, parts: threads(for: n)) { _, r in
                    for c in r {
                        let off = c * tile
                        leakyVectorRun(p.x + off, p.s, p.y + off, Swift.min(tile, n - off))
                    }
                }
            }
        case .general:
            let run = dims[dims.count - 1]
            let outer = n / run.size
            let p = KernelPointers(x: x, y: y, s: s)
            let layout = self
            let work: @Sendable (Int, Range<Int>) -> Void = { k, r in
                let base = k * run.size
                let o = layout.outerOffset(k)
                switch run.stride {
                case 0: leakyScalarRun(p.x + base + r.lowerBound, p.y + base + r.lowerBound, p.s[o], r.count)
                case 1: leakyVectorRun(p.x + base + r.lowerBound, p.s + o + r.lowerBound, p.y + base + r.lowerBound, r.count)
                default:
                    for i in r {
                        let v = p.x[base + i]
                        p.y[base + i] = v > 0 ? v : p.s[o + i * run.stride] * v
                    }
                }
            }
            if outer == 1 {
                splitWork(run.size, parts: threads(for: n)) { _, r in work(0, r) }
            } else {
                splitWork(outer, parts: threads(for: n)) { _, r in
                    for k in r { work(k, 0..<run.size) }
                }
            }
        }
    }

    /// The backward pass: the input gradient `g (x > 0 ? 1 : s)` and the slope gradient
    /// `Σ g x` over the elements with `x ≤ 0` that share each slope (batch included).
    public func backward(_ x: [Float], gradient g: [Float], slopes: [Float]) -> (input: [Float], slopes: [Float]) {
        let parts = threads(for: count)
        var acc = [Double](repeating: 0, count: parts * slopeCount)
        let dx = [Float](unsafeUninitializedCapacity: count) { db, initialized in
            x.withUnsafeBufferPointer { xb in
                g.withUnsafeBufferPointer { gb in
                    slopes.withUnsafeBufferPointer { sb in
                        acc.withUnsafeMutableBufferPointer { ab in
                            if count > 0 {
                                backward(xb.baseAddress!, gb.baseAddress!, sb.baseAddress!, db.baseAddress!, ab.baseAddress!, parts: parts)
                            }
                        }
                    }
                }
            }
            initialized = count
        }
        var ds = [Float](repeating: 0, count: slopeCount)
        for j in 0..<slopeCount {
            var t = 0.0
            for p in 0..<parts { t += acc[p * slopeCount + j] }
            ds[j] = Float(t)
        }
        return (dx, ds)
    }

    func backward(_ x: UnsafePointer<Float>, _ g: UnsafePointer<Float>, _ s: UnsafePointer<Float>,
                  _ dx: UnsafeMutablePointer<Float>, _ acc: UnsafeMutablePointer<Double>, parts: Int) {
        let n = count, m = slopeCount
        switch strategy {
        case .uniform:
            let p = KernelPointers(x: x, g: g, y: dx, s: s, acc: acc)
            splitWork(n, parts: parts) { part, r in
                p.acc![part * m] += leakyScalarBackRun(p.x + r.lowerBound, p.g! + r.lowerBound, p.y + r.lowerBound, p.s[0], r.count)
            }
        case .periodic(let indices):
            let period = indices.count
            let tile = tileLength(period: period)
            let e = expandSlopes(s, indices, tile)
            e.withUnsafeBufferPointer { eb in
                let p = KernelPointers(x: x, g: g, y: dx, s: eb.baseAddress!, acc: acc)
                let chunks = (n + tile - 1) / tile
                splitWork(chunks, parts: parts) { part, r in
                    var tileAcc = [Float](repeating: 0, count: tile)
                    var tileSum = [Double](repeating: 0, count: tile)
                    tileAcc.withUnsafeMutableBufferPointer { ta in
                        tileSum.withUnsafeMutableBufferPointer { ts in
                            var sinceFlush = 0
                            for c in r {
                                let off = c * tile
                                leakyVectorBackRun(p.x + off, p.g! + off, p.s, p.y + off, ta.baseAddress!, Swift.min(tile, n - off))
                                sinceFlush += 1
                                if sinceFlush == 128 {
                                    for j in 0..<tile { ts[j] += Double(ta[j]); ta[j] = 0 }
                                    sinceFlush = 0
                                }
                            }
                            for j in 0..<tile { ts[j] += Double(ta[j]) }
                        }
                    }
                    let out = p.acc! + part * m
                    tileSum.withUnsafeBufferPointer { ts in
                        indices.withUnsafeBufferPointer { ix in
                            var k = 0
                            for j in 0..<tile {
                                out[ix[k]] += ts[j]
                                k += 1
                                if k == period { k = 0 }
                            }
                        }
                    }
                }
            }
        case .general:
            let run = dims[dims.count - 1]
            let outer = n / run.size
            let p = KernelPointers(x: x, g: g, y: dx, s: s, acc: acc)
            let layout = self
            let work: @Sendable (Int, Int, Range<Int>) -> Void = { part, k, r in
                let base = k * run.size
                let o = layout.outerOffset(k)
                let out = p.acc! + part * m
                if run.stride == 0 {
                    out[o] += leakyScalarBackRun(p.x + base + r.lowerBound, p.g! + base + r.lowerBound,
                                                 p.y + base + r.lowerBound, p.s[o], r.count)
                    return
                }
                for i in r {
                    let v = p.x[base + i], gi = p.g![base + i]
                    let si = o + i * run.stride
                    if v > 0 { p.y[base + i] = gi } else { p.y[base + i] = p.s[si] * gi; out[si] += Double(gi * v) }
                }
            }
            if outer == 1 {
                splitWork(run.size, parts: parts) { part, r in work(part, 0, r) }
            } else {
                splitWork(outer, parts: parts) { part, r in
                    for k in r { work(part, k, 0..<run.size) }
                }
            }
        }
    }
}
