import RampSyntax

/// Flatten, Partition, Transpose, Reverse, RotateLeft, RotateRight.

extension Kernel {
    func installListsReshapeBuiltins() {
        setMessage("Flatten", "flev", "Level to be flattened together in `1` should be a non-negative integer.")
        setMessage("Partition", "ilsmp", "Single or list of positive machine-sized integers expected at position `1` of `2`.")
        setMessage("Transpose", "nmtx", "The first two levels of `1` cannot be transposed.")
        setMessage("Transpose", "perm", "`1` is not a permutation.")
        setMessage("Transpose", "newdims", "The dimension specification `1` is not compatible with `2`.")

        define("Flatten", arguments: ArgumentCount(1, 3), usage: "Flatten[list] flattens out nested lists.\nFlatten[list, n] flattens to level n.\nFlatten[list, n, h] flattens subexpressions with head h.\nFlatten[list, {{s11, s12, …}, {s21, s22, …}, …}] flattens list by combining all levels sij to make each level i in the result.") { call throws(EvaluationControl) in
            let e = call.args[0]
            if e.isAtom && !isAssociation(e) { call.message("normal", 1, call.expr); return nil }
            var depth = Int.max
            if call.args.count >= 2 {
                if let n = call.args[1].int, n >= 0 { depth = n }
                else if call.args[1].isPositiveInfinity { depth = Int.max }
                else if call.args[1].isList { return flattenByLevels(e, call.args[1], call) }
                else { call.message("flev", call.expr); return nil }
            }
            if let a = e.association { return .list(a.values) }
            let h: Expr = call.args.count == 3 ? call.args[2] : e.head
            if case .packed(let p) = e, call.args.count < 3 {
                let k = Swift.min(depth, p.rank - 1)
                let lead = p.shape[0...k].reduce(1, *)
                return .packed(PackedArray(shape: [lead] + p.shape[(k + 1)...], storage: p.storage))
            }
            var out: [Expr] = []
            func go(_ x: Expr, _ d: Int) {
                for a in x.args {
                    if d > 0, !a.isAtom, a.head == h { go(a, d - 1) } else { out.append(a) }
                }
            }
            go(e, depth)
            let r = e.withArgs(out)
            return r
        }

        define("Partition", arguments: ArgumentCount(2, 5), usage: "Partition[list, n] partitions list into nonoverlapping sublists of length n.\nPartition[list, n, d] generates sublists with offset d.\nPartition[list, n, d, {kL, kR}] specifies that the first element of list should appear at position kL in the first sublist, and the last element of list should appear at or after position kR in the last sublist. If additional elements are needed, Partition fills them in by treating list as cyclic.\nPartition[list, n, d, {kL, kR}, x] pads if necessary by repeating the element x.\nPartition[list, n, d, {kL, kR}, {x1, x2, …}] pads if necessary by cyclically repeating the elements xi.\nPartition[list, n, d, {kL, kR}, {}] uses no padding, and so can yield sublists of different lengths.\nPartition[list, UpTo[n]] partitions list into sublists of length up to n.") { call throws(EvaluationControl) in
            let e = call.args[0]
            if e.isAtom { call.message("normal", 1, call.expr); return nil }
            var n: Int, upTo = false
            if let k = call.args[1].int, k > 0 { n = k }
            else if case .normal(let u) = call.args[1], u.head.symbol === Sym.UpTo, u.args.count == 1, let k = u.args[0].int, k > 0 { n = k; upTo = true }
            else { call.message("ilsmp", 2, call.expr); return nil }
            var d = n
            if call.args.count >= 3 {
                guard let k = call.args[2].int, k > 0 else { call.message("ilsmp", 3, call.expr); return nil }
                d = k
            }
            let elems = e.args
            if call.args.count >= 4 {
                guard !upTo, let overhang = partitionOverhang(call.args[3], n) else { call.message("cyclic", call.args[3]); return nil }
                let padding: PartitionPadding = call.args.count == 5 ? (call.args[4].isList ? .cycle(call.args[4].args) : .element(call.args[4])) : .cyclic
                guard let sublists = partitionWithOverhang(elems, n: n, d: d, kL: overhang.0, kR: overhang.1, padding: padding) else {
                    call.outOfMemory(); return .failed
                }
                let r = e.withArgs(sublists.map { e.withArgs($0) })
                if case .packed = e, let p = PackedArray.pack(r) { return .packed(p) }
                return r
            }
            var out: [Expr] = []
            var i = 0
            while i + n <= elems.count {
                out.append(e.withArgs(Array(elems[i..<(i + n)])))
                i += d
            }
            if upTo, i < elems.count { out.append(e.withArgs(Array(elems[i...]))) }
            let r = e.withArgs(out)
            if case .packed = e, let p = PackedArray.pack(r) { return .packed(p) }
            return r
        }
        setMessage("Partition", "cyclic", "Cyclic overhang specification `1` is not an integer or a pair of integers.")

        define("Transpose", arguments: ArgumentCount(1, 2), usage: "Transpose[list] transposes the first two levels in list.\nTranspose[list, {n1, n2, …}] transposes list so that the k\u{2009}th level in list is the nk\u{2009}th level in the result.\nTranspose[list, m <-> n] transposes levels m and n in list, leaving all other levels unchanged.") { call throws(EvaluationControl) in
            let m = call.args[0]
            if m.isAtom { call.message("nmtx", m); return nil }
            let dims = arrayDimensions(m)
            var perm: [Int]
            if call.args.count == 2 {
                let p = call.args[1]
                if p.isList, p.args.allSatisfy({ $0.int != nil }) { perm = p.args.map { $0.int! } }
                else if case .normal(let tw) = p, tw.head.symbol === Symbol.named("TwoWayRule"), tw.args.count == 2,
                        let a = tw.args[0].int, let b = tw.args[1].int, a >= 1, b >= 1, Swift.max(a, b) <= dims.count {
                    perm = Array(1...Swift.max(a, b)); perm.swapAt(a - 1, b - 1)
                } else { call.message("perm", p); return nil }
                guard Set(perm) == Set(1...Swift.max(1, perm.count)), perm.count <= dims.count else {
                    if perm.count > dims.count { call.message("newdims", p, m) } else { call.message("perm", p) }
                    return nil
                }
            } else {
                if dims.count < 2 {
                    if m.isList, dims.count == 1, m.args.allSatisfy(\.isAtom) { return m }
                    call.message("nmtx", m); return nil
                }
                perm = [2, 1]
            }
            return transposeArray(m, dims: Array(dims.prefix(perm.count)), perm: perm)
        }

        define("Reverse", arguments: ArgumentCount(1, 2), usage: "Reverse[expr] reverses the order of the elements in expr.\nReverse[expr, n] reverses elements at level n in expr.\nReverse[expr, {n1, n2, …}] reverses elements at levels n1, n2, … in expr.") { call throws(EvaluationControl) in
            let e = call.args[0]
            var levels: Set<Int> = [1]
            if call.args.count == 2 {
                let l = call.args[1]
                if let n = l.int, n >= 1 { levels = [n] }
                else if l.isList, l.args.allSatisfy({ ($0.int ?? 0) >= 1 }) { levels = Set(l.args.map { $0.int! }) }
                else { call.message("ilsmp", 2, call.expr); return nil }
            }
            if let a = e.association, levels == [1] {
                return .native(AssociationObject(entries: .init(uniqueKeysWithValues: a.entries.reversed().map { ($0.key, $0.value) })))
            }
            if e.isAtom { call.message("normal", 1, call.expr); return nil }
            if case .packed(let p) = e, levels == [1] {
                let rows = Array((0..<p.shape[0]).reversed())
                return .packed(packedRows(p, rows))
            }
            // `Reverse[e, {}]` reverses nothing.
            guard let maxLevel = levels.max() else { return e }
            func go(_ x: Expr, _ level: Int) -> Expr {
                guard case .normal(let n) = x.unpackedOneLevel, level <= maxLevel else { return x }
                var a = n.args
                if level < maxLevel { a = a.map { go($0, level + 1) } }
                if levels.contains(level) { a.reverse() }
                return .call(n.head, a)
            }
            let r = go(e, 1)
            if case .packed = e, let p = PackedArray.pack(r) { return .packed(p) }
            return r
        }

        func rotate(_ name: String, left: Bool, usage: String) {
            define(name, arguments: ArgumentCount(1, 2), usage: usage) { call throws(EvaluationControl) in
                let e = call.args[0]
                var shifts = [1]
                if call.args.count == 2 {
                    let s = call.args[1]
                    if let n = s.int { shifts = [n] }
                    else if s.isList, s.args.allSatisfy({ $0.int != nil }) { shifts = s.args.map { $0.int! } }
                    else { return nil }
                }
                if e.isAtom { call.message("normal", 1, call.expr); return nil }
                func rot(_ a: [Expr], _ k: Int) -> [Expr] {
                    guard !a.isEmpty else { return a }
                    var s = (left ? k : -k) % a.count
                    if s < 0 { s += a.count }
                    return Array(a[s...] + a[..<s])
                }
                func go(_ x: Expr, _ level: Int) -> Expr {
                    guard level < shifts.count, case .normal(let n) = x.unpackedOneLevel else { return x }
                    return .call(n.head, rot(n.args, shifts[level]).map { go($0, level + 1) })
                }
                let r = go(e, 0)
                if case .packed = e, let p = PackedArray.pack(r) { return .packed(p) }
                return r
            }
        }
        rotate("RotateLeft", left: true, usage: "RotateLeft[expr, n] cycles the elements in expr n positions to the left.\nRotateLeft[expr] cycles one position to the left.\nRotateLeft[expr, {n1, n2, …}] cycles elements at successive levels ni positions to the left.")
        rotate("RotateRight", left: false, usage: "RotateRight[expr, n] cycles the elements in expr n positions to the right.\nRotateRight[expr] cycles one position to the right.\nRotateRight[expr, {n1, n2, …}] cycles elements at successive levels ni positions to the right.")
    }
}

