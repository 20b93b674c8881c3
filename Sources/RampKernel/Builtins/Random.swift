import RampSyntax

/// RandomReal, RandomInteger, RandomChoice, RandomSample, SeedRandom, BlockRandom.
///
/// Every kernel owns one `Xoshiro256StarStar` generator. `SeedRandom[s]` seeds it through
/// SplitMix64 from the integer `s` (or a 64-bit FNV-1a hash of a string seed), so the same seed
/// gives the same numbers on every run and machine. Only an unseeded kernel (and `SeedRandom[]`)
/// draws its starting state from the system's entropy. `SeedRandom[s]` returns, as Wolfram does, a
/// `RandomGeneratorState[method, {w0, w1, w2, w3}]` that reproduces the sequence when given back
/// to `SeedRandom`.

/// xoshiro256** (Blackman & Vigna), a small, fast, well-tested 64-bit generator.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// Seeds the four state words from `seed` with SplitMix64 (never all zero).
    public init(seed: UInt64) {
        var z = seed
        func splitmix() -> UInt64 {
            z &+= 0x9E37_79B9_7F4A_7C15
            var x = z
            x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
            x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
            return x ^ (x >> 31)
        }
        s0 = splitmix(); s1 = splitmix(); s2 = splitmix(); s3 = splitmix()
    }

    @inline(__always) public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// A double uniformly in [0, 1).
    @inline(__always) public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Fills `buffer` with `lo + width * u` for successive uniform `u` in [0, 1): the same numbers as
    /// calling ``nextUnit()`` in turn, with the state kept in registers.
    public mutating func fillUniform(_ buffer: UnsafeMutableBufferPointer<Double>, lo: Double, width: Double) {
        var a = s0, b = s1, c = s2, d = s3
        guard let out = buffer.baseAddress else { return }
        let unitOnly = lo == 0 && width == 1
        for i in 0..<buffer.count {
            let r = ((b &* 5) << 7 | (b &* 5) >> 57) &* 9
            let t = b << 17
            c ^= a; d ^= b; b ^= c; a ^= d
            c ^= t
            d = (d << 45) | (d >> 19)
            let u = Double(r >> 11) * 0x1.0p-53
            out[i] = unitOnly ? u : lo + width * u
        }
        s0 = a; s1 = b; s2 = c; s3 = d
    }

    /// An integer uniformly in 0..<bound (bound > 0), without modulo bias (Lemire's method).
    @inline(__always) public mutating func nextBelow(_ bound: UInt64) -> UInt64 {
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound
            while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
        }
        return m.high
    }
}

extension Xoshiro256StarStar {
    static let methodName = "Xoshiro256StarStar"

    /// `RandomGeneratorState["Xoshiro256StarStar", {w0, w1, w2, w3}]` (the words as signed integers).
    var stateExpr: Expr {
        let words = [s0, s1, s2, s3].map { Expr.integer(Int(Int64(bitPattern: $0))) }
        return .call(Symbol.named("RandomGeneratorState"), [.string(Self.methodName), .list(words)])
    }

    /// The generator a `RandomGeneratorState[…]` stands for (nil for anything else or an all-zero state).
    init?(stateExpr e: Expr) {
        guard e.hasHead(Symbol.named("RandomGeneratorState")), e.args.count == 2, e.args[0] == .string(Self.methodName),
              e.args[1].isList, e.args[1].args.count == 4 else { return nil }
        var w: [UInt64] = []
        for x in e.args[1].args {
            guard let i = x.int else { return nil }
            w.append(UInt64(bitPattern: Int64(i)))
        }
        guard w.contains(where: { $0 != 0 }) else { return nil }
        self.init(seed: 0)
        s0 = w[0]; s1 = w[1]; s2 = w[2]; s3 = w[3]
    }
}

