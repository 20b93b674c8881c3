import RampSyntax

/// The result of a successful match: each pattern name with the value it was bound to, in the order
/// the names were bound. A name bound by a sequence pattern (`x__`, `x___`, `x:a..`) holds
/// `Sequence[…]` of the matched elements; ``substitute(_:into:)`` splices such a value into the
/// arguments it replaces.
public struct Bindings: Sendable {
    /// Pattern names, in binding order.
    public private(set) var names: [Symbol]
    /// The value bound to each name in `names`.
    public private(set) var values: [Expr]
    /// Set when an `OptionsPattern` matched: the function whose `Options` give the defaults (nil when
    /// unknown) and the rules that matched. `substitute` turns `OptionValue[name]` into
    /// `OptionValue[f, {rules…}, name]` with these.
    public internal(set) var options: (function: Expr?, rules: [Expr])?

    /// Empty bindings.
    public init() { names = []; values = [] }

    init(names: [Symbol], values: [Expr], options: (function: Expr?, rules: [Expr])?) {
        self.names = names
        self.values = values
        self.options = options
    }

    /// The value bound to `name`, or nil.
    public subscript(_ name: Symbol) -> Expr? {
        var i = names.count - 1
        while i >= 0 {
            if names[i] === name { return values[i] }
            i -= 1
        }
        return nil
    }

    /// Number of bound names.
    public var count: Int { names.count }
    /// True when no name is bound (and no options were matched).
    public var isEmpty: Bool { names.isEmpty && options == nil }
    /// `(name, value)` pairs in binding order.
    public var pairs: [(Symbol, Expr)] { Array(zip(names, values)) }

    /// Adds a binding (later bindings shadow earlier ones with the same name).
    public mutating func bind(_ name: Symbol, to value: Expr) {
        names.append(name)
        values.append(value)
    }
}

/// Wolfram's pattern matcher: one instance per kernel use; cheap to create.
///
/// ```swift
/// let m = PatternMatcher(kernel: kernel)
/// if let b = try m.match(pattern, expr) { let body = substitute(b, into: rhs) }
/// ```
/// It understands `Blank`, `BlankSequence`, `BlankNullSequence`, `Pattern`, `Condition`,
/// `PatternTest`, `Alternatives`, `Optional` (with `Default`), `Repeated`, `RepeatedNull`, `Except`,
/// `HoldPattern`, `Verbatim`, `Longest`, `Shortest` and `OptionsPattern`, and matches arguments of
/// `Flat`, `Orderless` and `OneIdentity` heads as Wolfram does. Conditions and pattern tests are
/// evaluated with the kernel.
public struct PatternMatcher {
    /// The kernel used for attributes, defaults and evaluating conditions.
    public let kernel: Kernel

    public init(kernel: Kernel) { self.kernel = kernel }

    /// Bindings of pattern names, in the order they were bound; nil when no match.
    public func match(_ pattern: Expr, _ expr: Expr) throws(EvaluationControl) -> Bindings? {
        let engine = MatchEngine(kernel: kernel)
        if engine.isDeterministic(pattern) {
            return try engine.matchDeterministic(pattern, expr) ? engine.bindings : nil
        }
        return try engine.match(pattern, expr) { () throws(EvaluationControl) in true } ? engine.bindings : nil
    }

    /// Whether `expr` matches `pattern` (`MatchQ`).
    public func matches(_ pattern: Expr, _ expr: Expr) throws(EvaluationControl) -> Bool {
        try match(pattern, expr) != nil
    }
}

/// The kinds of pattern objects, by head symbol.
enum PatternKind {
    case blank, blankSequence, blankNullSequence, pattern, condition, patternTest, alternatives
    case optional, repeated, repeatedNull, except, holdPattern, verbatim, longest, shortest, optionsPattern
}

