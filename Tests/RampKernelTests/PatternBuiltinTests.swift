import Testing
import RampKernel
import RampSyntax

/// The rule builtins, driven with constructed expressions.
@Suite struct PatternBuiltinTests {
    let k: Kernel
    var messages: [String] = []

    init() { k = patternTestKernel() }

    func ev(_ e: Expr) -> Expr { k.evaluate(e) }
    func collect(_ body: () -> Expr) -> (Expr, [String]) {
        var seen: [String] = []
        let old = k.messageHandler
        k.messageHandler = { seen.append($0.description) }
        defer { k.messageHandler = old }
        return (body(), seen)
    }

    let a = P.s("a"), b = P.s("b"), c = P.s("c")

    @Test func matchQ() {
        #expect(ev(P.f("MatchQ", 1, P.blank("Integer"))) == .true)
        #expect(ev(P.f("MatchQ", P.f("f", a, b), P.f("f", P.seq))) == .true)
        #expect(ev(P.f("MatchQ", P.f("f", a, b), P.f("g", P.seq))) == .false)
        let (r, msgs) = collect { ev(P.f("MatchQ", 1, 2, 3)) }
        #expect(r == P.f("MatchQ", 1, 2, 3))
        #expect(msgs == ["MatchQ::argt: MatchQ called with 3 arguments; 1 or 2 arguments are expected."])
        // one argument is the operator form, without a message
        let (r1, msgs1) = collect { ev(P.f("MatchQ", 1)) }
        #expect(r1 == P.f("MatchQ", 1))
        #expect(msgs1.isEmpty)
    }

    @Test func replaceAllTopDownFirstRuleWins() {
        // {a, b, c} /. {a -> 1, x_Symbol :> g[x]} — the head List is a symbol too
        let rules = Expr.list([P.rule(a, 1), P.delayed(P.x("x", P.blank("Symbol")), P.f("g", P.s("x")))])
        #expect(ev(P.f("ReplaceAll", .list([a, b, c]), rules)) == .call(P.f("g", P.s("List")), [1, P.f("g", b), P.f("g", c)]))
        // heads are replaced too: f[a] /. f -> h
        #expect(ev(P.f("ReplaceAll", P.f("f", a), P.rule(P.s("f"), P.s("h")))) == P.f("h", a))
        // once replaced, the result is not searched again: f[a] /. f[x_] :> f[f[x]]
        let once = P.delayed(P.f("f", P.x("x")), P.f("f", P.f("f", P.s("x"))))
        #expect(ev(P.f("ReplaceAll", P.f("f", a), once)) == P.f("f", P.f("f", a)))
        // sequences splice: f[a, b, c] /. f[x_, y__] :> {y, x}
        let seqRule = P.delayed(P.f("f", P.x("x"), P.x("y", P.seq)), .list([P.s("y"), P.s("x")]))
        #expect(ev(P.f("ReplaceAll", P.f("f", a, b, c), seqRule)) == .list([b, c, a]))
        // list of lists of rules gives a list of results
        let lists = Expr.list([.list([P.rule(a, 1)]), .list([P.rule(a, 2)])])
        #expect(ev(P.f("ReplaceAll", .list([a, b]), lists)) == .list([.list([1, b]), .list([2, b])]))
        // packed arrays are searched as lists
        #expect(ev(P.f("ReplaceAll", .packed(PackedArray(integers: [1, 2, 1])), P.rule(1, a))) == .list([a, 2, a]))
    }

    @Test func replaceAllRejectsNonRules() {
        let (r, msgs) = collect { ev(P.f("ReplaceAll", a, 1)) }
        #expect(r == P.f("ReplaceAll", a, 1))
        #expect(msgs == ["ReplaceAll::reps: {1} is neither a list of replacement rules nor a valid dispatch table, and so cannot be used for replacing."])
    }

    @Test func rightSideConditionsMakeRulesFail() {
        // f[1, 2, 3] /. f[x__, y__] :> {{x}, {y}} /; Same[{y}, {3}]  — backtracks into the match
        let rule = P.delayed(P.f("f", P.x("x", P.seq), P.x("y", P.seq)),
                             .call(Sym.Condition, .list([.list([P.s("x")]), .list([P.s("y")])]),
                                   P.f("Same", .list([P.s("y")]), .list([3]))))
        #expect(ev(P.f("ReplaceAll", P.f("f", 1, 2, 3), rule)) == .list([.list([1, 2]), .list([3])]))
    }

