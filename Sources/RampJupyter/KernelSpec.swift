#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The kernel spec Jupyter finds the kernel by: a `kernels/<name>` folder with `kernel.json` and a
/// logo, under one of Jupyter's data folders.
public enum KernelSpec {
    /// Where to install, as `ipykernel install` names the choices.
    public enum Location: Equatable {
        /// The user's Jupyter data folder (`$JUPYTER_DATA_DIR`, else `~/.local/share/jupyter`,
        /// `~/Library/Jupyter` on macOS).
        case user
        /// The active Python environment (`$VIRTUAL_ENV`, `$CONDA_PREFIX`, else `sys.prefix` of `python3`).
        case sysPrefix
        /// `<prefix>/share/jupyter`.
        case prefix(String)
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The `kernel.json` content: the kernel runs as `<executable> jupyter kernel -f <file>`.
    public static func json(executable: String, displayName: String = "Ramp") -> JSONObject {
        [
            "argv": [executable, "jupyter", "kernel", "-f", "{connection_file}"],
            "display_name": displayName,
            "language": "wolfram",
            "interrupt_mode": "signal",
            "metadata": JSONObject(),
        ]
    }

    /// The Jupyter data folder of a location.
    public static func dataDirectory(_ location: Location, environment: [String: String] = ProcessInfo.processInfo.environment) throws(Failure) -> String {
        switch location {
        case .prefix(let prefix): return prefix + "/share/jupyter"
        case .sysPrefix:
            if let v = environment["VIRTUAL_ENV"] ?? environment["CONDA_PREFIX"], !v.isEmpty { return v + "/share/jupyter" }
            guard let prefix = pythonPrefix() else {
                throw Failure(description: "no active Python environment (VIRTUAL_ENV is not set and python3 did not answer)")
            }
            return prefix + "/share/jupyter"
        case .user:
            if let v = environment["JUPYTER_DATA_DIR"], !v.isEmpty { return v }
            let home = environment["HOME"] ?? NSHomeDirectory()
            #if os(macOS)
            return home + "/Library/Jupyter"
            #else
            if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty { return xdg + "/jupyter" }
            return home + "/.local/share/jupyter"
            #endif
        }
    }

    /// `sys.prefix` of the `python3` on the PATH.
    static func pythonPrefix() -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sys; print(sys.prefix)"]
        let pipe = Pipe()
        process.standardOutput = pipe
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    /// Writes `kernels/<name>/kernel.json` and `logo-64x64.png`; returns the folder.
    @discardableResult
    public static func install(_ location: Location, name: String = "ramp", executable: String) throws(Failure) -> String {
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw Failure(description: "kernel name \(name) may only have letters, digits, -, _ and .")
        }
        let folder = try dataDirectory(location) + "/kernels/" + name
        let json: Data
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            json = try JSONSerialization.data(withJSONObject: Self.json(executable: executable),
                                              options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            try json.write(to: URL(fileURLWithPath: folder + "/kernel.json"))
            try Data(base64Encoded: logoBase64)!.write(to: URL(fileURLWithPath: folder + "/logo-64x64.png"))
        } catch {
            throw Failure(description: "cannot write \(folder): \(error.localizedDescription)")
        }
        return folder
    }

    /// The absolute path of the running executable (what the kernel spec runs).
    public static func currentExecutable() -> String {
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if n > 0 { return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        #endif
        let argv0 = CommandLine.arguments.first ?? "ramp"
        if let resolved = realpath(argv0, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        return argv0
    }
}