/// Kind of pattern object by symbol id (a dense table: one array load per node).
let patternKindTable: [PatternKind?] = {
    let pairs: [(Symbol, PatternKind)] = [
        (Sym.Blank, .blank), (Sym.BlankSequence, .blankSequence), (Sym.BlankNullSequence, .blankNullSequence),
        (Sym.Pattern, .pattern), (Sym.Condition, .condition), (Sym.PatternTest, .patternTest),
        (Sym.Alternatives, .alternatives), (Sym.Optional, .optional), (Sym.Repeated, .repeated),
        (Sym.RepeatedNull, .repeatedNull), (Sym.Except, .except), (Sym.HoldPattern, .holdPattern),
        (Sym.Verbatim, .verbatim), (Sym.Longest, .longest), (Sym.Shortest, .shortest),
        (Sym.OptionsPattern, .optionsPattern),
    ]
    var table = [PatternKind?](repeating: nil, count: (pairs.map { $0.0.id }.max() ?? 0) + 1)
    for (s, k) in pairs { table[s.id] = k }
    return table
}()

/// The pattern kind of `p` when it is a well-formed pattern object, else nil.
@inline(__always) func patternKind(_ n: Normal) -> PatternKind? {
    guard case .symbol(let s) = n.head, s.id < patternKindTable.count, let kind = patternKindTable[s.id] else { return nil }
    switch kind {
    case .blank, .blankSequence, .blankNullSequence: return n.args.count <= 1 ? kind : nil
    case .pattern: return n.args.count == 2 && n.args[0].symbol != nil ? kind : nil
    case .condition, .patternTest: return n.args.count == 2 ? kind : nil
    case .optional: return n.args.count == 1 || n.args.count == 2 ? kind : nil
    case .repeated, .repeatedNull: return n.args.count == 1 || n.args.count == 2 ? kind : nil
    case .except: return n.args.count == 1 || n.args.count == 2 ? kind : nil
    case .holdPattern, .verbatim, .longest, .shortest: return n.args.count == 1 ? kind : nil
    case .optionsPattern: return n.args.count <= 1 ? kind : nil
    case .alternatives: return kind
    }
}

/// What the alternatives of an `Alternatives` pattern are matched against.
enum AlternativeTarget {
    case expression(Expr)
    case run(ArraySlice<Expr>, ArgumentContext, position: Int)
}

/// A value bound to a pattern name while matching: an expression, or a run of arguments standing
/// for `Sequence[run…]`, built only when it is read. (Trying each length of `a___` in `{a___, 3,
/// b___}` would otherwise copy the run for every length: quadratic in the list's length.)
enum BoundValue {
    case value(Expr)
    case run(ArraySlice<Expr>)

    var expr: Expr {
        switch self {
        case .value(let e): return e
        case .run(let r): return .call(Sym.Sequence, Array(r))
        }
    }

    var isRun: Bool {
        if case .run = self { return true }
        return false
    }
}

/// A continuation: called when the match so far succeeded; returns whether the whole match did.
typealias MatchContinuation = () throws(EvaluationControl) -> Bool

/// The backtracking matcher. Bindings live in two parallel arrays that are truncated on failure;
/// every matching function calls its continuation on success and returns its result, so a later
/// failure makes earlier choices try their next alternative.
final class MatchEngine {
    let kernel: Kernel
    var names: [Symbol] = []
    var values: [BoundValue] = []
    var optionFunction: Expr?
    var optionRules: [Expr]?
    var steps = 0

    init(kernel: Kernel) { self.kernel = kernel }

    var bindings: Bindings {
        Bindings(names: names, values: values.map(\.expr), options: optionRules.map { (optionFunction, $0) })
    }

    /// The bindings a test needs: runs bound to names that do not occur in `test` are left out
    /// (building them would cost their length at every attempt).
    func bindings(usedIn test: Expr) -> Bindings {
        guard values.contains(where: \.isRun) else { return bindings }
        var usedNames: [Symbol] = [], usedValues: [Expr] = []
        for (name, value) in zip(names, values) where !value.isRun || occurs(name, in: test) {
            usedNames.append(name)
            usedValues.append(value.expr)
        }
        return Bindings(names: usedNames, values: usedValues, options: optionRules.map { (optionFunction, $0) })
    }

    // MARK: Bindings

    @inline(__always) func mark() -> Int { names.count }

    @inline(__always) func undo(_ m: Int) {
        if names.count > m {
            names.removeSubrange(m...)
            values.removeSubrange(m...)
        }
    }

