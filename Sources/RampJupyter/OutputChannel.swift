import Foundation

/// The iopub channel: every message the kernel publishes goes through here. `Print` and message
/// text is gathered into one `stream` message per stream and request, sent at most 50 ms later by
/// a flusher thread (or at once before any other message, so the order stays right): a cell that
/// prints 10^4 lines sends a few messages, not 10^4. The socket is used under the lock only.
final class OutputChannel: @unchecked Sendable {
    let codec: WireCodec
    /// Sends one encoded message (set once, before the flusher starts).
    var send: ([[UInt8]]) -> Void = { _ in }

    private let lock = NSLock()
    private var name = ""
    private var text = ""
    private var parent: JupyterMessage?

    init(codec: WireCodec) { self.codec = codec }

    /// Publishes a message after any gathered stream text.
    func publish(_ message: JupyterMessage) {
        lock.withLock {
            flushLocked()
            send(codec.encode(message))
        }
    }

    /// Adds text to a stream (`stdout` or `stderr`) of the request `parent`.
    func stream(_ name: String, _ text: String, parent: JupyterMessage?) {
        lock.withLock {
            if !self.text.isEmpty, name != self.name || parent?.id != self.parent?.id { flushLocked() }
            self.name = name
            self.parent = parent
            self.text += text
            if self.text.utf8.count >= 1 << 16 { flushLocked() }
        }
    }

    /// Sends the gathered stream text now.
    func flush() { lock.withLock { flushLocked() } }

    private func flushLocked() {
        guard !text.isEmpty else { return }
        let message = codec.message("stream", content: ["name": name, "text": text], parent: parent,
                                    identities: [codec.topic("stream")])
        text = ""
        send(codec.encode(message))
    }

    /// Starts the thread that sends gathered text every `interval` seconds.
    func startFlushing(every interval: Double = 0.05) {
        let thread = Thread { [self] in
            while true {
                usleep(UInt32(interval * 1_000_000))
                flush()
            }
        }
        thread.stackSize = 1 << 20
        thread.start()
    }
}
