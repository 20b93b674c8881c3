import Foundation
import Testing
@testable import RampJupyter
import Ramp
import RampREPL

/// The shell requests answered in process, without sockets: what is replied and what is published.
@Suite struct HandlerTests {
    final class Harness {
        let codec = WireCodec(key: "test-key")
        let handlers: RequestHandlers
        var published: [JupyterMessage] = []
        var replies: [JupyterMessage] = []

        init() {
            handlers = RequestHandlers(session: Session(kernel: Kernel.standard()), formatter: .standard, codec: codec)
            handlers.output.send = { [unowned self] frames in self.published.append(try! self.codec.decode(frames)) }
        }

        /// Sends one request; returns its reply (nil when none) and the iopub messages it caused.
        @discardableResult
        func send(_ type: String, _ content: JSONObject) -> (reply: JupyterMessage?, iopub: [JupyterMessage]) {
            published = []
            replies = []
            let frames = codec.encode(codec.message(type, content: content, parent: nil, identities: [Array("client".utf8)]))
            handlers.handle(frames) { self.replies.append(try! self.codec.decode($0)) }
            handlers.queueDrained()     // as the server does once the waiting requests are answered
            return (replies.first, published)
        }

        func execute(_ code: String) -> (reply: JupyterMessage?, iopub: [JupyterMessage]) {
            send("execute_request", ["code": code, "silent": false])
        }
    }

    @Test func executePublishesInputResultAndStatus() {
        let h = Harness()
        let (reply, iopub) = h.execute("1+1")
        #expect(reply?.type == "execute_reply")
        #expect(reply?.content["status"] as? String == "ok")
        #expect(reply?.content["execution_count"] as? Int == 1)
        #expect(iopub.map(\.type) == ["status", "execute_input", "execute_result", "status"])
        #expect(iopub.first?.content["execution_state"] as? String == "busy")
        #expect(iopub.last?.content["execution_state"] as? String == "idle")
        let data = iopub[2].content["data"] as? JSONObject
        #expect(data?["text/plain"] as? String == "2")
        #expect(iopub[2].content["execution_count"] as? Int == 1)
        #expect(iopub[2].parentHeader["msg_type"] as? String == "execute_request")
    }

    @Test func printAndMessagesAreStreams() {
        let h = Harness()
        let (_, iopub) = h.execute("Print[\"hi\"]; 1/0")
        let streams = iopub.filter { $0.type == "stream" }
        #expect(streams.first?.content["name"] as? String == "stdout")
        #expect(streams.first?.content["text"] as? String == "hi\n")
        #expect(streams.last?.content["name"] as? String == "stderr")
        #expect((streams.last?.content["text"] as? String)?.hasPrefix("Power::infy: ") == true)
    }

    @Test func streamTextIsGatheredIntoOneMessagePerStream() {
        let h = Harness()
        let (_, iopub) = h.execute("Do[Print[i], {i, 1000}]; Print[\"end\"]; 1/0; 0^0; Print[\"after\"]")
        let streams = iopub.filter { $0.type == "stream" }.map { ($0.content["name"] as? String ?? "", $0.content["text"] as? String ?? "") }
        #expect(streams.map(\.0) == ["stdout", "stderr", "stdout"])
        #expect(streams.first?.1 == (1...1000).map { "\($0)\n" }.joined() + "end\n")
        #expect(streams.dropFirst().first?.1.components(separatedBy: "\n").count == 3)   // two messages
        #expect(streams.last?.1 == "after\n")
        #expect(iopub.last?.type == "status")
    }

    @Test func nullAndSemicolonGiveNoResult() {
        let h = Harness()
        let (reply, iopub) = h.execute("x = 1;")
        #expect(reply?.content["status"] as? String == "ok")
        #expect(!iopub.contains { $0.type == "execute_result" })
        let next = h.execute("x + 1")
        #expect(next.reply?.content["execution_count"] as? Int == 2)
        #expect((next.iopub.first { $0.type == "execute_result" }?.content["data"] as? JSONObject)?["text/plain"] as? String == "2")
    }

    @Test func syntaxErrorIsAnErrorReplyAndRunsNothing() {
        let h = Harness()
        let (reply, iopub) = h.execute("y = 5; f[1,,")
        #expect(reply?.content["status"] as? String == "error")
        #expect((reply?.content["ename"] as? String)?.hasPrefix("Syntax::") == true)
        #expect((reply?.content["traceback"] as? [Any])?.isEmpty == false)
        #expect(iopub.contains { $0.type == "error" })
        let check = h.execute("y")
        #expect((check.iopub.first { $0.type == "execute_result" }?.content["data"] as? JSONObject)?["text/plain"] as? String == "y")
    }

    @Test func trainingProgressIsADisplayUpdatedInPlace() {
        let h = Harness()
        let (reply, iopub) = h.execute("NetTrain[NetInitialize[ParametricRampLayer[\"Input\" -> 1]], {{1.} -> {1.}, {-1.} -> {-0.5}}, MaxTrainingRounds -> 3]")
        #expect(reply?.content["status"] as? String == "ok")
        let displays = iopub.filter { $0.type == "display_data" || $0.type == "update_display_data" }
        #expect(displays.first?.type == "display_data")
        let ids = Set(displays.compactMap { ($0.content["transient"] as? JSONObject)?["display_id"] as? String })
        #expect(ids.count == 1)
        let last = (displays.last?.content["data"] as? JSONObject)?["text/plain"] as? String ?? ""
        #expect(last.hasPrefix("Training complete."))
        #expect(iopub.contains { $0.type == "execute_result" })
    }

