import Foundation
import Testing
import Ramp

/// The algebra conformance files (Conformance/<Area>.txt, the format of RampKernelTests'
/// Conformance/README.md): each case's messages and InputForm result, through `Kernel.standard()`.
@Suite struct AlgebraConformanceTests {
    static var files: [String] {
        guard let dir = Bundle.module.url(forResource: "Conformance", withExtension: nil),
              let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [] }
        return names.filter { $0.hasSuffix(".txt") }.sorted()
    }

    @Test func thereAreFiles() { #expect(!Self.files.isEmpty) }

    @Test(arguments: files) func conformance(file: String) throws {
        let url = try #require(Bundle.module.url(forResource: "Conformance/" + file.dropLast(4), withExtension: "txt"))
        let kernel = Kernel.standard()
        for c in parseCases(try String(contentsOf: url, encoding: .utf8)) {
            var messages: [String] = []
            kernel.messageHandler = { messages.append($0.description) }
            kernel.printHandler = { _ in }
            var last = Expr.null
            do {
                for e in try Parser.parseProgram(c.input) { last = kernel.evaluate(e) }
            } catch {
                Issue.record("\(file):\(c.line): syntax error in \(c.input)"); continue
            }
            let result = trimmed(last.formatted(.inputForm))
            let got = messages.map(trimmed) + [result]
            #expect(got == c.expected, "\(file):\(c.line): \(c.input)\n  expected \(c.expected)\n  got      \(got)")
        }
    }

    struct Case { let line: Int; let input: String; let expected: [String] }

    /// `>> input` (continued by `.. ` lines), then expected message lines and the result line.
    func parseCases(_ text: String) -> [Case] {
        var cases: [Case] = []
        var input: [String] = [], expected: [String] = [], start = 0, open = false
        func finish() {
            if open { cases.append(Case(line: start, input: input.joined(separator: "\n"), expected: expected)) }
            input = []; expected = []; open = false
        }
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            if line.hasPrefix(">> ") { finish(); open = true; start = i + 1; input = [String(line.dropFirst(3))] }
            else if open && expected.isEmpty && line.hasPrefix(".. ") { input.append(String(line.dropFirst(3))) }
            else if line.hasPrefix("# ") || line == "#" { continue }
            else if open && !line.trimmingCharacters(in: .whitespaces).isEmpty { expected.append(trimmed(line)) }
        }
        finish()
        return cases
    }

    func trimmed(_ s: String) -> String {
        var t = Substring(s)
        while let last = t.last, last == " " || last == "\t" { t = t.dropLast() }
        return String(t)
    }
}
