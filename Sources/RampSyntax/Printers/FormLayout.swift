/// The 2D layout of display forms, as Wolfram's terminal prints them in OutputForm: `TableForm`,
/// `MatrixForm` and `Grid` as columns 3 spaces apart and rows a blank line apart, `Column` as rows,
/// `Row` side by side, number forms with raised exponents (`1.5 10` with `6` above) and `BaseForm`
/// with its base lowered. Lists and calls around them are laid out around the blocks; anything
/// else (operators) prints on one line by `Printer`, where these forms show their content.
struct FormLayout {
    let printer: Printer

    /// Nesting beyond this prints on one line: the layout recurses, the one-line printer does not.
    static let maxDepth = 100

    /// Whether `e` has a display form that needs a block (checked without recursion).
    static func needsBlock(_ e: Expr) -> Bool {
        var stack = [e]
        while let x = stack.popLast() {
            guard case .normal(let n) = x else { continue }
            if let h = n.head.symbol, DisplayForms.gridHeads.contains(h.name) || DisplayForms.numberHeads.contains(h.name) {
                return true
            }
            // FullForm[…] and InputForm[…] print their content in their own one-line form.
            if let h = n.head.symbol, h === Sym.FullForm || h === Sym.InputForm { continue }
            stack.append(n.head)
            stack.append(contentsOf: n.args)
        }
        return false
    }

    func block(_ e: Expr, depth: Int = 0) -> TextBlock {
        let numberStyle = printer.numberStyles.items.last
        if let numberStyle, e.isNumber, let b = numberBlock(e, numberStyle) { return b }
        // Inside a number form, lists are laid out element by element (an element may raise an exponent).
        let listOfNumbers = numberStyle != nil && e.hasHead(Sym.List)
        guard depth < Self.maxDepth, listOfNumbers || Self.needsBlock(e) else { return TextBlock(printer.print(e)) }
        guard case .normal(let n) = e.unpackedOneLevel else { return TextBlock(printer.print(e)) }
        if let h = n.head.symbol, h === Sym.FullForm || h === Sym.InputForm { return TextBlock(printer.print(e)) }
        let args = n.args
        if let h = n.head.symbol, !args.isEmpty {
            if DisplayForms.numberHeads.contains(h.name), let numberStyle = NumberStyle.of(h, args) {
                printer.numberStyles.items.append(numberStyle)
                defer { printer.numberStyles.items.removeLast() }
                return block(args[0], depth: depth + 1)
            }
            if let b = gridBlock(h, args, depth: depth) { return b }
            switch h.name {
            case "Row" where args.count <= 2:
                guard let items = DisplayForms.items(args[0]) else { break }
                var parts: [TextBlock] = []
                for (i, item) in items.enumerated() {
                    if i > 0, args.count == 2 { parts.append(args[1].string.map { TextBlock($0) } ?? block(args[1], depth: depth + 1)) }
                    parts.append(block(item, depth: depth + 1))
                }
                return TextBlock.beside(parts)
            case "List":
                return TextBlock.beside([TextBlock("{")] + joined(args, depth: depth) + [TextBlock("}")])
            default:
                if printer.operatorPrecedence(h, args) != nil { return TextBlock(printer.print(e)) }
            }
        }
        return TextBlock.beside([TextBlock(printer.print(n.head) + "[")] + joined(args, depth: depth) + [TextBlock("]")])
    }

    private func joined(_ items: [Expr], depth: Int) -> [TextBlock] {
        var parts: [TextBlock] = []
        for (i, item) in items.enumerated() {
            if i > 0 { parts.append(TextBlock(", ")) }
            parts.append(block(item, depth: depth + 1))
        }
        return parts
    }

    /// A number in a number form: a raised exponent or a lowered base; nil when it is one line.
    private func numberBlock(_ e: Expr, _ numberStyle: NumberStyle) -> TextBlock? {
        switch numberStyle {
        case .spec(let spec):
            guard let parts = spec.parts(e), let exponent = parts.exponent else { return nil }
            return TextBlock.superscript(parts.mantissa + " 10", String(exponent))
        case .base(let b):
            guard b != 10, let digits = BaseDigits.text(e, base: b) else { return nil }
            return TextBlock.subscript(digits, String(b))
        }
    }

    // MARK: Grids

