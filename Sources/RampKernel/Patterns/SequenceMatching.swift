import RampSyntax

/// Where a list of argument patterns is matched: the head (for `Flat` wrapping and `Default`) and
/// its attributes.
struct ArgumentContext {
    let head: Expr
    let flat: Bool
    let orderless: Bool
    let oneIdentity: Bool
    /// Number of argument patterns (the `n` of `Default[f, i, n]`).
    let patternCount: Int

    init(head: Expr, attributes: Attributes, patternCount: Int) {
        self.head = head
        flat = attributes.contains(.flat)
        orderless = attributes.contains(.orderless)
        oneIdentity = attributes.contains(.oneIdentity)
        self.patternCount = patternCount
    }
}

/// How many arguments a pattern can take in an argument list, and in which order to try lengths.
struct SequenceShape {
    var min: Int
    var max: Int
    var longestFirst: Bool
    /// A pattern for one expression: exactly one argument (outside `Flat`) — tried without lengths.
    var single: Bool
    /// In a `Flat` head, a one-expression pattern that takes several arguments wrapped in the head.
    var wraps: Bool
    /// An `Optional`: tries its pattern's lengths first, then no argument (the default).
    var optional = false

    static let one = SequenceShape(min: 1, max: 1, longestFirst: false, single: true, wraps: false)
}

/// Lengths `lo…hi` ascending or descending, then 0 when `thenZero` (an `Optional` that may also
/// take nothing); built as iterated, not as an array.
struct LengthOrder: Sequence, IteratorProtocol {
    var lo: Int, hi: Int
    let descending: Bool
    var thenZero: Bool

    mutating func next() -> Int? {
        if lo <= hi {
            if descending { hi -= 1; return hi + 1 }
            lo += 1
            return lo - 1
        }
        if thenZero { thenZero = false; return 0 }
        return nil
    }
}

extension MatchEngine {
    /// Repetition bounds of `Repeated[p, spec]` / `RepeatedNull[p, spec]`; nil for a bad spec.
    func repeatRange(_ n: Normal) -> (min: Int, max: Int)? {
        let isNull = n.head == .symbol(Sym.RepeatedNull)
        var lo = isNull ? 0 : 1, hi = Int.max
        if n.args.count == 2 {
            let spec = n.args[1]
            if let k = spec.int, k >= 0 {
                hi = k
            } else if spec.hasHead(Sym.List), spec.args.count == 1, let k = spec.args[0].int, k >= 0 {
                lo = k; hi = k
            } else if spec.hasHead(Sym.List), spec.args.count == 2, let a = spec.args[0].int, a >= 0 {
                lo = a
                if let b = spec.args[1].int { hi = b } else if !isInfinity(spec.args[1]) { return nil }
            } else if isInfinity(spec) {
                hi = Int.max
            } else {
                return nil
            }
        }
        return (lo, hi)
    }

    /// The argument-count shape of pattern `p` in an argument list.
    func shape(of p: Expr, flat: Bool) -> SequenceShape {
        guard case .normal(let n) = p, let kind = patternKind(n) else { return .one }
        switch kind {
        case .blank, .condition, .patternTest:
            if kind != .blank {
                let inner = shape(of: n.args[0], flat: flat)
                if !inner.single || inner.wraps { return inner }
            }
            return flat ? SequenceShape(min: 1, max: .max, longestFirst: false, single: false, wraps: true) : .one
        case .blankSequence: return SequenceShape(min: 1, max: .max, longestFirst: false, single: false, wraps: false)
        case .blankNullSequence: return SequenceShape(min: 0, max: .max, longestFirst: false, single: false, wraps: false)
        case .pattern: return shape(of: n.args[1], flat: flat)
        case .holdPattern: return shape(of: n.args[0], flat: flat)
        case .except: return n.args.count == 2 ? shape(of: n.args[1], flat: flat) : .one
        case .longest, .shortest:
            var s = shape(of: n.args[0], flat: flat)
            if !s.single { s.longestFirst = kind == .longest }
            return s
        case .optional:
            var s = shape(of: n.args[0], flat: flat)
            s.min = 0
            s.single = false
            s.wraps = false
            s.optional = true
            return s
        case .repeated, .repeatedNull:
            guard let r = repeatRange(n) else { return SequenceShape(min: 1, max: 0, longestFirst: true, single: false, wraps: false) }
            return SequenceShape(min: r.min, max: r.max, longestFirst: true, single: false, wraps: false)
        case .alternatives:
            let shapes = n.args.map { shape(of: $0, flat: flat) }
            if shapes.allSatisfy({ $0.single }) { return .one }
            return SequenceShape(min: shapes.map(\.min).min() ?? 1, max: shapes.map(\.max).max() ?? 1,
                                 longestFirst: false, single: false, wraps: false)
        case .optionsPattern: return SequenceShape(min: 0, max: .max, longestFirst: true, single: false, wraps: false)
        case .verbatim: return .one
        }
    }

