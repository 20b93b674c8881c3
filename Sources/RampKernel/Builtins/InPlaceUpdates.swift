import OrderedCollections
import RampSyntax

/// In-place updates of a variable's value: `x[[i, j]] = v` (and so `x[[i]] += v`, `x[[i]]++`),
/// `AppendTo[x, e]`, and for an association `a[k] = v`, `AssociateTo`, `KeyDropFrom` change the
/// stored expression without copying it when nothing else shares it
/// (`Expr.updateArguments`, `Expr.setPackedElement`): a loop of n such updates is O(n), not O(n²).
/// When the value is shared (`y = x` before), the first update copies, as a value type must.
///
/// The stored value keeps its evaluation stamp when the new part is itself evaluated, so reading
/// `x` after the update does not evaluate every element again.
extension Kernel {
    /// One step of a part path: an argument position (1-based) of a normal expression, or a flat
    /// index into a packed array (the path ends there).
    enum InPlaceStep {
        case argument(Int)
        case packedElement(Int)
    }

    /// The path of `x[[specs…]]` when every spec is an integer naming an existing part (not a head)
    /// and a packed array is indexed down to a scalar that `value` can replace keeping it packed;
    /// nil otherwise (the general `setPart` then copies and issues any message).
    func inPlacePath(_ root: Expr, _ specs: [Expr], value: Expr) -> [InPlaceStep]? {
        var steps: [InPlaceStep] = []
        var e = root
        var i = 0
        while i < specs.count {
            guard case .integer(let spec) = specs[i] else { return nil }
            switch e {
            case .normal(let n):
                let count = n.args.count
                let k = spec < 0 ? count + spec + 1 : spec
                guard k >= 1, k <= count else { return nil }
                steps.append(.argument(k))
                e = n.args[k - 1]
                i += 1
            case .packed(let p):
                // The remaining specs must index down to one scalar of the array's kind.
                guard specs.count - i == p.rank else { return nil }
                switch (p.storage, value) {
                case (.integers, .integer), (.reals, .real): break
                default: return nil
                }
                var flat = 0
                for (level, s) in specs[i...].enumerated() {
                    guard case .integer(let spec) = s else { return nil }
                    let size = p.shape[level]
                    let k = spec < 0 ? size + spec + 1 : spec
                    guard k >= 1, k <= size else { return nil }
                    flat = flat * size + (k - 1)
                }
                steps.append(.packedElement(flat))
                return steps
            default:
                return nil
            }
        }
        return steps
    }

    /// Whether `v`, an evaluated result, is known to evaluate to itself now (so a container it is
    /// put into can keep its evaluation stamp).
    func isEvaluatedNow(_ v: Expr) -> Bool {
        if case .normal(let n) = v { return n.evaluationStamp.load(ordering: .relaxed) == version }
        return true
    }

    /// Replaces the part of `e` at `path` by `value`, in place where `e` is not shared.
    func setInPlace(_ e: inout Expr, _ path: ArraySlice<InPlaceStep>, _ value: Expr, keepsStamp: Bool) {
        guard let step = path.first else { e = value; return }
        switch step {
        case .packedElement(let flat):
            let done = e.setPackedElement(flat: flat, to: value)
            assert(done, "inPlacePath checked the packed element")
        case .argument(let k):
            e.updateArguments(keepsStamp: keepsStamp) { args in
                var child = args[k - 1]
                args[k - 1] = .integer(0)  // so that `child` is not shared with this array
                setInPlace(&child, path.dropFirst(), value, keepsStamp: keepsStamp)
                args[k - 1] = child
            }
        }
    }

    /// `x[[specs…]] = value` for a symbol `x` with a stored (not delayed) value, done in place when
    /// `inPlacePath` allows; false when it does not (nothing changed then).
    func assignPartInPlace(_ d: SymbolData, _ specs: [Expr], _ value: Expr) -> Bool {
        // No local binding of the stored value may outlive this check: it would share the value.
        guard !d.ownValueDelayed, d.ownValue != nil, let path = inPlacePath(d.ownValue!, specs, value: value) else { return false }
        let keepsStamp = isEvaluatedNow(value)
        var current = d.ownValue.take()!
        setInPlace(&current, path[...], value, keepsStamp: keepsStamp)
        d.ownValue = current
        return true
    }

