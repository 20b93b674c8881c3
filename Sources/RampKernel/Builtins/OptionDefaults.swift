import RampSyntax

/// Default options of builtins (`Options[f]`, changed by `SetOptions[f, …]`) and the option-name
/// symbols (`IgnoreCase`, `Heads`, …) with their usage texts.
///
/// A builtin that takes options declares them in its spec (`BuiltinSpec.options`, with Wolfram's
/// default values); the kernel splits them off each call and the body reads them with
/// `call.option(name)`, which falls back to the current default, so `SetOptions` changes what later
/// calls do.
extension Kernel {
    /// Declares `Options[name]`: the options the builtin accepts, with their defaults, in order.
    public func setDefaultOptions(_ name: String, _ rules: [Expr]) {
        data(Symbol.named(name)).options = rules
    }

    /// `Options[s]` as it is now (after any `SetOptions`).
    public func defaultOptions(of s: Symbol) -> [Expr] { existingData(s)?.options ?? [] }

    /// The current default of option `name` (a symbol or string name) of `s`; nil when `s` has no
    /// such option.
    public func defaultOption(_ s: Symbol, _ name: String) -> Expr? {
        for rule in defaultOptions(of: s) {
            guard case .normal(let n) = rule, n.args.count == 2 else { continue }
            if n.args[0].symbol?.name == name || n.args[0].string == name { return n.args[1] }
        }
        return nil
    }

    /// Declares a System symbol used as an option name: its usage text, `Protected`.
    public func defineOptionName(_ name: String, usage: String) {
        let d = data(Symbol.named(name))
        d.messages["usage"] = usage
        d.attributes.insert(.protected)
    }

    /// The System symbols that name the core builtins' options, with their usage texts.
    func installOptionNames() {
        let names: [(String, String)] = [
            ("IgnoreCase", "IgnoreCase is an option for string manipulation and searching functions that specifies whether lowercase and uppercase letters should be treated as equivalent."),
            ("Overlaps", "Overlaps is an option to string and sequence functions that specifies how to treat overlapping substrings."),
            ("Heads", "Heads is an option for functions which use levels that specifies whether heads of expressions should be included."),
            ("MaxIterations", "MaxIterations is an option that specifies the maximum number of iterations that should be tried in various built-in functions and algorithms."),
            ("SameTest", "SameTest is an option to functions like FixedPoint that gives a function to use to test whether two expressions should be treated as the same."),
            ("CharacterEncoding", "CharacterEncoding is an option for input and output functions which specifies what raw character encoding should be used."),
            ("FormatType", "FormatType is an option for output streams, graphics, and functions such as Text that specifies the default format type to use when outputting expressions."),
            ("NumberMarks", "NumberMarks is an option for InputForm and related functions that specifies whether ` marks should be included in the printed forms of approximate numbers."),
            ("PageWidth", "PageWidth is an option for output streams and cells that specifies how wide each line of text should be allowed to be."),
            ("TotalWidth", "TotalWidth is an option for output streams that specifies the maximum total number of characters of text that should be printed for each output expression."),
        ]
        for (name, text) in names where usage(of: name) == nil { defineOptionName(name, usage: text) }
    }
}