    /// `TableForm`, `MatrixForm`, `Grid` and `Column`; nil when the arguments are not valid.
    private func gridBlock(_ h: Symbol, _ args: [Expr], depth: Int) -> TextBlock? {
        switch h.name {
        case "TableForm", "MatrixForm":
            var rowHeadings: [Expr]?
            var columnHeadings: [Expr]?
            for option in args.dropFirst() {
                guard option.isRuleLike, option.args.count == 2 else { return nil }
                if h.name == "TableForm", option.args[0].symbol?.name == "TableHeadings" {
                    guard let (r, c) = Self.headings(option.args[1], for: args[0]) else { return nil }
                    (rowHeadings, columnHeadings) = (r, c)
                }
            }
            guard let items = DisplayForms.items(args[0]) else { return block(args[0], depth: depth + 1) }
            var rows: [[TextBlock]] = items.map { item in
                if let cells = DisplayForms.items(item) { return cells.map { tableCell($0, level: 2, depth: depth + 1) } }
                return [block(item, depth: depth + 1)]
            }
            if let rowHeadings {
                for i in rows.indices { rows[i].insert(i < rowHeadings.count ? block(rowHeadings[i], depth: depth + 1) : TextBlock(""), at: 0) }
            }
            if let columnHeadings {
                let corner = rowHeadings == nil ? [] : [TextBlock("")]
                rows.insert(corner + columnHeadings.map { block($0, depth: depth + 1) }, at: 0)
            }
            return TextBlock.grid(rows, columnSpacing: 3, rowSpacing: 1, alignment: .left)
        case "Grid":
            guard let items = DisplayForms.items(args[0]) else { return nil }
            var alignment = TextBlock.Alignment.left
            for option in args.dropFirst() {
                guard option.isRuleLike, option.args.count == 2 else { return nil }
                if option.args[0].symbol?.name == "Alignment", let a = Self.alignment(option.args[1]) { alignment = a }
            }
            let rows = items.map { item in
                (DisplayForms.items(item) ?? [item]).map { block($0, depth: depth + 1) }
            }
            return TextBlock.grid(rows, columnSpacing: 3, rowSpacing: 1, alignment: alignment)
        case "Column":
            guard args.count <= 3, let items = DisplayForms.items(args[0]) else { return nil }
            var alignment = TextBlock.Alignment.left
            var spacing = 0
            if args.count >= 2 {
                guard let a = Self.alignment(args[1]) else { return nil }
                alignment = a
            }
            if args.count == 3 {
                guard let s = args[2].int, s >= 0 else { return nil }
                spacing = s
            }
            return TextBlock.grid(items.map { [block($0, depth: depth + 1)] }, columnSpacing: 3, rowSpacing: spacing, alignment: alignment)
        default:
            return nil
        }
    }

    /// A cell of a table at `level` (2: an element of a row): deeper lists alternate between a
    /// column (odd levels) and a row (even levels), as TableForm's default directions do.
    private func tableCell(_ e: Expr, level: Int, depth: Int) -> TextBlock {
        guard let items = DisplayForms.items(e), depth < Self.maxDepth else { return block(e, depth: depth) }
        let cells = items.map { tableCell($0, level: level + 1, depth: depth + 1) }
        if level % 2 == 0 {
            return TextBlock.grid(cells.map { [$0] }, columnSpacing: 3, rowSpacing: 0, alignment: .left)
        }
        return TextBlock.grid([cells], columnSpacing: 3, rowSpacing: 0, alignment: .left)
    }

    /// `TableHeadings -> {rows, columns}` (each `None`, `Automatic` or a list) → the headings.
    static func headings(_ spec: Expr, for table: Expr) -> ([Expr]?, [Expr]?)? {
        func one(_ e: Expr, count: Int) -> [Expr]?? {
            if e.symbol === Sym.None { return .some(nil) }
            if e.symbol === Sym.Automatic { return .some((1...max(count, 1)).map { Expr.integer($0) }) }
            if let items = DisplayForms.items(e) { return .some(items) }
            return nil
        }
        let rows = DisplayForms.items(table) ?? []
        let columnCount = rows.reduce(0) { max($0, DisplayForms.items($1)?.count ?? 1) }
        if spec.symbol === Sym.None { return (nil, nil) }
        // `one` gives a value (never nil) for Automatic.
        if spec.symbol === Sym.Automatic { return (one(spec, count: rows.count)!, one(spec, count: columnCount)!) }
        guard let parts = DisplayForms.items(spec), (1...2).contains(parts.count) else { return nil }
        guard let r = one(parts[0], count: rows.count) else { return nil }
        var c: [Expr]? = nil
        if parts.count == 2 {
            guard let given = one(parts[1], count: columnCount) else { return nil }
            c = given
        }
        return (r, c)
    }

    static func alignment(_ e: Expr) -> TextBlock.Alignment? {
        switch e.symbol?.name {
        case "Left": return .left
        case "Center": return .center
        case "Right": return .right
        default: return nil
        }
    }
}
