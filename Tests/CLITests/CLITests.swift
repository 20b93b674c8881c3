import Testing
import Foundation

/// Spawns the built `ramp` binary (next to the test bundle in the build folder).
func rampBinary() -> URL {
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = dir.appendingPathComponent("ramp")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        dir = dir.deletingLastPathComponent()
    }
    return URL(fileURLWithPath: ".build/debug/ramp")
}

@Suite struct CLISmokeTests {
    @Test func binaryRuns() throws {
        let p = Process()
        p.executableURL = rampBinary()
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        p.waitUntilExit()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(p.terminationStatus == 0)
        #expect(text.hasPrefix("Ramp"))
    }
}
