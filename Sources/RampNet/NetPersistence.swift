#if canImport(Glibc)
import Glibc
#endif
import RampKernel
import RampSyntax

/// Saving and loading nets in Ramp's own `.rampnet` format (documented in the README):
///
/// ```
/// RampNet 1                      header: magic and format version
/// <encoded InputForm of the net>  one token stream (see below), arrays as exact Float32 bits
/// end <fnv1a-64 hex>             checksum of every byte before this line
/// ```
/// Tokens, separated by single spaces: `i <int>`, `r <double bits, hex>`, `s <utf8 length> <bytes>`,
/// `y <length> <symbol name>`, `n <argument count>` followed by the head and the arguments,
/// `a <type> <rank> <dims…>` followed by one hex word per element (Float32/Float64 bits or integer).
/// Files are written to a temporary file and renamed, so a reader never sees half a file.
public enum NetPersistence {
    /// The version this build writes; files with a larger version are refused.
    public static let formatVersion = 1
    static let magic = "RampNet"

    /// Why a file could not be read or written; `message` is the text shown to the user.
    public struct Failure: Error, Sendable {
        public let tag: String
        public let message: String
    }

    // MARK: Encoding

    static func encode(_ e: Expr, into out: inout String) throws(Failure) {
        switch e {
        case .integer(let i): out += "i \(i) "
        case .real(let d): out += "r \(String(d.bitPattern, radix: 16)) "
        case .string(let s): out += "s \(s.utf8.count) \(s) "
        case .symbol(let s): out += "y \(s.name.utf8.count) \(s.name) "
        case .packed(let p): try encode(p.unpacked, into: &out)
        case .normal(let n):
            out += "n \(n.args.count) "
            try encode(n.head, into: &out)
            for a in n.args { try encode(a, into: &out) }
        case .native(let o as NumericArrayObject):
            out += "a \(o.type.rawValue) \(o.shape.count) " + o.shape.map(String.init).joined(separator: " ") + (o.shape.isEmpty ? "" : " ")
            switch o.storage {
            case .real32(let a): for v in a { out += String(v.bitPattern, radix: 16); out += " " }
            case .real64(let a): for v in a { out += String(v.bitPattern, radix: 16); out += " " }
            case .integers(let a): for v in a { out += String(v, radix: 16); out += " " }
            }
        case .native(let o): try encode(o.inputForm, into: &out)
        default:
            throw Failure(tag: "nosave", message: "cannot save the expression \(OutputForm.format(e)).")
        }
    }

    /// The file contents for a net.
    public static func serialize(_ net: any NetModel) throws(Failure) -> String {
        var body = "\(magic) \(formatVersion)\n"
        try encode(net.inputForm, into: &body)
        body += "\n"
        return body + "end \(String(checksum(body), radix: 16))\n"
    }

