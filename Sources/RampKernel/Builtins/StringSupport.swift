import RampSyntax

/// Helpers shared by the string builtins: characters and sequence specs.
/// Characters are Unicode scalars (what Wolfram's character codes count).
/// A string as an array of Unicode scalars, for indexing.
typealias Chars = [Unicode.Scalar]

extension String {
    var chars: Chars { Array(unicodeScalars) }

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
