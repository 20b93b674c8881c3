import Synchronization

/// A symbol, interned by name for the whole process: two `Symbol`s with the same name are the same
/// object, so comparison is by identity. A symbol carries no definitions; those belong to a kernel
/// (so two kernels in one process never see each other's values). `id` is dense from 0 and lets a
/// kernel keep per-symbol data in an array.
public final class Symbol: Sendable, Hashable, CustomStringConvertible {
    /// The name as written, including any context prefix other than ``System` `` or ``Global` ``
    /// (``"x"``, ``"Plus"``, ``"ctx`x"``).
    public let name: String
    /// A dense process-wide index, assigned in order of interning.
    public let id: Int

    private init(name: String, id: Int) {
        self.name = name
        self.id = id
    }

    private static let table = Mutex<(byName: [String: Symbol], count: Int)>(([:], 0))

    /// Returns the unique symbol with this name, creating it on first use.
    public static func named(_ name: String) -> Symbol {
        table.withLock { t in
            if let s = t.byName[name] { return s }
            let s = Symbol(name: name, id: t.count)
            // Interned symbols live as long as the process: immortal, so that copying an expression
            // that holds one costs no atomic reference counting.
            _swift_stdlib_immortalize(Unmanaged.passUnretained(s).toOpaque())
            t.count += 1
            t.byName[name] = s
            return s
        }
    }

    /// A strong reference to an interned symbol without touching its reference count (not even
    /// reading it: the symbol's memory is usually not in cache when the lexer reads its name). Sound
    /// only because interned symbols are immortal, so their reference counts are never consulted.
    @inline(__always) static func reference(_ symbol: Unmanaged<Symbol>) -> Symbol {
        symbol.takeRetainedValue()
    }

    /// The symbol with this name if it has been interned, without creating it.
    public static func existing(_ name: String) -> Symbol? {
        table.withLock { $0.byName[name] }
    }

    /// Every interned symbol's name (for `Names` and completion).
    public static var allNames: [String] {
        table.withLock { Array($0.byName.keys) }
    }

    public static func == (a: Symbol, b: Symbol) -> Bool { a === b }
    public func hash(into h: inout Hasher) { h.combine(ObjectIdentifier(self)) }
    public var description: String { name }
}

/// Symbols used throughout Ramp, interned once.
public enum Sym {
    public static let List = Symbol.named("List")
    public static let Plus = Symbol.named("Plus")
    public static let Times = Symbol.named("Times")
    public static let Power = Symbol.named("Power")
    public static let Rational = Symbol.named("Rational")
    public static let Complex = Symbol.named("Complex")
    public static let Integer = Symbol.named("Integer")
    public static let Real = Symbol.named("Real")
    public static let String = Symbol.named("String")
    public static let SymbolHead = RampSyntax.Symbol.named("Symbol")
    public static let Rule = Symbol.named("Rule")
    public static let RuleDelayed = Symbol.named("RuleDelayed")
    public static let Association = Symbol.named("Association")
    public static let Null = Symbol.named("Null")
    public static let True = Symbol.named("True")
    public static let False = Symbol.named("False")
    public static let Automatic = Symbol.named("Automatic")
    public static let All = Symbol.named("All")
    public static let None = Symbol.named("None")
    public static let Sequence = Symbol.named("Sequence")
    public static let Set = Symbol.named("Set")
    public static let SetDelayed = Symbol.named("SetDelayed")
    public static let CompoundExpression = Symbol.named("CompoundExpression")
    public static let Function = Symbol.named("Function")
    public static let Slot = Symbol.named("Slot")
    public static let SlotSequence = Symbol.named("SlotSequence")
    public static let Pattern = Symbol.named("Pattern")
    public static let Blank = Symbol.named("Blank")
    public static let BlankSequence = Symbol.named("BlankSequence")
    public static let BlankNullSequence = Symbol.named("BlankNullSequence")
    public static let Optional = Symbol.named("Optional")
    public static let Condition = Symbol.named("Condition")
    public static let PatternTest = Symbol.named("PatternTest")
    public static let Alternatives = Symbol.named("Alternatives")
    public static let Span = Symbol.named("Span")
    public static let Part = Symbol.named("Part")
    public static let Out = Symbol.named("Out")
    public static let Hold = Symbol.named("Hold")
    public static let HoldForm = Symbol.named("HoldForm")
    public static let Missing = Symbol.named("Missing")
    public static let DirectedInfinity = Symbol.named("DirectedInfinity")
    public static let Indeterminate = Symbol.named("Indeterminate")
    public static let Failed = Symbol.named("$Failed")
    public static let Aborted = Symbol.named("$Aborted")
    public static let MessageName = Symbol.named("MessageName")
    public static let Information = Symbol.named("Information")
    public static let NumericArray = Symbol.named("NumericArray")
}

/// The Swift runtime's own entry point (stdlib SPI, also used by Swift's benchmark suite) that marks
/// an object immortal: retains and releases of it become no-ops.
@_silgen_name("_swift_stdlib_immortalize")
private func _swift_stdlib_immortalize(_ object: UnsafeMutableRawPointer)
