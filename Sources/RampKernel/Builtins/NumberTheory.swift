import RampSyntax

/// Multiplicative number theory on exact integers: Divisors, DivisorSigma, EulerPhi, MoebiusMu,
/// JacobiSymbol, KroneckerSymbol, MultiplicativeOrder, PrimitiveRoot, ChineseRemainder,
/// PrimePowerQ, CoprimeQ and SquareFreeQ. Those that need the prime factors use
/// `IntegerFactorization` (IntegerTheory.swift), polling for aborts.
extension Kernel {
    func installNumberTheory() {
        installDivisorFunctions()
        installSymbols()
        installModularGroups()
        installNumberPredicates()
    }

    /// The factorization of `|n|` (n ≠ 0; [] for ±1); nil after an abort request.
    fileprivate func factorization(_ n: BigInt) throws(EvaluationControl) -> [(prime: BigInt, exponent: Int)]? {
        let m = n.magnitude
        if m == 1 { return [] }
        guard let f = IntegerFactorization.factor(m, shouldStop: abortPending) else {
            try checkAbort()
            return nil
        }
        return f
    }

    // MARK: Divisors, DivisorSigma, EulerPhi, MoebiusMu

    private func installDivisorFunctions() {
        define("Divisors", attributes: [.listable], arguments: .exactly(1),
               usage: "Divisors[n] gives a list of the integers that divide n.") { call throws(EvaluationControl) in
            guard let n = Numbers.bigInt(call.args[0]), !n.isZero else { return nil }
            guard let f = try call.kernel.factorization(n) else { return nil }
            // d(n) = Π (e + 1) divisors of about half n's bits on average, checked before building them.
            var count = 1
            for (_, e) in f {
                let (c, o) = count.multipliedReportingOverflow(by: e + 1)
                count = o ? Int.max : c
            }
            guard call.allowsAllocation(count: count, elementSize: SizeLimit.expression + n.bitLength / 16) else { return .symbol(Sym.Failed) }
            var divisors: [BigInt] = [1]
            for (p, e) in f {
                var next: [BigInt] = []
                next.reserveCapacity(divisors.count * (e + 1))
                var power = BigInt(1)
                for _ in 0...e {
                    for d in divisors { next.append(d * power) }
                    power *= p
                }
                divisors = next
                try call.kernel.checkAbort()
            }
            divisors.sort()
            return .list(divisors.map { .integer($0) })
        }

        define("DivisorSigma", attributes: [.listable], arguments: .exactly(2),
               usage: "DivisorSigma[k, n] gives the divisor function σk(n).") { call throws(EvaluationControl) in
            guard case .integer(let k) = call.args[0], let n = Numbers.bigInt(call.args[1]), !n.isZero else { return nil }
            // σ_k(n) has about |k| log2 n bits.
            let (bits, o) = n.bitLength.multipliedReportingOverflow(by: Int(Swift.min(k.magnitude, 1 << 40)))
            guard !o, SizeLimit.allowsInteger(bits: bits + 64) else { return IntegerFunctions.overflow(call.kernel) }
            guard let f = try call.kernel.factorization(n) else { return nil }
            let a = Int(k.magnitude)
            var sigma = BigInt(1)
            for (p, e) in f {
                if a == 0 {
                    sigma *= BigInt(e + 1)
                } else {
                    // 1 + p^a + p^2a + … + p^ea
                    let pa = p.power(a)
                    var term = BigInt(1), sum = BigInt(1)
                    for _ in 0..<e { term *= pa; sum += term }
                    sigma *= sum
                }
            }
            // σ_{-a}(n) = σ_a(n) / n^a.
            if k < 0 { return Expr.rational(sigma, over: n.magnitude.power(a)) }
            return .integer(sigma)
        }

        define("EulerPhi", attributes: [.listable], arguments: .exactly(1),
               usage: "EulerPhi[n] gives the Euler totient function ϕ(n).") { call throws(EvaluationControl) in
            guard let n = Numbers.bigInt(call.args[0]) else { return nil }
            if n.isZero { return 0 }
            guard let f = try call.kernel.factorization(n) else { return nil }
            return .integer(IntegerFunctions.totient(f))
        }

        define("MoebiusMu", attributes: [.listable], arguments: .exactly(1),
               usage: "MoebiusMu[n] gives the Möbius function μ(n).") { call throws(EvaluationControl) in
            guard let n = Numbers.bigInt(call.args[0]) else { return nil }
            if n.isZero { return 0 }
            guard let f = try call.kernel.factorization(n) else { return nil }
            if f.contains(where: { $0.exponent > 1 }) { return 0 }
            return f.count & 1 == 0 ? 1 : -1
        }
    }

