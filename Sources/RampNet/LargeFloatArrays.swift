import RampKernel

/// Float32 arrays converted from large packed data. Buffers of several megabytes get the
/// transparent-huge-page hint before they are first written: the evaluation thread's allocator
/// serves them with fresh `mmap`s, and 400 MB then costs ~200 faults of 2 MB instead of ~100 000 of
/// 4 KB; training then reads scattered 4 KB rows with far fewer TLB misses.
enum LargeFloatArrays {
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

    /// An array of `count` floats, each written exactly once by `fill` (huge pages from 4 MB on).
    @inline(__always)
    static func make(count: Int, _ fill: (UnsafeMutableBufferPointer<Float>) -> Void) -> [Float] {
        LargeBuffers.make(Float.self, count: count, fill)
    }
}
