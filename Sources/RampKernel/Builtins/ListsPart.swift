import RampSyntax

/// Part, Take, Drop, First, Last, Rest, Most.

/// Why a part extraction failed (the message has been issued).
struct PartFailure: Error {}

/// A resolved sequence specification: 1-based `from`…`to` by `step`, as written (for messages).
struct SeqSpec {
    var from: Int
    var to: Int
    var step: Int

    /// Resolves `n`, `-n`, `{n}`, `{m, n}`, `{m, n, s}`, `All`, `None`, `UpTo[n]` against `length`.
    /// Returns nil for a malformed specification; `valid` false when positions fall outside.
    static func parse(_ spec: Expr, length: Int) -> (SeqSpec, rawFrom: Int, rawTo: Int, valid: Bool)? {
        func resolve(_ i: Int) -> Int { i < 0 ? length + i + 1 : i }
        var m: Int, n: Int, s = 1
        if let k = spec.int {
            if k >= 0 { m = 1; n = k } else { m = k; n = -1 }
        } else if spec.symbol === Sym.All {
            m = 1; n = -1
        } else if spec.symbol === Sym.None {
            return (SeqSpec(from: 1, to: 0, step: 1), 1, 0, true)
        } else if spec.isPositiveInfinity {
            m = 1; n = -1
        } else if case .normal(let u) = spec, u.head.symbol === Sym.UpTo, u.args.count == 1, let k = u.args[0].int, k >= 0 {
            return (SeqSpec(from: 1, to: min(k, length), step: 1), 1, min(k, length), true)
        } else if spec.isList {
            let a = spec.args
            func bound(_ x: Expr) -> Int? { x.int ?? (x.symbol === Sym.All || x.isPositiveInfinity ? -1 : nil) }
            guard (1...3).contains(a.count), let first = a[0].int else { return nil }
            if a.count == 1 { m = first; n = first }
            else {
                guard let last = bound(a[1]) else { return nil }
                m = first; n = last
                if a.count == 3 { guard let st = a[2].int, st != 0 else { return nil }; s = st }
            }
        } else {
            return nil
        }
        let from = resolve(m), to = resolve(n)
        let valid: Bool
        if s > 0 {
            valid = from <= to ? (from >= 1 && to <= length) : (from == to + 1 && from >= 1 && from <= length + 1)
        } else {
            valid = from >= to ? (to >= 1 && from <= length) : (to == from + 1 && to >= 1 && to <= length + 1)
        }
        return (SeqSpec(from: from, to: to, step: s), m, n, valid)
    }

    /// The selected 0-based indices.
    var indices: [Int] {
        if step > 0 { return from > to ? [] : Array(stride(from: from - 1, through: to - 1, by: step)) }
        return from < to ? [] : Array(stride(from: from - 1, through: to - 1, by: step))
    }
}