/// The per-kernel random state (captured by the Random builtins' closures).
final class RandomState {
    var generator: Xoshiro256StarStar
    init() {
        var system = SystemRandomNumberGenerator()
        generator = Xoshiro256StarStar(seed: system.next())
    }
}

/// A 64-bit seed from a `SeedRandom` argument: an integer (any size) or a string.
func seedValue(_ e: Expr) -> UInt64? {
    switch e {
    case .integer(let i): return UInt64(bitPattern: Int64(i))
    case .bigInteger(let b):
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for w in b.magnitudeWords { h = (h ^ UInt64(w)) &* 0x100_0000_01B3 }
        return b.sign == .minus ? ~h : h
    case .string(let s):
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in s.utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return h
    default: return nil
    }
}

extension Kernel {
    /// 64 random bits from the kernel's generator: the one `SeedRandom` seeds and `BlockRandom`
    /// localizes. Native code whose randomness should follow `SeedRandom` (nets under
    /// `RandomSeeding -> Inherited`) draws its seed here.
    public func nextRandomWord() -> UInt64 { randomState.generator.next() }

    func installRandomBuiltins() {
        let state = randomState
        setMessage("RandomReal", "unifr", "The endpoints specified by `1` for the endpoints of the uniform distribution range are not real valued.")
        setMessage("RandomInteger", "unifr", "The endpoints specified by `1` for the endpoints of the discrete uniform distribution range are not integers.")
        for name in ["RandomReal", "RandomInteger", "RandomChoice"] {
            setMessage(name, "array", "The array dimensions `1` given in position `2` of `3` should be a list of non-negative machine-sized integers giving the dimensions for the result.")
        }
        setMessage("RandomChoice", "lrwl", "The items for choice `1` should be a list or a rule weights -> choices.")
        setMessage("RandomSample", "lrwl", "The items for choice `1` should be a list or a rule weights -> choices.")
        setMessage("RandomChoice", "wghtv", "The weights on the left-hand side of `1` has to be a list of non-negative numbers with the same length as the list of items on the right-hand side.")
        setMessage("RandomSample", "wghtv", "The weights on the left-hand side of `1` has to be a list of non-negative numbers with the same length as the list of items on the right-hand side.")
        setMessage("RandomSample", "smplen", "RandomSample cannot generate a sample of length `1`, which is greater than the length of the sample set `2`. If you want a choice of possibly repeated elements from the set, use RandomChoice.")
        setMessage("RandomSample", "array", "The number of samples `1` given in position `2` of `3` should be a non-negative machine-sized integer.")
        setMessage("SeedRandom", "seed", "The seed `1` should be an integer or a string.")

        /// Dimensions from `n` or `{n1, n2, …}` at argument `position`, within `SizeLimit` for
        /// elements of `elementSize` bytes; nil after a message (`array`, or `nomem` and `$Failed`).
        func dims(_ call: BuiltinCall, _ position: Int, elementSize: Int = SizeLimit.packedElement) -> [Int]?? {
            let e = call.args[position - 1]
            var d: [Int]
            if let n = e.int, n >= 0 { d = [n] }
            else if e.isList, e.args.allSatisfy({ ($0.int ?? -1) >= 0 }) { d = e.args.map { $0.int! } }
            else { call.message("array", e, .integer(position), call.expr); return nil }
            guard call.allowsAllocation(dimensions: d, elementSize: elementSize) else { return .some(nil) }
            return d
        }

        /// A packed array (or `{}`/nested empty lists when a dimension is zero).
        func shaped(_ d: [Int], _ storage: PackedArray.Storage) -> Expr {
            if d.isEmpty { return .emptyList }
            return PackedArray.expr(shape: d, storage: storage)
        }

        define("RandomReal", arguments: ArgumentCount(0, 2), usage: "RandomReal[] gives a pseudorandom real number in the range 0 to 1.\nRandomReal[{xmin, xmax}] gives a pseudorandom real number in the range xmin to xmax.\nRandomReal[xmax] gives a pseudorandom real number in the range 0 to xmax.\nRandomReal[range, n] gives a list of n pseudorandom reals.\nRandomReal[range, {n1, n2, …}] gives an n1×n2×… array of pseudorandom reals.") { call throws(EvaluationControl) in
            var lo = 0.0, hi = 1.0
            if let r = call.args.first {
                if let m = r.doubleValue { hi = m }
                else if r.isList, r.length == 2, let a = r.args[0].doubleValue, let b = r.args[1].doubleValue { lo = a; hi = b }
                else { call.message("unifr", r); return nil }
            }
            let width = hi - lo
            if call.args.count < 2 { return .real(lo + width * state.generator.nextUnit()) }
            guard let spec = dims(call, 2) else { return nil }
            guard let d = spec else { return .failed }
            let count = d.reduce(1, *)
            var g = state.generator
            let out = LargeBuffers.make(Double.self, count: count) { buf in
                g.fillUniform(buf, lo: lo, width: width)
            }
            state.generator = g
            return shaped(d, .reals(out))
        }

        define("RandomInteger", arguments: ArgumentCount(0, 2), usage: "RandomInteger[{imin, imax}] gives a pseudorandom integer in the range {imin, imax}.\nRandomInteger[imax] gives a pseudorandom integer in the range {0, imax}.\nRandomInteger[] pseudorandomly gives 0 or 1.\nRandomInteger[range, n] gives a list of n pseudorandom integers.\nRandomInteger[range, {n1, n2, …}] gives an n1×n2×… array of pseudorandom integers.") { call throws(EvaluationControl) in
            var lo = 0, hi = 1
            if let r = call.args.first {
                if let m = r.int { lo = Swift.min(0, m); hi = Swift.max(0, m) }
                else if r.isList, r.length == 2, let a = r.args[0].int, let b = r.args[1].int, a <= b { lo = a; hi = b }
                else if let (a, b) = Self.bigRange(r) {
                    var shape: [Int]? = nil
                    if call.args.count == 2 {
                        // Each number is an expression holding a GMP integer: counted generously.
                        guard let spec = dims(call, 2, elementSize: 64 + (b - a).bitLength / 8) else { return nil }
                        guard let d = spec else { return .failed }
                        shape = d
                    }
                    return try Self.randomBigIntegers(a, b, dimensions: shape, call, state: state)
                }
                else { call.message("unifr", r); return nil }
            }
            let span = UInt64(bitPattern: Int64(hi &- lo)) &+ 1  // 0 means the full 64-bit range
            func draw(_ g: inout Xoshiro256StarStar) -> Int {
                let u = span == 0 ? g.next() : g.nextBelow(span)
                return lo &+ Int(bitPattern: UInt(u))
            }
            if call.args.count < 2 { return .integer(draw(&state.generator)) }
            guard let spec = dims(call, 2) else { return nil }
            guard let d = spec else { return .failed }
            let count = d.reduce(1, *)
            var out = [Int](repeating: 0, count: count)
            var g = state.generator
            for i in 0..<count { out[i] = draw(&g) }
            state.generator = g
            return shaped(d, .integers(out))
        }

        /// Items and cumulative weights from `list` or `weights -> list`; nil after a message.
        func choiceItems(_ call: BuiltinCall) -> ([Expr], [Double]?)? {
            let e = call.args[0]
            if e.isRule {
                let w = e.args[0], items = e.args[1]
                guard items.isList, w.isList, w.length == items.length, w.args.allSatisfy({ ($0.doubleValue ?? -1) >= 0 }),
                      w.args.contains(where: { $0.doubleValue! > 0 }) else {
                    call.message("wghtv", e); return nil
                }
                var acc = 0.0
                return (items.args, w.args.map { acc += $0.doubleValue!; return acc })
            }
            if let a = e.association { return (a.values, nil) }
            guard !e.isAtom else { call.message("lrwl", e); return nil }
            return (e.args, nil)
        }

        func pickIndex(_ count: Int, _ cumulative: [Double]?, _ g: inout Xoshiro256StarStar) -> Int {
            guard let c = cumulative else { return Int(g.nextBelow(UInt64(count))) }
            let u = g.nextUnit() * c.last!
            var lo = 0, hi = c.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if c[mid] > u { hi = mid } else { lo = mid + 1 }
            }
            return lo
        }

