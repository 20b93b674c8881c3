import RampSyntax

/// Special functions MPFR provides beyond the elementary ones: `Zeta`, `LogGamma`, `BesselJ`
/// (real arguments; machine values are computed by MPFR at 53 bits and rounded).
extension Kernel {
    func installSpecialFunctionBuiltins() {
        defineUnary("Zeta", usage: "Zeta[s] gives the Riemann zeta function ζ(s).") { e, call in
            let a = Arithmetic(kernel: call.kernel)
            switch e {
            case .integer(let n):
                switch n {
                case 0: return .rational(-1, 2)
                case 1: return Arithmetic.complexInfinity
                case -1: return .rational(-1, 12)
                case 2: return a.times([.rational(1, 6), a.power(.symbol(Sym.Pi), 2)])
                case 4: return a.times([.rational(1, 90), a.power(.symbol(Sym.Pi), 4)])
                case 6: return a.times([.rational(1, 945), a.power(.symbol(Sym.Pi), 6)])
                case 8: return a.times([.rational(1, 9450), a.power(.symbol(Sym.Pi), 8)])
                default: return n < 0 && n % 2 == 0 ? 0 : nil
                }
            case .real(let x): return Kernel.machineSpecial(.zeta, x)
            default: return nil
            }
        }
        defineUnary("LogGamma", usage: "LogGamma[z] gives the logarithm of the gamma function log Γ(z).") { e, _ in
            switch e {
            case .integer(let n) where n > 0 && n < 1000:
                var f = BigInt(1)
                for k in 1..<n { f *= BigInt(k) }
                return f == 1 ? 0 : .call(Symbol.named("Log"), [.integer(f)])
            case .real(let x) where x > 0: return Kernel.machineSpecial(.logGamma, x)
            default: return nil
            }
        }
        define("BesselJ", attributes: [.listable, .numericFunction], arguments: .exactly(2),
               usage: "BesselJ[n, z] gives the Bessel function of the first kind J_n(z).") { call in
            let (nu, x) = (call.args[0], call.args[1])
            // An integer order, also as an approximate number (N makes the order one).
            var order: Int? = nu.int
            if order == nil, !Numbers.isExact(x), Numbers.isReal(nu), let d = Numbers.double(nu), d == d.rounded(), Swift.abs(d) < 1e9 { order = Int(d) }
            guard let n = order, n.magnitude < (1 << 30) else { return nil }
            switch x {
            case .integer(0): return n == 0 ? 1 : 0
            case .real(let v):
                let b = BigReal.besselJ(n, BigReal.from(v, precision: 17), bits: 53, precision: 17)
                return .real(b.doubleValue)
            case .bigReal(let b):
                if b.isZero { return nil }
                // Conditioning: |x J'/J| is of the order of |x| away from zeros (a conservative label).
                let p = b.precision - Double.log10(1 + Swift.abs(b.doubleValue))
                let raw = BigReal.besselJ(n, b, bits: b.bits + 8, precision: b.precision)
                return BigReals.finish(raw, precision: p)
            default: return nil
            }
        }
    }

    /// A machine value of an MPFR function of a machine real.
    static func machineSpecial(_ f: BigReal.Function, _ x: Double) -> Expr? {
        guard x.isFinite else { return nil }
        let r = BigReal.apply(f, BigReal.from(x, precision: 17), bits: 53, precision: 17)
        let d = r.isZero ? 0 : r.doubleValue
        return d.isFinite ? .real(d) : nil
    }
}
