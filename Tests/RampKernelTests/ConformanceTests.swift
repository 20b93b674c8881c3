import Foundation
import Testing
import Ramp

/// One case of a conformance file: the input, the messages it should issue and its result.
struct ConformanceCase {
    let line: Int
    let input: String
    let messages: [String]
    let result: String
}

/// Reads the conformance format (see Conformance/README.md).
func parseConformanceFile(_ text: String) -> [ConformanceCase] {
    var cases: [ConformanceCase] = []
    var input: [String] = []
    var expected: [String] = []
    var start = 0
    var open = false
    func finish() {
        guard open else { return }
        let msgs = Array(expected.dropLast())
        cases.append(ConformanceCase(line: start, input: input.joined(separator: "\n"), messages: msgs, result: expected.last ?? ""))
        input = []
        expected = []
        open = false
    }
    for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let line = String(raw)
        if line.hasPrefix(">> ") || line == ">>" {
            finish()
            open = true
            start = i + 1
            input = [String(line.dropFirst(3))]
        } else if open && expected.isEmpty && (line.hasPrefix(".. ") || line == "..") {
            input.append(String(line.dropFirst(3)))
        } else if line.hasPrefix("# ") || line == "#" {
            continue
        } else if open && !line.trimmingCharacters(in: .whitespaces).isEmpty {
            expected.append(trimmedTrailing(line))
        }
    }
    finish()
    return cases
}

func trimmedTrailing(_ s: String) -> String {
    var t = Substring(s)
    while let last = t.last, last == " " || last == "\t" { t = t.dropLast() }
    return String(t)
}

/// The conformance files bundled with the tests.
func conformanceFiles() -> [String] {
    guard let dir = Bundle.module.url(forResource: "Conformance", withExtension: nil),
          let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [] }
    return names.filter { $0.hasSuffix(".txt") }.sorted()
}

/// Runs one input the way a script does: each top-level expression in turn; the messages issued
/// and the InputForm of the last result.
func runConformanceInput(_ kernel: Kernel, _ input: String) -> (messages: [String], result: String) {
    var messages: [String] = []
    kernel.messageHandler = { messages.append($0.description) }
    kernel.printHandler = { _ in }
    let program: [Expr]
    do {
        program = try Parser.parseProgram(input)
    } catch {
        return (messages, "Syntax error: \(error)")
    }
    var last = Expr.null
    for e in program { last = kernel.evaluate(e) }
    return (messages.map(trimmedTrailing), trimmedTrailing(last.formatted(.inputForm)))
}

@Suite struct ConformanceTests {
    @Test(arguments: conformanceFiles())
    func conformance(file: String) throws {
        let url = try #require(Bundle.module.url(forResource: "Conformance/" + file.dropLast(4), withExtension: "txt"))
        let cases = parseConformanceFile(try String(contentsOf: url, encoding: .utf8))
        #expect(!cases.isEmpty, "\(file) has no cases")
        let kernel = Kernel.standard()
        for c in cases {
            let (messages, result) = runConformanceInput(kernel, c.input)
            if messages != c.messages || result != c.result {
                Issue.record("""
                    \(file):\(c.line): >> \(c.input)
                      expected: \((c.messages + [c.result]).joined(separator: "\n                "))
                      got:      \((messages + [result]).joined(separator: "\n                "))
                    """)
            }
        }
    }
}
