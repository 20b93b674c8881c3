import RampSyntax

/// An iterator specification of `Do`, `Table`, `Sum`…: `{n}`, `{i, max}`, `{i, min, max}`,
/// `{i, min, max, step}` or `{i, {values…}}`, with its bounds evaluated.
struct IteratorSpec {
    enum Values {
        /// `count` machine integers from `start` by `step`.
        case integers(start: Int, step: Int, count: Int)
        /// Explicit values.
        case list([Expr])
        /// `start + k step` for k in 0..<count, computed by evaluation.
        case general(start: Expr, step: Expr, count: Int)
    }

    let variable: Symbol?
    let values: Values

    var count: Int {
        switch values {
        case .integers(_, _, let n), .general(_, _, let n): return n
        case .list(let a): return a.count
        }
    }
}

extension Kernel {
    /// Parses and evaluates the bounds of iterator `spec`, argument `position` of `call`; nil (after a
    /// message) when it is malformed.
    func iteratorSpec(_ spec: Expr, in call: Expr, position: Int, head: Symbol) throws(EvaluationControl) -> IteratorSpec? {
        let itform = { self.message(head, "itform", [spec, .integer(position)]) }
        var spec = spec
        if !spec.hasHead(Sym.List) {
            // An iterator given by a symbol whose value is a list, or a bare count.
            let v = try eval(spec)
            if v.hasHead(Sym.List) { spec = v } else if v.int != nil { spec = .list([v]) } else { itform(); return nil }
        }
        let parts = spec.args
        switch parts.count {
        case 1:
            let n = try eval(parts[0])
            guard let count = try iterationCount(from: .integer(1), to: n, step: .integer(1)) else {
                message(head, "iterb", [spec]); return nil
            }
            return IteratorSpec(variable: nil, values: .integers(start: 1, step: 1, count: count))
        case 2, 3, 4:
            guard let v = parts[0].symbol else { itform(); return nil }
            if parts.count == 2 {
                let bound = try eval(parts[1])
                if bound.hasHead(Sym.List) { return IteratorSpec(variable: v, values: .list(bound.args)) }
                return try range(v, .integer(1), bound, .integer(1), spec, head)
            }
            let lo = try eval(parts[1]), hi = try eval(parts[2])
            let step = parts.count == 4 ? try eval(parts[3]) : .integer(1)
            return try range(v, lo, hi, step, spec, head)
        default:
            itform()
            return nil
        }
    }

    private func range(_ v: Symbol, _ lo: Expr, _ hi: Expr, _ step: Expr, _ spec: Expr, _ head: Symbol) throws(EvaluationControl) -> IteratorSpec? {
        guard let count = try iterationCount(from: lo, to: hi, step: step) else {
            message(head, "iterb", [spec])
            return nil
        }
        if case .integer(let a) = lo, case .integer(let d) = step {
            return IteratorSpec(variable: v, values: .integers(start: a, step: d, count: count))
        }
        return IteratorSpec(variable: v, values: .general(start: lo, step: step, count: count))
    }

    /// The number of values `lo, lo + step, …` not past `hi`; nil when they are not numbers.
    func iterationCount(from lo: Expr, to hi: Expr, step: Expr) throws(EvaluationControl) -> Int? {
        if case .integer(let a) = lo, case .integer(let b) = hi, case .integer(let d) = step {
            if d == 0 { return nil }
            let (diff, o) = b.subtractingReportingOverflow(a)
            if o { return nil }
            if (diff < 0) != (d < 0) && diff != 0 { return 0 }
            return diff / d + 1
        }
        if let a = machineValue(lo), let b = machineValue(hi), let d = machineValue(step) {
            if d == 0 || !a.isFinite || !b.isFinite { return nil }
            let q = (b - a) / d
            if q < 0 { return 0 }
            guard q < 1e15 else { return nil }
            return Int((q + 1e-10).rounded(.down)) + 1
        }
        // Symbolic bounds whose difference is numeric (e.g. {i, x, x + 3}).
        let q = try eval(.call(Sym.Times, [.call(Sym.Plus, [hi, .call(Sym.Times, [.integer(-1), lo])]), .call(Sym.Power, [step, .integer(-1)])]))
        guard let qv = machineValue(q) else { return nil }
        if qv < 0 { return 0 }
        guard qv < 1e15 else { return nil }
        return Int((qv + 1e-10).rounded(.down)) + 1
    }

