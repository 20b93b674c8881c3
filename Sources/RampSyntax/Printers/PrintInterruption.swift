#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lets a long print be cut short. While a check is installed on a thread (`polling(_:_:)`), every
/// printer on that thread asks it every `interval` tokens and, once it answers true, stops and
/// gives the text so far.
///
/// The kernel installs one for each top-level evaluation (the check is its abort request), so
/// `ToString`, `Print` or `Export` of a huge expression stop at an abort or a `TimeConstrained`
/// limit like any other loop. The partial text is never an answer: callers that keep text check for
/// the abort after printing.
public enum PrintInterruption {
    final class Check {
        let isInterrupted: () -> Bool
        init(_ isInterrupted: @escaping () -> Bool) { self.isInterrupted = isInterrupted }
    }

    /// Tokens printed between two checks (a check is cheap; a token takes well under a microsecond).
    static let interval = 1024

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// The check installed on this thread, if any.
    static var current: Check? {
        guard let p = pthread_getspecific(key) else { return nil }
        return Unmanaged<Check>.fromOpaque(p).takeUnretainedValue()
    }

    /// Runs `body` with `isInterrupted` polled by every printer on this thread; the check installed
    /// before (if any) is back in place afterwards.
    public static func polling<T, E: Error>(_ isInterrupted: @escaping () -> Bool, _ body: () throws(E) -> T) throws(E) -> T {
        let previous = pthread_getspecific(key)
        let installed = Unmanaged.passRetained(Check(isInterrupted))
        pthread_setspecific(key, installed.toOpaque())
        defer {
            pthread_setspecific(key, previous)
            installed.release()
        }
        return try body()
    }
}
