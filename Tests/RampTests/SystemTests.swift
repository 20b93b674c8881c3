import Dispatch
import Testing
import Ramp

/// The session area as an embedder sees it (a kernel without the REPL's session).
@Suite struct SystemTests {
    @Test func everyBuiltinHasUsage() {
        let kernel = Kernel.standard()
        let names = Symbol.allNames.filter { kernel.isBuiltin($0) }
        #expect(names.count > 300)
        let missing = names.filter { (kernel.usage(of: $0) ?? "").isEmpty }.sorted()
        #expect(missing.isEmpty, "builtins without usage: \(missing)")
    }

    @Test func namesMatchesWildcards() throws {
        let kernel = Kernel.standard()
        #expect(try kernel.evaluate(source: "Names[\"StringJ*\"]") == Expr.list(["StringJoin"]))
        #expect(try kernel.evaluate(source: "myValue1 = 3; Names[\"myVal@e*\"]") == Expr.list(["myValue1"]))
        #expect(try kernel.evaluate(source: "Names[\"NoSuchNameAtAll*\"]") == Expr.list([]))
        #expect(try kernel.evaluate(source: "MemberQ[Names[], \"Total\"]") == .true)
    }

    @Test func informationPrintsUsage() throws {
        let kernel = Kernel.standard()
        var printed: [String] = [], messages: [String] = []
        kernel.printHandler = { printed.append($0) }
        kernel.messageHandler = { messages.append($0.description) }
        #expect(try kernel.evaluate(source: "Information[Total]") == .null)
        #expect(printed.first?.hasPrefix("Total[list] gives the total") == true)
        _ = try kernel.evaluate(source: "Information[\"NoSuchThing\"]")
        #expect(messages == ["Information::notfound: Symbol NoSuchThing not found."])
    }

    @Test func timingAndPause() throws {
        let kernel = Kernel.standard()
        let t = try kernel.evaluate(source: "Timing[Total[Range[100]]]")
        #expect(t.args.count == 2 && t.args[1] == 5050)
        if case .real(let s) = t.args[0] { #expect(s >= 0) } else { Issue.record("Timing gave \(t)") }
        let p = try kernel.evaluate(source: "AbsoluteTiming[Pause[0.05]]")
        if case .real(let s) = p.args[0] { #expect(s >= 0.05) } else { Issue.record("AbsoluteTiming gave \(p)") }
        #expect(p.args[1] == .null)
        var messages: [String] = []
        kernel.messageHandler = { messages.append($0.description) }
        _ = try kernel.evaluate(source: "Pause[x]")
        #expect(messages == ["Pause::numnm: Non-negative machine-sized number expected at position 1 in Pause[x]."])
    }

    @Test func pauseIsInterruptible() throws {
        // An abort from another thread ends a long pause (a pause that ignored it would hang the run).
        let kernel = Kernel.standard()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { kernel.abort() }
        #expect(try kernel.evaluate(source: "Pause[600]; 1") == .aborted)
    }

    @Test func versionAndCommandLines() throws {
        let kernel = Kernel.standard()
        #expect(try kernel.evaluate(source: "$Version") == .string("Ramp " + Kernel.version))
        #expect(try kernel.evaluate(source: "VectorQ[$CommandLine, StringQ] && Length[$CommandLine] >= 1") == .true)
        #expect(try kernel.evaluate(source: "$ScriptCommandLine") == Expr.list([]))
    }

    @Test func exitInALibraryKernelAbortsAndRecordsTheCode() throws {
        let kernel = Kernel.standard()
        #expect(kernel.requestedExitCode == nil)
        #expect(try kernel.evaluate(source: "Exit[7]; 1") == .aborted)
        #expect(kernel.requestedExitCode == 7)
    }
}