    func lookup(_ s: Symbol) -> Expr? { lookupBound(s)?.expr }

    func lookupBound(_ s: Symbol) -> BoundValue? {
        var i = names.count - 1
        while i >= 0 {
            if names[i] === s { return values[i] }
            i -= 1
        }
        return nil
    }

    /// Whether an existing binding equals a new value (a one-element `Sequence` equals its element).
    func sameBinding(_ a: Expr, _ b: Expr) -> Bool {
        if a == b { return true }
        func single(_ e: Expr) -> Expr? {
            if case .normal(let n) = e, n.args.count == 1, n.head == .symbol(Sym.Sequence) { return n.args[0] }
            return nil
        }
        if let x = single(a), x == b { return true }
        if let y = single(b), y == a { return true }
        return false
    }

    /// Whether an existing binding equals `Sequence[run…]` (without building it).
    func sameBinding(_ old: BoundValue, run: ArraySlice<Expr>) -> Bool {
        switch old {
        case .run(let r): return r.elementsEqual(run)
        case .value(let v):
            if run.count == 1 && run[run.startIndex] == v { return true }
            guard case .normal(let n) = v, n.head.symbol === Sym.Sequence else { return false }
            if n.args.elementsEqual(run) { return true }
            // Sequence[Sequence[run…]]: a one-element Sequence equals its element.
            if n.args.count == 1, case .normal(let inner) = n.args[0], inner.head.symbol === Sym.Sequence {
                return inner.args.elementsEqual(run)
            }
            return false
        }
    }

    /// Whether an existing binding equals the expression `e`.
    func sameBinding(_ old: BoundValue, _ e: Expr) -> Bool {
        switch old {
        case .value(let v): return sameBinding(v, e)
        case .run(let r):
            if r.count == 1 && r[r.startIndex] == e { return true }
            if case .normal(let n) = e, n.head.symbol === Sym.Sequence { return n.args.elementsEqual(r) }
            return false
        }
    }

    func bind(_ name: Symbol, _ value: Expr, _ k: MatchContinuation) throws(EvaluationControl) -> Bool {
        if let old = lookupBound(name) { return sameBinding(old, value) ? try k() : false }
        let m = mark()
        names.append(name)
        values.append(.value(value))
        if try k() { return true }
        undo(m)
        return false
    }

    /// `bind` of `Sequence[run…]`, kept as the run until read.
    func bindRun(_ name: Symbol, _ run: ArraySlice<Expr>, _ k: MatchContinuation) throws(EvaluationControl) -> Bool {
        if let old = lookupBound(name) { return sameBinding(old, run: run) ? try k() : false }
        let m = mark()
        names.append(name)
        values.append(.run(run))
        if try k() { return true }
        undo(m)
        return false
    }

    @inline(__always) func tick() throws(EvaluationControl) {
        steps &+= 1
        if steps & 255 == 0 { try kernel.checkAbort() }
    }

    // MARK: Evaluation hooks

    /// Evaluates a `Condition` test with the current bindings substituted.
    func conditionHolds(_ test: Expr) throws(EvaluationControl) -> Bool {
        let body = substitute(bindings(usedIn: test), into: test)
        return try kernel.eval(body) == .true
    }

    /// Evaluates `test[e]` for `PatternTest`.
    func testHolds(_ test: Expr, _ e: Expr) throws(EvaluationControl) -> Bool {
        try kernel.eval(.call(test, [e])) == .true
    }

    /// The default value for an omitted `Optional` argument at 1-based `position` of `n` arguments of
    /// `head`: `Default[f, position, n]`, `Default[f, position]` or `Default[f]`, whichever is defined.
    func defaultValue(head: Expr, position: Int, of n: Int) throws(EvaluationControl) -> Expr? {
        guard head.symbol != nil else { return nil }
        for args in [[head, .integer(position), .integer(n)], [head, .integer(position)], [head]] {
            let call = Expr.call(Sym.Default, args)
            let value = try kernel.eval(call)
            if value != call { return value }
        }
        return nil
    }

    // MARK: Matching one expression

