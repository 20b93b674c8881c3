import OrderedCollections
import RealModule
import RampSyntax

/// Sort, SortBy, Ordering, Union, Intersection, Complement, DeleteDuplicates, Tally, Counts,
/// Gather, GatherBy, Split, SplitBy, Select, Subsets, Tuples, Permutations.

/// A stable merge sort whose comparator may evaluate code (and so may throw). It polls `kernel`
/// for an abort every 1024 comparisons, so sorting a long list by canonical order (comparisons
/// that evaluate nothing) stops at an abort too.
func stableSort<T>(_ a: [T], polling kernel: Kernel, _ before: (T, T) throws(EvaluationControl) -> Bool) throws(EvaluationControl) -> [T] {
    if a.count < 2 { return a }
    var src = a
    var dst = a
    var width = 1
    var untilCheck = 1024
    while width < src.count {
        var i = 0
        while i < src.count {
            let mid = Swift.min(i + width, src.count), end = Swift.min(i + 2 * width, src.count)
            var l = i, r = mid, k = i
            while l < mid && r < end {
                untilCheck -= 1
                if untilCheck == 0 { try kernel.checkAbort(); untilCheck = 1024 }
                // Take from the right only when it must come strictly before the left.
                if try before(src[r], src[l]) { dst[k] = src[r]; r += 1 } else { dst[k] = src[l]; l += 1 }
                k += 1
            }
            while l < mid { dst[k] = src[l]; l += 1; k += 1 }
            while r < end { dst[k] = src[r]; r += 1; k += 1 }
            i += 2 * width
        }
        swap(&src, &dst)
        width *= 2
    }
    return src
}

/// The rows of a packed array of rank ≥ 2 in canonical order — rows of one shape compare element
/// by element, first difference deciding — sorted in the flat buffer (sorting the rows as separate
/// arrays chases a pointer per comparison); nil when a real is NaN.
func sortedPackedRows(_ p: PackedArray) -> PackedArray? {
    let rows = p.shape[0], width = p.count / rows
    func order<T: Comparable>(_ a: [T]) -> [Int] {
        var idx = Array(0..<rows)
        a.withUnsafeBufferPointer { b in
            idx.sort { i, j in
                var x = i * width, y = j * width
                for _ in 0..<width {
                    if b[x] != b[y] { return b[x] < b[y] }
                    x += 1; y += 1
                }
                return i < j  // equal rows keep their order
            }
        }
        return idx
    }
    switch p.storage {
    case .integers(let a): return packedRows(p, order(a))
    case .reals(let a):
        guard !a.contains(where: \.isNaN) else { return nil }
        return packedRows(p, order(a))
    }
}

extension BuiltinCall {
    /// The distinct elements of `xs` (hashing a long list of large expressions takes a while, so
    /// this polls for an abort).
    func distinct(_ xs: [Expr]) throws(EvaluationControl) -> Set<Expr> {
        var set = Set<Expr>()
        for x in xs {
            try kernel.checkAbort()
            set.insert(x)
        }
        return set
    }

    /// An ordering test from a Sort-style function `p`: `p[a, b]` True (or 1) puts `a` first.
    func orderingTest(_ p: Expr) -> (Expr, Expr) throws(EvaluationControl) -> Bool {
        return { (a: Expr, b: Expr) throws(EvaluationControl) -> Bool in
            let r = try self.kernel.eval(.call(p, [a, b]))
            if r == .true || r == .integer(1) { return true }
            return false
        }
    }
}

