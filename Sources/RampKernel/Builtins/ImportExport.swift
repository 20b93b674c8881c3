import RampSyntax

/// Files: `Get` (`<<file`), `Put` (`>>`), `PutAppend` (`>>>`), `Import`, `Export`, `ImportString`,
/// `ExportString`, and the small file utilities scripts need (`FileExistsQ`, `DeleteFile`,
/// `FileNameJoin`, `Directory`, `$TemporaryDirectory`).
///
/// Formats: "Text", "Lines", "CSV", "TSV", "JSON", "RawJSON" and "WL" (Wolfram Language source,
/// also called "Package"), chosen by an explicit format argument or by the file's extension.
/// Writes are atomic (a temporary file in the same directory, renamed over the target).
extension Kernel {
    /// A file format Import and Export understand.
    enum FileFormat: String {
        case text = "Text", lines = "Lines", csv = "CSV", tsv = "TSV", json = "JSON", rawJSON = "RawJSON", wl = "WL"

        /// A format or element name as given to Import/Export (case does not matter).
        init?(name: String) {
            switch name.lowercased() {
            case "text", "string", "plaintext", "txt": self = .text
            case "lines": self = .lines
            case "csv": self = .csv
            case "tsv", "tab": self = .tsv
            case "json": self = .json
            case "rawjson", "javascriptexpression": self = .rawJSON
            case "wl", "package", "m", "wolfram language", "wolframlanguage": self = .wl
            default: return nil
            }
        }

