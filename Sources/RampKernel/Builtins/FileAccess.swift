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
        /// The file exists and its permissions do not let us write it.
        case readOnly
        /// The file holds more than `SizeLimit.maxBytes` (a regular file by its size, before
        /// anything is read; a device or pipe once that much has been read): `General::nomem`.
        case tooLarge
        /// `stop` refused the first bytes (see `readBytes(_:stop:)`).
        case refused
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

    /// The bytes of a whole file, at most `SizeLimit.maxBytes` of them (Ramp's one size limit).
    ///
    /// A regular file (a link is followed) larger than the limit is refused by its size before
    /// anything is read. A file without a size (a device such as /dev/zero, a pipe) is read until
    /// it ends or the limit is passed, never further: both give `.tooLarge` (`General::nomem`).
    /// `stop`, when given, sees the bytes read so far after each chunk and may refuse them
    /// (`.refused`), so a reader can give up on data that is not in its format without reading on.
    public static func readBytes(_ path: String, stop: (([UInt8]) -> Bool)? = nil) throws(Failure) -> [UInt8] {
        let full = expand(path)
        if access(full, F_OK) != 0 { throw .notFound }
        if isDirectory(full) { throw .unreadable }
        guard let file = fopen(full, "rb") else { throw .unreadable }
        defer { fclose(file) }
        let limit = SizeLimit.maxBytes
        var info = stat()
        let regular = fstat(fileno(file), &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
        if regular && Int(info.st_size) > limit { throw .tooLarge }
        var bytes: [UInt8] = []
        if regular { bytes.reserveCapacity(Int(info.st_size)) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if n > 0 {
                // Checked before appending, so the buffer never grows past the limit.
                if bytes.count > limit - n { throw .tooLarge }
                bytes.append(contentsOf: chunk[0..<n])
                if let stop, stop(bytes) { throw .refused }
            }
            if n < chunk.count { break }
        }
        if ferror(file) != 0 { throw .unreadable }
        return bytes
    }

    /// A whole file as UTF-8 text (invalid sequences become U+FFFD).
    public static func readText(_ path: String) throws(Failure) -> String {
        String(decoding: try readBytes(path), as: UTF8.self)
    }

    /// Writes `text` to `path` atomically (see `writeAtomically(_:bytes:)`).
    public static func writeAtomically(_ path: String, _ text: String) throws(Failure) {
        try writeAtomically(path, bytes: Array(text.utf8))
    }

    /// Writes `bytes` to `path` atomically: they go to a temporary file in the same directory, which
    /// is then renamed over the target, so readers see the old file or the new one, never a part.
    /// - A symbolic link is written through: its target gets the new contents, the link stays.
    /// - An existing file keeps its permissions; one we may not write is refused (`.readOnly`).
    /// - The temporary name is short (`.ramp-tmp-<pid>-XXXXXX`), so a 255-byte file name works;
    ///   temporaries left by a process that was killed while writing are removed by the next write
    ///   in that directory.
    public static func writeAtomically(_ path: String, bytes: [UInt8]) throws(Failure) {
        let target = resolvingLinks(expand(path))
        var existing = stat()
        let exists = stat(target, &existing) == 0
        if exists {
            if (existing.st_mode & S_IFMT) == S_IFDIR { throw .unwritable }
            // Read-only for us, or for everyone (even when running as root, as `rm` asks first).
            if access(target, W_OK) != 0 || existing.st_mode & 0o222 == 0 { throw .readOnly }
        }
        let directory: String
        if let slash = target.lastIndex(of: "/") {
            directory = slash == target.startIndex ? "/" : String(target[..<slash])
        } else {
            directory = "."
        }
        removeStaleTemporaries(in: directory)
        let prefix: String = directory == "/" ? "/" : directory + "/"
        var template = Array((prefix + temporaryPrefix + "\(getpid())-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw .unwritable }
        let tempPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var ok = true
        bytes.withUnsafeBytes { raw in
            var rest = raw
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
        // mkstemp creates the file with mode 0600: give it the old file's mode, or the usual 0644
        // (less the umask) for a new one.
        if exists {
            fchmod(fd, existing.st_mode & 0o7777)
        } else {
            let mask = umask(0)
            umask(mask)
            fchmod(fd, 0o666 & ~mask)
        }
        if close(fd) != 0 { ok = false }
        if ok && rename(tempPath, target) == 0 { return }
        unlink(tempPath)
        throw .unwritable
    }

    /// The start of the names of temporary files made by `writeAtomically`.
    static let temporaryPrefix = ".ramp-tmp-"

    /// `path` with symbolic links followed to the file they name (which need not exist yet).
    static func resolvingLinks(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: 4096)
            let n = readlink(current, &buffer, buffer.count - 1)
            guard n > 0 else { return current }
            let link = String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if link.hasPrefix("/") {
                current = link
            } else if let slash = current.lastIndex(of: "/") {
                current = String(current[...slash]) + link
            } else {
                current = link
            }
        }
        return current
    }

    /// Removes `writeAtomically`'s temporary files in `directory` whose process no longer runs.
    static func removeStaleTemporaries(in directory: String) {
        guard let dir = opendir(directory) else { return }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard name.hasPrefix(temporaryPrefix) else { continue }
            let rest = name.dropFirst(temporaryPrefix.count)
            guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]) else { continue }
            if pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH {
                unlink((directory == "/" ? "/" : directory + "/") + name)
            }
        }
    }

    /// Whether a file may be written at `path`: it is writable, or it does not exist and its folder
    /// exists and is writable.
    public static func canCreate(_ path: String) -> Bool {
        let full = resolvingLinks(expand(path))
        if access(full, F_OK) == 0 { return access(full, W_OK) == 0 && !isDirectory(full) }
        let directory: String
        if let slash = full.lastIndex(of: "/") {
            directory = slash == full.startIndex ? "/" : String(full[..<slash])
        } else {
            directory = "."
        }
        return isDirectory(directory) && access(directory, W_OK) == 0
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
