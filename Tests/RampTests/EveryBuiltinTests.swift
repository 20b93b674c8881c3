import Foundation
import Testing
import Ramp
import RampFuzzing

/// Every builtin the kernel knows, called with 0 to 6 arguments of assorted kinds: each call gives a
/// result or a message, never a trap (a builtin that forgot to declare or check its argument count
/// indexed past its arguments: `TimeConstrained[x]`, found by the evaluation fuzzer).
@Suite struct EveryBuiltinTests {
    static let argumentLists = ["", "x", "1, 2", "{1, 2}, 2, 3", "\"a\", 1, x, {}", "1, 2, 3, 4, 5", "x, x, x, x, x, x"]

    @Test func everyBuiltinTakesAnyNumberOfArguments() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ramp-every-builtin-\(getpid())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(scratch.path)
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }
        let kernel = Kernel.standard()
        kernel.messageHandler = { _ in }
        // Not called: they end the process, wait, or read standard input.
        let skipped: Set<String> = ["Input", "InputString", "SetDirectory", "ResetDirectory"]
        var calls = 0
        for name in BudgetedEvaluator.builtinNames() where !skipped.contains(name) && !name.hasPrefix("$") {
            for args in Self.argumentLists {
                _ = try kernel.evaluate(source: "TimeConstrained[\(name)[\(args)], 1]; 0")
                calls += 1
            }
        }
        #expect(calls > 2000)
    }
}