    // MARK: Argument lists

    /// Matches argument patterns against argument expressions, in order or (for `Orderless` heads) in
    /// any order.
    func matchArguments(_ ps: [Expr], _ es: [Expr], _ ctx: ArgumentContext, _ k: MatchContinuation) throws(EvaluationControl) -> Bool {
        if ctx.orderless { return try matchOrderless(ps, es, ctx, k) }
        let shapes = ps.map { shape(of: $0, flat: ctx.flat) }
        var minAfter = [Int](repeating: 0, count: ps.count + 1)
        for i in stride(from: ps.count - 1, through: 0, by: -1) { minAfter[i] = minAfter[i + 1] &+ shapes[i].min }
        if minAfter[0] > es.count { return false }
        if shapes.allSatisfy({ $0.single }) && ps.count != es.count { return false }

        // For `x__h`-like patterns in a long list: where each run of arguments with head h ends
        // (index of the first argument from j on without it), computed once per pattern.
        var headRunEnds: [[Int]?] = []
        func headLimit(_ i: Int, _ h: Expr, from j: Int) -> Int {
            if headRunEnds.isEmpty { headRunEnds = Array(repeating: nil, count: ps.count) }
            if headRunEnds[i] == nil {
                var ends = [Int](repeating: es.count, count: es.count + 1)
                var end = es.count
                for q in stride(from: es.count - 1, through: 0, by: -1) {
                    if es[q].head != h { end = q }
                    ends[q] = end
                }
                headRunEnds[i] = ends
            }
            return headRunEnds[i]![j] - j
        }

        func step(_ i: Int, _ j: Int) throws(EvaluationControl) -> Bool {
            if i == ps.count { return j == es.count ? try k() : false }
            let s = shapes[i]
            if s.single {
                guard j < es.count else { return false }
                return try match(ps[i], es[j]) { () throws(EvaluationControl) in try step(i + 1, j + 1) }
            }
            let available = es.count - j - minAfter[i + 1]
            var hi = Swift.min(s.max, available)
            if hi < s.min { return false }
            if i == ps.count - 1 {
                return try matchPart(ps[i], es[j..<es.count], ctx, position: i + 1) { () throws(EvaluationControl) in try k() }
            }
            // `__h`: no run past the first argument without head h (checked here once, not per length).
            var headsChecked = false
            if es.count - j > 16, let h = sequenceHead(ps[i]) {
                hi = Swift.min(hi, headLimit(i, h, from: j))
                if hi < s.min { return false }
                headsChecked = true
            }
            // A pattern after this one that takes one argument and cannot match it (a literal, `_h`)
            // rules the length out before anything is bound: {a___, 3, b___} tries only where 3 is.
            let next: Expr? = shapes[i + 1].single ? ps[i + 1] : nil
            for len in lengths(s, hi) {
                if let next, cannotMatch(next, es[j + len]) { continue }
                try tick()
                if try matchPart(ps[i], es[j..<(j + len)], ctx, position: i + 1, headsChecked: headsChecked,
                                 { () throws(EvaluationControl) in try step(i + 1, j + len) }) {
                    return true
                }
            }
            return false
        }
        return try step(0, 0)
    }

