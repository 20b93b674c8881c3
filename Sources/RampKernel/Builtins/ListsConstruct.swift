import RampSyntax

/// Range, Array, ConstantArray, Length, Dimensions, ArrayDepth, Depth, Level, Append, Prepend,
/// Insert, Delete, ReplacePart, Join, Riffle.

/// The largest packed array (in elements) the library builds in one call (guards against
/// `Range[10^12]`); larger requests give `General::nomem` and `$Failed` (see `SizeLimit`).
var maxListLength: Int { SizeLimit.maxPackedElements }
/// The largest number of expressions a generating function (Array, Tuples, Subsets,
/// Permutations, …) builds in one call (see `SizeLimit`).
var maxGeneratedLength: Int { SizeLimit.maxExpressions }

/// The product of `dims`, saturating at `Int.max`.
public func saturatingProduct(_ dims: [Int]) -> Int {
    var total = 1
    for k in dims {
        let (t, o) = total.multipliedReportingOverflow(by: k)
        total = o ? Int.max : t
    }
    return total
}

extension Kernel {
    func installListsConstructBuiltins() {
        setMessage("Range", "range", "Range specification in `1` does not have appropriate bounds.")
        setMessage("Insert", "ins", "Cannot insert at position `1` in `2`.")
        setMessage("Delete", "del", "Cannot delete the part `1` of `2`.")
        setMessage("Delete", "psl", "Position specification `1` in `2` is not a machine-sized integer or a list of machine-sized integers.")
        setMessage("Insert", "psl", "Position specification `1` in `2` is not a machine-sized integer or a list of machine-sized integers.")
        setMessage("ReplacePart", "reps", "`1` is not a list of replacement rules.")
        setMessage("Riffle", "rflspc", "Specification `1` is not a list of insertion positions.")

        define("Range", attributes: [.listable], arguments: ArgumentCount(1, 3), usage: "Range[imax] generates the list {1, 2, …, imax}.\nRange[imin, imax] generates the list {imin, …, imax}.\nRange[imin, imax, di] uses step di.") { call throws(EvaluationControl) in
            let a = call.args
            if a.contains(where: \.isList) { return threadListable(call) }
            let start: Expr = a.count == 1 ? 1 : a[0]
            let end: Expr = a.count == 1 ? a[0] : a[1]
            let step: Expr = a.count == 3 ? a[2] : 1
            if let s = start.int, let e = end.int, let d = step.int, d != 0, d != Int.min,
               case (let width, false) = (d > 0 ? e.subtractingReportingOverflow(s) : s.subtractingReportingOverflow(e)) {
                let count = width >= 0 ? width / abs(d) + 1 : 0
                if count == 0 { return .emptyList }
                if count > maxListLength { call.outOfMemory(); return .failed }
                var out = [Int](repeating: 0, count: count)
                out.withUnsafeMutableBufferPointer { buf in
                    var v = s
                    for i in 0..<count { buf[i] = v; v &+= d }
                }
                return .packed(PackedArray(integers: out))
            }
            guard let s = LNum(start), let e = LNum(end), let d = LNum(step), !(d.double == 0) else {
                // Symbolic bounds: Range[x, x + 3] works when (end - start)/step is a number.
                let kernel = call.kernel
                let span = try kernel.eval(.call(Sym.Times, [
                    .call(Sym.Plus, [end, .call(Sym.Times, [.integer(-1), start])]),
                    .call(Sym.Power, [step, .integer(-1)])]))
                guard let n = span.doubleValue, n.isFinite, n < Double(maxGeneratedLength) else { call.message("range", call.expr); return nil }
                if n < 0 { return .emptyList }
                var out: [Expr] = []
                for k in 0...Int(n.rounded(.down)) {
                    out.append(try kernel.eval(.call(Sym.Plus, [start, .call(Sym.Times, [.integer(k), step])])))
                }
                return .list(out)
            }
            let span = (e - s).double / d.double
            if span.isNaN || span.isInfinite { call.message("range", call.expr); return nil }
            if span < 0 { return .emptyList }
            if span >= Double(maxListLength) { call.outOfMemory(); return .failed }
            let count = Int((span + 1e-12 * Swift.max(1, abs(span))).rounded(.down)) + 1
            if count > maxListLength { call.outOfMemory(); return .failed }
            if !s.isExact || !e.isExact || !d.isExact {
                let s0 = s.double, d0 = d.double
                return .packed(PackedArray(reals: (0..<count).map { s0 + Double($0) * d0 }))
            }
            var out: [Expr] = []
            out.reserveCapacity(count)
            var v = s
            for _ in 0..<count { out.append(v.expr); v = v + d }
            return .listPackingIfPossible(out)
        }

        define("Array", arguments: ArgumentCount(2, 4), usage: "Array[f, n] generates a list of length n, with elements f[i].\nArray[f, n, r] generates a list using the index origin r.\nArray[f, n, {a, b}] generates a list using n values from a to b.\nArray[f, {n1, n2, …}] generates an n1×n2×… array of nested lists, with elements f[i1, i2, …].\nArray[f, {n1, n2, …}, {r1, r2, …}] generates a list using the index origins ri (default 1).\nArray[f, dims, origin, h] uses head h, rather than List, for each level of the array.") { call throws(EvaluationControl) in
            let f = call.args[0]
            let dimsExpr = call.args[1]
            var dims: [Int] = []
            if let n = dimsExpr.int, n >= 0 { dims = [n] }
            else if dimsExpr.isList, dimsExpr.args.allSatisfy({ ($0.int ?? -1) >= 0 }) { dims = dimsExpr.args.map { $0.int! } }
            else { call.message("ilsmn", 2, call.expr); return nil }
            guard call.allowsAllocation(dimensions: dims, elementSize: SizeLimit.expression) else { return .failed }
            var origins: [[Expr]] = dims.map { n in (1...Swift.max(n, 1)).map { .integer($0) } }
            if call.args.count >= 3 {
                let o = call.args[2]
                if let r = LNum(o) {
                    origins = dims.map { n in (0..<Swift.max(n, 1)).map { (r + LNum.exact(BigInt($0), 1)).expr } }
                } else if o.isList, o.length == 2, dims.count == 1, let lo = LNum(o.args[0]), let hi = LNum(o.args[1]) {
                    let n = dims[0]
                    var values: [Expr] = []
                    for i in 0..<Swift.max(n, 1) {
                        if n == 1 { values.append(lo.expr); continue }
                        let frac: LNum = (LNum.exact(BigInt(i), 1) / LNum.exact(BigInt(n - 1), 1))!
                        let v: LNum = lo + (hi - lo) * frac
                        values.append(v.expr)
                    }
                    origins = [values]
                } else if o.isList, o.length == dims.count, o.args.allSatisfy({ LNum($0) != nil }) {
                    origins = zip(dims, o.args).map { n, r in (0..<Swift.max(n, 1)).map { (LNum(r)! + LNum.exact(BigInt($0), 1)).expr } }
                } else {
                    return nil
                }
            }
            let h: Expr = call.args.count == 4 ? call.args[3] : .symbol(Sym.List)
            func build(_ level: Int, _ idx: [Expr]) -> Expr {
                if level == dims.count { return .call(f, idx) }
                return .call(h, (0..<dims[level]).map { build(level + 1, idx + [origins[level][$0]]) })
            }
            guard h == .symbol(Sym.List) else { return build(0, []) }
            return try call.kernel.evaluatedPacked(build(0, []), minimumCount: Kernel.arrayPackLength)
        }

        define("ConstantArray", arguments: .exactly(2), usage: "ConstantArray[c, n] generates a list of n copies of the element c.\nConstantArray[c, {n1, n2, …}] generates an n1×n2×… array of nested lists containing copies of the element c.") { call throws(EvaluationControl) in
            let c = call.args[0], d = call.args[1]
            var dims: [Int]
            if let n = d.int, n >= 0 { dims = [n] }
            else if d.isList, d.args.allSatisfy({ ($0.int ?? -1) >= 0 }) { dims = d.args.map { $0.int! } }
            else { call.message("ilsmn", 2, call.expr); return nil }
            if dims.isEmpty { return c }
            var total = 1
            for k in dims { total = total.multipliedReportingOverflow(by: k).overflow ? Int.max : total * k }
            if total > maxListLength { call.outOfMemory(); return .failed }
            if dims.contains(0) { return .emptyNested(dims) }
            switch c {
            case .integer(let i): return PackedArray.expr(shape: dims, storage: .integers(Array(repeating: i, count: total)))
            case .real(let r): return PackedArray.expr(shape: dims, storage: .reals(Array(repeating: r, count: total)))
            default:
                if case .packed(let p) = c {
                    switch p.storage {
                    case .integers(let a): return .packed(PackedArray(shape: dims + p.shape, storage: .integers(Array([[Int]](repeating: a, count: total).joined()))))
                    case .reals(let a): return .packed(PackedArray(shape: dims + p.shape, storage: .reals(Array([[Double]](repeating: a, count: total).joined()))))
                    }
                }
                var e = c
                for n in dims.reversed() { e = .list(Array(repeating: e, count: n)) }
                return e
            }
        }

        define("Length", arguments: .exactly(1), usage: "Length[expr] gives the number of elements in expr.") { call throws(EvaluationControl) in
            if case .native(let array as any ArrayLikeObject) = call.args[0] { return .integer(array.dimensions.first ?? 0) }
            return .integer(call.args[0].length)
        }

        define("Dimensions", arguments: ArgumentCount(1, 2), usage: "Dimensions[expr] gives a list of the dimensions of expr.\nDimensions[expr, n] gives a list of the dimensions of expr down to level n.") { call throws(EvaluationControl) in
            var limit: Int? = nil
            if call.args.count == 2 {
                if let n = call.args[1].int, n >= 0 { limit = n }
                else if call.args[1].isPositiveInfinity { limit = nil }
                else { call.message("intnm", call.expr, 2); return nil }
            }
            let e = call.args[0]
            if case .native(let array as any ArrayLikeObject) = e {
                return .list(array.dimensions.prefix(limit ?? Int.max).map { .integer($0) })
            }
            if let a = e.association {
                if limit == 0 { return .emptyList }
                let inner = arrayDimensions(.list(a.values), limit: limit)
                return .packedIntegersOrEmpty(inner)
            }
            return .packedIntegersOrEmpty(arrayDimensions(e, limit: limit))
        }

        define("ArrayDepth", arguments: .exactly(1), usage: "ArrayDepth[expr] gives the depth to which expr is a full array, with all the parts at a particular level being lists of the same length, or is a SparseArray object.") { call throws(EvaluationControl) in
            return .integer(arrayDimensions(call.args[0]).count)
        }

        define("Depth", arguments: .exactly(1), usage: "Depth[expr] gives the maximum number of indices needed to specify any part of expr, plus 1.") { call throws(EvaluationControl) in
            // Each shared node once (a structure built as y = g[y, y] has 2^depth paths).
            var memo: [ObjectIdentifier: Int] = [:]
            func depth(_ e: Expr) -> Int {
                if let a = e.association { return 1 + (a.values.map(depth).max() ?? 0) }
                if case .normal(let n) = e {
                    if let known = memo[ObjectIdentifier(n)] { return known }
                    let d = 1 + (n.args.map(depth).max() ?? 0)
                    memo[ObjectIdentifier(n)] = d
                    return d
                }
                return libDepth(e)
            }
            return .integer(depth(call.args[0]))
        }

        define("Level", arguments: ArgumentCount(2, 3), options: [BuiltinSpec.option("Heads", .false)], usage: "Level[expr, levelspec] gives a list of all subexpressions of expr on levels specified by levelspec.\nLevel[expr, levelspec, f] applies f to the sequence of subexpressions.") { call throws(EvaluationControl) in
            let heads = call.option("Heads") == .true
            let f: Expr = call.args.count == 3 ? call.args[2] : .symbol(Sym.List)
            guard let spec = LibLevelSpec(call.args[1]) else { call.message("level", call.args[1]); return nil }
            return .call(f, collectLevels(call.args[0], spec, heads: heads))
        }

        func appendLike(_ name: String, atEnd: Bool, usage: String) {
            define(name, arguments: ArgumentCount(1, 2), usage: usage) { call throws(EvaluationControl) in
                if call.args.count == 1 { return nil }  // operator form stays as is
                let e = call.args[0], x = call.args[1]
                if let a = e.association {
                    guard let added = associationFromRulesOrAssociations([x]) else { call.message("invrl", x); return nil }
                    return .native(atEnd ? mergeAssociations(a, added) : mergeAssociations(added, a, keepFirstPosition: false))
                }
                if e.isAtom { call.message("normal", 1, call.expr); return nil }
                if case .packed(let p) = e, p.rank == 1 {
                    switch (p.storage, x) {
                    case (.integers(let a), .integer(let i)): return .packed(PackedArray(integers: atEnd ? a + [i] : [i] + a))
                    case (.reals(let a), .real(let r)): return .packed(PackedArray(reals: atEnd ? a + [r] : [r] + a))
                    default: break
                    }
                }
                var a = e.args
                if atEnd { a.append(x) } else { a.insert(x, at: 0) }
                return e.withArgs(a)
            }
        }
        appendLike("Append", atEnd: true, usage: "Append[expr, elem] gives expr with elem appended.\nAppend[elem] represents an operator form of Append that can be applied to an expression.")
        appendLike("Prepend", atEnd: false, usage: "Prepend[expr, elem] gives expr with elem prepended.\nPrepend[elem] represents an operator form of Prepend that can be applied to an expression.")

        define("Insert", arguments: .exactly(3), usage: "Insert[list, elem, n] inserts elem at position n in list. If n is negative, the position is counted from the end.\nInsert[expr, elem, {i, j, …}] inserts elem at position {i, j, …} in expr.\nInsert[expr, elem, {{i1, j1, …}, {i2, j2, …}, …}] inserts elem at several positions.") { call throws(EvaluationControl) in
            let e = call.args[0], x = call.args[1]
            guard let positions = positionList(call.args[2]) else { call.message("psl", call.args[2], call.expr); return nil }
            if positions.count > 1, !e.isAtom, positions.allSatisfy({ $0.count == 1 && $0[0] >= 1 && $0[0] <= e.argCount + 1 }) {
                // Several positions in the list itself: one pass (one at a time copies the list each time).
                var before = [Int](repeating: 0, count: e.argCount + 2)
                for pos in positions { before[pos[0]] += 1 }
                var out: [Expr] = []
                out.reserveCapacity(e.argCount + positions.count)
                for (j, element) in e.argList.enumerated() {
                    for _ in 0..<before[j + 1] { out.append(x) }
                    out.append(element)
                }
                for _ in 0..<before[e.argCount + 1] { out.append(x) }
                return .call(e.head, out)
            }
            var result = e.unpackedOneLevel
            // Insert at later positions first so earlier indices stay valid.
            for pos in positions.sorted(by: { lexicographicDescending($0, $1) }) {
                guard let r = insertAt(result, x, pos[...]) else { call.message("ins", .list(pos.map { .integer($0) }), e); return nil }
                result = r
            }
            return result
        }

        define("Delete", arguments: ArgumentCount(1, 2), usage: "Delete[expr, n] deletes the element at position n in expr. If n is negative, the position is counted from the end.\nDelete[expr, {i, j, …}] deletes the part at position {i, j, …}.\nDelete[expr, {{i1, j1, …}, {i2, j2, …}, …}] deletes parts at several positions.\nDelete[pos] represents an operator form of Delete that can be applied to an expression.") { call throws(EvaluationControl) in
            if call.args.count == 1 { return nil }
            let e = call.args[0]
            if let a = e.association, let k = call.args[1].int {
                let n = a.entries.count
                let i = k < 0 ? n + k + 1 : k
                if i < 1 || i > n { call.message("partw", .integer(k), e); return nil }
                var d = a.entries
                d.remove(at: i - 1)
                return .native(AssociationObject(entries: d))
            }
            if let a = e.association {
                var d = a.entries
                let keys = call.args[1].isList && !call.args[1].args.isEmpty && call.args[1].args.allSatisfy({ $0.hasHead(Sym.Key) || $0.string != nil }) ? call.args[1].args : [call.args[1]]
                d.removeKeys(keys.map(unwrapKey))
                return .native(AssociationObject(entries: d))
            }
            guard let positions = positionList(call.args[1]) else { call.message("psl", call.args[1], call.expr); return nil }
            if positions.count > 1, !e.isAtom, let drop = distinctListPositions(positions, count: e.argCount) {
                // Several distinct positions in the list itself: one pass, not a copy per position.
                var out: [Expr] = []
                out.reserveCapacity(e.argCount - positions.count)
                for (j, element) in e.argList.enumerated() where !drop[j] { out.append(element) }
                return .call(e.head, out)
            }
            var result = e
            for pos in positions.sorted(by: { lexicographicDescending($0, $1) }) {
                guard let r = deleteAt(result, pos[...]) else { call.message("partw", .list(pos.map { .integer($0) }), e); return nil }
                result = r
            }
            return result
        }

        define("ReplacePart", arguments: ArgumentCount(1, 2), usage: "ReplacePart[expr, i -> new] yields an expression in which the i\u{2009}th part of expr is replaced by new.\nReplacePart[expr, {i1 -> new1, i2 -> new2, …}] replaces parts at positions in by newn.\nReplacePart[expr, {i, j, …} -> new] replaces the part at position {i, j, …}.\nReplacePart[expr, {{i1, j1, …} -> new1, …}] replaces parts at positions {in, jn, …} by newn.\nReplacePart[expr, {{i1, j1, …}, …} -> new] replaces all parts at positions {in, jn, …} by new.\nReplacePart[i -> new] represents an operator form of ReplacePart that can be applied to an expression.") { call throws(EvaluationControl) in
            if call.args.count == 1 { return nil }
            let e = call.args[0]
            let rulesExpr = call.args[1]
            let rules = rulesExpr.isRule ? [rulesExpr] : (rulesExpr.isList && rulesExpr.args.allSatisfy(\.isRule) ? rulesExpr.args : nil)
            guard let rules else { call.message("reps", rulesExpr); return nil }
            // Expand rules into (position pattern, value, delayed) entries.
            var concrete: [([Int], Expr, Bool)] = []
            var patterned: [(Expr, Expr, Bool)] = []
            for r in rules {
                let delayed = r.head.symbol === Sym.RuleDelayed
                let lhs = r.args[0], rhs = r.args[1]
                if let i = lhs.int { concrete.append(([i], rhs, delayed)) }
                else if let ps = positionList(lhs), lhs.isList { for p in ps { concrete.append((p, rhs, delayed)) } }
                else if let a = e.association, a.lookup(lhs) != nil || lhs.string != nil || lhs.hasHead(Sym.Key) {
                    patterned.append((.call(Symbol.named("Key"), [unwrapKey(lhs)]), rhs, delayed))
                } else { patterned.append((lhs, rhs, delayed)) }
            }
            if let a = e.association {
                var d = a.entries
                for (lhs, rhs, delayed) in patterned where lhs.hasHead(Sym.Key) {
                    let k = unwrapKey(lhs)
                    if d[k] != nil { d[k] = AssociationObject.Entry(value: delayed ? try call.kernel.eval(rhs) : rhs, delayed: false) }
                }
                for (pos, rhs, delayed) in concrete where pos.count == 1 {
                    let n = d.count, i = pos[0] < 0 ? d.count + pos[0] + 1 : pos[0]
                    if i >= 1 && i <= n { d.values[i - 1].value = delayed ? try call.kernel.eval(rhs) : rhs }
                }
                return .native(AssociationObject(entries: d))
            }
            var result = e
            for (pos, rhs, delayed) in concrete {
                let value = delayed ? try call.kernel.eval(rhs) : rhs
                // In place after the first copy: many positions cost O(1) each, not a copy each.
                _ = replaceInPlace(&result, value, pos[...])
            }
            if !patterned.isEmpty {
                // Positions given by patterns: test every position against them with MatchQ.
                let matchQ = Symbol.named("MatchQ")
                func walk(_ x: Expr, _ pos: [Int]) throws(EvaluationControl) -> Expr {
                    if !pos.isEmpty {
                        let posExpr = Expr.list(pos.map { .integer($0) })
                        for (lhs, rhs, delayed) in patterned {
                            var isMatch = try call.kernel.eval(.call(matchQ, [posExpr, lhs])) == .true
                            if !isMatch && pos.count == 1 {
                                isMatch = try call.kernel.eval(.call(matchQ, [.integer(pos[0]), lhs])) == .true
                            }
                            if isMatch { return delayed ? try call.kernel.eval(rhs) : rhs }
                        }
                    }
                    guard case .normal(let n) = x.unpackedOneLevel else { return x }
                    var out: [Expr] = []
                    for (i, a) in n.args.enumerated() { out.append(try walk(a, pos + [i + 1])) }
                    return .call(n.head, out)
                }
                result = try walk(result, [])
            }
            return result
        }

        define("Join", attributes: [.flat, .oneIdentity], usage: "Join[list1, list2, …] concatenates lists or other expressions that share the same head.\nJoin[list1, list2, …, n] joins the objects at level n in each of the listi.") { call throws(EvaluationControl) in
            var parts = call.args
            var level = 1
            if parts.count >= 2, let n = parts.last?.int, !parts.dropLast().isEmpty {
                level = n; parts.removeLast()
            }
            if parts.isEmpty { return .emptyList }
            if parts.allSatisfy({ isAssociation($0) || ($0.isList && $0.length == 0) }) {
                var acc = AssociationObject(entries: [:])
                for p in parts { if let a = p.association { acc = mergeAssociations(acc, a) } }
                return .native(acc)
            }
            for (i, p) in parts.enumerated() where p.isAtom {
                call.message("normal", .integer(i + 1), call.expr); return nil
            }
            let h = parts[0].head
            for (i, p) in parts.enumerated() where p.head != h {
                call.message("heads", h, p.head, 1, .integer(i + 1)); return nil
            }
            if level == 1 {
                // Packed fast path: equal inner shapes, same storage kind.
                let packs = parts.compactMap { p -> PackedArray? in if case .packed(let q) = p { return q }; return nil }
                if packs.count == parts.count, Set(packs.map { Array($0.shape.dropFirst()) }).count == 1 {
                    let shape = [packs.reduce(0) { $0 + $1.shape[0] }] + packs[0].shape.dropFirst()
                    if packs.allSatisfy({ if case .integers = $0.storage { return true }; return false }) {
                        var out: [Int] = []
                        for q in packs { if case .integers(let a) = q.storage { out += a } }
                        return .packed(PackedArray(shape: shape, storage: .integers(out)))
                    }
                    var out: [Double] = []
                    for q in packs {
                        switch q.storage { case .integers(let a): out += a.map(Double.init); case .reals(let a): out += a }
                    }
                    return .packed(PackedArray(shape: shape, storage: .reals(out)))
                }
                return parts[0].withArgs(parts.flatMap(\.args))
            }
            // Join at a deeper level: zip the parts element by element.
            guard level >= 1 else { return nil }
            func joinAt(_ xs: [Expr], _ lvl: Int) -> Expr? {
                if lvl == 1 { return xs[0].withArgs(xs.flatMap(\.args)) }
                let n = xs[0].length
                guard xs.allSatisfy({ !$0.isAtom && $0.length == n }) else { return nil }
                var out: [Expr] = []
                for i in 0..<n {
                    guard let j = joinAt(xs.map { $0.arg(i) }, lvl - 1) else { return nil }
                    out.append(j)
                }
                return xs[0].withArgs(out)
            }
            guard let r = joinAt(parts, level) else { call.message("rect"); return nil }
            return r
        }

        define("Riffle", arguments: ArgumentCount(2, 3), usage: "Riffle[{e1, e2, …}, x] gives {e1, x, e2, x, …}.\nRiffle[{e1, e2, …}, {x1, x2, …}] gives {e1, x1, e2, x2, …}.\nRiffle[list, x, n] yields a list in which every n\u{2009}th element is x.\nRiffle[list, x, {imin, imax, n}] yields a list in which x appears if possible at positions imin, imin + n, imin + 2n, …, imax.") { call throws(EvaluationControl) in
            let l = call.args[0], x = call.args[1]
            if l.isAtom { call.message("normal", 1, call.expr); return nil }
            let elems = l.args
            if call.args.count == 2 {
                if x.isList {
                    let xs = x.args
                    guard xs.count == elems.count || xs.count == elems.count - 1 else {
                        // Cyclic use of the inserted list when lengths differ.
                        var out: [Expr] = []
                        for (i, e) in elems.enumerated() {
                            out.append(e)
                            if i < elems.count - 1, !xs.isEmpty { out.append(xs[i % xs.count]) }
                        }
                        return l.withArgs(out)
                    }
                    var out: [Expr] = []
                    for (i, e) in elems.enumerated() {
                        out.append(e)
                        if i < xs.count { out.append(xs[i]) }
                    }
                    return l.withArgs(out)
                }
                var out: [Expr] = []
                for (i, e) in elems.enumerated() {
                    out.append(e)
                    if i < elems.count - 1 { out.append(x) }
                }
                return l.withArgs(out)
            }
            // Riffle[list, x, n]: x at every n-th position of the result.
            guard let n = call.args[2].int, n >= 2 else { call.message("rflspc", call.args[2]); return nil }
            let xs = x.isList ? x.args : [x]
            var out: [Expr] = []
            var src = elems[...]
            var k = 0
            while !src.isEmpty {
                if (out.count + 1) % n == 0 {
                    out.append(xs.isEmpty ? x : xs[k % xs.count]); k += 1
                } else {
                    out.append(src.removeFirst())
                }
            }
            return l.withArgs(out)
        }
    }
}

