import RampSyntax

/// Mutable state of the running evaluation.
struct EvaluatorState {
    /// Current nesting depth of evaluations (compared with `$RecursionLimit`).
    var depth = 0
    var recursionLimit = 1024
    var iterationLimit = 4096
    /// Lowest stack address the evaluation may reach (0: unchecked).
    var stackLimit: UInt = 0
    /// Whether a top-level evaluation is running.
    var active = false
    /// Message bookkeeping (see KernelMessages.swift).
    var messages = MessageState()
    /// Nesting of loops that `Break[]`/`Continue[]` may leave.
    var loopDepth = 0
}

extension Kernel {
    // MARK: Top level

    /// Evaluates `expr` fully. Aborts become `$Aborted`, an uncaught `Throw[v]` becomes
    /// `Hold[Throw[v]]` (with `Throw::nocatch`). Runs on the kernel's big-stack thread.
    public func evaluate(_ expr: Expr) -> Expr {
        if state.active || EvaluationThread.isCurrent { return evaluateHere(expr) }
        if worker == nil {
            let t = EvaluationThread()
            if t.start() { worker = t }
        }
        guard let worker else { return evaluateHere(expr) }
        final class Box: @unchecked Sendable { var value: Expr = .null }
        let box = Box()
        worker.perform { box.value = self.evaluateHere(expr) }
        return box.value
    }

    private func evaluateHere(_ expr: Expr) -> Expr {
        let outermost = !state.active
        if outermost {
            state.active = true
            state.depth = 0
            state.messages.startEvaluation()
            StackGuard.establishForCurrentThread()
            state.stackLimit = StackGuard.limit
        }
        defer { if outermost { state.active = false } }
        do {
            // Printing inside the evaluation (`ToString`, `Print`, `Export`) stops at an abort too.
            if outermost {
                return try PrintInterruption.polling({ [unowned self] in self.abortRequested.load(ordering: .relaxed) }) {
                    () throws(EvaluationControl) -> Expr in try eval(expr)
                }
            }
            return try eval(expr)
        } catch {
            switch error {
            case .aborted:
                if outermost { clearAbort() }
                return .aborted
            case .thrown(let value, let tag):
                if tag == .symbol(Sym.recursionUnwind) { return value }
                let t = Expr.call(Sym.Throw, tag.map { [value, $0] } ?? [value])
                message(Sym.Throw, "nocatch", [.call(Sym.HoldForm, [t])])
                return .call(Sym.Hold, [t])
            case .returned(let value): return value
            case .breakLoop: return .call(Sym.Break, [])
            case .continueLoop: return .call(Sym.Continue, [])
            }
        }
    }

    // MARK: The evaluation procedure

    /// Evaluates `expr` for a builtin, letting non-local exits propagate.
    @inline(__always) public func eval(_ expr: Expr) throws(EvaluationControl) -> Expr {
        switch expr {
        case .symbol(let s):
            guard s.id < symbolData.count, let d = symbolData[s.id], let v = d.ownValue else { return expr }
            return try evalOwnValue(expr, v)
        case .normal(let n):
            return try evalNormal(expr, n)
        case .native(let o):
            // Associations evaluate their values again (Builtins/AssociationObject.swift).
            if let a = o as? AssociationObject, !a.hasInertValues { return try evalAssociation(expr, a) }
            return expr
        default:
            return expr
        }
    }

    private func evalOwnValue(_ expr: Expr, _ v: Expr) throws(EvaluationControl) -> Expr {
        switch v {
        case .symbol, .normal:
            state.depth += 1
            defer { state.depth -= 1 }
            if state.depth > state.recursionLimit { try recursionExceeded(expr) }
            return try eval(v)
        case .native:
            return try eval(v)
        default:
            return v
        }
    }

