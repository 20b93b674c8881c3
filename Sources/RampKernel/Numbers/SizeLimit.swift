import RampSyntax

/// Ramp's one limit on what a single builtin call builds from sizes the user gives.
///
/// Every builtin that allocates from a user-given count (`Table`, `Array`, `ConstantArray`,
/// `RandomReal`, `StringRepeat`, `Tuples`, `IntegerDigits`, layer arrays, …) asks `SizeLimit` before
/// allocating; a request past the limit gives `General::nomem` and `$Failed`, never a crash or an
/// exhausted machine. A request is measured in bytes as count × element size, computed with overflow
/// checks, using the nominal sizes below (README: Limits).
public enum SizeLimit {
    /// The most bytes one builtin call may build: 1 GiB. Embedders and the fuzzer may lower it.
    nonisolated(unsafe) public static var maxBytes = 1 << 30

    /// Bytes of one element of a packed array (`Int` or `Double`), or of a net array (a `Float32`
    /// value and its gradient).
    public static let packedElement = 8
    /// Bytes of one character of a string (a Unicode scalar takes up to 4 bytes).
    public static let character = 4
    /// Nominal bytes of one general expression such as `f[i]` (its header, head and arguments).
    public static let expression = 64

    /// `count × elementSize` when both are non-negative and the product is within `maxBytes`.
    public static func bytes(count: Int, elementSize: Int) -> Int? {
        guard count >= 0, elementSize >= 0 else { return nil }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: elementSize)
        return overflow || bytes > maxBytes ? nil : bytes
    }

    /// Whether `count` elements of `elementSize` bytes are within the limit.
    public static func allows(count: Int, elementSize: Int) -> Bool {
        bytes(count: count, elementSize: elementSize) != nil
    }

    /// Whether an array of the given dimensions (their product, checked) is within the limit.
    public static func allows(dimensions: [Int], elementSize: Int) -> Bool {
        var count = 1
        for d in dimensions {
            guard d >= 0 else { return false }
            let (c, overflow) = count.multipliedReportingOverflow(by: d)
            if overflow { return false }
            count = c
        }
        return allows(count: count, elementSize: elementSize)
    }

    /// `base^exponent` for non-negative numbers, or `Int.max` when it overflows (a count past any limit).
    public static func power(_ base: Int, _ exponent: Int) -> Int {
        guard base > 1 else { return base < 0 ? Int.max : (exponent == 0 ? 1 : base) }
        var result = 1
        for _ in 0..<exponent {
            let (r, overflow) = result.multipliedReportingOverflow(by: base)
            if overflow { return Int.max }
            result = r
        }
        return result
    }

    /// The most bits an exact integer may have (those of a `maxBytes` number: 2^33 by default).
    /// Powers, factorials, products and the like that would be larger give `General::ovfl` and
    /// `Overflow[]` before anything is allocated (GMP would abort the process when memory runs out).
    public static var maxIntegerBits: Int {
        let (bits, overflow) = maxBytes.multipliedReportingOverflow(by: 8)
        return overflow ? Int.max : bits
    }

    /// Whether an exact integer of `bits` bits is within `maxIntegerBits`.
    public static func allowsInteger(bits: Int) -> Bool { bits >= 0 && bits <= maxIntegerBits }

    /// The most packed numbers one call builds (2^27 with the default limit).
    public static var maxPackedElements: Int { maxBytes / packedElement }
    /// The most general expressions one call builds (2^24 with the default limit).
    public static var maxExpressions: Int { maxBytes / expression }
}

extension BuiltinCall {
    /// Issues `General::nomem` (the builtin then returns `$Failed`).
    public func outOfMemory() {
        kernel.message(Sym.General, "nomem", [])
    }

    /// Whether `count` elements of `elementSize` bytes may be built; issues `General::nomem` when not.
    public func allowsAllocation(count: Int, elementSize: Int) -> Bool {
        if SizeLimit.allows(count: count, elementSize: elementSize) { return true }
        outOfMemory()
        return false
    }

    /// Whether an array of `dimensions` may be built; issues `General::nomem` when not.
    public func allowsAllocation(dimensions: [Int], elementSize: Int) -> Bool {
        if SizeLimit.allows(dimensions: dimensions, elementSize: elementSize) { return true }
        outOfMemory()
        return false
    }
}
