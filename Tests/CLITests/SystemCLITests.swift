import Foundation
import Testing

/// The session area from the command line and from scripts.
@Suite struct SystemCLITests {
    @Test func namesTimingPauseAndVersionWithCode() throws {
        let run = try ramp(["-c", "{Names[\"StringJ*\"], Timing[Pause[0.01]; 2][[2]], StringQ[$Version], Length[$CommandLine] > 0}"])
        #expect(run.out == "{{StringJoin}, 2, True, True}\n")
        #expect(run.status == 0)
    }

    @Test func questionMarkPrintsUsageInCode() throws {
        let run = try ramp(["-c", "?StringJoin"])
        #expect(run.out.hasPrefix("StringJoin[") || run.out.hasPrefix("s1 <> s2"))
    }

    @Test func scriptSeesItsCommandLineAndExitsWithItsCode() throws {
        let script = try scriptFile("exit.wl", "Print[Rest[$ScriptCommandLine]]\nPrint[Names[\"Pause\"]]\nExit[3]\nPrint[\"not reached\"]\n")
        let run = try ramp([script, "one", "two"])
        #expect(run.out == "{one, two}\n{Pause}\n")
        #expect(run.status == 3)
        let quit = try ramp(["-c", "Quit[5]"])
        #expect(quit.status == 5)
    }
}