extension Kernel {
    func installListsPartBuiltins() {
        setMessage("Part", "take", "Cannot take positions `1` through `2` in `3`.")
        setMessage("Part", "span", "`1` is not a valid Span specification. A Span specification should be 1, 2, or 3 machine-sized integers separated by ;;. (Any of the integers can be omitted.)")
        setMessage("Take", "take", "Cannot take positions `1` through `2` in `3`.")
        setMessage("Drop", "drop", "Cannot drop positions `1` through `2` in `3`.")
        setMessage("First", "nofirst", "`1` has zero length and no first element.")
        setMessage("Last", "nolast", "`1` has zero length and no last element.")
        setMessage("Rest", "norest", "Cannot take Rest of expression `1` with length zero.")
        setMessage("Most", "nomost", "Cannot take Most of expression `1` with length zero.")

        define("Part", attributes: [.nHoldRest, .readProtected], arguments: .atLeast(1), usage: "expr[[i]] or Part[expr, i] gives the i\u{2009}th part of expr.\nexpr[[-i]] counts from the end.\nexpr[[i, j, …]] or Part[expr, i, j, …] is equivalent to expr[[i]][[j]] ….\nexpr[[{i1, i2, …}]] gives a list of the parts i1, i2, … of expr.\nexpr[[m ;; n]] gives parts m through n.\nexpr[[m ;; n ;; s]] gives parts m through n in steps of s.\nexpr[[\"key\"]] gives the value associated with the key \"key\" in an association expr.\nexpr[[Key[k]]] gives the value associated with an arbitrary key k in the association expr.") { call throws(EvaluationControl) in
            let e = call.args[0]
            if call.args.count == 1 { return e }
            if case .native(let array as any ArrayLikeObject) = e { return arrayObjectPart(array, call.args[1...], call) }
            do { return try partExtract(e, call.args[1...], call) } catch { return nil }
        }

        define("Take", attributes: [.nHoldRest], arguments: .atLeast(2), usage: "Take[list, n] gives the first n elements of list.\nTake[list, -n] gives the last n elements of list.\nTake[list, {m, n}] gives elements m through n of list.\nTake[list, seq1, seq2, …] gives a nested list in which elements specified by seqi are taken at level i in list.") { call throws(EvaluationControl) in
            takeDrop(call.args[0], call.args[1...], call: call, drop: false)
        }
        define("Drop", attributes: [.nHoldRest], arguments: .atLeast(2), usage: "Drop[list, n] gives list with its first n elements dropped.\nDrop[list, -n] gives list with its last n elements dropped.\nDrop[list, {n}] gives list with its n\u{2009}th element dropped.\nDrop[list, {m, n}] gives list with elements m through n dropped.\nDrop[list, {m, n, s}] gives list with elements m through n in steps of s dropped.\nDrop[list, seq1, seq2, …] gives a nested list in which elements specified by seqi have been dropped at level i in list.") { call throws(EvaluationControl) in
            takeDrop(call.args[0], call.args[1...], call: call, drop: true)
        }

        func endElement(_ name: String, _ tag: String, first: Bool, usage: String) {
            define(name, arguments: ArgumentCount(1, 2), usage: usage) { call throws(EvaluationControl) in
                let e = call.args[0]
                if let a = e.association {
                    if a.entries.isEmpty { return call.args.count == 2 ? call.args[1] : { call.message(tag, e); return nil }() }
                    return first ? a.entries.values.first!.value : a.entries.values.last!.value
                }
                if e.isAtom {
                    if call.args.count == 2 { return call.args[1] }
                    call.message("normal", 1, call.expr); return nil
                }
                if case .packed(let p) = e { return p.part(first ? 0 : p.shape[0] - 1) }
                let a = e.args
                guard let x = first ? a.first : a.last else {
                    if call.args.count == 2 { return call.args[1] }
                    call.message(tag, e); return nil
                }
                return x
            }
        }
        endElement("First", "nofirst", first: true, usage: "First[expr] gives the first element in expr.\nFirst[expr, def] gives the first element if it exists, or def otherwise.")
        endElement("Last", "nolast", first: false, usage: "Last[expr] gives the last element in expr.\nLast[expr, def] gives the last element if there are any elements, or def otherwise.")

        func dropEnd(_ name: String, _ tag: String, front: Bool, usage: String) {
            define(name, arguments: .exactly(1), usage: usage) { call throws(EvaluationControl) in
                let e = call.args[0]
                if let a = e.association {
                    if a.entries.isEmpty { call.message(tag, e); return nil }
                    var d = a.entries
                    if front { d.removeFirst() } else { d.removeLast() }
                    return .native(AssociationObject(entries: d))
                }
                if e.isAtom { call.message("normal", 1, call.expr); return nil }
                if case .packed(let p) = e {
                    if p.shape[0] == 1 { return .emptyList }
                    return .packed(packedSlice(p, front ? 1 : 0, p.shape[0] - (front ? 0 : 1)))
                }
                let a = e.args
                if a.isEmpty { call.message(tag, e); return nil }
                return e.withArgs(front ? Array(a.dropFirst()) : Array(a.dropLast()))
            }
        }
        dropEnd("Rest", "norest", front: true, usage: "Rest[expr] gives expr with the first element removed.")
        dropEnd("Most", "nomost", front: false, usage: "Most[expr] gives expr with the last element removed.")
    }
}

/// Rows `from..<to` of a packed array (along the first dimension).
func packedSlice(_ p: PackedArray, _ from: Int, _ to: Int) -> PackedArray {
    let stride = p.count / p.shape[0]
    var shape = p.shape
    shape[0] = to - from
    switch p.storage {
    case .integers(let a): return PackedArray(shape: shape, storage: .integers(Array(a[(from * stride)..<(to * stride)])))
    case .reals(let a): return PackedArray(shape: shape, storage: .reals(Array(a[(from * stride)..<(to * stride)])))
    }
}

