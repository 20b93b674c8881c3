import Testing
@testable import RampSyntax

/// A chain of `depth` nested expressions, kept level by level so that it can be released from the
/// outside in (releasing only the root would free the chain recursively).
final class NestedChain {
    private var levels: [Expr]  // innermost first

    init(depth: Int, leaf: Expr, wrap: (Expr) -> Expr) {
        levels = [leaf]
        levels.reserveCapacity(depth + 1)
        for _ in 0..<depth { levels.append(wrap(levels[levels.count - 1])) }
    }

    var root: Expr { levels[levels.count - 1] }

    deinit {
        while !levels.isEmpty { _ = levels.popLast() }
    }
}

@Suite struct PrinterDeepNestingTests {
    static let depth = 100_000

    @Test func deepCallsPrintInEveryForm() {
        let chain = NestedChain(depth: Self.depth, leaf: .sym("x")) { .call(Symbol.named("f"), [$0]) }
        let expected = String(repeating: "f[", count: Self.depth) + "x" + String(repeating: "]", count: Self.depth)
        for style in [FormStyle.fullForm, .inputForm, .outputForm, .scriptForm] {
            #expect(chain.root.formatted(style) == expected)
        }
    }

    @Test func deepListsPrintInEveryForm() {
        let chain = NestedChain(depth: Self.depth, leaf: 1) { .list([$0]) }
        let braces = String(repeating: "{", count: Self.depth) + "1" + String(repeating: "}", count: Self.depth)
        #expect(chain.root.formatted(.inputForm) == braces)
        #expect(chain.root.formatted(.outputForm) == braces)
        let full = String(repeating: "List[", count: Self.depth) + "1" + String(repeating: "]", count: Self.depth)
        #expect(chain.root.formatted(.fullForm) == full)
    }

    @Test func deepOperatorsPrintWithParentheses() {
        // (((x + 1)^2 + 1)^2 …): every level needs parentheses and a precedence decision.
        let chain = NestedChain(depth: Self.depth, leaf: .sym("x")) {
            .call(Sym.Power, [.call(Sym.Plus, [$0, 1]), 2])
        }
        let text = chain.root.formatted(.inputForm)
        #expect(text.hasPrefix(String(repeating: "(", count: 5)))
        #expect(text.hasSuffix(" + 1)^2"))
        #expect(text.count == 1 + Self.depth * "( + 1)^2".count)
        let minus = NestedChain(depth: Self.depth, leaf: .sym("x")) { .call(Sym.Times, [-1, $0]) }
        #expect(minus.root.formatted(.inputForm).hasPrefix("-(-(-("))
    }

    @Test func deepExpressionsAreReleasedWithoutRecursion() {
        // Dropping a million-level chain (in the arguments and in the heads) must not overflow the stack.
        var nested = Expr.sym("x")
        for _ in 0..<1_000_000 { nested = .call(Symbol.named("f"), [nested]) }
        var heads = Expr.sym("g")
        for _ in 0..<1_000_000 { heads = .call(heads, [1]) }
        #expect(nested.args.count == 1 && heads.args == [1])
        nested = .null
        heads = .null
        #expect(nested == .null && heads == .null)
    }
}
