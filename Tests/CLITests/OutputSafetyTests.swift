import Foundation
import Testing

/// Output already printed is never lost, and files are written safely (issue 13, §2).
@Suite struct OutputSafetyTests {
    /// A fresh temporary folder.
    func folder() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ramp-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.path
    }

    /// Runs `ramp script` with standard output redirected to a file; once `expected` is in the file,
    /// sends `signal`; returns what the file holds after the process ended, and the signal that
    /// ended it. The child starts with no blocked signals and default actions (a test runner may
    /// block or ignore some, and children inherit that), as from a shell.
    func outputAfterSignal(_ signal: Int32, script: String, expected: String) throws -> (String, Int32) {
        let log = try folder() + "/log.txt"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let binary = rampBinary().path
        var argv: [UnsafeMutablePointer<CChar>?] = [strdup(binary), strdup(script), nil]
        defer { for a in argv { free(a) } }
        // Without the runtime's backtracer a crash (SIGSEGV) ends the process at once.
        let settings = ["SWIFT_BACKTRACE=enable=no", "RAMP_HISTORY="]
        var environment: [UnsafeMutablePointer<CChar>?] = settings.map { strdup($0) } + [nil]
        defer { for e in environment { free(e) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, binary, &actions, &attributes, &argv, &environment)
        try #require(rc == 0)
        // The lines must reach the file while the script still runs (it never ends by itself).
        for _ in 0..<300 {
            if let seen = try? String(contentsOfFile: log, encoding: .utf8), seen.contains(expected) { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(pid, signal)
        // A process that does not end on the signal is killed after 10 s (the test fails on its status).
        var status: Int32 = 0
        for _ in 0..<200 where waitpid(pid, &status, WNOHANG) == 0 { Thread.sleep(forTimeInterval: 0.05) }
        if waitpid(pid, &status, WNOHANG) == 0 {
            kill(pid, SIGKILL)
            waitpid(pid, &status, 0)
        }
        let endedBy = status & 0x7f   // WTERMSIG
        return ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "", endedBy)
    }

    @Test(arguments: [SIGTERM, SIGINT, SIGKILL, SIGSEGV])
    func printedLinesSurviveTheEndOfTheProcess(_ signal: Int32) throws {
        let script = try scriptFile("loop.wl", "Print[\"first\"]\nMessage[f::argx, f, 2]\nPrint[Range[3]]\nWhile[True]\n")
        let (out, endedBy) = try outputAfterSignal(signal, script: script, expected: "{1, 2, 3}")
        #expect(endedBy == signal)
        #expect(out == "first\n\nf::argx: f called with 2 arguments; 1 argument is expected.\n{1, 2, 3}\n")
    }

    @Test func exportKeepsPermissionsAndWritesThroughLinks() throws {
        let dir = try folder()
        let file = dir + "/data.txt", link = dir + "/link.txt"
        try "old".write(toFile: file, atomically: false, encoding: .utf8)
        chmod(file, 0o640)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "data.txt")
        let run = try ramp(["-c", "Export[\"\(link)\", \"new\"]"])
        #expect(run.out == "\(link)\n")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "new")
        let linkAttributes = try FileManager.default.attributesOfItem(atPath: link)
        #expect(linkAttributes[.type] as? FileAttributeType == .typeSymbolicLink)
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attributes[.posixPermissions] as? Int) == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["data.txt", "link.txt"])
    }

    @Test func exportRefusesAReadOnlyFile() throws {
        let dir = try folder()
        let file = dir + "/locked.txt"
        try "keep".write(toFile: file, atomically: false, encoding: .utf8)
        chmod(file, 0o444)
        for code in ["Export[\"\(file)\", \"new\"]", "Put[1, \"\(file)\"]"] {
            let run = try ramp(["-c", code])
            #expect(messageTags(run.out).count == 1 && messageTags(run.out)[0].hasSuffix("::wrte"), "\(run.out)")
            #expect(run.out.hasSuffix("$Failed\n"))
        }
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "keep")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["locked.txt"])
    }

    @Test func exportWritesALongFileNameAndCleansUpStaleTemporaries() throws {
        let dir = try folder()
        let name = String(repeating: "n", count: 251) + ".txt"
        // A temporary left by a writer that was killed (no process has that id).
        let stale = dir + "/.ramp-tmp-2147483000-abcdef"
        try "partial".write(toFile: stale, atomically: false, encoding: .utf8)
        let run = try ramp(["-c", "Export[\"\(dir)/\(name)\", \"x\"]; Import[\"\(dir)/\(name)\"]"])
        #expect(run.out == "x\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == [name])
    }

    @Test func netTrainChecksItsOptionsBeforeTraining() throws {
        let setup = "net = NetInitialize[ParametricRampLayer[\"Input\" -> 2]]; data = {{1., -1.} -> {1., -0.5}};"
        let cases: [(String, String)] = [
            ("TrainingProgressReporting -> File[\"/no/such/dir/log.csv\"]", "NetTrain::progfile"),
            ("TrainingProgressFunction -> Print", "NetTrain::optunsup"),
            ("TrainingProgressCheckpointing -> {\"File\", \"/tmp/x.wlnet\"}", "NetTrain::optunsup"),
            ("TrainingStoppingCriterion -> \"Loss\"", "NetTrain::optval"),
            ("TrainingStoppingCriterion -> 17", "NetTrain::optval"),
            ("WorkingPrecision -> \"Real64\"", "NetTrain::optunsup"),
            ("WorkingPrecision -> 3", "NetTrain::optval"),
            ("PerformanceGoal -> \"Fast\"", "NetTrain::optval"),
        ]
        for (option, tag) in cases {
            let run = try ramp(["-c", setup + " NetTrain[net, data, MaxTrainingRounds -> 1, \(option)]"])
            #expect(messageTags(run.out) == [tag], "\(option): \(run.out)")
            #expect(run.out.hasSuffix("$Failed\n"), "\(option): \(run.out)")
            #expect(!run.out.contains("Starting training"))
        }
        let ok = try ramp(["-c", setup + " Head[NetTrain[net, data, MaxTrainingRounds -> 1, TrainingProgressReporting -> None, WorkingPrecision -> \"Real32\", PerformanceGoal -> \"TrainingSpeed\", TrainingStoppingCriterion -> None]]"])
        #expect(ok.out == "ParametricRampLayer\n")
    }
}
