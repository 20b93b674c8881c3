import RampSyntax

/// `PadLeft` and `PadRight`: pad (or truncate) a list to a length, or a ragged array to a full
/// rectangular one. Padding is 0, an element `x`, or a cyclic list `{x1, x2, …}` laid out so that the
/// cycle is aligned with the list's own elements (`PadLeft[{a, b, c}, 7, {x, y, z}]` gives
/// `{z, x, y, z, a, b, c}`), as Wolfram's reference page shows.
extension Kernel {
    func installListsPadBuiltins() {
        setMessage("PadLeft", "normal", "Nonatomic expression expected at position `1` in `2`.")
        setMessage("PadRight", "normal", "Nonatomic expression expected at position `1` in `2`.")
        for (name, left) in [("PadLeft", true), ("PadRight", false)] {
            let usage = left
                ? "PadLeft[list, n] makes a list of length n by padding list with zeros on the left.\nPadLeft[list, n, x] pads by repeating the element x.\nPadLeft[list, n, {x1, x2, …}] pads by cyclically repeating the elements xi.\nPadLeft[list, {n1, n2, …}] makes a nested list with length ni at level i.\nPadLeft[list] pads a ragged array list with zeros to make it full."
                : "PadRight[list, n] makes a list of length n by padding list with zeros on the right.\nPadRight[list, n, x] pads by repeating the element x.\nPadRight[list, n, {x1, x2, …}] pads by cyclically repeating the elements xi.\nPadRight[list, {n1, n2, …}] makes a nested list with length ni at level i.\nPadRight[list] pads a ragged array list with zeros to make it full."
            define(name, arguments: ArgumentCount(1, 3), usage: usage) { call throws(EvaluationControl) in
                let e = call.args[0]
                if e.isAtom { call.message("normal", 1, call.expr); return nil }
                let dims: [Int]
                if call.args.count >= 2 {
                    if let n = call.args[1].int, n >= 0 { dims = [n] }
                    else if call.args[1].isList, !call.args[1].args.isEmpty, call.args[1].args.allSatisfy({ ($0.int ?? -1) >= 0 }) {
                        dims = call.args[1].args.map { $0.int! }
                    } else { return nil }
                } else {
                    dims = raggedDimensions(e)
                }
                guard dims.reduce(1, { $0 &* Swift.max($1, 1) }) <= 1 << 24 else { call.outOfMemory(); return .failed }
                let padding = call.args.count == 3 ? call.args[2] : .integer(0)
                let cyclic = padding.isList && dims.count == 1 && !padding.args.isEmpty
                let r = padArray(e, dims[...], padding: padding, cyclic: cyclic, left: left)
                if case .packed = e, let p = PackedArray.pack(r) { return .packed(p) }
                return r
            }
        }
    }
}

/// The largest length at each level, down to where the array stops being lists everywhere it is one.
private func raggedDimensions(_ e: Expr) -> [Int] {
    var dims: [Int] = []
    var level: [Expr] = [e]
    while !level.isEmpty, level.allSatisfy(\.isList) {
        dims.append(level.map(\.length).max() ?? 0)
        level = level.flatMap(\.args)
        if dims.count > 64 { break }
    }
    return dims
}

/// `e` padded or truncated to `dims` (outermost first).
private func padArray(_ e: Expr, _ dims: ArraySlice<Int>, padding: Expr, cyclic: Bool, left: Bool) -> Expr {
    guard let n = dims.first else { return e }
    let inner = dims.dropFirst()
    var items = e.isAtom ? [] : e.args
    if !inner.isEmpty { items = items.map { $0.isAtom ? $0 : padArray($0, inner, padding: padding, cyclic: cyclic, left: left) } }
    let count = items.count
    func mod(_ a: Int, _ m: Int) -> Int { ((a % m) + m) % m }
    func filler(_ i: Int) -> Expr {
        // i: position relative to the list's first element (0-based; negative on the left).
        if cyclic { return padding.arg(mod(i, padding.argCount)) }
        if inner.isEmpty { return padding }
        return paddingBlock(padding, Array(inner))
    }
    var out: [Expr] = []
    out.reserveCapacity(n)
    if left {
        let start = count - n   // index of the first kept element (negative: padding first)
        for i in start..<count { out.append(i >= 0 ? items[i] : filler(i)) }
    } else {
        for i in 0..<n { out.append(i < count ? items[i] : filler(i)) }
    }
    return e.isAtom ? .list(out) : e.withArgs(out)
}

private func paddingBlock(_ x: Expr, _ dims: [Int]) -> Expr {
    guard let n = dims.first else { return x }
    return .list(Array(repeating: paddingBlock(x, Array(dims.dropFirst())), count: n))
}
