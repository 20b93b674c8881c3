import Foundation
import Ramp

/// Evaluates fuzzer programs in a fresh kernel with a time budget: a watchdog thread calls
/// `Kernel.abort()` when an evaluation runs past `seconds` (evaluations that never poll for aborts
/// are left to libFuzzer's own `-timeout`). Messages and `Print` output are formatted and dropped;
/// the result is formatted in every form within the same budget.
public final class BudgetedEvaluator: @unchecked Sendable {
    /// The time budget of one program, in seconds.
    public let seconds: Double
    private let lock = NSLock()
    private var running: Kernel?
    private var deadline = Date.distantFuture

    public init(seconds: Double) {
        self.seconds = seconds
        // The watchdog ends when the evaluator is gone.
        let watchdog = Thread { [weak self] in
            while true {
                Thread.sleep(forTimeInterval: 0.01)
                guard let self else { return }
                self.lock.lock()
                if let kernel = self.running, Date() > self.deadline {
                    kernel.abort()
                    self.deadline = .distantFuture
                }
                self.lock.unlock()
            }
        }
        watchdog.start()
    }

    /// The builtin names of a standard kernel (`Names["*"]`), without `ExpressionGenerator.excludedNames`.
    public static func builtinNames() -> [String] {
        let kernel = Kernel.standard()
        let names = kernel.evaluate(.call(Symbol.named("Names"), [.string("*")]))
        return names.args.compactMap(\.string).filter { !ExpressionGenerator.excludedNames.contains($0) }
    }

    /// Parses and evaluates `source` in a fresh standard kernel; its result in every output form,
    /// or nil when it does not parse.
    @discardableResult
    public func run(_ source: String) -> String? {
        let kernel = Kernel.standard()
        kernel.messageHandler = { _ = $0.description }
        kernel.printHandler = { _ = $0 }
        lock.lock()
        running = kernel
        deadline = Date().addingTimeInterval(seconds)
        lock.unlock()
        defer {
            lock.lock()
            running = nil
            deadline = .distantFuture
            lock.unlock()
        }
        guard let result = try? kernel.evaluate(source: source) else { return nil }
        // Printing the result is part of the budget: a huge result stops printing at the
        // watchdog's abort (the text is then unfinished, which is all a fuzzer needs).
        return PrintInterruption.polling({ kernel.isAbortRequested }) {
            _ = kernel.format(result, .fullForm)
            _ = kernel.format(result, .outputForm)
            return kernel.format(result, .inputForm)
        }
    }
}
