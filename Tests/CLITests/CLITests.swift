import Testing
import Foundation

/// The built `ramp` binary (next to the test bundle in the build folder).
func rampBinary() -> URL {
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = dir.appendingPathComponent("ramp")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        dir = dir.deletingLastPathComponent()
    }
    return URL(fileURLWithPath: ".build/debug/ramp")
}

struct Run {
    let out: String
    let err: String
    let status: Int32
}

/// Runs `ramp` with arguments and standard input; waits for it to end. With `shell`, runs /bin/sh
/// with the arguments instead (a command line that sets limits and then runs `ramp`).
func ramp(_ arguments: [String], stdin: String = "", environment: [String: String] = [:], shell: Bool = false) throws -> Run {
    let p = Process()
    p.executableURL = shell ? URL(fileURLWithPath: "/bin/sh") : rampBinary()
    p.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["RAMP_HISTORY"] = ""
    for (k, v) in environment { env[k] = v }
    p.environment = env
    let input = Pipe(), out = Pipe(), err = Pipe()
    p.standardInput = input
    p.standardOutput = out
    p.standardError = err
    try p.run()
    input.fileHandleForWriting.write(Data(stdin.utf8))
    try input.fileHandleForWriting.close()
    // Read both pipes before waiting, so a full pipe cannot block the child.
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return Run(out: String(decoding: outData, as: UTF8.self), err: String(decoding: errData, as: UTF8.self),
               status: p.terminationStatus)
}

/// A script file in a fresh temporary folder.
func scriptFile(_ name: String, _ text: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ramp-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
}

@Suite struct CLITests {
    @Test func codePrintsTheResultWithBareStrings() throws {
        let run = try ramp(["-c", "f[1, \"two\"]"])
        #expect(run.out == "f[1, two]\n")
        #expect(run.status == 0)
    }

    @Test func codeAcceptsWolframscriptSpelling() throws {
        #expect(try ramp(["-code", "g[3]"]).out == "g[3]\n")
    }

    @Test func exitStatusComesFromExit() throws {
        #expect(try ramp(["-c", "Exit[7]"]).status == 7)
        #expect(try ramp(["-c", "Quit[]"]).status == 0)
    }

    @Test func versionAndHelp() throws {
        let version = try ramp(["--version"])
        #expect(version.out.split(separator: ".").count == 3)
        let help = try ramp(["--help"])
        #expect(help.out.contains("USAGE: ramp"))
        #expect(help.out.contains("-c, --code"))
    }

    @Test func scriptsSeeTheirCommandLineAndIgnoreTheShebang() throws {
        let path = try scriptFile("args.wl", "#!/usr/bin/env ramp\n$ScriptCommandLine\n")
        let run = try ramp(["--print", path, "alpha", "-c", "beta"])
        #expect(run.status == 0)
        #expect(run.out.contains(path))
        #expect(run.out.contains("alpha, -c, beta"))
    }

    @Test func executableScriptRunsThroughEnv() throws {
        let path = try scriptFile("exec.wl", "#!/usr/bin/env ramp\nExit[Length[$ScriptCommandLine] + 40]\n")
        chmod(path, 0o755)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = ["one", "two"]
        var env = ProcessInfo.processInfo.environment
        env["PATH"] = rampBinary().deletingLastPathComponent().path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        p.environment = env
        // Another test's fork may still hold the script's write descriptor for a moment: exec then
        // fails with ETXTBSY ("Text file busy"). Try again briefly instead of failing.
        var attempts = 0
        while true {
            do { try p.run(); break } catch {
                attempts += 1
                let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
                guard attempts < 50, underlying?.code == Int(ETXTBSY) || (error as NSError).code == Int(ETXTBSY) else { throw error }
                usleep(100_000)
            }
        }
        p.waitUntilExit()
        #expect(p.terminationStatus == 43)
    }

    @Test func scriptsPrintNoResults() throws {
        let path = try scriptFile("quiet.wl", "f[1]\ng[2]\n")
        let run = try ramp([path])
        #expect(run.out == "")
        #expect(run.status == 0)
    }

    @Test func syntaxErrorsGiveFileLineColumnAndFail() throws {
        let path = try scriptFile("bad.wl", "f[1]\n\ng[1]]\n")
        let run = try ramp([path])
        #expect(run.status == 1)
        #expect(run.err.hasPrefix("\(path):3:"))
        #expect(run.err.contains("Syntax::"))
    }

    @Test func missingScriptFails() throws {
        let run = try ramp(["/nonexistent/ramp-script.wl"])
        #expect(run.status == 2)
        #expect(run.err.contains("cannot read"))
    }

    @Test func pipedStandardInputIsAScript() throws {
        let run = try ramp([], stdin: "f[1]\ng[\n2]\nExit[5]\nh[1]\n")
        #expect(run.out == "")
        #expect(run.status == 5)
        let printed = try ramp(["--print"], stdin: "f[1]\ng[\n2]\n")
        #expect(printed.out == "g[2]\n")
        #expect(!printed.out.contains("In["))
    }

    /// `Print[InputForm[…]]` and `Print[FullForm[…]]` show their content in that form, in scripts as
    /// in `-c` results (wolframscript does the same).
    @Test func formWrappersPrintInTheirForm() throws {
        let path = try scriptFile("forms.wl", "Print[FullForm[a/b]]\nPrint[InputForm[{\"s\", 1.5}]]\nPrint[HoldForm[1 + 1]]\n")
        #expect(try ramp([path]).out == "Times[a, Power[b, -1]]\n{\"s\", 1.5}\n1 + 1\n")
        #expect(try ramp(["-c", "FullForm[x^2]"]).out == "Power[x, 2]\n")
    }

    /// A large script (read by two threads) runs its statements in order and reports a late syntax
    /// error with its true line number, after the statements before it have run.
    @Test func largeScriptReportsALateErrorsLine() throws {
        var lines = (1...60_000).map { "f\($0)[x_] := Module[{z = x^2 + \($0)}, If[z > 9, z/2, {z, -z}]]" }
        lines.insert("count = 0", at: 0)
        lines.insert("count = count + 1; g[1]]", at: 50_000)
        lines.insert("count = count + 1", at: 40_000)
        lines.insert("Print[count]", at: 45_000)
        let path = try scriptFile("big.wl", lines.joined(separator: "\n") + "\n")
        let run = try ramp([path])
        #expect(run.out == "1\n")
        #expect(run.status == 1)
        #expect(run.err.hasPrefix("\(path):50003:"), "\(run.err.prefix(200))")
    }

    @Test func pipedSyntaxErrorReportsTheLine() throws {
        let run = try ramp([], stdin: "f[1]\nf[2]]\n")
        #expect(run.status == 1)
        #expect(run.err.hasPrefix("stdin:2:"))
    }
}
