import RampSyntax

/// Outer, Inner, Dot. `Dot` of packed machine arrays (vector·vector, matrix·vector,
/// vector·matrix, matrix·matrix) runs on the buffers; everything else is `Inner[Times, …, Plus]`.

extension Kernel {
    func installListsAlgebraBuiltins() {
        setMessage("Dot", "dotsh", "Tensors `1` and `2` have incompatible shapes.")
        setMessage("Inner", "incom", "Length `1` of dimension `2` in `3` is incommensurate with length `4` of dimension 1 in `5`.")

        define("Outer", arguments: .atLeast(2), usage: "Outer[f, list1, list2, …] gives the generalized outer product of the listi, forming all possible combinations of the lowest-level elements in each of them, and feeding them as arguments to f.\nOuter[f, list1, list2, …, n] treats as separate elements only sublists at level n in the listi.\nOuter[f, list1, list2, …, n1, n2, …] treats as separate elements only sublists at level ni in the corresponding listi.") { call throws(EvaluationControl) in
            let f = call.args[0]
            var lists = Array(call.args.dropFirst())
            var levels: [Int] = []
            while lists.count > 1, let n = lists.last?.int { levels.insert(n, at: 0); lists.removeLast() }
            for (i, l) in lists.enumerated() where l.isAtom { call.message("normal", .integer(i + 2), call.expr); return nil }
            let h = lists[0].head
            func levelFor(_ i: Int) -> Int {
                if levels.isEmpty { return Int.max }
                return i < levels.count ? levels[i] : levels.last!
            }
            // The result has one expression per combination of elements: check its size first.
            func elementCount(_ x: Expr, _ level: Int, _ maxLevel: Int) -> Int {
                guard level < maxLevel, !x.isAtom, x.head == h else { return 1 }
                var total = 0
                for a in x.args {
                    let (t, overflow) = total.addingReportingOverflow(elementCount(a, level + 1, maxLevel))
                    total = overflow ? Int.max : t
                }
                return total
            }
            let counts = lists.indices.map { elementCount(lists[$0], 0, levelFor($0)) }
            guard call.allowsAllocation(dimensions: counts, elementSize: SizeLimit.expression) else { return .failed }
            // Numeric fast path: Outer[Times, v, w] of packed vectors.
            if lists.count == 2, levels.isEmpty, f.symbol === Sym.Times,
               case .packed(let p) = lists[0], case .packed(let q) = lists[1], p.rank == 1, q.rank == 1,
               case .reals(let a) = p.storage, case .reals(let b) = q.storage {
                var out = [Double](); out.reserveCapacity(a.count * b.count)
                for x in a { for y in b { out.append(x * y) } }
                return .packed(PackedArray(shape: [a.count, b.count], storage: .reals(out)))
            }
            func expand(_ i: Int, _ prefix: [Expr]) -> Expr {
                if i == lists.count { return .call(f, prefix) }
                let maxLevel = levelFor(i)
                func walk(_ x: Expr, _ level: Int) -> Expr {
                    if level < maxLevel, !x.isAtom, x.head == h {
                        return x.withArgs(x.args.map { walk($0, level + 1) })
                    }
                    return expand(i + 1, prefix + [x])
                }
                return walk(lists[i], 0)
            }
            return expand(0, [])
        }

        define("Inner", arguments: ArgumentCount(3, 4), usage: "Inner[f, list1, list2, g] is a generalization of Dot in which f plays the role of multiplication and g of addition.\nInner[f, list1, list2] uses Plus for g.") { call throws(EvaluationControl) in
            let f = call.args[0], a = call.args[1], b = call.args[2]
            let g: Expr = call.args.count == 4 ? call.args[3] : .symbol(Sym.Plus)
            return innerProduct(f, a, b, g, call)
        }

        define("Dot", attributes: [.flat, .oneIdentity], usage: "a.b.c or Dot[a, b, c] gives products of vectors, matrices, and tensors.") { call throws(EvaluationControl) in
            let a = call.args
            if a.isEmpty { return nil }
            if a.count == 1 { return a[0] }
            guard a.allSatisfy({ $0.isList }) else { return nil }
            var acc = a[0]
            for b in a.dropFirst() {
                try call.kernel.checkAbort()
                if let fast = packedDot(acc, b) { acc = fast; continue }
                let da = arrayDimensions(acc), db = arrayDimensions(b)
                guard let la = da.last, let fb = db.first, la == fb else {
                    call.message("dotsh", acc, b); return nil
                }
                guard let r = innerProduct(.symbol(Sym.Times), acc, b, .symbol(Sym.Plus), call) else { return nil }
                acc = r
            }
            return acc
        }
    }
}

