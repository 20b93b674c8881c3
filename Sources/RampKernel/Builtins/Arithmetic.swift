import RampSyntax

extension Kernel {
    /// Installs the numbers area: arithmetic (this file), comparisons (Comparison.swift), logic
    /// (Logic.swift), number functions (NumberFunctions.swift) and elementary functions
    /// (ElementaryFunctions.swift).
    func installArithmeticBuiltins() {
        installArithmeticMessages()
        installArithmeticCore()
        installComparisonBuiltins()
        installLogicBuiltins()
        installNumberFunctionBuiltins()
        installElementaryFunctionBuiltins()
        installPrecisionBuiltins()
        installSpecialFunctionBuiltins()
    }

    private func installArithmeticMessages() {
        setMessage("Power", "infy", "Infinite expression `1` encountered.")
        setMessage("Power", "indet", "Indeterminate expression `1` encountered.")
        setMessage("Infinity", "indet", "Indeterminate expression `1` encountered.")
        setMessage("Thread", "tdlen", "Objects of unequal length in `1` cannot be combined.")
    }

    private func installArithmeticCore() {
        let numeric: Attributes = [.listable, .numericFunction]
        let plusTimes: Attributes = [.flat, .listable, .numericFunction, .oneIdentity, .orderless]

        define("Plus", attributes: plusTimes, usage: "x + y + z represents a sum of terms.") { call throws(EvaluationControl) in
            let args = call.args
            if args.count == 2, case .integer(let x) = args[0], case .integer(let y) = args[1] {
                let (s, o) = x.addingReportingOverflow(y)
                if !o { return .integer(s) }
            }
            if let (object, others) = Kernel.arithmeticObject(in: args), let r = try object.plus(others, kernel: call.kernel) { return r }
            let r = try call.kernel.threadedArithmetic(args, head: Sym.Plus, op: .plus) { Arithmetic(kernel: call.kernel).plus($0) }
            return r == call.expr ? nil : r
        }
        define("Times", attributes: plusTimes, usage: "x*y*z or x y z represents a product of terms.") { call throws(EvaluationControl) in
            let args = call.args
            if args.count == 2, case .integer(let x) = args[0], case .integer(let y) = args[1] {
                let (p, o) = x.multipliedReportingOverflow(by: y)
                if !o { return .integer(p) }
            }
            if let (object, others) = Kernel.arithmeticObject(in: args), let r = try object.times(others, kernel: call.kernel) { return r }
            let r = try call.kernel.threadedArithmetic(args, head: Sym.Times, op: .times) { Arithmetic(kernel: call.kernel).times($0) }
            return r == call.expr ? nil : r
        }
        define("Power", attributes: [.listable, .numericFunction, .oneIdentity],
               usage: "x^y gives x to the power y.") { call throws(EvaluationControl) in
            let args = call.args
            switch args.count {
            case 0: return .integer(1)
            case 1: return args[0]
            case 2: break
            default:
                // Power[a, b, c] = a^(b^c)
                return .call(Sym.Power, [args[0], .call(Sym.Power, Array(args.dropFirst()))])
            }
            if case .native(let o) = args[0], let object = o as? any ArithmeticObject, let r = try object.power(args[1], kernel: call.kernel) { return r }
            if let r = Kernel.bigConstantPower(args[0], args[1]) {
                if r == Numbers.overflowMarker { call.kernel.message(Sym.General, "ovfl", []) }
                return r
            }
            // E^Log[z] is z, E^(c Log[z]) is z^c for a number c (as Wolfram evaluates them).
            if args[0] == .symbol(Sym.E), case .normal(let x) = args[1] {
                let log = Symbol.named("Log")
                if x.head == .symbol(log), x.args.count == 1 { return x.args[0] }
                if x.head == .symbol(Sym.Times), x.args.count == 2, x.args[0].isNumber,
                   case .normal(let l) = x.args[1], l.head == .symbol(log), l.args.count == 1 {
                    return .call(Sym.Power, l.args[0], x.args[0])
                }
            }
            let r = try call.kernel.threadedPower(args[0], args[1])
            return r == call.expr ? nil : r
        }
        define("Subtract", attributes: numeric, arguments: .exactly(2), usage: "x - y is equivalent to x + (-1 * y).") { call in
            return .call(Sym.Plus, call.args[0], .call(Sym.Times, -1, call.args[1]))
        }
        define("Minus", attributes: numeric, arguments: .exactly(1), usage: "-x is the arithmetic negation of x.") { call in
            return .call(Sym.Times, -1, call.args[0])
        }
        define("Divide", attributes: numeric, arguments: .exactly(2), usage: "x/y or Divide[x, y] is equivalent to x y^-1.") { call in
            if case .integer(let a) = call.args[0], case .integer(let b) = call.args[1], b != 0 {
                return Expr.rational(BigInt(a), over: BigInt(b))
            }
            return .call(Sym.Times, call.args[0], .call(Sym.Power, call.args[1], -1))
        }
        define("Sqrt", attributes: numeric, arguments: .exactly(1), usage: "Sqrt[z] gives the square root of z.") { call in
            return .call(Sym.Power, call.args[0], .rational(1, 2))
        }
        define("Exp", attributes: numeric, arguments: .exactly(1), usage: "Exp[z] gives the exponential of z.") { call in
            return .call(Sym.Power, .symbol(Sym.E), call.args[0])
        }
        define("DirectedInfinity", attributes: [.listable],
               usage: "DirectedInfinity[z] represents an infinite numerical quantity whose direction in the complex plane is unknown.") { call in
            let args = call.args
            if args.count == 1 {
                if Numbers.isExactZero(args[0]) { return Arithmetic.complexInfinity }
                if args[0].isNumber {
                    let r = Arithmetic.directedInfinity(args[0])
                    return r == call.expr ? nil : r
                }
            }
            return nil
        }
        define("Complex", usage: "Complex is the head used for complex numbers.") { call in
            guard call.args.count == 2, call.args.allSatisfy(\.isNumber) else { return nil }
            let a = Arithmetic(kernel: call.kernel)
            return a.plus([call.args[0], a.times([call.args[1], .complex(0, 1)])])
        }
        define("Rational", usage: "Rational is the head used for rational numbers.") { call in
            guard call.args.count == 2, let n = Numbers.bigInt(call.args[0]), let d = Numbers.bigInt(call.args[1]) else { return nil }
            if d.isZero {
                call.kernel.message(Sym.Power, "infy", [.call(Sym.Power, 0, -1)])
                return Arithmetic.complexInfinity
            }
            return .rational(n, over: d)
        }

        // Constants.
        let constants: [(String, String)] = [
            ("Pi", "Pi is π, with numerical value ≃ 3.14159."),
            ("E", "E is the exponential constant e (base of natural logarithms), with numerical value ≃ 2.71828."),
            ("Degree", "Degree gives the number of radians in one degree. It has a numerical value of π/180."),
            ("GoldenRatio", "GoldenRatio is the golden ratio ϕ = (1 + Sqrt[5])/2, with numerical value ≃ 1.61803."),
            ("EulerGamma", "EulerGamma is Euler's constant γ, with numerical value ≃ 0.577216."),
            ("Catalan", "Catalan is Catalan's constant, with numerical value ≃ 0.915966."),
            ("Khinchin", "Khinchin is Khinchin's constant, with numerical value ≃ 2.68545."),
            ("Glaisher", "Glaisher is Glaisher's constant with numerical value ≃ 1.28243."),
        ]
        for (name, usage) in constants {
            define(name, attributes: [.constant, .readProtected], usage: usage) { _ in nil }
        }
        define("I", attributes: [.readProtected], usage: "I represents the imaginary unit Sqrt[-1].") { _ in nil }
        setValue(.complex(0, 1), of: "I")
        define("Infinity", attributes: [.readProtected], usage: "Infinity or ∞ is a symbol that represents a positive infinite quantity.") { _ in nil }
        setValue(.call(Sym.DirectedInfinity, [1]), of: "Infinity")
        define("ComplexInfinity", attributes: [.readProtected], usage: "ComplexInfinity represents a quantity with infinite magnitude, but undetermined complex phase.") { _ in nil }
        setValue(Arithmetic.complexInfinity, of: "ComplexInfinity")
        define("Indeterminate", usage: "Indeterminate is a symbol that represents a numerical quantity whose magnitude cannot be determined.") { _ in nil }

        define("N", attributes: [], arguments: ArgumentCount(1, 2), usage: "N[expr] gives the numerical value of expr. N[expr, n] attempts to give a result with n-digit precision.") { call throws(EvaluationControl) in
            let args = call.args
            if args.count == 2 {
                // Arbitrary precision (Precision.swift); MachinePrecision is plain N.
                guard let digits = call.kernel.requestedDigits(args[1], head: call.head) else {
                    // Too large to hold: $Failed; not a precision (N::precbd): unevaluated.
                    if let d = Numbers.double(args[1]), d.isFinite, d > 0 { return .failed }
                    return nil
                }
                if digits != -1 { return try call.kernel.numericize(args[0], digits: digits) }
            }
            let r = call.kernel.numericize(args[0])
            return r
        }
        setMessage("N", "precbd", "Requested precision `1` is not a machine-sized real number.")
    }

