import RampSyntax

/// Map, MapIndexed, MapThread, Apply, Thread, Through, Composition, Identity, Head.

extension Kernel {
    func installStructureBuiltins() {
        installLibraryOperatorForms()
        setMessage("MapThread", "mptc", "Incompatible dimensions of objects at positions {2, `1`} and {2, `2`} of `3`; dimensions are `4` and `5`.")
        setMessage("MapThread", "mptd", "Object `1` at position {2, `2`} in `3` has only `4` of required `5` dimensions.")
        setMessage("Thread", "tdlen", "Objects of unequal length in `1` cannot be combined.")

        let headsOption = [BuiltinSpec.option("Heads", .false)]

        define("Map", arguments: ArgumentCount(2, 3).withOperatorForm, options: headsOption, usage: "Map[f, expr] or f /@ expr applies f to each element on the first level in expr.\nMap[f, expr, levelspec] applies f to parts of expr specified by levelspec.\nMap[f] represents an operator form of Map that can be applied to an expression.") { call throws(EvaluationControl) in
            let args = call.args, heads = call.option("Heads") == .true
            if args.count == 1 { return nil }
            let f = args[0], e = args[1]
            var spec = LibLevelSpec(min: 1, max: 1)
            if args.count == 3 {
                guard let s = LibLevelSpec(args[2]) else { call.message("level", args[2]); return nil }
                spec = s
            }
            // Over a list, the result is evaluated here and packed when its elements are machine
            // numbers of one kind (PackedArrays.swift).
            if case .packed(let p) = e, spec.min == 1, spec.max == 1, !heads {
                return try call.kernel.evaluatedPacked(.list(p.parts.map { .call(f, [$0]) }), minimumCount: Kernel.mapPackLength)
            }
            let mapped = try mapAtLevels(e, spec, heads: heads, kernel: call.kernel) { x, _ in .call(f, [x]) }
            guard e.hasHead(Sym.List), mapped.hasHead(Sym.List) else { return mapped }
            return try call.kernel.evaluatedPacked(mapped, minimumCount: Kernel.mapPackLength)
        }

        define("MapIndexed", arguments: ArgumentCount(2, 3).withOperatorForm, options: headsOption, usage: "MapIndexed[f, expr] applies f to the elements of expr, giving the part specification of each element as a second argument to f.\nMapIndexed[f, expr, levelspec] applies f to all parts of expr on levels specified by levelspec.\nMapIndexed[f] represents an operator form of MapIndexed that can be applied to an expression.") { call throws(EvaluationControl) in
            let args = call.args, heads = call.option("Heads") == .true
            if args.count == 1 { return nil }
            let f = args[0]
            var spec = LibLevelSpec(min: 1, max: 1)
            if args.count == 3 {
                guard let s = LibLevelSpec(args[2]) else { call.message("level", args[2]); return nil }
                spec = s
            }
            func go(_ x: Expr, _ pos: [Expr]) throws(EvaluationControl) -> (Expr, Int) {
                var node = x
                var depth = 1
                if let a = x.association {
                    var triples: [(Expr, Expr, Bool)] = []
                    var d = 0
                    for (k, v) in a.entries {
                        var (nv, dv) = try go(v.value, pos + [.call(Sym.Key, [k])])
                        if !v.delayed, nv != v.value { nv = try call.kernel.eval(nv) }
                        d = Swift.max(d, dv)
                        triples.append((k, nv, v.delayed))
                    }
                    depth = d + 1
                    node = .native(AssociationObject(triples))
                } else if case .normal(let n) = x.unpackedOneLevel {
                    var d = 0
                    var out: [Expr] = []
                    for (i, a) in n.args.enumerated() {
                        let (na, da) = try go(a, pos + [.integer(i + 1)])
                        d = Swift.max(d, da)
                        out.append(na)
                    }
                    let h = heads ? try go(n.head, pos + [.integer(0)]).0 : n.head
                    depth = d + 1
                    node = .call(h, out)
                }
                if spec.includes(level: pos.count, depth: depth) { node = .call(f, [node, .list(pos)]) }
                return (node, depth)
            }
            return try go(args[1], []).0
        }

        define("MapThread", arguments: ArgumentCount(1, 3), usage: "MapThread[f, {{a1, a2, …}, {b1, b2, …}, …}] gives {f[a1, b1, …], f[a2, b2, …], …}.\nMapThread[f, {expr1, expr2, …}, n] applies f to the parts of the expri at level n.\nMapThread[f] represents an operator form of MapThread that can be applied to an expression.") { call throws(EvaluationControl) in
            if call.args.count == 1 { return nil }
            let f = call.args[0], lists = call.args[1]
            if let a = lists.association {
                // MapThread over an association of lists / a list of associations: not supported beyond lists.
                _ = a
                return nil
            }
            guard lists.isList else { call.message("list", call.expr, 2); return nil }
            var depth = 1
            if call.args.count == 3 {
                guard let n = call.args[2].int, n >= 0 else { call.message("intnm", call.expr, 3); return nil }
                depth = n
            }
            let items = lists.args
            if items.isEmpty { return .emptyList }
            func thread(_ xs: [Expr], _ level: Int) -> Expr? {
                if level == 0 { return .call(f, xs) }
                var n: Int? = nil
                for (i, x) in xs.enumerated() {
                    if x.isAtom {
                        call.message("mptd", x, .integer(i + 1), call.expr, .integer(depth - level), .integer(depth))
                        return nil
                    }
                    if let m = n, m != x.length {
                        call.message("mptc", 1, .integer(i + 1), call.expr, .list([.integer(m)]), .list([.integer(x.length)]))
                        return nil
                    }
                    n = x.length
                }
                var out: [Expr] = []
                let columns = xs.map(\.args)
                for j in 0..<(n ?? 0) {
                    guard let r = thread(columns.map { $0[j] }, level - 1) else { return nil }
                    out.append(r)
                }
                return .list(out)
            }
            return thread(items, depth)
        }

        define("Apply", arguments: ArgumentCount(2, 3).withOperatorForm, options: headsOption, usage: "Apply[f, expr] or f @@ expr replaces the head of expr by f.\nApply[f, expr, levelspec] replaces heads in parts of expr specified by levelspec.\nApply[f] represents an operator form of Apply that can be applied to an expression.") { call throws(EvaluationControl) in
            let args = call.args, heads = call.option("Heads") == .true
            if args.count == 1 { return nil }
            let f = args[0], e = args[1]
            var spec = LibLevelSpec(min: 0, max: 0)
            if args.count == 3 {
                guard let s = LibLevelSpec(args[2]) else { call.message("level", args[2]); return nil }
                spec = s
            }
            if let a = e.association, spec.min == 0, spec.max == 0 { return .call(f, a.values) }
            return try mapAtLevels(e, spec, heads: heads, kernel: call.kernel) { x, _ in
                if let a = x.association { return .call(f, a.values) }
                if x.isAtom { return x }
                return .call(f, x.args)
            }
        }

        define("MapApply", arguments: ArgumentCount(1, 2), usage: "MapApply[f, expr] or f @@@ expr replaces the heads of all elements of expr by f.\nMapApply[f] represents an operator form of MapApply that can be applied to an expression.") { call throws(EvaluationControl) in
            if call.args.count == 1 { return nil }
            let f = call.args[0]
            return try mapAtLevels(call.args[1], LibLevelSpec(min: 1, max: 1), kernel: call.kernel) { x, _ in
                if let a = x.association { return .call(f, a.values) }
                if x.isAtom { return x }
                return .call(f, x.args)
            }
        }

        define("Thread", arguments: ArgumentCount(1, 3), usage: "Thread[f[args]] threads f over any lists that appear in args.\nThread[f[args], h] threads f over any objects with head h that appear in args.\nThread[f[args], h, n] threads f over objects with head h that appear in the first n args.") { call throws(EvaluationControl) in
            let e = call.args[0]
            guard case .normal(let n) = e else { return e }
            let h: Expr = call.args.count >= 2 ? call.args[1] : .symbol(Sym.List)
            var limit = n.args.count
            if call.args.count == 3 {
                if let k = call.args[2].int { limit = k >= 0 ? Swift.min(k, n.args.count) : Swift.max(0, n.args.count + k + 1) }
                else if call.args[2].symbol === Sym.All { limit = n.args.count }
            }
            var length: Int? = nil
            for (i, a) in n.args.enumerated() where i < limit && !a.isAtom && a.head == h {
                if let l = length, l != a.length { call.message("tdlen", e); return nil }
                length = a.length
            }
            // Rules thread their sides too: Thread[{a, b} -> {1, 2}].
            guard let len = length else { return e }
            // Each threaded argument's elements are taken out once (`args` of a packed array builds
            // every element: taking it per result made Thread[x -> y] quadratic).
            let columns: [[Expr]?] = n.args.enumerated().map { i, a in i < limit && !a.isAtom && a.head == h ? a.args : nil }
            var out: [Expr] = []
            out.reserveCapacity(len)
            for j in 0..<len {
                out.append(.call(n.head, n.args.indices.map { i in columns[i]?[j] ?? n.args[i] }))
            }
            return .call(h, out)
        }

        define("Through", arguments: ArgumentCount(1, 2), usage: "Through[p[f1, f2][x]] gives p[f1[x], f2[x]].\nThrough[expr, h] performs the transformation wherever h occurs in the head of expr.") { call throws(EvaluationControl) in
            let e = call.args[0]
            guard case .normal(let n) = e, case .normal(let inner) = n.head else { return e }
            if call.args.count == 2, inner.head != call.args[1] { return e }
            return .call(inner.head, inner.args.map { .call($0, n.args) })
        }

        define("Composition", attributes: [.flat, .oneIdentity], usage: "Composition[f1, f2, f3, …] represents a composition of the functions f1, f2, f3, ….") { call throws(EvaluationControl) in
            let a = call.args
            if a.isEmpty { return .symbol(Sym.Identity) }
            // Flatten nested compositions and drop identities.
            var flat: [Expr] = []
            for f in a {
                if f.hasHead(Sym.Composition) { flat += f.args } else if f.symbol !== Sym.Identity { flat.append(f) }
            }
            if flat.isEmpty { return .symbol(Sym.Identity) }
            if flat.count == 1 { return flat[0] }
            if flat.count == a.count { return nil }
            return .call(Sym.Composition, flat)
        }

        define("LeafCount", arguments: .exactly(1), usage: "LeafCount[expr] gives the total number of indivisible subexpressions in expr.") { call throws(EvaluationControl) in
            .integer(leafCount(call.args[0]))
        }

        define("AtomQ", arguments: .exactly(1), usage: "AtomQ[expr] yields True if expr is an expression which cannot be divided into subexpressions, and yields False otherwise.") { call throws(EvaluationControl) in
            return .bool(call.args[0].isAtom)
        }

        define("ListQ", arguments: .exactly(1), usage: "ListQ[expr] gives True if the head of expr is List, and False otherwise.") { call throws(EvaluationControl) in
            return .bool(call.args[0].isList)
        }

        /// Whether `e` is a full array of depth `depth` (any depth when nil) whose elements pass `test`.
        func arrayTest(_ call: BuiltinCall, _ e: Expr, depth: Int?, test: Expr?) throws(EvaluationControl) -> Bool {
            guard e.isList else { return false }
            let dims = arrayDimensions(e)
            if let depth, dims.count != depth { return false }
            if dims.isEmpty { return false }
            if case .packed = e, test == nil { return true }
            // Every element at the last level must be a non-list (or pass the test).
            var ok = true
            func walk(_ x: Expr, _ level: Int) throws(EvaluationControl) {
                guard ok else { return }
                if level == dims.count {
                    if let test { if try !call.test(test, x) { ok = false } }
                    else if x.isList { ok = false }
                    return
                }
                for a in x.args { try walk(a, level + 1) }
            }
            try walk(e, 0)
            return ok
        }

        define("VectorQ", arguments: ArgumentCount(1, 2), usage: "VectorQ[expr] gives True if expr is a list or a one-dimensional SparseArray object, none of whose elements are themselves lists, and gives False otherwise.\nVectorQ[expr, test] gives True only if test yields True when applied to each of the elements in expr.") { call throws(EvaluationControl) in
            if call.args[0] == .emptyList { return .true }
            return .bool(try arrayTest(call, call.args[0], depth: 1, test: call.args.count == 2 ? call.args[1] : nil))
        }

        define("MatrixQ", arguments: ArgumentCount(1, 2), usage: "MatrixQ[expr] gives True if expr is a list of lists or a two-dimensional SparseArray object that can represent a matrix, and gives False otherwise.\nMatrixQ[expr, test] gives True only if test yields True when applied to each of the matrix elements in expr.") { call throws(EvaluationControl) in
            return .bool(try arrayTest(call, call.args[0], depth: 2, test: call.args.count == 2 ? call.args[1] : nil))
        }

        define("ArrayQ", arguments: ArgumentCount(1, 3), usage: "ArrayQ[expr] gives True if expr is a full array or a SparseArray object, and gives False otherwise.\nArrayQ[expr, d] gives True if expr is a full array with depth d.") { call throws(EvaluationControl) in
            var depth: Int? = nil
            if call.args.count >= 2, let d = call.args[1].int { depth = d }
            if call.args[0] == .emptyList { return .bool(depth == nil || depth == 1) }
            return .bool(try arrayTest(call, call.args[0], depth: depth, test: call.args.count == 3 ? call.args[2] : nil))
        }

        define("Identity", arguments: .exactly(1), usage: "Identity[expr] gives expr (the identity operation).") { call throws(EvaluationControl) in
            return call.args[0]
        }

        define("Head", arguments: ArgumentCount(1, 2), usage: "Head[expr] gives the head of expr.\nHead[expr, h] wraps the result with h.") { call throws(EvaluationControl) in
            let h = call.args[0].head
            return call.args.count == 2 ? .call(call.args[1], [h]) : h
        }

    }