    // MARK: JacobiSymbol, KroneckerSymbol

    private func installSymbols() {
        define("JacobiSymbol", attributes: [.listable], arguments: .exactly(2),
               usage: "JacobiSymbol[n, m] gives the Jacobi symbol (n/m).") { call in
            // Defined for odd positive m; otherwise the call stays.
            guard let n = Numbers.bigInt(call.args[0]), let m = Numbers.bigInt(call.args[1]), m.sign == .plus, m.isOdd else { return nil }
            return .integer(BigInt.jacobi(n, m))
        }
        define("KroneckerSymbol", attributes: [.listable], arguments: .exactly(2),
               usage: "KroneckerSymbol[n, m] gives the Kronecker symbol (n/m).") { call in
            guard let n = Numbers.bigInt(call.args[0]), let m = Numbers.bigInt(call.args[1]) else { return nil }
            return .integer(BigInt.kronecker(n, m))
        }
    }

    // MARK: MultiplicativeOrder, PrimitiveRoot, ChineseRemainder

    private func installModularGroups() {
        define("MultiplicativeOrder", attributes: [.listable], arguments: .exactly(2),
               usage: "MultiplicativeOrder[k, n] gives the multiplicative order of k modulo n, defined as the smallest integer m such that k^m ≡ 1 mod n.") { call throws(EvaluationControl) in
            guard let k = Numbers.bigInt(call.args[0]), let n = Numbers.bigInt(call.args[1]), n.sign == .plus, !n.isZero else { return nil }
            if n == 1 { return 1 }
            // No order unless k is a unit modulo n: the call stays.
            guard k.greatestCommonDivisor(with: n) == 1 else { return nil }
            guard let order = try call.kernel.multiplicativeOrder(k.modulo(n), n) else { return nil }
            return .integer(order)
        }

        define("PrimitiveRoot", attributes: [.listable], arguments: ArgumentCount(1, 2),
               usage: "PrimitiveRoot[n] gives a primitive root of n.\nPrimitiveRoot[n, k] gives the smallest primitive root of n greater than or equal to k.") { call throws(EvaluationControl) in
            guard let n = Numbers.bigInt(call.args[0]), n.sign == .plus, n > 1 else { return nil }
            var start: BigInt? = nil
            if call.args.count == 2 {
                guard let k = Numbers.bigInt(call.args[1]) else { return nil }
                start = k
            }
            guard let g = try call.kernel.primitiveRoot(n, from: start) else { return nil }
            return .integer(g)
        }

        define("ChineseRemainder", arguments: ArgumentCount(2, 3),
               usage: "ChineseRemainder[{r1, r2, …}, {m1, m2, …}] gives the smallest x with x ≥ 0 that satisfies all the integer congruences x ≡ ri mod mi.\nChineseRemainder[{r1, r2, …}, {m1, m2, …}, d] gives the smallest x with x ≥ d that satisfies all the integer congruences x ≡ ri mod mi.") { call in
            let args = call.args
            guard args[0].isListLike, args[1].isListLike else { return nil }
            let rs = args[0].args.map(Numbers.bigInt), ms = args[1].args.map(Numbers.bigInt)
            guard rs.count == ms.count, rs.allSatisfy({ $0 != nil }), ms.allSatisfy({ $0 != nil && $0!.sign == .plus && !$0!.isZero }) else { return nil }
            var d = BigInt(0)
            if args.count == 3 {
                guard let dd = Numbers.bigInt(args[2]) else { return nil }
                d = dd
            }
            // No solution: the call stays, as in Wolfram.
            guard let (x, m) = IntegerFunctions.chineseRemainder(rs.map { $0! }, ms.map { $0! }) else { return nil }
            // The least solution ≥ d.
            return .integer(d + (x - d).modulo(m))
        }
    }

