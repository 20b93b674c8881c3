#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Ramp
import RampREPL
import Synchronization

/// Writes a log line to standard error (the front end keeps the kernel's standard error in its log).
func log(_ text: String) {
    writeStandardError("ramp kernel: \(text)\n")
}

/// The Jupyter kernel: binds the five sockets of a connection file and serves the protocol.
///
/// Threads: the main thread reads the shell socket and evaluates cells (it owns the session, and the
/// shell and stdin sockets; iopub is shared with the stream flusher, under ``OutputChannel``'s
/// lock); the control thread answers `interrupt_request`,
/// `shutdown_request` and `kernel_info_request` even while a cell runs; the heartbeat thread echoes.
/// The other threads reach the kernel only through `Kernel.abort()`, which is thread-safe, and SIGINT
/// (Jupyter's default interrupt mode) does the same through ``Interrupts``.
public final class JupyterServer {
    let connection: ConnectionInfo
    let handlers: RequestHandlers
    let codec: WireCodec
    let shutdown = ShutdownState()

    /// A server for `connection`, evaluating in `session`, showing results with `formatter`.
    public init(connection: ConnectionInfo, session: Session, formatter: DisplayFormatter = .standard) {
        self.connection = connection
        self.codec = WireCodec(key: connection.key)
        self.handlers = RequestHandlers(session: session, formatter: formatter, codec: codec)
    }

    /// Serves until a shutdown request (or `Exit[]` in a cell); returns the exit status.
    public func run() throws -> Int32 {
        let context = ZMQContext()
        let shell = try ZMQSocket(context, .router)
        let iopub = try ZMQSocket(context, .publisher)
        let stdin = try ZMQSocket(context, .router)
        let control = try ZMQSocket(context, .router)
        let heartbeat = try ZMQSocket(context, .reply)
        try shell.bind(connection.endpoint(connection.shellPort))
        try iopub.bind(connection.endpoint(connection.iopubPort))
        try stdin.bind(connection.endpoint(connection.stdinPort))
        try control.bind(connection.endpoint(connection.controlPort))
        try heartbeat.bind(connection.endpoint(connection.heartbeatPort))
        _ = stdin      // bound so front ends can connect; the kernel never asks for input

        Interrupts.install(aborting: handlers.session.kernel)
        signal(SIGPIPE, SIG_IGN)
        Self.startThread { Self.echo(heartbeat) }
        let controlHandler = ControlHandler(codec: codec, socket: control, kernel: handlers.session.kernel, shutdown: shutdown)
        Self.startThread { controlHandler.run() }

        handlers.output.send = { frames in iopub.send(frames) }
        handlers.output.startFlushing()
        handlers.publish("status", ["execution_state": "starting"], parent: nil)
        // Like ipykernel, the kernel ends when the front end that started it is gone (it was
        // killed, so no shutdown request will come): the process is then re-parented.
        let parent = getppid()
        while !shutdown.isRequested {
            guard let frames = shell.receive(timeout: 100) else {
                if getppid() != parent {
                    log("the front end that started the kernel has gone; exiting")
                    shutdown.request(restart: false)
                }
                continue
            }
            handlers.handle(frames, reply: { shell.send($0) })
            if handlers.abortingQueue {
                // A cell failed: the execute requests already queued are answered "aborted". The
                // queue is read to its end before any of them is answered, so that a request the
                // front end sends on seeing the last "aborted" is not taken for a queued one.
                var waiting: [[[UInt8]]] = []
                while let frames = shell.receive(timeout: 0) { waiting.append(frames) }
                for frames in waiting { handlers.handle(frames, reply: { shell.send($0) }) }
                handlers.queueDrained()
            }
            if let code = handlers.session.exitCode {
                shutdown.request(restart: false, status: code)      // Exit[n] in a cell
            } else if handlers.shutdownRequested {
                shutdown.request(restart: false)
            }
        }
        usleep(100_000)     // the last iopub messages and replies leave before the sockets close
        return shutdown.status
    }

    /// Heartbeat: every message comes straight back.
    static func echo(_ socket: ZMQSocket) {
        while true {
            guard let frames = socket.receive() else { continue }
            socket.send(frames)
        }
    }

    static func startThread(_ body: @escaping @Sendable () -> Void) {
        let thread = Thread(block: body)
        thread.stackSize = 1 << 20
        thread.start()
    }
}

/// Set once, by a shutdown request (control or shell channel) or `Exit[]`: the exit status.
final class ShutdownState: Sendable {
    private let requested = Atomic<Bool>(false)
    private let code = Atomic<Int>(0)

    func request(restart: Bool, status: Int32 = 0) {
        if !requested.load(ordering: .acquiring) { code.store(Int(status), ordering: .releasing) }
        requested.store(true, ordering: .releasing)
    }

    var isRequested: Bool { requested.load(ordering: .acquiring) }
    var status: Int32 { Int32(truncatingIfNeeded: code.load(ordering: .acquiring)) }
}

/// The control channel, on its own thread so it is heard while a cell runs.
final class ControlHandler: @unchecked Sendable {
    let codec: WireCodec
    let socket: ZMQSocket
    let kernel: Kernel
    let shutdown: ShutdownState

    init(codec: WireCodec, socket: ZMQSocket, kernel: Kernel, shutdown: ShutdownState) {
        self.codec = codec
        self.socket = socket
        self.kernel = kernel
        self.shutdown = shutdown
    }

    func run() {
        while true {
            guard let frames = socket.receive() else { continue }
            let request: JupyterMessage
            do throws(WireError) { request = try codec.decode(frames) } catch {
                log("control message dropped: \(error)")
                continue
            }
            switch request.type {
            case "kernel_info_request":
                socket.send(codec.encode(codec.reply(to: request, "kernel_info_reply", content: RequestHandlers.kernelInfo)))
            case "interrupt_request":
                kernel.abort()
                socket.send(codec.encode(codec.reply(to: request, "interrupt_reply", content: ["status": "ok"])))
            case "shutdown_request":
                let restart = request.content["restart"] as? Bool ?? false
                socket.send(codec.encode(codec.reply(to: request, "shutdown_reply", content: ["status": "ok", "restart": restart])))
                shutdown.request(restart: restart)
                kernel.abort()      // a running cell ends now; the main thread then exits
                // A cell that does not poll the abort flag must not keep the kernel alive.
                usleep(3_000_000)
                log("a cell did not stop within 3 s of the shutdown request; exiting")
                _exit(0)
            default:
                log("control message \(request.type.isEmpty ? "without a type" : request.type) ignored")
            }
        }
    }
}
