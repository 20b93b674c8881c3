import OrderedCollections
import RampSyntax
import Synchronization

/// An association `<|k1 -> v1, k2 :> v2, …|>`.
///
/// Representation choice: an association is a native object (`Expr.native`) holding an ordered
/// dictionary from key to value, so `assoc[key]`, `Lookup` and `KeyExistsQ` are O(1) and insertion
/// order is kept. It is an atom (`AtomQ` is true, as in Wolfram). Its `inputForm` is the normal
/// expression `Association[Rule[k1, v1], RuleDelayed[k2, v2], …]`, which the printers show as
/// `<|k1 -> v1, k2 :> v2|>`; evaluating that expression builds the object again. Applying it to a
/// key (`assoc["a"]`) looks the key up.
public final class AssociationObject: ApplicableObject, @unchecked Sendable {
    /// One entry's value and whether it came from `RuleDelayed`.
    public struct Entry: Sendable, Hashable {
        public var value: Expr
        public var delayed: Bool
    }

    /// The entries, in insertion order. Changed only by `update`, on an object that no value shares
    /// (InPlaceUpdates.swift checks), so it is a value to everyone who holds it.
    @exclusivity(unchecked) public private(set) var entries: OrderedDictionary<Expr, Entry>

    /// Changes the entries in place; the caller has made sure nothing else references this object.
    func update(_ body: (inout OrderedDictionary<Expr, Entry>) -> Void) {
        evaluationStamp.store(0, ordering: .relaxed)
        inertCache.store(0, ordering: .relaxed)
        body(&entries)
    }

    public init(entries: OrderedDictionary<Expr, Entry>) { self.entries = entries }

    /// The kernel definitions version at which the values were last found fully evaluated.
    let evaluationStamp = Atomic<UInt>(0)
    /// Cached answer of ``hasInertValues`` (0 unknown, 1 inert, 2 not).
    private let inertCache = Atomic<UInt8>(0)

    /// Whether every value is a number, string, packed array or a list of those (or an inert
    /// association): such values never change when evaluated again, so the evaluator skips them.
    var hasInertValues: Bool {
        switch inertCache.load(ordering: .relaxed) {
        case 1: return true
        case 2: return false
        default:
            var budget = 100_000
            let inert = entries.values.allSatisfy { $0.delayed || isInertValue($0.value, &budget) }
            inertCache.store(inert ? 1 : 2, ordering: .relaxed)
            return inert
        }
    }

    /// Builds an association from (key, value, delayed) triples; later keys replace earlier ones in place.
    public convenience init(_ triples: [(Expr, Expr, Bool)]) {
        var d = OrderedDictionary<Expr, Entry>()
        d.reserveCapacity(triples.count)
        for (k, v, delayed) in triples { d[k] = Entry(value: v, delayed: delayed) }
        self.init(entries: d)
    }

    /// Builds an association from `key -> value` pairs.
    public convenience init(pairs: [(Expr, Expr)]) {
        self.init(pairs.map { ($0.0, $0.1, false) })
    }

    public var head: Symbol { Sym.Association }

    /// The rules `k -> v` / `k :> v`, in order.
    public var rules: [Expr] {
        entries.map { .call($0.value.delayed ? Sym.RuleDelayed : Sym.Rule, [$0.key, $0.value.value]) }
    }

    /// The keys in order.
    public var keys: [Expr] { Array(entries.keys) }

    /// The values in order.
    public var values: [Expr] { entries.values.map(\.value) }

    public var inputForm: Expr { .call(Sym.Association, rules) }

    /// OutputForm lays the association out as `<|k -> v, …|>` (string keys and values without quotes).
    public var printsAsInputForm: Bool { true }

    public var summary: String {
        "<|" + entries.map { k, e in
            OutputForm.format(k, bareStrings: true) + (e.delayed ? " :> " : " -> ") + OutputForm.format(e.value, bareStrings: true)
        }.joined(separator: ", ") + "|>"
    }

    public func isSame(as other: any NativeObject) -> Bool {
        guard let o = other as? AssociationObject, o.entries.count == entries.count else { return false }
        for (a, b) in zip(entries, o.entries) where a.key != b.key || a.value != b.value { return false }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        var budget = Expr.hashNodeBudget
        hash(into: &hasher, budget: &budget)
    }

