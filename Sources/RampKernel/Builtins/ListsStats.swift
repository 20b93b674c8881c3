import RampSyntax
import RealModule

/// Total, Accumulate, Differences, Mean, Median, Variance, StandardDeviation, Clip, Rescale, Norm,
/// Normalize. Machine and exact real numbers are computed here (packed arrays on their buffers);
/// symbolic entries give `Plus`/`Times`/`Power` expressions for the arithmetic area to simplify.

/// Sum of a packed buffer along its first dimension: a scalar for a vector, else a packed array.
func packedTotal(_ p: PackedArray) -> Expr {
    let rows = p.shape[0]
    let stride = p.count / rows
    switch p.storage {
    case .reals(let a):
        if stride == 1 { return .real(sumDoubles(a)) }
        var out = [Double](repeating: 0, count: stride)
        a.withUnsafeBufferPointer { buf in
            out.withUnsafeMutableBufferPointer { o in
                for r in 0..<rows {
                    let base = r * stride
                    for j in 0..<stride { o[j] += buf[base + j] }
                }
            }
        }
        return .packed(PackedArray(shape: Array(p.shape.dropFirst()), storage: .reals(out)))
    case .integers(let a):
        if stride == 1 {
            var s = 0
            for x in a {
                let (v, o) = s.addingReportingOverflow(x)
                if o { return .integer(a.reduce(BigInt(0)) { $0 + BigInt($1) }) }
                s = v
            }
            return .integer(s)
        }
        var out = [Int](repeating: 0, count: stride)
        for r in 0..<rows {
            let base = r * stride
            for j in 0..<stride {
                let (v, o) = out[j].addingReportingOverflow(a[base + j])
                if o { return .list(p.parts).totalSlow() }
                out[j] = v
            }
        }
        return .packed(PackedArray(shape: Array(p.shape.dropFirst()), storage: .integers(out)))
    }
}

/// A fast sum of doubles (four independent accumulators so the loop vectorizes).
func sumDoubles(_ a: [Double]) -> Double {
    a.withUnsafeBufferPointer { buf in
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        let n = buf.count
        var i = 0
        while i + 4 <= n {
            s0 += buf[i]; s1 += buf[i + 1]; s2 += buf[i + 2]; s3 += buf[i + 3]
            i += 4
        }
        while i < n { s0 += buf[i]; i += 1 }
        return (s0 + s1) + (s2 + s3)
    }
}

extension Expr {
    /// `Total` at level 1 of a list expression (normal or packed).
    func totalSlow() -> Expr {
        if case .packed(let p) = self { return packedTotal(p) }
        let a = args
        if a.isEmpty { return .integer(0) }
        if a.allSatisfy({ LNum($0) != nil }) {
            var s = LNum(a[0])!
            for x in a.dropFirst() { s = s + LNum(x)! }
            return s.expr
        }
        if a.allSatisfy(\.isList), Set(a.map(\.length)).count == 1 {
            var acc = a[0]
            for x in a.dropFirst() { acc = addExprs(acc, x) }
            return acc
        }
        // Numbers summed here, the rest left to Plus.
        var numeric: LNum? = nil
        var rest: [Expr] = []
        for x in a {
            if let v = LNum(x) { numeric = numeric.map { $0 + v } ?? v } else { rest.append(x) }
        }
        if let numeric { rest.insert(numeric.expr, at: 0) }
        return rest.count == 1 ? rest[0] : .call(Sym.Plus, rest)
    }
}

