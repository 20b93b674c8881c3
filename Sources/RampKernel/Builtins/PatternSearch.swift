import RampSyntax

/// A standard level specification: `n` (levels 1 through n), `{n}`, `{m, n}`, `Infinity`, `All`.
/// Negative levels count depth from the leaves (`-1` is the atoms).
struct LevelSpec {
    /// Bounds; `Int.max` for Infinity; negative values are depths.
    var lo: Int
    var hi: Int

    /// Parses a level specification; nil when it is not one.
    static func parse(_ e: Expr) -> LevelSpec? {
        func bound(_ b: Expr) -> Int? {
            // -2^63 is as deep as -(2^63 - 1) (no expression is that deep) and can be negated.
            if let i = b.int { return Swift.max(i, -Int.max) }
            if isInfinity(b) { return .max }
            return nil
        }
        if e.symbol === Sym.All { return LevelSpec(lo: 0, hi: .max) }
        if let n = bound(e) { return LevelSpec(lo: 1, hi: n) }
        guard e.hasHead(Sym.List) else { return nil }
        let a = e.args
        if a.count == 1, let n = bound(a[0]), n != .max { return LevelSpec(lo: n, hi: n) }
        if a.count == 2, let m = bound(a[0]), let n = bound(a[1]), m != .max { return LevelSpec(lo: m, hi: n) }
        return nil
    }

    /// Whether a part at `level` (0 is the whole expression) with the given depth is included.
    func includes(level: Int, depth: Int) -> Bool {
        let low = lo >= 0 ? level >= lo : (level >= 1 && depth <= -lo)
        let high = hi >= 0 ? level <= hi : depth >= -hi
        return low && high
    }

    /// Whether parts below `level` can still be included.
    func mayDescend(below level: Int) -> Bool {
        !(lo >= 0 && hi >= 0 && level >= hi)
    }

    /// Whether depths are needed (a negative bound).
    var usesDepth: Bool { lo < 0 || hi < 0 }
}

/// `Depth`: 1 for atoms, one more than the deepest part otherwise (heads not counted).
func exprDepth(_ e: Expr) -> Int {
    switch e {
    case .normal(let n): return 1 + (n.args.map(exprDepth).max() ?? 0)
    case .packed(let p): return p.rank + 1
    default: return 1
    }
}

/// Walks the parts of an expression at the levels of a spec, deepest first (post-order), and tells a
/// visitor each one with its position; the visitor returns true to stop.
struct LevelWalker {
    let spec: LevelSpec
    let heads: Bool
    let kernel: Kernel

    typealias Visitor = (Expr, [Int]) throws(EvaluationControl) -> Bool

    /// Returns true when the visitor stopped the walk.
    func walk(_ e: Expr, _ visit: Visitor) throws(EvaluationControl) -> Bool {
        var position: [Int] = []
        return try walk(e, level: 0, position: &position, visit).stopped
    }

    private func walk(_ e: Expr, level: Int, position: inout [Int], _ visit: Visitor) throws(EvaluationControl) -> (stopped: Bool, depth: Int) {
        try kernel.checkAbort()
        var depth = 1
        if let (head, args) = partsView(e) {
            if spec.mayDescend(below: level) || spec.usesDepth {
                if heads {
                    position.append(0)
                    let r = try walk(head, level: level + 1, position: &position, visit)
                    position.removeLast()
                    if r.stopped { return (true, 0) }
                }
                for (i, a) in args.enumerated() {
                    position.append(i + 1)
                    let r = try walk(a, level: level + 1, position: &position, visit)
                    position.removeLast()
                    if r.stopped { return (true, 0) }
                    depth = max(depth, r.depth + 1)
                }
            } else {
                depth = exprDepth(e)
            }
        }
        if spec.includes(level: level, depth: depth), try visit(e, position) { return (true, depth) }
        return (false, depth)
    }
}

