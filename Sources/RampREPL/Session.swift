import Ramp

/// One interpreter session: a kernel plus the numbered input/output history that the REPL and the
/// script runner share — `In[n]`, `Out[n]`, `%`, `%%`, `%n`, `$Line`, `$HistoryLength` — and the
/// end of the session when an input calls `Exit[n]`/`Quit[n]` (the kernel's builtins record the code).
///
/// Everything goes through the kernel's public API (the same an embedder has): `In` and `Out` are
/// builtins reading this object's history, `$Line` and `$HistoryLength` are ordinary kernel values.
/// A session is used from one thread; only Ctrl-C (``Interrupts``) reaches it from elsewhere.
public final class Session {
    /// The kernel evaluating this session's inputs.
    public let kernel: Kernel
    /// The number the next input gets (`In[n]`).
    public private(set) var line = 1
    /// Set by `Exit[n]`/`Quit[n]` (or a bare `Exit`/`Quit`): the session should end with this status.
    public private(set) var exitCode: Int32?

    /// Called with each input's value after it is recorded (`ramp --show` opens graphics with it).
    public var resultObserver: ((Expr) -> Void)?

    private var inputs: [Int: Expr] = [:]
    private var outputs: [Int: Expr] = [:]

    /// A session on `kernel`; installs `In`, `Out`, `$Line` and `$HistoryLength`.
    public init(kernel: Kernel) {
        self.kernel = kernel
        installHistoryBuiltins()
    }

    /// The heads that, at the top of a result, choose how it is shown (`Out[n]//FullForm= …`) and
    /// are not stored in `Out[n]`.
    static let formWrappers: Set<String> = [
        "FullForm", "InputForm", "OutputForm", "StandardForm", "TraditionalForm", "TreeForm",
        "MatrixForm", "TableForm", "NumberForm", "ScientificForm", "EngineeringForm", "Short",
        "Shallow", "CForm", "FortranForm", "TeXForm", "PaddedForm", "AccountingForm", "BaseForm",
    ]

    /// The result of one input.
    public struct Evaluation {
        /// The line number the input had (`In[n]`).
        public let line: Int
        /// The value, with a top-level form wrapper removed (what `Out[n]` holds).
        public let value: Expr
        /// The form wrapper's name (`"FullForm"`) when the result had one.
        public let form: String?
        /// The result as evaluated, wrapper and its arguments included (`NumberForm[x, {6, 2}]`):
        /// what is shown.
        public let shown: Expr
    }

    /// Evaluates one complete input as `In[line]` and records it in the history.
    public func evaluate(_ input: Expr) -> Evaluation {
        let n = line
        kernel.setValue(.integer(n), of: "$Line")
        remember(&inputs, n, input)
        if let s = input.symbol, s.name == "Exit" || s.name == "Quit" {
            exitCode = 0
            return Evaluation(line: n, value: .null, form: nil, shown: .null)
        }
        Interrupts.requested.store(false, ordering: .relaxed)
        kernel.clearAbort()
        let shown = kernel.evaluate(input)
        kernel.clearAbort()
        if let code = kernel.requestedExitCode {
            exitCode = code
            return Evaluation(line: n, value: .null, form: nil, shown: .null)
        }
        var value = shown
        var form: String?
        if let head = value.headSymbol, Session.formWrappers.contains(head.name), value.args.count >= 1 {
            form = head.name
            value = value.args[0]
        }
        remember(&outputs, n, value)
        line = (kernel.value(of: "$Line")?.int ?? n) + 1
        trimHistory()
        resultObserver?(value)
        return Evaluation(line: n, value: value, form: form, shown: shown)
    }

    private func remember(_ table: inout [Int: Expr], _ n: Int, _ value: Expr) {
        if historyLength != 0 { table[n] = value }
    }

    /// `$HistoryLength` as a count, or nil for `Infinity` (the default).
    private var historyLength: Int? {
        guard let value = kernel.value(of: "$HistoryLength") else { return nil }
        if let k = value.int { return max(k, 0) }
        return nil
    }

    private func trimHistory() {
        guard let keep = historyLength else { return }
        let oldest = line - keep
        inputs = inputs.filter { $0.key >= oldest }
        outputs = outputs.filter { $0.key >= oldest }
    }

    /// `Out[k]` for k ≤ 0 counts back from the current line: `Out[-1]` (`%`) is the last output.
    private func resolve(_ k: Int) -> Int { k <= 0 ? line + k : k }

    private func installHistoryBuiltins() {
        kernel.setValue(.integer(line), of: "$Line")
        if kernel.value(of: "$Version") == nil {
            kernel.setValue(.string(RampVersion.description), of: "$Version")
        }
        if kernel.value(of: "$HistoryLength") == nil {
            kernel.setValue(.call(Sym.DirectedInfinity, [1]), of: "$HistoryLength")
        }
        kernel.setMessage("$Line", "usage", "$Line is a global variable that specifies the number of the current input line.")
        kernel.setMessage("$HistoryLength", "usage", "$HistoryLength specifies the number of previous lines of input and output to keep in a Wolfram Language session.")
        kernel.define("Out", usage: "%n or Out[n] is a global object that is assigned to be the value produced on the nth output line. % gives the last result generated. %% gives the result before last. Out[-k] gives the kth previous result.") { [unowned self] call in
            switch call.args.count {
            case 0: return self.outputs[self.line - 1]
            case 1:
                guard let k = call.args[0].int else { return nil }
                return self.outputs[self.resolve(k)]
            default: return nil
            }
        }
        kernel.define("In", usage: "In[n] is a global object that is assigned to have a delayed value of the nth input line. In[-k] gives the kth previous input.") { [unowned self] call in
            switch call.args.count {
            case 0: return self.inputs[self.line - 1]
            case 1:
                guard let k = call.args[0].int else { return nil }
                return self.inputs[self.resolve(k)]
            default: return nil
            }
        }
    }
}
