import Testing
import Foundation

/// The acceptance files (Tests/Acceptance/NAME.wl with NAME.out): each runs through the built `ramp`
/// executable the ways users run it, and must print exactly what NAME.out holds.
///
/// - `ramp NAME.wl` and the same text piped to `ramp -` print NAME.out (Print output and messages).
/// - `ramp -c "<the text>"` prints NAME.out and then the last result on one line, the same line
///   `ramp --print NAME.wl` adds.
///
/// `RAMP_ACCEPT=1 swift test --filter AcceptanceTests` writes NAME.out from the script run (read the
/// diff before committing it).
@Suite struct AcceptanceTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Acceptance")

    static let names: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".wl") }.map { String($0.dropLast(3)) }.sorted()
    }()

    static func script(_ name: String) -> URL { folder.appendingPathComponent(name + ".wl") }

    static func expected(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name + ".out"), encoding: .utf8)
    }

    @Test func thereAreAcceptanceFiles() {
        #expect(Self.names.count >= 5, "\(Self.folder.path)")
    }

    @Test(arguments: names) func asScriptFile(_ name: String) throws {
        let run = try ramp([Self.script(name).path])
        if ProcessInfo.processInfo.environment["RAMP_ACCEPT"] == "1" {
            try run.out.write(to: Self.folder.appendingPathComponent(name + ".out"), atomically: true, encoding: .utf8)
        }
        #expect(run.status == 0, "\(run.err)")
        #expect(run.err == "")
        #expect(run.out == (try Self.expected(name)), "ramp \(name).wl printed:\n\(run.out)")
    }

    @Test(arguments: names) func asPipedInput(_ name: String) throws {
        let text = try String(contentsOf: Self.script(name), encoding: .utf8)
        let run = try ramp(["-"], stdin: text)
        #expect(run.status == 0, "\(run.err)")
        #expect(run.out == (try Self.expected(name)), "ramp - < \(name).wl printed:\n\(run.out)")
    }

    @Test(arguments: names) func asCode(_ name: String) throws {
        let text = try String(contentsOf: Self.script(name), encoding: .utf8)
        let code = try ramp(["-c", text])
        let printed = try ramp(["--print", Self.script(name).path])
        let expected = try Self.expected(name)
        #expect(code.status == 0, "\(code.err)")
        #expect(printed.out.hasPrefix(expected) && printed.out.dropFirst(expected.count).filter { $0 == "\n" }.count == 1,
                "--print must add one line: \(printed.out)")
        #expect(code.out == printed.out, "ramp -c printed:\n\(code.out)")
    }
}