/// Rows at the given indices of a packed array.
func packedRows(_ p: PackedArray, _ rows: [Int]) -> PackedArray {
    let stride = p.count / p.shape[0]
    var shape = p.shape
    shape[0] = rows.count
    switch p.storage {
    case .integers(let a):
        var out: [Int] = []; out.reserveCapacity(rows.count * stride)
        for r in rows { out += a[(r * stride)..<((r + 1) * stride)] }
        return PackedArray(shape: shape, storage: .integers(out))
    case .reals(let a):
        var out: [Double] = []; out.reserveCapacity(rows.count * stride)
        for r in rows { out += a[(r * stride)..<((r + 1) * stride)] }
        return PackedArray(shape: shape, storage: .reals(out))
    }
}

/// `p[[rows, i, j, …]]` with integer `i, j, …` (valid for every row) read straight from the flat
/// buffer, as a packed array of the rows' picked elements or sub-arrays (`m[[All, 1]]`); nil when
/// a spec is not an integer or is out of range (the general path issues the message).
private func packedColumn(_ p: PackedArray, _ rows: [Int], _ rest: ArraySlice<Expr>) -> Expr? {
    guard !rows.isEmpty else { return nil }
    var offset = 0
    var stride = p.count / p.shape[0]
    for (k, s) in rest.enumerated() {
        guard var i = s.int else { return nil }
        let n = p.shape[k + 1]
        if i < 0 { i += n + 1 }
        guard i >= 1 && i <= n else { return nil }
        stride /= n
        offset += (i - 1) * stride
    }
    // `stride` is now the size of each picked piece; rows are `rowSize` apart.
    let rowSize = p.count / p.shape[0]
    let shape = [rows.count] + Array(p.shape[(rest.count + 1)...])
    switch p.storage {
    case .integers(let a):
        var out: [Int] = []; out.reserveCapacity(rows.count * stride)
        for r in rows { out += a[(r * rowSize + offset)..<(r * rowSize + offset + stride)] }
        return .packed(PackedArray(shape: shape, storage: .integers(out)))
    case .reals(let a):
        var out: [Double] = []; out.reserveCapacity(rows.count * stride)
        for r in rows { out += a[(r * rowSize + offset)..<(r * rowSize + offset + stride)] }
        return .packed(PackedArray(shape: shape, storage: .reals(out)))
    }
}

