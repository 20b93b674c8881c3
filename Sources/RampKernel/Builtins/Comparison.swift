import RampSyntax

/// Comparison of numeric quantities shared by the comparison builtins, `Max`/`Min` and the number
/// functions.
enum NumericComparison {
    /// A real value for comparisons: an exact or machine real number, ±Infinity as ±∞.
    enum RealValue {
        case number(Expr)
        case infinity(Int)
    }

    /// The real value of `e`: numbers as they are, numeric quantities (`Pi`, `Sqrt[2]`) through their
    /// machine value, `DirectedInfinity[±1]` as ±∞; nil for symbolic or complex quantities.
    static func realValue(_ e: Expr) -> RealValue? {
        switch e {
        case .integer, .bigInteger, .rational, .real, .bigReal: return .number(e)
        case .complex: return nil
        default:
            if let dir = Arithmetic.infinityDirection(e) {
                guard let d = dir, Numbers.isReal(d) else { return nil }
                return .infinity(Numbers.signReal(d))
            }
            guard let v = Arithmetic().numericValue(e) else { return nil }
            if case .complex(_, let im) = v {
                // Tiny imaginary round-off from a real computation is not a real value either.
                _ = im
                return nil
            }
            return .number(v)
        }
    }

    /// Whether `e` is a complex (non-real) numeric quantity.
    static func isComplexNumeric(_ e: Expr) -> Bool {
        if case .complex = e { return true }
        if e.isAtom { return false }
        if case .complex? = Arithmetic().numericValue(e) { return true }
        return false
    }

    /// -1, 0, 1 comparing two real values (machine comparisons use `Equal`'s tolerance for 0).
    static func compare(_ a: RealValue, _ b: RealValue) -> Int {
        switch (a, b) {
        case (.infinity(let x), .infinity(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.infinity(let x), .number): return x
        case (.number, .infinity(let y)): return -y
        case (.number(let x), .number(let y)):
            if Numbers.realsEqual(x, y) { return 0 }
            return Numbers.compareReal(x, y)
        }
    }
}

extension Kernel {
    func installComparisonBuiltins() {
        setMessage("Less", "nord", "Invalid comparison with `1` attempted.")

        define("Equal", usage: "lhs == rhs returns True if lhs and rhs are identical.") { call in
            call.kernel.equalChain(call, negate: false)
        }
        define("Unequal", usage: "lhs != rhs returns False if lhs and rhs are identical.") { call in
            call.kernel.equalChain(call, negate: true)
        }
        let orderings: [(String, String, (Int) -> Bool)] = [
            ("Less", "x < y yields True if x is determined to be less than y.", { $0 < 0 }),
            ("Greater", "x > y yields True if x is determined to be greater than y.", { $0 > 0 }),
            ("LessEqual", "x <= y yields True if x is determined to be less than or equal to y.", { $0 <= 0 }),
            ("GreaterEqual", "x >= y yields True if x is determined to be greater than or equal to y.", { $0 >= 0 }),
        ]
        for (name, usage, test) in orderings {
            define(name, usage: usage) { call in
                call.kernel.orderingChain(call, test)
            }
        }
        define("Inequality", usage: "Inequality represents a sequence of relational statements.") { call throws(EvaluationControl) in
            let args = call.args
            guard args.count >= 3, args.count % 2 == 1 else { return args.count == 1 ? .true : nil }
            var allTrue = true
            var i = 0
            while i + 2 < args.count {
                let r = try call.kernel.eval(.call(args[i + 1], [args[i], args[i + 2]]))
                if r == .false { return .false }
                if r != .true { allTrue = false }
                i += 2
            }
            return allTrue ? .true : nil
        }
        define("SameQ", usage: "lhs === rhs yields True if the expression lhs is identical to rhs, and yields False otherwise.") { call in
            let a = call.args
            for i in a.indices.dropFirst() where !(a[i - 1] == a[i]) { return .false }
            return .true
        }
        define("UnsameQ", usage: "lhs =!= rhs yields True if the expression lhs is not identical to rhs, and yields False otherwise.") { call in
            let a = call.args
            for i in a.indices { for j in a.indices where j > i && a[i] == a[j] { return .false } }
            return .true
        }
        define("Order", arguments: .exactly(2), usage: "Order[expr1, expr2] gives 1 if expr1 is before expr2 in canonical order, and -1 if expr1 is after expr2 in canonical order. It gives 0 if expr1 is identical to expr2.") { call in
            let c = canonicalOrder(call.args[0], call.args[1])
            return .integer(c < 0 ? 1 : (c > 0 ? -1 : 0))
        }
        define("Max", attributes: [.flat, .numericFunction, .oneIdentity, .orderless],
               usage: "Max[x1, x2, …] yields the numerically largest of the xi.") { call in
            call.kernel.extremum(call, largest: true)
        }
        define("Min", attributes: [.flat, .numericFunction, .oneIdentity, .orderless],
               usage: "Min[x1, x2, …] yields the numerically smallest of the xi.") { call in
            call.kernel.extremum(call, largest: false)
        }
        let signTests: [(String, String, (Int) -> Bool)] = [
            ("Positive", "Positive[x] gives True if x is a positive number.", { $0 > 0 }),
            ("Negative", "Negative[x] gives True if x is a negative number.", { $0 < 0 }),
            ("NonNegative", "NonNegative[x] gives True if x is a non-negative number.", { $0 >= 0 }),
            ("NonPositive", "NonPositive[x] gives True if x is a non-positive number.", { $0 <= 0 }),
        ]
        for (name, usage, test) in signTests {
            define(name, attributes: [.listable], arguments: .exactly(1), usage: usage) { call in
                let e = call.args[0]
                if let v = NumericComparison.realValue(e) {
                    return .bool(test(NumericComparison.compare(v, .number(0))))
                }
                if NumericComparison.isComplexNumeric(e) { return .false }
                return nil
            }
        }
    }