    /// Matches `p` against the single expression `e`.
    func match(_ p: Expr, _ e: Expr, _ k: MatchContinuation) throws(EvaluationControl) -> Bool {
        guard case .normal(let pn) = p else { return p == e ? try k() : false }
        // The pattern is the expression itself (`Count[list, y]` with y in list): a match with no
        // walk when it holds no pattern objects (a structure built as y = g[y, y] shares its halves).
        if case .normal(let en) = e, en === pn, isFreeOfPatternObjects(p) { return try k() }
        guard let kind = patternKind(pn) else { return try matchStructure(pn, e, k) }
        switch kind {
        case .blank, .blankSequence, .blankNullSequence:
            return headMatches(pn, e) ? try k() : false
        case .pattern:
            let name = pn.args[0].symbol!
            if let old = lookupBound(name) {
                // Already bound: the value must be the same, and must still match the inner pattern.
                guard sameBinding(old, e) else { return false }
                return try match(pn.args[1], e, k)
            }
            return try match(pn.args[1], e) { () throws(EvaluationControl) in try self.bind(name, e, k) }
        case .condition:
            return try match(pn.args[0], e) { () throws(EvaluationControl) in
                try self.conditionHolds(pn.args[1]) ? try k() : false
            }
        case .patternTest:
            return try match(pn.args[0], e) { () throws(EvaluationControl) in
                try self.testHolds(pn.args[1], e) ? try k() : false
            }
        case .alternatives:
            return try matchAlternatives(pn.args, .expression(e), k)
        case .optional, .holdPattern, .longest, .shortest:
            return try match(pn.args[0], e, k)
        case .repeated, .repeatedNull:
            guard let range = repeatRange(pn), range.min <= 1, range.max >= 1 else { return false }
            return try match(pn.args[0], e, k)
        case .except:
            let m = mark()
            let excluded = try match(pn.args[0], e) { () throws(EvaluationControl) in true }
            undo(m)
            if excluded { return false }
            return pn.args.count == 2 ? try match(pn.args[1], e, k) : try k()
        case .verbatim:
            return pn.args[0] == e ? try k() : false
        case .optionsPattern:
            guard isOptionLike(e) else { return false }
            return try bindOptions(function: pn.args.first, [e], k)
        }
    }

    /// `_`, `_h` (also for `__h`, `___h` against one element): whether `e`'s head is `h`.
    @inline(__always) func headMatches(_ blank: Normal, _ e: Expr) -> Bool {
        guard let h = blank.args.first else { return true }
        return e.head == h
    }

    /// Tries each alternative in order; names of the other alternatives that stay unbound are bound
    /// to `Sequence[]`, as Wolfram does.
    func matchAlternatives(_ alts: [Expr], _ target: AlternativeTarget, _ k: MatchContinuation) throws(EvaluationControl) -> Bool {
        for (i, alt) in alts.enumerated() {
            try tick()
            let m = mark()
            let rest: MatchContinuation = { () throws(EvaluationControl) in
                var others: [Symbol] = []
                for (j, other) in alts.enumerated() where j != i { collectPatternNames(other, into: &others) }
                let m2 = self.mark()
                for s in others where self.lookup(s) == nil {
                    self.names.append(s)
                    self.values.append(.value(.call(Sym.Sequence, [])))
                }
                if try k() { return true }
                self.undo(m2)
                return false
            }
            let ok: Bool
            switch target {
            case .expression(let e): ok = try match(alt, e, rest)
            case .run(let run, let ctx, let position): ok = try matchPart(alt, run, ctx, position: position, rest)
            }
            if ok { return true }
            undo(m)
        }
        return false
    }

