import RampSyntax
import Synchronization

/// A message issued during evaluation, e.g. `Power::infy: Infinite expression 1/0 encountered.`
public struct KernelMessage: Sendable, CustomStringConvertible {
    /// The symbol the message is attached to (`Power`).
    public let symbol: Symbol
    /// The tag (`infy`).
    public let tag: String
    /// The formatted text with its slots filled.
    public let text: String
    /// `Head::tag: text`.
    public var description: String { "\(symbol.name)::\(tag): \(text)" }
}

/// The call a builtin receives: the evaluated expression and the kernel evaluating it.
public struct BuiltinCall {
    /// The kernel evaluating the call.
    public let kernel: Kernel
    /// The head symbol the builtin is attached to.
    public let head: Symbol
    /// The whole expression, after its arguments were evaluated (subject to Hold attributes).
    public let expr: Expr
    /// The arguments of `expr`; for a builtin whose spec declares options, the positional ones
    /// (the option rules are in `options`).
    public let args: [Expr]
    /// For a builtin whose spec declares options: the option rules given in the call, by name.
    let givenOptions: [String: Expr]

    /// For a builtin whose spec declares options: the value of option `name`, as given in the call or
    /// else its current default (`Options[head]`, changed by `SetOptions`).
    public func option(_ name: String) -> Expr? {
        givenOptions[name] ?? kernel.defaultOption(head, name)
    }

    /// Every declared option by name: as given in the call, or else its current default.
    public var options: [String: Expr] {
        var all = givenOptions
        for rule in kernel.defaultOptions(of: head) {
            guard let name = Kernel.optionName(rule), all[name] == nil else { continue }
            all[name] = rule.args[1]
        }
        return all
    }

    public init(kernel: Kernel, head: Symbol, expr: Expr) {
        self.init(kernel: kernel, head: head, expr: expr, args: expr.args, givenOptions: [:])
    }

    init(kernel: Kernel, head: Symbol, expr: Expr, args: [Expr], givenOptions: [String: Expr]) {
        self.kernel = kernel
        self.head = head
        self.expr = expr
        self.args = args
        self.givenOptions = givenOptions
    }

    /// Issues `head::tag` with the given slot values.
    public func message(_ tag: String, _ slots: Expr...) {
        kernel.message(head, tag, slots)
    }
}

/// A native object that can be applied like a function: `obj[args…]` (layers and nets).
public protocol ApplicableObject: NativeObject {
    /// Applies the object to already evaluated arguments; `nil` leaves `obj[args…]` unevaluated.
    func apply(_ args: [Expr], kernel: Kernel) throws(EvaluationControl) -> Expr?
}

/// A builtin written in Swift. Return the result, or `nil` to leave the expression unevaluated.
///
/// A `Listable` builtin is first called with its list arguments unthreaded when every list argument
/// is a packed array (so it can work on the flat buffer); returning `nil` lets the evaluator thread it.
public typealias Builtin = (BuiltinCall) throws(EvaluationControl) -> Expr?

/// An interpreter instance: its own symbol definitions, message handler and history.
///
/// A `Kernel` is not thread-safe: evaluate on one thread at a time. The one exception is
/// ``abort()``, which any thread may call to stop the running evaluation.
///
/// ```swift
/// let kernel = Kernel.standard()          // from the Ramp module: every builtin
/// let result = kernel.evaluate(someExpr)
/// ```
public final class Kernel: @unchecked Sendable {
    /// What a kernel knows about one symbol.
    final class SymbolData {
        var attributes: Attributes = []
        /// The own value (`x = v` / `x := v`); evaluated each time the symbol is.
        var ownValue: Expr?
        /// Whether the own value was given with `:=`.
        var ownValueDelayed = false
        var downValues: RuleList?
        var subValues: RuleList?
        var upValues: RuleList?
        var builtin: Builtin?
        /// Where `builtin` was defined (`Module/File.swift`).
        var builtinOwner: String?
        var messages: [String: String] = [:]
        var options: [Expr]?
        /// The machine-precision value `N` gives a whole call of this head (`Root[f, k]`), else nil.
        var machineNumericValue: ((Expr) -> Expr?)?
        /// Arithmetic or comparison the evaluator computes itself for two machine numbers (MachineFastPath.swift).
        var machineOp: MachineOp = .none
        /// Whether the symbol has any down or sub values (fast path for calls).
        var hasCallRules: Bool { downValues?.isEmpty == false || subValues?.isEmpty == false }
        var isEmpty: Bool {
            ownValue == nil && (downValues?.isEmpty ?? true) && (subValues?.isEmpty ?? true)
                && (upValues?.isEmpty ?? true) && builtin == nil && messages.isEmpty && options == nil && attributes.isEmpty
        }
    }