extension Kernel {
    func installListsStatsBuiltins() {
        setMessage("Mean", "rectn", "Rectangular array of real numbers is expected at position `1` in `2`.")
        setMessage("Median", "rectn", "Rectangular array of real numbers is expected at position `1` in `2`.")
        setMessage("Variance", "shlen", "The argument `1` should have at least two elements.")
        setMessage("StandardDeviation", "shlen", "The argument `1` should have at least two elements.")
        setMessage("Mean", "rectt", "Rectangular array expected at position `1` in `2`.")
        setMessage("Total", "tllen", "Lists of unequal length in `1` cannot be added.")
        setMessage("Differences", "difforder", "The order of differences `1` should be a non-negative machine-sized integer.")
        setMessage("Norm", "nvm", "The first Norm argument should be a scalar, vector or matrix.")
        setMessage("Norm", "ptype", "The second argument `1` should be a number greater than or equal to 1, Infinity, or one of \"Frobenius\" and \"Spectral\".")
        setMessage("Rescale", "interval", "`1` is not a valid interval.")
        setMessage("Clip", "bounds", "`1` is not a valid list of bounds.")

        define("Total", arguments: ArgumentCount(1, 2), usage: "Total[list] gives the total of the elements in list.\nTotal[list, n] totals all elements down to level n.\nTotal[list, {n}] totals elements at level n.\nTotal[list, {n1, n2}] totals elements at levels n1 through n2.") { call throws(EvaluationControl) in
            let e = call.args[0]
            if let a = e.association { return Expr.list(a.values).totalSlow() }
            if e.isAtom { return e }
            var lo = 1, hi = 1
            if call.args.count == 2 {
                guard let spec = LibLevelSpec(call.args[1]) else { call.message("level", call.args[1]); return nil }
                let depth = libDepth(e)
                lo = spec.min < 0 ? depth + spec.min : spec.min
                hi = spec.max < 0 ? depth + spec.max : spec.max
                lo = Swift.max(lo, 1)
                // Levels below the deepest one hold nothing more to total (`Total[{a, b}, 2^31]`).
                hi = Swift.min(hi, depth)
                if call.args[1].int != nil || call.args[1].isPositiveInfinity { lo = 1 }
            }
            if case .packed(let p) = e, lo == 1 {
                if hi >= p.rank {
                    switch p.storage {
                    case .reals(let a): return .real(sumDoubles(a))
                    case .integers(let a): return packedTotal(PackedArray(integers: a))
                    }
                }
            }
            // Total at levels lo...hi: total at level lo (mapping over lo-1 levels) repeatedly.
            func totalAt(_ x: Expr, _ level: Int) -> Expr {
                if level <= 1 { return x.isAtom ? x : x.totalSlow() }
                guard !x.isAtom else { return x }
                return x.withArgs(x.args.map { totalAt($0, level - 1) }).repackedLike(x)
            }
            var r = e
            var level = hi == Int.max ? Int.max : hi
            // Sum the deepest requested level first so each step sees a list.
            if level == Int.max { level = libDepth(e) - 1 }
            while level >= lo {
                r = totalAt(r, level)
                level -= 1
            }
            return r
        }

        define("Accumulate", arguments: .exactly(1), usage: "Accumulate[list] gives a list of the successive accumulated totals of elements in list.") { call throws(EvaluationControl) in
            let e = call.args[0]
            if e.isAtom { call.message("normal", 1, call.expr); return nil }
            if case .packed(let p) = e, p.rank == 1 {
                switch p.storage {
                case .reals(let a):
                    var out = a, s = 0.0
                    for i in out.indices { s += out[i]; out[i] = s }
                    return .packed(PackedArray(reals: out))
                case .integers(let a):
                    var out = a, s = 0
                    for i in out.indices {
                        let (v, o) = s.addingReportingOverflow(out[i])
                        if o { break }
                        s = v; out[i] = s
                        if i == out.count - 1 { return .packed(PackedArray(integers: out)) }
                    }
                }
            }
            var out: [Expr] = []
            var acc: Expr? = nil
            for x in e.args {
                acc = acc.map { addExprs($0, x) } ?? x
                out.append(acc!)
            }
            return e.withArgs(out).repackedLike(e)
        }

        define("Differences", arguments: ArgumentCount(1, 2), usage: "Differences[list] gives the successive differences of elements in list.\nDifferences[list, n] gives the n\u{2009}th differences of list.") { call throws(EvaluationControl) in
            let e = call.args[0]
            if e.isAtom { call.message("normal", 1, call.expr); return nil }
            var n = 1
            if call.args.count == 2 {
                guard let k = call.args[1].int, k >= 0 else { call.message("difforder", call.args[1]); return nil }
                n = k
            }
            var r = e
            for _ in 0..<n {
                if case .packed(let p) = r, p.rank == 1, p.count >= 2 {
                    switch p.storage {
                    case .reals(let a): r = .packed(PackedArray(reals: (1..<a.count).map { a[$0] - a[$0 - 1] })); continue
                    case .integers(let a):
                        var out: [Int] = []
                        out.reserveCapacity(a.count - 1)
                        var ok = true
                        for i in 1..<a.count {
                            let (v, o) = a[i].subtractingReportingOverflow(a[i - 1])
                            if o { ok = false; break }
                            out.append(v)
                        }
                        if ok { r = .packed(PackedArray(integers: out)); continue }
                    }
                }
                let a = r.args
                if a.count < 2 { r = r.withArgs([]); continue }
                r = r.withArgs((1..<a.count).map { subExprs(a[$0], a[$0 - 1]) }).repackedLike(r)
            }
            return r
        }

        define("Mean", arguments: .exactly(1), usage: "Mean[list] gives the statistical mean of the elements in list.") { call throws(EvaluationControl) in
            let e = call.args[0]
            if let a = e.association { return meanOf(.list(a.values), call) }
            return meanOf(e, call)
        }

        define("Median", arguments: .exactly(1), usage: "Median[data] gives the median estimate of the elements in data.") { call throws(EvaluationControl) in
            let e = call.args[0]
            guard e.isList, e.length > 0 else { call.message("rectn", 1, call.expr); return nil }
            func median(_ xs: [Expr]) -> Expr? {
                guard xs.allSatisfy(\.isRealNumber) else { return nil }
                let sorted = xs.map { LNum($0)! }.sorted(by: <)
                let n = sorted.count
                if n % 2 == 1 { return sorted[n / 2].expr }
                return ((sorted[n / 2 - 1] + sorted[n / 2]) / .exact(2, 1))!.expr
            }
            let a = e.args
            if a.allSatisfy(\.isList) {
                let dims = arrayDimensions(e)
                guard dims.count >= 2 else { call.message("rectn", 1, call.expr); return nil }
                let t = transposeArray(e, dims: Array(dims.prefix(2)), perm: [2, 1])
                var out: [Expr] = []
                for col in t.args {
                    guard let m = median(col.args) else { call.message("rectn", 1, call.expr); return nil }
                    out.append(m)
                }
                return .listPackingIfPossible(out)
            }
            guard let m = median(a) else { call.message("rectn", 1, call.expr); return nil }
            return m
        }

        func varianceOf(_ e: Expr, _ call: BuiltinCall) -> Expr? {
            guard e.isList else { call.message("rectn", 1, call.expr); return nil }
            let a = e.args
            guard a.count >= 2 else { call.message("shlen", e); return nil }
            if a.allSatisfy(\.isList) {
                let dims = arrayDimensions(e)
                guard dims.count >= 2 else { call.message("rectn", 1, call.expr); return nil }
                let t = transposeArray(e, dims: Array(dims.prefix(2)), perm: [2, 1])
                var out: [Expr] = []
                for col in t.args { guard let v = varianceOf(col, call) else { return nil }; out.append(v) }
                return .listPackingIfPossible(out)
            }
            let n = a.count
            if case .packed(let p) = e, case .reals(let xs) = p.storage {
                let mean = sumDoubles(xs) / Double(n)
                var s = 0.0
                for x in xs { s += (x - mean) * (x - mean) }
                return .real(s / Double(n - 1))
            }
            if a.allSatisfy(\.isRealNumber) {
                let xs = a.map { LNum($0)! }
                var sum = xs[0]
                for x in xs.dropFirst() { sum = sum + x }
                let mean = (sum / .exact(BigInt(n), 1))!
                var s = LNum.exact(0, 1)
                for x in xs { let d = x - mean; s = s + d * d }
                return (s / .exact(BigInt(n - 1), 1))!.expr
            }
            // Symbolic: 1/(n-1) Sum[(x - mean) Conjugate[x - mean]].
            let mean = Expr.call(Sym.Times, [.rational(1, over: BigInt(n)), .call(Sym.Plus, a)])
            let terms = a.map { x -> Expr in
                let d = Expr.call(Sym.Plus, [x, .call(Sym.Times, [.integer(-1), mean])])
                return .call(Sym.Times, [d, .call(Sym.Conjugate, [d])])
            }
            return .call(Sym.Times, [.rational(1, over: BigInt(n - 1)), .call(Sym.Plus, terms)])
        }

        define("Variance", arguments: .exactly(1), usage: "Variance[data] gives the unbiased variance estimate of the elements in data.") { call throws(EvaluationControl) in
            return varianceOf(call.args[0], call)
        }

        define("StandardDeviation", arguments: .exactly(1), usage: "StandardDeviation[data] gives the standard deviation estimate of the elements in data.") { call throws(EvaluationControl) in
            guard let v = varianceOf(call.args[0], call) else { return nil }
            func root(_ x: Expr) -> Expr {
                if case .real(let r) = x { return .real(r.squareRoot()) }
                if let s = exactSquareRoot(x) { return s }
                return .call(Sym.Power, [x, .rational(1, over: 2)])
            }
            if v.isList { return .listPackingIfPossible(v.args.map(root)) }
            return root(v)
        }

        define("Clip", attributes: [], arguments: ArgumentCount(1, 3), usage: "Clip[x] gives x clipped to be between -1 and +1.\nClip[x, {min, max}] gives x for min ≤ x ≤ max, min for x < min and max for x > max.\nClip[x, {min, max}, {vmin, vmax}] gives x for min ≤ x ≤ max, vmin for x < min and vmax for x > max.") { call throws(EvaluationControl) in
            var lo: Expr = -1, hi: Expr = 1
            if call.args.count >= 2 {
                let b = call.args[1]
                guard b.isList, b.length == 2 else { call.message("bounds", b); return nil }
                lo = b.args[0]; hi = b.args[1]
            }
            var vlo = lo, vhi = hi
            if call.args.count == 3 {
                let v = call.args[2]
                guard v.isList, v.length == 2 else { call.message("bounds", v); return nil }
                vlo = v.args[0]; vhi = v.args[1]
            }
            guard let l = lo.doubleValue, let h = hi.doubleValue else { return nil }
            var unevaluated = false
            func clip(_ x: Expr) -> Expr {
                if x.isList { return x.withArgs(x.args.map(clip)).repackedLike(x) }
                guard let d = x.doubleValue else { unevaluated = true; return x }
                if d < l { return vlo }
                if d > h { return vhi }
                return x
            }
            if case .packed(let p) = call.args[0], case .reals(let a) = p.storage, case .real = vlo, case .real = vhi,
               let vl = vlo.doubleValue, let vh = vhi.doubleValue {
                return .packed(PackedArray(shape: p.shape, storage: .reals(a.map { $0 < l ? vl : ($0 > h ? vh : $0) })))
            }
            let r = clip(call.args[0])
            return unevaluated ? nil : r
        }

        define("Rescale", arguments: ArgumentCount(1, 3), usage: "Rescale[x, {min, max}] gives x rescaled to run from 0 to 1 over the range min to max.\nRescale[x, {min, max}, {xmin, xmax}] gives x rescaled to run from xmin to xmax over the range min to max.\nRescale[list] rescales each element of list to run from 0 to 1 over the range of the smallest to largest element of list.") { call throws(EvaluationControl) in
            let x = call.args[0]
            var lo: Expr, hi: Expr
            if call.args.count >= 2 {
                let b = call.args[1]
                guard b.isList, b.length == 2 else { call.message("interval", b); return nil }
                lo = b.args[0]; hi = b.args[1]
            } else {
                guard x.isList else { return nil }
                let flat = collectLevels(x, LibLevelSpec(min: -1, max: -1))
                let nums = flat.compactMap(LNum.init)
                guard nums.count == flat.count, let mn = nums.min(by: <), let mx = nums.max(by: <) else { return nil }
                lo = mn.expr; hi = mx.expr
            }
            var ylo: Expr = 0, yhi: Expr = 1
            if call.args.count == 3 {
                let y = call.args[2]
                guard y.isList, y.length == 2 else { call.message("interval", y); return nil }
                ylo = y.args[0]; yhi = y.args[1]
            }
            func rescale(_ v: Expr) -> Expr {
                if v.isList { return v.withArgs(v.args.map(rescale)).repackedLike(v) }
                // ylo + (v - lo) (yhi - ylo) / (hi - lo)
                let t = divExprs(subExprs(v, lo), subExprs(hi, lo))
                if ylo == 0 && yhi == 1 { return t }
                return addExprs(ylo, mulExprs(t, subExprs(yhi, ylo)))
            }
            return rescale(x)
        }

        define("Norm", arguments: ArgumentCount(1, 2), usage: "Norm[expr] gives the norm of a number, vector, or matrix.\nNorm[expr, p] gives the p-norm.") { call throws(EvaluationControl) in
            let v = call.args[0]
            if v.isNumber { return .call(Sym.Abs, [v]) }
            guard v.isList else { return nil }
            let dims = arrayDimensions(v)
            if dims.count == 2 {
                return try call.kernel.matrixNorm(v, call.args.count == 2 ? call.args[1] : nil, call)
            }
            guard dims.count == 1 else { if dims.count > 2 { call.message("nvm") }; return nil }
            if call.args.count == 2 {
                let p = call.args[1]
                if p.isPositiveInfinity {
                    let abs = v.args.map { x -> Expr in LNum(x).map { n in (n < .exact(0, 1) ? -n : n).expr } ?? .call(Sym.Abs, [x]) }
                    if abs.isEmpty { return .integer(0) }
                    if abs.allSatisfy({ LNum($0) != nil }) { return abs.max { LNum($0)! < LNum($1)! }! }
                    return .call(Symbol.named("Max"), abs)
                }
                guard let pn = p.doubleValue, pn >= 1 else { call.message("ptype", p); return nil }
                return vectorNorm(v, p)
            }
            return vectorNorm(v, 2)
        }

        define("Normalize", arguments: ArgumentCount(1, 2), usage: "Normalize[v] gives the normalized form of a vector v.\nNormalize[z] gives the normalized form of a complex number z.\nNormalize[expr, f] normalizes with respect to the norm function f.") { call throws(EvaluationControl) in
            let v = call.args[0]
            let norm = call.args.count == 2 ? try call.kernel.eval(.call(call.args[1], [v])) : try call.kernel.eval(.call(Symbol.named("Norm"), [v]))
            if norm == .integer(0) || norm == .real(0) { return v }
            if case .packed(let p) = v, case .reals(let a) = p.storage, case .real(let n) = norm {
                return .packed(PackedArray(shape: p.shape, storage: .reals(a.map { $0 / n })))
            }
            if v.isList { return v.withArgs(v.args.map { divExprs($0, norm) }).repackedLike(v) }
            return divExprs(v, norm)
        }
    }
}

