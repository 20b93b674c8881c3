import Foundation
import Ramp
import RampREPL

/// The shell channel's requests, answered on the main thread (which owns the session): each
/// request is bracketed by `status: busy` and `status: idle` on iopub.
final class RequestHandlers {
    let session: Session
    let formatter: DisplayFormatter
    let codec: WireCodec
    let completer: Completer
    /// The iopub channel (its socket is given by the server once bound).
    let output: OutputChannel
    /// The cells run so far: (execution count, code), for `history_request`.
    private(set) var history: [(line: Int, code: String)] = []
    /// Set by a `shutdown_request` on the shell channel (older front ends send it there).
    private(set) var shutdownRequested = false
    /// Set when a cell failed with `stop_on_error` (the default): the execute requests already
    /// waiting are answered `aborted` without running (Run All stops at the error), until the
    /// server has drained the queue and calls ``queueDrained()``.
    private(set) var abortingQueue = false
    /// The request whose outputs are being published (the parent of stream messages).
    private var current: JupyterMessage?

    init(session: Session, formatter: DisplayFormatter, codec: WireCodec) {
        self.session = session
        self.formatter = formatter
        self.codec = codec
        self.completer = Completer(kernel: session.kernel)
        self.output = OutputChannel(codec: codec)
        session.kernel.printHandler = { [unowned self] text in self.stream("stdout", text + "\n") }
        session.kernel.messageHandler = { [unowned self] message in self.stream("stderr", message.description + "\n") }
        session.kernel.progressDisplay = { [unowned self] text, final in self.showProgress(text, final: final) }
    }

    /// The display id of the progress output being updated (NetTrain's), if one is.
    private var progressID: String?

    /// Live progress: a `display_data` with a display id, then `update_display_data` in place.
    func showProgress(_ text: String, final: Bool) {
        let id = progressID ?? UUID().uuidString.lowercased()
        publish(progressID == nil ? "display_data" : "update_display_data",
                ["data": ["text/plain": text], "metadata": JSONObject(), "transient": ["display_id": id]],
                parent: current)
        progressID = final ? nil : id
    }

    /// Publishes a message on iopub, with the kernel's topic.
    func publish(_ type: String, _ content: JSONObject, parent: JupyterMessage?) {
        output.publish(codec.message(type, content: content, parent: parent, identities: [codec.topic(type)]))
    }

    func stream(_ name: String, _ text: String) {
        output.stream(name, text, parent: current)
    }

    /// Decodes and answers one shell message; a message that is not valid is logged and dropped.
    func handle(_ frames: [[UInt8]], reply send: ([[UInt8]]) -> Void) {
        let request: JupyterMessage
        do throws(WireError) { request = try codec.decode(frames) } catch {
            log("shell message dropped: \(error)")
            return
        }
        current = request
        publish("status", ["execution_state": "busy"], parent: request)
        defer {
            publish("status", ["execution_state": "idle"], parent: request)
            current = nil
        }
        let type = request.type
        guard type.hasSuffix("_request"), let content = answer(request) else {
            log("shell message \(type.isEmpty ? "without a type" : type) ignored")
            return
        }
        send(codec.encode(codec.reply(to: request, String(type.dropLast("_request".count)) + "_reply", content: content)))
        if type == "shutdown_request" { shutdownRequested = true }
    }

    /// The reply's content, or nil for a request type the kernel does not know.
    func answer(_ request: JupyterMessage) -> JSONObject? {
        let c = request.content
        switch request.type {
        case "kernel_info_request": return Self.kernelInfo
        case "execute_request" where abortingQueue: return ["status": "aborted", "execution_count": session.line]
        case "execute_request": return execute(request)
        case "is_complete_request": return Self.isComplete(c["code"] as? String ?? "")
        case "complete_request":
            let code = c["code"] as? String ?? ""
            return complete(code, cursor: c["cursor_pos"] as? Int ?? code.unicodeScalars.count)
        case "inspect_request":
            let code = c["code"] as? String ?? ""
            return inspect(code, cursor: c["cursor_pos"] as? Int ?? code.unicodeScalars.count,
                           detail: c["detail_level"] as? Int ?? 0)
        case "history_request": return ["status": "ok", "history": historyEntries(c)]
        case "comm_info_request": return ["status": "ok", "comms": JSONObject()]
        case "shutdown_request":
            // Older front ends send it on the shell channel.
            return ["status": "ok", "restart": c["restart"] as? Bool ?? false]
        default: return nil
        }
    }

    /// The requests that were waiting when a cell failed have been answered.
    func queueDrained() { abortingQueue = false }

    // MARK: kernel_info

    static var kernelInfo: JSONObject { [
        "status": "ok",
        "protocol_version": WireCodec.protocolVersion,
        "implementation": "ramp",
        "implementation_version": RampVersion.string,
        "language_info": [
            "name": "wolfram", "version": RampVersion.string, "mimetype": "application/vnd.wolfram.wl",
            "file_extension": ".wl", "codemirror_mode": "mathematica", "pygments_lexer": "mathematica",
        ] as JSONObject,
        "banner": REPL.banner,
        "help_links": [] as [Any],
    ] }