    /// One level deeper in evaluating `expr`; past `$RecursionLimit` (or near the end of the stack)
    /// issues `reclim2` and unwinds. The caller decrements `state.depth` when done.
    func enterRecursion(_ expr: Expr) throws(EvaluationControl) {
        state.depth += 1
        if state.depth > state.recursionLimit || stackNearlyExhausted(state.stackLimit) {
            state.depth -= 1
            try recursionExceeded(expr)
        }
    }

    private func recursionExceeded(_ expr: Expr) throws(EvaluationControl) -> Never {
        let limit = Expr.integer(state.recursionLimit)
        message(Sym.RecursionLimit, "reclim2", [limit, .call(Sym.HoldForm, [expr])])
        throw .thrown(value: .call(Sym.Hold, [expr]), tag: .symbol(Sym.recursionUnwind))
    }

    /// Evaluates a normal expression to a fixed point.
    func evalNormal(_ expr: Expr, _ n: Normal) throws(EvaluationControl) -> Expr {
        let startVersion = version
        if n.evaluationStamp.load(ordering: .relaxed) == startVersion { return expr }
        state.depth += 1
        defer { state.depth -= 1 }
        if state.depth > state.recursionLimit || stackNearlyExhausted(state.stackLimit) {
            try recursionExceeded(expr)
        }
        if abortRequested.load(ordering: .relaxed) { throw .aborted }
        var current = expr
        var node = n
        var iterations = 0
        var catchReturn = false
        while true {
            let outcome: StepOutcome
            if catchReturn {
                do {
                    outcome = try step(current, node)
                } catch {
                    if case .returned(let v) = error { return v }
                    throw error
                }
            } else {
                outcome = try step(current, node)
            }
            let next: Expr
            switch outcome {
            case .done(let e):
                if version == startVersion, case .normal(let en) = e { en.evaluationStamp.store(startVersion, ordering: .relaxed) }
                return e
            case .rewritten(let e, let fromUserRule):
                next = e
                if fromUserRule { catchReturn = true }
            }
            iterations += 1
            if iterations > state.iterationLimit {
                message(Sym.IterationLimit, "itlim", [.integer(state.iterationLimit)])
                return .call(Sym.Hold, [next])
            }
            switch next {
            case .normal(let m):
                if m.evaluationStamp.load(ordering: .relaxed) == version { return next }
                current = next
                node = m
            case .symbol:
                if catchReturn {
                    do { return try eval(next) } catch {
                        if case .returned(let v) = error { return v }
                        throw error
                    }
                }
                return try eval(next)
            default:
                return next
            }
        }
    }

    enum StepOutcome {
        /// The expression is evaluated.
        case done(Expr)
        /// A rule or builtin rewrote it; evaluate the result (`fromUserRule`: a definition applied,
        /// so `Return` inside the result returns from it).
        case rewritten(Expr, fromUserRule: Bool)
    }

