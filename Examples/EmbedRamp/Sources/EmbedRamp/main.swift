// Embedding Ramp in a Swift program, through its public API only:
// evaluate source, convert values, add a Swift builtin, collect messages, abort from another thread.
// Exits non-zero when a result is not what it should be (scripts/test.sh runs it).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Ramp

nonisolated(unsafe) var failures = 0
func check(_ what: String, _ ok: Bool) {
    print((ok ? "ok   " : "FAIL ") + what)
    if !ok { failures += 1 }
}

let kernel = Kernel.standard()

// Messages and Print output go wherever the host wants them.
nonisolated(unsafe) var messages: [String] = []
kernel.messageHandler = { messages.append($0.description) }

// Native builtins written in Swift, with usage text: a typed one and a general one.
kernel.defineFunction("Celsius", usage: "Celsius[f] converts degrees Fahrenheit to Celsius.") { (f: Double) in
    (f - 32) * 5 / 9
}
kernel.setMessage("Checked", "neg", "Negative argument `1`.")
kernel.define("Checked", usage: "Checked[n] gives n, or $Failed with a message when n < 0.") { call in
    guard call.args.count == 1, let n = call.args[0].int else { return nil }
    if n < 0 { call.message("neg", call.args[0]); return .failed }
    return .integer(n)
}

// Swift values in and out.
kernel.setValue([212.0, 32.0, 98.6], of: "temperatures")
kernel.setValue(["alpha": 1, "beta": 2], of: "weights")

do {
    check("Celsius[212] is 100", try kernel.evaluate(source: "Celsius[212]", as: Double.self) == 100)
    check("a program's last value", try kernel.evaluate(source: "Celsius[50]\nCelsius[32]", as: Double.self) == 0)
    check("parse without evaluating", try kernel.parse("Celsius[x]").head == .sym("Celsius"))
    check("[Double] round trip", kernel.value(of: "temperatures", as: [Double].self) == [212, 32, 98.6])
    check("dictionary round trip", kernel.value(of: "weights", as: [String: Int].self) == ["alpha": 1, "beta": 2])
    check("message returns $Failed", try kernel.evaluate(source: "Checked[-1]") == .failed)
    check("message reached the handler", messages == ["Checked::neg: Negative argument -1."])
} catch {
    check("no error expected: \(error)", false)
}

do {
    _ = try kernel.evaluate(source: "Celsius[1]\nCelsius[2]]")
    check("syntax error thrown", false)
} catch {
    // `evaluate(source:)` throws only `SyntaxError` (typed throws).
    check("syntax error at line 2 (\(error.message))", error.line == 2)
}

check("usage text", kernel.usage(of: "Celsius") == "Celsius[f] converts degrees Fahrenheit to Celsius.")

// Abort from another thread: the evaluation returns $Aborted.
kernel.define("Spin") { call throws(EvaluationControl) in
    while true { try call.kernel.checkAbort() }
}
let aborter = abortSoon(kernel)
check("abort from another thread", kernel.evaluate(.call(Symbol.named("Spin"), [])) == .aborted)
pthread_join(aborter, nil)
kernel.clearAbort()

exit(failures == 0 ? 0 : 1)

/// Calls `kernel.abort()` from a new thread after 50 ms. (A top-level function, not a closure in
/// main.swift's top-level code: those are main-actor isolated, and Swift traps when a C thread
/// runs them.)
func abortSoon(_ kernel: Kernel) -> pthread_t {
    final class KernelRef: @unchecked Sendable { let kernel: Kernel; init(_ k: Kernel) { kernel = k } }
    var thread = pthread_t()
    let ref = Unmanaged.passRetained(KernelRef(kernel)).toOpaque()
    pthread_create(&thread, nil, { raw in
        let ref = Unmanaged<KernelRef>.fromOpaque(raw!).takeRetainedValue()
        usleep(50_000)
        ref.kernel.abort()
        return nil
    }, ref)
    return thread
}