    /// The order of the unit `k` modulo `n` > 1: φ(n) with each prime factor removed while k^(·) ≡ 1.
    fileprivate func multiplicativeOrder(_ k: BigInt, _ n: BigInt) throws(EvaluationControl) -> BigInt? {
        guard let f = try factorization(n) else { return nil }
        guard let phiFactors = try totientFactorization(f) else { return nil }
        var order = IntegerFunctions.totient(f)
        for (q, e) in phiFactors {
            for _ in 0..<e {
                let candidate = order / q
                guard k.power(candidate, modulo: n) == 1 else { break }
                order = candidate
            }
        }
        return order
    }

    /// The prime factors of φ(n) with exponents, from those of n.
    fileprivate func totientFactorization(_ f: [(prime: BigInt, exponent: Int)]) throws(EvaluationControl) -> [(BigInt, Int)]? {
        var counts: [BigInt: Int] = [:]
        for (p, e) in f {
            if e > 1 { counts[p, default: 0] += e - 1 }
            guard let g = try factorization(p - 1) else { return nil }
            for (q, k) in g { counts[q, default: 0] += k }
        }
        return counts.map { ($0.key, $0.value) }.sorted { $0.0 < $1.0 }
    }

    /// A primitive root of n > 1, or nil when there is none (n not 2, 4, p^k or 2p^k). Without
    /// `from`, Wolfram's choice: the least root of an odd prime p; for p^k that root, or root + p
    /// when it fails modulo p²; for 2p^k the root of p^k when odd, else root + p^k. With `from`,
    /// the least primitive root ≥ from.
    fileprivate func primitiveRoot(_ n: BigInt, from start: BigInt?) throws(EvaluationControl) -> BigInt? {
        guard let f = try factorization(n) else { return nil }
        let odd = f.filter { $0.prime != 2 }
        let twos = f.first { $0.prime == 2 }?.exponent ?? 0
        let cyclic = (odd.isEmpty && twos <= 2) || (odd.count == 1 && twos <= 1)
        guard cyclic else { return nil }
        let phi = IntegerFunctions.totient(f)
        guard let phiFactors = try totientFactorization(f) else { return nil }
        func isRoot(_ g: BigInt) -> Bool {
            guard g.greatestCommonDivisor(with: n) == 1 else { return false }
            if n == 2 { return g.modulo(2) == 1 }
            return phiFactors.allSatisfy { g.power(phi / $0.0, modulo: n) != 1 }
        }
        if let start {
            // The least positive root ≥ start (roots are periodic modulo n: one lies below start + n).
            var g = Swift.max(start, 1)
            var tried = 0
            while true {
                if isRoot(g) { return g }
                g += 1
                tried += 1
                if tried & 1023 == 0 { try checkAbort() }
            }
        }
        if n == 2 { return 1 }
        if n == 4 { return 3 }
        let p = odd[0].prime
        guard let pMinusOne = try factorization(p - 1) else { return nil }
        var g = BigInt(2)
        while !pMinusOne.allSatisfy({ g.power((p - 1) / $0.prime, modulo: p) != 1 }) {
            g += 1
            try checkAbort()
        }
        let pk = twos == 1 ? n / 2 : n
        if pk != p && g.power(p - 1, modulo: p * p) == 1 { g += p }
        if twos == 1 && g.isEven { g += pk }
        return g
    }