    public func hash(into hasher: inout Hasher, budget: inout Int) {
        hasher.combine(entries.count)
        for (k, e) in entries {
            guard budget > 0 else { return }
            k.hash(into: &hasher, budget: &budget)
            hasher.combine(e.delayed)
            e.value.hash(into: &hasher, budget: &budget)
        }
    }

    /// `assoc[key]`: the value, or `Missing["KeyAbsent", key]`.
    public func apply(_ args: [Expr], kernel: Kernel) throws(EvaluationControl) -> Expr? {
        guard args.count == 1 else { return nil }
        return lookup(args[0]) ?? missingKey(args[0])
    }

    /// The value for a key (`Key[k]` accepted), or nil.
    public func lookup(_ key: Expr) -> Expr? {
        if let e = entries[key] { return e.value }
        if case .normal(let n) = key, n.head.symbol === Sym.Key, n.args.count == 1, let e = entries[n.args[0]] {
            return e.value
        }
        return nil
    }

    /// A copy with the values replaced (same keys, same delayed flags).
    public func withValues(_ values: [Expr]) -> AssociationObject {
        var d = entries
        for (i, v) in values.enumerated() { d.values[i].value = v }
        return AssociationObject(entries: d)
    }
}

/// Whether evaluating `e` again can give something else (false for numbers, strings, packed arrays,
/// lists of those); `budget` bounds the work (running out answers "not inert").
private func isInertValue(_ e: Expr, _ budget: inout Int) -> Bool {
    budget -= 1
    if budget < 0 { return false }
    switch e {
    case .symbol: return false
    case .normal(let n):
        guard n.head.symbol === Sym.List else { return false }
        return n.args.allSatisfy { isInertValue($0, &budget) }
    case .native(let o):
        if let a = o as? AssociationObject { return a.hasInertValues }
        return true
    default: return true
    }
}

extension Kernel {
    /// Evaluates an association again, as Wolfram does: values given with `->` are evaluated (so
    /// `a = <|"k" -> y|>; y = 5; a` gives `<|"k" -> 5|>`); `:>` values stay as they are. Keys are
    /// not re-evaluated. Called by the evaluator for associations whose values are not inert.
    func evalAssociation(_ expr: Expr, _ a: AssociationObject) throws(EvaluationControl) -> Expr {
        let start = version
        if a.evaluationStamp.load(ordering: .relaxed) == start { return expr }
        // A value may lead back to the association (`x = <|a -> x|>; x`): count the depth as
        // evaluating a normal expression does, so that ends at $RecursionLimit.
        try enterRecursion(expr)
        defer { state.depth -= 1 }
        var values = a.values
        var changed = false
        for (i, (_, entry)) in a.entries.enumerated() where !entry.delayed {
            let v = try eval(entry.value)
            if v != entry.value { values[i] = v; changed = true }
        }
        let result = changed ? a.withValues(values) : a
        if version == start { result.evaluationStamp.store(start, ordering: .relaxed) }
        return changed ? .native(result) : expr
    }
}

/// `Missing["KeyAbsent", key]`.
func missingKey(_ key: Expr) -> Expr {
    let k: Expr
    if case .normal(let n) = key, n.head.symbol === Sym.Key, n.args.count == 1 { k = n.args[0] } else { k = key }
    return .call(Sym.Missing, [.string("KeyAbsent"), k])
}

/// Whether `e` is an association object.
func isAssociation(_ e: Expr) -> Bool { e.association != nil }

extension Expr {
    /// The association object, when this is one.
    public var association: AssociationObject? {
        if case .native(let o) = self { return o as? AssociationObject }
        return nil
    }

    /// Whether this is a rule `a -> b` or `a :> b`.
    var isRule: Bool {
        if case .normal(let n) = self, n.args.count == 2, let s = n.head.symbol { return s === Sym.Rule || s === Sym.RuleDelayed }
        return false
    }
}

extension OrderedDictionary where Key == Expr, Value == AssociationObject.Entry {
    /// Removes the entries with these keys: for more than a few keys in one pass over the entries
    /// (removing one key moves every entry after it, so key by key is quadratic).
    mutating func removeKeys(_ keys: [Expr]) {
        if keys.count <= 4 {
            for k in keys { removeValue(forKey: k) }
            return
        }
        let drop = Set(keys)
        removeAll { drop.contains($0.key) }
    }
}
