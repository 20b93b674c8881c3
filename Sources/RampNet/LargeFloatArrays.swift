#if canImport(Glibc)
import Glibc
#endif

/// Float32 arrays converted from large packed data. Buffers of several megabytes get the
/// transparent-huge-page hint before they are first written: the evaluation thread's allocator
/// serves them with fresh `mmap`s, and 400 MB then costs ~200 faults of 2 MB instead of ~100 000 of
/// 4 KB; training then reads scattered 4 KB rows with far fewer TLB misses.
enum LargeFloatArrays {
    /// Arrays at least this large (in bytes) get the huge-page hint.
    static let hugePageThreshold = 4 << 20

    /// `Float(v)` of every element, in order, and whether all of them are finite as Float32
    /// (NaN, infinities and values beyond Float32's range are not).
    static func converting(_ values: [Double]) -> (floats: [Float], finite: Bool) {
        var exponents: UInt32 = 0
        let floats = values.withUnsafeBufferPointer { src in
            make(count: src.count) { out in
                var marks: UInt32 = 0   // local: a captured variable would be stored every iteration
                for i in 0..<src.count {
                    let f = Float(src[i])
                    out[i] = f
                    marks |= exponentMark(f)
                }
                exponents = marks
            }
        }
        return (floats, exponents & 0x8000_0000 == 0)
    }

    /// `Float(v)` of every element, in order (always finite).
    static func converting(_ values: [Int]) -> [Float] {
        values.withUnsafeBufferPointer { src in
            make(count: src.count) { out in
                for i in 0..<src.count { out[i] = Float(src[i]) }
            }
        }
    }

    /// Whether every element is finite (a branch-free pass that vectorizes).
    static func allFinite(_ values: [Float]) -> Bool {
        let exponents = values.withUnsafeBufferPointer { b in
            var marks: UInt32 = 0
            for v in b { marks |= exponentMark(v) }
            return marks
        }
        return exponents & 0x8000_0000 == 0
    }

    /// The exponent field plus one: bit 31 is set exactly for NaN and the infinities. OR-ed over
    /// an array (a reduction that vectorizes, where a flag set under a condition became a branch).
    @inline(__always)
    static func exponentMark(_ f: Float) -> UInt32 { (f.bitPattern & 0x7F80_0000) &+ 0x0080_0000 }

    /// An array of `count` floats, each written exactly once by `fill`.
    @inline(__always)
    static func make(count: Int, _ fill: (UnsafeMutableBufferPointer<Float>) -> Void) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count * 4 >= hugePageThreshold, let base = buffer.baseAddress { adviseHugePages(UnsafeMutableRawPointer(base), count * 4) }
            fill(UnsafeMutableBufferPointer(rebasing: buffer[0..<count]))
            initialized = count
        }
    }

    /// `madvise(MADV_HUGEPAGE)` over the 2 MB-aligned interior of a fresh, untouched region.
    private static func adviseHugePages(_ start: UnsafeMutableRawPointer, _ length: Int) {
        #if os(Linux)
        let huge = 2 << 20
        let first = (Int(bitPattern: start) + huge - 1) & ~(huge - 1)
        let last = (Int(bitPattern: start) + length) & ~(huge - 1)
        guard last > first, let p = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(p, last - first, MADV_HUGEPAGE)
        #endif
    }
}
