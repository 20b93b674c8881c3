#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads and atomic writes over the C library (no Foundation: startup time matters).
/// `Get`, `Import`, `Export` and `Put` use them.
public enum FileAccess {
    /// Why a file could not be read or written.
    public enum Failure: Error, Equatable {
        /// The file does not exist.
        case notFound
        /// The file exists but cannot be read (permissions, a directory, …).
        case unreadable
        /// The file (or its temporary sibling) cannot be written.
        case unwritable
    }

    /// `~/…` becomes `$HOME/…`; every other path is used as given (relative to the working directory).
    public static func expand(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home = getenv("HOME") else { return path }
        return String(cString: home) + path.dropFirst()
    }

    /// Whether `path` names an existing file or directory.
    public static func exists(_ path: String) -> Bool {
        access(expand(path), F_OK) == 0
    }

    /// Whether `path` names a directory.
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(expand(path), &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The bytes of a whole file.
    public static func readBytes(_ path: String) throws(Failure) -> [UInt8] {
        let full = expand(path)
        if access(full, F_OK) != 0 { throw .notFound }
        if isDirectory(full) { throw .unreadable }
        guard let file = fopen(full, "rb") else { throw .unreadable }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if n > 0 { bytes.append(contentsOf: chunk[0..<n]) }
            if n < chunk.count { break }
        }
        if ferror(file) != 0 { throw .unreadable }
        return bytes
    }

    /// A whole file as UTF-8 text (invalid sequences become U+FFFD).
    public static func readText(_ path: String) throws(Failure) -> String {
        String(decoding: try readBytes(path), as: UTF8.self)
    }

    /// Writes `text` to `path` atomically: the bytes go to a temporary file in the same directory,
    /// which is then renamed over `path`, so readers see the old file or the new one, never a part.
    public static func writeAtomically(_ path: String, _ text: String) throws(Failure) {
        let full = expand(path)
        let directory: String
        if let slash = full.lastIndex(of: "/") {
            directory = slash == full.startIndex ? "/" : String(full[..<slash])
        } else {
            directory = "."
        }
        let base = full.split(separator: "/").last.map(String.init) ?? "file"
        let prefix: String = directory == "/" ? "/" : directory + "/"
        let templateText: String = prefix + "." + base + ".tmp-XXXXXX"
        var template = Array(templateText.utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw .unwritable }
        let tempPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var ok = true
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { raw in
            var rest = UnsafeRawBufferPointer(raw)
            while !rest.isEmpty {
                let n = write(fd, rest.baseAddress, rest.count)
                if n < 0 {
                    if errno == EINTR { continue }
                    ok = false
                    return
                }
                rest = UnsafeRawBufferPointer(rebasing: rest[n...])
            }
        }
        // mkstemp creates the file with mode 0600; give it the usual 0644 (less the umask).
        let mask = umask(0)
        umask(mask)
        fchmod(fd, 0o666 & ~mask)
        if close(fd) != 0 { ok = false }
        if ok && rename(tempPath, full) == 0 { return }
        unlink(tempPath)
        throw .unwritable
    }

    /// Deletes a file; false when it could not be deleted.
    public static func delete(_ path: String) -> Bool {
        unlink(expand(path)) == 0
    }

    /// The directory for temporary files: `$TMPDIR` when set, else `/tmp`.
    public static var temporaryDirectory: String {
        if let t = getenv("TMPDIR"), t.pointee != 0 {
            var s = String(cString: t)
            while s.count > 1 && s.hasSuffix("/") { s.removeLast() }
            return s
        }
        return "/tmp"
    }

    /// The working directory.
    public static var currentDirectory: String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        let length = buffer.firstIndex(of: 0) ?? buffer.count
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
