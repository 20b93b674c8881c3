import RampSyntax

/// How many arguments a builtin takes; the kernel checks it before the body runs and issues
/// Wolfram's `argx`/`argr`/`argrx`/`argt`/`argb`/`argm` messages (the call stays unevaluated).
public struct ArgumentCount: Sendable, Equatable {
    public let min: Int
    /// Nil: no upper bound.
    public let max: Int?
    /// With declared options: how many leading arguments are always positional. Trailing rules
    /// after them are options; a rule among the first `positionalPrefix` is an argument (the
    /// pattern of `Cases[{a -> 1}, a -> 1]`, the rule of `StringReplace["ab", "a" -> "x"]`).
    public let positionalPrefix: Int

    public init(_ min: Int, _ max: Int?) {
        self.min = min
        self.max = max
        self.positionalPrefix = min
    }

    init(_ min: Int, _ max: Int?, positionalPrefix: Int) {
        self.min = min
        self.max = max
        self.positionalPrefix = positionalPrefix
    }

    /// The same count, also accepting the one-argument operator form (`Cases[p]`, `StringReplace[rules]`),
    /// which the body leaves unevaluated so that `Cases[p][e]` applies it. Options still follow the
    /// full form's positional arguments.
    public var withOperatorForm: ArgumentCount { ArgumentCount(1, max, positionalPrefix: min) }

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
    /// `Options[name]`: the options it accepts, as rules with their default values. With
    /// `arguments`, the kernel splits them off each call (`call.option(name)` reads one); without,
    /// the body reads them itself (the layer constructors, whose rules are not all options).
    public var options: [Expr]
    /// Messages of the head: `(tag, template)`.
    public var messages: [(tag: String, template: String)]
    public var usage: String?
    /// What a call gives when the kernel refuses its argument count or an option: nil leaves it
    /// unevaluated (System functions); the net functions give `$Failed`, as Wolfram's do.
    public var badArgumentsResult: Expr?
    /// Where it is defined (`Module/File.swift`), shown by `??name`.
    public var owner: String
    public var body: Builtin

    public init(_ name: String, attributes: Attributes = [], arguments: ArgumentCount? = nil, options: [Expr] = [],
                messages: [(tag: String, template: String)] = [], usage: String? = nil, badArgumentsResult: Expr? = nil,
                owner: String = #fileID, _ body: @escaping Builtin) {
        self.name = name
        self.attributes = attributes
        self.arguments = arguments
        self.options = options
        self.messages = messages
        self.usage = usage
        self.badArgumentsResult = badArgumentsResult
        self.owner = owner
        self.body = body
    }
}

extension BuiltinSpec {
    /// The option rule `name -> value` (`name :> value` when `delayed`), with `name` a System symbol.
    public static func option(_ name: String, _ value: Expr, delayed: Bool = false) -> Expr {
        .call(delayed ? Sym.RuleDelayed : Sym.Rule, .symbol(Symbol.named(name)), value)
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
            let body = spec.body, refused = spec.badArgumentsResult
            let names = Set(spec.options.compactMap(Self.optionName))
            d.builtin = { call throws(EvaluationControl) in
                guard let split = call.splitOptions(count, names) else { return refused }
                return try body(split)
            }
        } else if let count = spec.arguments {
            let body = spec.body, min = count.min, max = count.max, refused = spec.badArgumentsResult
            d.builtin = { call throws(EvaluationControl) in
                guard call.checkArgCount(min, max) else { return refused }
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
    public static func optionName(_ e: Expr) -> String? {
        guard e.hasHead(Sym.Rule) || e.hasHead(Sym.RuleDelayed), e.args.count == 2 else { return nil }
        return e.args[0].symbol?.name ?? e.args[0].string
    }

    /// Attaches a Swift builtin to the symbol `name` (``define(_:)`` with a spec of these parts).
    /// - Parameters:
    ///   - name: the symbol name, e.g. `"Total"`.
    ///   - attributes: the symbol's attributes (`Protected` is always added).
    ///   - arguments: the argument count the kernel checks before `body` runs (nil: `body` checks).
    ///   - options: `Options[name]`, as rules with their defaults (see ``BuiltinSpec/option(_:_:delayed:)``);
    ///     the kernel splits them off the call; the body reads them with `call.option(name)`.
    ///   - usage: the `name::usage` text shown by `?name`.
    ///   - owner: where the builtin is defined (`Module/File.swift`, by default the caller's file),
    ///     shown by `??name`.
    ///   - body: the implementation; return `nil` to stay unevaluated.
    public func define(_ name: String, attributes: Attributes = [], arguments: ArgumentCount? = nil, options: [Expr] = [],
                       usage: String? = nil, owner: String = #fileID, _ body: @escaping Builtin) {
        define(BuiltinSpec(name, attributes: attributes, arguments: arguments, options: options, usage: usage, owner: owner, body))
    }
}

extension BuiltinCall {
    /// The call with its trailing option rules split off (read with `option(_:)`), after checking
    /// them and the positional count. Issues `optx` for
    /// an option not in `names` and the argument-count messages; nil then (the call stays unevaluated).
    func splitOptions(_ count: ArgumentCount, _ names: Set<String>) -> BuiltinCall? {
        var positional = args.count
        while positional > count.positionalPrefix, Kernel.optionName(args[positional - 1]) != nil { positional -= 1 }
        if positional == args.count {  // no option given: the call as it is (no copy in loops)
            return checkArgCount(count.min, count.max) ? self : nil
        }
        var options: [String: Expr] = [:]
        // The first rule of a name wins, as in Wolfram.
        for option in args[positional...].reversed() {
            let name = Kernel.optionName(option)!
            guard names.contains(name) else {
                message("optx", option.args[0], expr)
                return nil
            }
            options[name] = option.args[1]
        }
        guard checkArgCount(count.min, count.max, count: positional) else { return nil }
        return BuiltinCall(kernel: kernel, head: head, expr: expr, args: Array(args[..<positional]), givenOptions: options)
    }

    /// Checks that the call has between `min` and `max` arguments (`max` nil: unbounded); issues
    /// `argx`/`argr`/`argrx`/`argt`/`argtu`/`argb`/`argbu`/`argm`/`argmu` as Wolfram does.
    /// `count` is the number of positional arguments (all of them by default). Builtins declare
    /// their count in their spec; this is for the few whose count depends on their arguments.
    func checkArgCount(_ min: Int, _ max: Int?, count: Int? = nil) -> Bool {
        let n = count ?? args.count
        if n >= min, max == nil || n <= max! { return true }
        let h = Expr.symbol(head)
        if let max {
            if min == max {
                if min == 1 { message("argx", h, .integer(n)) }
                else if n == 1 { message("argr", h, .integer(min)) }
                else { message("argrx", h, .integer(n), .integer(min)) }
            } else if max == min + 1 {
                if n == 1 { message("argtu", h, .integer(min), .integer(max)) }
                else { message("argt", h, .integer(n), .integer(min), .integer(max)) }
            } else {
                if n == 1 { message("argbu", h, .integer(min), .integer(max)) }
                else { message("argb", h, .integer(n), .integer(min), .integer(max)) }
            }
        } else {
            if min == 1 { message("argx", h, .integer(n)) }  // unreachable for n >= 1
            else if n == 1 { message("argmu", h, .integer(min)) }
            else { message("argm", h, .integer(n), .integer(min)) }
        }
        return false
    }
}