    /// One round of the standard evaluation procedure on `expr` = `n`.
    private func step(_ expr: Expr, _ n: Normal) throws(EvaluationControl) -> StepOutcome {
        // 1. The head.
        let head0 = n.head
        let head: Expr
        switch head0 {
        case .symbol(let s):
            if s.id < symbolData.count, let d = symbolData[s.id], let v = d.ownValue {
                head = try evalOwnValue(head0, v)
            } else {
                head = head0
            }
        case .normal(let hn): head = try evalNormal(head0, hn)
        default: head = head0
        }
        var changed = !same(head, head0)

        // 2. Attributes of the head.
        let headSymbol = head.symbol
        var attrs = Attributes(rawValue: 0)
        var headData: SymbolData? = nil
        if let hs = headSymbol {
            if hs.id < symbolData.count, let d = symbolData[hs.id] {
                headData = d
                attrs = d.attributes
            }
        } else if case .normal(let hn) = head, case .symbol(let f) = hn.head, f.id == functionID, hn.args.count == 3 {
            attrs = functionAttributes(hn.args[2])
        }

        // 3. The arguments.
        let args0 = n.args
        var args = args0
        var unevaluated: [Expr]? = nil
        if attrs.rawValue & holdAllCompleteBit == 0 {
            let holdFirst = attrs.rawValue & holdFirstBit != 0, holdRest = attrs.rawValue & holdRestBit != 0
            var needsSplice = false
            // Machine arithmetic (`i + 1`, `n < 10`) and updates (`s += i`, `k++`): evaluate the
            // arguments into locals and compute machine numbers directly, without building the call
            // (MachineFastPath.swift). Otherwise the evaluated arguments go on as below.
            if let d = headData, d.machineOp != .none, args0.count == d.machineOp.arity, !holdRest,
                holdFirst == d.machineOp.isAssignment, d.downValues == nil || d.downValues!.isEmpty,
                !isUnevaluatedCall(args0[0]), args0.count == 1 || !isUnevaluatedCall(args0[1])
            {
                let op = d.machineOp
                let a0 = args0[0]
                let v0 = holdFirst ? a0 : try evalArgument(a0)
                let v1 = args0.count == 2 ? try evalArgument(args0[1]) : Expr.integer(0)
                if op.isAssignment {
                    if case .symbol(let s) = a0, s.id < symbolData.count, let sd = symbolData[s.id],
                        let old = sd.ownValue, sd.attributes.rawValue & protectedBit == 0,
                        let (new, result) = op.update(old, v1)
                    {
                        sd.ownValue = new
                        sd.ownValueDelayed = false
                        if s.id == recursionLimitID || s.id == iterationLimitID { specialValueChanged(s) }
                        return .done(result)
                    }
                } else if let r = op.apply(v0, v1) {
                    return .done(r)
                }
                // Not machine numbers: the evaluated arguments go on as the loop below leaves them.
                if !same(v0, a0) || (args0.count == 2 && !same(v1, args0[1])) {
                    args = args0.count == 2 ? [v0, v1] : [v0]
                    changed = true
                }
                if isSequenceCall(v0) || isSequenceCall(v1) { needsSplice = true }
            } else {
                for i in args0.indices {
                    let a = args0[i]
                    let held = i == 0 ? holdFirst : holdRest
                    var v: Expr
                    if case .normal(let an) = a {
                        let ah = an.head.symbol
                        if held {
                            if ah === Sym.Evaluate {
                                v = an.args.count == 1 ? try eval(an.args[0]) : .call(Sym.Sequence, try an.args.map { (x) throws(EvaluationControl) in try eval(x) })
                            } else {
                                v = a
                            }
                        } else if ah === Sym.Unevaluated && an.args.count == 1 {
                            if unevaluated == nil { unevaluated = args0 }
                            v = an.args[0]
                        } else {
                            v = try evalNormal(a, an)
                        }
                        if case .normal(let vn) = v, vn.head.symbol === Sym.Sequence { needsSplice = true }
                    } else if !held, case .symbol(let s) = a, s.id < symbolData.count, let d = symbolData[s.id], let val = d.ownValue {
                        v = try evalOwnValue(a, val)
                        if case .normal(let vn) = v, vn.head.symbol === Sym.Sequence { needsSplice = true }
                    } else {
                        continue
                    }
                    if !same(v, a) {
                        args[i] = v
                        changed = true
                    }
                }
            }
            // Sequence splicing.
            if needsSplice && attrs.rawValue & sequenceHoldBit == 0 {
                args = spliceSequences(args)
                changed = true
            }
            // Flat and Orderless.
            if attrs.rawValue & flatBit != 0, let hs = headSymbol, args.contains(where: { $0.headSymbol === hs }) {
                args = flatten(args, hs)
                changed = true
            }
            if attrs.rawValue & orderlessBit != 0, args.count > 1, !isSorted(args) {
                args.sort { canonicalOrder($0, $1) < 0 }
                changed = true
            }
        }
        let call: Expr = changed ? .normal(Normal(head, args)) : expr

        // 4. Listable threading.
        if attrs.rawValue & listableBit != 0, let threaded = try threadListable(head, headData, call, args) {
            return threaded
        }

        // 5. Up values.
        if upValueSymbolCount > 0 && attrs.rawValue & holdAllCompleteBit == 0 {
            for a in args {
                guard let tag = innermostSymbol(a), let up = existingData(tag)?.upValues, !up.isEmpty else { continue }
                if let r = try applyRules(up, to: call) { return .rewritten(r, fromUserRule: true) }
            }
        }

        // 6. Down values and the builtin of a symbol head.
        if let hs = headSymbol {
            if let d = headData {
                if let down = d.downValues, !down.isEmpty, let r = try applyRules(down, to: call) {
                    return .rewritten(r, fromUserRule: true)
                }
                if let fn = d.builtin, let r = try fn(BuiltinCall(kernel: self, head: hs, expr: call)) {
                    if case .normal(let rn) = r, case .symbol(let rh) = rn.head, rh.id == evaluatedSymbolID, rn.args.count == 1 { return .done(rn.args[0]) }
                    if same(r, call) || (r.headSymbol === hs && r == call) { return .done(restore(call, unevaluated)) }
                    return .rewritten(r, fromUserRule: false)
                }
            }
            return .done(restore(call, unevaluated))
        }

        // 7. Compound heads: sub values, pure functions, applicable objects.
        switch head {
        case .normal(let hn):
            if let tag = innermostSymbol(head), tag.id < symbolData.count, let sub = symbolData[tag.id]?.subValues, !sub.isEmpty,
                let r = try applyRules(sub, to: call)
            {
                return .rewritten(r, fromUserRule: true)
            }
            if case .symbol(let f) = hn.head, f.id == functionID {
                // `(# + 1) &[2]`, `Function[x, x^2][3]`: machine arithmetic without substituting.
                if hn.args.count <= 2, let d = machineBodyData(hn), let r = machineFunctionValue(hn, args, d) { return .done(r) }
                if let r = try applyFunction(hn, args) { return .rewritten(r, fromUserRule: true) }
            }
        case .native(let object):
            if let applicable = object as? any ApplicableObject, let r = try applicable.apply(args, kernel: self) {
                return .rewritten(r, fromUserRule: false)
            }
        default: break
        }
        return .done(restore(call, unevaluated))
    }

