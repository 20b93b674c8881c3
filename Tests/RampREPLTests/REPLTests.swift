import Testing
import Synchronization
@testable import RampREPL
import Ramp

/// Runs the REPL over in-memory lines; returns everything it wrote and the exit status.
func runREPL(_ lines: [String], kernel: Kernel = Kernel.standard(),
             before: ((Int, Kernel) -> Void)? = nil) -> (output: String, status: Int32, prompts: [String], entries: [String]) {
    let session = Session(kernel: kernel)
    let output = Mutex("")
    let repl = REPL(session: session) { text in output.withLock { $0 += text } }
    var source = ArrayLineSource(lines)
    if let before { source.beforeLine = { before($0, kernel) } }
    let status = repl.run(&source)
    return (output.withLock { $0 }, status, source.prompts, source.entries)
}

/// A builtin that loops until aborted (stands in for `While[True]`).
func defineSpin(_ kernel: Kernel) {
    kernel.define("Spin") { call throws(EvaluationControl) in
        while true { try call.kernel.checkAbort() }
    }
}

@Suite struct VersionTests {
    @Test func versionIsSemantic() {
        #expect(RampVersion.string.split(separator: ".").count == 3)
    }
}

@Suite struct REPLLoopTests {
    @Test func promptsAndLabels() {
        let run = runREPL(["f[1]", "g[2, 3]"])
        #expect(run.output == "\nOut[1]= f[1]\n\n\nOut[2]= g[2, 3]\n\n")
        #expect(run.prompts == ["In[1]:= ", "In[2]:= ", "In[3]:= "])
        #expect(run.status == 0)
    }

    @Test func incompleteInputAsksForMore() {
        let run = runREPL(["f[1,", "2]", "h[3]"])
        #expect(run.prompts == ["In[1]:= ", "        ", "In[2]:= ", "In[3]:= "])
        #expect(run.output.contains("Out[1]= f[1, 2]"))
        #expect(run.output.contains("Out[2]= h[3]"))
    }

    @Test func pastedLinesAreSeparateInputs() {
        // Bracketed paste hands readline's caller several lines at once.
        let run = runREPL(["f[1]\ng[2]"])
        #expect(run.output.contains("Out[1]= f[1]"))
        #expect(run.output.contains("Out[2]= g[2]"))
    }

    @Test func percentForms() {
        let run = runREPL(["g[1]", "%", "h[%%]", "%1", "Out[-3]"])
        #expect(run.output.contains("Out[2]= g[1]"))
        #expect(run.output.contains("Out[3]= h[g[1]]"))
        #expect(run.output.contains("Out[4]= g[1]"))
        #expect(run.output.contains("Out[5]= g[1]"))
    }

    @Test func inputsAreReevaluated() {
        let kernel = Kernel.standard()
        let run = runREPL(["k[1]", "In[1]"], kernel: kernel, before: { index, kernel in
            if index == 1 { kernel.setValue(7, of: "k") }
        })
        #expect(run.output.contains("Out[1]= k[1]"))
        #expect(run.output.contains("Out[2]= 7[1]"))
    }

    @Test func outBeyondHistoryStaysUnevaluated() {
        let run = runREPL(["Out[7]"])
        #expect(run.output.contains("Out[1]= %7"))
    }

    @Test func nullResultsConsumeALineNumber() {
        let kernel = Kernel.standard()
        kernel.define("Nothing0") { _ in .null }
        let run = runREPL(["Nothing0[]", "f[2]"], kernel: kernel)
        #expect(!run.output.contains("Out[1]"))
        #expect(run.output.contains("Out[2]= f[2]"))
    }

    @Test func lineNumberFollowsDollarLine() {
        let kernel = Kernel.standard()
        kernel.define("Restart") { call in call.kernel.setValue(0, of: "$Line"); return .null }
        let run = runREPL(["f[1]", "Restart[]", "g[1]"], kernel: kernel)
        #expect(run.prompts == ["In[1]:= ", "In[2]:= ", "In[1]:= ", "In[2]:= "])
        #expect(run.output.contains("Out[1]= g[1]"))
    }

    @Test func historyLengthLimitsStorage() {
        let kernel = Kernel.standard()
        kernel.setValue(1, of: "$HistoryLength")
        let run = runREPL(["a[1]", "b[2]", "Out[1]", "%"], kernel: kernel)
        #expect(run.output.contains("Out[3]= %1"))
        #expect(run.output.contains("Out[4]= %1"))
    }

