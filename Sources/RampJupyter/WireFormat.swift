import Crypto
import Foundation

/// A decoded JSON object (what `JSONSerialization` gives and takes).
public typealias JSONObject = [String: Any]

/// One message of the Jupyter messaging protocol (5.3): the routing identities it came with, its
/// four JSON parts and any binary buffers.
public struct JupyterMessage {
    /// The ZeroMQ routing identities before the `<IDS|MSG>` delimiter (a reply goes back to them).
    public var identities: [[UInt8]]
    public var header: JSONObject
    public var parentHeader: JSONObject
    public var metadata: JSONObject
    public var content: JSONObject
    public var buffers: [[UInt8]]

    public init(identities: [[UInt8]] = [], header: JSONObject, parentHeader: JSONObject = [:],
                metadata: JSONObject = [:], content: JSONObject = [:], buffers: [[UInt8]] = []) {
        self.identities = identities
        self.header = header
        self.parentHeader = parentHeader
        self.metadata = metadata
        self.content = content
        self.buffers = buffers
    }

    /// `header.msg_type`, or "" when missing.
    public var type: String { header["msg_type"] as? String ?? "" }
    /// `header.msg_id`, or "" when missing.
    public var id: String { header["msg_id"] as? String ?? "" }
}

/// Why a multipart message was not accepted.
public enum WireError: Error, Equatable, CustomStringConvertible {
    case noDelimiter
    case tooFewFrames(Int)
    case badSignature
    case badJSON(part: String)

    public var description: String {
        switch self {
        case .noDelimiter: return "no <IDS|MSG> delimiter"
        case .tooFewFrames(let n): return "\(n) frames after the delimiter, 5 needed"
        case .badSignature: return "signature does not match"
        case .badJSON(let part): return "\(part) is not a JSON object"
        }
    }
}

/// The HMAC-SHA256 signature over a message's header, parent header, metadata and content, as
/// lower-case hex. An empty key means unsigned messages (the signature is the empty string).
public struct MessageSigner: Sendable {
    private let keyBytes: [UInt8]

    /// A signer with the connection file's `key` (scheme `hmac-sha256`, the only one Jupyter uses).
    public init(key: String) { keyBytes = Array(key.utf8) }

    private var key: SymmetricKey? { keyBytes.isEmpty ? nil : SymmetricKey(data: keyBytes) }

    /// The signature of the parts, in order.
    public func signature(_ parts: [[UInt8]]) -> String {
        guard let key else { return "" }
        var mac = HMAC<SHA256>(key: key)
        for part in parts { mac.update(data: part) }
        return Self.hex(Array(mac.finalize()))
    }

    /// Whether `signature` (hex) is the parts' signature; compared in constant time.
    public func verify(_ signature: [UInt8], parts: [[UInt8]]) -> Bool {
        guard let key else { return true }
        guard signature.count == 64, let bytes = Self.unhex(signature) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(bytes, authenticating: parts.flatMap { $0 }, using: key)
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }

    static func unhex(_ text: [UInt8]) -> [UInt8]? {
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        guard text.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        var i = 0
        while i < text.count {
            guard let hi = value(text[i]), let lo = value(text[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }
}

/// Turns multipart ZeroMQ messages into ``JupyterMessage``s and back (the wire protocol):
/// identities, `<IDS|MSG>`, signature, header, parent header, metadata, content, buffers.
public struct WireCodec: Sendable {
    public static let delimiter = Array("<IDS|MSG>".utf8)
    /// The protocol version the kernel speaks.
    public static let protocolVersion = "5.3"

    public let signer: MessageSigner
    /// The kernel's session id (in every header it sends).
    public let session: String

    public init(key: String, session: String = UUID().uuidString.lowercased()) {
        self.signer = MessageSigner(key: key)
        self.session = session
    }

    /// Checks the signature and parses the JSON parts.
    public func decode(_ frames: [[UInt8]]) throws(WireError) -> JupyterMessage {
        guard let d = frames.firstIndex(of: Self.delimiter) else { throw .noDelimiter }
        let rest = Array(frames[(d + 1)...])
        guard rest.count >= 5 else { throw .tooFewFrames(rest.count) }
        guard signer.verify(rest[0], parts: Array(rest[1...4])) else { throw .badSignature }
        func object(_ bytes: [UInt8], _ part: String) throws(WireError) -> JSONObject {
            guard let value = try? JSONSerialization.jsonObject(with: Data(bytes)), let object = value as? JSONObject else {
                throw .badJSON(part: part)
            }
            return object
        }
        return JupyterMessage(identities: Array(frames[..<d]),
                              header: try object(rest[1], "header"), parentHeader: try object(rest[2], "parent_header"),
                              metadata: try object(rest[3], "metadata"), content: try object(rest[4], "content"),
                              buffers: Array(rest[5...]))
    }

    /// The frames of a message, signed.
    public func encode(_ message: JupyterMessage) -> [[UInt8]] {
        let parts = [message.header, message.parentHeader, message.metadata, message.content].map(Self.json)
        return message.identities + [Self.delimiter, Array(signer.signature(parts).utf8)] + parts + message.buffers
    }

    /// A new message of `type` from this kernel, in reply to (or caused by) `parent`.
    public func message(_ type: String, content: JSONObject, parent: JupyterMessage?, identities: [[UInt8]] = [],
                        metadata: JSONObject = [:]) -> JupyterMessage {
        let header: JSONObject = [
            "msg_id": UUID().uuidString.lowercased(), "msg_type": type, "session": session,
            "username": "ramp", "date": Self.timestamp(), "version": Self.protocolVersion,
        ]
        return JupyterMessage(identities: identities, header: header, parentHeader: parent?.header ?? [:],
                              metadata: metadata, content: content)
    }

    /// The iopub topic of a message type (`kernel.<session>.<type>`, as ipykernel names them).
    public func topic(_ type: String) -> [UInt8] { Array("kernel.\(session).\(type)".utf8) }

    /// A reply to `request`, routed back to its sender.
    public func reply(to request: JupyterMessage, _ type: String, content: JSONObject) -> JupyterMessage {
        message(type, content: content, parent: request, identities: request.identities)
    }

    /// JSON bytes of an object; values that JSON cannot hold are replaced by their description
    /// rather than trapping.
    static func json(_ object: JSONObject) -> [UInt8] {
        let safe = sanitized(object)
        guard let data = try? JSONSerialization.data(withJSONObject: safe, options: [.withoutEscapingSlashes]) else {
            return Array("{}".utf8)
        }
        return Array(data)
    }

    static func sanitized(_ value: Any) -> Any {
        switch value {
        case let o as JSONObject: return o.mapValues(sanitized)
        case let a as [Any]: return a.map(sanitized)
        case is String, is Bool, is Int, is NSNull: return value
        case let d as Double: return d.isFinite ? d : NSNull()
        default: return String(describing: value)
        }
    }

    /// ISO 8601 in UTC with microseconds, as Jupyter writes header dates.
    static func timestamp() -> String {
        let now = Date().timeIntervalSince1970
        var seconds = time_t(now.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let micro = Int((now - now.rounded(.down)) * 1_000_000)
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2))T"
            + "\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2)).\(pad(micro, 6))Z"
    }
}