/// Transposes the first `dims.count` levels of a rectangular array by `perm` (level k goes to
/// level perm[k]); packed arrays are permuted on their buffers.
func transposeArray(_ m: Expr, dims: [Int], perm: [Int]) -> Expr {
    let k = dims.count
    var newDims = [Int](repeating: 0, count: k)
    for i in 0..<k { newDims[perm[i] - 1] = dims[i] }
    let count = dims.reduce(1, *)
    // Strides of the source, in the source's level order.
    var srcStride = [Int](repeating: 1, count: k)
    if k > 1 { for i in stride(from: k - 2, through: 0, by: -1) { srcStride[i] = srcStride[i + 1] * dims[i + 1] } }
    // For each result level j, the stride in the source of the level that maps to it.
    var strideForResult = [Int](repeating: 0, count: k)
    for i in 0..<k { strideForResult[perm[i] - 1] = srcStride[i] }
    func sourceIndices() -> [Int] {
        var out = [Int](repeating: 0, count: count)
        var idx = [Int](repeating: 0, count: k)
        var src = 0
        for r in 0..<count {
            out[r] = src
            var j = k - 1
            while j >= 0 {
                idx[j] += 1
                src += strideForResult[j]
                if idx[j] < newDims[j] { break }
                src -= strideForResult[j] * newDims[j]
                idx[j] = 0
                j -= 1
            }
        }
        return out
    }
    if count == 0 { return .emptyList }
    if case .packed(let p) = m {
        let block = p.count / count
        let src = sourceIndices()
        let shape = newDims + p.shape[k...]
        switch p.storage {
        case .integers(let a):
            var out = [Int](); out.reserveCapacity(p.count)
            if block == 1 { for s in src { out.append(a[s]) } } else { for s in src { out += a[(s * block)..<((s + 1) * block)] } }
            return .packed(PackedArray(shape: shape, storage: .integers(out)))
        case .reals(let a):
            var out = [Double](); out.reserveCapacity(p.count)
            if block == 1 { for s in src { out.append(a[s]) } } else { for s in src { out += a[(s * block)..<((s + 1) * block)] } }
            return .packed(PackedArray(shape: shape, storage: .reals(out)))
        }
    }
    var flat: [Expr] = []
    flat.reserveCapacity(count)
    func collect(_ x: Expr, _ level: Int) {
        if level == k { flat.append(x); return }
        for a in x.args { collect(a, level + 1) }
    }
    collect(m, 0)
    let src = sourceIndices()
    var pos = 0
    func build(_ level: Int) -> Expr {
        if level == k { defer { pos += 1 }; return flat[src[pos]] }
        return .list((0..<newDims[level]).map { _ in build(level + 1) })
    }
    return build(0)
}

