import RampSyntax

/// How many arguments a builtin takes; the kernel checks it before the body runs and issues
/// Wolfram's `argx`/`argr`/`argrx`/`argt`/`argb`/`argm` messages (the call stays unevaluated).
public struct ArgumentCount: Sendable, Equatable {
    public let min: Int
    /// Nil: no upper bound.
    public let max: Int?

    public init(_ min: Int, _ max: Int?) {
        self.min = min
        self.max = max
    }

    /// Exactly `n` arguments.
    public static func exactly(_ n: Int) -> ArgumentCount { ArgumentCount(n, n) }
    /// `n` or more arguments.
    public static func atLeast(_ n: Int) -> ArgumentCount { ArgumentCount(n, nil) }
}

/// Everything about one builtin in one declaration: name, attributes, argument count, options with
/// their defaults, messages, usage and body. `Kernel.define(_:)` installs it; `Options[name]`,
/// `?name` and `??name` read what it declares.
///
/// ```swift
/// kernel.define(BuiltinSpec("Celsius", arguments: .exactly(1),
///                           usage: "Celsius[f] converts Fahrenheit to Celsius.") { call in
///     call.args[0].doubleValue.map { .real(($0 - 32) * 5 / 9) }
/// })
/// ```
public struct BuiltinSpec {
    public var name: String
    public var attributes: Attributes
    /// Checked before `body` runs; nil when the body checks its arguments itself. With `options`,
    /// it counts the positional arguments, and trailing option rules must be declared options
    /// (otherwise `optx`).
    public var arguments: ArgumentCount?
    /// `Options[name]`: the options it accepts, as rules with their default values.
    public var options: [Expr]
    /// Messages of the head: `(tag, template)`.
    public var messages: [(tag: String, template: String)]
    public var usage: String?
    /// Where it is defined (`Module/File.swift`), shown by `??name`.
    public var owner: String
    public var body: Builtin

    public init(_ name: String, attributes: Attributes = [], arguments: ArgumentCount? = nil, options: [Expr] = [],
                messages: [(tag: String, template: String)] = [], usage: String? = nil, owner: String = #fileID,
                _ body: @escaping Builtin) {
        self.name = name
        self.attributes = attributes
        self.arguments = arguments
        self.options = options
        self.messages = messages
        self.usage = usage
        self.owner = owner
        self.body = body
    }
}

extension Kernel {
    /// Installs a builtin declared by its spec. Each builtin has one owner: defining a name that
    /// already has a builtin is a programming error and traps (no builtin is extended by wrapping
    /// another's; objects declare capabilities instead, see NativeCapabilities.swift).
    public func define(_ spec: BuiltinSpec) {
        let d = data(Symbol.named(spec.name))
        precondition(d.builtin == nil, "builtin \(spec.name) defined twice (by \(d.builtinOwner ?? "?") and \(spec.owner)): each builtin has one owner")
        if let count = spec.arguments, !spec.options.isEmpty {
            let body = spec.body, min = count.min, max = count.max
            let names = Set(spec.options.compactMap(Self.optionName))
            d.builtin = { call throws(EvaluationControl) in
                // Trailing rules are options (never the required positional arguments); an
                // option the spec does not declare gives optx and leaves the call unevaluated.
                let args = call.args
                var positional = args.count
                while positional > min, Self.optionName(args[positional - 1]) != nil { positional -= 1 }
                for option in args[positional...] where !names.contains(Self.optionName(option)!) {
                    call.message("optx", option.args[0], call.expr)
                    return nil
                }
                guard call.checkArgCount(min, max, count: positional) else { return nil }
                return try body(call)
            }
        } else if let count = spec.arguments {
            let body = spec.body, min = count.min, max = count.max
            d.builtin = { call throws(EvaluationControl) in
                guard call.checkArgCount(min, max) else { return nil }
                return try body(call)
            }
        } else {
            d.builtin = spec.body
        }
        d.builtinOwner = spec.owner
        d.attributes = spec.attributes.union(.protected)
        if let usage = spec.usage { d.messages["usage"] = usage }
        for (tag, template) in spec.messages { d.messages[tag] = template }
        if !spec.options.isEmpty { setDefaultOptions(spec.name, spec.options) }
    }

    /// The name of an option rule `name -> value` or `name :> value` (a symbol or a string name).
    static func optionName(_ e: Expr) -> String? {
        guard e.hasHead(Sym.Rule) || e.hasHead(Sym.RuleDelayed), e.args.count == 2 else { return nil }
        return e.args[0].symbol?.name ?? e.args[0].string
    }

    /// Attaches a Swift builtin to the symbol `name` (``define(_:)`` with a spec of these parts).
    /// - Parameters:
    ///   - name: the symbol name, e.g. `"Total"`.
    ///   - attributes: the symbol's attributes (`Protected` is always added).
    ///   - arguments: the argument count the kernel checks before `body` runs (nil: `body` checks).
    ///   - usage: the `name::usage` text shown by `?name`.
    ///   - owner: where the builtin is defined (`Module/File.swift`, by default the caller's file),
    ///     shown by `??name`.
    ///   - body: the implementation; return `nil` to stay unevaluated.
    public func define(_ name: String, attributes: Attributes = [], arguments: ArgumentCount? = nil, usage: String? = nil,
                       owner: String = #fileID, _ body: @escaping Builtin) {
        define(BuiltinSpec(name, attributes: attributes, arguments: arguments, usage: usage, owner: owner, body))
    }
}
