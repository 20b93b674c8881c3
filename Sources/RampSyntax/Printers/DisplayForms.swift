/// One-line layouts of the display wrappers (`NumberForm`, `BaseForm`, `Row`, `Short`, `Shallow`, …)
/// in the forms that show them (OutputForm and what scripts `Print`). The multi-line forms
/// (`TableForm`, `MatrixForm`, `Grid`, `Column`) are laid out as blocks by `FormLayout`; where a
/// one-line text is needed (inside an operator) they show their content.
enum DisplayForms {
    /// Heads laid out as blocks of several lines.
    static let gridHeads: Set<String> = ["TableForm", "MatrixForm", "Grid", "Column"]
    /// Heads whose only effect is on how numbers print.
    static let numberHeads: Set<String> = [
        "NumberForm", "PaddedForm", "ScientificForm", "EngineeringForm", "AccountingForm", "BaseForm",
    ]
    /// Every display wrapper the printers interpret.
    static let allHeads: Set<String> = gridHeads.union(numberHeads).union(["Row", "Short", "Shallow", "Skeleton", packedArrayForm])
    static let packedArrayForm = "Developer`PackedArrayForm"

    /// Wrappers that print as their first argument (so they bind as tightly as it does).
    static let transparentHeads: Set<String> = gridHeads.union(numberHeads)

    static let Skeleton = Symbol.named("Skeleton")
}

extension Printer {
    /// Lays out a display wrapper on one line; false when `h[args…]` is not one (or its arguments
    /// are not valid), so it prints as a call.
    func layoutDisplayForm(_ h: Symbol, _ args: [Expr], into p: inout [Piece]) -> Bool {
        guard showsDisplayForms, DisplayForms.allHeads.contains(h.name), !args.isEmpty else { return false }
        if DisplayForms.numberHeads.contains(h.name) {
            guard let numberStyle = NumberStyle.of(h, args) else { return false }
            p += [.pushNumberStyle(numberStyle), .expr(args[0]), .popNumberStyle]
            return true
        }
        switch h.name {
        case "Row":
            guard args.count <= 2, let items = DisplayForms.items(args[0]) else { return false }
            for (i, item) in items.enumerated() {
                if i > 0, args.count == 2 { p.append(args[1].string.map { .text($0) } ?? .expr(args[1])) }
                p.append(.expr(item))
            }
        case "Skeleton":
            guard args.count == 1 else { return false }
            p += [.text("<<"), .expr(args[0]), .text(">>")]
        case "Short":
            guard args.count <= 2 else { return false }
            var lines = 1.0
            if args.count == 2 {
                guard let n = args[1].numericValue, n > 0 else { return false }
                lines = n
            }
            // A huge line count (Short[e, 1.*^308]) shows everything: capped before converting to Int.
            let width = Swift.min(lines * Double(DisplayForms.shortLineWidth), 1e12)
            p.append(.expr(shortened(args[0], width: Int(width))))
        case DisplayForms.packedArrayForm:
            guard args.count == 1 else { return false }
            p.append(.expr(DisplayForms.packedSummaries(args[0])))
        case "Shallow":
            guard let (depth, length) = DisplayForms.shallowLimits(args) else { return false }
            p.append(.expr(DisplayForms.shallow(args[0], depth: depth, length: length)))
        default:
            // TableForm, MatrixForm, Grid, Column: the content, on one line.
            p.append(.expr(args[0]))
        }
        return true
    }

    /// `e` with middle elements of its top level replaced by `<<k>>` until its one-line text fits
    /// in `width` characters (Short).
    func shortened(_ e: Expr, width: Int) -> Expr {
        let plain = Printer(style: style, quoteStrings: quoteStrings, showsDisplayForms: showsDisplayForms)
        if plain.print(e).count <= width { return e }
        let whole = e.unpackedOneLevel
        guard case .normal(let n) = whole, n.args.count > 1 else { return e }
        func candidate(_ kept: Int) -> Expr {
            let front = (kept + 1) / 2
            let back = kept / 2
            let skeleton = Expr.call(DisplayForms.Skeleton, [.integer(n.args.count - kept)])
            return .call(n.head, Array(n.args.prefix(front)) + [skeleton] + Array(n.args.suffix(back)))
        }
        var low = 0                     // fits (or nothing better is possible)
        var high = n.args.count - 1     // largest number kept that still leaves something out
        while low < high {
            let mid = (low + high + 1) / 2
            if plain.print(candidate(mid)).count <= width { low = mid } else { high = mid - 1 }
        }
        return candidate(low)
    }
}

extension DisplayForms {
    /// The width one line of `Short` stands for.
    static let shortLineWidth = 78

    /// The elements of a list (packed or not); nil when `e` is not a list.
    static func items(_ e: Expr) -> [Expr]? {
        if case .packed(let a) = e { return a.parts }
        return e.hasHead(Sym.List) ? e.args : nil
    }

    /// `Shallow[expr]`, `Shallow[expr, depth]`, `Shallow[expr, {depth, length}]` → the limits.
    static func shallowLimits(_ args: [Expr]) -> (Int, Int)? {
        guard args.count <= 2 else { return nil }
        if args.count == 1 { return (4, 10) }
        if let d = args[1].int, d >= 0 { return (d, 10) }
        if args[1].hasHead(Sym.List), args[1].args.count == 2, let d = args[1].args[0].int, let l = args[1].args[1].int, d >= 0, l >= 0 {
            return (d, l)
        }
        return nil
    }

    /// Parts deeper than `depth` become `<<k>>` (k their length); argument lists longer than
    /// `length` keep their first `length` elements then `<<rest>>`.
    static func shallow(_ e: Expr, depth: Int, length: Int) -> Expr {
        let e = e.unpackedOneLevel
        guard case .normal(let n) = e else { return e }
        if depth <= 0 { return .call(Skeleton, [.integer(n.args.count)]) }
        var args = n.args.prefix(length).map { shallow($0, depth: min(depth - 1, 200), length: length) }
        if n.args.count > length { args.append(.call(Skeleton, [.integer(n.args.count - length)])) }
        return .call(n.head, args)
    }
}

extension DisplayForms {
    /// `e` with each packed array shown as `PackedArray[Integer, <3, 2>]` (PackedArrayForm).
    static func packedSummaries(_ e: Expr, depth: Int = 0) -> Expr {
        if case .packed(let p) = e {
            let type: String
            switch p.storage {
            case .integers: type = "Integer"
            case .reals: type = "Real"
            }
            let dims = "<" + p.shape.map(String.init).joined(separator: ", ") + ">"
            return .call(Symbol.named("PackedArray"), [.symbol(Symbol.named(type)), .string(dims)])
        }
        guard depth < 200, case .normal(let n) = e else { return e }
        return .call(packedSummaries(n.head, depth: depth + 1), n.args.map { packedSummaries($0, depth: depth + 1) })
    }
}

extension Expr {
    /// The value of an integer or machine real as a Double.
    var numericValue: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .real(let d): return d
        default: return nil
        }
    }
}