    /// Plus/Times of evaluated arguments, threaded over lists (packed fast path first).
    func threadedArithmetic(_ args: [Expr], head: Symbol, op: ListThreading.Op, _ core: ([Expr]) -> Expr) throws(EvaluationControl) -> Expr {
        var hasList = false
        for a in args {
            switch a {
            case .packed: hasList = true
            case .normal(let n) where n.head.symbol === Sym.List: hasList = true
            default: continue
            }
            break
        }
        if !hasList { return core(args) }
        if let r = ListThreading.packedFold(args, op) { return r }
        switch try ListThreading.thread(args, kernel: self, head: head, { (elementArgs: [Expr]) throws(EvaluationControl) -> Expr in
            try self.threadedArithmetic(elementArgs, head: head, op: op, core)
        }) {
        case .noLists: return core(args)
        case .mismatch: return .call(head, args)
        case .result(let r): return r
        }
    }

    /// Power of evaluated arguments, threaded over lists (packed fast path first).
    func threadedPower(_ b: Expr, _ e: Expr) throws(EvaluationControl) -> Expr {
        if b.hasHead(Sym.List) || e.hasHead(Sym.List) {
            if let r = ListThreading.packedPower(b, e) { return r }
            switch try ListThreading.thread([b, e], kernel: self, head: Sym.Power, { (x: [Expr]) throws(EvaluationControl) -> Expr in
                try self.threadedPower(x[0], x[1])
            }) {
            case .noLists: break
            case .mismatch: return .call(Sym.Power, b, e)
            case .result(let r): return r
            }
        }
        return Arithmetic(kernel: self).power(b, e)
    }