    var symbolData: [SymbolData?] = []
    /// File formats other modules added to Import/Export (`registerFileFormat`).
    var fileFormats: [FileFormatHandler] = []
    let abortRequested = Atomic<Bool>(false)

    /// Receives every message. The default prints `Head::tag: text` to standard output.
    public var messageHandler: (KernelMessage) -> Void = { print($0.description) }
    /// Receives the text of `Print` and `Echo`. The default prints to standard output.
    public var printHandler: (String) -> Void = { print($0) }
    /// The form `Print` and `Echo` write expressions in: one-line OutputForm (the default, what a
    /// terminal shows) or `.scriptForm` (what `wolframscript` prints; the script runner's choice).
    public var printStyle: FormStyle = .outputForm
    /// A live display that long computations (NetTrain's progress) redraw in place, for front ends
    /// that can update an output (the Jupyter kernel): called with the current progress line, and
    /// with `final` true for the closing one. Nil (the default): a terminal bar or printed rows.
    public var progressDisplay: ((_ text: String, _ final: Bool) -> Void)?

    /// Per-evaluation state of the evaluator (depth, limits, message bookkeeping).
    var state = EvaluatorState()
    /// The big-stack thread that top-level evaluations run on (created on first use).
    var worker: EvaluationThread?
    /// Number of symbols with up values; zero skips the up-value scan of arguments.
    var upValueSymbolCount = 0
    /// Counter for `Module`'s `x$nnn` names and `Unique`.
    var moduleNumber = 1
    /// The generator `SeedRandom` seeds and the Random builtins draw from (Random.swift).
    let randomState = RandomState()
    /// Ids of symbols the evaluator tests on every step (a stored `let` is cheaper to read than a
    /// static one).
    let sequenceID = Sym.Sequence.id, unevaluatedID = Sym.Unevaluated.id
    let recursionLimitID = Sym.RecursionLimit.id, iterationLimitID = Sym.IterationLimit.id
    let functionID = Sym.Function.id, slotID = Sym.Slot.id, nullID = Sym.Null.id, evaluatedSymbolID = Sym.evaluatedSymbol.id

    /// A kernel with the core language builtins. `Kernel.standard()` (module `Ramp`) adds the
    /// library and the nets.
    public init() {
        installCoreBuiltins()
    }

    deinit {
        worker?.stop()
    }

    /// The data of `s` for changing it (created when missing). Counts as a change of definitions:
    /// expressions evaluated before are evaluated again when next met.
    @inline(__always) func data(_ s: Symbol) -> SymbolData {
        definitionsChanged()
        if s.id < symbolData.count, let d = symbolData[s.id] { return d }
        return makeData(s)
    }

    /// The current definitions version: an expression stamped with it evaluates to itself.
    var version: UInt = Kernel.newVersion()

    private static let versionCounter = Atomic<UInt>(1)
    static func newVersion() -> UInt { versionCounter.wrappingAdd(1, ordering: .relaxed).newValue }

    /// Records that definitions changed, invalidating every evaluation stamp of this kernel.
    @inline(__always) func definitionsChanged() { version = Kernel.newVersion() }

    private func makeData(_ s: Symbol) -> SymbolData {
        if s.id >= symbolData.count { symbolData.append(contentsOf: repeatElement(nil, count: s.id - symbolData.count + 64)) }
        let d = SymbolData()
        symbolData[s.id] = d
        return d
    }

