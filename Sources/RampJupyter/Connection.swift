import Foundation

/// The connection file a Jupyter front end writes for a kernel: where to bind the five sockets and
/// the key that signs messages.
public struct ConnectionInfo: Sendable, Equatable {
    public var transport = "tcp"
    public var ip = "127.0.0.1"
    public var shellPort = 0
    public var iopubPort = 0
    public var stdinPort = 0
    public var controlPort = 0
    public var heartbeatPort = 0
    public var key = ""
    public var signatureScheme = "hmac-sha256"

    public init() {}

    /// Why a connection file was not usable.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Parses the JSON text of a connection file.
    public init(json: [UInt8]) throws(Failure) {
        guard let value = try? JSONSerialization.jsonObject(with: Data(json)), let object = value as? JSONObject else {
            throw Failure(description: "the connection file is not a JSON object")
        }
        func port(_ name: String) throws(Failure) -> Int {
            guard let n = object[name] as? Int, (0...65535).contains(n) else { throw Failure(description: "\(name) is missing or not a port number") }
            return n
        }
        transport = object["transport"] as? String ?? "tcp"
        ip = object["ip"] as? String ?? "127.0.0.1"
        shellPort = try port("shell_port")
        iopubPort = try port("iopub_port")
        stdinPort = try port("stdin_port")
        controlPort = try port("control_port")
        heartbeatPort = try port("hb_port")
        key = object["key"] as? String ?? ""
        signatureScheme = object["signature_scheme"] as? String ?? "hmac-sha256"
        guard signatureScheme == "hmac-sha256" || key.isEmpty else {
            throw Failure(description: "signature scheme \(signatureScheme) is not supported (only hmac-sha256)")
        }
    }

    /// Reads and parses a connection file.
    public init(file path: String) throws(Failure) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "cannot read \(path)")
        }
        try self.init(json: Array(data))
    }

    /// The ZeroMQ endpoint of a port: `tcp://ip:port`, or `ipc://ip-port` for the ipc transport.
    public func endpoint(_ port: Int) -> String {
        transport == "ipc" ? "ipc://\(ip)-\(port)" : "\(transport)://\(ip):\(port)"
    }
}
