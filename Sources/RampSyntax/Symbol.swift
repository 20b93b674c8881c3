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
    public static let AddTo = Symbol.named("AddTo")
    public static let And = Symbol.named("And")
    public static let Apply = Symbol.named("Apply")
    public static let ApplyTo = Symbol.named("ApplyTo")
    public static let Composition = Symbol.named("Composition")
    public static let Decrement = Symbol.named("Decrement")
    public static let Derivative = Symbol.named("Derivative")
    public static let DivideBy = Symbol.named("DivideBy")
    public static let Dot = Symbol.named("Dot")
    public static let Equal = Symbol.named("Equal")
    public static let Factorial = Symbol.named("Factorial")
    public static let Factorial2 = Symbol.named("Factorial2")
    public static let Get = Symbol.named("Get")
    public static let Greater = Symbol.named("Greater")
    public static let GreaterEqual = Symbol.named("GreaterEqual")
    public static let Increment = Symbol.named("Increment")
    public static let Inequality = Symbol.named("Inequality")
    public static let Integrate = Symbol.named("Integrate")
    public static let Less = Symbol.named("Less")
    public static let LessEqual = Symbol.named("LessEqual")
    public static let Map = Symbol.named("Map")
    public static let MapAll = Symbol.named("MapAll")
    public static let MapApply = Symbol.named("MapApply")
    public static let NonCommutativeMultiply = Symbol.named("NonCommutativeMultiply")
    public static let Not = Symbol.named("Not")
    public static let Or = Symbol.named("Or")
    public static let PreDecrement = Symbol.named("PreDecrement")
    public static let PreIncrement = Symbol.named("PreIncrement")
    public static let Repeated = Symbol.named("Repeated")
    public static let Put = Symbol.named("Put")
    public static let PutAppend = Symbol.named("PutAppend")
    public static let RepeatedNull = Symbol.named("RepeatedNull")
    public static let ReplaceAll = Symbol.named("ReplaceAll")
    public static let ReplaceRepeated = Symbol.named("ReplaceRepeated")
    public static let RightComposition = Symbol.named("RightComposition")
    public static let SameQ = Symbol.named("SameQ")
    public static let StringExpression = Symbol.named("StringExpression")
    public static let StringJoin = Symbol.named("StringJoin")
    public static let SubtractFrom = Symbol.named("SubtractFrom")
    public static let TagSet = Symbol.named("TagSet")
    public static let TagSetDelayed = Symbol.named("TagSetDelayed")
    public static let TagUnset = Symbol.named("TagUnset")
    public static let TimesBy = Symbol.named("TimesBy")
    public static let TwoWayRule = Symbol.named("TwoWayRule")
    public static let Unequal = Symbol.named("Unequal")
    public static let UnsameQ = Symbol.named("UnsameQ")
    public static let Unset = Symbol.named("Unset")
    public static let UpSet = Symbol.named("UpSet")
    public static let UpSetDelayed = Symbol.named("UpSetDelayed")
    public static let I = Symbol.named("I")
    public static let FullForm = Symbol.named("FullForm")
    public static let InputForm = Symbol.named("InputForm")
    public static let OutputForm = Symbol.named("OutputForm")
    public static let Unevaluated = Symbol.named("Unevaluated")
    public static let Evaluate = Symbol.named("Evaluate")
    public static let HoldComplete = Symbol.named("HoldComplete")
    public static let Throw = Symbol.named("Throw")
    public static let Return = Symbol.named("Return")
    public static let Break = Symbol.named("Break")
    public static let Continue = Symbol.named("Continue")
    public static let RecursionLimit = Symbol.named("$RecursionLimit")
    public static let IterationLimit = Symbol.named("$IterationLimit")
    public static let Thread = Symbol.named("Thread")
    public static let General = Symbol.named("General")
    public static let Infinity = Symbol.named("Infinity")
    public static let recursionUnwind = Symbol.named("Ramp`Private`recursionUnwind")
    public static let evaluatedSymbol = Symbol.named("Ramp`Private`evaluatedSymbol")
    public static let Key = Symbol.named("Key")
    public static let UpTo = Symbol.named("UpTo")
    public static let Heads = Symbol.named("Heads")
    public static let Identity = Symbol.named("Identity")
    public static let Total = Symbol.named("Total")
    public static let Abs = Symbol.named("Abs")
    public static let Sqrt = Symbol.named("Sqrt")
    public static let Subtract = Symbol.named("Subtract")
    public static let Order = Symbol.named("Order")
    public static let Normal = Symbol.named("Normal")
    public static let Conjugate = Symbol.named("Conjugate")
    public static let KeyValuePattern = Symbol.named("KeyValuePattern")
    public static let ComplexInfinity = Symbol.named("ComplexInfinity")
    public static let Overflow = Symbol.named("Overflow")
    public static let Pi = Symbol.named("Pi")
    public static let E = Symbol.named("E")
    public static let N = Symbol.named("N")
    public static let Except = Symbol.named("Except")
    public static let HoldPattern = Symbol.named("HoldPattern")
    public static let Verbatim = Symbol.named("Verbatim")
    public static let Longest = Symbol.named("Longest")
    public static let Shortest = Symbol.named("Shortest")
    public static let OptionsPattern = Symbol.named("OptionsPattern")
    public static let OptionValue = Symbol.named("OptionValue")
    public static let Default = Symbol.named("Default")
    public static let Options = Symbol.named("Options")
    public static let Dispatch = Symbol.named("Dispatch")
    public static let Module = Symbol.named("Module")
    public static let With = Symbol.named("With")
    public static let Block = Symbol.named("Block")
    public static let restBefore = Symbol.named("Ramp`Private`restBefore")
    public static let restAfter = Symbol.named("Ramp`Private`restAfter")
    public static let ParametricRampLayer = Symbol.named("ParametricRampLayer")
    public static let LinearLayer = Symbol.named("LinearLayer")
    public static let ElementwiseLayer = Symbol.named("ElementwiseLayer")
    public static let NetChain = Symbol.named("NetChain")
    public static let MeanSquaredLossLayer = Symbol.named("MeanSquaredLossLayer")
    public static let MeanAbsoluteLossLayer = Symbol.named("MeanAbsoluteLossLayer")
    public static let LearningRateMultipliers = Symbol.named("LearningRateMultipliers")
    public static let RandomSeeding = Symbol.named("RandomSeeding")
    public static let Inherited = Symbol.named("Inherited")
    public static let NetInitialize = Symbol.named("NetInitialize")
    public static let NetExtract = Symbol.named("NetExtract")
    public static let NetReplacePart = Symbol.named("NetReplacePart")
    public static let Quantity = Symbol.named("Quantity")
}

/// The Swift runtime's own entry point (stdlib SPI, also used by Swift's benchmark suite) that marks
/// an object immortal: retains and releases of it become no-ops.
@_silgen_name("_swift_stdlib_immortalize")
private func _swift_stdlib_immortalize(_ object: UnsafeMutableRawPointer)
