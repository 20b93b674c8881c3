// Times ParametricRampLayer over 10^7 Float32 values: forward through `layer[numericArray]`
// (output allocated) and forward plus backward (gradients for the input and the slopes), with
// memcpy as the bandwidth floor. Prints one line per case: `name ns_per_element`.
// Usage: PReLUBench [elements] [repeats]
#if canImport(Glibc)
import Glibc
#endif
import RampKernel
import RampNet
import RampSyntax

func nanoseconds(_ body: () -> Void) -> Double {
    var a = timespec(), b = timespec()
    clock_gettime(CLOCK_MONOTONIC, &a)
    body()
    clock_gettime(CLOCK_MONOTONIC, &b)
    return Double(b.tv_sec - a.tv_sec) * 1e9 + Double(b.tv_nsec - a.tv_nsec)
}

func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s[s.count / 2] }

func run() {
    let args = CommandLine.arguments
    let n = args.count > 1 ? Int(args[1]) ?? 10_000_000 : 10_000_000
    let reps = args.count > 2 ? Int(args[2]) ?? 21 : 21
    let kernel = Kernel()
    NetBuiltins.install(into: kernel)
    var rng = NetRandom(seed: 42)
    let data = (0..<n).map { _ in rng.symmetric(1) }
    let channels = 64
    let spatial = n / channels

    func report(_ name: String, _ times: [Double]) {
        print("\(name) \(median(times) / Double(n))")
    }

    // memcpy floor: 4n bytes in, 4n bytes out (freshly allocated, like the layer's output).
    var copyTimes: [Double] = []
    data.withUnsafeBufferPointer { src in
        for _ in 0..<reps {
            copyTimes.append(nanoseconds {
                let out = [Float](unsafeUninitializedCapacity: n) { buf, count in
                    memcpy(buf.baseAddress!, src.baseAddress!, n * 4)
                    count = n
                }
                precondition(out.count == n)
            })
        }
    }
    report("memcpy", copyTimes)

    func layer(_ levels: SlopeLevels, _ slopes: Tensor, _ shape: [Int]) -> ParametricRampLayer {
        ParametricRampLayer(levels: levels, levelsGiven: true, slope: .tensor(slopes), inputShape: shape.map { .fixed($0) })
    }
    let cases: [(String, ParametricRampLayer, [Int])] = [
        ("forward_single_slope", layer(.list([]), Tensor(shape: [], data: [0.1]), [n]), [n]),
        ("forward_per_channel", layer(.level(1), Tensor(shape: [channels], repeating: 0.1), [channels, spatial]), [channels, spatial]),
    ]
    for (name, l, shape) in cases {
        let input = Expr.native(NumericArrayObject(type: .real32, shape: shape, storage: .real32(Array(data.prefix(shape.reduce(1, *))))))
        var times: [Double] = []
        for _ in 0..<reps {
            times.append(nanoseconds {
                let out = try? l.apply([input], kernel: kernel)
                precondition(out != nil)
            })
        }
        report(name, times)
        // Forward plus backward on the same input, the upstream gradient all ones.
        let x = Tensor(shape: [1] + shape, data: Array(data.prefix(shape.reduce(1, *))))
        let g = Tensor(shape: x.shape, repeating: 1)
        var both: [Double] = []
        for _ in 0..<reps {
            both.append(nanoseconds {
                let y = l.forward(x)
                let grads = l.backward(input: x, output: y, gradient: g)
                precondition(grads.arrays.count == 1)
            })
        }
        report(name.replacingOccurrences(of: "forward", with: "forward_backward"), both)
    }
}

extension String {
    func replacingOccurrences(of a: String, with b: String) -> String {
        var out = "", rest = Substring(self)
        while let r = rest.firstRange(of: a) { out += rest[..<r.lowerBound]; out += b; rest = rest[r.upperBound...] }
        return out + rest
    }
}

run()
