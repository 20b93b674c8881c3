import RampSyntax
import RealModule

/// Threading of arithmetic over lists (what the `Listable` attribute does), with fast paths that work
/// on the flat buffers of packed arrays: packed ⊕ scalar and packed ⊕ packed of equal shape.
enum ListThreading {
    enum Outcome {
        /// No argument is a list.
        case noLists
        /// Lists of unequal length (a `Thread::tdlen` message was issued).
        case mismatch
        case result(Expr)
    }

    /// Threads `f` elementwise over the list arguments of `args`; scalars are repeated.
    static func thread(_ args: [Expr], kernel: Kernel?, head: Symbol, _ f: ([Expr]) throws(EvaluationControl) -> Expr) throws(EvaluationControl) -> Outcome {
        var length = -1
        for a in args {
            let n: Int
            switch a {
            case .packed(let p): n = p.shape[0]
            case .normal(let x) where x.head.symbol === Sym.List: n = x.args.count
            default: continue
            }
            if length >= 0 && n != length {
                kernel?.message(Symbol.named("Thread"), "tdlen", [.call(head, args)])
                return .mismatch
            }
            length = n
        }
        if length < 0 { return .noLists }
        var out: [Expr] = []
        out.reserveCapacity(length)
        let parts: [[Expr]?] = args.map { a in
            switch a {
            case .packed(let p): return p.parts
            case .normal(let x) where x.head.symbol === Sym.List: return x.args
            default: return nil
            }
        }
        for i in 0..<length {
            if i & 1023 == 0 { try kernel?.checkAbort() }
            var elementArgs: [Expr] = []
            elementArgs.reserveCapacity(args.count)
            for (j, a) in args.enumerated() { elementArgs.append(parts[j]?[i] ?? a) }
            out.append(try f(elementArgs))
        }
        return .result(PackedArray.pack(.list(out)).map(Expr.packed) ?? .list(out))
    }

    /// A machine scalar or a packed array, as seen by the fast paths.
    private enum Operand {
        case int(Int)
        case real(Double)
        case packed(PackedArray)
    }

    private static func operand(_ e: Expr) -> Operand? {
        switch e {
        case .integer(let i): return .int(i)
        case .real(let d): return .real(d)
        case .packed(let p): return .packed(p)
        default: return nil
        }
    }

    enum Op { case plus, times }

    /// `Plus`/`Times` of packed arrays and machine scalars on the flat buffers; nil when not applicable
    /// (other arguments, unequal shapes, integer overflow).
    static func packedFold(_ args: [Expr], _ op: Op) -> Expr? {
        var shape: [Int]? = nil
        var anyReal = false
        var operands: [Operand] = []
        operands.reserveCapacity(args.count)
        for a in args {
            guard let o = operand(a) else { return nil }
            switch o {
            case .packed(let p):
                if let s = shape, s != p.shape { return nil }
                shape = p.shape
                if case .reals = p.storage { anyReal = true }
            case .real: anyReal = true
            case .int: break
            }
            operands.append(o)
        }
        guard let shape else { return nil }
        let count = shape.reduce(1, *)
        if anyReal {
            // The first packed operand fills the accumulator (a pass fewer than filling with 0 or 1).
            let unit: Double = op == .plus ? 0 : 1
            var rest = operands[...]
            var first: PackedArray? = nil
            if let k = operands.firstIndex(where: { if case .packed = $0 { return true }; return false }), case .packed(let p) = operands[k] {
                first = p
                var others = operands
                others.remove(at: k)
                rest = others[...]
            }
            var acc = LargeBuffers.make(Double.self, count: count) { a in
                switch first?.storage {
                case .reals(let r)?: r.withUnsafeBufferPointer { b in for i in a.indices { a[i] = b[i] } }
                case .integers(let r)?: r.withUnsafeBufferPointer { b in for i in a.indices { a[i] = Double(b[i]) } }
                case nil: for i in a.indices { a[i] = unit }
                }
            }
            for o in rest {
                switch o {
                case .int(let i): applyScalar(&acc, Double(i), op)
                case .real(let d): applyScalar(&acc, d, op)
                case .packed(let p):
                    switch p.storage {
                    case .reals(let r): applyArray(&acc, r, op)
                    case .integers(let r): applyArray(&acc, r, op)
                    }
                }
            }
            return .packed(PackedArray(reals: acc, shape: shape))
        }
        let unit = op == .plus ? 0 : 1
        var rest = operands[...]
        var first: [Int]? = nil
        if let k = operands.firstIndex(where: { if case .packed = $0 { return true }; return false }),
           case .packed(let p) = operands[k], case .integers(let r) = p.storage {
            first = r
            var others = operands
            others.remove(at: k)
            rest = others[...]
        }
        var acc = LargeBuffers.make(Int.self, count: count) { a in
            if let first {
                first.withUnsafeBufferPointer { b in for i in a.indices { a[i] = b[i] } }
            } else {
                for i in a.indices { a[i] = unit }
            }
        }
        for o in rest {
            switch o {
            case .int(let i): guard applyScalar(&acc, i, op) else { return nil }
            case .packed(let p):
                guard case .integers(let r) = p.storage, applyArray(&acc, r, op) else { return nil }
            case .real: return nil
            }
        }
        return .packed(PackedArray(integers: acc, shape: shape))
    }

    private static func applyScalar(_ acc: inout [Double], _ s: Double, _ op: Op) {
        acc.withUnsafeMutableBufferPointer { a in
            if op == .plus { for i in a.indices { a[i] += s } } else { for i in a.indices { a[i] *= s } }
        }
    }

