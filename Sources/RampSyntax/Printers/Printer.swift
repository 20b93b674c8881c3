
/// The printer behind every form. It never recurses: each node is laid out as a short list of text
/// pieces and child expressions, pushed on an explicit stack, so arbitrarily deep expressions print
/// without touching the call stack. Layout decisions look at most a couple of levels down
/// (`Operators.swift` holds the operator layouts and the precedence of each shape).
struct Printer {
    let style: FormStyle
    let quoteStrings: Bool
    /// Whether display wrappers (`NumberForm`, `TableForm`, `Short`, …) show their content laid out
    /// (OutputForm, `Print` in scripts) or stay calls (InputForm, FullForm, a `-c` result).
    var showsDisplayForms: Bool
    /// The number forms in force while printing (innermost last).
    let numberStyles = NumberStyleStack()
    /// Whether a packed vector is given out element by element (so a long line can break between
    /// elements) rather than as one text.
    var splitsPackedRows = false

    init(style: FormStyle, quoteStrings: Bool, showsDisplayForms: Bool? = nil) {
        self.style = style
        self.quoteStrings = quoteStrings
        self.showsDisplayForms = showsDisplayForms ?? style.showsFormWrappers
    }

    /// A piece of output: literal text, an expression still to be laid out, or the start or end of
    /// a number form's scope.
    enum Piece {
        case text(String)
        case expr(Expr)
        /// The rest of a long argument sequence: each element preceded by `separator`, laid out
        /// one at a time, so a long list never becomes pieces all at once (and printing it can stop
        /// early, see `PrintInterruption`).
        case rest(ArraySlice<Expr>, separator: String)
        /// The elements of a packed vector from `from` on, as text a chunk at a time.
        case packedRest(PackedArray, from: Int)
        case pushNumberStyle(NumberStyle)
        case popNumberStyle
    }

    /// Operator spellings are used in every form but FullForm.
    var usesOperators: Bool { style != .fullForm }
    /// Times is written `*` in InputForm and a space in OutputForm.
    var timesSeparator: String { style == .outputForm ? " " : "*" }

    func print(_ root: Expr) -> String {
        var out = ""
        forEachToken(root) { Printer.append($0, to: &out) }
        // A leading ` !` (Not) is only spaced to keep it apart from a preceding operator.
        if out.hasPrefix(" !") { out.removeFirst() }
        return out
    }

    /// The text and the character offsets after each token that ends with a space (`, `, ` + `):
    /// where a long line may break (never inside a number, string or symbol).
    func printWithBreaks(_ root: Expr) -> (text: String, breaks: [Int]) {
        var out = ""
        var length = 0
        var breaks: [Int] = []
        var splitting = self
        splitting.splitsPackedRows = true
        splitting.forEachToken(root) { s in
            let before = out.utf8.count
            Printer.append(s, to: &out)
            let insertedSpaces = out.utf8.count - before - s.utf8.count   // `append` may space two tokens apart
            length += s.count + insertedSpaces
            if s.last == " " { breaks.append(length) }
        }
        if out.hasPrefix(" !") {
            out.removeFirst()
            breaks = breaks.map { $0 - 1 }.filter { $0 > 0 }
        }
        return (out, breaks)
    }

    /// Calls `body` with each piece of text in order: atoms whole, operator texts whole. Stops
    /// early, leaving the text unfinished, when the thread's `PrintInterruption` check says so.
    func forEachToken(_ root: Expr, _ body: (String) -> Void) {
        var stack: [Piece] = [.expr(root)]
        var pieces: [Piece] = []
        let interruption = PrintInterruption.current
        var untilCheck = PrintInterruption.interval
        while let piece = stack.popLast() {
            if let interruption {
                untilCheck -= 1
                if untilCheck == 0 {
                    if interruption.isInterrupted() { return }
                    untilCheck = PrintInterruption.interval
                }
            }
            switch piece {
            case .text(let s):
                body(s)
            case .rest(let args, let separator):
                guard let first = args.first else { break }
                body(separator)
                if args.count > 1 { stack.append(.rest(args.dropFirst(), separator: separator)) }
                stack.append(.expr(first))
            case .packedRest(let array, let from):
                let end = Swift.min(from + Printer.packedChunk, array.count)
                var text = ""
                for i in from..<end {
                    if i > 0 { text += ", " }
                    text += atomText(array.element(flat: i)) ?? ""
                }
                if end < array.count { stack.append(.packedRest(array, from: end)) }
                body(text)
                untilCheck = 1   // a chunk is worth a thousand tokens: check before the next piece
            case .pushNumberStyle(let n):
                numberStyles.items.append(n)
            case .popNumberStyle:
                numberStyles.items.removeLast()
            case .expr(let e):
                if let atom = atomText(e) {
                    body(atom)
                } else {
                    pieces.removeAll(keepingCapacity: true)
                    layout(e, into: &pieces)
                    stack.append(contentsOf: pieces.reversed())
                }
            }
        }
    }

    /// Appends text, keeping a prefix minus apart from a following `-` (`- --x`, never `---x`).
    static func append(_ s: String, to out: inout String) {
        if out.utf8.last == UInt8(ascii: "-"), s.utf8.first == UInt8(ascii: "-") { out += " " }
        // `0.` then `..` would read as `0` then `...`.
        if out.utf8.last == UInt8(ascii: "."), s.utf8.first == UInt8(ascii: ".") { out += " " }
        out += s
    }

