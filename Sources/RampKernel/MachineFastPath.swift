import RampSyntax

/// Arithmetic and comparisons the evaluator does itself when both arguments are machine numbers,
/// without building the call or running the builtin. Each case gives exactly what the builtin
/// would (see MachineFastPathTests); anything else (overflow into big integers, exact zeros times
/// reals, non-finite results, reals in comparisons, which use `Equal`'s tolerance) returns nil and
/// takes the general path.
enum MachineOp: UInt8 {
    case none, plus, times, power, less, lessEqual, greater, greaterEqual, equal, unequal
    /// `x += d`, `x -= d`, `x *= d`, `x++`, `x--`, `++x`, `--x` on a symbol whose value is a machine number.
    case addTo, subtractFrom, timesBy, increment, decrement, preIncrement, preDecrement

    /// Whether this updates a variable (its head holds the first argument).
    var isAssignment: Bool { rawValue >= MachineOp.addTo.rawValue }

    /// Number of arguments the fast path takes.
    var arity: Int {
        switch self {
        case .increment, .decrement, .preIncrement, .preDecrement: return 1
        default: return 2
        }
    }

    /// For an assignment: the new value of a variable holding `old` (`delta` is the evaluated second
    /// argument, ignored by the one-argument forms), and the value the assignment returns.
    @inline(__always) func update(_ old: Expr, _ delta: Expr) -> (new: Expr, result: Expr)? {
        switch self {
        case .addTo:
            guard let r = MachineOp.plus.apply(old, delta) else { return nil }
            return (r, r)
        case .subtractFrom:
            guard case .integer(let x) = old, case .integer(let y) = delta else { return nil }
            let (r, o) = x.subtractingReportingOverflow(y)
            return o ? nil : (.integer(r), .integer(r))
        case .timesBy:
            guard let r = MachineOp.times.apply(old, delta) else { return nil }
            return (r, r)
        case .increment, .preIncrement, .decrement, .preDecrement:
            let step: Expr = self == .increment || self == .preIncrement ? .integer(1) : .integer(-1)
            guard let r = MachineOp.plus.apply(old, step) else { return nil }
            return (r, self == .increment || self == .decrement ? old : r)
        default:
            return nil
        }
    }

    /// `op[a, b]` for machine numbers `a`, `b`; nil when the general path must decide.
    @inline(__always) func apply(_ a: Expr, _ b: Expr) -> Expr? {
        if case .integer(let x) = a, case .integer(let y) = b { return applyIntegers(x, y) }
        guard self == .plus || self == .times else { return nil }
        let x: Double, y: Double
        switch a {
        case .real(let r): x = r
        case .integer(let i): x = Double(i)
        default: return nil
        }
        switch b {
        case .real(let r): y = r
        case .integer(let i): y = Double(i)
        default: return nil
        }
        let r: Double
        if self == .plus {
            // Plus accumulates onto an exact 0, so -0. + -0. is 0., as there.
            r = (0.0 + x) + y
        } else {
            // An exact zero factor gives an exact 0 (Times[0, 1.5] is 0).
            if case .integer(0) = a { return nil }
            if case .integer(0) = b { return nil }
            r = x * y
        }
        return r.isFinite ? .real(r) : nil
    }

    private func applyIntegers(_ x: Int, _ y: Int) -> Expr? {
        switch self {
        case .none: return nil
        case .plus:
            let (s, o) = x.addingReportingOverflow(y)
            return o ? nil : .integer(s)
        case .times:
            let (p, o) = x.multipliedReportingOverflow(by: y)
            return o ? nil : .integer(p)
        case .power:
            return Self.integerPower(x, y).map { .integer($0) }
        case .less: return .bool(x < y)
        case .lessEqual: return .bool(x <= y)
        case .greater: return .bool(x > y)
        case .greaterEqual: return .bool(x >= y)
        case .equal: return .bool(x == y)
        case .unequal: return .bool(x != y)
        default: return nil
        }
    }

    /// `b^k` for `k >= 1` when it fits in `Int`; nil otherwise (negative or zero exponents, overflow).
    static func integerPower(_ b: Int, _ k: Int) -> Int? {
        guard k >= 1 else { return nil }
        var result = 1, base = b, e = k
        while true {
            if e & 1 == 1 {
                let (r, o) = result.multipliedReportingOverflow(by: base)
                if o { return nil }
                result = r
            }
            e >>= 1
            if e == 0 { return result }
            let (sq, o) = base.multipliedReportingOverflow(by: base)
            if o { return nil }
            base = sq
        }
    }
}