    /// The run lengths to try for a pattern of shape `s`, up to `hi`, in Wolfram's order.
    func lengths(_ s: SequenceShape, _ hi: Int) -> LengthOrder {
        guard s.min <= hi else { return LengthOrder(lo: 1, hi: 0, descending: false, thenZero: false) }
        if s.optional {
            let lo = Swift.max(s.min, 1)
            return LengthOrder(lo: lo, hi: hi, descending: s.longestFirst, thenZero: true)
        }
        return LengthOrder(lo: s.min, hi: hi, descending: s.longestFirst, thenZero: false)
    }

    /// For a sequence pattern whose only test of each argument is its head (`__h`, `x___h`,
    /// `Longest[x__h]`), that head.
    func sequenceHead(_ p: Expr) -> Expr? {
        guard case .normal(let n) = p, let kind = patternKind(n) else { return nil }
        switch kind {
        case .blankSequence, .blankNullSequence: return n.args.first
        case .pattern: return sequenceHead(n.args[1])
        case .holdPattern, .longest, .shortest: return sequenceHead(n.args[0])
        default: return nil
        }
    }

    /// Whether `p`, a pattern for one argument, certainly does not match `e` — a quick test that
    /// binds and evaluates nothing: a literal atom that differs, `_h`/`x_h` (also under a condition
    /// or test) whose head differs, a literal compound whose head differs.
    func cannotMatch(_ p: Expr, _ e: Expr) -> Bool {
        guard case .normal(let pn) = p else { return p != e }  // `match` compares atoms with ==
        guard let kind = patternKind(pn) else {
            // matchStructure needs the same head, except for `x_. y_`-style arguments (OneIdentity).
            guard pn.head.symbol != nil, !pn.args.contains(where: isOptionalPattern) else { return false }
            return e.head != pn.head
        }
        switch kind {
        case .blank: return !headMatches(pn, e)
        case .pattern: return cannotMatch(pn.args[1], e)
        case .condition, .patternTest, .holdPattern: return cannotMatch(pn.args[0], e)
        case .verbatim: return pn.args[0] != e
        default: return false
        }
    }

