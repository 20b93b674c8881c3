import Foundation
import Testing
@testable import RampREPL
import Ramp

/// `<<file` and `$Failed` at the prompt.
@Suite struct REPLFileTests {
    @Test func getAtThePromptLoadsDefinitions() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ramp-repl-\(UUID().uuidString).wl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "cube[x_] := x^3\ncube[2]\n".write(toFile: path, atomically: true, encoding: .utf8)
        let run = runREPL(["<<\(path)", "cube[3]", "<<\(path).missing"])
        #expect(run.output.contains("Out[1]= 8"))
        #expect(run.output.contains("Out[2]= 27"))
        #expect(run.output.contains("Get::noopen: Cannot open \(path).missing."))
        #expect(run.output.contains("Out[3]= $Failed"))
    }
}
