import RampSyntax

/// The "JSON" and "RawJSON" formats of `Import`/`Export`.
///
/// Reading: objects become lists of rules `{"k" -> v, …}` ("JSON", as Wolfram's JSON format) or
/// associations ("RawJSON"); arrays lists; `true`/`false`/`null` `True`/`False`/`Null`; numbers
/// integers (arbitrary size) when written without fraction or exponent, machine reals otherwise.
/// Writing accepts associations and lists of rules with string keys as objects, lists as arrays,
/// strings, numbers, `True`/`False`/`Null`; the layout is Wolfram's: one member per line, tabs for
/// indentation, `"key":value` (`"Compact" -> True` writes everything on one line).
enum JSONFormat {
    struct ReadError: Error {
        /// 1-based byte offset of the offending spot.
        let offset: Int
    }

    /// Deepest nesting accepted when reading (deeper documents are reported as errors).
    static let maxDepth = 2000

    static func read(_ text: String, objectsAsAssociations: Bool) throws(ReadError) -> Expr {
        var reader = Reader(bytes: Array(text.utf8), associations: objectsAsAssociations)
        reader.skipSpace()
        let value = try reader.value(depth: 0)
        reader.skipSpace()
        guard reader.i == reader.bytes.count else { throw ReadError(offset: reader.i + 1) }
        return value
    }

    private struct Reader {
        let bytes: [UInt8]
        let associations: Bool
        var i = 0

        init(bytes: [UInt8], associations: Bool) {
            self.bytes = bytes
            self.associations = associations
        }

        func fail() -> ReadError { ReadError(offset: i + 1) }

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
        }

        mutating func expect(_ word: String) throws(ReadError) {
            for b in word.utf8 {
                guard i < bytes.count, bytes[i] == b else { throw fail() }
                i += 1
            }
        }