    /// Whether `e` is `Sequence[…]`.
    @inline(__always) private func isSequenceCall(_ e: Expr) -> Bool {
        if case .normal(let n) = e, case .symbol(let h) = n.head, h.id == sequenceID { return true }
        return false
    }

    /// Whether `e` is `Unevaluated[x]`.
    @inline(__always) private func isUnevaluatedCall(_ e: Expr) -> Bool {
        if case .normal(let n) = e, case .symbol(let h) = n.head, h.id == unevaluatedID, n.args.count == 1 { return true }
        return false
    }

    /// The value of a non-held argument: `step`'s argument loop for an argument that is not
    /// `Unevaluated[x]`.
    @inline(__always) private func evalArgument(_ a: Expr) throws(EvaluationControl) -> Expr {
        switch a {
        case .normal(let an): return try evalNormal(a, an)
        case .symbol(let s):
            guard s.id < symbolData.count, let d = symbolData[s.id], let v = d.ownValue else { return a }
            return try evalOwnValue(a, v)
        default: return a
        }
    }

    /// Puts `Unevaluated` wrappers back when no rule used the expression.
    private func restore(_ call: Expr, _ unevaluated: [Expr]?) -> Expr {
        guard let unevaluated, case .normal(let n) = call, n.args.count == unevaluated.count else { return call }
        var args = n.args
        for (i, u) in unevaluated.enumerated() where u.headSymbol === Sym.Unevaluated { args[i] = u }
        return .normal(Normal(n.head, args))
    }

    /// The symbol an up value for `e` is attached to: `e` itself or its innermost head.
    func innermostSymbol(_ e: Expr) -> Symbol? {
        var x = e
        while true {
            switch x {
            case .symbol(let s): return s
            case .normal(let n): x = n.head
            default: return nil
            }
        }
    }

