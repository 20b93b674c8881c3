import Testing
import RampKernel
import RampSyntax

/// Small builders for patterns written as Swift values.
enum P {
    static func s(_ name: String) -> Expr { .sym(name) }
    static func f(_ head: String, _ args: Expr...) -> Expr { .call(Symbol.named(head), args) }
    static var any: Expr { .call(Sym.Blank, []) }
    static func blank(_ head: String) -> Expr { .call(Sym.Blank, .sym(head)) }
    static func x(_ name: String, _ p: Expr = .call(Sym.Blank, [])) -> Expr { .call(Sym.Pattern, .sym(name), p) }
    static var seq: Expr { .call(Sym.BlankSequence, []) }
    static var nullSeq: Expr { .call(Sym.BlankNullSequence, []) }
    static func rule(_ l: Expr, _ r: Expr) -> Expr { .call(Sym.Rule, l, r) }
    static func delayed(_ l: Expr, _ r: Expr) -> Expr { .call(Sym.RuleDelayed, l, r) }
}

/// A kernel with a couple of test predicates (the arithmetic builtins live elsewhere).
func patternTestKernel() -> Kernel {
    let k = Kernel()
    k.define("IsInt") { call in .bool(call.args.count == 1 && call.args[0].int != nil) }
    k.define("IsPositive") { call in
        guard call.args.count == 1, let i = call.args[0].int else { return .false }
        return .bool(i > 0)
    }
    k.define("Same") { call in .bool(call.args.count == 2 && call.args[0] == call.args[1]) }
    return k
}

@Suite struct PatternMatcherTests {
    let k = patternTestKernel()
    var m: PatternMatcher { PatternMatcher(kernel: k) }

    func b(_ p: Expr, _ e: Expr) throws -> [String: Expr]? {
        guard let r = try m.match(p, e) else { return nil }
        return Dictionary(r.pairs.map { ($0.0.name, $0.1) }, uniquingKeysWith: { a, _ in a })
    }

    @Test func blanksAndHeads() throws {
        #expect(try m.matches(P.any, 5))
        #expect(try m.matches(P.blank("Integer"), 5))
        #expect(try !m.matches(P.blank("Integer"), 5.0))
        #expect(try m.matches(P.blank("List"), .packed(PackedArray(integers: [1, 2]))))
        #expect(try m.matches(P.f("f", P.any, P.blank("Real")), P.f("f", P.s("a"), 1.5)))
        #expect(try !m.matches(P.f("f", P.any), P.f("f", 1, 2)))
        #expect(try !m.matches(P.f("f", P.any), P.f("g", 1)))
        #expect(try m.matches(P.seq, P.s("a")))
    }

    @Test func namedPatternsBindAndMustAgree() throws {
        #expect(try b(P.f("f", P.x("x"), P.x("y")), P.f("f", 1, 2)) == ["x": 1, "y": 2])
        #expect(try b(P.f("f", P.x("x"), P.x("x")), P.f("f", 1, 2)) == nil)
        #expect(try b(P.f("f", P.x("x"), P.x("x")), P.f("f", 1, 1)) == ["x": 1])
        let r = try m.match(P.f("f", P.x("x"), P.x("y")), P.f("f", 1, 2))
        #expect(r?.names.map(\.name) == ["x", "y"])
    }