    // MARK: PrimePowerQ, CoprimeQ, SquareFreeQ

    private func installNumberPredicates() {
        define("PrimePowerQ", attributes: [.listable], arguments: .exactly(1),
               usage: "PrimePowerQ[expr] yields True if expr is a power of a prime number, and yields False otherwise.") { call throws(EvaluationControl) in
            let e = call.args[0]
            if e.isListLike { return nil }
            if case .complex = e { return nil }   // Gaussian prime powers are not implemented
            // An integer ±p^k, or 1/p^k (a negative power of a prime).
            guard let (num, den) = Numbers.fraction(e) else { return .false }
            let m: BigInt
            if den == 1 { m = num.magnitude } else if num.magnitude == 1 { m = den } else { return .false }
            if m < 2 { return .false }
            let (root, _) = Numbers.perfectPower(m)
            guard case .result(let isPrime) = root.isProbablePrime(shouldStop: call.kernel.abortPending) else {
                try call.kernel.checkAbort()
                return nil
            }
            return .bool(isPrime)
        }

        define("CoprimeQ", attributes: [.listable], arguments: .atLeast(2),
               usage: "CoprimeQ[n1, n2] yields True if n1 and n2 are relatively prime, and yields False otherwise.\nCoprimeQ[n1, n2, …] yields True if all pairs of the ni are relatively prime, and yields False otherwise.") { call in
            let args = call.args
            if args.contains(where: { $0.isListLike }) { return nil }
            var values: [BigInt] = []
            for a in args {
                switch a {
                case .complex: return nil   // Gaussian integers are not implemented
                default:
                    guard let v = Numbers.bigInt(a) else { return .false }
                    values.append(v)
                }
            }
            for i in values.indices {
                for j in values.indices where j > i {
                    if values[i].greatestCommonDivisor(with: values[j]) != 1 { return .false }
                }
            }
            return .true
        }

        define("SquareFreeQ", attributes: [.listable], arguments: .exactly(1),
               usage: "SquareFreeQ[expr] gives True if expr is a square-free integer, and False otherwise.") { call throws(EvaluationControl) in
            let e = call.args[0]
            if e.isListLike { return nil }
            // Integers only: square-free polynomials and Gaussian integers are not implemented.
            guard let n = Numbers.bigInt(e) else { return e.isNumber && !(e.isComplex) ? .false : nil }
            if n.isZero { return .false }
            guard let f = try call.kernel.factorization(n) else { return nil }
            return .bool(f.allSatisfy { $0.exponent == 1 })
        }
    }
}

extension Expr {
    fileprivate var isComplex: Bool { if case .complex = self { return true } else { return false } }
}

extension IntegerFunctions {
    /// φ(n) from the prime factors of n.
    static func totient(_ f: [(prime: BigInt, exponent: Int)]) -> BigInt {
        var phi = BigInt(1)
        for (p, e) in f { phi *= (p - 1) * p.power(e - 1) }
        return phi
    }

    /// The solution `x` in `0..<m` of x ≡ r_i (mod m_i), with m = lcm(m_i); nil when the
    /// congruences contradict each other. Moduli need not be coprime: each step merges
    /// x ≡ a (mod M), x ≡ b (mod n) into one congruence modulo lcm(M, n) when gcd(M, n) | b - a.
    static func chineseRemainder(_ r: [BigInt], _ m: [BigInt]) -> (BigInt, BigInt)? {
        var x = BigInt(0), modulus = BigInt(1)
        for (b, n) in zip(r, m) {
            let (g, s, _) = modulus.extendedGCD(with: n)
            let difference = b - x
            guard difference.isDivisible(by: g) else { return nil }
            // x + M·s·(b - x)/g ≡ b (mod n), since M·s ≡ g (mod n).
            let lcm = modulus / g * n
            x = (x + modulus * ((difference / g * s).modulo(n / g))).modulo(lcm)
            modulus = lcm
        }
        return (x, modulus)
    }
}
