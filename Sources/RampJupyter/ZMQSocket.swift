#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CZMQ

/// The one wrapper of libzmq: a context and its sockets. A socket is used by one thread at a time
/// (each of the kernel's threads owns its sockets), as ZeroMQ requires.
final class ZMQContext: @unchecked Sendable {
    let raw: UnsafeMutableRawPointer

    init() { raw = zmq_ctx_new() }

    /// The text of the last ZeroMQ error.
    static var lastError: String { String(cString: zmq_strerror(zmq_errno())) }
}

/// A ZeroMQ error, with the call that failed.
struct ZMQError: Error, CustomStringConvertible {
    let description: String
    init(_ what: String) { description = "\(what): \(ZMQContext.lastError)" }
}

final class ZMQSocket: @unchecked Sendable {
    enum Kind { case router, publisher, reply }
    let raw: UnsafeMutableRawPointer

    init(_ context: ZMQContext, _ kind: Kind) throws {
        let type: Int32
        switch kind {
        case .router: type = ZMQ_ROUTER
        case .publisher: type = ZMQ_PUB
        case .reply: type = ZMQ_REP
        }
        guard let socket = zmq_socket(context.raw, type) else { throw ZMQError("zmq_socket") }
        raw = socket
        var linger: Int32 = 1000    // pending replies get a second to leave when the kernel exits
        zmq_setsockopt(raw, ZMQ_LINGER, &linger, MemoryLayout<Int32>.size)
    }

    func bind(_ endpoint: String) throws {
        guard zmq_bind(raw, endpoint) == 0 else { throw ZMQError("bind \(endpoint)") }
    }

    /// Sends the frames as one multipart message; false when ZeroMQ refused it.
    @discardableResult
    func send(_ frames: [[UInt8]]) -> Bool {
        for (i, frame) in frames.enumerated() {
            let flags = i < frames.count - 1 ? ZMQ_SNDMORE : 0
            while true {
                let n = frame.withUnsafeBytes { zmq_send(raw, $0.baseAddress, $0.count, flags) }
                if n >= 0 { break }
                if zmq_errno() == EINTR { continue }
                return false
            }
        }
        return true
    }

    /// Waits up to `timeout` milliseconds (-1: for ever) for a message; nil when none came (or a
    /// signal interrupted the wait).
    func receive(timeout: Int = -1) -> [[UInt8]]? {
        var item = zmq_pollitem_t(socket: raw, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0)
        let ready = zmq_poll(&item, 1, timeout)
        guard ready > 0, item.revents & Int16(ZMQ_POLLIN) != 0 else { return nil }
        var frames: [[UInt8]] = []
        while true {
            var message = zmq_msg_t()
            zmq_msg_init(&message)
            defer { zmq_msg_close(&message) }
            var n = zmq_msg_recv(&message, raw, 0)
            while n < 0, zmq_errno() == EINTR { n = zmq_msg_recv(&message, raw, 0) }
            if n < 0 { return frames.isEmpty ? nil : frames }
            let size = zmq_msg_size(&message)
            if let data = zmq_msg_data(&message), size > 0 {
                frames.append(Array(UnsafeRawBufferPointer(start: data, count: size)))
            } else {
                frames.append([])
            }
            if zmq_msg_more(&message) == 0 { return frames }
        }
    }

    deinit { zmq_close(raw) }
}
