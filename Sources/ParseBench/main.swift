import RampSyntax
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Parse benchmark: `ParseBench FILE [REPEATS]` parses FILE as a program REPEATS times (default 5) and
// prints the best time and throughput. Used by scripts/bench/parse.sh.
let arguments = CommandLine.arguments
guard arguments.count >= 2, let file = fopen(arguments[1], "rb") else {
    print("usage: ParseBench FILE [REPEATS]")
    exit(2)
}
var bytes: [UInt8] = []
var chunk = [UInt8](repeating: 0, count: 1 << 16)
while true {
    let n = fread(&chunk, 1, chunk.count, file)
    if n <= 0 { break }
    bytes.append(contentsOf: chunk[0..<n])
}
fclose(file)
let source = String(decoding: bytes, as: UTF8.self)
let repeats = arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5
/// CPU time of the process (the machine may be shared, so wall time alone says little).
func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}
// Keep freed memory in the process between repeats (glibc would hand it back to the kernel and
// fault it in again); the first repeat is reported separately as the cold-start figure.
#if canImport(Glibc)
@_silgen_name("mallopt") func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
_ = mallopt(-1, 1 << 30)  // M_TRIM_THRESHOLD
_ = mallopt(-3, 1 << 30)  // M_MMAP_THRESHOLD
#endif
var firstCPU = 0.0
var bestWall = Double.infinity
var bestCPU = Double.infinity
var count = 0
let clock = ContinuousClock()
for _ in 0..<repeats {
    let start = clock.now
    let cpuStart = cpuSeconds()
    do {
        let program = try Parser.parseProgram(source)
        count = program.count
        let cpu = cpuSeconds() - cpuStart
        if firstCPU == 0 { firstCPU = cpu }
        bestCPU = min(bestCPU, cpu)
        let elapsed = clock.now - start
        bestWall = min(bestWall, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    } catch {
        print(error)
        exit(1)
    }
}
let megabytes = Double(bytes.count) / 1_000_000
print("ramp: \(count) expressions, \(Int(megabytes.rounded())) MB: \(Int(megabytes / bestCPU)) MB/s CPU time "
    + "(\(Int(bestCPU * 1000)) ms), \(Int(megabytes / bestWall)) MB/s wall clock (\(Int(bestWall * 1000)) ms)")
