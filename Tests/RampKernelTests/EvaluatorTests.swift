import Foundation
import Testing
import Ramp

private func s(_ name: String) -> Expr { .sym(name) }
private func call(_ head: String, _ args: Expr...) -> Expr { .call(Symbol.named(head), args) }
private func blank(_ name: String, _ head: String? = nil) -> Expr {
    call("Pattern", s(name), head.map { call("Blank", s($0)) } ?? call("Blank"))
}

@Suite struct DefinitionOrderTests {
    /// DownValues lists (and applies) literal rules first, then patterns from most to least specific.
    @Test func specificRulesComeFirstWhateverTheOrderGiven() {
        let orders: [[Int]] = [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1], [1, 3, 0, 2]]
        let lhss: [Expr] = [call("f", 0), call("f", blank("x", "Integer")), call("f", blank("x")), call("f", call("Pattern", s("x"), call("BlankNullSequence")))]
        for order in orders {
            let k = Kernel.standard()
            for i in order { _ = k.evaluate(call("SetDelayed", lhss[i], .integer(i))) }
            let dv = k.evaluate(call("DownValues", s("f")))
            #expect(dv.args.map { $0.args[0].args[0] } == lhss, "order \(order)")
            #expect(k.evaluate(call("f", 0)) == 0)
            #expect(k.evaluate(call("f", 5)) == 1)
            #expect(k.evaluate(call("f", "s")) == 2)
            #expect(k.evaluate(call("f")) == 3)
            #expect(k.evaluate(call("f", 1, 2)) == 3)
        }
    }

    @Test func equallySpecificRulesKeepDefinitionOrder() {
        let isInteger = call("Condition", blank("x"), call("MatchQ", s("x"), call("Blank", s("Integer"))))
        let always = call("Condition", blank("x"), .true)
        for (first, second) in [(isInteger, always), (always, isInteger)] {
            let k = Kernel.standard()
            _ = k.evaluate(call("SetDelayed", call("f", first), first == isInteger ? "integer" : "any"))
            _ = k.evaluate(call("SetDelayed", call("f", second), second == isInteger ? "integer" : "any"))
            #expect(k.evaluate(call("f", 2)) == (first == isInteger ? "integer" : "any"))
            #expect(k.evaluate(call("f", 2.5)) == "any")
        }
    }

    @Test func sameLeftSideReplacesTheRule() {
        let k = Kernel.standard()
        _ = k.evaluate(call("SetDelayed", call("f", blank("x")), 1))
        _ = k.evaluate(call("SetDelayed", call("f", blank("x")), 2))
        _ = k.evaluate(call("Set", call("f", 7), 3))
        _ = k.evaluate(call("Set", call("f", 7), 4))
        #expect(k.evaluate(call("DownValues", s("f"))).args.count == 2)
        #expect(k.evaluate(call("f", 7)) == 4)
        #expect(k.evaluate(call("f", 8)) == 2)
    }
}

@Suite struct EvaluatorTests {
    private func fib(_ k: Kernel) {
        let n = s("n")
        _ = k.evaluate(call("SetDelayed", call("fib", blank("n")),
            call("Plus", call("fib", call("Plus", n, -1)), call("fib", call("Plus", n, -2)))))
        _ = k.evaluate(call("Set", call("fib", 0), 0))
        _ = k.evaluate(call("Set", call("fib", 1), 1))
    }

    @Test func recursiveDefinitions() {
        let k = Kernel.standard()
        fib(k)
        #expect(k.evaluate(call("fib", 20)) == 6765)
    }

    @Test func runawayRecursionStopsAtTheLimitWithAMessage() {
        let k = Kernel.standard()
        var messages: [String] = []
        k.messageHandler = { messages.append("\($0.symbol.name)::\($0.tag)") }
        // r[n_] := r[n + 1] + 1
        _ = k.evaluate(call("SetDelayed", call("r", blank("n")), call("Plus", call("r", call("Plus", s("n"), 1)), 1)))
        let result = k.evaluate(call("r", 0))
        #expect(result.hasHead(Sym.Hold))
        #expect(messages == ["$RecursionLimit::reclim2"])
    }

