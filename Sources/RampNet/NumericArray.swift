import RampKernel
import RampSyntax

/// The element types of `NumericArray`.
public enum NumericType: String, Sendable, CaseIterable {
    case real32 = "Real32", real64 = "Real64"
    case integer8 = "Integer8", integer16 = "Integer16", integer32 = "Integer32", integer64 = "Integer64"
    case unsigned8 = "UnsignedInteger8", unsigned16 = "UnsignedInteger16"
    case unsigned32 = "UnsignedInteger32", unsigned64 = "UnsignedInteger64"

    /// The representable range of an integer type (clipping bounds).
    var integerRange: ClosedRange<Int>? {
        switch self {
        case .real32, .real64: return nil
        case .integer8: return -128...127
        case .integer16: return -32768...32767
        case .integer32: return -2147483648...2147483647
        case .integer64: return Int.min...Int.max
        case .unsigned8: return 0...255
        case .unsigned16: return 0...65535
        case .unsigned32: return 0...4294967295
        case .unsigned64: return 0...Int.max
        }
    }

    /// Bytes per element.
    var byteWidth: Int {
        switch self {
        case .integer8, .unsigned8: return 1
        case .integer16, .unsigned16: return 2
        case .real32, .integer32, .unsigned32: return 4
        case .real64, .integer64, .unsigned64: return 8
        }
    }
}

/// `NumericArray[data, type]`: a packed array of one machine type, atomic to the language.
/// Net arrays are `"Real32"` NumericArrays; layers given one return one.
public final class NumericArrayObject: NativeObject, ArrayLikeObject, NormalConvertible {
    /// Element storage, flat and row-major.
    public enum Storage: Sendable, Equatable {
        case real32([Float])
        case real64([Double])
        case integers([Int])
    }

    public let type: NumericType
    /// Dimensions; `[]` for a scalar.
    public let shape: [Int]
    public let storage: Storage

    public init(type: NumericType, shape: [Int], storage: Storage) {
        self.type = type
        self.shape = shape
        self.storage = storage
    }

    /// A "Real32" NumericArray holding a tensor.
    public convenience init(_ t: Tensor) {
        self.init(type: .real32, shape: t.shape, storage: .real32(t.data))
    }

    public var head: Symbol { Sym.NumericArray }

    public var count: Int {
        switch storage {
        case .real32(let a): return a.count
        case .real64(let a): return a.count
        case .integers(let a): return a.count
        }
    }

    /// The elements as Float32 (the nets' working precision).
    public var tensor: Tensor {
        switch storage {
        case .real32(let a): return Tensor(shape: shape, data: a)
        case .real64(let a): return Tensor(shape: shape, data: a.map { Float($0) })
        case .integers(let a): return Tensor(shape: shape, data: a.map { Float($0) })
        }
    }

    /// `Normal`: the nested list (packed), or the scalar for rank 0.
    public var normal: Expr {
        switch storage {
        case .real32(let a): return PackedArray.expr(shape: shape, storage: .reals(a.map(Double.init)))
        case .real64(let a): return PackedArray.expr(shape: shape, storage: .reals(a))
        case .integers(let a): return PackedArray.expr(shape: shape, storage: .integers(a))
        }
    }

    public var inputForm: Expr { .call(Sym.NumericArray, normal, .string(type.rawValue)) }

    public var summary: String {
        if count <= 16 {
            return "NumericArray[" + OutputForm.format(normal) + ", \(type.rawValue)]"
        }
        return "NumericArray[<\(type.rawValue), dimensions {\(shape.map(String.init).joined(separator: ", "))}>]"
    }

    public func isSame(as other: any NativeObject) -> Bool {
        guard let o = other as? NumericArrayObject, o.type == type, o.shape == shape else { return false }
        switch (storage, o.storage) {
        case (.real32(let a), .real32(let b)): return a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern }
        case (.real64(let a), .real64(let b)): return a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern }
        case (.integers(let a), .integers(let b)): return a == b
        default: return false
        }
    }

    public func hash(into h: inout Hasher) {
        h.combine(type.rawValue)
        h.combine(shape)
    }

    /// The i-th (0-based) part along the first dimension: a scalar or a NumericArray.
    public var dimensions: [Int] { shape }
    public var normalForm: Expr { normal }
    public func subArray(at index: Int) -> Expr { part(index) }

    public func part(_ i: Int) -> Expr {
        let sub = Array(shape.dropFirst())
        let n = sub.reduce(1, *)
        let range = (i * n)..<((i + 1) * n)
        let s: Storage
        switch storage {
        case .real32(let a): if sub.isEmpty { return .real(Double(a[i])) }; s = .real32(Array(a[range]))
        case .real64(let a): if sub.isEmpty { return .real(a[i]) }; s = .real64(Array(a[range]))
        case .integers(let a): if sub.isEmpty { return .integer(a[i]) }; s = .integers(Array(a[range]))
        }
        return .native(NumericArrayObject(type: type, shape: sub, storage: s))
    }

    /// Builds `NumericArray[data, type]`: data is a rectangular array (or a number) of real or
    /// integer values; integer types clip and round ("ClipAndRound"). Nil when data is not numeric.
    public static func make(_ data: Expr, type: NumericType) -> NumericArrayObject? {
        let shape: [Int]
        var values: [Double] = []
        var ints: [Int]? = nil
        switch data {
        case .integer(let i): shape = []; ints = [i]
        case .real(let d): shape = []; values = [d]
        case .native(let o as NumericArrayObject):
            return convert(o, to: type)
        default:
            if let dims = emptyDims(data) { return NumericArrayObject(type: type, shape: dims, storage: emptyStorage(type)) }
            guard let p = PackedArray.pack(data) else { return nil }
            shape = p.shape
            switch p.storage {
            case .integers(let a): ints = a
            case .reals(let a): values = a
            }
        }
        switch type {
        case .real32: return NumericArrayObject(type: type, shape: shape, storage: .real32(ints.map { $0.map(Float.init) } ?? values.map(Float.init)))
        case .real64: return NumericArrayObject(type: type, shape: shape, storage: .real64(ints.map { $0.map(Double.init) } ?? values))
        default:
            let range = type.integerRange!
            let clipped: [Int]
            if let ints {
                clipped = ints.map { Swift.min(Swift.max($0, range.lowerBound), range.upperBound) }
            } else {
                let lo = Double(range.lowerBound), hi = Double(range.upperBound)
                clipped = values.map { v in
                    if v.isNaN { return 0 }
                    let r = v.rounded(.toNearestOrEven)
                    if r <= lo { return range.lowerBound }
                    if r >= hi { return range.upperBound }
                    return Int(r)
                }
            }
            return NumericArrayObject(type: type, shape: shape, storage: .integers(clipped))
        }
    }

    static func convert(_ o: NumericArrayObject, to type: NumericType) -> NumericArrayObject? {
        if o.type == type { return o }
        return make(o.normal, type: type)
    }

    private static func emptyStorage(_ type: NumericType) -> Storage {
        switch type {
        case .real32: return .real32([])
        case .real64: return .real64([])
        default: return .integers([])
        }
    }

    /// Dimensions of `{}`, `{{}, {}}`, …: nested lists whose innermost level is empty.
    private static func emptyDims(_ e: Expr) -> [Int]? {
        guard case .normal(let n) = e, n.head == .symbol(Sym.List) else { return nil }
        if n.args.isEmpty { return [0] }
        guard let first = emptyDims(n.args[0]) else { return nil }
        for a in n.args.dropFirst() where emptyDims(a) != first { return nil }
        return [n.args.count] + first
    }
}