    /// Matches a normal pattern that is not a pattern object: head, then arguments.
    func matchStructure(_ pn: Normal, _ e: Expr, _ k: MatchContinuation) throws(EvaluationControl) -> Bool {
        let headSymbol = pn.head.symbol
        let attrs = headSymbol.map { kernel.attributes(of: $0) } ?? []
        guard let (eHead, eArgs) = normalView(e), eHead == pn.head || headSymbol == nil else {
            // `x_. y_` matches `a` (OneIdentity with defaults): treat `e` as the only argument.
            if attrs.contains(.oneIdentity), pn.args.contains(where: isOptionalPattern) {
                let ctx = ArgumentContext(head: pn.head, attributes: attrs.subtracting(.flat), patternCount: pn.args.count)
                return try matchArguments(pn.args, [e], ctx, k)
            }
            return false
        }
        let ctx = ArgumentContext(head: eHead, attributes: attrs, patternCount: pn.args.count)
        if headSymbol != nil {
            return try matchArguments(pn.args, eArgs, ctx, k)
        }
        return try match(pn.head, eHead) { () throws(EvaluationControl) in
            let attrs2 = eHead.symbol.map { self.kernel.attributes(of: $0) } ?? []
            let ctx2 = ArgumentContext(head: eHead, attributes: attrs2, patternCount: pn.args.count)
            return try self.matchArguments(pn.args, eArgs, ctx2, k)
        }
    }

    // MARK: Options

    /// A rule, or a (possibly nested) list of rules.
    func isOptionLike(_ e: Expr) -> Bool {
        switch e.headSymbol {
        case Sym.Rule?, Sym.RuleDelayed?: return e.args.count == 2
        case Sym.List?: return e.args.allSatisfy(isOptionLike)
        default: return false
        }
    }

    func bindOptions(function: Expr?, _ elements: [Expr], _ k: MatchContinuation) throws(EvaluationControl) -> Bool {
        let savedFunction = optionFunction, savedRules = optionRules
        var rules: [Expr] = []
        func flatten(_ e: Expr) {
            if e.hasHead(Sym.List) { e.args.forEach(flatten) } else { rules.append(e) }
        }
        elements.forEach(flatten)
        optionFunction = function ?? optionFunction
        optionRules = (optionRules ?? []) + rules
        if try k() { return true }
        optionFunction = savedFunction
        optionRules = savedRules
        return false
    }
}

/// `head` and arguments of a normal expression, a packed array (as its `List`), or a rational or
/// complex number (as `Rational[n, d]` / `Complex[re, im]`, which patterns may take apart).
func normalView(_ e: Expr) -> (Expr, [Expr])? {
    switch e {
    case .normal(let n): return (n.head, n.args)
    case .packed(let p): return (.symbol(Sym.List), p.parts)
    case .rational(let n, let d): return (.symbol(Sym.Rational), [.integer(n), .integer(d)])
    case .complex(let re, let im): return (.symbol(Sym.Complex), [re, im])
    default: return nil
    }
}

/// Whether `p` is an `Optional` pattern (possibly named or wrapped), i.e. may match no argument.
func isOptionalPattern(_ p: Expr) -> Bool {
    guard case .normal(let n) = p, let kind = patternKind(n) else { return false }
    switch kind {
    case .optional: return true
    case .pattern: return isOptionalPattern(n.args[1])
    case .condition, .patternTest, .holdPattern: return isOptionalPattern(n.args[0])
    default: return false
    }
}

/// Whether the symbol `s` occurs anywhere in `e` (heads included).
func occurs(_ s: Symbol, in e: Expr) -> Bool {
    switch e {
    case .symbol(let x): return x === s
    case .normal(let n):
        if occurs(s, in: n.head) { return true }
        for a in n.args where occurs(s, in: a) { return true }
        return false
    default: return false
    }
}

/// Whether `p` holds no pattern objects (`_`, `x_`, `a | b`, `HoldPattern`, …), visiting each
/// shared node once.
func isFreeOfPatternObjects(_ p: Expr) -> Bool {
    var seen = Set<ObjectIdentifier>()
    func free(_ e: Expr) -> Bool {
        guard case .normal(let n) = e else { return true }
        guard seen.insert(ObjectIdentifier(n)).inserted else { return true }
        if patternKind(n) != nil { return false }
        return free(n.head) && n.args.allSatisfy(free)
    }
    return free(p)
}

/// Every pattern name in `p`.
func collectPatternNames(_ p: Expr, into names: inout [Symbol]) {
    guard case .normal(let n) = p else { return }
    if let kind = patternKind(n) {
        if kind == .verbatim { return }
        if kind == .pattern, let s = n.args[0].symbol, !names.contains(where: { $0 === s }) { names.append(s) }
    }
    collectPatternNames(n.head, into: &names)
    for a in n.args { collectPatternNames(a, into: &names) }
}
