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
    /// The arguments of `expr`.
    public var args: [Expr] { expr.args }

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
public typealias Builtin = (BuiltinCall) throws(EvaluationControl) -> Expr?

/// An interpreter instance: its own symbol definitions, message handler and history.
///
/// A `Kernel` is not thread-safe: evaluate on one thread at a time. The one exception is
/// ``abort()``, which any thread may call to stop the running evaluation.
///
/// ```swift
/// let kernel = Kernel.standard()          // from the Ramp module: every builtin
/// let result = try kernel.evaluate(source: "Total[Range[10]]")
/// print(kernel.format(result, .inputForm)) // 55
/// ```
public final class Kernel: @unchecked Sendable {
    /// What a kernel knows about one symbol.
    final class SymbolData {
        var attributes: Attributes = []
        var ownValue: Expr?
        var builtin: Builtin?
        var messages: [String: String] = [:]
    }

    private var symbolData: [SymbolData?] = []
    private let abortRequested = Atomic<Bool>(false)

    /// Receives every message. The default prints `Head::tag: text` to standard output.
    public var messageHandler: (KernelMessage) -> Void = { print($0.description) }
    /// Receives the text of `Print` and `Echo`. The default prints to standard output.
    public var printHandler: (String) -> Void = { print($0) }

    /// A kernel with the core language builtins. `Kernel.standard()` (module `Ramp`) adds the
    /// library and the nets.
    public init() {
        installCoreBuiltins()
    }

    func data(_ s: Symbol) -> SymbolData {
        if s.id >= symbolData.count { symbolData.append(contentsOf: repeatElement(nil, count: s.id - symbolData.count + 64)) }
        if let d = symbolData[s.id] { return d }
        let d = SymbolData()
        symbolData[s.id] = d
        return d
    }

    // MARK: Extending

    /// Attaches a Swift builtin to the symbol `name`.
    /// - Parameters:
    ///   - name: the symbol name, e.g. `"Total"`.
    ///   - attributes: the symbol's attributes (`Protected` is always added).
    ///   - usage: the `name::usage` text shown by `?name`.
    ///   - body: the implementation; return `nil` to stay unevaluated.
    public func define(_ name: String, attributes: Attributes = [], usage: String? = nil, _ body: @escaping Builtin) {
        let d = data(Symbol.named(name))
        d.builtin = body
        d.attributes = attributes.union(.protected)
        if let usage { d.messages["usage"] = usage }
    }

    /// The Swift builtin attached to `name`, if any: lets a later area extend a builtin to new kinds
    /// of arguments (e.g. `Length` of a `NumericArray`) and delegate everything else to it.
    public func builtin(named name: String) -> Builtin? { data(Symbol.named(name)).builtin }

    /// Sets the template of `symbol::tag` (slots written `` `1` ``, `` `2` ``, …).
    public func setMessage(_ symbol: String, _ tag: String, _ template: String) {
        data(Symbol.named(symbol)).messages[tag] = template
    }

    /// The attributes of a symbol.
    public func attributes(of s: Symbol) -> Attributes { s.id < symbolData.count ? symbolData[s.id]?.attributes ?? [] : [] }

    // MARK: Values

    /// The value of a global symbol, or nil when it has none.
    public func value(of name: String) -> Expr? { data(Symbol.named(name)).ownValue }

    /// Sets (or clears, with nil) the value of a global symbol.
    public func setValue(_ value: Expr?, of name: String) { data(Symbol.named(name)).ownValue = value }

    // MARK: Messages

    /// Issues `symbol::tag`, falling back to `General::tag` for the template.
    public func message(_ symbol: Symbol, _ tag: String, _ slots: [Expr]) {
        let template = data(symbol).messages[tag] ?? data(Symbol.named("General")).messages[tag] ?? "-- Message text not found --"
        var text = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "`") {
            text += rest[..<open]
            let after = rest.index(after: open)
            guard let close = rest[after...].firstIndex(of: "`") else { rest = rest[open...]; break }
            if let k = Int(rest[after..<close]), k >= 1, k <= slots.count {
                text += OutputForm.format(slots[k - 1], bareStrings: true)
            }
            rest = rest[rest.index(after: close)...]
        }
        text += rest
        messageHandler(KernelMessage(symbol: symbol, tag: tag, text: text))
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

    // MARK: Evaluation

    /// Evaluates `expr` fully. Aborts and uncaught `Throw`s become `$Aborted` / `Hold[Throw[…]]`.
    public func evaluate(_ expr: Expr) -> Expr {
        do {
            return try eval(expr)
        } catch {
            switch error {
            case .aborted: return .aborted
            case .thrown(let value, let tag):
                return .call(Sym.Hold, .call(Symbol.named("Throw"), tag.map { [value, $0] } ?? [value]))
            case .returned(let value): return value
            case .breakLoop: return .call(Symbol.named("Break"), [])
            case .continueLoop: return .call(Symbol.named("Continue"), [])
            }
        }
    }

    /// Evaluates `expr` for a builtin, letting non-local exits propagate.
    public func eval(_ expr: Expr) throws(EvaluationControl) -> Expr {
        try checkAbort()
        switch expr {
        case .symbol(let s):
            if s.id < symbolData.count, let v = symbolData[s.id]?.ownValue { return try eval(v) }
            return expr
        case .normal(let n):
            let head = try eval(n.head)
            let attrs = head.symbol.map(attributes(of:)) ?? []
            var args = n.args
            if !attrs.contains(.holdAllComplete) {
                for i in args.indices {
                    let held = i == 0 ? attrs.contains(.holdFirst) : attrs.contains(.holdRest)
                    if !held { args[i] = try eval(args[i]) }
                }
            }
            let call = Expr.call(head, args)
            if case .native(let object) = head, let applicable = object as? any ApplicableObject {
                if let result = try applicable.apply(args, kernel: self) { return try eval(result) }
                return call
            }
            if let s = head.symbol, s.id < symbolData.count, let fn = symbolData[s.id]?.builtin {
                if let result = try fn(BuiltinCall(kernel: self, head: s, expr: call)), result != call {
                    return try eval(result)
                }
            }
            return call
        default:
            return expr
        }
    }
}