    /// `x[[span]] = v`, `x[[{i, j, …}]] = v`, `x[[All]] = v` (one spec) for a list stored in `d`
    /// (not delayed): in place when every position exists and, for a packed array, every new
    /// element is a machine number of its kind (it stays packed). `v` is spread over the positions
    /// when it is a list of as many elements. False, with nothing changed, in every other case
    /// (the general `setPart` then copies and issues any message).
    func assignPositionsInPlace(_ d: SymbolData, _ spec: Expr, _ value: Expr) -> Bool {
        // No local binding of the stored value may outlive these checks: it would share the value.
        guard !d.ownValueDelayed, d.ownValue != nil else { return false }
        let count: Int
        var packedKind: PackedArray.Storage? = nil  // an empty buffer of the packed array's kind
        switch d.ownValue! {
        case .normal(let n) where n.head.symbol === Sym.List: count = n.args.count
        case .packed(let p) where p.rank == 1:
            count = p.shape[0]
            if case .integers = p.storage { packedKind = .integers([]) } else { packedKind = .reals([]) }
        default: return false
        }
        func index(_ i: Int) -> Int? {
            let k = i < 0 ? count + i + 1 : i
            return k >= 1 && k <= count ? k : nil
        }
        var positions: [Int] = []
        let spec = spec.unpackedOneLevel
        if spec.symbol === Sym.All {
            positions = Array(stride(from: 1, through: count, by: 1))
        } else if case .normal(let m) = spec, m.head.symbol === Sym.List {
            for x in m.args {
                guard let i = x.int, let k = index(i) else { return false }
                positions.append(k)
            }
        } else if case .normal(let m) = spec, m.head.symbol === Sym.Span, (2...3).contains(m.args.count) {
            guard let lo = m.args[0].int, let a = index(lo) else { return false }
            let b: Int
            if let hi = m.args[1].int { guard let k = index(hi) else { return false }; b = k }
            else if m.args[1].symbol === Sym.All { b = count } else { return false }
            let step = m.args.count == 3 ? m.args[2].int : 1
            guard let step, step > 0, a <= b else { return false }
            positions = Array(stride(from: a, through: b, by: step))
        } else {
            return false
        }
        let values: [Expr]? = value.hasHead(Sym.List) && value.argCount == positions.count ? value.args : nil
        if let packedKind {
            for j in positions.indices {
                switch (packedKind, values?[j] ?? value) {
                case (.integers, .integer), (.reals, .real): continue
                default: return false
                }
            }
        }
        let keepsStamp = isEvaluatedNow(value)
        var current = d.ownValue.take()!
        if case .packed = current {
            for (j, k) in positions.enumerated() { _ = current.setPackedElement(flat: k - 1, to: values?[j] ?? value) }
        } else {
            current.updateArguments(keepsStamp: keepsStamp) { args in
                for (j, k) in positions.enumerated() { args[k - 1] = values?[j] ?? value }
            }
        }
        d.ownValue = current
        return true
    }

    /// `x[[i, j, …, spec, …]] = v` where the leading integers name parts of normal expressions in
    /// the value stored in `d`: the part they lead to is updated by `setPart` (a copy of that part
    /// only) and put back in place. Nil when there is no such leading part (nothing done); false
    /// when `setPart` refused (its message issued, nothing changed); true when assigned.
    func assignBelowPartInPlace(_ d: SymbolData, _ specs: [Expr], _ value: Expr, head: Symbol) -> Bool? {
        guard !d.ownValueDelayed, d.ownValue != nil else { return nil }
        var path: [InPlaceStep] = []
        var sub: Expr
        do {
            var e = d.ownValue!
            for spec in specs.dropLast() {
                guard case .integer(let i) = spec, case .normal(let n) = e else { break }
                let k = i < 0 ? n.args.count + i + 1 : i
                guard k >= 1, k <= n.args.count else { break }
                path.append(.argument(k))
                e = n.args[k - 1]
            }
            sub = e
        }
        guard !path.isEmpty else { return nil }
        let updated = setPart(sub, specs[path.count...], value, head: head, whole: d.ownValue!)
        sub = .null  // no longer shares the part being replaced
        guard let updated else { return false }
        var current = d.ownValue.take()!
        setInPlace(&current, path[...], updated, keepsStamp: false)
        d.ownValue = current
        return true
    }

    /// `AppendTo[x, e]`/`PrependTo[x, e]` for a symbol `x` whose stored value is a normal expression:
    /// the new value, made in place. Nil when `x` has no such value (the caller takes the general path).
    func appendInPlace(_ d: SymbolData, _ element: Expr, atEnd: Bool) throws(EvaluationControl) -> Expr? {
        guard !d.ownValueDelayed, d.ownValue?.hasNormalPayload == true else { return nil }
        if !isEvaluatedNow(d.ownValue!) {
            // As `x = Append[x, e]` would: the value is evaluated first (once; it keeps its stamp after).
            d.ownValue = try eval(d.ownValue!)
            guard d.ownValue?.hasNormalPayload == true else { return nil }
        }
        let keepsStamp = isEvaluatedNow(element)
        var current = d.ownValue.take()!
        current.updateArguments(keepsStamp: keepsStamp) { args in
            if atEnd { args.append(element) } else { args.insert(element, at: 0) }
        }
        d.ownValue = current
        return current
    }
}

extension Kernel {
    /// Runs `body` on the association stored in `d` (not delayed), in place when no other value
    /// shares it; false (nothing done) when `d` holds no association.
    func updateStoredAssociation(_ d: SymbolData, _ body: (inout OrderedDictionary<Expr, AssociationObject.Entry>) -> Void) -> Bool {
        guard !d.ownValueDelayed, var association = Self.takeAssociation(&d.ownValue) else { return false }
        Expr.releaseDeferredNodes()
        if !isKnownUniquelyReferenced(&association) { association = AssociationObject(entries: association.entries) }
        association.update(body)
        d.ownValue = .native(association)
        return true
    }

    /// The association in `slot`, taken out of it (so the caller holds the only reference the slot
    /// had); nil, leaving the slot as it is, for any other value.
    private static func takeAssociation(_ slot: inout Expr?) -> AssociationObject? {
        guard case .native(let o)? = slot, let a = o as? AssociationObject else { return nil }
        slot = nil
        return a
    }
}

extension Expr {
    /// Whether this is a normal expression (without binding its payload).
    fileprivate var hasNormalPayload: Bool {
        if case .normal = self { return true }
        return false
    }
}