    @Test func replaceAtLevels() {
        let expr = Expr.list([a, .list([a, b])])
        #expect(ev(P.f("Replace", expr, P.rule(a, 1))) == expr)
        #expect(ev(P.f("Replace", a, P.rule(a, 1))) == 1)
        #expect(ev(P.f("Replace", expr, P.rule(a, 1), .list([2]))) == .list([a, .list([1, b])]))
        #expect(ev(P.f("Replace", expr, P.rule(a, 1), P.s("All"))) == .list([1, .list([1, b])]))
        // deeper levels first: Replace[{{1}}, {x_} :> g[x], All] gives g[g[1]]
        let wrap = P.delayed(.list([P.x("x")]), P.f("g", P.s("x")))
        #expect(ev(P.f("Replace", .list([.list([1])]), wrap, P.s("All"))) == P.f("g", P.f("g", 1)))
        // level -1: the atoms
        #expect(ev(P.f("Replace", P.f("f", a, P.f("g", b)), P.delayed(P.x("x", P.blank("Symbol")), P.f("h", P.s("x"))), .list([-1])))
                == P.f("f", P.f("h", a), P.f("g", P.f("h", b))))
    }

    @Test func replaceRepeatedAndLimit() {
        // f[f[f[a]]] //. f[x_] :> x
        let unwrap = P.delayed(P.f("f", P.x("x")), P.s("x"))
        #expect(ev(P.f("ReplaceRepeated", P.f("f", P.f("f", P.f("f", a))), unwrap)) == a)
        let grow = P.delayed(P.f("g", P.x("x")), P.f("g", P.f("h", P.s("x"))))
        let (r, msgs) = collect { ev(P.f("ReplaceRepeated", P.f("g", a), grow, P.rule(P.s("MaxIterations"), 3))) }
        #expect(r == P.f("g", P.f("h", P.f("h", P.f("h", a)))))
        #expect(msgs == ["ReplaceRepeated::rrlim: Exiting after g[a] scanned 3 times."])
    }

    @Test func replaceListGivesEveryMatch() {
        let rule = P.delayed(P.f("f", P.x("x", P.seq), P.x("y", P.seq)), .list([.list([P.s("x")]), .list([P.s("y")])]))
        #expect(ev(P.f("ReplaceList", P.f("f", a, b, c), rule)) == .list([
            .list([.list([a]), .list([b, c])]), .list([.list([a, b]), .list([c])])]))
        #expect(ev(P.f("ReplaceList", P.f("f", a, b, c), rule, 1)) == .list([.list([.list([a]), .list([b, c])])]))
    }

    @Test func casesCountPosition() {
        let expr = Expr.list([1, a, 2, P.f("g", 3), "s"])
        #expect(ev(P.f("Cases", expr, P.blank("Integer"))) == .list([1, 2]))
        #expect(ev(P.f("Cases", expr, P.blank("Integer"), P.s("Infinity"))) == .list([1, 2, 3]))
        #expect(ev(P.f("Cases", expr, P.blank("Integer"), P.s("Infinity"), 2)) == .list([1, 2]))
        #expect(ev(P.f("Cases", expr, P.delayed(P.f("g", P.x("x")), P.s("x")))) == .list([3]))
        #expect(ev(P.f("Count", expr, P.blank("Integer"))) == 2)
        #expect(ev(P.f("Count", expr, P.blank("Integer"), P.s("Infinity"))) == 3)
        #expect(ev(P.f("Position", expr, P.blank("Integer"))) == .list([.list([1]), .list([3]), .list([4, 1])]))
        // Position includes heads: Position[f[f[a]], f] gives {{0}, {1, 0}}
        #expect(ev(P.f("Position", P.f("f", P.f("f", a)), P.s("f"))) == .list([.list([0]), .list([1, 0])]))
        // post-order: parts before the whole
        #expect(ev(P.f("Cases", .list([.list([a]), b]), P.any, P.s("Infinity"))) == .list([a, .list([a]), b]))
        let (r, msgs) = collect { ev(P.f("Cases", expr, P.any, "x")) }
        #expect(r == P.f("Cases", expr, P.any, "x"))
        #expect(msgs == ["Cases::level: Level specification x is not of the form n, {n}, or {m, n}."])
    }

    @Test func freeMemberDelete() {
        let expr = Expr.list([a, P.f("g", b)])
        #expect(ev(P.f("FreeQ", expr, b)) == .false)
        #expect(ev(P.f("FreeQ", expr, c)) == .true)
        #expect(ev(P.f("FreeQ", expr, P.s("g"))) == .false)
        #expect(ev(P.f("MemberQ", expr, b)) == .false)
        #expect(ev(P.f("MemberQ", expr, a)) == .true)
        #expect(ev(P.f("MemberQ", expr, b, P.s("Infinity"))) == .true)
        #expect(ev(P.f("DeleteCases", .list([1, a, 2, b]), P.blank("Integer"))) == .list([a, b]))
        #expect(ev(P.f("DeleteCases", .list([1, a, .list([2, b])]), P.blank("Integer"), P.s("Infinity"))) == .list([a, .list([b])]))
        #expect(ev(P.f("DeleteCases", .list([1, 2, 3]), P.blank("Integer"), .list([1]), 2)) == .list([3]))
    }

    @Test func optionValueAndDefault() {
        let opts = Expr.list([P.rule(P.s("size"), 3), P.rule("color", P.s("red"))])
        #expect(ev(P.f("OptionValue", P.s("f"), opts, P.s("size"))) == 3)
        #expect(ev(P.f("OptionValue", P.s("f"), opts, "color")) == P.s("red"))
        #expect(ev(P.f("OptionValue", P.s("f"), opts, .list([P.s("color"), P.s("size")]))) == .list([P.s("red"), 3]))
        #expect(ev(P.f("Default", P.s("Plus"))) == 0)
        #expect(ev(P.f("Default", P.s("Power"), 2)) == 1)
        // f[x_, OptionsPattern[]] :> OptionValue[size] rewrites to the 3-argument form
        let rule = P.delayed(P.f("f", P.x("x"), P.f("OptionsPattern")), P.f("OptionValue", P.s("size")))
        #expect(ev(P.f("ReplaceAll", P.f("f", 1, P.rule(P.s("size"), 7)), rule)) == 7)
    }
}