    // MARK: execute

    func execute(_ request: JupyterMessage) -> JSONObject {
        let code = request.content["code"] as? String ?? ""
        let silent = request.content["silent"] as? Bool ?? false
        let storeHistory = request.content["store_history"] as? Bool ?? !silent
        let first = session.line
        progressID = nil
        if !silent { publish("execute_input", ["code": code, "execution_count": first], parent: request) }
        // The whole cell is parsed first: a syntax error anywhere runs nothing of it.
        var statements: [Expr] = []
        var reader = StatementReader(source: code, fileName: nil)
        do throws(SyntaxError) {
            while let statement = try reader.next() { statements.append(statement.expr) }
        } catch {
            let error: JSONObject = ["ename": "Syntax::" + error.tag, "evalue": error.text,
                                     "traceback": error.description.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)]
            if !silent { publish("error", error, parent: request) }
            if request.content["stop_on_error"] as? Bool ?? true { abortingQueue = true }
            return error.merging(["status": "error", "execution_count": first]) { a, _ in a }
        }
        if storeHistory { history.append((first, code)) }
        // A cell is one input, In[n], as in a notebook: its statements run in order (as a
        // CompoundExpression) and the last one's value is Out[n].
        guard !statements.isEmpty else {
            return ["status": "ok", "execution_count": first, "user_expressions": JSONObject(), "payload": [] as [Any]]
        }
        let input = statements.count == 1 ? statements[0] : .call(Sym.CompoundExpression, statements)
        if silent {
            // A silent request (a front end's own query) is no numbered input and shows nothing.
            session.kernel.clearAbort()
            _ = session.kernel.evaluate(input)
            session.kernel.clearAbort()
            return ["status": "ok", "execution_count": session.line - 1, "user_expressions": JSONObject(), "payload": [] as [Any]]
        }
        let evaluation = session.evaluate(input)
        if session.exitCode == nil, !(evaluation.form == nil && evaluation.value == .null) {
            publish("execute_result", ["execution_count": evaluation.line, "data": formatter.bundle(for: evaluation, kernel: session.kernel),
                                       "metadata": JSONObject()], parent: request)
        }
        return ["status": "ok", "execution_count": evaluation.line, "user_expressions": JSONObject(), "payload": [] as [Any]]
    }

    // MARK: is_complete, complete, inspect, history

    static func isComplete(_ code: String) -> JSONObject {
        if code.allSatisfy(\.isWhitespace) { return ["status": "complete"] }
        switch Parser.inputStatus(code) {
        case .complete: return ["status": "complete"]
        case .incomplete: return ["status": "incomplete", "indent": ""]
        case .invalid: return ["status": "invalid"]
        }
    }

    /// Characters a symbol name is made of (with contexts).
    static func isNameCharacter(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "$" || c == "`"
    }

    /// The name around a cursor (counted in Unicode code points, as protocol 5.2+ counts):
    /// the range of code points from its start to `cursor` (complete) or to its end (inspect).
    static func name(in code: String, cursor: Int, throughEnd: Bool) -> (start: Int, end: Int, text: String) {
        let scalars = Array(code.unicodeScalars)
        let cursor = min(max(cursor, 0), scalars.count)
        var start = cursor
        while start > 0, isNameCharacter(scalars[start - 1]) { start -= 1 }
        var end = cursor
        if throughEnd { while end < scalars.count, isNameCharacter(scalars[end]) { end += 1 } }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[start..<end])
        return (start, end, text)
    }

    func complete(_ code: String, cursor: Int) -> JSONObject {
        let word = Self.name(in: code, cursor: cursor, throughEnd: false)
        var before = ""
        before.unicodeScalars.append(contentsOf: code.unicodeScalars.prefix(word.start))
        let matches = completer.completions(word: word.text, before: before)
        return ["status": "ok", "matches": matches, "cursor_start": word.start, "cursor_end": word.end, "metadata": JSONObject()]
    }

    func inspect(_ code: String, cursor: Int, detail: Int) -> JSONObject {
        var word = Self.name(in: code, cursor: cursor, throughEnd: true)
        // A cursor just after `Map[` inspects Map.
        if word.text.isEmpty, cursor > 0 { word = Self.name(in: code, cursor: cursor - 1, throughEnd: false) }
        guard !word.text.isEmpty, let text = session.kernel.symbolInformation(word.text, long: detail > 0) else {
            return ["status": "ok", "found": false, "data": JSONObject(), "metadata": JSONObject()]
        }
        return ["status": "ok", "found": true, "data": ["text/plain": text], "metadata": JSONObject()]
    }

    func historyEntries(_ content: JSONObject) -> [Any] {
        var entries = history
        if content["hist_access_type"] as? String == "tail", let n = content["n"] as? Int, n >= 0 {
            entries = Array(entries.suffix(n))
        }
        return entries.map { [0, $0.line, $0.code] as [Any] }
    }
}
