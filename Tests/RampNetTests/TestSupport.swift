import Ramp

/// A standard kernel that records messages instead of printing them.
final class NetSession {
    let kernel = Kernel.standard()
    var messages: [String] = []

    init() {
        kernel.messageHandler = { [unowned self] m in self.messages.append(m.description) }
    }

    /// Evaluates an expression built in Swift.
    func ev(_ e: Expr) -> Expr { kernel.evaluate(e) }

    /// Messages issued since the last call, cleared.
    func takeMessages() -> [String] {
        defer { messages = [] }
        return messages
    }
}

func call(_ head: String, _ args: Expr...) -> Expr { .call(Symbol.named(head), args) }
func rule(_ a: Expr, _ b: Expr) -> Expr { .call(Sym.Rule, a, b) }
func span(_ a: Int, _ b: Int) -> Expr { .call(Sym.Span, .integer(a), .integer(b)) }
let LRM = Expr.sym("LearningRateMultipliers")

/// The values of a list/packed/NumericArray result as Doubles (nil when not numeric).
func flatValues(_ e: Expr) -> [Double]? {
    switch e {
    case .real(let d): return [d]
    case .integer(let i): return [Double(i)]
    case .symbol(let s) where s === Sym.Indeterminate: return [.nan]
    case .packed(let p):
        switch p.storage {
        case .reals(let a): return a
        case .integers(let a): return a.map(Double.init)
        }
    case .native(let o as NumericArrayObject): return flatValues(o.normal)
    default:
        if e.hasHead(Sym.DirectedInfinity), let s = e.args.first?.int { return [s > 0 ? .infinity : -.infinity] }
        guard e.hasHead(Sym.List) else { return nil }
        var out: [Double] = []
        for a in e.args { guard let v = flatValues(a) else { return nil }; out += v }
        return out
    }
}

/// Float32 rounding of a Double, widened back (what a net output holds).
func f32(_ x: Double) -> Double { Double(Float(x)) }

/// A packed real array from nested Doubles, shape given.
func packed(_ values: [Double], _ shape: [Int]) -> Expr { .packed(PackedArray(reals: values, shape: shape)) }

/// The keys of an association result (native or written out).
func associationKeys(_ e: Expr) -> [Expr]? {
    if case .native(let a as AssociationObject) = e { return a.keys }
    return e.hasHead(Sym.Association) ? e.args.map { $0.args.first ?? .null } : nil
}
