/// Turns a fuzzer's bytes into Wolfram-language source text: calls of the kernel's builtins with
/// edge values (zeros, infinities, huge and tiny numbers, empty and ragged lists, strings,
/// associations, patterns, nets), nested inside scoping constructs, pure functions, control flow and
/// operators. Every byte string gives some program, so libFuzzer's mutations explore programs.
///
/// The builtin names are given by the caller (read from a kernel, so new builtins are fuzzed
/// without changing this file). The same bytes and names always give the same text.
public struct ExpressionGenerator: Sendable {
    /// The builtin names calls are made of.
    public let names: [String]
    /// Nodes nested deeper than this are leaves.
    public var maxDepth = 6
    /// At most this many nodes per program.
    public var maxNodes = 60

    public init(names: [String]) {
        self.names = names.isEmpty ? ["List"] : names
    }

    /// Names that a fuzzer must not call: they end the process, delete files, or sleep.
    public static let excludedNames: Set<String> = ["Exit", "Quit", "DeleteFile", "Pause"]

    /// Values at the edges of what builtins expect.
    public static let edgeValues: [String] = [
        "0", "1", "-1", "2", "3", "10", "-0.", "0.", "1.5", "-2.5", "1/3", "-7/2", "I", "3 + 4 I", "0.5 - I",
        "Infinity", "-Infinity", "ComplexInfinity", "Indeterminate", "DirectedInfinity[x]",
        "2^31", "2^32", "2^62", "-2^63", "2^63 - 1", "2^64", "10^19", "-10^19", "10^100",
        "1.*^308", "-1.*^308", "1.*^-308", "5.*^-324", "1.5`30", "Pi", "E", "EulerGamma",
        "{}", "{{}}", "{1, 2, 3}", "{1, {2, 3}}", "{{1, 2}, {3, 4}}", "{{1, 2}, {3}}", "{x, y, z}", "{1., 2.5}",
        "Range[5]", "Range[0., 1., 0.25]", "RandomReal[1, {2, 3}]", "ConstantArray[0, {2, 2}]",
        "\"\"", "\"abc\"", "\"a b,c\"", "\"\\n\"", "\"é∞\"", "\"123\"", "\"x*\"",
        "<||>", "<|a -> 1, \"b\" -> {2}|>", "<|1 -> x|>",
        "x_", "_Integer", "__", "x__", "___", "x_.", "_?NumberQ", "x_ /; x > 0", "a | b", "p : _List",
        "a -> b", "a :> b", "{a -> 1, b -> 2}", "x -> x^2",
        "Null", "True", "False", "All", "None", "Automatic", "$Failed", "Missing[]", "Nothing",
        "Sequence[]", "Sequence[1, 2]", "Hold[1 + 1]", "Unevaluated[1 + 1]", "f", "f[x]", "x", "y", "g[1, 2]",
        "#", "#2", "##", "#0", "#&", "f[#]&", "Function[{u, v}, u + v]", "Sequence[]&",
        "ParametricRampLayer[]", "ParametricRampLayer[{1, 2}, \"Input\" -> {2, 3}]", "LinearLayer[3]",
        "LinearLayer[2, \"Input\" -> 3]", "ElementwiseLayer[Ramp]", "NetChain[{LinearLayer[2], ParametricRampLayer[]}]",
        "NetInitialize[LinearLayer[2, \"Input\" -> 2]]", "NumericArray[{1., 2.}, \"Real32\"]",
        "MeanSquaredLossLayer[]", "{1 -> 2, 3 -> 4}", "{{1., 2.} -> {0.5}}",
    ]

    /// Local symbols used by scoping constructs, iterators and assignments.
    static let locals = ["x", "y", "z", "i", "f", "g", "s"]

    /// The program for `bytes`.
    public func program(_ bytes: [UInt8]) -> String {
        var reader = ByteReader(bytes)
        var nodes = 0
        var parts: [String] = []
        // One to three top-level expressions separated by `;`.
        let count = 1 + Int(reader.next() % 3)
        for _ in 0..<count where !reader.atEnd || parts.isEmpty {
            parts.append(expression(&reader, depth: 0, nodes: &nodes))
        }
        return parts.joined(separator: "; ")
    }