extension Kernel {
    func installListsOrderBuiltins() {
        setMessage("Subsets", "nninfseq", "Position 2 of `1` must be All, Infinity, a non-negative integer, or a List whose first element (required) is a non-negative integer, second element (optional) is a non-negative integer or Infinity, and third element (optional) is a nonzero integer.")
        setMessage("Tuples", "tuplen", "Second argument to Tuples should be a non-negative integer or a list of non-negative integers.")

        define("OrderedQ", arguments: ArgumentCount(1, 2), usage: "OrderedQ[h[e1, e2, …]] gives True if the ei are in canonical order, and False otherwise.\nOrderedQ[h[e1, e2, …], p] uses the ordering function p to determine whether each pair of elements is in order.") { call throws(EvaluationControl) in
            let e = call.args[0]
            if e.isAtom { return .true }
            let n = e.argCount
            guard n > 1 else { return .true }
            let ordered = call.args.count == 2 ? call.orderingTest(call.args[1]) : nil
            for i in 1..<n {
                try call.kernel.checkAbort()
                let a = e.arg(i - 1), b = e.arg(i)
                if let ordered {
                    // Each adjacent pair must have p[a, b] True (or 1).
                    let inOrder = try ordered(a, b)
                    if !inOrder { return .false }
                } else if canonicalOrder(a, b) > 0 {
                    return .false
                }
            }
            return .true
        }

        define("Sort", arguments: ArgumentCount(1, 2), usage: "Sort[list] sorts the elements of list into canonical order.\nSort[list, p] sorts using the ordering function p.") { call throws(EvaluationControl) in
            let e = call.args[0]
            if let a = e.association {
                let entries = Array(a.entries)
                let sorted: [(key: Expr, value: AssociationObject.Entry)]
                if call.args.count == 2 {
                    let test = call.orderingTest(call.args[1])
                    sorted = try stableSort(entries, polling: call.kernel) { (x, y) throws(EvaluationControl) -> Bool in try !test(y.value.value, x.value.value) }
                } else {
                    sorted = try stableSort(entries, polling: call.kernel) { (x, y) in canonicalOrder(x.value.value, y.value.value) < 0 }
                }
                return .native(AssociationObject(entries: OrderedDictionary(uniqueKeysWithValues: sorted.map { ($0.key, $0.value) })))
            }
            if e.isAtom { call.message("normal", 1, call.expr); return nil }
            if call.args.count == 1 {
                if case .packed(let p) = e, p.rank == 1 {
                    switch p.storage {
                    case .integers(let a): return .packed(PackedArray(integers: a.sorted()))
                    case .reals(let a) where !a.contains(where: \.isNaN): return .packed(PackedArray(reals: a.sorted()))
                    default: break
                    }
                }
                if case .packed(let p) = e, p.rank >= 2, let sorted = sortedPackedRows(p) { return .packed(sorted) }
                let sorted = try stableSort(e.args, polling: call.kernel) { canonicalOrder($0, $1) < 0 }
                return e.withArgs(sorted).repackedLike(e)
            }
            let test = call.orderingTest(call.args[1])
            // p[a, b] True means a may stay before b; move b before a only when p[a, b] is not True.
            let sorted = try stableSort(e.args, polling: call.kernel) { (x: Expr, y: Expr) throws(EvaluationControl) -> Bool in try !test(y, x) }
            return e.withArgs(sorted).repackedLike(e)
        }

        define("SortBy", arguments: ArgumentCount(1, 3), usage: "SortBy[list, f] sorts the elements of list in the order defined by applying f to each of them.\nSortBy[list, {f1, f2, …}] breaks ties by successively using the values obtained from the fi.\nSortBy[list, f, p] sorts the elements of list using the function p to compare the results of applying f to each element.\nSortBy[f] represents an operator form of SortBy that can be applied to an expression.") { call throws(EvaluationControl) in
            if call.args.count == 1 { return nil }
            let e = call.args[0]
            let fs = call.args[1].isList ? call.args[1].args : [call.args[1]]
            if e.isAtom && !isAssociation(e) { call.message("normal", 1, call.expr); return nil }
            let elems = e.association?.values ?? e.args
            var keyed: [([Expr], Int)] = []
            for (i, x) in elems.enumerated() {
                var ks: [Expr] = []
                for f in fs { ks.append(try call.kernel.eval(.call(f, [x]))) }
                ks.append(x)
                keyed.append((ks, i))
            }
            let p: ((Expr, Expr) throws(EvaluationControl) -> Bool)? = call.args.count == 3 ? call.orderingTest(call.args[2]) : nil
            let sorted = try stableSort(keyed, polling: call.kernel) { (a, b) throws(EvaluationControl) -> Bool in
                if let p {
                    if a.0[0] == b.0[0] { return false }
                    return try !p(b.0[0], a.0[0])
                }
                for (x, y) in zip(a.0, b.0) {
                    let c = canonicalOrder(x, y)
                    if c != 0 { return c < 0 }
                }
                return false
            }
            if let a = e.association {
                return .native(AssociationObject(entries: OrderedDictionary(uniqueKeysWithValues: sorted.map { (a.entries.keys[$0.1], a.entries.values[$0.1]) })))
            }
            return e.withArgs(sorted.map { elems[$0.1] }).repackedLike(e)
        }

        define("Ordering", arguments: ArgumentCount(1, 3), usage: "Ordering[list] gives the positions in list at which each successive element of Sort[list] appears.\nOrdering[list, n] gives the positions in list at which the first n elements of Sort[list] appear.\nOrdering[list, -n] gives the positions of the last n elements of Sort[list].\nOrdering[list, n, p] gives positions in list of elements of Sort[list, p].") { call throws(EvaluationControl) in
            let e = call.args[0]
            if e.isAtom { call.message("normal", 1, call.expr); return nil }
            let elems = e.args
            let idx = Array(0..<elems.count)
            var order: [Int]
            if call.args.count == 3 {
                let test = call.orderingTest(call.args[2])
                order = try stableSort(idx, polling: call.kernel) { (i: Int, j: Int) throws(EvaluationControl) -> Bool in try !test(elems[j], elems[i]) }
            } else {
                order = try stableSort(idx, polling: call.kernel) { canonicalOrder(elems[$0], elems[$1]) < 0 }
            }
            var positions = order.map { Expr.integer($0 + 1) }
            if call.args.count >= 2 {
                guard let (seq, m, k, valid) = SeqSpec.parse(call.args[1], length: positions.count) else { call.message("seqs", call.expr, 2); return nil }
                if !valid { call.message("take", .integer(m), .integer(k), .list(positions)); return nil }
                positions = seq.indices.map { positions[$0] }
            }
            return .listPackingIfPossible(positions)
        }

        let sameTest = [BuiltinSpec.option("SameTest", .automatic)]
        // Any number of lists; a rule in first position is a list-like expression, later rules options.
        let lists = ArgumentCount(0, nil, positionalPrefix: 1)
        define("Union", attributes: [.flat, .oneIdentity], arguments: lists, options: sameTest, usage: "Union[list1, list2, …] gives a sorted list of all the distinct elements that appear in any of the listi.\nUnion[list] gives a sorted version of a list, in which all duplicated elements have been dropped.") { call throws(EvaluationControl) in
            let lists = call.args
            if lists.isEmpty { return .emptyList }
            guard let h = sameHeads(lists, call) else { return nil }
            let all = lists.flatMap { $0.args }
            let sorted = try stableSort(all, polling: call.kernel) { canonicalOrder($0, $1) < 0 }
            let kept = try call.withoutDuplicates(sorted, test: call.sameTestOption)
            return Expr.call(h, kept).repackedLike(lists[0])
        }

        define("Intersection", attributes: [.flat, .oneIdentity], arguments: lists, options: sameTest, usage: "Intersection[list1, list2, …] gives a sorted list of the elements common to all the listi.") { call throws(EvaluationControl) in
            let lists = call.args
            if lists.isEmpty { return .emptyList }
            guard let h = sameHeads(lists, call) else { return nil }
            var common: [Expr]
            if let test = call.sameTestOption {
                common = try call.withoutDuplicates(lists[0].args, test: test)
                for l in lists.dropFirst() {
                    var still: [Expr] = []
                    for x in common where try call.containsMatch(l.args, x, test: test) { still.append(x) }
                    common = still
                }
            } else {
                var set = try call.distinct(lists[0].args)
                for l in lists.dropFirst() { set.formIntersection(try call.distinct(l.args)) }
                common = Array(set)
            }
            let sorted = try stableSort(common, polling: call.kernel) { canonicalOrder($0, $1) < 0 }
            return Expr.call(h, sorted).repackedLike(lists[0])
        }

        define("Complement", arguments: .atLeast(1), options: sameTest, usage: "Complement[eall, e1, e2, …] gives the elements in eall that are not in any of the ei.") { call throws(EvaluationControl) in
            let lists = call.args
            guard let h = sameHeads(lists, call) else { return nil }
            var kept: [Expr] = []
            if let test = call.sameTestOption {
                for x in try call.withoutDuplicates(lists[0].args, test: test) {
                    var removed = false
                    for l in lists.dropFirst() where try call.containsMatch(l.args, x, test: test) { removed = true; break }
                    if !removed { kept.append(x) }
                }
            } else {
                var removed = Set<Expr>()
                for l in lists.dropFirst() { removed.formUnion(try call.distinct(l.args)) }
                var seen = Set<Expr>()
                for x in lists[0].args {
                    try call.kernel.checkAbort()
                    if !removed.contains(x) && seen.insert(x).inserted { kept.append(x) }
                }
            }
            let sorted = try stableSort(kept, polling: call.kernel) { canonicalOrder($0, $1) < 0 }
            return Expr.call(h, sorted).repackedLike(lists[0])
        }

        define("DeleteDuplicates", arguments: ArgumentCount(1, 2), usage: "DeleteDuplicates[list] deletes all duplicates from list.\nDeleteDuplicates[list, test] applies test to pairs of elements to determine whether they should be considered duplicates.") { call throws(EvaluationControl) in
            let e = call.args[0]
            if e.isAtom { call.message("normal", 1, call.expr); return nil }
            if call.args.count == 1 {
                var seen = Set<Expr>()
                var kept: [Expr] = []
                for x in e.args {
                    try call.kernel.checkAbort()
                    if seen.insert(x).inserted { kept.append(x) }
                }
                return e.withArgs(kept).repackedLike(e)
            }
            var kept: [Expr] = []
            for x in e.args {
                var dup = false
                for k in kept where try call.test2(call.args[1], k, x) { dup = true; break }
                if !dup { kept.append(x) }
            }
            return e.withArgs(kept).repackedLike(e)
        }

        define("Tally", arguments: ArgumentCount(1, 2), usage: "Tally[list] tallies the elements in list, listing all distinct elements together with their multiplicities.\nTally[list, test] uses test to determine whether pairs of elements should be considered equivalent, and gives a list of the first representatives of each equivalence class, together with their multiplicities.") { call throws(EvaluationControl) in
            let e = call.args[0]
            if !e.isList { call.message("list", call.expr, 1); return nil }
            if call.args.count == 1 {
                var counts = OrderedDictionary<Expr, Int>()
                for x in e.args { try call.kernel.checkAbort(); counts[x, default: 0] += 1 }
                return .list(counts.map { .list([$0.key, .integer($0.value)]) })
            }
            var reps: [(Expr, Int)] = []
            for x in e.args {
                var found = false
                for i in reps.indices where try call.test2(call.args[1], reps[i].0, x) { reps[i].1 += 1; found = true; break }
                if !found { reps.append((x, 1)) }
            }
            return .list(reps.map { .list([$0.0, .integer($0.1)]) })
        }

        define("Counts", arguments: .exactly(1), usage: "Counts[list] gives an association whose keys are the distinct elements of list, and whose values give the number of times those elements appear in list.") { call throws(EvaluationControl) in
            let e = call.args[0]
            let elems: [Expr]
            if let a = e.association { elems = a.values } else if e.isList { elems = e.args } else { call.message("list", call.expr, 1); return nil }
            var counts = OrderedDictionary<Expr, Int>()
            for x in elems { try call.kernel.checkAbort(); counts[x, default: 0] += 1 }
            return .native(AssociationObject(pairs: counts.map { ($0.key, .integer($0.value)) }))
        }

        define("Gather", arguments: ArgumentCount(1, 2), usage: "Gather[list] gathers the elements of list into sublists of identical elements.\nGather[list, test] applies test to pairs of elements to determine if they should be considered identical.") { call throws(EvaluationControl) in
            let e = call.args[0]
            if e.isAtom { call.message("normal", 1, call.expr); return nil }
            if call.args.count == 1 {
                var groups = OrderedDictionary<Expr, [Expr]>()
                for x in e.args { try call.kernel.checkAbort(); groups[x, default: []].append(x) }
                return e.withArgs(groups.values.map { e.withArgs($0) })
            }
            var groups: [[Expr]] = []
            for x in e.args {
                var placed = false
                for i in groups.indices where try call.test2(call.args[1], groups[i][0], x) { groups[i].append(x); placed = true; break }
                if !placed { groups.append([x]) }
            }
            return e.withArgs(groups.map { e.withArgs($0) })
        }

        define("GatherBy", arguments: .exactly(2), usage: "GatherBy[list, f] gathers into sublists each set of elements in list that gives the same value when f is applied.\nGatherBy[list, {f1, f2, …}] gathers list into nested sublists using fi at level i.") { call throws(EvaluationControl) in
            let e = call.args[0]
            if e.isAtom { call.message("normal", 1, call.expr); return nil }
            let fs = call.args[1].isList ? call.args[1].args : [call.args[1]]
            func gather(_ elems: [Expr], _ fs: ArraySlice<Expr>) throws(EvaluationControl) -> Expr {
                guard let f = fs.first else { return e.withArgs(elems) }
                var groups = OrderedDictionary<Expr, [Expr]>()
                for x in elems { groups[try call.kernel.eval(.call(f, [x])), default: []].append(x) }
                var out: [Expr] = []
                for g in groups.values { out.append(try gather(g, fs.dropFirst())) }
                return e.withArgs(out)
            }
            return try gather(e.args, fs[...])
        }

        define("Split", arguments: ArgumentCount(1, 2), usage: "Split[list] splits list into sublists consisting of runs of identical elements.\nSplit[list, test] treats pairs of adjacent elements as identical whenever applying the function test to them yields True.") { call throws(EvaluationControl) in
            let e = call.args[0]
            if e.isAtom { call.message("normal", 1, call.expr); return nil }
            var runs: [[Expr]] = []
            for x in e.args {
                if let last = runs.last?.last {
                    let same = call.args.count == 2 ? try call.test2(call.args[1], last, x) : last == x
                    if same { runs[runs.count - 1].append(x); continue }
                }
                runs.append([x])
            }
            return e.withArgs(runs.map { e.withArgs($0) })
        }

        define("SplitBy", arguments: .exactly(2), usage: "SplitBy[list, f] splits list into sublists consisting of runs of successive elements that give the same value when f is applied.\nSplitBy[list, {f1, f2, …}] recursively splits list into sublists by testing elements successively with each of the fi.") { call throws(EvaluationControl) in
            let e = call.args[0]
            if e.isAtom { call.message("normal", 1, call.expr); return nil }
            let fs = call.args[1].isList ? call.args[1].args : [call.args[1]]
            func split(_ elems: [Expr], _ fs: ArraySlice<Expr>) throws(EvaluationControl) -> Expr {
                guard let f = fs.first else { return e.withArgs(elems) }
                var runs: [[Expr]] = []
                var lastKey: Expr? = nil
                for x in elems {
                    let k = try call.kernel.eval(.call(f, [x]))
                    if let lk = lastKey, lk == k { runs[runs.count - 1].append(x) } else { runs.append([x]) }
                    lastKey = k
                }
                var out: [Expr] = []
                for r in runs { out.append(try split(r, fs.dropFirst())) }
                return e.withArgs(out)
            }
            return try split(e.args, fs[...])
        }

        define("Select", arguments: ArgumentCount(1, 3), usage: "Select[list, crit] picks out all elements ei of list for which crit[ei] is True.\nSelect[list, crit, n] picks out the first n elements for which crit[ei] is True.\nSelect[crit] represents an operator form of Select that can be applied to an expression.") { call throws(EvaluationControl) in
            if call.args.count == 1 { return nil }
            let e = call.args[0], crit = call.args[1]
            var limit = Int.max
            if call.args.count == 3 {
                if let n = call.args[2].int, n >= 0 { limit = n }
                else if case .normal(let u) = call.args[2], u.head.symbol === Sym.UpTo, let n = u.args.first?.int { limit = n }
                else if !call.args[2].isPositiveInfinity { call.message("intnm", call.expr, 3); return nil }
            }
            if let a = e.association {
                var d = OrderedDictionary<Expr, AssociationObject.Entry>()
                for (k, v) in a.entries where d.count < limit {
                    try call.kernel.checkAbort()
                    if try call.test(crit, v.value) { d[k] = v }
                }
                return .native(AssociationObject(entries: d))
            }
            if e.isAtom { call.message("normal", 1, call.expr); return nil }
            var out: [Expr] = []
            for x in e.args where out.count < limit {
                if try call.test(crit, x) { out.append(x) }
            }
            return e.withArgs(out).repackedLike(e)
        }

        define("Subsets", arguments: ArgumentCount(1, 3), usage: "Subsets[list] gives a list of all possible subsets of list.\nSubsets[list, n] gives all subsets containing at most n elements.\nSubsets[list, {n}] gives all subsets containing exactly n elements.\nSubsets[list, {nmin, nmax}] gives all subsets containing between nmin and nmax elements.\nSubsets[list, nspec, s] limits the result to the first s subsets.\nSubsets[list, nspec, {s}] gives if possible the s\u{2009}th subset.") { call throws(EvaluationControl) in
            let e = call.args[0]
            if e.isAtom { call.message("normal", 1, call.expr); return nil }
            let elems = e.args
            var lo = 0, hi = elems.count, step = 1
            if call.args.count >= 2 {
                let s = call.args[1]
                if let n = s.int, n >= 0 { hi = Swift.min(n, elems.count) }
                else if s.symbol === Sym.All || s.isPositiveInfinity { }
                else if s.isList, (1...3).contains(s.length), let a = s.args[0].int, a >= 0 {
                    lo = a; hi = a
                    if s.length >= 2 { if let b = s.args[1].int { hi = b } else if s.args[1].isPositiveInfinity { hi = elems.count } else { call.message("nninfseq", call.expr); return nil } }
                    if s.length == 3 { guard let st = s.args[2].int, st != 0 else { call.message("nninfseq", call.expr); return nil }; step = st }
                } else { call.message("nninfseq", call.expr); return nil }
            }
            // The sizes lo, lo + step, … up to hi that a subset can have (0…n), in that order; the
            // bounds may be huge (`{0, 2^62}`), so the candidates are the possible sizes, not the range.
            let possible = step > 0 ? Array(0...elems.count) : Array((0...elems.count).reversed())
            let sizes = possible.filter { k in
                (step > 0 ? k >= lo && k <= hi : k <= lo && k >= hi) && (BigInt(k) - BigInt(lo)) % BigInt(step) == 0
            }
            var out: [Expr] = []
            var limit = Int.max
            var pick: Int? = nil
            if call.args.count == 3 {
                if let n = call.args[2].int, n >= 0 { limit = n }
                else if call.args[2].isList, call.args[2].length == 1, let n = call.args[2].args[0].int { pick = n; if n > 0 { limit = n } }
            }
            var expected = 0
            for k in sizes where k >= 0 && k <= elems.count {
                let (t, o) = expected.addingReportingOverflow(binomialSaturating(elems.count, k))
                expected = o ? Int.max : t
            }
            if Swift.min(expected, limit) > maxGeneratedLength { call.outOfMemory(); return .failed }
            func combos(_ k: Int) throws(EvaluationControl) {
                guard k >= 0, k <= elems.count else { return }
                var idx = Array(0..<k)
                while true {
                    try call.kernel.checkAbort()
                    if out.count >= limit || out.count > maxGeneratedLength { return }
                    out.append(e.withArgs(idx.map { elems[$0] }))
                    var i = k - 1
                    while i >= 0 && idx[i] == elems.count - k + i { i -= 1 }
                    if i < 0 { return }
                    idx[i] += 1
                    for j in (i + 1)..<Swift.max(k, i + 1) { idx[j] = idx[j - 1] + 1 }
                }
            }
            for k in sizes { try combos(k) }
            if let pick {
                let i = pick < 0 ? out.count + pick : pick - 1
                return i >= 0 && i < out.count ? .list([out[i]]) : .emptyList
            }
            return .list(out)
        }

        define("Tuples", arguments: ArgumentCount(1, 2), usage: "Tuples[list, n] generates a list of all possible n-tuples of elements from list.\nTuples[{list1, list2, …}] generates a list of all possible tuples whose i\u{2009}th element is from listi.\nTuples[list, {n1, n2, …}] generates a list of all possible n1×n2×… arrays of elements in list.") { call throws(EvaluationControl) in
            let e = call.args[0]
            if e.isAtom { call.message("normal", 1, call.expr); return nil }
            var choices: [[Expr]]
            var h = e.head
            if call.args.count == 2 {
                guard let n = call.args[1].int, n >= 0 else { call.message("tuplen"); return nil }
                // Tuples[{}, n] is {} for n ≥ 1; otherwise count^n tuples of n elements each.
                if n >= 1 && e.args.isEmpty { return .emptyList }
                let tuples = e.args.count <= 1 ? 1 : SizeLimit.power(e.args.count, n)
                guard call.allowsAllocation(dimensions: [tuples, Swift.max(n, 1)], elementSize: SizeLimit.expression) else { return .failed }
                choices = Array(repeating: e.args, count: n)
            } else {
                guard e.args.allSatisfy({ !$0.isAtom }) else { call.message("normal", 1, call.expr); return nil }
                choices = e.args.map(\.args)
                h = e.args.first?.head ?? .symbol(Sym.List)
            }
            let total = choices.reduce(1) { $0.multipliedReportingOverflow(by: $1.count).overflow ? Int.max : $0 * $1.count }
            guard call.allowsAllocation(dimensions: [total, Swift.max(choices.count, 1)], elementSize: SizeLimit.expression) else { return .failed }
            var out: [Expr] = [.call(h, [])]
            for c in choices {
                try call.kernel.checkAbort()
                var next: [Expr] = []
                next.reserveCapacity(out.count * c.count)
                for t in out { for x in c { next.append(.call(h, t.args + [x])) } }
                out = next
            }
            return Expr.list(out).repackedLike(e)
        }

        define("Permutations", arguments: ArgumentCount(1, 2), usage: "Permutations[list] generates a list of all possible permutations of the elements in list.\nPermutations[list, n] gives all permutations containing at most n elements.\nPermutations[list, {n}] gives all permutations containing exactly n elements.") { call throws(EvaluationControl) in
            let e = call.args[0]
            if e.isAtom { call.message("normal", 1, call.expr); return nil }
            let elems = e.args
            var sizes = [elems.count]
            if call.args.count == 2 {
                let s = call.args[1]
                if let n = s.int, n >= 0 { sizes = Array(0...Swift.min(n, elems.count)) }
                else if s.symbol === Sym.All || s.isPositiveInfinity { sizes = Array(0...elems.count) }
                else if s.isList, s.length == 1, let n = s.args[0].int, n >= 0 { sizes = n <= elems.count ? [n] : [] }
                else if s.isList, s.length == 2, let a = s.args[0].int, let b = s.args[1].int, a >= 0 { sizes = a <= Swift.min(b, elems.count) ? Array(a...Swift.min(b, elems.count)) : [] }
                else { return nil }
            }
            // Distinct elements with multiplicities, in first-occurrence order.
            var counts = OrderedDictionary<Expr, Int>()
            for x in elems { try call.kernel.checkAbort(); counts[x, default: 0] += 1 }
            // An upper bound on the distinct permutations, checked before generating them: at most
            // n!/(n-k)! arrangements, and at most d^k sequences of the d distinct elements (so a list
            // with many repeats, {a, a, …, a, b}, is not refused for the count of its arrangements).
            func saturating(_ a: Int, times b: Int) -> Int {
                let (t, o) = a.multipliedReportingOverflow(by: b)
                return o ? Int.max : t
            }
            var expected = 0
            for k in sizes {
                var arrangements = 1, sequences = 1
                for i in 0..<k {
                    arrangements = saturating(arrangements, times: elems.count - i)
                    sequences = saturating(sequences, times: counts.count)
                }
                var bound = Swift.min(arrangements, sequences)
                if k == elems.count {
                    // All n: exactly n!/(m1! m2! …) for multiplicities mi (estimated in logarithms).
                    let logCount = counts.values.reduce(Double.logGamma(Double(k) + 1)) { $0 - Double.logGamma(Double($1) + 1) }
                    if logCount < Double.log(Double(Int.max)) - 1 { bound = Swift.min(bound, Int(Double.exp(logCount).rounded(.up))) }
                }
                let (t, o) = expected.addingReportingOverflow(bound)
                expected = o ? Int.max : t
            }
            if expected > maxGeneratedLength { call.outOfMemory(); return .failed }
            let distinct = Array(counts.keys)
            var remaining = Array(counts.values)
            var out: [Expr] = []
            var current: [Expr] = []
            func gen(_ k: Int) throws(EvaluationControl) {
                if current.count == k { out.append(e.withArgs(current)); return }
                if out.count > maxGeneratedLength { return }
                for i in distinct.indices where remaining[i] > 0 {
                    try call.kernel.checkAbort()
                    remaining[i] -= 1; current.append(distinct[i])
                    try gen(k)
                    remaining[i] += 1; current.removeLast()
                }
            }
            for k in sizes { try gen(k) }
            return Expr.list(out).repackedLike(e)
        }
    }
}