/// `Part[e, specs…]`; throws `PartFailure` after issuing the message.
func partExtract(_ e: Expr, _ specs: ArraySlice<Expr>, _ call: BuiltinCall) throws(PartFailure) -> Expr {
    guard let spec = specs.first else { return e }
    let rest = specs.dropFirst()

    // Packed fast path: integer indices.
    if case .packed(let p) = e, specs.count <= p.rank, specs.allSatisfy({ $0.int != nil }) {
        var flat = 0
        var stride = p.count
        var ok = true
        for (k, s) in specs.enumerated() {
            let n = p.shape[k]
            var i = s.int!
            if i < 0 { i += n + 1 }
            if i < 1 || i > n { ok = false; break }
            stride /= n
            flat += (i - 1) * stride
        }
        if ok {
            if specs.count == p.rank { return p.element(flat: flat) }
            let sub = Array(p.shape[specs.count...])
            switch p.storage {
            case .integers(let a): return .packed(PackedArray(shape: sub, storage: .integers(Array(a[flat..<(flat + stride)]))))
            case .reals(let a): return .packed(PackedArray(shape: sub, storage: .reals(Array(a[flat..<(flat + stride)]))))
            }
        }
    }

    if let assoc = e.association {
        return try partOfAssociation(assoc, spec, rest, call)
    }
    if e.isAtom {
        call.message("partd", call.expr)
        throw PartFailure()
    }
    let n = e.length

    if let i = spec.int {
        let k = i < 0 ? n + i + 1 : i
        if k < 0 || k > n || (i < 0 && k == 0) {
            call.message("partw", spec, e)
            throw PartFailure()
        }
        let x: Expr
        if k == 0 { x = e.head } else if case .packed(let p) = e { x = p.part(k - 1) } else { x = e.args[k - 1] }
        return try partExtract(x, rest, call)
    }

    var indices: [Int]
    if spec.symbol === Sym.All {
        indices = Array(0..<n)
    } else if case .normal(let sp) = spec, sp.head.symbol === Sym.Span, (2...3).contains(sp.args.count) {
        func bound(_ x: Expr, _ dflt: Int) -> Int? { x.symbol === Sym.All ? dflt : x.int }
        guard let a = bound(sp.args[0], 1), let b = bound(sp.args[1], -1) else {
            call.message("span", spec); throw PartFailure()
        }
        var st = 1
        if sp.args.count == 3 {
            guard let s = sp.args[2].int, s != 0 else { call.message("span", spec); throw PartFailure() }
            st = s
        }
        let from = a < 0 ? n + a + 1 : a, to = b < 0 ? n + b + 1 : b
        let seq = SeqSpec(from: from, to: to, step: st)
        let ok: Bool = st > 0
            ? (from >= 1 && from <= n + 1 && to <= n && to >= from - 1)
            : (from <= n && from >= 1 && to >= 1 && to <= from + 1)
        if !ok {
            call.message("take", .integer(a), .integer(b), e)
            throw PartFailure()
        }
        indices = seq.indices
        // Packed fast path for contiguous spans at the last requested level.
        if case .packed(let p) = e, rest.isEmpty, st == 1 {
            if indices.isEmpty { return .emptyList }
            return .packed(packedSlice(p, indices[0], indices[0] + indices.count))
        }
    } else if spec.isList {
        indices = []
        for s in spec.args {
            guard let i = s.int else { call.message("pkspec1", spec); throw PartFailure() }
            let k = i < 0 ? n + i + 1 : i
            if k < 1 || k > n { call.message("partw", s, e); throw PartFailure() }
            indices.append(k - 1)
        }
        if case .packed(let p) = e, rest.isEmpty {
            if indices.isEmpty { return .emptyList }
            return .packed(packedRows(p, indices))
        }
    } else {
        call.message("pkspec1", spec)
        throw PartFailure()
    }
    if case .packed(let p) = e, !rest.isEmpty, rest.count < p.rank, let column = packedColumn(p, indices, rest) {
        return column
    }
    var out: [Expr] = []
    out.reserveCapacity(indices.count)
    for i in indices { out.append(try partExtract(e.arg(i), rest, call)) }
    let result = e.withArgs(out)
    if case .packed = e, let p = PackedArray.pack(result) { return .packed(p) }
    return result
}

private func partOfAssociation(_ a: AssociationObject, _ spec: Expr, _ rest: ArraySlice<Expr>, _ call: BuiltinCall) throws(PartFailure) -> Expr {
    let n = a.entries.count
    if let i = spec.int {
        let k = i < 0 ? n + i + 1 : i
        if k == 0 && i == 0 { return .symbol(Sym.Association) }
        if k < 1 || k > n { call.message("partw", spec, .native(a)); throw PartFailure() }
        return try partExtract(a.entries.values[k - 1].value, rest, call)
    }
    if spec.symbol === Sym.All || spec.hasHead(Sym.Span) || spec.isList {
        var idx: [Int] = []
        if spec.symbol === Sym.All { idx = Array(0..<n) }
        else if case .normal(let sp) = spec, sp.head.symbol === Sym.Span {
            let sub = try partExtract(.list((0..<n).map { .integer($0) }), [spec][...], call)
            idx = sub.args.compactMap(\.int)
        } else {
            for s in spec.args {
                if let i = s.int {
                    let k = i < 0 ? n + i + 1 : i
                    if k < 1 || k > n { call.message("partw", s, .native(a)); throw PartFailure() }
                    idx.append(k - 1)
                } else if let j = a.entries.index(forKey: unwrapKey(s)) {
                    idx.append(j)
                } else {
                    // Missing keys give Missing in a list result.
                    idx.append(-1)
                }
            }
            if idx.contains(-1) {
                return .list(try spec.args.map { s throws(PartFailure) in
                    if let v = a.lookup(s) { return try partExtract(v, rest, call) }
                    if let i = s.int, let k = Optional(i < 0 ? n + i + 1 : i), k >= 1, k <= n { return try partExtract(a.entries.values[k - 1].value, rest, call) }
                    return missingKey(s)
                })
            }
        }
        var triples: [(Expr, Expr, Bool)] = []
        for j in idx {
            let key = a.entries.keys[j], entry = a.entries.values[j]
            triples.append((key, try partExtract(entry.value, rest, call), entry.delayed))
        }
        return .native(AssociationObject(triples))
    }
    if spec.string != nil || spec.hasHead(Sym.Key) {
        if let v = a.lookup(spec) { return try partExtract(v, rest, call) }
        return missingKey(spec)
    }
    call.message("pkspec1", spec)
    throw PartFailure()
}

