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