    /// `Equal`/`Unequal` of the evaluated arguments: True, False, or nil (unevaluated).
    fileprivate func equalChain(_ call: BuiltinCall, negate: Bool) -> Expr? {
        let a = call.args
        if a.count < 2 { return .true }
        if negate {
            // Unequal: every pair must be known to differ.
            var allKnown = true
            for i in a.indices {
                for j in a.indices where j > i {
                    switch equality(a[i], a[j]) {
                    case true?: return .false
                    case false?: continue
                    case nil: allKnown = false
                    }
                }
            }
            return allKnown ? .true : nil
        }
        var allKnown = true
        for i in a.indices.dropFirst() {
            switch equality(a[i - 1], a[i]) {
            case false?: return .false
            case true?: continue
            case nil: allKnown = false
            }
        }
        return allKnown ? .true : nil
    }

    /// Whether two expressions are equal: nil when undecidable (symbolic).
    func equality(_ x: Expr, _ y: Expr) -> Bool? {
        if x.isNumber && y.isNumber { return Numbers.numericallyEqual(x, y) }
        if x == y { return true }
        switch (x, y) {
        case (.string, .string): return false
        case (.string, _) where y.isNumber, (_, .string) where x.isNumber: return false
        case (.symbol(let s), .symbol(let t)):
            let booleans = [Sym.True, Sym.False]
            if booleans.contains(where: { $0 === s }) && booleans.contains(where: { $0 === t }) { return false }
        default: break
        }
        if x.hasHead(Sym.List) && y.hasHead(Sym.List) {
            let xa = x.args, ya = y.args
            if xa.count != ya.count { return false }
            var allTrue = true
            for (p, q) in zip(xa, ya) {
                switch equality(p, q) {
                case false?: return false
                case true?: continue
                case nil: allTrue = false
                }
            }
            return allTrue ? true : nil
        }
        // Numeric quantities compare by value.
        let arith = Arithmetic()
        if let u = arith.numericValue(x), let v = arith.numericValue(y) { return Numbers.numericallyEqual(u, v) }
        if let ix = Arithmetic.infinityDirection(x), let iy = Arithmetic.infinityDirection(y) {
            if let dx = ix, let dy = iy, dx.isNumber, dy.isNumber { return Numbers.numericallyEqual(dx, dy) }
            return nil
        }
        if Arithmetic.infinityDirection(x) != nil, arith.numericValue(y) != nil { return false }
        if Arithmetic.infinityDirection(y) != nil, arith.numericValue(x) != nil { return false }
        return nil
    }

    /// `Less`, `Greater`, … chains: True, False, or nil (unevaluated).
    fileprivate func orderingChain(_ call: BuiltinCall, _ test: (Int) -> Bool) -> Expr? {
        let a = call.args
        if a.count < 2 { return .true }
        var allKnown = true
        for i in a.indices.dropFirst() {
            guard let u = NumericComparison.realValue(a[i - 1]), let v = NumericComparison.realValue(a[i]) else {
                for e in [a[i - 1], a[i]] where NumericComparison.isComplexNumeric(e) {
                    message(call.head, "nord", [e])
                    return nil
                }
                allKnown = false
                continue
            }
            if !test(NumericComparison.compare(u, v)) { return .false }
        }
        return allKnown ? .true : nil
    }

    /// `Max`/`Min`: lists are flattened, real values combined, symbolic arguments kept.
    fileprivate func extremum(_ call: BuiltinCall, largest: Bool) -> Expr? {
        var items: [Expr] = []
        func flatten(_ e: Expr) {
            if case .packed(let p) = e {
                switch p.storage {
                case .integers(let v): for x in v { items.append(.integer(x)) }
                case .reals(let v): for x in v { items.append(.real(x)) }
                }
            } else if e.hasHead(Sym.List) || e.hasHead(call.head) {
                for x in e.args { flatten(x) }
            } else {
                items.append(e)
            }
        }
        for a in call.args { flatten(a) }
        var best: (Expr, NumericComparison.RealValue)? = nil
        var symbolic: [Expr] = []
        for e in items {
            if let v = NumericComparison.realValue(e) {
                if let (_, bv) = best {
                    let c = NumericComparison.compare(v, bv)
                    if largest ? c > 0 : c < 0 { best = (e, v) }
                } else {
                    best = (e, v)
                }
            } else if NumericComparison.isComplexNumeric(e) {
                message(call.head, "nord", [e])
                return nil
            } else {
                symbolic.append(e)
            }
        }
        if symbolic.isEmpty {
            if let (e, _) = best { return e }
            return .call(Sym.DirectedInfinity, [largest ? -1 : 1])
        }
        var rest = symbolic
        if let (e, _) = best { rest.append(e) }
        // Remove duplicates, sort canonically.
        var unique: [Expr] = []
        for e in rest where !unique.contains(e) { unique.append(e) }
        unique.sort { canonicalOrder($0, $1) < 0 }
        if unique.count == 1 { return unique[0] }
        let r = Expr.call(call.head, unique)
        return r == call.expr ? nil : r
    }
}