/// The p-norm of a vector: computed for machine reals and exact integers (perfect powers), else
/// `Power[Plus[Abs[x]^p …], 1/p]`.
func vectorNorm(_ v: Expr, _ p: Expr) -> Expr {
    let xs = v.args
    if p == .integer(2) {
        if case .packed(let pk) = v, case .reals(let a) = pk.storage {
            var s = 0.0
            for x in a { s += x * x }
            return .real(s.squareRoot())
        }
        if xs.allSatisfy(\.isRealNumber) {
            let nums = xs.map { LNum($0)! }
            if nums.contains(where: { !$0.isExact }) {
                return .real(nums.reduce(0.0) { $0 + $1.double * $1.double }.squareRoot())
            }
            var s = LNum.exact(0, 1)
            for x in nums { s = s + x * x }
            return exactSquareRoot(s.expr) ?? .call(Sym.Power, [s.expr, .rational(1, over: 2)])
        }
        let terms = xs.map { Expr.call(Sym.Power, [.call(Sym.Abs, [$0]), .integer(2)]) }
        return .call(Sym.Power, [.call(Sym.Plus, terms), .rational(1, over: 2)])
    }
    if let pd = p.doubleValue, xs.allSatisfy(\.isRealNumber) {
        let isMachine: (Expr) -> Bool = { if case .real = $0 { return true }; return false }
        if isMachine(p) || xs.contains(where: isMachine) {
            return .real(Double.pow(xs.reduce(0.0) { $0 + Double.pow(abs($1.doubleValue!), pd) }, 1 / pd))
        }
        if let k = p.int, k >= 1, xs.allSatisfy({ $0.bigIntegerValue != nil }) {
            var s = BigInt(0)
            for x in xs { let b = x.bigIntegerValue!; s += (b.sign == .minus ? -b : b).power(k) }
            if k == 1 { return .integer(s) }
            return .call(Sym.Power, [.integer(s), .rational(1, over: BigInt(k))])
        }
    }
    let terms = xs.map { Expr.call(Sym.Power, [.call(Sym.Abs, [$0]), p]) }
    return .call(Sym.Power, [.call(Sym.Plus, terms), .call(Sym.Power, [p, .integer(-1)])])
}