    func spliceSequences(_ args: [Expr]) -> [Expr] {
        var out: [Expr] = []
        out.reserveCapacity(args.count + 4)
        for a in args {
            if case .normal(let n) = a, n.head.symbol === Sym.Sequence { out.append(contentsOf: n.args) } else { out.append(a) }
        }
        return out
    }

    func flatten(_ args: [Expr], _ head: Symbol) -> [Expr] {
        var out: [Expr] = []
        out.reserveCapacity(args.count + 4)
        for a in args {
            if case .normal(let n) = a, n.head.symbol === head { out.append(contentsOf: flatten(n.args, head)) } else { out.append(a) }
        }
        return out
    }

    private func isSorted(_ args: [Expr]) -> Bool {
        for i in 1..<args.count where canonicalOrder(args[i - 1], args[i]) > 0 { return false }
        return true
    }

    /// Threads a `Listable` head over list arguments; nil when no argument is a list.
    private func threadListable(_ head: Expr, _ data: SymbolData?, _ call: Expr, _ args: [Expr]) throws(EvaluationControl) -> StepOutcome? {
        var length = -1
        var allPacked = true
        for a in args {
            let n: Int
            switch a {
            case .packed(let p): n = p.shape[0]
            case .normal(let m) where m.head.symbol === Sym.List: n = m.args.count; allPacked = false
            default: continue
            }
            if length >= 0 && n != length {
                message(Sym.Thread, "tdlen", [.call(Sym.HoldForm, [call])])
                return .done(call)
            }
            length = n
        }
        if length < 0 { return nil }
        if allPacked, let hs = head.symbol, let fn = data?.builtin,
            let r = try fn(BuiltinCall(kernel: self, head: hs, expr: call))
        {
            return .rewritten(r, fromUserRule: false)
        }
        if allPacked, args.count == 1, case .packed(let p) = args[0], let hs = head.symbol, let d = data,
           let r = try threadPackedElements(hs, d, p)
        {
            return .rewritten(r, fromUserRule: false)
        }
        var items: [Expr] = []
        items.reserveCapacity(length)
        var columns = args.map { a -> [Expr]? in
            switch a {
            case .packed: return a.args
            case .normal(let m) where m.head.symbol === Sym.List: return m.args
            default: return nil
            }
        }
        for i in 0..<length {
            var row = args
            for j in row.indices { if let c = columns[j] { row[j] = c[i] } }
            items.append(.normal(Normal(head, row)))
        }
        columns.removeAll()
        return .rewritten(.list(items), fromUserRule: false)
    }
}

// MARK: - Helpers the evaluator inlines

// Attribute bits tested on every step, as literals so the optimizer folds them (Attributes.swift
// is another file, whose members are calls here; EvaluatorConstantsTests checks they agree).
let holdFirstBit: UInt32 = 1 << 0
let holdRestBit: UInt32 = 1 << 1
let holdAllCompleteBit: UInt32 = 1 << 2
let flatBit: UInt32 = 1 << 3
let orderlessBit: UInt32 = 1 << 4
let listableBit: UInt32 = 1 << 6
let protectedBit: UInt32 = 1 << 8
let sequenceHoldBit: UInt32 = 1 << 12

/// `identical` (Matching.swift), in this file so it inlines.
@inline(__always) private func same(_ a: Expr, _ b: Expr) -> Bool {
    switch (a, b) {
    case (.symbol(let x), .symbol(let y)): return x === y
    case (.normal(let x), .normal(let y)): return x === y
    case (.integer(let x), .integer(let y)): return x == y
    case (.real(let x), .real(let y)): return x.bitPattern == y.bitPattern
    case (.string(let x), .string(let y)): return x == y
    case (.packed(let x), .packed(let y)): return x === y
    case (.native(let x), .native(let y)): return x === y
    default: return false
    }
}

