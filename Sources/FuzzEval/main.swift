import Foundation
import Ramp
import RampFuzzing

// libFuzzer entry point for the evaluator: `scripts/fuzz.sh eval` builds this product with
// coverage and ASan. In a plain build it is a harmless no-op binary.
// Each input becomes a program over every builtin the kernel knows (ExpressionGenerator), evaluated
// in a fresh kernel with a time budget (FUZZ_EVAL_SECONDS, default 0.25) and Ramp's allocation limit
// lowered (FUZZ_EVAL_MAX_BYTES, default 32 MiB) so that `nomem` paths are taken, not the machine's
// memory. FUZZ_EVAL_PRINT=1 prints each program to standard error before evaluating it (to turn a
// crash file into its program: `FUZZ_EVAL_PRINT=1 FuzzEval crash-…`).

let environment = ProcessInfo.processInfo.environment
let generator = ExpressionGenerator(names: BudgetedEvaluator.builtinNames())
let evaluator = BudgetedEvaluator(seconds: environment["FUZZ_EVAL_SECONDS"].flatMap(Double.init) ?? 0.25)
let printsPrograms = environment["FUZZ_EVAL_PRINT"] == "1"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEval(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    SizeLimit.maxBytes = environment["FUZZ_EVAL_MAX_BYTES"].flatMap(Int.init) ?? 32 << 20
    let program = generator.program(Array(UnsafeBufferPointer(start: data, count: size)))
    if printsPrograms { FileHandle.standardError.write(Data((program + "\n").utf8)) }
    evaluator.run(program)
    return 0
}