    /// Declares the machine-precision value `N` gives a call of the head `name` (for objects such
    /// as `Root[f, k]` that are numbers without being numeric atoms); `value` returns nil to let
    /// `N` map over the arguments as usual.
    public func defineMachineNumericValue(_ name: String, _ value: @escaping (Expr) -> Expr?) {
        data(Symbol.named(name)).machineNumericValue = value
    }

    /// `N[expr]`: exact numbers and numeric constants become machine numbers (respecting the
    /// NHold attributes); the caller evaluates the result.
    func numericize(_ e: Expr) -> Expr {
        switch e {
        case .integer, .bigInteger, .rational, .bigReal, .complex: return Numbers.machine(e)
        case .symbol(let s):
            if let v = MachineFunctions.constant(s.name) { return .real(v) }
            return e
        case .packed(let p):
            if case .integers(let a) = p.storage { return .packed(PackedArray(reals: a.map(Double.init), shape: p.shape)) }
            return e
        case .normal(let n):
            if let h = n.head.symbol, let f = existingData(h)?.machineNumericValue, let v = f(e) { return v }
            let attrs = n.head.symbol.map { attributes(of: $0) } ?? []
            var args = n.args
            for i in args.indices {
                let held = i == 0 ? attrs.contains(.nHoldFirst) : attrs.contains(.nHoldRest)
                if !held { args[i] = numericize(args[i]) }
            }
            return .call(numericize(n.head), args)
        default:
            return e
        }
    }
}