        define("RandomChoice", arguments: ArgumentCount(1, 2), usage: "RandomChoice[{e1, e2, …}] gives a pseudorandom choice of one of the ei.\nRandomChoice[list, n] gives a list of n pseudorandom choices.\nRandomChoice[list, {n1, n2, …}] gives an n1×n2×… array of pseudorandom choices.\nRandomChoice[{w1, w2, …} -> {e1, e2, …}] gives a pseudorandom choice weighted by the wi.\nRandomChoice[wlist -> elist, n] gives a list of n weighted choices.\nRandomChoice[wlist -> elist, {n1, n2, …}] gives an n1×n2×… array of weighted choices.") { call throws(EvaluationControl) in
            guard let (items, cumulative) = choiceItems(call) else { return nil }
            if items.isEmpty { call.message("lrwl", call.args[0]); return nil }
            if call.args.count == 1 { return items[pickIndex(items.count, cumulative, &state.generator)] }
            guard let spec = dims(call, 2, elementSize: SizeLimit.expression) else { return nil }
            guard let d = spec else { return .failed }
            let count = d.reduce(1, *)
            var picked: [Expr] = []
            picked.reserveCapacity(count)
            for _ in 0..<count { picked.append(items[pickIndex(items.count, cumulative, &state.generator)]) }
            var pos = 0
            func build(_ l: Int) -> Expr {
                if l == d.count { defer { pos += 1 }; return picked[pos] }
                return .list((0..<d[l]).map { _ in build(l + 1) })
            }
            return .listPackingIfPossible(build(0).args)
        }