extension Expr {
    /// A packed integer vector, or `{}` when empty.
    static func packedIntegersOrEmpty(_ a: [Int]) -> Expr {
        a.isEmpty ? .emptyList : .packed(PackedArray(integers: a))
    }
}

/// Applies a `Listable` builtin to list arguments by threading (the placeholder evaluator does not).
func threadListable(_ call: BuiltinCall) -> Expr? {
    let args = call.args
    let n = args.first(where: \.isList)!.length
    guard args.allSatisfy({ !$0.isList || $0.length == n }) else { return nil }
    let columns = args.map { $0.isList ? $0.args : nil }  // each list's elements once, not per result
    return .list((0..<n).map { i in .call(call.head, args.indices.map { columns[$0]?[i] ?? args[$0] }) })
}

/// `n`, `{i, j, …}` or `{{i, j, …}, …}` as a list of positions.
func positionList(_ e: Expr) -> [[Int]]? {
    if let i = e.int { return [[i]] }
    guard e.isList else { return nil }
    let a = e.args
    if a.allSatisfy({ $0.int != nil }) { return [a.map { $0.int! }] }
    if a.allSatisfy({ $0.isList && $0.args.allSatisfy { $0.int != nil } }) { return a.map { $0.args.map { $0.int! } } }
    return nil
}

