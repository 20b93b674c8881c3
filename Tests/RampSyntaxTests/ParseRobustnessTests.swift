import Foundation
import Testing
@testable import RampSyntax

/// Deep nesting, huge inputs and every input the fuzzer ever crashed on: a result or a syntax
/// message, never a crash.
@Suite struct ParseRobustnessTests {
    static let depths = [10, 500, 1000, 1023, 1024, 2000, 100_000]

    private func nested(_ open: String, _ close: String, _ depth: Int) -> String {
        String(repeating: open, count: depth) + "x" + String(repeating: close, count: depth)
    }

    @Test(arguments: depths)
    func deepBrackets(_ depth: Int) {
        for (open, close) in [("f[", "]"), ("(", ")"), ("{", "}"), ("<|a->", "|>"), ("e[[", "]]")] {
            let result = parsed(nested(open, close, depth))
            let failed = result.hasPrefix("!"), tooDeep = result == "!toodeep"
            // `<|a->…|>` takes two levels (Association and Rule) per bracket.
            if depth < ParserCore.maxDepth / 2 - 2 {
                #expect(!failed, "\(open) \(depth)")
            } else if depth > ParserCore.maxDepth {
                #expect(tooDeep, "\(open) \(depth)")
            }
        }
    }

    @Test(arguments: depths)
    func deepOperatorChains(_ depth: Int) {
        let inputs = [
            String(repeating: "- ", count: depth) + "x",
            String(repeating: "! ", count: depth) + "x",
            Array(repeating: "a", count: depth + 1).joined(separator: "^"),
            Array(repeating: "a", count: depth + 1).joined(separator: "->"),
            Array(repeating: "a", count: depth + 1).joined(separator: "="),
            Array(repeating: "a", count: depth + 1).joined(separator: "@"),
            "x" + String(repeating: "//f", count: depth),
            "x" + String(repeating: "[1]", count: depth),
            "x" + String(repeating: "& ", count: depth),
            Array(repeating: "a", count: depth + 1).joined(separator: "/"),
            Array(repeating: "a", count: depth + 1).joined(separator: "~f~"),
        ]
        for input in inputs {
            let result = parsed(input)
            let failed = result.hasPrefix("!"), tooDeep = result == "!toodeep"
            if depth <= 500 {
                #expect(!failed, "\(input.prefix(12)) \(depth)")
            } else if depth > ParserCore.maxDepth {
                #expect(tooDeep, "\(input.prefix(12)) \(depth)")
            }
        }
    }

    @Test func depthLimitIsExact() throws {
        // 1023 nested calls around an atom: depth 1024, accepted; one more is rejected.
        let ok = try Parser.parseExpression(nested("f[", "]", ParserCore.maxDepth - 1))
        var depth = 0
        var e = ok
        while case .normal(let n) = e { depth += 1; e = n.args[0] }
        #expect(depth == ParserCore.maxDepth - 1)
        #expect(parsed(nested("f[", "]", ParserCore.maxDepth + 1)) == "!toodeep")
        do {
            _ = try Parser.parseExpression(nested("{", "}", 5000))
        } catch {
            #expect(error.message == "Syntax::toodeep: Expression is nested more than 1024 levels deep.")
        }
    }

    @Test func deepInputOnASmallStackThread() async {
        // Parsing runs on its own large stack, so a caller with a small stack is safe.
        let result = await Task.detached { parsed(String(repeating: "(", count: 100_000)) }.value
        #expect(result == "!toodeep")
    }

    @Test func tenMegabyteLine() throws {
        let item = "f[x_, 2.5] := {a -> \"s\", -b^2 c}; "
        let line = String(repeating: item, count: 10_000_000 / item.utf8.count)
        let program = try Parser.parseProgram(line)
        #expect(program.count == 1)
        #expect(program[0].args.count == 10_000_000 / item.utf8.count + 1)
        #expect(Parser.inputStatus(String(line.prefix(1_000_000)) + "(") == .incomplete)
        let brackets = String(repeating: "{", count: 500_000) + String(repeating: "}", count: 500_000)
        #expect(parsed(brackets) == "!toodeep")
        #expect(parsed(String(repeating: "9", count: 1_000_000)) == "!sntxf")
        #expect(parsed("1*^-2001") == "!sntxf")
        #expect(parsed("1*^-2000") != "!sntxf")
    }

    @Test func continuationLinesKeepErrorLocations() {
        do {
            _ = try Parser.parseProgram("a = 1 + \\\n  2\nb = )", fileName: "c.wl")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 3)
            #expect(error.column == 5)
            #expect(error.sourceLine == "b = )")
        }
    }

    /// Every seed and every crash the fuzzer found (Fixtures/fuzz-corpus, Fixtures/fuzz-crashes).
    @Test func fuzzCorpus() throws {
        let fixtures = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        var count = 0
        for folder in ["fuzz-corpus", "fuzz-crashes"] {
            let dir = fixtures.appendingPathComponent(folder)
            let files = (try? FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)) ?? []
            for file in files {
                let data = try Data(contentsOf: file)
                let source = String(decoding: data, as: UTF8.self)
                _ = parsed(source)
                _ = Parser.inputStatus(source)
                if case .invalid(let error) = Parser.inputStatus(source) { #expect(!error.description.isEmpty) }
                count += 1
            }
        }
        #expect(count >= 80)
    }

    @Test func randomBytesNeverCrash() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abxyf0123456789.`^*+-/\\;:=!&|@~<>?#%_'\"()[]{},\n \t(**)".utf8)
        for _ in 0..<2000 {
            let length = Int.random(in: 0..<60, using: &generator)
            let bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
            let source = String(decoding: bytes, as: UTF8.self)
            _ = parsed(source)
            _ = Parser.inputStatus(source)
        }
    }
}