    func expression(_ r: inout ByteReader, depth: Int, nodes: inout Int) -> String {
        nodes += 1
        if depth >= maxDepth || nodes >= maxNodes || r.atEnd { return leaf(&r) }
        func sub() -> String { expression(&r, depth: depth + 1, nodes: &nodes) }
        func args(_ n: Int) -> String { (0..<n).map { _ in sub() }.joined(separator: ", ") }
        let local = Self.locals[Int(r.next()) % Self.locals.count]
        switch r.next() % 20 {
        case 0, 1, 2: return leaf(&r)
        case 3...8:
            let name = names[r.nextIndex(names.count)]
            return "\(name)[\(args(Int(r.next() % 5)))]"
        case 9: return "{\(args(Int(r.next() % 5)))}"
        case 10:
            switch r.next() % 3 {
            case 0: return "(\(sub()))&"
            case 1: return "Function[{\(local), y}, \(sub())]"
            default: return "(\(sub()))&[\(args(Int(r.next() % 3)))]"
            }
        case 11:
            let scope = ["Module", "Block", "With"][Int(r.next() % 3)]
            return "\(scope)[{\(local) = \(sub())}, \(sub())]"
        case 12:
            switch r.next() % 8 {
            case 0: return "If[\(sub()), \(sub()), \(sub())]"
            case 1: return "Do[\(sub()), {\(local), \(sub())}]"
            case 2: return "Table[\(sub()), {\(local), \(sub()), \(sub())}]"
            case 3: return "Catch[\(sub())]"
            case 4: return "Which[\(sub()), \(sub()), True, \(sub())]"
            case 5: return "Switch[\(sub()), \(sub()), \(sub()), _, \(sub())]"
            case 6: return "Check[\(sub()), \(sub())]"
            default: return "Sum[\(sub()), {\(local), \(sub())}]"
            }
        case 13:
            let op = [" /. ", " //. ", " @@ ", " /@ ", " + ", " * ", "^", " == ", " === ", " <> ", " . ", " ~Join~ ",
                      " && ", " -> ", " /; ", "@", " // ", " ;; "][Int(r.next() % 18)]
            return "(\(sub()))\(op)(\(sub()))"
        case 14: return "(\(sub()))[[\(sub())]]"
        case 15:
            switch r.next() % 5 {
            case 0: return "\(local) = \(sub())"
            case 1: return "\(local)[\(local)_] := \(sub())"
            case 2: return "\(local) := \(sub())"
            case 3: return "\(local)[[\(sub())]] = \(sub())"
            default: return "AppendTo[\(local), \(sub())]"
            }
        case 16: return "<|\(sub()) -> \(sub()), \(sub()) :> \(sub())|>"
        case 17: return "(\(sub()))[\(args(Int(r.next() % 3)))]"
        case 18: return "-(\(sub()))"
        default: return "\(names[r.nextIndex(names.count)])[\(args(Int(r.next() % 3))), \(option(&r)) -> \(sub())]"
        }
    }

    /// An option name for `name -> value` arguments.
    func option(_ r: inout ByteReader) -> String {
        let options = ["\"Input\"", "\"Output\"", "\"Slope\"", "LearningRateMultipliers", "RandomSeeding", "MaxTrainingRounds",
                       "BatchSize", "Method", "TrainingProgressReporting", "TargetDevice", "WorkingPrecision",
                       "SameTest", "IgnoreCase", "Heads", "Overlaps", "ValidationSet", "TrainingStoppingCriterion"]
        return options[Int(r.next()) % options.count]
    }

    func leaf(_ r: inout ByteReader) -> String {
        switch r.next() % 4 {
        case 0: return String(Int(Int8(bitPattern: r.next())))
        case 1: return Self.locals[Int(r.next()) % Self.locals.count]
        default: return Self.edgeValues[r.nextIndex(Self.edgeValues.count)]
        }
    }
}

/// Reads the fuzzer's bytes one at a time; past the end every byte is 0.
struct ByteReader {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { position >= bytes.count }

    mutating func next() -> UInt8 {
        defer { position += 1 }
        return position < bytes.count ? bytes[position] : 0
    }

    /// An index below `count` from two bytes.
    mutating func nextIndex(_ count: Int) -> Int {
        (Int(next()) << 8 | Int(next())) % count
    }
}
