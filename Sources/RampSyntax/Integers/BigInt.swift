import CGMP

/// An arbitrary-precision integer: a machine `Int` while the value fits, else a GMP `mpz_t`.
///
/// The one wrapper of GMP's integers (`CGMP`); nothing else calls the C API. Invariant: the `.big`
/// representation holds only values outside `Int`'s range, so equal values have equal
/// representations and small values cost no allocation (rationals like `1/3` stay on machine words).
/// A big value is an `MPZ` object (an `mpz_t` cleared in `deinit`) that is never mutated once shared:
/// operations write into a fresh one, and the compound assignments reuse it only when this value is
/// its sole owner (copy-on-write).
///
/// Division (`/`, `%`, `quotientAndRemainder`) truncates toward zero like Swift's integers;
/// `floorDivided(by:)` and `modulo(_:)` round toward negative infinity.
public struct BigInt: Sendable {
    @usableFromInline enum Representation: Sendable {
        case small(Int)
        case big(MPZ)
    }

    @usableFromInline var representation: Representation

    @inlinable init(representation: Representation) { self.representation = representation }

    /// The sign of a big integer; zero counts as `.plus`.
    public enum Sign: Sendable { case plus, minus }
}

/// An owned `mpz_t`: initialised on creation, cleared and freed in `deinit`.
@usableFromInline final class MPZ: @unchecked Sendable {
    let z: UnsafeMutablePointer<__mpz_struct>

    init() {
        z = .allocate(capacity: 1)
        __gmpz_init(z)
    }

    deinit {
        __gmpz_clear(z)
        z.deallocate()
    }
}

// MARK: - Bridging to GMP

extension BigInt {
    /// Runs `body` with a read-only `mpz_t` view of the value. A small value is viewed in place on a
    /// stack limb (`mpz_roinit_n`), without allocating.
    func withMPZ<R>(_ body: (UnsafePointer<__mpz_struct>) throws -> R) rethrows -> R {
        switch representation {
        case .big(let m):
            return try withExtendedLifetime(m) { try body(m.z) }
        case .small(let i):
            var limb = mp_limb_t(i.magnitude)
            return try withUnsafePointer(to: &limb) { limbPointer in
                var view = __mpz_struct()
                __gmpz_roinit_n(&view, limbPointer, i == 0 ? 0 : (i < 0 ? -1 : 1))
                return try withUnsafePointer(to: &view) { try body($0) }
            }
        }
    }

    /// The value held by `m`, small when it fits (`m` is dropped then).
    init(normalizing m: MPZ) {
        if __gmpz_fits_slong_p(m.z) != 0 {
            representation = .small(__gmpz_get_si(m.z))
        } else {
            representation = .big(m)
        }
    }

    /// The non-negative integer whose 64-bit words, least significant first, are `words`
    /// (`mpz_import`: linear in their count).
    public init(magnitudeWords words: [UInt]) {
        if words.count <= 1 {
            self.init(words.first ?? 0)
            return
        }
        self = words.withUnsafeBufferPointer { p in
            BigInt.computing { __gmpz_import($0, p.count, -1, MemoryLayout<UInt>.size, 0, 0, p.baseAddress) }
        }
    }

    /// A new value computed by `body` into a fresh `mpz_t`.
    static func computing(_ body: (UnsafeMutablePointer<__mpz_struct>) throws -> Void) rethrows -> BigInt {
        let m = MPZ()
        try body(m.z)
        return BigInt(normalizing: m)
    }

    /// `f(a, b)` for two operands.
    static func binary(_ a: BigInt, _ b: BigInt,
                       _ f: (UnsafeMutablePointer<__mpz_struct>, UnsafePointer<__mpz_struct>, UnsafePointer<__mpz_struct>) -> Void) -> BigInt {
        a.withMPZ { x in b.withMPZ { y in computing { f($0, x, y) } } }
    }

    /// `f(a)` for one operand.
    static func unary(_ a: BigInt, _ f: (UnsafeMutablePointer<__mpz_struct>, UnsafePointer<__mpz_struct>) -> Void) -> BigInt {
        a.withMPZ { x in computing { f($0, x) } }
    }

