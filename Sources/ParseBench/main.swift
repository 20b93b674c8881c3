import RampSyntax
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Parse benchmark: `ParseBench FILE [REPEATS]` reads and parses FILE as a program REPEATS times
// (default 5) and prints the best time and throughput. Used by scripts/bench/parse.sh.
//
// The timed part is: reading the file (fopen/fread), decoding it as UTF-8 into a String, lexing and
// parsing it into `[Expr]`. Freeing the expressions afterwards is timed separately and reported
// on its own, not included in the MB/s.
let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    print("usage: ParseBench FILE [REPEATS]")
    exit(2)
}
let path = arguments[1]
let repeats = arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5
// `ParseBench FILE REPEATS 1`: one thread (see `Parser.readsLargeProgramsOnTwoThreads`).
let oneThread = arguments.count > 3 && arguments[3] == "1"
Parser.readsLargeProgramsOnTwoThreads = !oneThread

/// The file's contents, or nil.
func readFile(_ path: String) -> String? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    fseek(file, 0, SEEK_END)
    let size = ftell(file)
    fseek(file, 0, SEEK_SET)
    guard size >= 0 else { return nil }
    return String(unsafeUninitializedCapacity: size) { buffer in
        fread(buffer.baseAddress, 1, size, file)
    }
}

/// CPU time of the process (the machine may be shared, so wall time alone says little).
func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}
func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}
// Repeats after the first reuse the memory freed by the one before: glibc keeps it in the process
// (rather than handing it back and faulting it in again), and without fast bins it coalesces freed
// chunks when they are freed (charged to the freeing figure), not in the next parse's first large
// allocation. The first repeat runs on fresh memory and is reported as the cold figure. These are
// the settings of the `ramp` command (its main.swift and RampNet's allocator tuning).
#if canImport(Glibc)
@_silgen_name("mallopt") func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
_ = mallopt(-1, 1 << 30)  // M_TRIM_THRESHOLD
_ = mallopt(-3, 1 << 30)  // M_MMAP_THRESHOLD
_ = mallopt(1, 0)  // M_MXFAST, as the `ramp` command sets it
#endif
var firstCPU = 0.0
var firstWall = 0.0
var bestWall = Double.infinity
var bestCPU = Double.infinity
var bestFreeCPU = Double.infinity
var count = 0
var byteCount = 0
let clock = ContinuousClock()
for _ in 0..<repeats {
    let start = clock.now
    let cpuStart = cpuSeconds()
    guard let source = readFile(path) else {
        print("cannot read \(path)")
        exit(2)
    }
    var program: [Expr]
    do {
        program = try Parser.parseProgram(source)
    } catch {
        print(error)
        exit(1)
    }
    let cpu = cpuSeconds() - cpuStart
    let wall = seconds(clock.now - start)
    count = program.count
    byteCount = source.utf8.count
    bestCPU = min(bestCPU, cpu)
    if firstCPU == 0 { firstCPU = cpu; firstWall = wall }
    bestWall = min(bestWall, wall)
    let freeStart = cpuSeconds()
    program = []
    // Normal.deinit queues the children of a dying node per thread and frees them at the next
    // deinit (see DeepRelease): drop one more nested expression so the queue is emptied here.
    _ = Expr.call(Sym.List, [Expr.call(Sym.List, [])])
    bestFreeCPU = min(bestFreeCPU, cpuSeconds() - freeStart)
    withExtendedLifetime(program) {}
}
let megabytes = Double(byteCount) / 1_000_000
print("ramp (\(oneThread ? "one thread" : "two threads")): \(count) expressions, \(Int(megabytes.rounded())) MB: \(Int(megabytes / bestCPU)) MB/s CPU time "
    + "(\(Int(bestCPU * 1000)) ms), \(Int(megabytes / bestWall)) MB/s wall clock (\(Int(bestWall * 1000)) ms); "
    + "cold first run \(Int(megabytes / firstWall)) MB/s wall clock, \(Int(megabytes / firstCPU)) MB/s CPU; "
    + "freeing the expressions afterwards (not included): \(Int(bestFreeCPU * 1000)) ms CPU")
