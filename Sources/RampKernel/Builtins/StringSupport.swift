import RampSyntax
import Synchronization

/// Helpers shared by the string builtins: characters and sequence specs.
/// Characters are Unicode scalars (what Wolfram's character codes count).
/// A string as an array of Unicode scalars, for indexing.
typealias Chars = [Unicode.Scalar]

extension String {
    /// The characters (Unicode scalars). For a long string the last one converted is remembered,
    /// so a loop over one string's characters (`StringTake[s, {i}]` for each i) converts it once,
    /// not once per call.
    var chars: Chars {
        guard utf8.count >= CharsCache.minimumBytes else { return Array(unicodeScalars) }
        return CharsCache.chars(of: self)
    }

    /// The number of characters (Unicode scalars), remembered like `chars` for a long string
    /// (`StringLength[s]` in a loop condition).
    var charCount: Int {
        guard utf8.count >= CharsCache.minimumBytes else { return unicodeScalars.count }
        return CharsCache.count(of: self)
    }

    init<S: Sequence>(chars: S) where S.Element == Unicode.Scalar {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: chars)
        self.init(view)
    }
}

extension Expr {
    /// A list of strings, when this is one.
    var stringList: [String]? {
        guard hasHead(Sym.List) else { return nil }
        var out: [String] = []
        for a in args {
            guard let s = a.string else { return nil }
            out.append(s)
        }
        return out
    }

    /// `True` → true, `False` → false.
    var boolValue: Bool? {
        if self == .true { return true }
        if self == .false { return false }
        return nil
    }
}

/// A sequence specification as `StringTake`, `StringDrop`, `Take` read it: `n`, `-n`, `{n}`,
/// `{m, n}`, `{m, n, s}`, `All`, `None`, `UpTo[n]`.
struct SequenceSpec {
    var start: Int
    var end: Int
    var step: Int
    /// The positions as written, for messages.
    var shownStart: Expr
    var shownEnd: Expr

    /// Reads `spec` for a sequence of `length` elements; nil when it is not a sequence specification.
    /// `take` selects the meaning of a bare `n` (`Take`: the first n; `Drop` is the same).
    init?(_ spec: Expr, length: Int) {
        step = 1
        switch spec {
        case .integer(let n):
            if n >= 0 { start = 1; end = n } else { start = length + n + 1; end = length }
            shownStart = .integer(n >= 0 ? 1 : n)
            shownEnd = .integer(n >= 0 ? n : -1)
        case .symbol(let s) where s === Sym.All:
            start = 1; end = length; shownStart = 1; shownEnd = .integer(length)
        case .symbol(let s) where s === Sym.None:
            start = 1; end = 0; shownStart = 1; shownEnd = 0
        case .normal(let n) where n.head == .sym("UpTo") && n.args.count == 1:
            guard case .integer(let k) = n.args[0], k >= 0 else { return nil }
            start = 1; end = Swift.min(k, length); shownStart = 1; shownEnd = .integer(k)
        case .normal(let n) where n.head == .symbol(Sym.List):
            let items = n.args.map(\.int)
            guard !items.isEmpty, items.count <= 3, items.allSatisfy({ $0 != nil }) else { return nil }
            let m = items[0]!
            let e = items.count >= 2 ? items[1]! : m
            func resolve(_ i: Int) -> Int { i < 0 ? length + i + 1 : i }
            start = resolve(m); end = resolve(e)
            shownStart = .integer(m); shownEnd = .integer(e)
            if items.count == 3 { step = items[2]! }
            if step == 0 { return nil }
        default:
            return nil
        }
    }

    /// The 1-based positions selected, or nil when they fall outside 1…length.
    func positions(length: Int) -> [Int]? {
        if step > 0 {
            if end == start - 1 && start >= 1 && start <= length + 1 { return [] }
            guard start >= 1, end <= length, start <= end else { return nil }
            return Array(stride(from: start, through: end, by: step))
        } else {
            if end == start + 1 && start >= 0 && start <= length { return [] }
            guard start <= length, end >= 1, start >= end else { return nil }
            return Array(stride(from: start, through: end, by: step))
        }
    }
}

/// One long string and its characters, shared by the kernels of the process (a lock guards it).
/// The entry keeps the string itself, so its storage cannot be freed and its address reused by
/// another string while the entry names it: the same storage address and length is the same text.
enum CharsCache {
    static let minimumBytes = 256
    /// Strings longer than this are not remembered (their characters would stay allocated).
    static let maximumBytes = 1 << 24

    struct Entry: @unchecked Sendable {
        let string: String
        let address: UnsafeRawPointer
        let count: Int
        var chars: Chars?
    }

    private static let entry = Mutex<Entry?>(nil)

    /// Where the string's UTF-8 bytes live, when it is a native string with its own storage.
    private static func address(of s: String) -> UnsafeRawPointer? {
        s.utf8.withContiguousStorageIfAvailable { $0.baseAddress.map(UnsafeRawPointer.init) } ?? nil
    }

    private static func cached(_ s: String, _ address: UnsafeRawPointer) -> Entry? {
        entry.withLock { e in
            guard let e, e.address == address, e.string.utf8.count == s.utf8.count else { return nil }
            return e
        }
    }

    static func count(of s: String) -> Int {
        guard s.utf8.count <= maximumBytes, let a = address(of: s) else { return s.unicodeScalars.count }
        if let e = cached(s, a) { return e.count }
        let n = s.unicodeScalars.count
        entry.withLock { $0 = Entry(string: s, address: a, count: n, chars: nil) }
        return n
    }

    static func chars(of s: String) -> Chars {
        guard s.utf8.count <= maximumBytes, let a = address(of: s) else { return Array(s.unicodeScalars) }
        if let e = cached(s, a), let chars = e.chars { return chars }
        let chars = Array(s.unicodeScalars)
        entry.withLock { $0 = Entry(string: s, address: a, count: chars.count, chars: chars) }
        return chars
    }
}