extension Kernel {
    /// What `eval(e)` gives when `e` is `op[a, b]` for a machine arithmetic head and each operand is
    /// a machine number or a symbol whose value is one (`i^2` in `Table`), or an update of a
    /// variable holding a machine number by one (`s += i`, `k++` in a loop), done without the
    /// evaluator; nil when `e` is anything else or the general path must decide.
    @inline(__always) func machineShortcut(_ e: Expr) -> Expr? {
        guard case .normal(let n) = e, case .symbol(let h) = n.head, let d = existingData(h), d.machineOp != .none,
              n.args.count == d.machineOp.arity, d.ownValue == nil, d.downValues?.isEmpty ?? true,
              state.depth < state.recursionLimit, n.evaluationStamp.load(ordering: .relaxed) != version else { return nil }
        let op = d.machineOp
        if op.isAssignment {
            guard d.attributes.contains(.holdFirst), !d.attributes.contains(.holdRest), case .symbol(let s) = n.args[0],
                  let sd = existingData(s), let old = sd.ownValue, !sd.attributes.contains(.protected) else { return nil }
            let delta: Expr
            if n.args.count == 2 {
                guard let v = machineOperand(n.args[1]) else { return nil }
                delta = v
            } else {
                delta = .integer(0)
            }
            guard let (new, result) = op.update(old, delta) else { return nil }
            sd.ownValue = new
            sd.ownValueDelayed = false
            specialValueChanged(s)
            return result
        }
        guard !d.attributes.containsAny(.holdFirst, .holdRest),
              let x = machineOperand(n.args[0]), let y = machineOperand(n.args[1]) else { return nil }
        return op.apply(x, y)
    }

    /// What evaluating `f[x]` gives when `f` is a pure function whose body is machine arithmetic
    /// (`(# + 1) &`, `Function[y, y^2]`) and `x` a machine number, computed without building the
    /// call (`Nest`, `NestList`); nil otherwise.
    @inline(__always) func machineApply(_ f: Expr, _ x: Expr) -> Expr? {
        guard case .normal(let fn) = f, case .symbol(let fh) = fn.head, fh.id == functionID, fn.args.count <= 2,
              state.depth < state.recursionLimit, fn.evaluationStamp.load(ordering: .relaxed) == version,
              existingData(fh)?.subValues?.isEmpty ?? true else { return nil }
        switch x {
        case .integer, .real: break
        default: return nil
        }
        return machineFunctionValue(fn, x)
    }

    /// `f[x]` evaluated, through `machineApply` when it applies (checking for an abort there, since
    /// that path never enters the evaluator). One step of `Nest` and `NestList`.
    @inline(__always) func applyOnce(_ f: Expr, _ x: Expr) throws(EvaluationControl) -> Expr {
        if let y = machineApply(f, x) {
            try checkAbort()
            return y
        }
        return try eval(.call(f, [x]))
    }

    /// A machine number, or the value of a symbol whose value is one.
    @inline(__always) private func machineOperand(_ e: Expr) -> Expr? {
        switch e {
        case .integer, .real: return e
        case .symbol(let s):
            switch existingData(s)?.ownValue {
            case .integer(let i)?: return .integer(i)
            case .real(let r)?: return .real(r)
            default: return nil
            }
        default: return nil
        }
    }

    /// Marks the builtins the evaluator may compute directly for two machine-number arguments.
    func installMachineFastPaths() {
        let ops: [(String, MachineOp)] = [
            ("Plus", .plus), ("Times", .times), ("Power", .power), ("Less", .less), ("LessEqual", .lessEqual),
            ("Greater", .greater), ("GreaterEqual", .greaterEqual), ("Equal", .equal), ("Unequal", .unequal),
            ("AddTo", .addTo), ("SubtractFrom", .subtractFrom), ("TimesBy", .timesBy), ("Increment", .increment),
            ("Decrement", .decrement), ("PreIncrement", .preIncrement), ("PreDecrement", .preDecrement),
        ]
        for (name, op) in ops { data(Symbol.named(name)).machineOp = op }
    }
}