/// Orders positions so that later ones come first (for deleting/inserting several).
func lexicographicDescending(_ a: [Int], _ b: [Int]) -> Bool {
    for (x, y) in zip(a, b) where x != y { return x > y }
    return a.count > b.count
}

func insertAt(_ e: Expr, _ x: Expr, _ pos: ArraySlice<Int>) -> Expr? {
    guard case .normal(let n) = e.unpackedOneLevel, let first = pos.first else { return nil }
    var a = n.args
    if pos.count == 1 {
        let i = first < 0 ? a.count + first + 2 : first
        guard i >= 1 && i <= a.count + 1 else { return nil }
        a.insert(x, at: i - 1)
        return .call(n.head, a)
    }
    let i = first < 0 ? a.count + first + 1 : first
    guard i >= 1 && i <= a.count, let inner = insertAt(a[i - 1], x, pos.dropFirst()) else { return nil }
    a[i - 1] = inner
    return .call(n.head, a)
}

func deleteAt(_ e: Expr, _ pos: ArraySlice<Int>) -> Expr? {
    guard case .normal(let n) = e.unpackedOneLevel, let first = pos.first else { return nil }
    var a = n.args
    let i = first < 0 ? a.count + first + 1 : first
    if pos.count == 1 {
        if i == 0 { return .call(Sym.Sequence, a) }
        guard i >= 1 && i <= a.count else { return nil }
        a.remove(at: i - 1)
        return .call(n.head, a)
    }
    guard i >= 1 && i <= a.count, let inner = deleteAt(a[i - 1], pos.dropFirst()) else { return nil }
    a[i - 1] = inner
    return .call(n.head, a)
}

