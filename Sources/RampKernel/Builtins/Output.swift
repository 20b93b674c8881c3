import RampSyntax

extension Kernel {
    /// `Print` and `Echo`: text for ``printHandler``. The kernel formats in one-line OutputForm (what
    /// a terminal shows); the script runner re-installs them with `.scriptForm`, as `wolframscript`
    /// prints (`installOutputBuiltins(style:)`).
    public func installOutputBuiltins(style: FormStyle = .outputForm) {
        define("Print", usage: "Print[expr] prints expr as output.\nPrint[expr1, expr2, …] prints the expri concatenated together.") { call in
            let text = call.args.map { $0.string ?? $0.formatted(style) }.joined()
            call.kernel.printHandler(text)
            return .null
        }
        define("Echo", usage: "Echo[expr] prints expr and returns expr.\nEcho[expr, label] prints expr prepended with label.") { call in
            guard (1...2).contains(call.args.count) else { return nil }
            let value = call.args[0]
            let label = call.args.count == 2 ? (call.args[1].string ?? call.args[1].formatted(style)) : ">> "
            call.kernel.printHandler(label + (value.string ?? value.formatted(style)))
            return value
        }
    }
}
