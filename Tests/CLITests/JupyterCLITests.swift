import Foundation
import Testing

/// `ramp jupyter …` as a command (the kernel itself is driven by scripts/jupyter-test.sh with the
/// real Jupyter clients).
@Suite struct JupyterCLITests {
    func temporaryFolder() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ramp-jupyter-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func installWritesTheKernelSpecAndLogo() throws {
        let prefix = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: prefix) }
        let run = try ramp(["jupyter", "install", "--prefix", prefix])
        #expect(run.status == 0, "\(run.err)")
        let folder = prefix + "/share/jupyter/kernels/ramp"
        let data = try #require(FileManager.default.contents(atPath: folder + "/kernel.json"))
        let spec = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let argv = spec["argv"] as? [String] ?? []
        #expect(argv.count == 5)
        #expect(argv.first?.hasPrefix("/") == true)
        #expect(FileManager.default.isExecutableFile(atPath: argv.first ?? ""))
        #expect(Array(argv.dropFirst()) == ["jupyter", "kernel", "-f", "{connection_file}"])
        #expect(spec["display_name"] as? String == "Ramp")
        #expect(spec["language"] as? String == "wolfram")
        #expect(spec["interrupt_mode"] as? String == "signal")
        let logo = try #require(FileManager.default.contents(atPath: folder + "/logo-64x64.png"))
        #expect(Array(logo.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(Array(logo[16..<24]) == [0, 0, 0, 64, 0, 0, 0, 64])    // IHDR width and height
    }

    @Test func installWithSysPrefixUsesTheVirtualEnvironment() throws {
        let venv = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: venv) }
        let run = try ramp(["jupyter", "install", "--sys-prefix", "--name", "ramp-test"], environment: ["VIRTUAL_ENV": venv])
        #expect(run.status == 0, "\(run.err)")
        #expect(FileManager.default.fileExists(atPath: venv + "/share/jupyter/kernels/ramp-test/kernel.json"))
        let both = try ramp(["jupyter", "install", "--user", "--prefix", venv])
        #expect(both.status == 64)
    }

    @Test func kernelWithABadConnectionFileFailsCleanly() throws {
        let missing = try ramp(["jupyter", "kernel", "-f", "/nonexistent/kernel-1.json"])
        #expect(missing.status == 2)
        #expect(missing.err.contains("cannot read /nonexistent/kernel-1.json"))
        let file = try scriptFile("kernel-2.json", "{\"shell_port\": \"x\"}")
        let bad = try ramp(["jupyter", "kernel", "-f", file])
        #expect(bad.status == 2)
        #expect(bad.err.contains("shell_port"))
    }

    @Test func aScriptNamedJupyterRunsByItsPathOrAfterDashes() throws {
        let path = try scriptFile("jupyter", "Print[\"script named jupyter\"]\n")
        let folder = (path as NSString).deletingLastPathComponent
        func output(_ arguments: [String]) throws -> String {
            let p = Process()
            p.executableURL = rampBinary()
            p.arguments = arguments
            p.currentDirectoryURL = URL(fileURLWithPath: folder)
            let out = Pipe()
            p.standardOutput = out
            p.standardError = FileHandle.nullDevice
            try p.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        #expect(try output(["./jupyter"]) == "script named jupyter\n")
        #expect(try output(["--", "jupyter"]) == "script named jupyter\n")
        #expect(try output(["jupyter", "--help"]).contains("install"))
    }
}