    // MARK: Atoms

    /// Text for atoms printed as a single token; nil for anything that needs a layout.
    func atomText(_ e: Expr) -> String? {
        if let numberStyle = numberStyles.items.last, let text = numberStyle.oneLine(e) { return text }
        switch e {
        case .integer(let i): return String(i)
        case .bigInteger(let b): return String(b)
        case .real(let d):
            switch style {
            case .fullForm: return NumberText.fullForm(d)
            case .inputForm, .scriptForm: return NumberText.inputForm(d)
            case .outputForm: return NumberText.outputForm(d)
            }
        case .bigReal(let x): return NumberText.bigReal(x, mark: style != .outputForm)
        case .string(let s): return quoteStrings ? NumberText.quoted(s) : s
        case .symbol(let s): return s.name
        case .rational(let n, let d):
            return style == .fullForm ? "Rational[\(n), \(d)]" : "\(n)/\(d)"
        case .native(let o):
            return style == .outputForm && !o.printsAsInputForm ? o.summary : nil
        case .complex, .normal, .packed:
            return nil
        }
    }

    // MARK: Layout

    /// Appends the pieces of a non-atomic expression.
    func layout(_ e: Expr, into p: inout [Piece]) {
        switch e {
        case .complex(let re, let im):
            if style == .fullForm {
                p += [.text("Complex["), .expr(re), .text(", "), .expr(im), .text("]")]
            } else {
                p.append(.expr(Printer.complexAsSum(re, im)))
            }
        case .packed(let array):
            layoutPacked(array, into: &p)
        case .native(let o):
            p.append(.expr(o.inputForm))
        case .normal(let n):
            if usesOperators, let head = n.head.symbol, layoutOperator(head, n.args, into: &p) { return }
            if style == .outputForm, let primes = Printer.derivativeOrder(n) {
                p += [.expr(n.args[0]), .text(String(repeating: "'", count: primes))]
                return
            }
            layoutCall(n.head, n.args, into: &p)
        default:
            if let t = atomText(e) { p.append(.text(t)) }
        }
    }

    /// `head[a, b, …]` (and `List[…]` in FullForm); an operator head is parenthesised.
    func layoutCall(_ head: Expr, _ args: [Expr], into p: inout [Piece]) {
        if usesOperators && precedence(head) < Prec.call {
            p += [.text("("), .expr(head), .text(")[")]
        } else {
            p += [.expr(head), .text("[")]
        }
        appendJoined(args, separator: ", ", into: &p)
        p.append(.text("]"))
    }

    func appendJoined(_ args: [Expr], separator: String, into p: inout [Piece]) {
        if args.count > Printer.eagerArguments {
            p.append(.expr(args[0]))
            p.append(.rest(args[1...], separator: separator))
            return
        }
        for (i, a) in args.enumerated() {
            if i > 0 { p.append(.text(separator)) }
            p.append(.expr(a))
        }
    }

    /// Argument sequences longer than this are laid out lazily (`Piece.rest`).
    static let eagerArguments = 64
    /// Elements of a packed vector turned into text at a time (`Piece.packedRest`).
    static let packedChunk = 4096

    /// Packed arrays print exactly like the lists they stand for.
    func layoutPacked(_ array: PackedArray, into p: inout [Piece]) {
        p.append(.text(style == .fullForm ? "List[" : "{"))
        if array.rank == 1 && splitsPackedRows {
            for i in 0..<array.count {
                if i > 0 { p.append(.text(", ")) }
                p.append(.text(atomText(array.element(flat: i)) ?? ""))
            }
        } else if array.rank == 1 {
            if array.count > 0 { p.append(.packedRest(array, from: 0)) }
        } else {
            appendJoined(array.parts, separator: ", ", into: &p)
        }
        p.append(.text(style == .fullForm ? "]" : "}"))
    }

    /// The child, in parentheses when `parenthesise` says so.
    func child(_ e: Expr, _ parenthesise: Bool, into p: inout [Piece]) {
        if parenthesise { p += [.text("("), .expr(e), .text(")")] } else { p.append(.expr(e)) }
    }

    /// `n` for `Derivative[n][f]` with a symbol `f` (OutputForm writes it `f'`).
    static func derivativeOrder(_ n: Normal) -> Int? {
        guard n.args.count == 1, n.args[0].symbol != nil, case .normal(let d) = n.head, d.head.symbol === Sym.Derivative,
            d.args.count == 1, case .integer(let k) = d.args[0], (1...9).contains(k)
        else { return nil }
        return k
    }

    /// `Complex[re, im]` as the sum/product it reads as: `2 + 3*I`, `-I`, `(2*I)/5`, `1.5 + 2.*I`.
    static func complexAsSum(_ re: Expr, _ im: Expr) -> Expr {
        let i = Expr.symbol(Sym.I)
        let imaginary: Expr = im == .integer(1) ? i : .call(Sym.Times, im, i)
        if re == .integer(0) { return imaginary }
        return .call(Sym.Plus, re, imaginary)
    }
}
