#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Ramp
import Synchronization

/// Ctrl-C handling for the interactive session.
///
/// The SIGINT handler does only async-signal-safe work: it stores `true` into an atomic and asks the
/// registered kernel to abort (itself one atomic store). At the prompt, readline's signal-event hook
/// (in `LineEditor.swift`) then clears the typed line; during an evaluation the kernel polls its abort
/// flag and the input returns `$Aborted`.
public enum Interrupts {
    /// Set by the SIGINT handler; cleared by whoever handles the interrupt.
    static let requested = Atomic<Bool>(false)
    /// Set by the SIGINT handler and cleared by the REPL loop: an interrupt arrived at the prompt,
    /// so any pending continuation lines are discarded.
    static let cancelledInput = Atomic<Bool>(false)

    /// The kernel the handler aborts. Written once before the handler is installed (and when a
    /// session changes kernel), read from the handler.
    nonisolated(unsafe) static var target: Kernel?

    /// Installs the SIGINT handler (without `SA_RESTART`, so blocking calls return `EINTR`) and makes
    /// `kernel` the one Ctrl-C aborts.
    public static func install(aborting kernel: Kernel) {
        target = kernel
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = { _ in Interrupts.handleSignal() }
        #else
        action.__sigaction_u.__sa_handler = { _ in Interrupts.handleSignal() }
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }

    /// What SIGINT does: atomic stores only.
    static func handleSignal() {
        requested.store(true, ordering: .relaxed)
        cancelledInput.store(true, ordering: .relaxed)
        target?.abort()
    }

    /// Simulates Ctrl-C (tests, and embedders that relay an interrupt from elsewhere).
    public static func simulate() { handleSignal() }

    /// Forgets any pending interrupt (before reading or evaluating an input).
    static func reset() {
        requested.store(false, ordering: .relaxed)
        cancelledInput.store(false, ordering: .relaxed)
    }
}
