import RampSyntax
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Kernel {
    /// Installs `CompoundExpression`, `If`, `Which`, `Switch`, the loops, `Table`, `Nest…`,
    /// `FixedPoint…`, `Fold…`, `Return`, `Break`, `Continue`, `Throw`, `Catch`, `Abort`,
    /// `CheckAbort` and `TimeConstrained`.
    func installControlBuiltins() {
        setMessage("Throw", "nocatch", "Uncaught `1` returned to top level.")
        setMessage("Switch", "argct", "Switch called with `1` arguments. Switch must be called with an odd number of arguments.")
        setMessage("Which", "argct", "Which called with `1` arguments. Which must be called with an even number of arguments.")

        define("CompoundExpression", attributes: [.holdAll], usage: "expr1; expr2; … evaluates the expressions in turn, giving the last.") { c throws(EvaluationControl) in
            let args = c.args
            if args.isEmpty { return .null }
            for a in args.dropLast() { _ = try c.kernel.eval(a) }
            return args[args.count - 1]
        }
        define("If", attributes: [.holdRest], arguments: ArgumentCount(2, 4), usage: "If[cond, t, f] gives t if cond is True, f if it is False; If[cond, t, f, u] gives u otherwise.") { c in
            let a = c.args
            switch a[0] {
            case .true: return a[1]
            case .false: return a.count >= 3 ? a[2] : .null
            default: return a.count == 4 ? a[3] : nil
            }
        }
        define("Which", attributes: [.holdAll], usage: "Which[c1, v1, c2, v2, …] gives the first v_i whose c_i is True.") { c throws(EvaluationControl) in
            let a = c.args
            guard a.count % 2 == 0 else { c.message("argct", .integer(a.count)); return nil }
            var i = 0
            while i < a.count {
                let t = try c.kernel.eval(a[i])
                if t == .true { return a[i + 1] }
                if t != .false { return .call(c.head, [t] + a[(i + 1)...]) }
                i += 2
            }
            return .null
        }
        define("Switch", attributes: [.holdRest], usage: "Switch[expr, form1, v1, form2, v2, …] gives the v_i of the first form_i that expr matches.") { c throws(EvaluationControl) in
            let a = c.args
            guard a.count >= 3 && a.count % 2 == 1 else {
                if a.count >= 2 { c.message("argct", .integer(a.count)) } else { _ = c.checkArgCount(3, nil) }
                return nil
            }
            var i = 1
            while i < a.count {
                if try c.kernel.matchRule(a[i], a[0]) != nil { return a[i + 1] }
                i += 2
            }
            return .null
        }
        define("Do", attributes: [.holdAll], arguments: .atLeast(2), usage: "Do[expr, {i, imin, imax}, …] evaluates expr for each value of the iterators.") { c throws(EvaluationControl) in
            return try c.kernel.doLoop(c)
        }
        define("For", attributes: [.holdAll], arguments: ArgumentCount(3, 4), usage: "For[start, test, incr, body] evaluates start, then body and incr while test is True.") { c throws(EvaluationControl) in
            let a = c.args
            let k = c.kernel
            _ = try k.eval(a[0])
            return try k.loopBody { () throws(EvaluationControl) -> Bool in
                guard try k.evalTest(a[1]) else { return false }
                if a.count == 4 { try k.runLoopBody(a[3]) }
                if k.machineShortcut(a[2]) == nil { _ = try k.eval(a[2]) }
                return true
            }
        }
        define("While", attributes: [.holdAll], arguments: ArgumentCount(1, 2), usage: "While[test, body] evaluates body while test is True.") { c throws(EvaluationControl) in
            let a = c.args
            let k = c.kernel
            return try k.loopBody { () throws(EvaluationControl) -> Bool in
                guard try k.evalTest(a[0]) else { return false }
                if a.count == 2 { try k.runLoopBody(a[1]) }
                return true
            }
        }
        define("Table", attributes: [.holdAll], arguments: .atLeast(1), usage: "Table[expr, {i, imin, imax}, …] lists the values of expr for each value of the iterators.") { c throws(EvaluationControl) in
            if c.args.count == 1 { return try c.kernel.eval(c.args[0]) }
            var bytes = 0
            return try c.kernel.table(c, c.args[0], c.args[1...], bytes: &bytes)
        }

        define("Nest", arguments: .exactly(3), usage: "Nest[f, expr, n] applies f to expr n times.") { c throws(EvaluationControl) in
            guard let n = c.args[2].int, n >= 0 else { c.message("intnm", c.expr, .integer(3)); return nil }
            let f = c.args[0]
            var x = c.args[1]
            for _ in 0..<n {
                x = try c.kernel.applyOnce(f, x)
            }
            return c.kernel.alreadyEvaluated(x)
        }
        define("NestList", arguments: .exactly(3), usage: "NestList[f, expr, n] lists expr and the results of applying f up to n times.") { c throws(EvaluationControl) in
            guard let n = c.args[2].int, n >= 0 else { c.message("intnm", c.expr, .integer(3)); return nil }
            let f = c.args[0]
            var x = c.args[1]
            guard c.allowsAllocation(count: n, elementSize: SizeLimit.expression) else { return .failed }
            var out = [x]
            out.reserveCapacity(n + 1)
            for _ in 0..<n {
                x = try c.kernel.applyOnce(f, x)
                out.append(x)
            }
            return c.kernel.alreadyEvaluated(.list(out))
        }
        define("NestWhile", arguments: ArgumentCount(3, 6), usage: "NestWhile[f, expr, test] applies f while test gives True; NestWhile[f, expr, test, m, max] gives test the last m results and stops after max steps.") { c throws(EvaluationControl) in
            try c.kernel.nestWhile(c, list: false)
        }
        define("NestWhileList", arguments: ArgumentCount(3, 6), usage: "NestWhileList[f, expr, test] lists the results of NestWhile.") { c throws(EvaluationControl) in
            try c.kernel.nestWhile(c, list: true)
        }
        let sameTest = [BuiltinSpec.option("SameTest", .automatic)]
        define("FixedPoint", arguments: ArgumentCount(2, 3), options: sameTest, usage: "FixedPoint[f, expr] applies f until the result no longer changes.") { c throws(EvaluationControl) in
            try c.kernel.fixedPoint(c, list: false)
        }
        define("FixedPointList", arguments: ArgumentCount(2, 3), options: sameTest, usage: "FixedPointList[f, expr] lists the results of FixedPoint.") { c throws(EvaluationControl) in
            try c.kernel.fixedPoint(c, list: true)
        }
        define("Fold", arguments: ArgumentCount(2, 3), usage: "Fold[f, x, {a, b, …}] gives f[f[x, a], b]…; Fold[f, {a, b, …}] starts from a.") { c throws(EvaluationControl) in
            try c.kernel.fold(c, list: false)
        }
        define("FoldList", arguments: ArgumentCount(2, 3), usage: "FoldList[f, x, {a, b, …}] gives {x, f[x, a], f[f[x, a], b], …}.") { c throws(EvaluationControl) in
            try c.kernel.fold(c, list: true)
        }

        define("Return", usage: "Return[expr] returns expr from the enclosing function or loop.") { c throws(EvaluationControl) in
            guard c.args.count <= 2 else { return nil }
            throw .returned(c.args.first ?? .null)
        }
        define("Break", arguments: .exactly(0), usage: "Break[] exits the enclosing Do, For or While.") { c throws(EvaluationControl) in
            if c.kernel.state.loopDepth == 0 { return nil }
            throw .breakLoop
        }
        define("Continue", arguments: .exactly(0), usage: "Continue[] goes to the next step of the enclosing Do, For or While.") { c throws(EvaluationControl) in
            if c.kernel.state.loopDepth == 0 { return nil }
            throw .continueLoop
        }
        define("Throw", arguments: ArgumentCount(1, 2), usage: "Throw[value] exits to the enclosing Catch; Throw[value, tag] to the Catch whose form matches tag.") { c throws(EvaluationControl) in
            throw .thrown(value: c.args[0], tag: c.args.count == 2 ? c.args[1] : nil)
        }
        define("Catch", attributes: [.holdFirst], arguments: ArgumentCount(1, 3), usage: "Catch[expr] gives the value of the first Throw in expr; Catch[expr, form] catches only Throws whose tag matches form; Catch[expr, form, f] gives f[value, tag].") { c throws(EvaluationControl) in
            let a = c.args
            do throws(EvaluationControl) {
                return try c.kernel.evalKeepingResult(a[0])
            } catch {
                guard case .thrown(let value, let tag) = error, tag != .symbol(Sym.recursionUnwind) else { throw error }
                if a.count == 1 {
                    guard tag == nil else { throw error }
                    return c.kernel.held(value)
                }
                guard let tag, try c.kernel.matchRule(a[1], tag) != nil else { throw error }
                if a.count == 3 { return .call(a[2], [value, tag]) }
                return c.kernel.held(value)
            }
        }
        define("Abort", usage: "Abort[] aborts the evaluation; it returns $Aborted.") { c throws(EvaluationControl) in
            guard c.args.isEmpty else { return nil }
            throw .aborted
        }
        define("CheckAbort", attributes: [.holdAll], arguments: .exactly(2), usage: "CheckAbort[expr, failexpr] gives failexpr if an abort occurs in expr.") { c throws(EvaluationControl) in
            do throws(EvaluationControl) {
                return try c.kernel.evalKeepingResult(c.args[0])
            } catch {
                guard case .aborted = error else { throw error }
                c.kernel.clearAbort()
                return c.args[1]
            }
        }
        define("TimeConstrained", attributes: [.holdAll], arguments: ArgumentCount(2, 3), usage: "TimeConstrained[expr, t, failexpr] evaluates expr for at most t seconds, giving failexpr (default $Aborted) when time runs out.") { c throws(EvaluationControl) in
            try c.kernel.timeConstrained(c)
        }
    }

    /// Evaluates `e` and wraps the result so the evaluator does not evaluate it again.
    func evalKeepingResult(_ e: Expr) throws(EvaluationControl) -> Expr {
        held(try eval(e))
    }

    /// Marks a builtin's result as already evaluated, so the evaluator returns it as it is instead
    /// of evaluating it again (for results built from evaluated parts, e.g. `Table`'s list).
    /// Only for the value a builtin returns (not for parts of it).
    public func alreadyEvaluated(_ v: Expr) -> Expr {
        switch v {
        case .normal(let n):
            n.evaluationStamp.store(version, ordering: .relaxed)
            return v
        case .symbol:
            return .call(Sym.evaluatedSymbol, [v])
        default:
            return v
        }
    }

    @inline(__always) func held(_ v: Expr) -> Expr { alreadyEvaluated(v) }

    // MARK: Loops

    /// Runs `round` until it returns false, handling `Break`, `Continue` and `Return`.
    func loopBody(_ round: () throws(EvaluationControl) -> Bool) throws(EvaluationControl) -> Expr {
        state.loopDepth += 1
        defer { state.loopDepth -= 1 }
        do {
            while true {
                try checkAbort()
                if try !round() { break }
            }
        } catch {
            switch error {
            case .breakLoop: break
            case .returned(let v): return held(v)
            default: throw error
            }
        }
        return .null
    }

    /// Whether a loop's test gives True (machine comparisons like `i < n` without the evaluator).
    @inline(__always) func evalTest(_ test: Expr) throws(EvaluationControl) -> Bool {
        if let r = machineShortcut(test) { return r == .true }
        return try eval(test) == .true
    }

    /// Evaluates a loop body; `Continue[]` ends this round.
    func runLoopBody(_ body: Expr) throws(EvaluationControl) {
        if machineShortcut(body) != nil { return }
        do { _ = try eval(body) } catch {
            if case .continueLoop = error { return }
            throw error
        }
    }

    func doLoop(_ c: BuiltinCall) throws(EvaluationControl) -> Expr? {
        state.loopDepth += 1
        defer { state.loopDepth -= 1 }
        let body = c.args[0]
        func level(_ i: Int) throws(EvaluationControl) -> Bool {
            guard let spec = try iteratorSpec(c.args[i], in: c.expr, position: i + 1, head: c.head) else { return false }
            var ok = true
            try iterate(spec) { (_: Int) throws(EvaluationControl) in
                if !ok { return }
                if i + 1 < c.args.count {
                    if try !level(i + 1) { ok = false }
                } else {
                    try runLoopBody(body)
                }
            }
            return ok
        }
        do {
            if try !level(1) { return nil }
        } catch {
            switch error {
            case .breakLoop: break
            case .returned(let v): return held(v)
            default: throw error
            }
        }
        return .null
    }

    /// `Table[body, specs…]`. `bytes` counts what the whole table has built so far
    /// (`SizeLimit.expression` per element), so nested iterators share one limit.
    func table(_ c: BuiltinCall, _ body: Expr, _ specs: ArraySlice<Expr>, bytes: inout Int) throws(EvaluationControl) -> Expr? {
        guard let first = specs.first else { return try eval(body) }
        let position = specs.startIndex + 1
        guard let spec = try iteratorSpec(first, in: c.expr, position: position, head: c.head) else { return nil }
        guard c.allowsAllocation(count: spec.count, elementSize: SizeLimit.expression) else { return .failed }
        var items: [Expr] = []
        items.reserveCapacity(Swift.min(spec.count, 1 << 20))
        var failed = false, outOfMemory = false
        func count(_ item: Expr) {
            bytes &+= SizeLimit.expression
            if bytes > SizeLimit.maxBytes { failed = true; outOfMemory = true; c.outOfMemory() }
        }
        do {
            try iterate(spec) { (_: Int) throws(EvaluationControl) in
                if specs.count == 1 {
                    let item: Expr
                    if let r = machineShortcut(body) { item = r } else { item = try eval(body) }
                    items.append(item)
                    count(item)
                } else if let inner = try table(c, body, specs.dropFirst(), bytes: &bytes) {
                    // An inner table is a list; `$Failed` means it was refused (`nomem`).
                    if inner == .failed { failed = true; outOfMemory = true } else { items.append(inner) }
                } else {
                    failed = true
                }
                // Stop iterating at the first failure (a user's Break[] still reaches its loop).
                if failed { throw .breakLoop }
            }
        } catch {
            guard case .breakLoop = error, failed else { throw error }
        }
        if failed { return outOfMemory ? .failed : nil }
        return held(packedIfUniform(.list(items), minimumCount: Kernel.tablePackLength))
    }

    // MARK: Nest, FixedPoint, Fold

    func nestWhile(_ c: BuiltinCall, list: Bool) throws(EvaluationControl) -> Expr? {
        let a = c.args
        var m = 1
        var all = false
        if a.count >= 4 {
            if a[3] == .symbol(Sym.All) { all = true } else if let k = a[3].int, k >= 1 { m = k } else { return nil }
        }
        var maxSteps = Int.max
        if a.count >= 5, let k = a[4].int { maxSteps = max(k, 0) } else if a.count >= 5, a[4] != .symbol(Sym.Infinity) { return nil }
        var history = [a[1]]
        var x = a[1]
        var steps = 0
        while steps < maxSteps {
            try checkAbort()
            let recent = all ? history : Array(history.suffix(m))
            if !all && history.count < m { break }
            guard try eval(.call(a[2], recent)) == .true else { break }
            x = try eval(.call(a[0], [x]))
            history.append(x)
            steps += 1
        }
        if a.count == 6, let n = a[5].int {
            if n < 0, history.count >= -n { x = history[history.count + n - 1]; history.removeLast(-n) }
            else if n > 0 { for _ in 0..<n { x = try eval(.call(a[0], [x])); history.append(x) } }
        }
        return list ? held(.list(history)) : held(x)
    }

    func fixedPoint(_ c: BuiltinCall, list: Bool) throws(EvaluationControl) -> Expr? {
        let positional = c.args
        let sameTest: Expr? = c.option("SameTest").flatMap { $0 == .automatic ? nil : $0 }
        var limit = Int.max
        if positional.count == 3 {
            if let n = positional[2].int, n >= 0 { limit = n } else if positional[2] != .symbol(Sym.Infinity) {
                message(c.head, "intnm", [c.expr, .integer(3)]); return nil
            }
        }
        var x = positional[1]
        var out = [x]
        var steps = 0
        while steps < limit {
            try checkAbort()
            let y = try eval(.call(positional[0], [x]))
            out.append(y)
            steps += 1
            let same: Bool
            if let t = sameTest { same = try eval(.call(t, [x, y])) == .true } else { same = x == y }
            x = y
            if same { break }
        }
        return list ? held(.list(out)) : held(x)
    }

    func fold(_ c: BuiltinCall, list: Bool) throws(EvaluationControl) -> Expr? {
        let a = c.args
        let seq = a[a.count - 1]
        guard !seq.isAtom else { message(c.head, "normal", [.integer(a.count), c.expr]); return nil }
        var items = seq.args
        var x: Expr
        if a.count == 3 {
            x = a[1]
        } else {
            guard !items.isEmpty else { return list ? .list([]) : nil }
            x = items.removeFirst()
        }
        var out = [x]
        for e in items {
            try checkAbort()
            x = try eval(.call(a[0], [x, e]))
            if list { out.append(x) }
        }
        return list ? held(.list(out)) : held(x)
    }

    // MARK: TimeConstrained

    func timeConstrained(_ c: BuiltinCall) throws(EvaluationControl) -> Expr? {
        let a = c.args
        let t = try eval(a[1])
        var seconds = Double.infinity
        if !t.isPositiveInfinity {
            guard let s = machineValue(t), s > 0 else { message(c.head, "timc", [t]); return nil }
            seconds = s
        }
        let failExpr = a.count == 3 ? a[2] : .aborted
        if seconds == .infinity { return try evalKeepingResult(a[0]) }
        let timer = AbortTimer(kernel: self, seconds: seconds)
        timer.start()
        do {
            let r = try eval(a[0])
            timer.cancel()
            // Time ran out during a step that never polled (a long print, a C loop): the body ended
            // with the timer's abort still pending. It is this call's to handle, not the caller's.
            if timer.fired && isAbortRequested {
                clearAbort()
                return failExpr
            }
            return held(r)
        } catch {
            timer.cancel()
            if case .aborted = error, timer.fired {
                clearAbort()
                return failExpr
            }
            throw error
        }
    }
}