        define("RandomSample", arguments: ArgumentCount(1, 2), usage: "RandomSample[{e1, e2, …}, n] gives a pseudorandom sample of n of the ei.\nRandomSample[{w1, w2, …} -> {e1, e2, …}, n] gives a pseudorandom sample of n of the ei chosen using weights wi.\nRandomSample[{e1, e2, …}] gives a pseudorandom permutation of the ei.") { call throws(EvaluationControl) in
            guard let (items, cumulative) = choiceItems(call) else { return nil }
            var n = items.count
            if call.args.count == 2 {
                let spec = call.args[1]
                if let k = spec.int, k >= 0 { n = k }
                else if case .normal(let u) = spec, u.head.symbol === Sym.UpTo, let k = u.args.first?.int, k >= 0 { n = Swift.min(k, items.count) }
                else { call.message("array", spec, 2, call.expr); return nil }
            }
            if n > items.count { call.message("smplen", .integer(n), .integer(items.count)); return nil }
            var out: [Expr] = []
            out.reserveCapacity(n)
            if let cumulative {
                var weights = [Double](repeating: 0, count: cumulative.count)
                for i in weights.indices { weights[i] = cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]) }
                var remaining = Array(items.indices)
                for _ in 0..<n {
                    let total = remaining.reduce(0.0) { $0 + weights[$1] }
                    var u = state.generator.nextUnit() * total
                    var chosen = remaining.count - 1
                    for (j, i) in remaining.enumerated() {
                        u -= weights[i]
                        if u < 0 { chosen = j; break }
                    }
                    out.append(items[remaining[chosen]])
                    remaining.remove(at: chosen)
                }
            } else {
                // Partial Fisher–Yates shuffle.
                var pool = items
                for i in 0..<n {
                    let j = i + Int(state.generator.nextBelow(UInt64(pool.count - i)))
                    pool.swapAt(i, j)
                }
                out = Array(pool[0..<n])
            }
            let e = call.args[0]
            let result = e.isRule || isAssociation(e) ? Expr.list(out) : e.withArgs(out)
            return result.repackedLike(e.isRule ? e.args[1] : e)
        }

        define("SeedRandom", arguments: ArgumentCount(0, 2), usage: "SeedRandom[n] resets the pseudorandom generator, using n as a seed.\nSeedRandom[] resets the generator, using as a seed the time of day and certain attributes of the current Wolfram System session.") { call throws(EvaluationControl) in
            if let s = call.args.first {
                if let g = Xoshiro256StarStar(stateExpr: s) {
                    state.generator = g
                } else {
                    guard let seed = seedValue(s) else { call.message("seed", s); return nil }
                    state.generator = Xoshiro256StarStar(seed: seed)
                }
            } else {
                var system = SystemRandomNumberGenerator()
                state.generator = Xoshiro256StarStar(seed: system.next())
            }
            return state.generator.stateExpr
        }

        define("BlockRandom", attributes: [.holdFirst], arguments: .exactly(1), usage: "BlockRandom[expr] evaluates expr with all pseudorandom generators localized, so that uses of SeedRandom, RandomInteger, and related functions within the evaluation of expr do not affect subsequent pseudorandom sequences.") { call throws(EvaluationControl) in
            let saved = state.generator
            defer { state.generator = saved }
            return try call.kernel.eval(call.args[0])
        }
    }
}