/// `StackGuard.isNearlyExhausted`, in this file so it inlines.
@inline(__always) private func stackNearlyExhausted(_ limit: UInt) -> Bool {
    var probe = 0
    return withUnsafeMutablePointer(to: &probe) { UInt(bitPattern: $0) < limit }
}

extension Kernel {
    /// The data of the machine arithmetic head of a pure function's body (`Plus` in `# + 1 &`),
    /// when the body is a call of one with two operands that the evaluator may compute itself.
    @inline(__always) func machineBodyData(_ fn: Normal) -> SymbolData? {
        guard fn.args.count == 1 || fn.args.count == 2,
              case .normal(let b) = fn.args[fn.args.count - 1], b.args.count == 2, case .symbol(let h) = b.head,
              h.id < symbolData.count, let d = symbolData[h.id], d.machineOp != .none, !d.machineOp.isAssignment,
              d.ownValue == nil, d.downValues == nil || d.downValues!.isEmpty,
              d.attributes.rawValue & (holdFirstBit | holdRestBit) == 0 else { return nil }
        return d
    }

    /// What applying `Function[body]` or `Function[x, body]` (`fn`) to `args` and evaluating the
    /// result gives, when `body` is `op[p, q]` (see `machineBodyData`) whose operands, slots or
    /// parameters or numbers, are machine numbers; nil otherwise (the general path decides,
    /// including its messages).
    /// `machineFunctionValue` for one argument.
    func machineFunctionValue(_ fn: Normal, _ x: Expr) -> Expr? {
        guard let d = machineBodyData(fn) else { return nil }
        return machineFunctionValue(fn, .one(x), d)
    }

    fileprivate func machineFunctionValue(_ fn: Normal, _ args: [Expr], _ d: SymbolData) -> Expr? {
        machineFunctionValue(fn, .many(args), d)
    }

    /// The arguments a pure function is applied to (one without an array, for `Nest`).
    enum PureArguments {
        case one(Expr)
        case many([Expr])

        @inline(__always) var count: Int {
            switch self {
            case .one: return 1
            case .many(let a): return a.count
            }
        }

        /// The `i`-th argument (from 0) when it is a machine number.
        @inline(__always) func machineNumber(_ i: Int) -> Expr? {
            let v: Expr
            switch self {
            case .one(let x): v = x
            case .many(let a): v = a[i]
            }
            switch v {
            case .integer, .real: return v
            default: return nil
            }
        }
    }

    func machineFunctionValue(_ fn: Normal, _ args: PureArguments, _ d: SymbolData) -> Expr? {
        guard fn.args.count == 1 || fn.args.count == 2, case .normal(let body) = fn.args[fn.args.count - 1] else { return nil }
        let n = args.count
        var parameter: Symbol? = nil
        var parameterList: Normal? = nil
        if fn.args.count == 2 {
            switch fn.args[0] {
            case .symbol(let s) where s.id != nullID:
                guard n >= 1 else { return nil }
                parameter = s
            case .normal(let p) where p.head.symbol === Sym.List:
                guard p.args.count <= n else { return nil }
                for q in p.args { guard case .symbol = q else { return nil } }
                parameterList = p
            default: return nil
            }
        }
        @inline(__always) func operand(_ e: Expr) -> Expr? {
            switch e {
            case .integer, .real: return e
            case .normal(let slot):
                // #k
                guard fn.args.count == 1, case .symbol(let h) = slot.head, h.id == slotID, slot.args.count == 1,
                      case .integer(let k) = slot.args[0], k >= 1, k <= n else { return nil }
                return args.machineNumber(k - 1)
            case .symbol(let s):
                if let parameter { return s === parameter ? args.machineNumber(0) : nil }
                guard let list = parameterList else { return nil }
                for i in list.args.indices {
                    if case .symbol(let q) = list.args[i], q === s { return args.machineNumber(i) }
                }
                return nil
            default: return nil
            }
        }
        guard let x = operand(body.args[0]), let y = operand(body.args[1]) else { return nil }
        return d.machineOp.apply(x, y)
    }
}