    /// Updates a big value in place with `f(self, self, y)` when this value is the sole owner of its
    /// `mpz_t`; false when it is small or shared (the caller computes a fresh value then).
    mutating func updateInPlace(_ y: BigInt,
                                _ f: (UnsafeMutablePointer<__mpz_struct>, UnsafePointer<__mpz_struct>, UnsafePointer<__mpz_struct>) -> Void) -> Bool {
        guard case .big(var m) = representation else { return false }
        representation = .small(0)
        guard isKnownUniquelyReferenced(&m) else {
            representation = .big(m)
            return false
        }
        y.withMPZ { f(m.z, m.z, $0) }
        self = BigInt(normalizing: m)
        return true
    }
}

// MARK: - Construction and conversion

extension BigInt: ExpressibleByIntegerLiteral {
    @inlinable public init(integerLiteral value: Int) { representation = .small(value) }
}

extension BigInt {
    @inlinable public init(_ value: Int) { representation = .small(value) }

    public init(_ value: UInt) {
        if let i = Int(exactly: value) {
            representation = .small(i)
        } else {
            self = BigInt.computing { __gmpz_set_ui($0, value) }
        }
    }

    public init<T: BinaryInteger>(_ value: T) {
        if let i = Int(exactly: value) {
            self.init(representation: .small(i))
        } else if let u = UInt(exactly: value) {
            self.init(u)
        } else {
            // Wider than 64 bits: assemble from the words (two's complement).
            var result = BigInt(0)
            for (k, w) in value.magnitude.words.enumerated() { result += BigInt(UInt(w)) << (k * UInt.bitWidth) }
            self.init(representation: (value < 0 ? -result : result).representation)
        }
    }

    public init?<T: BinaryInteger>(exactly value: T) { self.init(value) }

    /// The integer part of a finite double (truncated toward zero).
    public init(_ value: Double) {
        precondition(value.isFinite, "BigInt(Double): not finite")
        if let i = Int(exactly: value.rounded(.towardZero)) {
            representation = .small(i)
        } else {
            self = BigInt.computing { __gmpz_set_d($0, value) }
        }
    }

    /// The value of an integral double; nil for fractions, infinities and NaN.
    public init?(exactly value: Double) {
        guard value.isFinite, value == value.rounded(.towardZero) else { return nil }
        self.init(value)
    }

