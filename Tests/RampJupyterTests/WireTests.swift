import Foundation
import Testing
@testable import RampJupyter
import Ramp
import RampREPL

/// The wire format: signing, verifying, framing, and what happens to messages that are not right.
@Suite struct WireTests {
    func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    @Test func signatureIsHMACSHA256OverTheFourPartsInOrder() {
        // RFC-style vector: HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog").
        let signer = MessageSigner(key: "key")
        let parts = ["The quick ", "brown fox ", "jumps over ", "the lazy dog"].map(bytes)
        #expect(signer.signature(parts) == "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8")
        #expect(signer.verify(bytes("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"), parts: parts))
        #expect(signer.verify(bytes("F7BC83F430538424B13298E6AA6FB143EF4D59A14946175997479DBC2D1A3CD8"), parts: parts))
        #expect(!signer.verify(bytes("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd9"), parts: parts))
        #expect(!signer.verify(bytes("f7bc83"), parts: parts))
        #expect(!signer.verify([], parts: parts))
    }

    @Test func emptyKeyMeansUnsigned() throws {
        let codec = WireCodec(key: "")
        let frames = codec.encode(codec.message("kernel_info_request", content: [:], parent: nil))
        #expect(frames[1] == [])
        #expect(try codec.decode(frames).type == "kernel_info_request")
    }

    @Test func roundTripKeepsIdentitiesPartsAndBuffers() throws {
        let codec = WireCodec(key: "secret")
        var message = codec.message("execute_request", content: ["code": "1+1", "silent": false], parent: nil,
                                    identities: [bytes("client-a"), bytes("client-b")])
        message.buffers = [[0, 1, 2]]
        let frames = codec.encode(message)
        #expect(frames[2] == WireCodec.delimiter)
        let decoded = try codec.decode(frames)
        #expect(decoded.identities == [bytes("client-a"), bytes("client-b")])
        #expect(decoded.type == "execute_request")
        #expect(decoded.header["version"] as? String == "5.3")
        #expect(decoded.content["code"] as? String == "1+1")
        #expect(decoded.buffers == [[0, 1, 2]])
        let reply = codec.reply(to: decoded, "execute_reply", content: ["status": "ok"])
        #expect(reply.identities == decoded.identities)
        #expect(reply.parentHeader["msg_id"] as? String == decoded.id)
    }

    @Test func tamperedOrWronglyKeyedMessagesAreRefused() {
        let codec = WireCodec(key: "secret")
        var frames = codec.encode(codec.message("execute_request", content: ["code": "1+1"], parent: nil))
        frames[frames.count - 1] = bytes("{\"code\":\"Quit[]\"}")
        #expect(throws: WireError.badSignature) { try codec.decode(frames) }
        let other = WireCodec(key: "other key")
        let foreign = other.encode(other.message("execute_request", content: ["code": "1+1"], parent: nil))
        #expect(throws: WireError.badSignature) { try codec.decode(foreign) }
    }

    @Test func malformedFramesAreRefused() {
        let codec = WireCodec(key: "k")
        #expect(throws: WireError.noDelimiter) { try codec.decode([bytes("id"), bytes("{}")]) }
        #expect(throws: WireError.tooFewFrames(2)) { try codec.decode([WireCodec.delimiter, [], bytes("{}")]) }
        let parts = [bytes("not json"), bytes("{}"), bytes("{}"), bytes("{}")]
        let signed = [WireCodec.delimiter, bytes(codec.signer.signature(parts))] + parts
        #expect(throws: WireError.badJSON(part: "header")) { try codec.decode(signed) }
        let array = [bytes("[1]"), bytes("{}"), bytes("{}"), bytes("{}")]
        #expect(throws: WireError.badJSON(part: "header")) {
            try codec.decode([WireCodec.delimiter, bytes(codec.signer.signature(array))] + array)
        }
    }

    @Test func timestampsAreISO8601InUTC() {
        let t = WireCodec.timestamp()
        #expect(t.count == 27)
        #expect(t.hasSuffix("Z"))
        #expect(t.dropFirst(10).first == "T")
    }

    @Test func connectionFileIsParsed() throws {
        let text = """
            {"shell_port": 5001, "iopub_port": 5002, "stdin_port": 5003, "control_port": 5004, "hb_port": 5005,
             "ip": "127.0.0.1", "key": "abc", "transport": "tcp", "signature_scheme": "hmac-sha256", "kernel_name": "ramp"}
            """
        let info = try ConnectionInfo(json: bytes(text))
        #expect(info.endpoint(info.controlPort) == "tcp://127.0.0.1:5004")
        #expect(info.key == "abc")
        #expect(throws: ConnectionInfo.Failure.self) { try ConnectionInfo(json: bytes("{\"shell_port\": 1}")) }
        #expect(throws: ConnectionInfo.Failure.self) { try ConnectionInfo(json: bytes("[]")) }
    }
}
