import OrderedCollections
import RampSyntax

/// Association, AssociationQ, Keys, Values, Lookup, KeyExistsQ, KeyDrop, KeyTake, KeySort, KeyMap,
/// KeySelect, KeyValueMap, AssociationMap, AssociationThread, Merge, GroupBy, Normal.
/// Associations are `AssociationObject` native objects (see its doc comment for the choice).

/// Builds an association from rules, lists of rules and associations (later keys win, keeping the
/// first key's position); nil when an element is none of these.
func associationFromRulesOrAssociations(_ items: [Expr]) -> AssociationObject? {
    var d = OrderedDictionary<Expr, AssociationObject.Entry>()
    func add(_ x: Expr) -> Bool {
        if let a = x.association {
            for (k, v) in a.entries { d[k] = v }
            return true
        }
        if x.isRule {
            d[x.args[0]] = AssociationObject.Entry(value: x.args[1], delayed: x.head.symbol === Sym.RuleDelayed)
            return true
        }
        if x.isList { return x.args.allSatisfy(add) }
        return false
    }
    for x in items where !add(x) { return nil }
    return AssociationObject(entries: d)
}

/// `Join[a, b]` for associations: entries of `b` replace those of `a` in `a`'s positions. With
/// `keepFirstPosition` false (`Prepend[b, a]`): `a`'s entries come first and win.
func mergeAssociations(_ a: AssociationObject, _ b: AssociationObject, keepFirstPosition: Bool = true) -> AssociationObject {
    if keepFirstPosition {
        var d = a.entries
        for (k, v) in b.entries { d[k] = v }
        return AssociationObject(entries: d)
    }
    // Prepend[b, a-entries]: a's entries first, then b's entries whose keys a lacks.
    var out = a.entries
    for (k, v) in b.entries where out[k] == nil { out[k] = v }
    return AssociationObject(entries: out)
}