    static func checksum(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    // MARK: Decoding

    struct Reader {
        var bytes: [UInt8]
        var pos = 0

        mutating func token() throws(Failure) -> String {
            let start = pos
            while pos < bytes.count, bytes[pos] != 0x20, bytes[pos] != 0x0A { pos += 1 }
            guard pos > start else { throw corrupt("unexpected end of data") }
            let t = String(decoding: bytes[start..<pos], as: UTF8.self)
            if pos < bytes.count { pos += 1 }
            return t
        }

        mutating func int() throws(Failure) -> Int {
            guard let i = Int(try token()) else { throw corrupt("a number was expected") }
            return i
        }

        mutating func expr(depth: Int = 0) throws(Failure) -> Expr {
            guard depth < 512 else { throw corrupt("nesting too deep") }
            let kind = try token()
            switch kind {
            case "i": return .integer(try int())
            case "r":
                guard let bits = UInt64(try token(), radix: 16) else { throw corrupt("bad real") }
                return .real(Double(bitPattern: bits))
            case "s", "y":
                let n = try int()
                guard n >= 0, n <= bytes.count - pos else { throw corrupt("truncated string") }
                let s = String(decoding: bytes[pos..<(pos + n)], as: UTF8.self)
                pos = Swift.min(pos + n + 1, bytes.count)
                return kind == "s" ? .string(s) : .symbol(Symbol.named(s))
            case "n":
                let n = try int()
                guard n >= 0, n <= bytes.count else { throw corrupt("bad argument count") }
                let head = try expr(depth: depth + 1)
                var args: [Expr] = []
                for _ in 0..<n { args.append(try expr(depth: depth + 1)) }
                return .call(head, args)
            case "a":
                guard let type = NumericType(rawValue: try token()) else { throw corrupt("bad array type") }
                let rank = try int()
                guard rank >= 0, rank < 64 else { throw corrupt("bad array rank") }
                var shape: [Int] = []
                for _ in 0..<rank {
                    let d = try int()
                    guard d >= 0 else { throw corrupt("bad array dimension") }
                    shape.append(d)
                }
                guard let count = elementCount(shape), count <= bytes.count else { throw corrupt("truncated array") }
                let storage: NumericArrayObject.Storage
                switch type {
                case .real32:
                    var a: [Float] = []
                    a.reserveCapacity(count)
                    for _ in 0..<count {
                        guard let b = UInt32(try token(), radix: 16) else { throw corrupt("bad array element") }
                        a.append(Float(bitPattern: b))
                    }
                    storage = .real32(a)
                case .real64:
                    var a: [Double] = []
                    for _ in 0..<count {
                        guard let b = UInt64(try token(), radix: 16) else { throw corrupt("bad array element") }
                        a.append(Double(bitPattern: b))
                    }
                    storage = .real64(a)
                default:
                    var a: [Int] = []
                    for _ in 0..<count {
                        guard let b = Int(try token(), radix: 16) else { throw corrupt("bad array element") }
                        a.append(b)
                    }
                    storage = .integers(a)
                }
                return .native(NumericArrayObject(type: type, shape: shape, storage: storage))
            case let t: throw corrupt("unknown token \(t.prefix(20))")
            }
        }
    }

    static func corrupt(_ why: String) -> Failure {
        Failure(tag: "corrupt", message: "the file is truncated or corrupted (\(why)).")
    }

    /// Decodes file contents into the net's constructor expression (not yet evaluated).
    public static func deserialize(_ bytes: [UInt8]) throws(Failure) -> Expr {
        guard let nl = bytes.firstIndex(of: 0x0A) else { throw corrupt("no header") }
        let header = String(decoding: bytes[..<nl], as: UTF8.self).split(separator: " ")
        guard header.count == 2, header[0] == Substring(magic), let version = Int(header[1]) else {
            if bytes.starts(with: Array("WLNet".utf8)) || bytes.starts(with: [0x38, 0x3A]) {
                throw Failure(tag: "wlnet", message: "the file is a Wolfram .wlnet file, which Ramp cannot read; save the net with Export[\"file.rampnet\", net] instead.")
            }
            throw Failure(tag: "notrampnet", message: "the file is not a RampNet file.")
        }
        guard version <= formatVersion else {
            throw Failure(tag: "newer", message: "the file has format version \(version); this Ramp reads versions up to \(formatVersion).")
        }
        // The checksum line: the last line, "end <hex>".
        var end = bytes.count
        if end > 0, bytes[end - 1] == 0x0A { end -= 1 }
        guard let lastNL = bytes[..<end].lastIndex(of: 0x0A) else { throw corrupt("no checksum") }
        let trailer = String(decoding: bytes[(lastNL + 1)..<end], as: UTF8.self).split(separator: " ")
        guard trailer.count == 2, trailer[0] == "end", let sum = UInt64(trailer[1], radix: 16) else { throw corrupt("no checksum") }
        let body = String(decoding: bytes[..<(lastNL + 1)], as: UTF8.self)
        guard checksum(body) == sum else { throw corrupt("checksum mismatch") }
        var reader = Reader(bytes: Array(bytes[(nl + 1)..<lastNL]))
        let e = try reader.expr()
        return e
    }

    // MARK: Files

    /// Writes `net` to `path` atomically (FileAccess.writeAtomically: a temporary file in the same
    /// folder, then a rename; links written through, permissions kept, read-only files refused).
    public static func export(path: String, net: any NetModel) throws(Failure) {
        let data = Array(try serialize(net).utf8)
        do throws(FileAccess.Failure) {
            try FileAccess.writeAtomically(path, bytes: data)
        } catch {
            throw Failure(tag: "nowrite", message: error == .readOnly ? "\(path) is read-only." : "cannot write \(path).")
        }
    }

    /// Reads the constructor expression of the net saved at `path`; evaluate it to get the net.
    public static func importExpr(path: String) throws(Failure) -> Expr {
        if path.hasSuffix(".wlnet") {
            throw Failure(tag: "wlnet", message: "\(path) is a Wolfram .wlnet file, which Ramp cannot read; save the net with Export[\"file.rampnet\", net] instead.")
        }
        let bytes: [UInt8]
        do throws(FileAccess.Failure) {
            // At most SizeLimit.maxBytes (a larger file, or an endless device, is General::nomem);
            // and no further than the first bytes when they are not a net file's (/dev/zero, a huge
            // unrelated file), as Import of a file in another format gives a message at once.
            bytes = try FileAccess.readBytes(path) { read in
                read.count >= 16 && !read.starts(with: Array(magic.utf8)) && !read.starts(with: Array("WLNet".utf8))
                    && !read.starts(with: [0x38, 0x3A])
            }
        } catch {
            switch error {
            case .tooLarge: throw Failure(tag: "nomem", message: "the file is larger than Ramp reads at once.")
            case .refused: throw Failure(tag: "notrampnet", message: "the file is not a RampNet file.")
            default: throw Failure(tag: "noopen", message: "cannot open \(path).")
            }
        }
        return try deserialize(bytes)
    }

    /// Heads a saved description may evaluate (everything inside `Function` stays held).
    static let allowedHeads: Set<String> = Set(NetLayerType.all.map(\.head)).union([
        "List", "Rule", "Association", "Span", "DirectedInfinity", "Function", "NetPort",
    ])

    /// Whether evaluating `e` only runs net constructors and data forms (a file cannot run code).
    static func isSafe(_ e: Expr) -> Bool {
        switch e {
        case .normal(let n):
            guard let h = n.head.symbol, allowedHeads.contains(h.name) else { return false }
            if h.name == "Function" { return true }
            return n.args.allSatisfy(isSafe)
        default: return true
        }
    }

    /// Loads the net saved at `path` into a kernel (its constructors rebuild it).
    public static func `import`(path: String, kernel: Kernel) throws(Failure) -> any NetModel {
        let e = try importExpr(path: path)
        guard isSafe(e) else { throw corrupt("the saved description calls functions other than net constructors") }
        guard case .native(let net as any NetModel) = kernel.evaluate(e) else {
            throw corrupt("the saved description does not build a net")
        }
        return net
    }
}

extension NetBuiltins {
    /// The "RampNet" file format (`.rampnet`) for `Import` and `Export`; `.wlnet` files are
    /// recognised so that Import can say Ramp cannot read them.
    static func installPersistence(_ k: Kernel) {
        k.setMessage("Import", "rampnet", "Cannot import `1`: `2`")
        k.setMessage("Export", "rampnet", "Cannot export `1`: `2`")
        k.registerFileFormat(FileFormatHandler(
            name: "RampNet", extensions: ["rampnet"],
            importFile: { path, c in importNet(path, c) },
            exportFile: { path, value, c in
                guard case .native(let net as any NetModel) = value else {
                    c.message("type", c.kernel.evaluate(.call(Symbol.named("Head"), [value])), "RampNet")
                    return .failed
                }
                do throws(NetPersistence.Failure) {
                    try NetPersistence.export(path: path, net: net)
                    return .string(path)
                } catch {
                    c.message("rampnet", .string(path), .string(error.message))
                    return .failed
                }
            }))
        k.registerFileFormat(FileFormatHandler(name: "WLNet", extensions: ["wlnet"], importFile: { path, c in importNet(path, c) }))
    }

    private static func importNet(_ path: String, _ c: BuiltinCall) -> Expr {
        do throws(NetPersistence.Failure) {
            return .native(try NetPersistence.import(path: path, kernel: c.kernel))
        } catch {
            if error.tag == "nomem" { c.outOfMemory() } else { c.message("rampnet", .string(path), .string(error.message)) }
            return .failed
        }
    }
}
