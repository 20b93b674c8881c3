import RampSyntax

/// `Prime` and `PrimePi`, on machine integers by `PrimeCounting` (RampSyntax): π(x) by the
/// Legendre-style recurrence over the values ⌊x/k⌋, the n-th prime from the inverse logarithmic
/// integral corrected with an exact count and a segmented sieve. The working memory (2√x words)
/// is checked against `SizeLimit` first: past it, `General::nomem` and `$Failed`.
extension Kernel {
    func installPrimeCounting() {
        define(BuiltinSpec("Prime", attributes: [.listable, .numericFunction], arguments: .exactly(1),
                           messages: [("intpp", "Positive integer argument expected in `1`.")],
                           usage: "Prime[n] gives the nth prime number.") { call throws(EvaluationControl) in
            let e = call.args[0]
            if e.isListLike { return nil }   // threads over lists (packed ones come here whole)
            guard e.isNumber else { return nil }
            guard let n = Numbers.bigInt(e), n.sign == .plus, !n.isZero else {
                call.message("intpp", call.expr)
                return nil
            }
            // p_n < n (ln n + ln ln n) for n ≥ 6: the counting works below that.
            guard let k = n.int, k < 1 << 56,
                  call.allowsAllocation(count: PrimeCounting.countingWords(PrimeCounting.nthPrimeBound(k)), elementSize: 8)
            else {
                if n.int == nil || n.int! >= 1 << 56 { call.outOfMemory() }
                return .symbol(Sym.Failed)
            }
            guard let p = PrimeCounting.nthPrime(k, shouldStop: call.kernel.abortPending) else {
                try call.kernel.checkAbort()
                return nil
            }
            return .integer(p)
        })

        define(BuiltinSpec("PrimePi", attributes: [.listable, .numericFunction], arguments: .exactly(1),
                           usage: "PrimePi[x] gives the number of primes less than or equal to x.") { call throws(EvaluationControl) in
            let e = call.args[0]
            if e.isListLike { return nil }
            // Integers, rationals and machine reals: the count up to ⌊x⌋.
            let floor: BigInt
            switch e {
            case .integer, .bigInteger: floor = Numbers.bigInt(e)!
            case .rational(let p, let q): floor = p.floorDivided(by: q)
            case .real(let x) where x.isFinite: floor = BigInt(x.rounded(.down))
            default: return nil
            }
            if floor < 2 { return 0 }
            guard let x = floor.int, call.allowsAllocation(count: PrimeCounting.countingWords(x), elementSize: 8) else {
                if floor.int == nil { call.outOfMemory() }
                return .symbol(Sym.Failed)
            }
            guard let count = PrimeCounting.primePi(x, shouldStop: call.kernel.abortPending) else {
                try call.kernel.checkAbort()
                return nil
            }
            return .integer(count)
        })
    }
}

extension Expr {
    /// A list, packed or not (Listable builtins see packed arrays whole and leave them to threading).
    var isListLike: Bool {
        if case .packed = self { return true }
        return hasHead(Sym.List)
    }
}
