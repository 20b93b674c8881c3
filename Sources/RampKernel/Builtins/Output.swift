import RampSyntax

extension Kernel {
    /// `Print` and `Echo`: text for ``printHandler``, in the kernel's ``printStyle`` (one-line
    /// OutputForm, what a terminal shows; the script runner sets `.scriptForm`, as `wolframscript`
    /// prints). A native object given directly prints its summary (a report prints as its table).
    func installOutputBuiltins() {
        define("Print", usage: "Print[expr] prints expr as output.\nPrint[expr1, expr2, …] prints the expri concatenated together.") { (call) throws(EvaluationControl) -> Expr? in
            var text = ""
            for a in call.args { text += call.kernel.printText(a) }
            // A print cut short by an abort is not shown.
            try call.kernel.checkAbort()
            call.kernel.printHandler(text)
            return .null
        }
        define("Echo", usage: "Echo[expr] prints expr and returns expr.\nEcho[expr, label] prints expr prepended with label.") { (call) throws(EvaluationControl) -> Expr? in
            guard (1...2).contains(call.args.count) else { return nil }
            let value = call.args[0]
            let label = call.args.count == 2 ? call.kernel.printText(call.args[1]) : ">> "
            let text = label + call.kernel.printText(value)
            try call.kernel.checkAbort()
            call.kernel.printHandler(text)
            return value
        }
    }
}

extension Kernel {
    /// How `Print` shows one argument: a string as itself, a native object as its summary (an
    /// association, laid out like any expression), anything else in ``printStyle``.
    func printText(_ e: Expr) -> String {
        if let s = e.string { return s }
        if case .native(let object) = e, !object.printsAsInputForm { return object.summary }
        return e.formatted(printStyle)
    }
}
