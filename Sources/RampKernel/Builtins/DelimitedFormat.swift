import RampSyntax

/// The "CSV" and "TSV" formats of `Import`/`Export` (RFC 4180 quoting).
///
/// Reading gives a list of rows; an unquoted field that reads as a number becomes that number
/// (integer or machine real), every other field a string (empty fields `""`). Writing takes a
/// matrix (one row per inner list) or a flat list (one value per row, as Wolfram writes a vector
/// as a column); strings are quoted only when they must be (separator, quote, line break, edge
/// spaces) or when they would otherwise read back as a number.
enum DelimitedFormat {
    static func read(_ text: String, separator: UInt8) -> Expr {
        let bytes = Array(text.utf8)
        var rows: [Expr] = []
        var row: [Expr] = []
        var field: [UInt8] = []
        var quoted = false
        var i = 0
        var rowHasContent = false
        func endField() {
            let s = String(decoding: field, as: UTF8.self)
            row.append(quoted ? .string(s) : interpret(s))
            field.removeAll(keepingCapacity: true)
            quoted = false
        }
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x22 && field.isEmpty && !quoted {
                // A quoted field: up to the closing quote ("" stands for one quote).
                quoted = true
                rowHasContent = true
                i += 1
                while i < bytes.count {
                    if bytes[i] == 0x22 {
                        if i + 1 < bytes.count && bytes[i + 1] == 0x22 { field.append(0x22); i += 2; continue }
                        i += 1
                        break
                    }
                    field.append(bytes[i])
                    i += 1
                }
                continue
            }
            if b == separator {
                endField()
                rowHasContent = true
                i += 1
                continue
            }
            if b == 0x0A || b == 0x0D {
                if rowHasContent || !field.isEmpty { endField(); rows.append(.list(row)) } else { rows.append(.list([])) }
                row = []
                rowHasContent = false
                if b == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A { i += 1 }
                i += 1
                continue
            }
            field.append(b)
            rowHasContent = true
            i += 1
        }
        if rowHasContent || !field.isEmpty { endField(); rows.append(.list(row)) }
        return .list(rows)
    }

    /// An unquoted field: an integer, a machine real, or the text itself.
    static func interpret(_ s: String) -> Expr {
        let t = Substring(s).drop(while: { $0 == " " })
        let trimmed = String(t.reversed().drop(while: { $0 == " " }).reversed())
        guard let first = trimmed.first, first.isNumber || first == "-" || first == "+" || first == "." else { return .string(s) }
        if let n = Int(trimmed) { return .integer(n) }
        var body = Substring(trimmed)
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        if !body.isEmpty, body.allSatisfy(\.isASCII), body.allSatisfy(\.isNumber), let b = BigInt(trimmed) {
            return .bigInteger(b)
        }
        // A real: digits with a point and/or an exponent (no "inf"/"nan" words).
        if body.allSatisfy({ $0.isASCII && ($0.isNumber || ".eE+-".contains($0)) }), body.contains(where: \.isNumber),
           let d = Double(trimmed), d.isFinite {
            return .real(d)
        }
        return .string(s)
    }

    /// Rows of fields, or nil when `e` is not a list.
    static func write(_ e: Expr, separator: Character) -> String? {
        guard e.isList else { return nil }
        var out = ""
        for row in e.args {
            let fields = row.isList ? row.args : [row]
            out += fields.map { field($0, separator: separator) }.joined(separator: String(separator))
            out += "\n"
        }
        return out
    }

    static func field(_ e: Expr, separator: Character) -> String {
        switch e {
        case .integer(let n): return String(n)
        case .bigInteger(let b): return String(b)
        case .real(let d): return d.isFinite ? "\(d)" : e.formatted(.inputForm)
        case .string(let s):
            let needsQuotes = s.contains(separator) || s.contains("\"") || s.contains("\n") || s.contains("\r")
                || s.hasPrefix(" ") || s.hasSuffix(" ") || interpret(s) != .string(s)
            return needsQuotes ? "\"" + s.replacingAll("\"", with: "\"\"") + "\"" : s
        default:
            return field(.string(e.formatted(.inputForm)), separator: separator)
        }
    }
}

extension String {
    /// The string with every `target` replaced by `replacement`.
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