/// `Flatten[list, {{s11, …}, {s21, …}, …}]`: the general transposing flatten of a rectangular array.
private func flattenByLevels(_ e: Expr, _ spec: Expr, _ call: BuiltinCall) -> Expr? {
    let groups: [[Int]] = spec.args.map { g in g.isList ? g.args.compactMap(\.int) : (g.int.map { [$0] } ?? []) }
    let used = groups.flatMap { $0 }
    guard !used.isEmpty, Set(used).count == used.count, used.allSatisfy({ $0 >= 1 }) else { call.message("flev", call.expr); return nil }
    let dims = arrayDimensions(e)
    let k = used.max()!
    guard k <= dims.count else { call.message("flev", call.expr); return nil }
    let all = groups + (1...k).filter { !used.contains($0) }.map { [$0] }
    // Treat as a transpose to the order of `all`, then reshape.
    var perm = [Int](repeating: 0, count: k)
    var order = 1
    for g in all { for l in g { perm[l - 1] = order; order += 1 } }
    let t = transposeArray(e.unpackedOneLevel.isList ? e : e, dims: Array(dims.prefix(k)), perm: perm)
    // Reshape: merge the levels of each group.
    var flat: [Expr] = []
    func collect(_ x: Expr, _ level: Int) {
        if level == k { flat.append(x); return }
        for a in x.args { collect(a, level + 1) }
    }
    collect(t, 0)
    let newDims = all.map { g in g.map { dims[$0 - 1] }.reduce(1, *) }
    var pos = 0
    func build(_ level: Int) -> Expr {
        if level == newDims.count { defer { pos += 1 }; return flat[pos] }
        return .list((0..<newDims[level]).map { _ in build(level + 1) })
    }
    let r = build(0)
    if case .packed = e, let p = PackedArray.pack(r) { return .packed(p) }
    return r
}