    @Test func aFailedCellAbortsTheWaitingExecuteRequests() {
        let h = Harness()
        let codec = h.codec
        var statuses: [String] = []
        for code in ["1 + + )", "q = 1", "q = 2"] {
            let frames = codec.encode(codec.message("execute_request", content: ["code": code], parent: nil))
            h.handlers.handle(frames) { statuses.append(try! codec.decode($0).content["status"] as? String ?? "") }
        }
        #expect(statuses == ["error", "aborted", "aborted"])
        h.handlers.queueDrained()
        #expect((h.execute("q").iopub.first { $0.type == "execute_result" }?.content["data"] as? JSONObject)?["text/plain"] as? String == "q")
    }

    @Test func associationsHaveAnHTMLTable() {
        let h = Harness()
        let (_, iopub) = h.execute("<|\"a\" -> 1, \"b\" -> x^2|>")
        let data = iopub.first { $0.type == "execute_result" }?.content["data"] as? JSONObject
        let html = data?["text/html"] as? String ?? ""
        #expect(html.contains("<table"))
        #expect(html.contains("x^2") || html.contains("x<sup>"))
        let escaped = h.execute("<|\"a<b & c\" -> 1|>").iopub.first { $0.type == "execute_result" }
        let text = (escaped?.content["data"] as? JSONObject)?["text/html"] as? String ?? ""
        #expect(text.contains("a&lt;b &amp; c"))
        #expect(!text.contains("a<b"))
    }

    @Test func informationReportsAndTableFormsHaveHTMLTables() {
        let h = Harness()
        let info = h.execute("Information[NetInitialize[ParametricRampLayer[\"Input\" -> 3]]]").iopub.first { $0.type == "execute_result" }
        let html = (info?.content["data"] as? JSONObject)?["text/html"] as? String ?? ""
        #expect(html.contains("<caption>ParametricRampLayer</caption>"))
        #expect(html.contains("Arrays total element count"))
        let table = h.execute("TableForm[{{1, 2}, {3, 4}}]").iopub.first { $0.type == "execute_result" }
        let data = table?.content["data"] as? JSONObject
        #expect((data?["text/html"] as? String)?.components(separatedBy: "<tr>").count == 3)
        #expect(data?["text/plain"] as? String == "1   2\n\n3   4")
    }

    @Test func isCompleteCompleteAndInspect() {
        let h = Harness()
        #expect(h.send("is_complete_request", ["code": "f[1,"]).reply?.content["status"] as? String == "incomplete")
        #expect(h.send("is_complete_request", ["code": "1+1"]).reply?.content["status"] as? String == "complete")
        #expect(h.send("is_complete_request", ["code": "1+)"]).reply?.content["status"] as? String == "invalid")
        let completion = h.send("complete_request", ["code": "x = Para", "cursor_pos": 8]).reply?.content
        #expect((completion?["matches"] as? [String])?.contains("ParametricRampLayer") == true)
        #expect(completion?["cursor_start"] as? Int == 4)
        #expect(completion?["cursor_end"] as? Int == 8)
        let inspection = h.send("inspect_request", ["code": "Map[f, l]", "cursor_pos": 2, "detail_level": 0]).reply?.content
        #expect(inspection?["found"] as? Bool == true)
        #expect(((inspection?["data"] as? JSONObject)?["text/plain"] as? String)?.contains("Map[f, expr]") == true)
        let nothing = h.send("inspect_request", ["code": "  ", "cursor_pos": 1]).reply?.content
        #expect(nothing?["found"] as? Bool == false)
    }

    @Test func kernelInfoHistoryCommInfo() {
        let h = Harness()
        let info = h.send("kernel_info_request", [:]).reply?.content
        #expect(info?["protocol_version"] as? String == "5.3")
        #expect((info?["language_info"] as? JSONObject)?["name"] as? String == "wolfram")
        h.execute("1+2")
        let history = h.send("history_request", ["hist_access_type": "tail", "n": 10, "output": false, "raw": true]).reply?.content
        #expect((history?["history"] as? [[Any]])?.first?[2] as? String == "1+2")
        #expect(h.send("comm_info_request", [:]).reply?.content["comms"] is JSONObject)
    }

    @Test func badMessagesAreDroppedAndTheKernelGoesOn() {
        let h = Harness()
        h.published = []
        h.handlers.handle([Array("<IDS|MSG>".utf8), Array("00".utf8), Array("{}".utf8), Array("{}".utf8), Array("{}".utf8), Array("{}".utf8)]) { _ in
            Issue.record("a message with a bad signature was answered")
        }
        h.handlers.handle([Array("garbage".utf8)]) { _ in Issue.record("garbage was answered") }
        #expect(h.published.isEmpty)
        let unknown = h.send("no_such_request", [:])
        #expect(unknown.reply == nil)
        #expect(h.execute("2+2").reply?.content["status"] as? String == "ok")
    }
}