extension Expr {
    /// The value as a big integer, when this is an integer.
    var bigIntegerValue: BigInt? {
        switch self {
        case .integer(let i): return BigInt(i)
        case .bigInteger(let b): return b
        default: return nil
        }
    }
}

/// The exact square root of a non-negative integer or rational when it is one, else nil.
func exactSquareRoot(_ x: Expr) -> Expr? {
    func isqrt(_ n: BigInt) -> BigInt? {
        guard n.sign == .plus || n.isZero else { return nil }
        let r = n.squareRoot()
        return r * r == n ? r : nil
    }
    switch x {
    case .integer, .bigInteger:
        return isqrt(x.bigIntegerValue!).map { Expr.integer($0) }
    case .rational(let n, let d):
        guard let a = isqrt(n), let b = isqrt(d) else { return nil }
        return .rational(a, over: b)
    default: return nil
    }
}

/// Mean of a list (column means for a matrix).
func meanOf(_ e: Expr, _ call: BuiltinCall) -> Expr? {
    guard e.isList, e.length > 0 else { call.message("rectt", 1, call.expr); return nil }
    let n = e.length
    if case .packed(let p) = e {
        switch packedTotal(p) {
        case .real(let s): return .real(s / Double(n))
        case .packed(let q):
            switch q.storage {
            case .reals(let a): return .packed(PackedArray(shape: q.shape, storage: .reals(a.map { $0 / Double(n) })))
            case .integers: return divExprs(.packed(q), .integer(n)).repackedLike(.packed(q))
            }
        case let t: return divExprs(t, .integer(n))
        }
    }
    let a = e.args
    if a.allSatisfy(\.isList) {
        let dims = arrayDimensions(e)
        guard dims.count >= 2 else { call.message("rectt", 1, call.expr); return nil }
    }
    let total = e.totalSlow()
    if LNum(total) != nil || total.isList { return divExprs(total, .integer(n)) }
    return .call(Sym.Times, [.rational(1, over: BigInt(n)), total])
}