    /// The data of `s` when it has any, without creating it.
    @inline(__always) func existingData(_ s: Symbol) -> SymbolData? {
        s.id < symbolData.count ? symbolData[s.id] : nil
    }

    // MARK: Extending

    /// Whether `name` has a Swift builtin attached. A builtin is never redefined by wrapping it:
    /// objects declare what they can do through the capability protocols (NativeCapabilities.swift).
    public func hasBuiltin(named name: String) -> Bool { existingData(Symbol.named(name))?.builtin != nil }

    /// The file that defined `name`'s builtin (`RampKernel/Builtins/ListsPart.swift`), nil when it has none.
    public func builtinOwner(of name: String) -> String? { existingData(Symbol.named(name))?.builtinOwner }

    /// Sets the template of `symbol::tag` (slots written `` `1` ``, `` `2` ``, …).
    public func setMessage(_ symbol: String, _ tag: String, _ template: String) {
        data(Symbol.named(symbol)).messages[tag] = template
    }

    /// The attributes of a symbol.
    public func attributes(of s: Symbol) -> Attributes { existingData(s)?.attributes ?? [] }

    /// Replaces the attributes of a symbol.
    public func setAttributes(_ attributes: Attributes, of s: Symbol) { data(s).attributes = attributes }

    // MARK: Values

    /// The value of a global symbol, or nil when it has none.
    public func value(of name: String) -> Expr? { existingData(Symbol.named(name))?.ownValue }

    /// Sets (or clears, with nil) the value of a global symbol.
    public func setValue(_ value: Expr?, of name: String) {
        let s = Symbol.named(name)
        let before = version
        let d = data(s)
        d.ownValue = value
        d.ownValueDelayed = false
        if let value { restampNewValue(value, of: s, stampedAt: before) }
    }

    /// After `s` gained a value (which changed the definitions version): an evaluated value that
    /// does not mention `s` is still evaluated, so it keeps its stamp under the new version.
    func restampNewValue(_ value: Expr, of s: Symbol, stampedAt before: UInt) {
        guard case .normal(let n) = value, n.evaluationStamp.load(ordering: .relaxed) == before else { return }
        // Iterative walk: values may be arbitrarily deep. Past 100,000 nodes the walk visits each
        // shared node once (a NestList result shares every chain's tail; y = g[y, y] shares halves).
        var stack: [Expr] = [value]
        var budget = 100_000
        var seen: Set<ObjectIdentifier>? = nil
        while let e = stack.popLast() {
            switch e {
            case .symbol(let x): if x === s { return }
            case .normal(let m):
                budget -= 1
                if budget == 0 { seen = [] ; stack = [value]; continue }
                if seen != nil, !seen!.insert(ObjectIdentifier(m)).inserted { continue }
                stack.append(m.head)
                stack.append(contentsOf: m.args)
            default: break
            }
        }
        n.evaluationStamp.store(version, ordering: .relaxed)
    }

    // MARK: Interrupts

    /// Asks the running evaluation to stop; it returns `$Aborted`. Safe from any thread.
    public func abort() { abortRequested.store(true, ordering: .relaxed) }

    /// Throws `.aborted` when an abort was requested. Builtins call this in long loops.
    @inline(__always) public func checkAbort() throws(EvaluationControl) {
        if abortRequested.load(ordering: .relaxed) { throw .aborted }
    }

    /// Clears a pending abort request (the REPL does this before each input).
    public func clearAbort() { abortRequested.store(false, ordering: .relaxed) }

    /// Whether an abort was requested and not yet handled (for printing outside an evaluation
    /// that should stop at one: `PrintInterruption.polling { kernel.isAbortRequested } { … }`).
    public var isAbortRequested: Bool { abortRequested.load(ordering: .relaxed) }

    /// `expr` as text in `style`, for builtins that keep the text (`ToString`, `Print`, `Export`):
    /// printing stops at an abort (see `PrintInterruption`), and the unfinished text is never
    /// returned: the abort is thrown instead.
    public func formatted(_ expr: Expr, _ style: FormStyle) throws(EvaluationControl) -> String {
        let text = expr.formatted(style)
        try checkAbort()
        return text
    }
}