        /// The format a file name's extension stands for.
        init?(fileName: String) {
            let base = fileName.split(separator: "/").last ?? Substring(fileName)
            guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return nil }
            switch base[base.index(after: dot)...].lowercased() {
            case "txt", "text": self = .text
            case "csv": self = .csv
            case "tsv", "tab": self = .tsv
            case "json": self = .json
            case "wl", "m", "wls": self = .wl
            default: return nil
            }
        }
    }

    func installImportExportBuiltins() {
        setMessage("Import", "nffil", "File not found during Import.")
        setMessage("Import", "chtype", "First argument `1` is not a valid file, directory, or URL specification.")
        setMessage("Import", "fmtnosup", "`1` is not a supported Import format.")
        setMessage("Import", "fmterr", "Cannot import data as `1` format.")
        setMessage("Export", "chtype", "First argument `1` is not a valid file specification.")
        setMessage("Export", "infer", "Cannot infer format of file `1`.")
        setMessage("Export", "fmtnosup", "`1` is not a supported Export format.")
        setMessage("Export", "type", "`1` cannot be exported to the `2` format.")
        for head in ["Export", "ExportString"] {
            setMessage(head, "jsonstrictencoding", "Expression `1` cannot be exported as JSON.")
            setMessage(head, "nodata", "`1` cannot be exported in the `2` format.")
        }
        setMessage("ImportString", "fmtnosup", "`1` is not a supported Import format.")
        setMessage("ImportString", "fmterr", "Cannot import data as `1` format.")
        setMessage("ExportString", "fmtnosup", "`1` is not a supported Export format.")
        setMessage("ImportString", "string", "First argument `1` is not a string.")

        define("Get", arguments: ArgumentCount(1, 2), usage: "<<name reads in a file, evaluating each expression in it and returning the last one.\nGet[\"file\"] is equivalent to <<file.") { call throws(EvaluationControl) in
            guard let path = call.args[0].string ?? call.args[0].symbol?.name else {
                call.message("noopen", call.args[0])
                return .failed
            }
            return try call.kernel.getFile(path, call: call)
        }

        define("Put", usage: "expr >> filename writes expr to a file.\nPut[expr1, expr2, …, \"filename\"] writes a sequence of expressions expri to a file.") { call throws(EvaluationControl) in
            try call.kernel.putFile(call, append: false)
        }
        define("PutAppend", usage: "expr >>> filename appends expr to a file.\nPutAppend[expr1, expr2, …, \"filename\"] appends a sequence of expressions expri to a file.") { call throws(EvaluationControl) in
            try call.kernel.putFile(call, append: true)
        }

        define("Import", arguments: ArgumentCount(1, 2), usage: "Import[\"file\"] imports data from a file, returning a complete Wolfram Language version of it.\nImport[\"file\", elements] imports the specified elements from a file.") { call throws(EvaluationControl) in
            guard let path = call.args[0].string else { call.message("chtype", call.args[0]); return .failed }
            var format = FileFormat(fileName: path) ?? .text
            if call.args.count == 2 {
                // An element of a registered format: Import["f.onnx", "IRVersion"], Import[f, {"ONNX", "IRVersion"}].
                let spec = call.args[1]
                if spec.hasHead(Sym.List), spec.argCount == 2, let f = spec.arg(0).string, let element = spec.arg(1).string,
                   let registered = call.kernel.registeredFormat(named: f), let importElement = registered.importElement {
                    return try importElement(path, element, call)
                }
                if let element = spec.string, call.kernel.registeredFormat(named: element) == nil,
                   let registered = call.kernel.registeredFormat(forFile: path), let importElement = registered.importElement {
                    return try importElement(path, element, call)
                }
                let name = Self.formatName(call.args[1])
                if let name, let registered = call.kernel.registeredFormat(named: name) {
                    guard let importFile = registered.importFile else { call.message("fmtnosup", call.args[1]); return .failed }
                    return try importFile(path, call)
                }
                guard let name, let f = FileFormat(name: name) else {
                    call.message("fmtnosup", call.args[1])
                    return .failed
                }
                if name.lowercased() != "data" { format = f }
            } else if let registered = call.kernel.registeredFormat(forFile: path), let importFile = registered.importFile {
                return try importFile(path, call)
            }
            if format == .wl { return try call.kernel.getFile(path, call: call) }
            let text: String
            do throws(FileAccess.Failure) {
                text = try FileAccess.readText(path)
            } catch {
                switch error {
                case .notFound: call.message("nffil")
                case .tooLarge: call.outOfMemory()
                default: call.kernel.message(call.head, "noopen", [.string(path)])
                }
                return .failed
            }
            return call.kernel.importText(text, format: format, call: call)
        }

        define("ReadString", arguments: ArgumentCount(1, 2), usage: "ReadString[\"file\"] reads the complete contents of a file and returns them as a string.\nReadString[\"file\", term] reads until the terminator term is encountered.") { call throws(EvaluationControl) in
            guard let path = call.args[0].string else { call.message("noopen", call.args[0]); return .failed }
            let text: String
            do throws(FileAccess.Failure) {
                text = try FileAccess.readText(path)
            } catch {
                if error == .tooLarge { call.outOfMemory() } else { call.message("noopen", call.args[0]) }
                return .failed
            }
            // An empty file (or one that starts with the terminator) gives EndOfFile, as in Wolfram.
            var result = Substring(text)
            if call.args.count == 2 {
                guard let terminator = call.args[1].string, !terminator.isEmpty else { return nil }
                if let range = text.firstRange(of: terminator) { result = text[..<range.lowerBound] }
            }
            return result.isEmpty ? .sym("EndOfFile") : .string(String(result))
        }

        define("ImportString", arguments: ArgumentCount(1, 2), usage: "ImportString[\"data\", \"format\"] imports data in the specified format from a string.") { call throws(EvaluationControl) in
            guard let text = call.args[0].string else { call.message("string", call.args[0]); return .failed }
            var format = FileFormat.text
            if call.args.count == 2 {
                guard let name = Self.formatName(call.args[1]), let f = FileFormat(name: name) else {
                    call.message("fmtnosup", call.args[1])
                    return .failed
                }
                format = f
            }
            if format == .wl { return try call.kernel.evaluateSource(text, fileName: nil, call: call) }
            return call.kernel.importText(text, format: format, call: call)
        }

        define("Export", arguments: ArgumentCount(2, 3), options: [.call(Sym.Rule, "Compact", .false), .call(Sym.Rule, .symbol(Symbol.named("ImageSize")), .automatic)], usage: "Export[\"dest.ext\", expr] exports data to a file, converting it to the format corresponding to the file extension ext.\nExport[dest, expr, \"format\"] exports data in the specified format.") { call throws(EvaluationControl) in
            let args = call.args
            guard let path = args[0].string else { call.message("chtype", args[0]); return .failed }
            let format: FileFormat
            let explicitName = args.count == 3 ? Self.formatName(args[2]) : nil
            if args.count == 3, explicitName == nil { call.message("fmtnosup", args[2]); return .failed }
            // Formats other modules registered, and SVG pictures of objects that draw themselves.
            if let registered = explicitName.map({ call.kernel.registeredFormat(named: $0) }) ?? call.kernel.registeredFormat(forFile: path) {
                guard let exportFile = registered.exportFile else { call.message("fmtnosup", .string(registered.name)); return .failed }
                return try exportFile(path, args[1], call)
            }
            if (explicitName?.lowercased() ?? Self.fileExtension(path)) == "svg" {
                guard case .native(let picture as any SVGExportable) = args[1] else {
                    call.message("type", call.kernel.evaluate(.call(Symbol.named("Head"), [args[1]])), "SVG")
                    return .failed
                }
                do throws(FileAccess.Failure) { try FileAccess.writeAtomically(path, picture.svg) } catch {
                    call.kernel.message(call.head, "noopen", [.string(path)])
                    return .failed
                }
                return .string(path)
            }
            if let name = explicitName {
                guard let f = FileFormat(name: name) else { call.message("fmtnosup", args[2]); return .failed }
                format = f
            } else {
                guard let f = FileFormat(fileName: path) else { call.message("infer", args[0]); return .failed }
                format = f
            }
            guard let text = call.kernel.exportText(args[1], format: format, compact: call.option("Compact") == .true, call: call) else {
                return .failed
            }
            // Text cut short by an abort is never written.
            try call.kernel.checkAbort()
            do throws(FileAccess.Failure) {
                try FileAccess.writeAtomically(path, text)
            } catch {
                call.kernel.reportWriteFailure(error, path: path, call: call)
                return .failed
            }
            return .string(path)
        }

        define("ExportString", arguments: .exactly(2), options: [.call(Sym.Rule, "Compact", .false), .call(Sym.Rule, .symbol(Symbol.named("ImageSize")), .automatic)], usage: "ExportString[expr, \"format\"] generates a string corresponding to expr exported in the specified format.") { (call) throws(EvaluationControl) -> Expr? in
            let args = call.args
            if let name = Self.formatName(args[1]), let registered = call.kernel.registeredFormat(named: name) {
                guard let exportString = registered.exportString else { call.message("fmtnosup", args[1]); return .failed }
                return try exportString(args[0], call)
            }
            guard let name = Self.formatName(args[1]), let format = FileFormat(name: name) else {
                call.message("fmtnosup", args[1])
                return .failed
            }
            let text = call.kernel.exportText(args[0], format: format, compact: call.option("Compact") == .true, call: call)
            try call.kernel.checkAbort()
            return text.map(Expr.string) ?? .failed
        }

        define("FileExistsQ", arguments: .exactly(1), usage: "FileExistsQ[\"name\"] gives True if the file with the specified name exists, and gives False otherwise.") { call in
            guard let path = call.args[0].string else { return .false }
            return .bool(FileAccess.exists(path))
        }

        define("DeleteFile", arguments: .exactly(1), usage: "DeleteFile[\"file\"] deletes a file.\nDeleteFile[{\"file1\", \"file2\", …}] deletes a list of files.") { call in
            let files = call.args[0].isList ? call.args[0].args : [call.args[0]]
            var failed = false
            for f in files {
                guard let path = f.string, FileAccess.delete(path) else {
                    call.kernel.message(call.head, "nffil", [.call(.symbol(call.head), [f])])
                    failed = true
                    continue
                }
            }
            return failed ? .failed : .null
        }
        setMessage("DeleteFile", "nffil", "File not found during `1`.")

        define("FileNameJoin", usage: "FileNameJoin[{\"name1\", \"name2\", …}] joins the namei together into a file name suitable for your current operating system.") { call in
            guard call.checkArgCount(1, 1), call.args[0].isList else { return nil }
            var parts: [String] = []
            for p in call.args[0].args {
                guard let s = p.string else { return nil }
                if s.isEmpty { continue }
                parts.append(parts.isEmpty ? s : String(s.drop(while: { $0 == "/" })))
            }
            var joined = ""
            for p in parts {
                if !joined.isEmpty && !joined.hasSuffix("/") { joined += "/" }
                joined += p
            }
            return .string(joined)
        }

        define("Directory", arguments: .exactly(0), usage: "Directory[] gives the current working directory.") { call in
            return .string(FileAccess.currentDirectory)
        }

        setValue(.string(FileAccess.temporaryDirectory), of: "$TemporaryDirectory")
        if value(of: "$InputFileName") == nil { setValue(.string(""), of: "$InputFileName") }
        setMessage("$InputFileName", "usage", "$InputFileName is the name of the file from which input is currently being read.")
        setMessage("$TemporaryDirectory", "usage", "$TemporaryDirectory gives the main system directory for temporary files.")
    }

    /// The lower-case extension of a file name, without the dot ("" when there is none).
    static func fileExtension(_ path: String) -> String {
        let base = path.split(separator: "/").last ?? Substring(path)
        guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return "" }
        return base[base.index(after: dot)...].lowercased()
    }

    /// A format given as `"CSV"` or `{"CSV", …}`.
    static func formatName(_ e: Expr) -> String? {
        if let s = e.string { return s }
        if e.isList, let first = e.args.first?.string { return first }
        return nil
    }

    /// The message for a failed write: `wrte` for a read-only file, `noopen` otherwise.
    func reportWriteFailure(_ error: FileAccess.Failure, path: String, call: BuiltinCall) {
        message(call.head, error == .readOnly ? "wrte" : "noopen", [.string(path)])
    }

    /// `Get[path]`: reads the file and evaluates its expressions in order, returning the last value.
    func getFile(_ path: String, call: BuiltinCall) throws(EvaluationControl) -> Expr {
        let text: String
        do throws(FileAccess.Failure) {
            text = try FileAccess.readText(path)
        } catch {
            if error == .tooLarge { call.outOfMemory() } else { message(call.head, "noopen", [.string(path)]) }
            return .failed
        }
        // `$InputFileName` names the file while it is read (the full path, as in Wolfram).
        let expanded = FileAccess.expand(path)
        let full = expanded.hasPrefix("/") ? expanded : FileAccess.currentDirectory + "/" + expanded
        let previous = value(of: "$InputFileName")
        setValue(.string(full), of: "$InputFileName")
        defer { setValue(previous, of: "$InputFileName") }
        return try evaluateSource(ScriptText.withoutShebang(text), fileName: path, call: call)
    }

    /// Evaluates each expression of `source` in turn. A syntax error issues `Syntax::tag` (its text
    /// followed by `file:line:column`) after the expressions before it have been evaluated, and
    /// gives `$Failed`.
    func evaluateSource(_ source: String, fileName: String?, call: BuiltinCall) throws(EvaluationControl) -> Expr {
        var reader = StatementReader(source: source, fileName: fileName)
        var last = Expr.null
        while true {
            let statement: (expr: Expr, line: Int)?
            do throws(SyntaxError) {
                statement = try reader.next()
            } catch {
                let syntax = Symbol.named("Syntax")
                if existingData(syntax)?.messages[error.tag] == nil { setMessage("Syntax", error.tag, "`1`") }
                let place = "\(fileName ?? "string"):\(error.line):\(error.column)"
                message(syntax, error.tag, [.string(error.text + " (" + place + ")")])
                return .failed
            }
            guard let statement else { return last }
            try checkAbort()
            last = try eval(statement.expr)
        }
    }

    /// `Put[e1, …, "file"]` / `PutAppend`: each expression's InputForm on its own line.
    fileprivate func putFile(_ call: BuiltinCall, append: Bool) throws(EvaluationControl) -> Expr? {
        guard call.checkArgCount(1, nil) else { return nil }
        guard let target = call.args.last, let path = target.string ?? target.symbol?.name else {
            call.message("noopen", call.args.last ?? .null)
            return .failed
        }
        var text = ""
        for e in call.args.dropLast() { text += try formatted(e, .inputForm) + "\n" }
        if append {
            // A file that exists but cannot be read whole is left alone, never replaced.
            do throws(FileAccess.Failure) {
                text = try FileAccess.readText(path) + text
            } catch where error != .notFound {
                if error == .tooLarge { call.outOfMemory() } else { call.message("noopen", .string(path)) }
                return .failed
            } catch {}
        }
        do throws(FileAccess.Failure) {
            try FileAccess.writeAtomically(path, text)
        } catch {
            reportWriteFailure(error, path: path, call: call)
            return .failed
        }
        return .null
    }

    /// The expression a text stands for in `format` (not `.wl`, which is evaluated instead).
    func importText(_ text: String, format: FileFormat, call: BuiltinCall) -> Expr {
        switch format {
        case .text, .wl: return .string(text)
        case .lines:
            // Split on bytes: "\r\n" is one Character, so a Character split would miss it.
            var lines = Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
                String(decoding: line.last == 0x0D ? line.dropLast() : line[...], as: UTF8.self)
            }
            if lines.last == "" { lines.removeLast() }
            return .list(lines.map(Expr.string))
        case .csv: return DelimitedFormat.read(text, separator: UInt8(ascii: ","))
        case .tsv: return DelimitedFormat.read(text, separator: UInt8(ascii: "\t"))
        case .json, .rawJSON:
            do throws(JSONFormat.ReadError) {
                return try JSONFormat.read(text, objectsAsAssociations: format == .rawJSON)
            } catch {
                message(call.head, "fmterr", [.string(format.rawValue)])
                return .failed
            }
        }
    }

    /// The text `expr` is written as in `format`, or nil (after a message) when it cannot be.
    func exportText(_ expr: Expr, format: FileFormat, compact: Bool, call: BuiltinCall) -> String? {
        switch format {
        case .text:
            return expr.string ?? expr.formatted(.outputForm)
        case .lines:
            let items = expr.isList ? expr.args : [expr]
            return items.map { ($0.string ?? $0.formatted(.outputForm)) + "\n" }.joined()
        case .csv, .tsv:
            guard let text = DelimitedFormat.write(expr, separator: format == .csv ? "," : "\t") else {
                message(call.head, "nodata", [expr, .string(format.rawValue)])
                return nil
            }
            return text
        case .json, .rawJSON:
            do throws(JSONFormat.WriteError) {
                return try JSONFormat.write(expr, compact: compact)
            } catch {
                message(call.head, "jsonstrictencoding", [error.expr])
                return nil
            }
        case .wl:
            return expr.formatted(.inputForm) + "\n"
        }
    }
}

/// Script text helpers shared by `Get` and the script runner.
enum ScriptText {
    /// A `#!` first line becomes empty, so line numbers stay right.
    static func withoutShebang(_ source: String) -> String {
        guard source.hasPrefix("#!") else { return source }
        guard let newline = source.firstIndex(of: "\n") else { return "" }
        return String(source[newline...])
    }
}