extension BuiltinCall {
    /// Evaluates `test[a, b]` and tells whether it gave `True`.
    func test2(_ test: Expr, _ a: Expr, _ b: Expr) throws(EvaluationControl) -> Bool {
        try kernel.eval(.call(test, [a, b])) == .true
    }

    /// The `SameTest` option when it is given and not `Automatic`.
    var sameTestOption: Expr? {
        option("SameTest").flatMap { $0 == .automatic ? nil : $0 }
    }

    /// `xs` without later elements equal to earlier ones: by hashing, or by `test[kept, x]` (pairwise).
    func withoutDuplicates(_ xs: [Expr], test: Expr?) throws(EvaluationControl) -> [Expr] {
        var kept: [Expr] = []
        guard let test else {
            var seen = Set<Expr>()
            for x in xs {
                try kernel.checkAbort()
                if seen.insert(x).inserted { kept.append(x) }
            }
            return kept
        }
        for x in xs {
            var duplicate = false
            for k in kept where try test2(test, k, x) { duplicate = true; break }
            if !duplicate { kept.append(x) }
        }
        return kept
    }

    /// Whether some element `y` of `xs` has `test[y, x]` True.
    func containsMatch(_ xs: [Expr], _ x: Expr, test: Expr) throws(EvaluationControl) -> Bool {
        for y in xs where try test2(test, y, x) { return true }
        return false
    }
}

/// The common head of non-atomic arguments, issuing `normal`/`heads` when they differ.
func sameHeads(_ lists: [Expr], _ call: BuiltinCall) -> Expr? {
    guard let first = lists.first else { return nil }
    for (i, l) in lists.enumerated() where l.isAtom {
        call.message("normal", .integer(i + 1), call.expr); return nil
    }
    let h = first.head
    for (i, l) in lists.enumerated() where l.head != h {
        call.message("heads", h, l.head, 1, .integer(i + 1)); return nil
    }
    return h
}

extension Expr {
    /// This list packed when `original` was packed and the elements allow it.
    func repackedLike(_ original: Expr) -> Expr {
        if case .packed = original, let p = PackedArray.pack(self) { return .packed(p) }
        return self
    }
}

/// C(n, k), saturating at `Int.max`.
func binomialSaturating(_ n: Int, _ k: Int) -> Int {
    guard k >= 0, k <= n else { return 0 }
    let k = Swift.min(k, n - k)
    var r = 1
    for i in 0..<k {
        let (m, o) = r.multipliedReportingOverflow(by: n - i)
        if o { return Int.max }
        r = m / (i + 1)
    }
    return r
}