    /// Matches `p` against a run of arguments (which may be empty), as one argument pattern of `ctx`.
    /// `headsChecked`: every argument of `run` is known to have the head a `__h` inside wants.
    func matchPart(_ p: Expr, _ run: ArraySlice<Expr>, _ ctx: ArgumentContext, position: Int,
                   headsChecked: Bool = false, _ k: MatchContinuation) throws(EvaluationControl) -> Bool {
        let s = shape(of: p, flat: ctx.flat)
        if s.single || s.wraps {
            // One expression: the argument itself, or in a Flat head the run wrapped in the head
            // (a single argument is wrapped too unless the head is OneIdentity).
            guard !run.isEmpty else { return false }
            if !s.wraps { return run.count == 1 ? try match(p, run[run.startIndex], k) : false }
            let value: Expr = run.count == 1 && ctx.oneIdentity ? run[run.startIndex] : .call(ctx.head, Array(run))
            return try match(p, value, k)
        }
        guard case .normal(let n) = p, let kind = patternKind(n) else { return false }
        switch kind {
        case .blankSequence, .blankNullSequence:
            if kind == .blankSequence && run.isEmpty { return false }
            if n.args.count == 1 && !headsChecked {
                for e in run where e.head != n.args[0] { return false }
            }
            return try k()
        case .pattern:
            let name = n.args[0].symbol!
            let inner = n.args[1]
            if run.isEmpty, isOptionalPattern(inner) {
                return try matchPart(inner, run, ctx, position: position, k)
            }
            if let old = lookupBound(name) {
                guard sameBinding(old, run: run) else { return false }
                return try matchPart(inner, run, ctx, position: position, headsChecked: headsChecked, k)
            }
            return try matchPart(inner, run, ctx, position: position, headsChecked: headsChecked) { () throws(EvaluationControl) in
                try self.bindRun(name, run, k)
            }
        case .condition:
            return try matchPart(n.args[0], run, ctx, position: position, headsChecked: headsChecked) { () throws(EvaluationControl) in
                try self.conditionHolds(n.args[1]) ? try k() : false
            }
        case .patternTest:
            return try matchPart(n.args[0], run, ctx, position: position, headsChecked: headsChecked) { () throws(EvaluationControl) in
                for e in run where try !self.testHolds(n.args[1], e) { return false }
                return try k()
            }
        case .alternatives:
            return try matchAlternatives(n.args, .run(run, ctx, position: position), k)
        case .optional:
            if !run.isEmpty { return try matchPart(n.args[0], run, ctx, position: position, k) }
            let value: Expr?
            if n.args.count == 2 { value = n.args[1] } else {
                value = try defaultValue(head: ctx.head, position: position, of: ctx.patternCount)
            }
            guard let value else { return false }
            return try match(n.args[0], value, k)
        case .repeated, .repeatedNull:
            guard let r = repeatRange(n), run.count >= r.min, run.count <= r.max else { return false }
            let items = Array(run)
            func each(_ i: Int) throws(EvaluationControl) -> Bool {
                if i == items.count { return try k() }
                return try match(n.args[0], items[i]) { () throws(EvaluationControl) in try each(i + 1) }
            }
            return try each(0)
        case .except:
            for e in run {
                let m = mark()
                let excluded = try match(n.args[0], e) { () throws(EvaluationControl) in true }
                undo(m)
                if excluded { return false }
            }
            return try matchPart(n.args[1], run, ctx, position: position, k)
        case .holdPattern, .longest, .shortest:
            return try matchPart(n.args[0], run, ctx, position: position, headsChecked: headsChecked, k)
        case .optionsPattern:
            guard run.allSatisfy(isOptionLike) else { return false }
            return try bindOptions(function: n.args.first ?? ctx.head, Array(run), k)
        case .blank, .verbatim:
            return run.count == 1 ? try match(p, run[run.startIndex], k) : false
        }
    }

    // MARK: Orderless

    /// Matches argument patterns against the arguments of an `Orderless` head: each pattern in turn
    /// takes any of the arguments not yet taken (runs for sequence patterns, in their original order).
    func matchOrderless(_ ps: [Expr], _ es: [Expr], _ ctx: ArgumentContext, _ k: MatchContinuation) throws(EvaluationControl) -> Bool {
        let shapes = ps.map { shape(of: $0, flat: ctx.flat) }
        var minAfter = [Int](repeating: 0, count: ps.count + 1)
        for i in stride(from: ps.count - 1, through: 0, by: -1) { minAfter[i] = minAfter[i + 1] &+ shapes[i].min }
        if minAfter[0] > es.count { return false }
        if shapes.allSatisfy({ $0.single }) && ps.count != es.count { return false }
        var used = [Bool](repeating: false, count: es.count)
        var free = es.count

        func step(_ i: Int) throws(EvaluationControl) -> Bool {
            if i == ps.count { return free == 0 ? try k() : false }
            let s = shapes[i]
            if s.single {
                for j in es.indices where !used[j] {
                    try tick()
                    used[j] = true; free -= 1
                    let ok = try match(ps[i], es[j]) { () throws(EvaluationControl) in try step(i + 1) }
                    used[j] = false; free += 1
                    if ok { return true }
                }
                return false
            }
            let hi = Swift.min(s.max, free - minAfter[i + 1])
            if hi < s.min { return false }
            let candidates = es.indices.filter { !used[$0] }
            let sizes = i == ps.count - 1 ? (free >= s.min && free <= s.max ? [free] : []) : Array(lengths(s, hi))
            for size in sizes {
                // Every subset of `size` free arguments, in lexicographic order of positions.
                var chosen: [Int] = []
                func choose(_ from: Int) throws(EvaluationControl) -> Bool {
                    if chosen.count == size {
                        try tick()
                        for j in chosen { used[j] = true }
                        free -= size
                        let run = chosen.map { es[$0] }[...]
                        let ok = try matchPart(ps[i], run, ctx, position: i + 1) { () throws(EvaluationControl) in try step(i + 1) }
                        for j in chosen { used[j] = false }
                        free += size
                        return ok
                    }
                    var c = from
                    while c < candidates.count && candidates.count - c >= size - chosen.count {
                        chosen.append(candidates[c])
                        if try choose(c + 1) { return true }
                        chosen.removeLast()
                        c += 1
                    }
                    return false
                }
                if try choose(0) { return true }
            }
            return false
        }
        return try step(0)
    }

