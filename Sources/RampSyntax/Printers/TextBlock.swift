/// A rectangle of text lines with a baseline row: the unit of the 2D layout of forms (tables,
/// grids, raised exponents of number forms). Blocks are joined side by side with their baselines
/// aligned, or stacked into grids.
struct TextBlock {
    /// The rows; all are padded to `width` when the block is joined to others.
    var lines: [String]
    /// The row that lines up with the text around the block (where `Out[n]=` goes).
    var baseline: Int

    /// A one-line block (a text with newlines becomes one row per line, baseline on the first).
    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        baseline = 0
    }

    init(lines: [String], baseline: Int) {
        self.lines = lines.isEmpty ? [""] : lines
        self.baseline = min(max(baseline, 0), self.lines.count - 1)
    }

    var width: Int { lines.reduce(0) { max($0, $1.count) } }
    var height: Int { lines.count }
    /// Rows below the baseline.
    var depth: Int { lines.count - baseline - 1 }

    /// The block with its lines padded to `width` (`alignment` decides where the padding goes).
    func padded(to width: Int, alignment: Alignment = .left) -> TextBlock {
        TextBlock(lines: lines.map { Self.pad($0, to: width, alignment) }, baseline: baseline)
    }

    /// The block with `above` empty rows added on top and `below` at the bottom.
    func extended(above: Int, below: Int) -> TextBlock {
        TextBlock(lines: Array(repeating: "", count: above) + lines + Array(repeating: "", count: below), baseline: baseline + above)
    }

    enum Alignment { case left, center, right }

    static func pad(_ s: String, to width: Int, _ alignment: Alignment) -> String {
        let missing = width - s.count
        guard missing > 0 else { return s }
        switch alignment {
        case .left: return s + String(repeating: " ", count: missing)
        case .right: return String(repeating: " ", count: missing) + s
        case .center:
            let left = missing / 2
            return String(repeating: " ", count: left) + s + String(repeating: " ", count: missing - left)
        }
    }

    /// Blocks side by side, baselines aligned.
    static func beside(_ blocks: [TextBlock]) -> TextBlock {
        let above = blocks.reduce(0) { max($0, $1.baseline) }
        let below = blocks.reduce(0) { max($0, $1.depth) }
        var lines = Array(repeating: "", count: above + below + 1)
        for b in blocks {
            let w = b.width
            let placed = b.extended(above: above - b.baseline, below: below - b.depth)
            for i in lines.indices { lines[i] += pad(placed.lines[i], to: w, .left) }
        }
        return TextBlock(lines: lines, baseline: above)
    }

    /// `base` with `raised` written one row up, starting right after it (a power, `1.5 10^6`).
    static func superscript(_ base: String, _ raised: String) -> TextBlock {
        TextBlock(lines: [String(repeating: " ", count: base.count) + raised, base], baseline: 1)
    }

    /// `base` with `lowered` written one row down, starting right after it (`BaseForm`'s base).
    static func `subscript`(_ base: String, _ lowered: String) -> TextBlock {
        TextBlock(lines: [base, String(repeating: " ", count: base.count) + lowered], baseline: 0)
    }

    /// A grid of cells: columns `columnSpacing` spaces apart, rows `rowSpacing` empty lines apart,
    /// cells of a row aligned on their baselines; the grid's baseline is its first row's.
    static func grid(_ rows: [[TextBlock]], columnSpacing: Int, rowSpacing: Int, alignment: Alignment) -> TextBlock {
        let columns = rows.reduce(0) { max($0, $1.count) }
        var widths = Array(repeating: 0, count: columns)
        for row in rows { for (j, cell) in row.enumerated() { widths[j] = max(widths[j], cell.width) } }
        var lines: [String] = []
        var baseline = 0
        let gap = String(repeating: " ", count: columnSpacing)
        for (i, row) in rows.enumerated() {
            if i > 0 { lines += Array(repeating: "", count: rowSpacing) }
            let cells = (0..<columns).map { j in j < row.count ? row[j] : TextBlock("") }
            let above = cells.reduce(0) { max($0, $1.baseline) }
            let below = cells.reduce(0) { max($0, $1.depth) }
            if i == 0 { baseline = lines.count + above }
            var rowLines = Array(repeating: "", count: above + below + 1)
            for (j, cell) in cells.enumerated() {
                let placed = cell.extended(above: above - cell.baseline, below: below - cell.depth)
                for k in rowLines.indices {
                    if j > 0 { rowLines[k] += gap }
                    rowLines[k] += pad(placed.lines[k], to: widths[j], alignment)
                }
            }
            lines += rowLines
        }
        return TextBlock(lines: lines, baseline: baseline)
    }

    /// The rows joined by newlines, without trailing spaces.
    var text: String {
        lines.map { line in
            var s = Substring(line)
            while s.last == " " { s = s.dropLast() }
            return String(s)
        }.joined(separator: "\n")
    }
}