/// For positions that each name a different element of a list of `count` (`{i}` or `{-i}`), a mask
/// of the elements named; nil when one names something else, is out of range or repeats.
private func distinctListPositions(_ positions: [[Int]], count: Int) -> [Bool]? {
    var mask = [Bool](repeating: false, count: count)
    for pos in positions {
        guard pos.count == 1 else { return nil }
        let i = pos[0] < 0 ? count + pos[0] + 1 : pos[0]
        guard i >= 1 && i <= count, !mask[i - 1] else { return nil }
        mask[i - 1] = true
    }
    return mask
}

/// Replaces the part of `e` at `pos` by `x`, in place where `e` (and the parts on the way) are not
/// shared; a packed array on the way is unpacked one level. False, with `e` equal to what it was,
/// when `pos` names no part.
func replaceInPlace(_ e: inout Expr, _ x: Expr, _ pos: ArraySlice<Int>) -> Bool {
    guard namesReplaceablePart(e, pos) else { return false }
    replaceValidPart(&e, x, pos)
    return true
}

/// Whether `pos` names a part of `e` that `replaceInPlace` can replace (a head only at the end).
private func namesReplaceablePart(_ e: Expr, _ pos: ArraySlice<Int>) -> Bool {
    var e = e
    var rest = pos
    while let first = rest.first {
        let count: Int
        switch e {
        case .normal(let n): count = n.args.count
        case .packed(let p): count = p.shape[0]
        default: return false
        }
        let i = first < 0 ? count + first + 1 : first
        if i == 0 { return rest.count == 1 }
        guard i >= 1 && i <= count else { return false }
        e = e.arg(i - 1)
        rest = rest.dropFirst()
    }
    return true
}

private func replaceValidPart(_ e: inout Expr, _ x: Expr, _ pos: ArraySlice<Int>) {
    guard let first = pos.first else { e = x; return }
    let count: Int
    switch e {
    case .normal(let n): count = n.args.count
    case .packed(let p): count = p.shape[0]
    default: return
    }
    let i = first < 0 ? count + first + 1 : first
    if i == 0 { e = .call(x, e.args); return }
    if case .packed = e { e = e.unpackedOneLevel }
    e.updateArguments { args in
        var child = args[i - 1]
        args[i - 1] = .integer(0)  // so that `child` is not shared with this array
        replaceValidPart(&child, x, pos.dropFirst())
        args[i - 1] = child
    }
}

