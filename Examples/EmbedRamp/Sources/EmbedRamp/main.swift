// Embedding Ramp: evaluate source, convert values, add a Swift builtin, handle messages.
import Ramp

let kernel = Kernel.standard()

// Messages and Print output go wherever the host wants them.
var messages: [String] = []
kernel.messageHandler = { messages.append($0.description) }
kernel.printHandler = { print("[ramp] \($0)") }

// A native builtin written in Swift, with usage text.
kernel.defineFunction("Celsius", usage: "Celsius[f] converts degrees Fahrenheit to Celsius.") { (f: Double) in
    (f - 32) * 5 / 9
}

// Swift values in, expressions out.
kernel.setValue([212.0, 32.0, 98.6], of: "temperatures")
kernel.setValue(["alpha": 1, "beta": 2], of: "weights")

do {
    let boiling = try kernel.evaluate(source: "Celsius[212]", as: Double.self)
    print("Celsius[212] = \(boiling)")
    let parsed = try kernel.parse("f[x, 1]")
    print("parsed head: \(parsed.head)")
    let back = kernel.value(of: "weights", as: [String: Int].self) ?? [:]
    print("weights: \(back.sorted { $0.key < $1.key })")
    _ = try kernel.evaluate(source: "f[1,")
} catch let error as SyntaxError {
    print("syntax error at line \(error.line), column \(error.column): \(error.message)")
} catch {
    print("error: \(error)")
}
print("usage: \(kernel.usage(of: "Celsius") ?? "none")")