    @Test func formWrappersLabelTheOutput() {
        let run = runREPL(["FullForm[f[1]]", "%"])
        #expect(run.output.contains("Out[1]//FullForm= f[1]"))
        #expect(run.output.contains("Out[2]= f[1]"))
    }

    @Test func ctrlCAbortsTheEvaluationAndTheSessionGoesOn() {
        let kernel = Kernel.standard()
        defineSpin(kernel)
        Interrupts.target = kernel
        let run = runREPL(["Spin[]", "f[2]"], kernel: kernel, before: { index, _ in
            guard index == 0 else { return }
            Thread.detachNewThreadAfter(milliseconds: 50) { Interrupts.simulate() }
        })
        #expect(run.output.contains("Out[1]= $Aborted"))
        #expect(run.output.contains("Out[2]= f[2]"))
    }

    @Test func ctrlCAtAContinuationDropsThePendingText() {
        let run = runREPL(["f[1,", "g[2]"], before: { index, _ in
            if index == 1 { Interrupts.cancelledInput.store(true, ordering: .relaxed) }
        })
        #expect(run.output.contains("Out[1]= g[2]"))
        #expect(!run.output.contains("f[1"))
    }

    @Test func exitEndsTheSessionWithItsCode() {
        let run = runREPL(["f[1]", "Exit[3]", "g[1]"])
        #expect(run.status == 3)
        #expect(!run.output.contains("g[1]"))
        #expect(runREPL(["Quit[]"]).status == 0)
        #expect(runREPL(["Quit"]).status == 0)
    }

    @Test func syntaxErrorsDoNotConsumeALine() {
        let run = runREPL(["f[1]]", "g[1]"])
        #expect(run.output.contains("Syntax::"))
        #expect(run.output.contains("Out[1]= g[1]"))
    }

    @Test func questionMarkShowsUsage() {
        let kernel = Kernel.standard()
        kernel.define("Frob", usage: "Frob[x] frobnicates x.") { _ in nil }
        let run = runREPL(["?Frob", "??Frob", "?NoSuchThing1"], kernel: kernel)
        #expect(run.output.contains("Frob[x] frobnicates x.\n"))
        #expect(run.output.contains("Attributes[Frob] = {Protected}"))
        #expect(run.output.contains("Information::notfound: Symbol NoSuchThing1 not found."))
        // As in Wolfram's terminal, each query is an input of its own (In[1], In[2], In[3]).
        #expect(run.prompts.prefix(4) == ["In[1]:= ", "In[2]:= ", "In[3]:= ", "In[4]:= "])
    }

    @Test func historyKeepsWholeEntries() {
        // A continued entry is one history entry (Up recalls both lines); a syntax error is kept
        // too, so it can be recalled and fixed.
        let run = runREPL(["f[1,", "2]", "1 +* 2", "3"])
        #expect(run.entries == ["f[1,\n2]", "1 +* 2", "3"])
    }

    @Test func questionMarksShowUserDefinitions() {
        let run = runREPL(["g[x_] := x + 1", "g[0] = 5", "?g", "??g"])
        #expect(run.output.contains("g[0] = 5\n \ng[x_] := x + 1"))
        #expect(run.prompts.last == "In[5]:= ")
    }

    @Test func questionMarkPatternsListNames() {
        let kernel = Kernel.standard()
        kernel.define("ZqxAlpha", usage: "a") { _ in nil }
        kernel.define("ZqxBeta", usage: "b") { _ in nil }
        #expect(runREPL(["?Zqx*"], kernel: kernel).output.contains("ZqxAlpha  ZqxBeta"))
    }

    @Test func printOutputAppearsUnderTheInput() {
        let run = runREPL(["Print[\"hi\", 2 a]; 5"])
        #expect(run.output == "hi2 a\n\nOut[1]= 5\n\n")
    }

    @Test func messagesAppearInPlace() {
        let kernel = Kernel.standard()
        kernel.setMessage("Warn", "now", "warned about `1`.")
        kernel.define("Warn") { call in call.message("now", call.args[0]); return 5 }
        let run = runREPL(["Warn[x]"], kernel: kernel)
        #expect(run.output == "Warn::now: warned about x.\n\nOut[1]= 5\n\n")
    }
}

@Suite struct CompletionTests {
    @Test func completesDollarNamesAndUserSymbols() {
        let kernel = Kernel.standard()
        _ = Session(kernel: kernel)
        _ = Symbol.named("myUserSymbolForCompletion")
        let completer = Completer(kernel: kernel)
        #expect(completer.completions(word: "$Versi", before: "").contains("$Version"))
        #expect(completer.completions(word: "myUserSym", before: "f[") == ["myUserSymbolForCompletion"])
        #expect(completer.completions(word: "Global`myUserSym", before: "") == ["Global`myUserSymbolForCompletion"])
    }