    private static func applyArray(_ acc: inout [Double], _ r: [Double], _ op: Op) {
        acc.withUnsafeMutableBufferPointer { a in
            r.withUnsafeBufferPointer { b in
                if op == .plus { for i in a.indices { a[i] += b[i] } } else { for i in a.indices { a[i] *= b[i] } }
            }
        }
    }

    private static func applyArray(_ acc: inout [Double], _ r: [Int], _ op: Op) {
        acc.withUnsafeMutableBufferPointer { a in
            r.withUnsafeBufferPointer { b in
                if op == .plus { for i in a.indices { a[i] += Double(b[i]) } } else { for i in a.indices { a[i] *= Double(b[i]) } }
            }
        }
    }

    private static func applyScalar(_ acc: inout [Int], _ s: Int, _ op: Op) -> Bool {
        acc.withUnsafeMutableBufferPointer { a in
            var overflow = false
            if op == .plus {
                for i in a.indices { let (v, o) = a[i].addingReportingOverflow(s); a[i] = v; overflow = overflow || o }
            } else {
                for i in a.indices { let (v, o) = a[i].multipliedReportingOverflow(by: s); a[i] = v; overflow = overflow || o }
            }
            return !overflow
        }
    }

    private static func applyArray(_ acc: inout [Int], _ r: [Int], _ op: Op) -> Bool {
        acc.withUnsafeMutableBufferPointer { a in
            r.withUnsafeBufferPointer { b in
                var overflow = false
                if op == .plus {
                    for i in a.indices { let (v, o) = a[i].addingReportingOverflow(b[i]); a[i] = v; overflow = overflow || o }
                } else {
                    for i in a.indices { let (v, o) = a[i].multipliedReportingOverflow(by: b[i]); a[i] = v; overflow = overflow || o }
                }
                return !overflow
            }
        }
    }

    /// `Power` with a packed array base or exponent on the flat buffers; nil when not applicable.
    static func packedPower(_ b: Expr, _ e: Expr) -> Expr? {
        switch (b, e) {
        case (.packed(let p), .integer(let k)) where k >= 0:
            switch p.storage {
            case .integers(let a):
                var ok = true
                let out = LargeBuffers.make(Int.self, count: a.count) { dst in
                    a.withUnsafeBufferPointer { src in
                        for i in src.indices {
                            guard let v = intPower(src[i], k) else { ok = false; dst[i] = 0; continue }
                            dst[i] = v
                        }
                    }
                }
                return ok ? .packed(PackedArray(integers: out, shape: p.shape)) : nil
            case .reals(let a):
                return .packed(PackedArray(reals: a.map { Double.pow($0, k) }, shape: p.shape))
            }
        case (.packed(let p), .real(let y)):
            guard case .reals(let a) = p.storage else {
                guard case .integers(let ints) = p.storage, ints.allSatisfy({ $0 >= 0 }) else { return nil }
                return .packed(PackedArray(reals: ints.map { Double.pow(Double($0), y) }, shape: p.shape))
            }
            if y != y.rounded() && a.contains(where: { $0 < 0 }) { return nil }
            return .packed(PackedArray(reals: a.map { realPow($0, y) }, shape: p.shape))
        case (.packed(let p), .integer(let k)) where k < 0:
            guard case .reals(let a) = p.storage else { return nil }
            return .packed(PackedArray(reals: a.map { Double.pow($0, k) }, shape: p.shape))
        case (.real(let x), .packed(let q)):
            let ys: [Double]
            switch q.storage {
            case .reals(let a): ys = a
            case .integers(let a): ys = a.map(Double.init)
            }
            if x < 0 && ys.contains(where: { $0 != $0.rounded() }) { return nil }
            return .packed(PackedArray(reals: ys.map { realPow(x, $0) }, shape: q.shape))
        case (.packed(let p), .packed(let q)) where p.shape == q.shape:
            if case .integers(let a) = p.storage, case .integers(let k) = q.storage {
                var out = [Int](repeating: 0, count: a.count)
                for i in a.indices {
                    guard k[i] >= 0, let v = intPower(a[i], k[i]) else { return nil }
                    out[i] = v
                }
                return .packed(PackedArray(integers: out, shape: p.shape))
            }
            let xs: [Double], ys: [Double]
            switch p.storage { case .reals(let a): xs = a; case .integers(let a): xs = a.map(Double.init) }
            switch q.storage { case .reals(let a): ys = a; case .integers(let a): ys = a.map(Double.init) }
            var out = [Double](repeating: 0, count: xs.count)
            for i in xs.indices {
                if xs[i] < 0 && ys[i] != ys[i].rounded() { return nil }
                if xs[i] == 0 && ys[i] <= 0 { return nil }
                out[i] = realPow(xs[i], ys[i])
            }
            return .packed(PackedArray(reals: out, shape: p.shape))
        default:
            return nil
        }
    }

    /// x^y for machine reals; a negative x only with an integral y (the callers check).
    @inline(__always) static func realPow(_ x: Double, _ y: Double) -> Double {
        if x >= 0 { return Double.pow(x, y) }
        if let k = Int(exactly: y) { return Double.pow(x, k) }
        // An integral exponent beyond Int (every double past 2^53 is even): the sign from its parity.
        let magnitude = Double.pow(-x, y)
        return y.truncatingRemainder(dividingBy: 2) == 0 ? magnitude : -magnitude
    }

    /// `x^k` for machine integers, nil on overflow.
    @inline(__always) static func intPower(_ x: Int, _ k: Int) -> Int? {
        var r = 1, base = x, m = k
        while m > 0 {
            if m & 1 == 1 {
                let (v, o) = r.multipliedReportingOverflow(by: base)
                if o { return nil }
                r = v
            }
            m >>= 1
            if m > 0 {
                let (v, o) = base.multipliedReportingOverflow(by: base)
                if o { if m > 0 { return nil } }
                base = v
            }
        }
        return r
    }
}