    /// `Composition[f, g, …][args]` → `f[g[…[args]]]`, for compound-head dispatch.
    static func applyComposition(_ fs: [Expr], _ args: [Expr]) -> Expr {
        guard let last = fs.last else { return args.first ?? .null }
        var r = Expr.call(last, args)
        for f in fs.dropLast().reversed() { r = .call(f, [r]) }
        return r
    }
}

/// Wolfram's LeafCount: atoms count 1, a rational or complex number counts as its head and two
/// parts (3), a normal expression as its head's count plus its arguments'.
/// A structure that shares its parts (`Nest[g[#, #] &, x, 60]`) is counted once per distinct node
/// (after a first plain walk of 100,000 nodes), so the count takes time linear in what is stored;
/// counts past `Int.max` stay at `Int.max`.
public func leafCount(_ e: Expr) -> Int {
    var budget = 100_000
    if let plain = plainLeafCount(e, &budget) { return plain }
    var memo: [ObjectIdentifier: Int] = [:]
    return sharedLeafCount(e, &memo)
}

private func plainLeafCount(_ e: Expr, _ budget: inout Int) -> Int? {
    budget -= 1
    if budget < 0 { return nil }
    switch e {
    case .rational: return 3
    case .complex(let re, let im): return 1 + leafCount(re) + leafCount(im)
    case .normal(let n):
        guard var total = plainLeafCount(n.head, &budget) else { return nil }
        for a in n.args {
            guard let c = plainLeafCount(a, &budget) else { return nil }
            total += c
        }
        return total
    case .packed(let p):
        // A list of lists of numbers: each level adds its List heads.
        return p.shape.reversed().reduce(1) { inner, d in 1 &+ d &* inner }
    default: return 1
    }
}

private func sharedLeafCount(_ e: Expr, _ memo: inout [ObjectIdentifier: Int]) -> Int {
    guard case .normal(let n) = e else {
        var unlimited = Int.max
        return plainLeafCount(e, &unlimited) ?? 1
    }
    if let known = memo[ObjectIdentifier(n)] { return known }
    var total = sharedLeafCount(n.head, &memo)
    for a in n.args {
        let (sum, overflow) = total.addingReportingOverflow(sharedLeafCount(a, &memo))
        total = overflow ? Int.max : sum
    }
    memo[ObjectIdentifier(n)] = total
    return total
}