extension Kernel {
    func installAssociationBuiltins() {
        setMessage("AssociationThread", "idim", "`1` and `2` must have the same length.")
        setMessage("Lookup", "invrl", "The argument `1` is not a valid Association or a list of rules.")
        setMessage("Keys", "invrl", "The argument `1` is not a valid Association or a list of rules.")
        setMessage("Values", "invrl", "The argument `1` is not a valid Association or a list of rules.")

        define("Association", usage: "<|key1 -> val1, key2 -> val2, …|> or Association[key1 -> val1, key2 -> val2, …] represents an association between keys and values.") { call throws(EvaluationControl) in
            guard let a = associationFromRulesOrAssociations(call.args) else { return nil }
            return .native(a)
        }

        define("AssociationQ", arguments: .exactly(1), usage: "AssociationQ[expr] gives True if expr is a valid Association object, and False otherwise.") { call throws(EvaluationControl) in
            return .bool(isAssociation(call.args[0]))
        }

        /// Rules of an association or a list of rules; nil otherwise.
        func ruleEntries(_ e: Expr) -> [(Expr, Expr)]? {
            if let a = e.association { return a.entries.map { ($0.key, $0.value.value) } }
            if e.isRule { return [(e.args[0], e.args[1])] }
            if e.isList, e.args.allSatisfy(\.isRule) { return e.args.map { ($0.args[0], $0.args[1]) } }
            return nil
        }

        func keysOrValues(_ name: String, keys: Bool, usage: String) {
            define(name, arguments: ArgumentCount(1, 2), usage: usage) { call throws(EvaluationControl) in
                func go(_ e: Expr) -> Expr? {
                    if let r = ruleEntries(e) { return .list(r.map { keys ? $0.0 : $0.1 }) }
                    if e.isList { 
                        var out: [Expr] = []
                        for x in e.args { guard let y = go(x) else { return nil }; out.append(y) }
                        return .list(out)
                    }
                    return nil
                }
                guard let r = go(call.args[0]) else { call.message("invrl", call.args[0]); return nil }
                if call.args.count == 2 { return .list(r.args.map { .call(call.args[1], [$0]) }) }
                return r
            }
        }
        keysOrValues("Keys", keys: true, usage: "Keys[<|key1 -> val1, key2 -> val2, …|>] gives a list of the keys keyi in an association.\nKeys[{key1 -> val1, key2 -> val2, …}] gives a list of the keyi in a list of rules.")
        keysOrValues("Values", keys: false, usage: "Values[<|key1 -> val1, key2 -> val2, …|>] gives a list of the values vali in an association.\nValues[{key1 -> val1, key2 -> val2, …}] gives a list of the vali in a list of rules.")

        define("Lookup", arguments: ArgumentCount(1, 3), usage: "Lookup[assoc, key] looks up the value associated with key in the association assoc.\nLookup[assoc, {key1, key2, …}] gives a list of the values associated with the keyi.\nLookup[assoc, key, default] gives default if key is not present.\nLookup[{assoc1, assoc2, …}, key, …] gives a list of the results for each of the associ.\nLookup[key] represents an operator form of Lookup that can be applied to an expression.") { call throws(EvaluationControl) in
            if call.args.count == 1 { return nil }
            let keyArg = call.args[1]
            let dflt: Expr? = call.args.count == 3 ? call.args[2] : nil
            func one(_ a: AssociationObject, _ k: Expr) -> Expr { a.lookup(k) ?? dflt ?? missingKey(k) }
            func inAssoc(_ a: AssociationObject) -> Expr {
                if keyArg.isList { return .list(keyArg.args.map { one(a, $0) }) }
                return one(a, keyArg)
            }
            let e = call.args[0]
            if let a = e.association { return inAssoc(a) }
            if let a = associationFromRulesOrAssociations([e]), e.isRule || (e.isList && e.args.allSatisfy(\.isRule)) { return inAssoc(a) }
            if e.isList, e.args.allSatisfy({ isAssociation($0) || $0.isList }) {
                var out: [Expr] = []
                for x in e.args {
                    guard let a = x.association ?? associationFromRulesOrAssociations([x]) else { call.message("invrl", x); return nil }
                    out.append(inAssoc(a))
                }
                return .list(out)
            }
            call.message("invrl", e)
            return nil
        }

        define("KeyExistsQ", arguments: ArgumentCount(1, 2), usage: "KeyExistsQ[assoc, key] returns True if the specified key exists in the association assoc, and False otherwise.\nKeyExistsQ[key] represents an operator form of KeyExistsQ that can be applied to an expression.") { call throws(EvaluationControl) in
            if call.args.count == 1 { return nil }
            let e = call.args[0]
            if let a = e.association { return .bool(a.lookup(call.args[1]) != nil) }
            if let r = ruleEntries(e) { return .bool(r.contains { $0.0 == unwrapKey(call.args[1]) }) }
            return .false
        }

        func keyFilter(_ name: String, keep: Bool, usage: String) {
            define(name, arguments: ArgumentCount(1, 2), usage: usage) { call throws(EvaluationControl) in
                if call.args.count == 1 { return nil }
                let keys = (call.args[1].isList ? call.args[1].args : [call.args[1]]).map(unwrapKey)
                func filter(_ a: AssociationObject) -> Expr {
                    if keep {
                        var d = OrderedDictionary<Expr, AssociationObject.Entry>()
                        for k in keys { if let v = a.entries[k] { d[k] = v } }
                        return .native(AssociationObject(entries: d))
                    }
                    var d = a.entries
                    d.removeKeys(keys)
                    return .native(AssociationObject(entries: d))
                }
                let e = call.args[0]
                if let a = e.association { return filter(a) }
                if e.isList, e.args.allSatisfy(\.isRule) {
                    let set = Set(keys)
                    if keep {
                        // The first rule for each key, found by hashing (not a search per key).
                        var first: [Expr: Expr] = [:]
                        for r in e.args where first[r.args[0]] == nil { first[r.args[0]] = r }
                        return .list(keys.compactMap { first[$0] })
                    }
                    return .list(e.args.filter { !set.contains($0.args[0]) })
                }
                if e.isList, e.args.allSatisfy(isAssociation) { return .list(e.args.map { filter($0.association!) }) }
                call.message("invrl", e)
                return nil
            }
        }
        keyFilter("KeyDrop", keep: false, usage: "KeyDrop[assoc, {key1, key2, …}] yields an association from which elements with keys keyi have been dropped.\nKeyDrop[assoc, key] drops the element with the specified key.\nKeyDrop[{assoc1, assoc2, …}, …] gives a list of associations.\nKeyDrop[keys] represents an operator form of KeyDrop that can be applied to an expression.")
        keyFilter("KeyTake", keep: true, usage: "KeyTake[assoc, {key1, key2, …}] yields an association containing only the elements with keys keyi.\nKeyTake[{assoc1, assoc2, …}, {key1, …}] gives a list of associations.\nKeyTake[keys] represents an operator form of KeyTake that can be applied to an expression.")

        define("KeySort", arguments: ArgumentCount(1, 2), usage: "KeySort[<|key1 -> val1, key2 -> val2, …|>] orders the keyi -> vali elements in an association by sorting its keys.\nKeySort[assoc, p] orders the elements of an association using the ordering function p.") { call throws(EvaluationControl) in
            guard let a = call.args[0].association else { return nil }
            let entries = Array(a.entries)
            let sorted: [(key: Expr, value: AssociationObject.Entry)]
            if call.args.count == 2 {
                let test = call.orderingTest(call.args[1])
                sorted = try stableSort(entries, polling: call.kernel) { (x, y) throws(EvaluationControl) -> Bool in try !test(y.key, x.key) }
            } else {
                sorted = try stableSort(entries, polling: call.kernel) { canonicalOrder($0.key, $1.key) < 0 }
            }
            return .native(AssociationObject(entries: OrderedDictionary(uniqueKeysWithValues: sorted.map { ($0.key, $0.value) })))
        }

        define("KeyMap", arguments: ArgumentCount(1, 2), usage: "KeyMap[f, <|key1 -> val1, key2 -> val2, …|>] maps f over the keys in an association, giving <|f[key1] -> val1, f[key2] -> val2, …|>.\nKeyMap[f] represents an operator form of KeyMap that can be applied to an expression.") { call throws(EvaluationControl) in
            if call.args.count == 1 { return nil }
            guard let a = call.args[1].association else { return nil }
            var triples: [(Expr, Expr, Bool)] = []
            for (k, v) in a.entries { triples.append((try call.kernel.eval(.call(call.args[0], [k])), v.value, v.delayed)) }
            return .native(AssociationObject(triples))
        }

        define("KeySelect", arguments: ArgumentCount(1, 2), usage: "KeySelect[assoc, crit] selects elements in the association assoc for which crit applied to their keys gives True.\nKeySelect[crit] represents an operator form of KeySelect that can be applied to an expression.") { call throws(EvaluationControl) in
            if call.args.count == 1 { return nil }
            guard let a = call.args[0].association else { return nil }
            var d = OrderedDictionary<Expr, AssociationObject.Entry>()
            for (k, v) in a.entries where try call.test(call.args[1], k) { d[k] = v }
            return .native(AssociationObject(entries: d))
        }

        define("KeyValueMap", arguments: ArgumentCount(1, 2), usage: "KeyValueMap[f, <|key1 -> val1, key2 -> val2, …|>] gives {f[key1, val1], f[key2, val2], …}.\nKeyValueMap[f] represents an operator form of KeyValueMap that can be applied to an expression.") { call throws(EvaluationControl) in
            if call.args.count == 1 { return nil }
            guard let a = call.args[1].association else { return nil }
            return .list(a.entries.map { .call(call.args[0], [$0.key, $0.value.value]) })
        }

        define("AssociationMap", arguments: ArgumentCount(1, 2), usage: "AssociationMap[f, {key1, key2, …}] creates the association <|key1 -> f[key1], key2 -> f[key2], …|>.\nAssociationMap[f, <|key1 -> val1, key2 -> val2, …|>] applies f to the rules key -> val in an association.\nAssociationMap[f] represents an operator form of AssociationMap that can be applied to an expression.") { call throws(EvaluationControl) in
            if call.args.count == 1 { return nil }
            let f = call.args[0], e = call.args[1]
            if let a = e.association {
                var rules: [Expr] = []
                for r in a.rules { rules.append(try call.kernel.eval(.call(f, [r]))) }
                guard let out = associationFromRulesOrAssociations(rules) else { return nil }
                return .native(out)
            }
            guard e.isList else { call.message("list", call.expr, 2); return nil }
            var pairs: [(Expr, Expr)] = []
            for k in e.args { pairs.append((k, try call.kernel.eval(.call(f, [k])))) }
            return .native(AssociationObject(pairs: pairs))
        }

        define("AssociationThread", arguments: ArgumentCount(1, 2), usage: "AssociationThread[{key1, key2, …} -> {val1, val2, …}] gives the association <|key1 -> val1, key2 -> val2, …|>.\nAssociationThread[{key1, key2, …}, {val1, val2, …}] also gives the association <|key1 -> val1, …|>.") { call throws(EvaluationControl) in
            let keys: Expr, values: Expr
            if call.args.count == 1 {
                guard call.args[0].isRule else { return nil }
                keys = call.args[0].args[0]; values = call.args[0].args[1]
            } else {
                keys = call.args[0]; values = call.args[1]
            }
            guard keys.isList, values.isList else { return nil }
            guard keys.length == values.length else { call.message("idim", keys, values); return nil }
            return .native(AssociationObject(pairs: Array(zip(keys.args, values.args))))
        }

        define("Merge", arguments: ArgumentCount(1, 2), usage: "Merge[{assoc1, assoc2, …}, f] merges the associations associ, using the function f to combine values with the same key.\nMerge[f] represents an operator form of Merge that can be applied to an expression.") { call throws(EvaluationControl) in
            if call.args.count == 1 { return nil }
            let e = call.args[0], f = call.args[1]
            guard e.isList else { call.message("list", call.expr, 1); return nil }
            var groups = OrderedDictionary<Expr, [Expr]>()
            for x in e.args {
                guard let a = x.association ?? associationFromRulesOrAssociations([x]) else { return nil }
                for (k, v) in a.entries { groups[k, default: []].append(v.value) }
            }
            var pairs: [(Expr, Expr)] = []
            for (k, vs) in groups { pairs.append((k, try call.kernel.eval(.call(f, [.list(vs)])))) }
            return .native(AssociationObject(pairs: pairs))
        }

        define("GroupBy", arguments: ArgumentCount(1, 3), usage: "GroupBy[{elem1, elem2, …}, f] gives an association that groups the elemi into lists associated with distinct keys f[elemi].\nGroupBy[{elem1, elem2, …}, f -> g] groups the g[elemi] according to the f[elemi].\nGroupBy[{elem1, elem2, …}, spec, red] applies the function red to reduce lists of values that are generated.\nGroupBy[{elem1, elem2, …}, {spec1, spec2, …}] groups into nested associations using speci at level i.\nGroupBy[spec] represents an operator form of GroupBy that can be applied to an expression.") { call throws(EvaluationControl) in
            if call.args.count == 1 { return nil }
            let e = call.args[0]
            let elems: [Expr]
            if let a = e.association { elems = a.values } else if e.isList { elems = e.args } else { call.message("list", call.expr, 1); return nil }
            let specs = call.args[1].isList ? call.args[1].args : [call.args[1]]
            let reduce: Expr? = call.args.count == 3 ? call.args[2] : nil
            func group(_ xs: [Expr], _ specs: ArraySlice<Expr>) throws(EvaluationControl) -> Expr {
                guard let spec = specs.first else {
                    if let reduce { return try call.kernel.eval(.call(reduce, [.list(xs)])) }
                    return .list(xs)
                }
                let f = spec.isRule ? spec.args[0] : spec
                let g: Expr? = spec.isRule ? spec.args[1] : nil
                var groups = OrderedDictionary<Expr, [Expr]>()
                for x in xs {
                    let k = try call.kernel.eval(.call(f, [x]))
                    let v = g == nil || specs.count > 1 ? x : try call.kernel.eval(.call(g!, [x]))
                    groups[k, default: []].append(v)
                }
                var pairs: [(Expr, Expr)] = []
                for (k, vs) in groups { pairs.append((k, try group(vs, specs.dropFirst()))) }
                return .native(AssociationObject(pairs: pairs))
            }
            return try group(elems, specs[...])
        }

        define("Normal", arguments: ArgumentCount(1, 2), usage: "Normal[expr] converts expr to a normal expression from a variety of special forms.\nNormal[expr, h] converts objects with head h in expr to normal expressions.") { call throws(EvaluationControl) in
            func go(_ e: Expr) -> Expr {
                if let a = e.association { return .list(a.rules) }
                if case .native(let object as any NormalConvertible) = e { return object.normalForm }
                if case .normal(let n) = e, n.head.symbol === Sym.List { return .list(n.args.map(go)) }
                return e
            }
            return go(call.args[0])
        }

        define("Key", usage: "Key[key] represents a key used to access a value in an association.") { _ in nil }
    }
}
