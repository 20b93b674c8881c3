#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RampSyntax

/// The session area: `Names`, `Timing`, `Pause`, `Exit`/`Quit`, `$CommandLine`,
/// `$ScriptCommandLine`, `$Version`. The REPL's session replaces `Exit` and `Quit` with versions that
/// end the session; these are what an embedder's kernel has.
extension Kernel {
    /// Semantic version of this build of Ramp (`$Version` is `"Ramp " + version`).
    public static let version = "0.1.0"

    /// Whether `name` has a Swift builtin in this kernel.
    public func isBuiltin(_ name: String) -> Bool {
        guard let s = Symbol.existing(name) else { return false }
        return existingData(s)?.builtin != nil
    }

    /// The names this kernel knows something about (a builtin, a value, rules, attributes or messages).
    public var knownNames: [String] {
        Symbol.allNames.filter { name in
            guard let s = Symbol.existing(name), let d = existingData(s) else { return false }
            return !d.isEmpty
        }
    }

    /// The exit code asked for by `Exit[n]`/`Quit[n]` in a kernel without a session (the evaluation
    /// that called it returns `$Aborted`); nil when neither was called.
    public var requestedExitCode: Int32? {
        value(of: "Internal`$ExitCode")?.int.map { Int32(truncatingIfNeeded: $0) }
    }

    func installSystemBuiltins() {
        setMessage("Pause", "numnm", "Non-negative machine-sized number expected at position 1 in `1`.")
        setMessage("Names", "strse", "String or list of strings expected at position `1` in `2`.")

        define("Names", arguments: ArgumentCount(0, 1), usage: "Names[\"string\"] gives a list of the names of symbols which match the string.\nNames[patt] gives a list of names matching the arbitrary string pattern patt.") { call throws(EvaluationControl) in
            var patterns: [String] = ["*"]
            if let p = call.args.first {
                if let s = p.string { patterns = [s] }
                else if p.isList, p.args.allSatisfy({ $0.string != nil }) { patterns = p.args.compactMap(\.string) }
                else { call.message("strse", 1, call.expr); return nil }
            }
            let names = call.kernel.knownNames.filter { name in
                patterns.contains { wildcardNameMatch(Array($0.hasPrefix("System`") || $0.hasPrefix("Global`") ? String($0.split(separator: "`", maxSplits: 1)[1]) : $0), Array(name)) }
            }
            return try call.kernel.eval(.call(Symbol.named("Sort"), [.list(names.map(Expr.string))]))
        }

        define("Timing", attributes: [.holdAll], arguments: .exactly(1), usage: "Timing[expr] evaluates expr, and returns a list of the time in seconds used, together with the result obtained.") { call throws(EvaluationControl) in
            let start = processCPUSeconds()
            let result = try call.kernel.eval(call.args[0])
            return .list([.real(Swift.max(0, processCPUSeconds() - start)), result])
        }

        define("Pause", arguments: .exactly(1), usage: "Pause[n] pauses for at least n seconds.") { call throws(EvaluationControl) in
            guard let seconds = call.args[0].doubleValue, seconds >= 0, seconds.isFinite else {
                call.message("numnm", call.expr)
                return nil
            }
            // Sleep in short steps so an abort (Ctrl-C) ends the pause promptly.
            let clock = ContinuousClock()
            let end = clock.now + .nanoseconds(Int64(seconds * 1e9))
            while clock.now < end {
                try call.kernel.checkAbort()
                let left = end - clock.now
                let step = Swift.min(left, .milliseconds(20))
                if step > .zero { try? await_sleep(step) }
            }
            return .null
        }

        let exit: Builtin = { call throws(EvaluationControl) in
            guard call.checkArgCount(0, 1) else { return nil }
            var code = 0
            if let a = call.args.first {
                guard let k = a.int else { call.message("intm", call.expr, 1); return nil }
                code = k
            }
            call.kernel.setValue(.integer(code), of: "Internal`$ExitCode")
            throw .aborted
        }
        define("Exit", usage: "Exit[] terminates a Wolfram Language kernel session. Exit[n] gives the exit code n.", exit)
        define("Quit", usage: "Quit[] terminates a Wolfram Language kernel session. Quit[n] gives the exit code n.", exit)

        setValue(.list(CommandLine.arguments.map(Expr.string)), of: "$CommandLine")
        setMessage("$CommandLine", "usage", "$CommandLine is a list of strings giving the elements of the original operating system command line with which the Wolfram Language was invoked.")
        if value(of: "$ScriptCommandLine") == nil { setValue(.list([]), of: "$ScriptCommandLine") }
        setMessage("$ScriptCommandLine", "usage", "$ScriptCommandLine is a list of strings giving the elements of the command line with which a script was invoked: the script's name followed by its arguments.")
        setValue(.string("Ramp " + Kernel.version), of: "$Version")
        setMessage("$Version", "usage", "$Version is a string that represents the version of the Wolfram Language you are running.")
        setValue(.integer(78), of: "$PageWidth")
        setMessage("$PageWidth", "usage", "$PageWidth is the number of characters per line at which the REPL breaks long results (Infinity: never). It starts as the terminal's width, 78 without a terminal.")
    }
}

/// Sleeps for `d` (a blocking sleep: evaluation is synchronous).
private func await_sleep(_ d: Duration) throws {
    let c = d.components
    var request = timespec(tv_sec: Int(c.seconds), tv_nsec: Int(c.attoseconds / 1_000_000_000))
    var remaining = timespec()
    _ = nanosleep(&request, &remaining)
}

/// CPU seconds used by this process so far.
func processCPUSeconds() -> Double {
    var t = timespec()
    guard clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t) == 0 else { return 0 }
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// Wolfram's name patterns: `*` any characters, `@` any lower-case characters (one pass, no
/// backtracking blow-up: dynamic programming over positions).
func wildcardNameMatch(_ pattern: [Character], _ text: [Character]) -> Bool {
    var reachable = [Bool](repeating: false, count: text.count + 1)
    reachable[0] = true
    for p in pattern {
        var next = [Bool](repeating: false, count: text.count + 1)
        switch p {
        case "*":
            var on = false
            for i in 0...text.count { on = on || reachable[i]; next[i] = on }
        case "@":
            for i in 0...text.count {
                if reachable[i] { next[i] = true }
                if i > 0, next[i - 1], text[i - 1].isLowercase { next[i] = true }
            }
        default:
            for i in 0..<text.count where reachable[i] && text[i] == p { next[i + 1] = true }
        }
        reachable = next
    }
    return reachable[text.count]
}