extension Kernel {
    /// Installs `Cases`, `DeleteCases`, `Count`, `Position`, `FreeQ` and `MemberQ`.
    func installPatternSearchBuiltins() {
        define("Cases", arguments: ArgumentCount(2, 4).withOperatorForm, options: [BuiltinSpec.option("Heads", .false)], usage: "Cases[{e1, e2, …}, pattern] gives a list of the ei that match the pattern.\nCases[{e1, …}, pattern -> rhs] gives a list of the values of rhs corresponding to the ei that match the pattern.\nCases[expr, pattern, levelspec] gives a list of all parts of expr at levels specified by levelspec that match the pattern.\nCases[expr, pattern, levelspec, n] gives the first n parts in expr that match the pattern.") { c throws(EvaluationControl) in
            guard let (expr, pattern, walker, limit) = c.searchArguments(defaultSpec: LevelSpec(lo: 1, hi: 1)) else { return nil }
            var out: [Expr] = []
            if limit == 0 { return .list([]) }
            let engine = MatchEngine(kernel: c.kernel)
            if let (lhs, rhs, delayed) = ruleParts(pattern) {
                _ = try walker.walk(expr) { (part, _) throws(EvaluationControl) in
                    if let r = try engine.applyRule(lhs: lhs, rhs: rhs, delayed: delayed, to: part, flatRuns: false) {
                        out.append(r)
                    }
                    return out.count >= limit
                }
            } else {
                let m = PatternMatcher(kernel: c.kernel)
                _ = try walker.walk(expr) { (part, _) throws(EvaluationControl) in
                    if try m.matches(pattern, part) { out.append(part) }
                    return out.count >= limit
                }
            }
            return .list(out)
        }

        define("Count", arguments: ArgumentCount(2, 3).withOperatorForm, options: [BuiltinSpec.option("Heads", .false)], usage: "Count[list, pattern] gives the number of elements in list that match pattern.\nCount[expr, pattern, levelspec] gives the total number of subexpressions matching pattern that appear at the levels in expr specified by levelspec.") { c throws(EvaluationControl) in
            guard let (expr, pattern, walker, _) = c.searchArguments(defaultSpec: LevelSpec(lo: 1, hi: 1)) else { return nil }
            let m = PatternMatcher(kernel: c.kernel)
            var n = 0
            _ = try walker.walk(expr) { (part, _) throws(EvaluationControl) in
                if try m.matches(pattern, part) { n += 1 }
                return false
            }
            return .integer(n)
        }

        define("Position", arguments: ArgumentCount(2, 4).withOperatorForm, options: [BuiltinSpec.option("Heads", .true)], usage: "Position[expr, pattern] gives a list of the positions at which objects matching pattern appear in expr.\nPosition[expr, pattern, levelspec] finds only objects that appear on levels specified by levelspec.\nPosition[expr, pattern, levelspec, n] gives the positions of the first n objects found.") { c throws(EvaluationControl) in
            guard let (expr, pattern, walker, limit) = c.searchArguments(defaultSpec: LevelSpec(lo: 0, hi: .max)) else { return nil }
            let m = PatternMatcher(kernel: c.kernel)
            var out: [Expr] = []
            if limit == 0 { return .list([]) }
            _ = try walker.walk(expr) { (part, position) throws(EvaluationControl) in
                if try m.matches(pattern, part) { out.append(.list(position.map { .integer($0) })) }
                return out.count >= limit
            }
            return .list(out)
        }

        define("FreeQ", arguments: ArgumentCount(2, 3).withOperatorForm, options: [BuiltinSpec.option("Heads", .true)], usage: "FreeQ[expr, form] yields True if no subexpression in expr matches form, and yields False otherwise.\nFreeQ[expr, form, levelspec] tests only those parts of expr on levels specified by levelspec.") { c throws(EvaluationControl) in
            guard let (expr, pattern, walker, _) = c.searchArguments(defaultSpec: LevelSpec(lo: 0, hi: .max)) else { return nil }
            let m = PatternMatcher(kernel: c.kernel)
            let found = try walker.walk(expr) { (part, _) throws(EvaluationControl) in try m.matches(pattern, part) }
            return .bool(!found)
        }

        define("MemberQ", arguments: ArgumentCount(2, 3).withOperatorForm, options: [BuiltinSpec.option("Heads", .false)], usage: "MemberQ[list, form] returns True if an element of list matches form, and False otherwise.\nMemberQ[list, form, levelspec] tests all parts of list specified by levelspec.") { c throws(EvaluationControl) in
            guard let (expr, pattern, walker, _) = c.searchArguments(defaultSpec: LevelSpec(lo: 1, hi: 1)) else { return nil }
            let m = PatternMatcher(kernel: c.kernel)
            let found = try walker.walk(expr) { (part, _) throws(EvaluationControl) in try m.matches(pattern, part) }
            return .bool(found)
        }

        define("DeleteCases", arguments: ArgumentCount(2, 4).withOperatorForm, options: [BuiltinSpec.option("Heads", .false)], usage: "DeleteCases[expr, pattern] removes all elements of expr that match pattern.\nDeleteCases[expr, pattern, levelspec] removes all parts of expr on levels specified by levelspec that match pattern.\nDeleteCases[expr, pattern, levelspec, n] removes the first n parts of expr that match pattern.") { c throws(EvaluationControl) in
            guard let (expr, pattern, walker, limit) = c.searchArguments(defaultSpec: LevelSpec(lo: 1, hi: 1)) else { return nil }
            let m = PatternMatcher(kernel: c.kernel)
            var deleted = 0
            func prune(_ e: Expr, level: Int) throws(EvaluationControl) -> Expr {
                try c.kernel.checkAbort()
                guard let (head, args) = partsView(e), walker.spec.mayDescend(below: level) || walker.spec.usesDepth else { return e }
                var kept: [Expr] = []
                var changed = false
                for a in args {
                    if deleted < limit, walker.spec.includes(level: level + 1, depth: walker.spec.usesDepth ? exprDepth(a) : 0),
                       try m.matches(pattern, a) {
                        deleted += 1
                        changed = true
                        continue
                    }
                    let r = try prune(a, level: level + 1)
                    if r != a { changed = true }
                    kept.append(r)
                }
                return changed ? .call(head, kept) : e
            }
            return try prune(expr, level: 0)
        }
    }
}

extension BuiltinCall {
    /// Parses `f[expr, pattern, levelspec, n, Heads -> h]` (its spec counted the arguments and split
    /// off the option): the expression, the pattern, a walker over the levels and the count limit;
    /// issues the messages and returns nil when the arguments are bad.
    func searchArguments(defaultSpec: LevelSpec) -> (Expr, Expr, LevelWalker, Int)? {
        let positional = args
        // One argument is the operator form (`Cases[p]`), applied through sub values.
        guard positional.count != 1 else { return nil }
        var spec = defaultSpec
        if positional.count >= 3 {
            guard let s = LevelSpec.parse(positional[2]) else { message("level", positional[2]); return nil }
            spec = s
        }
        var limit = Int.max
        if positional.count == 4 {
            if let n = positional[3].int, n >= 0 { limit = n } else if !isInfinity(positional[3]) {
                message("innf", .integer(4), expr)
                return nil
            }
        }
        let heads = option("Heads") == .true
        return (positional[0], positional[1], LevelWalker(spec: spec, heads: heads, kernel: kernel), limit)
    }
}