    /// Reads `text`: an optional `-` then digits of `radix` (2…36; letters either case). Nil for
    /// anything else (GMP itself would skip white space).
    public init?(_ text: String, radix: Int) {
        precondition((2...36).contains(radix), "BigInt: radix out of range")
        var utf8 = Array(text.utf8)
        var negative = false
        if utf8.first == UInt8(ascii: "-") { negative = true; utf8.removeFirst() }
        guard !utf8.isEmpty else { return nil }
        for c in utf8 {
            let d: Int
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = Int(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): d = Int(c - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): d = Int(c - UInt8(ascii: "A")) + 10
            default: return nil
            }
            if d >= radix { return nil }
        }
        if utf8.count <= 18 && radix == 10 {
            var v = 0
            for c in utf8 { v = v * 10 + Int(c - UInt8(ascii: "0")) }
            representation = .small(negative ? -v : v)
            return
        }
        utf8.append(0)
        let parsed = BigInt.computing { z in
            utf8.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { _ = __gmpz_set_str(z, $0.baseAddress, Int32(radix)) }
            }
        }
        self = negative ? -parsed : parsed
    }

    /// The value as an `Int` when it fits.
    @inlinable public var int: Int? {
        if case .small(let i) = representation { return i }
        return nil
    }

    /// Digits in `radix` (2…36, lower-case letters unless `uppercase`), with a leading `-` for
    /// negative values. GMP converts in subquadratic time.
    public func toString(radix: Int = 10, uppercase: Bool = false) -> String {
        precondition((2...36).contains(radix), "BigInt: radix out of range")
        if case .small(let i) = representation { return String(i, radix: radix, uppercase: uppercase) }
        return withMPZ { z in
            // mpz_sizeinbase may be one too big; room for the sign and the terminating NUL.
            let capacity = __gmpz_sizeinbase(z, Int32(radix)) + 2
            var buffer = [CChar](repeating: 0, count: capacity)
            buffer.withUnsafeMutableBufferPointer { _ = __gmpz_get_str($0.baseAddress, Int32(uppercase ? -radix : radix), z) }
            let length = buffer.firstIndex(of: 0) ?? buffer.count
            return String(decoding: buffer[..<length].lazy.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    /// The absolute value's limbs, least significant first (empty for zero).
    public var magnitudeWords: [UInt] {
        if case .small(let i) = representation { return i == 0 ? [] : [i.magnitude] }
        return withMPZ { z in
            let n = cgmp_limb_count(z)
            return (0..<n).map { UInt(__gmpz_getlimbn(z, $0)) }
        }
    }
}

extension Int {
    /// The value of `v` when it fits in `Int`.
    @inlinable public init?(exactly v: BigInt) {
        guard case .small(let i) = v.representation else { return nil }
        self = i
    }

    /// The low 64 bits of `v` in two's complement.
    public init(truncatingIfNeeded v: BigInt) {
        switch v.representation {
        case .small(let i): self = i
        case .big:
            let low = Int(bitPattern: v.magnitudeWords.first ?? 0)
            self = v.sign == .minus ? 0 &- low : low
        }
    }
}

extension Double {
    /// The nearest double to `v` (ties to even); ±infinity past the range.
    public init(_ v: BigInt) {
        switch v.representation {
        case .small(let i): self = Double(i)
        case .big:
            let bits = v.bitLength
            if bits > Double.greatestFiniteMagnitude.exponent + 2 {
                self = v.sign == .minus ? -.infinity : .infinity
                return
            }
            // The top 64 bits with a sticky bit for the rest round correctly through UInt64 → Double.
            let shift = bits - 64
            let magnitude = v.magnitude
            var top = UInt((magnitude >> shift).magnitudeWords.first ?? 0)
            if magnitude.trailingZeroBitCount < shift { top |= 1 }
            let d = Double(sign: .plus, exponent: shift, significand: Double(top))
            self = v.sign == .minus ? -d : d
        }
    }
}

extension String {
    /// `v`'s digits in `radix` (see `BigInt.toString(radix:uppercase:)`).
    public init(_ v: BigInt, radix: Int, uppercase: Bool = false) {
        self = v.toString(radix: radix, uppercase: uppercase)
    }
}

extension BigInt: LosslessStringConvertible, CustomStringConvertible {
    public var description: String { toString() }
    public init?(_ description: String) { self.init(description, radix: 10) }
}

// MARK: - Inspection

extension BigInt {
    /// `.minus` for negative values, `.plus` for zero and positive ones.
    @inlinable public var sign: Sign {
        switch representation {
        case .small(let i): return i < 0 ? .minus : .plus
        case .big(let m): return m.sign < 0 ? .minus : .plus
        }
    }

    /// -1, 0 or 1.
    @inlinable public func signum() -> Int {
        switch representation {
        case .small(let i): return i.signum()
        case .big(let m): return m.sign
        }
    }

    @inlinable public var isZero: Bool {
        if case .small(0) = representation { return true }
        return false
    }

    public var isOdd: Bool {
        if case .small(let i) = representation { return i & 1 != 0 }
        return withMPZ { cgmp_odd_p($0) != 0 }
    }

    public var isEven: Bool { !isOdd }

    /// Bits of the absolute value (0 for zero).
    public var bitLength: Int {
        if case .small(let i) = representation { return Int.bitWidth - i.magnitude.leadingZeroBitCount }
        return withMPZ { __gmpz_sizeinbase($0, 2) }
    }

    /// Trailing zero bits of the absolute value (0 for zero).
    public var trailingZeroBitCount: Int {
        if case .small(let i) = representation { return i == 0 ? 0 : i.trailingZeroBitCount }
        return withMPZ { Int(__gmpz_scan1($0, 0)) }
    }

    /// The number of digits in `base` (2…62) of the absolute value, or one more (GMP's estimate,
    /// exact for powers of two); 1 for zero.
    public func digitCountEstimate(base: Int) -> Int {
        withMPZ { __gmpz_sizeinbase($0, Int32(base)) }
    }
}

extension MPZ {
    /// -1, 0 or 1.
    @usableFromInline var sign: Int { Int(cgmp_sgn(z)) }
}

// MARK: - Equality, order, hashing

extension BigInt: Hashable, Comparable {
    @inlinable public static func == (a: BigInt, b: BigInt) -> Bool {
        switch (a.representation, b.representation) {
        case (.small(let x), .small(let y)): return x == y
        case (.big, .big): return compare(a, b) == 0
        default: return false
        }
    }

    @inlinable public static func < (a: BigInt, b: BigInt) -> Bool {
        if case .small(let x) = a.representation, case .small(let y) = b.representation { return x < y }
        return compare(a, b) < 0
    }

    /// -1, 0 or 1.
    @usableFromInline static func compare(_ a: BigInt, _ b: BigInt) -> Int {
        let c = a.withMPZ { x in b.withMPZ { y in __gmpz_cmp(x, y) } }
        return c < 0 ? -1 : (c > 0 ? 1 : 0)
    }

    public func hash(into hasher: inout Hasher) {
        switch representation {
        case .small(let i): hasher.combine(i)
        case .big:
            hasher.combine(sign == .minus)
            for w in magnitudeWords { hasher.combine(w) }
        }
    }
}

// MARK: - Arithmetic

extension BigInt: SignedNumeric {
    public typealias Magnitude = BigInt

    public var magnitude: BigInt { sign == .minus ? -self : self }

    @inlinable public static func + (a: BigInt, b: BigInt) -> BigInt {
        if case .small(let x) = a.representation, case .small(let y) = b.representation {
            let (s, o) = x.addingReportingOverflow(y)
            if !o { return BigInt(s) }
        }
        return add(a, b)
    }

    @inlinable public static func - (a: BigInt, b: BigInt) -> BigInt {
        if case .small(let x) = a.representation, case .small(let y) = b.representation {
            let (s, o) = x.subtractingReportingOverflow(y)
            if !o { return BigInt(s) }
        }
        return subtract(a, b)
    }

    @inlinable public static func * (a: BigInt, b: BigInt) -> BigInt {
        if case .small(let x) = a.representation, case .small(let y) = b.representation {
            let (p, o) = x.multipliedReportingOverflow(by: y)
            if !o { return BigInt(p) }
        }
        return multiply(a, b)
    }

    @inlinable public static prefix func - (a: BigInt) -> BigInt {
        if case .small(let x) = a.representation, x != .min { return BigInt(-x) }
        return negated(a)
    }

    public static func += (a: inout BigInt, b: BigInt) {
        if !a.updateInPlace(b, { __gmpz_add($0, $1, $2) }) { a = a + b }
    }

    public static func -= (a: inout BigInt, b: BigInt) {
        if !a.updateInPlace(b, { __gmpz_sub($0, $1, $2) }) { a = a - b }
    }

    public static func *= (a: inout BigInt, b: BigInt) {
        if !a.updateInPlace(b, { __gmpz_mul($0, $1, $2) }) { a = a * b }
    }

    public mutating func negate() { self = -self }

    @usableFromInline static func add(_ a: BigInt, _ b: BigInt) -> BigInt { binary(a, b) { __gmpz_add($0, $1, $2) } }
    @usableFromInline static func subtract(_ a: BigInt, _ b: BigInt) -> BigInt { binary(a, b) { __gmpz_sub($0, $1, $2) } }
    @usableFromInline static func multiply(_ a: BigInt, _ b: BigInt) -> BigInt { binary(a, b) { __gmpz_mul($0, $1, $2) } }
    @usableFromInline static func negated(_ a: BigInt) -> BigInt { unary(a) { __gmpz_neg($0, $1) } }

    /// The quotient truncated toward zero (`b` ≠ 0).
    public static func / (a: BigInt, b: BigInt) -> BigInt {
        precondition(!b.isZero, "BigInt: division by zero")
        if case .small(let x) = a.representation, case .small(let y) = b.representation, !(x == .min && y == -1) {
            return BigInt(x / y)
        }
        return binary(a, b) { __gmpz_tdiv_q($0, $1, $2) }
    }

    /// The remainder with the sign of `a` (`b` ≠ 0).
    public static func % (a: BigInt, b: BigInt) -> BigInt {
        precondition(!b.isZero, "BigInt: division by zero")
        if case .small(let x) = a.representation, case .small(let y) = b.representation {
            return y == -1 ? 0 : BigInt(x % y)
        }
        return binary(a, b) { __gmpz_tdiv_r($0, $1, $2) }
    }

    public static func /= (a: inout BigInt, b: BigInt) { a = a / b }
    public static func %= (a: inout BigInt, b: BigInt) { a = a % b }

    /// Truncated quotient and remainder (the remainder has the sign of the dividend).
    public func quotientAndRemainder(dividingBy b: BigInt) -> (quotient: BigInt, remainder: BigInt) {
        precondition(!b.isZero, "BigInt: division by zero")
        if case .small(let x) = representation, case .small(let y) = b.representation, !(x == .min && y == -1) {
            let (q, r) = x.quotientAndRemainder(dividingBy: y)
            return (BigInt(q), BigInt(r))
        }
        let q = MPZ(), r = MPZ()
        withMPZ { x in b.withMPZ { y in __gmpz_tdiv_qr(q.z, r.z, x, y) } }
        return (BigInt(normalizing: q), BigInt(normalizing: r))
    }

    /// Floor quotient and remainder: `q = ⌊a/b⌋`, `r = a - b q` with the sign of `b`.
    public func floorQuotientAndRemainder(dividingBy b: BigInt) -> (quotient: BigInt, remainder: BigInt) {
        precondition(!b.isZero, "BigInt: division by zero")
        if case .small(let x) = representation, case .small(let y) = b.representation, !(x == .min && y == -1) {
            var (q, r) = x.quotientAndRemainder(dividingBy: y)
            if r != 0 && (r < 0) != (y < 0) { q -= 1; r += y }
            return (BigInt(q), BigInt(r))
        }
        let q = MPZ(), r = MPZ()
        withMPZ { x in b.withMPZ { y in __gmpz_fdiv_qr(q.z, r.z, x, y) } }
        return (BigInt(normalizing: q), BigInt(normalizing: r))
    }

    /// `⌊self/b⌋`.
    public func floorDivided(by b: BigInt) -> BigInt { floorQuotientAndRemainder(dividingBy: b).quotient }

    /// `self mod b`, with the sign of `b` (Wolfram's `Mod`).
    public func modulo(_ b: BigInt) -> BigInt { floorQuotientAndRemainder(dividingBy: b).remainder }

    /// Whether `b` divides `self` (`b` may be zero: only zero is divisible by it).
    public func isDivisible(by b: BigInt) -> Bool {
        if b.isZero { return isZero }
        return withMPZ { x in b.withMPZ { y in __gmpz_divisible_p(x, y) != 0 } }
    }

    /// `self × 2^k` (`k` ≥ 0).
    public static func << (a: BigInt, k: Int) -> BigInt {
        precondition(k >= 0, "BigInt: negative shift")
        if k == 0 || a.isZero { return a }
        return unary(a) { __gmpz_mul_2exp($0, $1, mp_bitcnt_t(k)) }
    }

    /// `⌊self / 2^k⌋` (`k` ≥ 0).
    public static func >> (a: BigInt, k: Int) -> BigInt {
        precondition(k >= 0, "BigInt: negative shift")
        if k == 0 { return a }
        if case .small(let x) = a.representation { return BigInt(k >= Int.bitWidth ? (x < 0 ? -1 : 0) : x >> k) }
        return unary(a) { __gmpz_fdiv_q_2exp($0, $1, mp_bitcnt_t(k)) }
    }

    public static func <<= (a: inout BigInt, k: Int) { a = a << k }
    public static func >>= (a: inout BigInt, k: Int) { a = a >> k }
}