/// `Key[k]` → `k`.
func unwrapKey(_ e: Expr) -> Expr {
    if case .normal(let n) = e, n.head.symbol === Sym.Key, n.args.count == 1 { return n.args[0] }
    return e
}

/// `Take`/`Drop` with one or more sequence specifications (one per level).
private func takeDrop(_ e: Expr, _ specs: ArraySlice<Expr>, call: BuiltinCall, drop: Bool) -> Expr? {
    let tag = drop ? "drop" : "take"
    if e.isAtom && !isAssociation(e) {
        call.message("normal", 1, call.expr)
        return nil
    }
    func go(_ x: Expr, _ specs: ArraySlice<Expr>, _ position: Int) -> Expr? {
        guard let spec = specs.first else { return x }
        if let a = x.association {
            let keysList = Expr.list(Array(0..<a.entries.count).map { Expr.integer($0) })
            guard let picked = go(keysList, [spec][...], position) else { return nil }
            var triples: [(Expr, Expr, Bool)] = []
            for i in picked.args.compactMap(\.int) {
                let v = a.entries.values[i]
                guard let inner = go(v.value, specs.dropFirst(), position + 1) else { return nil }
                triples.append((a.entries.keys[i], inner, v.delayed))
            }
            return .native(AssociationObject(triples))
        }
        if x.isAtom {
            call.message("normal", 1, call.expr)
            return nil
        }
        let n = x.length
        guard let (seq, m, k, valid) = SeqSpec.parse(spec, length: n) else {
            call.message("seqs", call.expr, .integer(position))
            return nil
        }
        if !valid {
            call.message(tag, .integer(m), .integer(k), x)
            return nil
        }
        var idx: [Int]
        if drop {
            if abs(seq.step) == 1 {
                // A run (1-based from…to either way): what is before it and after it.
                let lo = Swift.min(seq.from, seq.to), hi = Swift.max(seq.from, seq.to)
                let empty = seq.step > 0 ? seq.from > seq.to : seq.from < seq.to
                idx = empty ? Array(0..<n) : Array(0..<(lo - 1)) + Array(hi..<n)
            } else {
                idx = seq.indices
                let removed = Set(idx)
                idx = (0..<n).filter { !removed.contains($0) }
            }
        } else {
            idx = seq.indices
        }
        if case .packed(let p) = x, specs.count == 1 {
            if idx.isEmpty { return .emptyList }
            if idx.count > 1, idx.last! - idx.first! == idx.count - 1, idx[1] > idx[0] {
                return .packed(packedSlice(p, idx[0], idx[0] + idx.count))
            }
            return .packed(packedRows(p, idx))
        }
        var out: [Expr] = []
        out.reserveCapacity(idx.count)
        for i in idx {
            guard let inner = go(x.arg(i), specs.dropFirst(), position + 1) else { return nil }
            out.append(inner)
        }
        return x.withArgs(out)
    }
    return go(e, specs, 2)
}

/// `Part` of a native array object (a `NumericArray`): integer indices walk into the object (a
/// sub-array stays an object of its kind); any other spec (`All`, spans, lists) is applied to the
/// object's `Normal` form.
func arrayObjectPart(_ array: any ArrayLikeObject, _ specs: ArraySlice<Expr>, _ call: BuiltinCall) -> Expr? {
    var current = Expr.native(array)
    for (k, spec) in zip(specs.indices, specs) {
        guard case .native(let object as any ArrayLikeObject) = current else {
            call.message("partw", spec, current)
            return nil
        }
        guard let i = spec.int else {
            let whole: Expr = (object as? any NormalConvertible)?.normalForm ?? current
            do { return try partExtract(whole, specs[k...], call) } catch { return nil }
        }
        let n = object.dimensions.first ?? 0
        let index = i > 0 ? i - 1 : n + i
        guard index >= 0, index < n else {
            call.message("partw", spec, current)
            return nil
        }
        current = object.subArray(at: index)
    }
    return current
}