    @Test func completesContexts() {
        _ = Symbol.named("CompletionCtx`inner")
        let completer = Completer(kernel: Kernel.standard())
        #expect(completer.completions(word: "CompletionCt", before: "") == ["CompletionCtx`"])
        #expect(completer.completions(word: "CompletionCtx`in", before: "") == ["CompletionCtx`inner"])
    }

    @Test func completesOptionNames() {
        let kernel = Kernel.standard()
        _ = try? kernel.evaluate(source: "Options[OptHolder] = {MaxWidgetCount -> 3, \"WidgetStyle\" -> 1}")
        let completer = Completer(kernel: kernel)
        #expect(completer.completions(word: "MaxWidg", before: "OptHolder[x, ") == ["MaxWidgetCount"])
        #expect(completer.completions(word: "Widg", before: "OptHolder[x, \"") == ["WidgetStyle"])
        #expect(completer.completions(word: "Widg", before: "Other[x, \"").isEmpty)
    }

    /// The README's examples: option names of the real net builtins (from their `Options`).
    @Test func completesNetOptionNames() {
        let kernel = Kernel.standard()
        let completer = Completer(kernel: kernel)
        #expect(completer.completions(word: "MaxTr", before: "NetTrain[net, data, ") == ["MaxTrainingRounds"])
        #expect(completer.completions(word: "TrainingProgressR", before: "NetTrain[net, data, ") == ["TrainingProgressReporting"])
        #expect(completer.completions(word: "Sl", before: "ParametricRampLayer[\"") == ["Slope"])
        #expect(completer.completions(word: "Random", before: "NetInitialize[net, ").contains("RandomSeeding"))
        #expect(completer.completions(word: "IgnoreC", before: "StringMatchQ[s, p, ") == ["IgnoreCase"])
        // A Ctrl-C at the prompt leaves an abort pending; completion still reads the options.
        kernel.abort()
        #expect(completer.completions(word: "Sl", before: "ParametricRampLayer[\"") == ["Slope"])
        kernel.clearAbort()
    }

    @Test func findsTheEnclosingHead() {
        let completer = Completer(kernel: Kernel.standard())
        _ = Symbol.named("outerFn")
        #expect(completer.enclosingHead("outerFn[a, g[b], ")?.name == "outerFn")
        #expect(completer.enclosingHead("outerFn[a] + ") == nil)
    }
}

@Suite struct ScriptRunnerTests {
    func run(_ source: String, printResult: Bool = false) -> (out: String, err: String, status: Int32) {
        let out = Mutex(""), err = Mutex("")
        let runner = ScriptRunner(session: Session(kernel: Kernel.standard()),
                                  write: { t in out.withLock { $0 += t } },
                                  writeError: { t in err.withLock { $0 += t } })
        let status = runner.run(source: source, fileName: "s.wl", printResult: printResult)
        return (out.withLock { $0 }, err.withLock { $0 }, status)
    }

    @Test func printsOnlyTheLastResultWhenAsked() {
        #expect(run("f[1]\ng[\"s\"]", printResult: true).out == "g[s]\n")
        #expect(run("f[1]\ng[2]").out == "")
    }

    @Test func exitCodes() {
        #expect(run("Exit[4]\nf[1]", printResult: true) == ("", "", 4))
        let bad = run("f[1]\n\ng[1]]")
        #expect(bad.status == 1)
        #expect(bad.err.hasPrefix("s.wl:3:"))
        #expect(bad.err.contains("Syntax::"))
    }

    @Test func questionMarkInAScriptPrintsTheUsage() {
        #expect(run("?Plus").out.contains("represents a sum"))
    }

    @Test func printUsesTheScriptForm() {
        #expect(run("Print[\"x = \", {1.5, \"s\"}, 2 a]\nEcho[3]").out == "x = {1.5, s}2*a\n>> 3\n")
    }

    @Test func shebangLineIsIgnored() {
        #expect(run("#!/usr/bin/env ramp\nf[1]", printResult: true).out == "f[1]\n")
    }

    @Test func streamedLinesKeepTheirLineNumbers() {
        let err = Mutex("")
        let runner = ScriptRunner(session: Session(kernel: Kernel.standard()), write: { _ in },
                                  writeError: { t in err.withLock { $0 += t } })
        var lines = ArrayLineSource(["f[1]", "g[", "2]", "h[1]]"])
        #expect(runner.run(lines: &lines, fileName: "stdin", printResult: false) == 1)
        #expect(err.withLock { $0 }.hasPrefix("stdin:4:"))
    }
}

