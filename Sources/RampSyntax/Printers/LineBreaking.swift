/// Breaking long one-line OutputForm results at a page width, as Wolfram's terminal does: lines
/// break after a token that ends with a space (`, `, ` + `, ` -> `), never inside a number, string
/// or symbol; a token longer than a line stays whole and overflows.
public extension Expr {
    /// The text in `style` (OutputForm, InputForm or FullForm) in lines of at most `width`
    /// characters, the first having `firstWidth` (the room left after a label such as `Out[1]= `),
    /// the others `width`. Nil when the result is laid out over several lines already (tables,
    /// raised exponents) or holds a newline: those print as they are.
    func outputLines(_ style: FormStyle = .outputForm, width: Int, firstWidth: Int) -> [String]? {
        let printer = Printer(style: style, quoteStrings: style == .fullForm || style == .inputForm)
        if printer.showsDisplayForms && FormLayout.needsBlock(self) { return nil }
        let (text, breaks) = printer.printWithBreaks(self)
        if text.contains("\n") { return nil }
        return LineBreaker.split(text, breaks: breaks, firstWidth: firstWidth, width: width)
    }
}

enum LineBreaker {
    /// Splits `text` at some of `breaks` (character offsets, increasing) so that each line fits
    /// when it can; trailing spaces at a break are dropped.
    static func split(_ text: String, breaks: [Int], firstWidth: Int, width: Int) -> [String] {
        let chars = Array(text)
        var lines: [String] = []
        var start = 0
        var room = max(firstWidth, 1)
        var candidates = breaks.filter { $0 > 0 && $0 < chars.count }[...]
        while chars.count - start > room {
            // The last break that fits, else the first one after (a long token overflows).
            var chosen: Int?
            while let b = candidates.first, b - start <= room {
                chosen = b
                candidates = candidates.dropFirst()
            }
            if chosen == nil, let b = candidates.first {
                chosen = b
                candidates = candidates.dropFirst()
            }
            guard let cut = chosen else { break }
            lines.append(trimmed(chars[start..<cut]))
            start = cut
            room = max(width, 1)
        }
        lines.append(trimmed(chars[start...]))
        return lines
    }

    private static func trimmed(_ s: ArraySlice<Character>) -> String {
        var s = s
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
