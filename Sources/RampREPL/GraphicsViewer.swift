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

    /// Starts `xdg-open path` without waiting for it; false when it cannot be started.
    static func open(_ path: String) -> Bool {
        guard let dirs = getenv("PATH").map({ String(cString: $0) }),
              dirs.split(separator: ":").contains(where: { access($0 + "/xdg-open", X_OK) == 0 }) else { return false }
        var pid: pid_t = 0
        let args = ["xdg-open", path]
        var cArgs: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        defer { for a in cArgs { free(a) } }
        return posix_spawnp(&pid, "xdg-open", nil, nil, &cArgs, environ) == 0
    }
}