extension Kernel {
    /// The range of `RandomInteger[n]` or `RandomInteger[{a, b}]` when an endpoint is past the
    /// machine integers (nil otherwise, or for an empty range).
    static func bigRange(_ r: Expr) -> (BigInt, BigInt)? {
        if let m = Numbers.bigInt(r), r.int == nil { return m.sign == .minus ? (m, 0) : (0, m) }
        guard r.isList, r.length == 2, let a = Numbers.bigInt(r.args[0]), let b = Numbers.bigInt(r.args[1]), a <= b else { return nil }
        return (a, b)
    }

    /// Uniform integers in [a, b] for ranges beyond the machine integers: random 64-bit words,
    /// the top one masked to the span's bit length, drawn again when past the span.
    static func randomBigIntegers(_ a: BigInt, _ b: BigInt, dimensions: [Int]?, _ call: BuiltinCall, state: RandomState) throws(EvaluationControl) -> Expr {
        let span = b - a + 1
        let bits = span.bitLength, words = (bits + 63) / 64
        let topMask: UInt64 = bits % 64 == 0 ? ~0 : (1 << UInt64(bits % 64)) - 1
        // One number of `words` words must fit the size limit too (RandomInteger[2^(10^10)]).
        guard call.allowsAllocation(dimensions: [words], elementSize: 8) else { return .failed }
        var buffer = [UInt](repeating: 0, count: words)
        func draw(_ g: inout Xoshiro256StarStar) throws(EvaluationControl) -> Expr {
            while true {
                for i in 0..<words { buffer[i] = UInt(i == words - 1 ? g.next() & topMask : g.next()) }
                let r = BigInt(magnitudeWords: buffer)
                if r < span { return .integer(a + r) }
                try call.kernel.checkAbort()
            }
        }
        var g = state.generator
        defer { state.generator = g }
        guard let d = dimensions else { return try draw(&g) }
        let count = d.reduce(1, *)
        var items: [Expr] = []
        items.reserveCapacity(count)
        for _ in 0..<count {
            try call.kernel.checkAbort()
            items.append(try draw(&g))
        }
        func nest(_ dims: ArraySlice<Int>, _ flat: inout ArraySlice<Expr>) -> Expr {
            guard let n = dims.first else { return flat.popFirst()! }
            return .list((0..<n).map { _ in nest(dims.dropFirst(), &flat) })
        }
        var flat = items[...]
        return nest(d[...], &flat)
    }
}