    @Test func sequencesTakeShortestFirst() throws {
        let p = P.f("f", P.x("x", P.seq), P.x("y", P.seq))
        #expect(try b(p, P.f("f", P.s("a"), P.s("b"), P.s("c"))) == [
            "x": .call(Sym.Sequence, [P.s("a")]), "y": .call(Sym.Sequence, [P.s("b"), P.s("c")])])
        #expect(try b(P.f("f", P.x("x", P.nullSeq)), P.f("f")) == ["x": .call(Sym.Sequence, [])])
        #expect(try !m.matches(P.f("f", P.seq), P.f("f")))
        // x__ twice: the same sequence
        let twice = P.f("f", P.x("x", P.seq), P.x("x", P.seq))
        #expect(try b(twice, P.f("f", 1, 2, 1, 2)) == ["x": .call(Sym.Sequence, [1, 2])])
        #expect(try b(twice, P.f("f", 1, 2, 1)) == nil)
        // packed arrays are lists
        #expect(try b(.list([P.x("a"), P.x("r", P.seq)]), .packed(PackedArray(integers: [7, 8, 9]))) == [
            "a": 7, "r": .call(Sym.Sequence, [8, 9])])
    }

    @Test func conditionsAndTests() throws {
        let cond = Expr.call(Sym.Condition, P.x("x"), P.f("IsPositive", P.s("x")))
        #expect(try m.matches(cond, 3))
        #expect(try !m.matches(cond, -3))
        let test = Expr.call(Sym.PatternTest, P.any, P.s("IsInt"))
        #expect(try m.matches(test, 3))
        #expect(try !m.matches(test, P.s("a")))
        // condition over a sequence forces backtracking: f[x__, y__] /; x === 1... (Same[{x}, {1, 2}])
        let seqCond = Expr.call(Sym.Condition, P.f("f", P.x("x", P.seq), P.x("y", P.seq)),
                                P.f("Same", .list([P.s("x")]), .list([1, 2])))
        #expect(try b(seqCond, P.f("f", 1, 2, 3)) == ["x": .call(Sym.Sequence, [1, 2]), "y": .call(Sym.Sequence, [3])])
        // __?test applies the test to each element
        let seqTest = P.f("f", .call(Sym.PatternTest, P.seq, P.s("IsInt")))
        #expect(try m.matches(seqTest, P.f("f", 1, 2)))
        #expect(try !m.matches(seqTest, P.f("f", 1, P.s("a"))))
    }

    @Test func alternativesBindUnusedNamesToEmptySequence() throws {
        let p = P.f("f", .call(Sym.Alternatives, P.x("x", P.blank("Integer")), P.x("y", P.blank("String"))))
        #expect(try b(p, P.f("f", "s")) == ["y": "s", "x": .call(Sym.Sequence, [])])
        #expect(try !m.matches(p, P.f("f", 1.5)))
    }

    @Test func optionalsAndDefaults() throws {
        let p = P.f("f", P.x("x"), .call(Sym.Optional, P.x("y"), 0))
        #expect(try b(p, P.f("f", 1)) == ["x": 1, "y": 0])
        #expect(try b(p, P.f("f", 1, 2)) == ["x": 1, "y": 2])
        #expect(try !m.matches(p, P.f("f", 1, 2, 3)))
    }

    @Test func repeatedAndExcept() throws {
        let rep = Expr.list([.call(Symbol.named("Repeated"), P.s("a"))])
        #expect(try m.matches(rep, .list([P.s("a"), P.s("a")])))
        #expect(try !m.matches(rep, .list([])))
        #expect(try !m.matches(rep, .list([P.s("a"), P.s("b")])))
        let repNull = Expr.list([.call(Symbol.named("RepeatedNull"), P.s("a"))])
        #expect(try m.matches(repNull, .list([])))
        let same = Expr.list([.call(Symbol.named("Repeated"), P.x("x"))])
        #expect(try m.matches(same, .list([1, 1, 1])))
        #expect(try !m.matches(same, .list([1, 2])))
        let bounded = Expr.list([.call(Symbol.named("Repeated"), P.any, .list([2, 3]))])
        #expect(try !m.matches(bounded, .list([1])))
        #expect(try m.matches(bounded, .list([1, 2, 3])))
        #expect(try !m.matches(bounded, .list([1, 2, 3, 4])))
        let except = Expr.call(Symbol.named("Except"), P.blank("Integer"))
        #expect(try m.matches(except, P.s("a")))
        #expect(try !m.matches(except, 1))
    }

    @Test func holdPatternAndVerbatim() throws {
        #expect(try m.matches(.call(Symbol.named("HoldPattern"), P.x("x")), 1))
        #expect(try m.matches(.call(Symbol.named("Verbatim"), P.any), P.any))
        #expect(try !m.matches(.call(Symbol.named("Verbatim"), P.any), 1))
    }

    @Test func rationalAndComplexTakeApart() throws {
        #expect(try b(P.f("Rational", P.x("n"), P.x("d")), .rational(1, 3)) == ["n": 1, "d": 3])
        #expect(try b(P.f("Complex", P.x("r"), P.x("i")), .complex(1, 2)) == ["r": 1, "i": 2])
    }

    @Test func orderlessHeads() throws {
        let k2 = patternTestKernel()
        k2.define("ol", attributes: [.orderless]) { _ in nil }
        let m2 = PatternMatcher(kernel: k2)
        let p = P.f("ol", P.x("x", P.blank("Integer")), P.x("y", P.blank("Symbol")))
        let r = try m2.match(p, P.f("ol", P.s("a"), 1))
        #expect(r?[Symbol.named("x")] == 1)
        #expect(r?[Symbol.named("y")] == P.s("a"))
        #expect(try m2.matches(P.f("ol", P.s("b"), P.x("z")), P.f("ol", P.s("a"), P.s("b"))))
    }

    @Test func flatAndOrderlessLikePlus() throws {
        let k2 = patternTestKernel()
        k2.define("plus", attributes: [.flat, .orderless, .oneIdentity]) { _ in nil }
        k2.define("flat", attributes: [.flat]) { _ in nil }
        let m2 = PatternMatcher(kernel: k2)
        let r = try m2.match(P.f("plus", P.x("x"), P.x("y")), P.f("plus", P.s("a"), P.s("b"), P.s("c")))
        #expect(r?[Symbol.named("x")] == P.s("a"))
        #expect(r?[Symbol.named("y")] == P.f("plus", P.s("b"), P.s("c")))
        // Flat without OneIdentity wraps even a single argument: {f[1], f[2, 3]}
        let r2 = try m2.match(P.f("flat", P.x("a"), P.x("b")), P.f("flat", 1, 2, 3))
        #expect(r2?[Symbol.named("a")] == P.f("flat", 1))
        #expect(r2?[Symbol.named("b")] == P.f("flat", 2, 3))
        #expect(try !m2.matches(P.f("flat", P.blank("Integer")), P.f("flat", 2)))
        // a rule for a Flat head matches a run of its arguments
        let replaced = try applyRules([P.rule(P.f("plus", P.s("a"), P.s("b")), P.s("x"))],
                                      to: P.f("plus", P.s("a"), P.s("b"), P.s("c")), kernel: k2)
        #expect(replaced == P.f("plus", P.s("x"), P.s("c")))
        let replaced2 = try applyRules([P.rule(P.f("flat", 2, 3), P.s("x"))], to: P.f("flat", 1, 2, 3, 4), kernel: k2)
        #expect(replaced2 == P.f("flat", 1, P.s("x"), 4))
    }

    @Test func oneIdentityWithDefaults() throws {
        let k2 = patternTestKernel()
        k2.define("times", attributes: [.flat, .orderless, .oneIdentity]) { _ in nil }
        _ = k2.evaluate(.call(Sym.Set, .call(.sym("Default"), [P.s("times")]), 1))   // Default[times] = 1
        let m2 = PatternMatcher(kernel: k2)
        let p = P.f("times", .call(Sym.Optional, P.x("n")), P.x("x"))
        let r = try m2.match(p, P.s("a"))
        #expect(r?[Symbol.named("n")] == 1)
        #expect(r?[Symbol.named("x")] == P.s("a"))
        let r2 = try m2.match(p, P.f("times", 2, P.s("a")))
        #expect(r2?[Symbol.named("n")] == 2)
        #expect(r2?[Symbol.named("x")] == P.s("a"))
        // Optional in a Flat head takes one argument before falling back to the default
        let r3 = try m2.match(p, P.f("times", P.s("a"), P.s("b")))
        #expect(r3?[Symbol.named("n")] == P.s("a"))
        #expect(r3?[Symbol.named("x")] == P.s("b"))
        let r4 = try m2.match(P.f("times", .call(Sym.Optional, P.x("n", P.blank("Integer"))), P.x("x")), P.f("times", P.s("a"), P.s("b")))
        #expect(r4?[Symbol.named("n")] == 1)
        #expect(r4?[Symbol.named("x")] == P.f("times", P.s("a"), P.s("b")))
    }

    @Test func substitutionSplicesSequences() throws {
        var bindings = Bindings()
        bindings.bind(Symbol.named("x"), to: .call(Sym.Sequence, [1, 2]))
        bindings.bind(Symbol.named("y"), to: 3)
        #expect(substitute(bindings, into: P.f("g", P.s("y"), P.s("x"), P.s("y"))) == P.f("g", 3, 1, 2, 3))
        #expect(substitute(bindings, into: P.s("x")) == .call(Sym.Sequence, [1, 2]))
        #expect(substitute(bindings, into: P.f("g", P.s("z"))) == P.f("g", P.s("z")))
    }

    @Test func rulesFirstMatchWinsAndRightSideConditions() throws {
        let rules: [Expr] = [
            P.delayed(P.x("x"), .call(Sym.Condition, P.f("neg", P.s("x")), P.f("IsPositive", P.f("minus", P.s("x"))))),
            P.delayed(P.x("x", P.blank("Integer")), P.f("int", P.s("x"))),
            P.rule(P.any, P.s("other")),
        ]
        #expect(try applyRules(rules, to: 5, kernel: k) == P.f("int", 5))
        #expect(try applyRules(rules, to: P.s("a"), kernel: k) == P.s("other"))
        #expect(try applyRules([P.rule(1, 2)], to: 3, kernel: k) == nil)
    }

    @Test func backtrackingPollsAbort() throws {
        let k2 = patternTestKernel()
        let m2 = PatternMatcher(kernel: k2)
        let p = P.f("f", P.nullSeq, P.nullSeq, P.nullSeq, P.nullSeq, 2)
        let e = Expr.call(Symbol.named("f"), [Expr](repeating: 1, count: 30))
        #expect(try !m2.matches(p, e))
        k2.abort()
        #expect(throws: EvaluationControl.self) { try m2.matches(p, e) }
    }

    @Test func specificityOrder() {
        let lit = P.f("f", 1)
        let int = P.f("f", P.x("x", P.blank("Integer")))
        let any = P.f("f", P.x("x"))
        let seq = P.f("f", P.x("x", P.seq))
        let nullSeq = P.f("f", P.x("x", P.nullSeq))
        let order = [lit, int, any, seq, nullSeq]
        for i in order.indices {
            for j in order.indices {
                #expect(isMorePatternSpecific(order[i], than: order[j]) == (i < j))
            }
        }
        #expect(containsPatterns(any))
        #expect(!containsPatterns(lit))
    }
}