    /// A real number's value, for exact and machine numbers.
    func machineValue(_ e: Expr) -> Double? {
        switch e {
        case .integer(let i): return Double(i)
        case .bigInteger(let b): return Double(b)
        case .rational(let n, let d): return Double(n) / Double(d)
        case .real(let r): return r
        default: return nil
        }
    }

    /// The `k`-th value (from 0) of an iterator.
    func iteratorValue(_ spec: IteratorSpec, _ k: Int) throws(EvaluationControl) -> Expr {
        switch spec.values {
        case .integers(let a, let d, _):
            let (p, o1) = d.multipliedReportingOverflow(by: k)
            let (s, o2) = a.addingReportingOverflow(p)
            if !o1 && !o2 { return .integer(s) }
            return try eval(.call(Sym.Plus, [.integer(a), .call(Sym.Times, [.integer(k), .integer(d)])]))
        case .list(let values): return values[k]
        case .general(let a, let d, _):
            // A machine real start or step makes every value a machine real, the first one too
            // (Table[x, {x, 0, 1, 0.5}] is {0., 0.5, 1.}, as Range[0, 1, 0.5] is).
            if case .real(let x) = a, let y = machineValue(d) { return .real(x + Double(k) * y) }
            if let x = machineValue(a), case .real(let y) = d { return .real(x + Double(k) * y) }
            if k == 0 { return a }
            return try eval(.call(Sym.Plus, [a, .call(Sym.Times, [.integer(k), d])]))
        }
    }

    /// Runs `body` once per iterator value with the variable bound as in `Block`.
    func iterate(_ spec: IteratorSpec, _ body: (Int) throws(EvaluationControl) -> Void) throws(EvaluationControl) {
        guard let v = spec.variable else {
            for k in 0..<spec.count {
                try checkAbort()
                try body(k)
            }
            return
        }
        try withLocalSymbol(v) { (local: SymbolData) throws(EvaluationControl) in
            for k in 0..<spec.count {
                try checkAbort()
                local.ownValue = try iteratorValue(spec, k)
                local.ownValueDelayed = false
                if k == 0 { definitionsChanged() }
                try body(k)
            }
        }
    }

    /// Runs `run` with `s` local as in `Block[{s}, …]`: `run` gets a function that sets its value
    /// (as `s = v` would inside the Block); the definitions `s` had are restored afterwards. Plots
    /// evaluate their function this way, the variable bound to each sample point.
    public func withBlockedSymbol<T>(_ s: Symbol, _ run: (_ setValue: (Expr) -> Void) throws(EvaluationControl) -> T) throws(EvaluationControl) -> T {
        try withLocalSymbol(s) { (local: SymbolData) throws(EvaluationControl) -> T in
            try run { value in
                local.ownValue = value
                local.ownValueDelayed = false
                self.definitionsChanged()
            }
        }
    }

    /// Runs `run` with `s` given fresh definitions (keeping its attributes), restoring them afterwards.
    func withLocalSymbol<T>(_ s: Symbol, _ run: (SymbolData) throws(EvaluationControl) -> T) throws(EvaluationControl) -> T {
        let old = existingData(s)
        let fresh = SymbolData()
        if let old {
            fresh.attributes = old.attributes
            fresh.builtin = old.builtin
            fresh.messages = old.messages
        }
        _ = data(s)
        symbolData[s.id] = fresh
        defer {
            symbolData[s.id] = old
            definitionsChanged()
        }
        return try run(fresh)
    }
}
