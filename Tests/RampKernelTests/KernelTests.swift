import Testing
import RampKernel
import RampSyntax

@Suite struct KernelAPITests {
    @Test func builtinIsCalledWithEvaluatedArguments() {
        let k = Kernel()
        k.define("Twice") { call in call.args.first.flatMap(\.int).map { .integer($0 * 2) } }
        k.setValue(21, of: "x")
        #expect(k.evaluate(.call(Symbol.named("Twice"), .sym("x"))) == 42)
        #expect(k.evaluate(.call(Symbol.named("Twice"), "s")) == .call(Symbol.named("Twice"), "s"))
    }

    @Test func messagesFillSlots() {
        let k = Kernel()
        var seen: [String] = []
        k.messageHandler = { seen.append($0.description) }
        k.setMessage("General", "argx", "`1` called with `2` arguments; 1 argument is expected.")
        k.message(Symbol.named("Not"), "argx", [.sym("Not"), 2])
        #expect(seen == ["Not::argx: Not called with 2 arguments; 1 argument is expected."])
    }
}