import Foundation

extension Thread {
    /// Runs `body` on a new thread after a delay.
    static func detachNewThreadAfter(milliseconds: Int, _ body: @escaping @Sendable () -> Void) {
        Thread.detachNewThread {
            usleep(useconds_t(milliseconds * 1000))
            body()
        }
    }
}

/// Display forms in the REPL: `Out[n]//Form=` on the baseline, other rows under the result.
@Suite struct REPLDisplayFormTests {
    @Test func tableFormPrintsAsABlock() {
        let run = runREPL(["TableForm[{{1, 22}, {333, 4}}]", "%"])
        #expect(run.output.contains("\nOut[1]//TableForm= 1     22\n\n                   333   4\n\n"))
        #expect(run.output.contains("Out[2]= {{1, 22}, {333, 4}}"))
    }

    @Test func raisedExponentGoesAboveTheLabelLine() {
        let run = runREPL(["ScientificForm[12345.]"])
        let label = "Out[1]//ScientificForm= "
        #expect(run.output == "\n" + String(repeating: " ", count: label.count + 9) + "4\n" + label + "1.2345 10\n\n")
    }

    @Test func numberFormWithDigitsKeepsItsValueInOut() {
        let run = runREPL(["NumberForm[3.14159, {6, 2}]", "%"])
        #expect(run.output.contains("Out[1]//NumberForm= 3.14\n"))
        #expect(run.output.contains("Out[2]= 3.14159\n"))
    }

    @Test func associationStringKeysHaveNoQuotes() {
        let run = runREPL(["a = <|\"x\" -> 1, \"y z\" -> \"s\"|>", "Print[a]", "InputForm[a]"])
        #expect(run.output.contains("Out[1]= <|x -> 1, y z -> s|>\n"))
        #expect(run.output.contains("\n<|x -> 1, y z -> s|>\n"))
        #expect(run.output.contains("Out[3]//InputForm= <|\"x\" -> 1, \"y z\" -> \"s\"|>\n"))
    }
}

/// `$PageWidth`: long results break between tokens with `>   ` continuation lines (issue 12 §2.5).
@Suite struct REPLPageWidthTests {
    /// The lines of the `Out[1]=` result (its blank separator lines dropped).
    func resultLines(_ output: String) -> [Substring] {
        output.split(separator: "\n").filter { $0.hasPrefix("Out[") || $0.hasPrefix(">") }
    }

    @Test func longListBreaksAfterCommasWithinTheWidth() {
        let run = runREPL(["Range[60]"])
        let lines = resultLines(run.output)
        #expect(lines.count == 4)   // 231 characters: 70 after the label, then 74 after `>   `
        #expect(lines.allSatisfy { $0.count <= 78 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(">   ") })
        #expect(run.output.contains(",\n\n>   "))
        let joined = lines.map { $0.hasPrefix(">   ") ? String($0.dropFirst(4)) : String($0.dropFirst("Out[1]= ".count)) }.joined(separator: " ")
        #expect(joined == "{" + (1...60).map(String.init).joined(separator: ", ") + "}")
    }

    @Test func pageWidthIsSettable() {
        let narrow = runREPL(["$PageWidth = 30", "Range[30]"])
        #expect(narrow.output.split(separator: "\n").filter { $0.hasPrefix(">") }.allSatisfy { $0.count <= 30 })
        #expect(narrow.output.split(separator: "\n").filter { $0.hasPrefix(">") }.count >= 3)
        let wide = runREPL(["$PageWidth = Infinity", "Range[60]"])
        #expect(!wide.output.contains(">   "))
    }

    @Test func inputFormAndFullFormBreakToo() {
        let run = runREPL(["InputForm[Table[\"ab\", 40]]", "FullForm[Range[40]]"])
        let lines = run.output.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("Out[1]//InputForm= {\"ab\", ") })
        #expect(lines.contains { $0.hasPrefix("Out[2]//FullForm= List[1, 2, ") })
        #expect(lines.filter { $0.hasPrefix(">   ") }.count >= 2)
        #expect(lines.allSatisfy { $0.count <= 78 })
    }

    @Test func stringsAndNumbersAreNeverSplit() {
        let long = String(repeating: "x", count: 100)
        let run = runREPL(["{\"\(long)\", 2^300, \"\(long)\"}"])
        let lines = resultLines(run.output)
        #expect(lines.count == 3)
        #expect(lines[0] == "Out[1]= {\(long),")
        #expect(lines[2] == ">   \(long)}")
    }
}
