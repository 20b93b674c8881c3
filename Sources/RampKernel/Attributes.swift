import RampSyntax

/// Symbol attributes, as `Attributes[f]` lists them.
public struct Attributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    @inlinable public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// `[.a, .b]` without the generic `SetAlgebra` initializer, which the compiler does not
    /// specialize across files and which costs hundreds of instructions per use in the evaluator.
    @inlinable public init(arrayLiteral elements: Attributes...) {
        var raw: UInt32 = 0
        for e in elements { raw |= e.rawValue }
        self.init(rawValue: raw)
    }

    @inlinable public static var holdFirst: Attributes { Attributes(rawValue: 1 << 0) }
    @inlinable public static var holdRest: Attributes { Attributes(rawValue: 1 << 1) }
    @inlinable public static var holdAll: Attributes { Attributes(rawValue: 0b11) }
    @inlinable public static var holdAllComplete: Attributes { Attributes(rawValue: 1 << 2) }
    @inlinable public static var flat: Attributes { Attributes(rawValue: 1 << 3) }
    @inlinable public static var orderless: Attributes { Attributes(rawValue: 1 << 4) }
    @inlinable public static var oneIdentity: Attributes { Attributes(rawValue: 1 << 5) }
    @inlinable public static var listable: Attributes { Attributes(rawValue: 1 << 6) }
    @inlinable public static var numericFunction: Attributes { Attributes(rawValue: 1 << 7) }
    @inlinable public static var protected: Attributes { Attributes(rawValue: 1 << 8) }
    @inlinable public static var locked: Attributes { Attributes(rawValue: 1 << 9) }
    @inlinable public static var readProtected: Attributes { Attributes(rawValue: 1 << 10) }
    @inlinable public static var temporary: Attributes { Attributes(rawValue: 1 << 11) }
    @inlinable public static var sequenceHold: Attributes { Attributes(rawValue: 1 << 12) }
    @inlinable public static var constant: Attributes { Attributes(rawValue: 1 << 13) }
    @inlinable public static var nHoldFirst: Attributes { Attributes(rawValue: 1 << 14) }
    @inlinable public static var nHoldRest: Attributes { Attributes(rawValue: 1 << 15) }
    @inlinable public static var nHoldAll: Attributes { Attributes(rawValue: 0b11 << 14) }
    @inlinable public static var stub: Attributes { Attributes(rawValue: 1 << 16) }

    // Concrete versions of the SetAlgebra operations the evaluator uses on every step (the generic
    // ones go through witness tables when called from another file).

    /// Whether every attribute of `member` is present.
    @inlinable public func contains(_ member: Attributes) -> Bool { rawValue & member.rawValue == member.rawValue }
    /// Whether no attribute of `other` is present.
    @inlinable public func isDisjoint(with other: Attributes) -> Bool { rawValue & other.rawValue == 0 }
    /// Both sets of attributes.
    @inlinable public func union(_ other: Attributes) -> Attributes { Attributes(rawValue: rawValue | other.rawValue) }
    /// These attributes without those of `other`.
    @inlinable public func subtracting(_ other: Attributes) -> Attributes { Attributes(rawValue: rawValue & ~other.rawValue) }

    /// Whether either attribute is present.
    @inlinable public func containsAny(_ a: Attributes, _ b: Attributes) -> Bool {
        rawValue & (a.rawValue | b.rawValue) != 0
    }

    /// Names in Wolfram's order for `Attributes[f]` (alphabetical); `HoldAll` and `NHoldAll` are
    /// listed instead of their two halves.
    public static let named: [(String, Attributes)] = [
        ("Constant", .constant), ("Flat", .flat), ("HoldAll", .holdAll), ("HoldAllComplete", .holdAllComplete),
        ("HoldFirst", .holdFirst), ("HoldRest", .holdRest), ("Listable", .listable), ("Locked", .locked),
        ("NHoldAll", .nHoldAll), ("NHoldFirst", .nHoldFirst), ("NHoldRest", .nHoldRest),
        ("NumericFunction", .numericFunction), ("OneIdentity", .oneIdentity), ("Orderless", .orderless),
        ("Protected", .protected), ("ReadProtected", .readProtected), ("SequenceHold", .sequenceHold),
        ("Stub", .stub), ("Temporary", .temporary),
    ]
}
