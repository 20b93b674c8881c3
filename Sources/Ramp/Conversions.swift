// Conversions between Swift values and expressions, for embedders.

/// A Swift value with an expression form: `Int`, `Double`, `Float`, `String`, `Bool`, arrays of
/// convertible values (numeric arrays become packed arrays), dictionaries (associations) and
/// `Expr` itself.
///
/// ```swift
/// kernel.setValue([1.0, 2.5, 4.0], of: "data")
/// let total = try kernel.evaluate(source: "Total[data]", as: Double.self)   // 7.5
/// let table = Dictionary<String, Int>(expr: try kernel.evaluate(source: "<|\"a\" -> 1|>"))
/// ```
public protocol ExprConvertible {
    /// The value as an expression.
    var expr: Expr { get }
    /// The value an expression stands for, or nil when it is not one of this type.
    init?(expr: Expr)
}

extension Expr: ExprConvertible {
    public var expr: Expr { self }
    public init?(expr: Expr) { self = expr }
}

extension Int: ExprConvertible {
    /// An integer expression.
    public var expr: Expr { .integer(self) }
    /// Accepts machine integers only.
    public init?(expr: Expr) {
        guard case .integer(let i) = expr else { return nil }
        self = i
    }
}

extension Double: ExprConvertible {
    /// A machine-real expression.
    public var expr: Expr { .real(self) }
    /// Accepts reals, integers and rationals (converted to the nearest `Double`).
    public init?(expr: Expr) {
        switch expr {
        case .real(let d): self = d
        case .integer(let i): self = Double(i)
        case .bigInteger(let b): self = Double(b)
        case .rational(let n, let d): self = Double(n) / Double(d)
        default: return nil
        }
    }
}

extension Float: ExprConvertible {
    /// A machine-real expression.
    public var expr: Expr { .real(Double(self)) }
    /// Accepts what `Double` accepts, rounded to `Float`.
    public init?(expr: Expr) {
        guard let d = Double(expr: expr) else { return nil }
        self = Float(d)
    }
}

extension String: ExprConvertible {
    /// A string expression (not a symbol: use `Expr.sym` for that).
    public var expr: Expr { .string(self) }
    /// Accepts strings only.
    public init?(expr: Expr) {
        guard case .string(let s) = expr else { return nil }
        self = s
    }
}

extension Bool: ExprConvertible {
    /// `True` or `False`.
    public var expr: Expr { .bool(self) }
    /// Accepts the symbols `True` and `False`.
    public init?(expr: Expr) {
        if expr == .true { self = true } else if expr == .false { self = false } else { return nil }
    }
}

extension Array: ExprConvertible where Element: ExprConvertible {
    /// A list; rectangular numeric arrays (`[Double]`, `[[Double]]`, `[Int]` …) are packed.
    public var expr: Expr {
        let list = Expr.list(map(\.expr))
        return PackedArray.pack(list).map(Expr.packed) ?? list
    }
    /// Accepts a list (packed or not) whose elements all convert.
    public init?(expr: Expr) {
        guard expr.hasHead(Sym.List) else { return nil }
        var elements: [Element] = []
        elements.reserveCapacity(expr.args.count)
        for part in expr.args {
            guard let element = Element(expr: part) else { return nil }
            elements.append(element)
        }
        self = elements
    }
}

extension Dictionary: ExprConvertible where Key: ExprConvertible, Value: ExprConvertible {
    /// An association `<|key -> value, …|>`, keys in sorted order of their expressions' text
    /// when the keys are strings or numbers (Swift dictionaries have no order of their own).
    public var expr: Expr {
        let rules = map { Expr.call(Sym.Rule, $0.key.expr, $0.value.expr) }
        return .call(Sym.Association, rules.sorted { OutputForm.format($0) < OutputForm.format($1) })
    }
    /// Accepts an association or a list of rules whose keys and values all convert; a later rule
    /// for the same key wins.
    public init?(expr: Expr) {
        var expr = expr
        // An evaluated association is a native object; its InputForm is `Association[rules…]`.
        if case .native(let object) = expr, object.head === Sym.Association { expr = object.inputForm }
        guard expr.hasHead(Sym.Association) || expr.hasHead(Sym.List) else { return nil }
        var result: [Key: Value] = [:]
        for rule in expr.args {
            guard rule.hasHead(Sym.Rule) || rule.hasHead(Sym.RuleDelayed), rule.args.count == 2,
                  let key = Key(expr: rule.args[0]), let value = Value(expr: rule.args[1]) else { return nil }
            result[key] = value
        }
        self = result
    }
}

/// Thrown by the typed conveniences when a result does not convert to the type asked for.
public struct ConversionError: Error, CustomStringConvertible {
    /// The expression that did not convert.
    public let expr: Expr
    /// The Swift type asked for.
    public let type: Any.Type
    public var description: String { "cannot convert \(OutputForm.format(expr)) to \(type)" }
}

extension Kernel {
    /// Sets a global symbol to a Swift value (`kernel.setValue([1.0, 2.0], of: "xs")`).
    public func setValue<T: ExprConvertible>(_ value: T, of name: String) {
        let store: (Expr?, String) -> Void = setValue(_:of:)   // the kernel's setter, not this one
        store(value.expr, name)
    }

    /// The value of a global symbol as a Swift value, or nil when it has none or it does not convert.
    public func value<T: ExprConvertible>(of name: String, as type: T.Type) -> T? {
        value(of: name).flatMap(T.init(expr:))
    }

    /// Evaluates source text and converts the result.
    /// - Throws: ``SyntaxError`` for bad syntax, ``ConversionError`` when the result is not a `T`.
    public func evaluate<T: ExprConvertible>(source: String, as type: T.Type) throws -> T {
        let result = try evaluate(source: source)
        guard let value = T(expr: result) else { throw ConversionError(expr: result, type: type) }
        return value
    }

    /// Calls a function by name with Swift arguments: `kernel.call("Total", [1.0, 2.0])`.
    public func call(_ function: String, _ arguments: any ExprConvertible...) -> Expr {
        evaluate(.call(Symbol.named(function), arguments.map(\.expr)))
    }
}

extension Kernel {
    /// Defines a builtin from a Swift function of one convertible argument; calls whose argument
    /// does not convert stay unevaluated.
    ///
    /// ```swift
    /// kernel.defineFunction("Celsius", usage: "Celsius[f] converts Fahrenheit to Celsius.") { (f: Double) in
    ///     (f - 32) * 5 / 9
    /// }
    /// ```
    public func defineFunction<A: ExprConvertible, R: ExprConvertible>(
        _ name: String, attributes: Attributes = [], usage: String? = nil, owner: String = #fileID, _ body: @escaping (A) -> R
    ) {
        define(name, attributes: attributes, usage: usage, owner: owner) { call in
            guard call.args.count == 1, let a = A(expr: call.args[0]) else { return nil }
            return body(a).expr
        }
    }

    /// Defines a builtin from a Swift function of two convertible arguments.
    public func defineFunction<A: ExprConvertible, B: ExprConvertible, R: ExprConvertible>(
        _ name: String, attributes: Attributes = [], usage: String? = nil, owner: String = #fileID, _ body: @escaping (A, B) -> R
    ) {
        define(name, attributes: attributes, usage: usage, owner: owner) { call in
            guard call.args.count == 2, let a = A(expr: call.args[0]), let b = B(expr: call.args[1]) else { return nil }
            return body(a, b).expr
        }
    }
}