    // MARK: Deterministic fast path

    /// Whether `p` can match in at most one way, so it can be matched without continuations:
    /// no sequence patterns, alternatives, optionals, repeats or Flat/Orderless/OneIdentity heads.
    func isDeterministic(_ p: Expr) -> Bool {
        guard case .normal(let n) = p else { return true }
        if let kind = patternKind(n) {
            switch kind {
            case .blank, .blankSequence, .blankNullSequence, .verbatim: return true
            case .pattern: return isDeterministic(n.args[1])
            case .condition, .patternTest, .holdPattern: return isDeterministic(n.args[0])
            default: return false
            }
        }
        if let s = n.head.symbol {
            if kernel.attributes(of: s).containsAny(.flat, .orderless) { return false }
        } else if !isDeterministic(n.head) {
            return false
        }
        for a in n.args where !isDeterministicArgument(a) { return false }
        return true
    }

    /// `isDeterministic` for an argument pattern, where a sequence pattern could take several lengths.
    private func isDeterministicArgument(_ a: Expr) -> Bool {
        guard case .normal(let n) = a else { return true }
        guard let kind = patternKind(n) else { return isDeterministic(a) }
        switch kind {
        case .blank, .verbatim: return true
        case .pattern: return isDeterministicArgument(n.args[1])
        case .condition, .patternTest, .holdPattern: return isDeterministicArgument(n.args[0])
        default: return false
        }
    }

    /// Matches a deterministic pattern (see `isDeterministic`) directly, binding as it goes.
    func matchDeterministic(_ p: Expr, _ e: Expr) throws(EvaluationControl) -> Bool {
        guard case .normal(let pn) = p else { return p == e }
        if let kind = patternKind(pn) {
            switch kind {
            case .blank, .blankSequence, .blankNullSequence: return headMatches(pn, e)
            case .verbatim: return pn.args[0] == e
            case .pattern:
                let name = pn.args[0].symbol!
                if let old = lookupBound(name) {
                    guard sameBinding(old, e) else { return false }
                    return try matchDeterministic(pn.args[1], e)
                }
                guard try matchDeterministic(pn.args[1], e) else { return false }
                names.append(name)
                values.append(.value(e))
                return true
            case .condition:
                guard try matchDeterministic(pn.args[0], e) else { return false }
                return try conditionHolds(pn.args[1])
            case .patternTest:
                guard try matchDeterministic(pn.args[0], e) else { return false }
                return try testHolds(pn.args[1], e)
            case .holdPattern: return try matchDeterministic(pn.args[0], e)
            default: return false
            }
        }
        switch e {
        case .normal(let en):
            guard en.args.count == pn.args.count else { return false }
            if pn.head.symbol != nil {
                guard en.head == pn.head else { return false }
            } else if try !matchDeterministic(pn.head, en.head) {
                return false
            }
            for i in pn.args.indices where try !matchDeterministic(pn.args[i], en.args[i]) { return false }
            return true
        default:
            guard let (h, args) = normalView(e), args.count == pn.args.count else { return false }
            guard try matchDeterministic(pn.head, h) else { return false }
            for i in pn.args.indices where try !matchDeterministic(pn.args[i], args[i]) { return false }
            return true
        }
    }
}

/// `Infinity` or `DirectedInfinity[1]`.
func isInfinity(_ e: Expr) -> Bool {
    if e.symbol === Sym.Infinity { return true }
    return e.hasHead(Sym.DirectedInfinity) && e.args.count == 1 && e.args[0] == .integer(1)
}