/// `Inner[f, a, b, g]` for rectangular arrays: contracts the last index of `a` with the first of `b`.
func innerProduct(_ f: Expr, _ a: Expr, _ b: Expr, _ g: Expr, _ call: BuiltinCall) -> Expr? {
    let da = arrayDimensions(a), db = arrayDimensions(b)
    guard let la = da.last, let fb = db.first else { return nil }
    guard la == fb else {
        call.message("incom", .integer(la), .integer(da.count), a, .integer(fb), b)
        return nil
    }
    func contractVector(_ v: [Expr], _ w: Expr) -> Expr {
        // v: a vector of length n; w: array with first dimension n.
        let rows = w.args
        if db.count == 1 || !(rows.first?.isList ?? false) {
            let terms = zip(v, rows).map { Expr.call(f, [$0, $1]) }
            if f.symbol === Sym.Times, g.symbol === Sym.Plus, v.allSatisfy(\.isRealNumber), rows.allSatisfy(\.isRealNumber) {
                var s = LNum.exact(0, 1)
                for (x, y) in zip(v, rows) { s = s + LNum(x)! * LNum(y)! }
                return s.expr
            }
            return .call(g, terms)
        }
        // Contract over the first index of w: result over w's remaining indices.
        let columns = transposeArray(w, dims: Array(arrayDimensions(w).prefix(2)), perm: [2, 1]).args
        return .list(columns.map { contractVector(v, $0) })
    }
    func go(_ x: Expr, _ depth: Int) -> Expr {
        if depth == 1 { return contractVector(x.args, b) }
        return .list(x.args.map { go($0, depth - 1) })
    }
    return go(a, da.count)
}

/// `a . b` on packed machine arrays of rank 1 or 2; nil when not applicable (or on overflow).
func packedDot(_ a: Expr, _ b: Expr) -> Expr? {
    guard case .packed(let p) = a, case .packed(let q) = b, p.rank <= 2, q.rank <= 2,
          p.shape.last! == q.shape[0] else { return nil }
    let n = q.shape[0]
    let rowsA = p.rank == 2 ? p.shape[0] : 1
    let colsB = q.rank == 2 ? q.shape[1] : 1
    let resultShape = (p.rank == 2 ? [rowsA] : []) + (q.rank == 2 ? [colsB] : [])
    switch (p.storage, q.storage) {
    case (.integers(let x), .integers(let y)):
        var out = [Int](repeating: 0, count: rowsA * colsB)
        for i in 0..<rowsA {
            for k in 0..<n {
                let xv = x[i * n + k]
                if xv == 0 { continue }
                for j in 0..<colsB {
                    let (m, o1) = xv.multipliedReportingOverflow(by: y[k * colsB + j])
                    let (s, o2) = out[i * colsB + j].addingReportingOverflow(m)
                    if o1 || o2 { return nil }
                    out[i * colsB + j] = s
                }
            }
        }
        if resultShape.isEmpty { return .integer(out[0]) }
        return .packed(PackedArray(shape: resultShape, storage: .integers(out)))
    default:
        let x = p.doubles, y = q.doubles
        var out = [Double](repeating: 0, count: rowsA * colsB)
        if colsB == 1 {
            x.withUnsafeBufferPointer { xb in
                y.withUnsafeBufferPointer { yb in
                    for i in 0..<rowsA {
                        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
                        let base = i * n
                        var k = 0
                        while k + 4 <= n {
                            s0 += xb[base + k] * yb[k]; s1 += xb[base + k + 1] * yb[k + 1]
                            s2 += xb[base + k + 2] * yb[k + 2]; s3 += xb[base + k + 3] * yb[k + 3]
                            k += 4
                        }
                        while k < n { s0 += xb[base + k] * yb[k]; k += 1 }
                        out[i] = (s0 + s1) + (s2 + s3)
                    }
                }
            }
        } else {
            x.withUnsafeBufferPointer { xb in
                y.withUnsafeBufferPointer { yb in
                    out.withUnsafeMutableBufferPointer { ob in
                        for i in 0..<rowsA {
                            for k in 0..<n {
                                let xv = xb[i * n + k]
                                let rowB = k * colsB, rowO = i * colsB
                                for j in 0..<colsB { ob[rowO + j] += xv * yb[rowB + j] }
                            }
                        }
                    }
                }
            }
        }
        if resultShape.isEmpty { return .real(out[0]) }
        return .packed(PackedArray(shape: resultShape, storage: .reals(out)))
    }
}

extension PackedArray {
    /// The elements as doubles.
    var doubles: [Double] {
        switch storage {
        case .reals(let a): return a
        case .integers(let a): return a.map(Double.init)
        }
    }
}