/// How `Partition` fills positions outside the list.
enum PartitionPadding {
    /// The list itself, cyclically (the default).
    case cyclic
    /// One element everywhere.
    case element(Expr)
    /// These elements cyclically, aligned so the list starts a cycle (`{}`: no padding).
    case cycle([Expr])
}

/// `{kL, kR}` (or `k` for `{k, k}`) as positions 1…n (negative positions count from the end).
func partitionOverhang(_ e: Expr, _ n: Int) -> (Int, Int)? {
    func position(_ x: Expr) -> Int? {
        guard let k = x.int, k != 0, abs(k) <= n else { return nil }
        return k > 0 ? k : n + k + 1
    }
    if let k = position(e) { return (k, k) }
    if e.isList, e.args.count == 2, let a = position(e.args[0]), let b = position(e.args[1]) { return (a, b) }
    return nil
}

/// Sublists of length `n` at offset `d`: the first has the list's first element at position `kL`,
/// the last has its last element at position `kR` or later; outside positions come from `padding`.
/// Nil when the result would pass `SizeLimit` (the caller issues `General::nomem`); the size is
/// computed with overflow checks before anything is built.
func partitionWithOverhang(_ elems: [Expr], n: Int, d: Int, kL: Int, kR: Int, padding: PartitionPadding) -> [[Expr]]? {
    let count = elems.count
    guard count > 0, n > 0, d > 0 else { return [] }
    func mod(_ a: Int, _ m: Int) -> Int { ((a % m) + m) % m }
    let firstStart = 2 - kL                      // 1-based index of the first sublist's first element
    let lastStart = count - kR + 1               // no sublist starts after this index
    guard firstStart <= lastStart else { return [] }
    let sublists = (lastStart - firstStart) / d + 1   // both within ±Int.max/2: kL, kR ∈ 1...n
    let padded: Bool
    if case .cycle(let xs) = padding, xs.isEmpty { padded = false } else { padded = true }
    // With padding every sublist has n elements; without, at most the list's elements each.
    let perSublist = padded ? n : min(n, count)
    guard SizeLimit.allows(count: sublists, elementSize: SizeLimit.expression),
          SizeLimit.allows(dimensions: [sublists, perSublist], elementSize: SizeLimit.expression / 8) else { return nil }
    var out: [[Expr]] = []
    out.reserveCapacity(sublists)
    for k in 0..<sublists {
        let start = firstStart + k * d
        var sub: [Expr] = []
        if !padded {
            let lo = max(start, 1), hi = n - 1 >= count - start ? count : start + (n - 1)
            if lo <= hi { sub = Array(elems[(lo - 1)...(hi - 1)]) }
            out.append(sub)
            continue
        }
        sub.reserveCapacity(n)
        for offset in 0..<n {
            let i = start + offset
            if i >= 1 && i <= count { sub.append(elems[i - 1]); continue }
            switch padding {
            case .cyclic: sub.append(elems[mod(i - 1, count)])
            case .element(let x): sub.append(x)
            case .cycle(let xs): sub.append(xs[mod(i - 1, xs.count)])
            }
        }
        out.append(sub)
    }
    return out
}
