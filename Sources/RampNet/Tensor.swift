#if canImport(Glibc)
import Glibc
#endif

/// Keeps large freed buffers in the heap for reuse instead of returning them to the system:
/// glibc serves blocks above 32 MB with fresh `mmap`s, and faulting in 40 MB of new pages costs
/// more than the PReLU kernel itself. Applied once, when the net builtins are installed, and for the
/// whole process (an embedding program's allocations too). It cannot help blocks above 64 MB allocated
/// off the main thread (evaluation runs on the kernel's own thread): glibc's per-thread heaps are
/// 64 MB, so those are always fresh `mmap`s (NetTrain's data uses huge pages instead).
let tuneAllocatorOnce: Void = {
    #if canImport(Glibc)
    // mallopt is declared in <malloc.h>, which the Glibc module does not export; look it up.
    typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        _ = mallopt(-3, 1 << 30)   // M_MMAP_THRESHOLD
        _ = mallopt(-1, 1 << 30)   // M_TRIM_THRESHOLD
    }
    #endif
}()

/// A row-major `Float32` array with a shape: the storage of every net array and activation.
///
/// A value type (copy-on-write through its `[Float]`). Hot loops take the buffer once with
/// `withUnsafeBufferPointer` (see swift-tooling.md §3); never loop element by element through
/// properties of a class.
public struct Tensor: Sendable, Equatable, Hashable {
    /// Dimensions, outermost first; `[]` for a scalar.
    public var shape: [Int]
    /// The elements, row-major; `count == shape.product`.
    public var data: [Float]

    /// A tensor from a shape and matching data (the caller guarantees the count).
    public init(shape: [Int], data: [Float]) {
        self.shape = shape
        self.data = data
    }

    /// A tensor filled with one value.
    public init(shape: [Int], repeating value: Float) {
        self.shape = shape
        self.data = [Float](repeating: value, count: shape.reduce(1, *))
    }

    /// A tensor whose elements are written by `fill` into uninitialized memory (no zero fill).
    @inlinable
    public init(shape: [Int], uninitializedFill fill: (UnsafeMutableBufferPointer<Float>) -> Void) {
        let n = shape.reduce(1, *)
        self.shape = shape
        self.data = [Float](unsafeUninitializedCapacity: n) { buffer, count in
            fill(buffer)
            count = n
        }
    }

    /// Number of elements.
    @inlinable public var count: Int { data.count }
    /// Number of dimensions.
    @inlinable public var rank: Int { shape.count }

    /// Bit-exact equality (NaNs with equal payloads are equal), as saved files need.
    public func bitwiseEqual(_ other: Tensor) -> Bool {
        shape == other.shape && data.count == other.data.count
            && zip(data, other.data).allSatisfy { $0.bitPattern == $1.bitPattern }
    }

    public static func == (a: Tensor, b: Tensor) -> Bool { a.bitwiseEqual(b) }

    public func hash(into h: inout Hasher) {
        h.combine(shape)
        for v in data.prefix(64) { h.combine(v.bitPattern) }
    }

    /// The i-th sub-tensor along the first dimension.
    public func slice(_ i: Int) -> Tensor {
        let sub = Array(shape.dropFirst())
        let n = sub.reduce(1, *)
        return Tensor(shape: sub, data: Array(data[(i * n)..<((i + 1) * n)]))
    }

    /// Stacks equal-shaped tensors along a new first dimension.
    public static func stack(_ parts: [Tensor]) -> Tensor {
        let inner = parts.first?.shape ?? []
        var data: [Float] = []
        data.reserveCapacity(parts.count * inner.reduce(1, *))
        for p in parts { data += p.data }
        return Tensor(shape: [parts.count] + inner, data: data)
    }
}

/// Row-major strides of a shape.
@inlinable func rowMajorStrides(_ shape: [Int]) -> [Int] {
    var strides = [Int](repeating: 1, count: shape.count)
    var s = 1
    for i in stride(from: shape.count - 1, through: 0, by: -1) {
        strides[i] = s
        s *= shape[i]
    }
    return strides
}