/// A one-shot timer thread that aborts a kernel's evaluation when it expires.
final class AbortTimer: @unchecked Sendable {
    private weak var kernel: Kernel?
    private let seconds: Double
    private let state = Atomic<Int>(0)  // 0 running, 1 cancelled, 2 fired

    init(kernel: Kernel, seconds: Double) {
        self.kernel = kernel
        self.seconds = seconds
    }

    var fired: Bool { state.load(ordering: .acquiring) == 2 }

    func cancel() {
        _ = state.compareExchange(expected: 0, desired: 1, ordering: .acquiringAndReleasing)
    }

    func start() {
        let box = Unmanaged.passRetained(self)
        #if canImport(Glibc)
        var tid = pthread_t()
        #else
        var tid: pthread_t? = nil
        #endif
        let rc = pthread_create(&tid, nil, { raw in
            #if canImport(Glibc)
            let me = Unmanaged<AbortTimer>.fromOpaque(raw!).takeRetainedValue()
            #else
            let me = Unmanaged<AbortTimer>.fromOpaque(raw).takeRetainedValue()
            #endif
            me.run()
            return nil
        }, box.toOpaque())
        if rc != 0 { box.release() } else { pthread_detach(tid) }
    }

    private func run() {
        var remaining = seconds
        while remaining > 0 {
            if state.load(ordering: .acquiring) != 0 { return }
            let slice = min(remaining, 0.002)
            var ts = timespec(tv_sec: Int(slice), tv_nsec: Int((slice - slice.rounded(.down)) * 1e9))
            nanosleep(&ts, nil)
            remaining -= slice
        }
        if state.compareExchange(expected: 0, desired: 2, ordering: .acquiringAndReleasing).exchanged {
            kernel?.abort()
        }
    }
}
