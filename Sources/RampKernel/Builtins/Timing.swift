import RampSyntax

/// AbsoluteTiming and RepeatedTiming (wall-clock, from the standard library's `ContinuousClock`);
/// the side-by-side benchmarks in scripts/bench/ use them.
extension Kernel {
    func installTimingBuiltins() {
        /// Seconds since `start` as a machine real.
        func seconds(_ d: Duration) -> Double {
            let c = d.components
            return Double(c.seconds) + Double(c.attoseconds) * 1e-18
        }

        define("AbsoluteTiming", attributes: [.holdAll], arguments: .exactly(1), usage: "AbsoluteTiming[expr] evaluates expr, returning a list of the absolute number of seconds in real time that have elapsed, together with the result obtained.") { call throws(EvaluationControl) in
            let clock = ContinuousClock()
            let start = clock.now
            let result = try call.kernel.eval(call.args[0])
            let elapsed = seconds(clock.now - start)
            return .list([.real(elapsed), result])
        }

        define("RepeatedTiming", attributes: [.holdAll], arguments: ArgumentCount(1, 2), usage: "RepeatedTiming[expr] evaluates expr repeatedly and returns a list of the average time in seconds used, together with the result obtained.") { call throws(EvaluationControl) in
            let clock = ContinuousClock()
            var times: [Double] = []
            var result = Expr.null
            let budget = call.args.count == 2 ? (call.args[1].doubleValue ?? 1) : 1
            let overall = clock.now
            repeat {
                let start = clock.now
                result = try call.kernel.eval(call.args[0])
                times.append(seconds(clock.now - start))
            } while seconds(clock.now - overall) < budget && times.count < 10_000
            // Wolfram reports a trimmed mean; Ramp reports the mean of the fastest half (at least one run).
            let fastest = times.sorted().prefix(Swift.max(1, times.count / 2))
            return .list([.real(fastest.reduce(0, +) / Double(fastest.count)), result])
        }
    }
}