    @Test func deepRecursionWithARaisedLimitDoesNotOverflow() {
        let k = Kernel.standard()
        var messages: [String] = []
        k.messageHandler = { messages.append("\($0.symbol.name)::\($0.tag)") }
        _ = k.evaluate(call("SetDelayed", call("r", blank("n")), call("Plus", call("r", call("Plus", s("n"), 1)), 1)))
        _ = k.evaluate(call("Set", s("$RecursionLimit"), 300_000))
        let result = k.evaluate(call("r", 0))
        #expect(result.hasHead(Sym.Hold))
        #expect(messages == ["$RecursionLimit::reclim2"])
    }

    @Test func deeplyNestedExpressionsEvaluate() {
        let k = Kernel.standard()
        // Nest[g, x, 10000] builds a 10^4-deep expression; evaluating it again is not recursion.
        let nested = k.evaluate(call("Nest", s("g"), s("x"), 10_000))
        var depth = 0
        var e = nested
        while case .normal(let n) = e { depth += 1; e = n.args[0] }
        #expect(depth == 10_000)
        k.setValue(nested, of: "deep")
        #expect(k.evaluate(s("deep")).hasHead(Symbol.named("g")))
        k.setValue(nil, of: "deep")
    }

    @Test func abortFromAnotherThreadReturnsAborted() async {
        let k = Kernel.standard()
        let loop = call("While", .true, call("Plus", 1, 1))
        let t = Thread { Thread.sleep(forTimeInterval: 0.1); k.abort() }
        t.start()
        #expect(k.evaluate(loop) == .aborted)
        // The kernel is usable again afterwards.
        #expect(k.evaluate(call("Plus", 1, 2)) == 3)
    }

    /// A step that never polls (here a builtin that sleeps) outlasts TimeConstrained's limit: the
    /// body ends with the timer's abort pending. TimeConstrained gives its failure value and the
    /// abort goes no further (it used to abort the rest of the input).
    @Test func timeConstrainedHandlesItsOwnAbortAfterAStepThatDoesNotPoll() throws {
        let k = Kernel.standard()
        k.define("SleepWithoutPolling") { _ in usleep(300_000); return .null }
        let program = "{TimeConstrained[SleepWithoutPolling[], 0.05], TimeConstrained[SleepWithoutPolling[], 0.05, late], after}"
        #expect(try k.evaluate(source: program) == .list([.aborted, s("late"), s("after")]))
        #expect(k.evaluate(call("Plus", 1, 2)) == 3)
    }

    /// Printing inside an evaluation stops at an abort (ToString of a huge expression), and the
    /// unfinished text is never the result.
    @Test func printingInsideAnEvaluationStopsAtAnAbort() throws {
        let k = Kernel.standard()
        _ = try k.evaluate(source: "big = ConstantArray[f[x], 10^6]; r = Range[10^7];")
        for program in ["TimeConstrained[ToString[big, InputForm], 0.05]", "TimeConstrained[ToString[r], 0.05]",
                        "TimeConstrained[ExportString[big, \"Text\"], 0.05]", "TimeConstrained[Print[big], 0.05]"] {
            #expect(try k.evaluate(source: program) == .aborted, "\(program)")
        }
        // Outside an evaluation, printing polls only a check the caller installs.
        let big = k.evaluate(s("big"))
        var checks = 0
        let text = PrintInterruption.polling({ checks += 1; return checks > 3 }) { big.formatted(.inputForm) }
        #expect(checks == 4)
        #expect(text.count < 100_000)
        #expect(big.formatted(.inputForm).count == 6_000_000)
    }

    @Test func embedderCapturesMessages() {
        let k = Kernel.standard()
        var seen: [KernelMessage] = []
        k.messageHandler = { seen.append($0) }
        _ = k.evaluate(call("Nest", s("f"), s("x"), -1))
        #expect(seen.map(\.description) == ["Nest::intnm: Non-negative machine-sized integer expected at position 3 in Nest[f, x, -1]."])
    }
}
