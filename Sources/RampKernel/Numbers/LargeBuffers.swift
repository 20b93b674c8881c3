#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Allocation of large numeric buffers for packed arrays: no zero-filling pass, and for buffers of
/// several megabytes the kernel is asked for transparent huge pages (as numpy does), so filling
/// 80 MB costs ~40 page faults instead of ~20 000. Also used by RampNet for Float32 training data.
public enum LargeBuffers {
    /// Buffers at least this large (in bytes) get the huge-page hint.
    public static let hugePageThreshold = 4 << 20

    /// An array of `count` elements, each written exactly once by `fill` (which receives the whole
    /// uninitialized buffer and must initialize every element).
    @inline(__always)
    public static func make<T: BitwiseCopyable>(_ type: T.Type = T.self, count: Int, _ fill: (UnsafeMutableBufferPointer<T>) -> Void) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count * MemoryLayout<T>.stride >= hugePageThreshold, let base = buffer.baseAddress {
                adviseHugePages(UnsafeMutableRawPointer(base), count * MemoryLayout<T>.stride)
            }
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
