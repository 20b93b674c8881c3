import Ramp
#if canImport(Glibc)
import Glibc
#endif

/// `ramp --show`: each result that is a graphic is written as a PNG to the temporary folder and
/// opened with `xdg-open` (the desktop's image viewer) when it is on the PATH; otherwise the file's
/// name is reported on standard error. The terminal still shows `-Graphics-`.
public enum GraphicsViewer {
    /// An observer for ``Session/resultObserver`` that shows graphic results.
    public static func observer(kernel: Kernel) -> (Expr) -> Void {
        var count = 0
        return { value in
            guard GraphicsRendering.isGraphics(value) else { return }
            fflush(nil)
            count += 1
            let path = FileAccess.temporaryDirectory + "/ramp-graphic-\(getpid())-\(count).png"
            do throws(GraphicsError) {
                let png = try GraphicsRendering.render(value, format: .png, in: kernel)
                do throws(FileAccess.Failure) { try FileAccess.writeAtomically(path, bytes: png) } catch {
                    writeStandardError("ramp: cannot write \(path)\n")
                    return
                }
            } catch {
                writeStandardError("ramp: cannot draw the graphic (\(error))\n")
                return
            }
            if !open(path) { writeStandardError("ramp: graphic written to \(path) (no xdg-open to show it)\n") }
        }
    }

    /// Starts `xdg-open path` in the background of a shell that exits at once (and is waited
    /// for), so the viewer belongs to init and a long session collects no zombie processes; false
    /// when it cannot be started.
    static func open(_ path: String) -> Bool {
        guard let dirs = getenv("PATH").map({ String(cString: $0) }),
              dirs.split(separator: ":").contains(where: { access($0 + "/xdg-open", X_OK) == 0 }) else { return false }
        var pid: pid_t = 0
        let args = ["sh", "-c", "xdg-open \"$1\" >/dev/null 2>&1 &", "sh", path]
        var cArgs: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        defer { for a in cArgs { free(a) } }
        guard posix_spawnp(&pid, "sh", nil, nil, &cArgs, environ) == 0 else { return false }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return true
    }
}