        mutating func value(depth: Int) throws(ReadError) -> Expr {
            guard depth < JSONFormat.maxDepth, i < bytes.count else { throw fail() }
            switch bytes[i] {
            case UInt8(ascii: "{"):
                i += 1
                var pairs: [(Expr, Expr)] = []
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return object(pairs) }
                while true {
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail() }
                    let key = try string()
                    skipSpace()
                    try expect(":")
                    skipSpace()
                    pairs.append((.string(key), try value(depth: depth + 1)))
                    skipSpace()
                    guard i < bytes.count else { throw fail() }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "}") { i += 1; return object(pairs) }
                    throw fail()
                }
            case UInt8(ascii: "["):
                i += 1
                var items: [Expr] = []
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .list(items) }
                while true {
                    skipSpace()
                    items.append(try value(depth: depth + 1))
                    skipSpace()
                    guard i < bytes.count else { throw fail() }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "]") { i += 1; return .list(items) }
                    throw fail()
                }
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try expect("true"); return .true
            case UInt8(ascii: "f"): try expect("false"); return .false
            case UInt8(ascii: "n"): try expect("null"); return .null
            default: return try number()
            }
        }

        func object(_ pairs: [(Expr, Expr)]) -> Expr {
            if associations { return .native(AssociationObject(pairs: pairs)) }
            return .list(pairs.map { .call(Sym.Rule, [$0.0, $0.1]) })
        }

        mutating func number() throws(ReadError) -> Expr {
            let start = i
            var isInteger = true
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
            let digitsStart = i
            while i < bytes.count, (0x30...0x39).contains(bytes[i]) { i += 1 }
            guard i > digitsStart else { throw fail() }
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                isInteger = false
                i += 1
                let f = i
                while i < bytes.count, (0x30...0x39).contains(bytes[i]) { i += 1 }
                guard i > f else { throw fail() }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                isInteger = false
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                let e = i
                while i < bytes.count, (0x30...0x39).contains(bytes[i]) { i += 1 }
                guard i > e else { throw fail() }
            }
            let text = String(decoding: bytes[start..<i], as: UTF8.self)
            if isInteger {
                if let n = Int(text) { return .integer(n) }
                if let b = BigInt(text) { return .bigInteger(b) }
                throw ReadError(offset: start + 1)
            }
            guard let d = Double(text) else { throw ReadError(offset: start + 1) }
            return .real(d)
        }

        mutating func string() throws(ReadError) -> String {
            i += 1  // opening quote
            var out: [UInt8] = []
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "\"") { i += 1; return String(decoding: out, as: UTF8.self) }
                if b < 0x20 { throw fail() }
                if b != UInt8(ascii: "\\") { out.append(b); i += 1; continue }
                i += 1
                guard i < bytes.count else { throw fail() }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code), i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                        i += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw fail() }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                default: throw fail()
                }
            }
            throw fail()
        }

        mutating func hex4() throws(ReadError) -> UInt32 {
            guard i + 4 <= bytes.count else { throw fail() }
            var v: UInt32 = 0
            for _ in 0..<4 {
                guard let d = hexDigit(bytes[i]) else { throw fail() }
                v = v * 16 + d
                i += 1
            }
            return v
        }

        func hexDigit(_ b: UInt8) -> UInt32? {
            switch b {
            case 0x30...0x39: return UInt32(b - 0x30)
            case 0x41...0x46: return UInt32(b - 0x41 + 10)
            case 0x61...0x66: return UInt32(b - 0x61 + 10)
            default: return nil
            }
        }
    }

    // MARK: Writing

    /// The expression that could not be written, for the message.
    struct WriteError: Error { let expr: Expr }

    static func write(_ e: Expr, compact: Bool) throws(WriteError) -> String {
        var out = ""
        try write(e, into: &out, indent: 0, compact: compact, depth: 0)
        return out
    }

    /// The members of an object: an association, or a non-empty list of rules with string keys.
    static func members(_ e: Expr) -> [(String, Expr)]? {
        if case .native(let a as AssociationObject) = e {
            var result: [(String, Expr)] = []
            for (k, entry) in a.entries {
                guard let key = k.string else { return nil }
                result.append((key, entry.value))
            }
            return result
        }
        guard e.hasHead(Sym.List), !e.args.isEmpty else { return nil }
        var result: [(String, Expr)] = []
        for r in e.args {
            guard r.hasHead(Sym.Rule) || r.hasHead(Sym.RuleDelayed), r.args.count == 2, let key = r.args[0].string else { return nil }
            result.append((key, r.args[1]))
        }
        return result
    }

    private static func write(_ e: Expr, into out: inout String, indent: Int, compact: Bool, depth: Int) throws(WriteError) {
        guard depth < maxDepth else { throw WriteError(expr: e) }
        func newline(_ level: Int) {
            if compact { return }
            out += "\n"
            out += String(repeating: "\t", count: level)
        }
        if let members = members(e) {
            out += "{"
            for (n, (k, v)) in members.enumerated() {
                if n > 0 { out += "," }
                newline(indent + 1)
                writeString(k, into: &out)
                out += ":"
                try write(v, into: &out, indent: indent + 1, compact: compact, depth: depth + 1)
            }
            if !members.isEmpty { newline(indent) }
            out += "}"
            return
        }
        if case .native(let a as AssociationObject) = e, a.entries.isEmpty { out += "{}"; return }
        switch e {
        case .integer(let n): out += String(n)
        case .bigInteger(let b): out += String(b)
        case .real(let d):
            guard d.isFinite else { throw WriteError(expr: e) }
            out += jsonNumber(d)
        case .rational:
            guard let d = e.doubleValue else { throw WriteError(expr: e) }
            out += jsonNumber(d)
        case .string(let s): writeString(s, into: &out)
        case .symbol(let s):
            if s === Sym.True { out += "true" } else if s === Sym.False { out += "false" } else if s === Sym.Null { out += "null" } else {
                throw WriteError(expr: e)
            }
        default:
            guard e.isList else { throw WriteError(expr: e) }
            let items = e.args
            out += "["
            for (n, item) in items.enumerated() {
                if n > 0 { out += "," }
                newline(indent + 1)
                try write(item, into: &out, indent: indent + 1, compact: compact, depth: depth + 1)
            }
            if !items.isEmpty { newline(indent) }
            out += "]"
        }
    }

    /// A machine real as JSON: shortest round-trip digits, `e` notation for large or small values.
    static func jsonNumber(_ d: Double) -> String {
        "\(d)"   // Swift's shortest round-trip form: 1.5, 1e-07, 1.0
    }

    static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}
