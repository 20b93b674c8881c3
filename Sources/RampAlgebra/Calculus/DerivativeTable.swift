import RampKernel
import RampSyntax

/// The derivatives of the builtin functions, as Wolfram gives them: for each head and argument
/// count, one pure-function body per argument (in `#1`, `#2`, …) for the partial derivative with
/// respect to that argument, or nil where Wolfram keeps `Derivative[…][f]` (the order of a Bessel
/// function, the first argument of PolyGamma). Heads not listed (Abs, Sign, Zeta, Re, Floor, …) are
/// not differentiated: `D[Abs[x], x]` is `Derivative[1][Abs][x]`, as in Wolfram.
enum DerivativeTable {
    static let sources: [String: [Int: [String?]]] = [
        "Exp": [1: ["E^#1"]],
        "Log": [1: ["1/#1"], 2: ["-(Log[#2]/(#1 Log[#1]^2))", "1/(#2 Log[#1])"]],
        "Sin": [1: ["Cos[#1]"]],
        "Cos": [1: ["-Sin[#1]"]],
        "Tan": [1: ["Sec[#1]^2"]],
        "Cot": [1: ["-Csc[#1]^2"]],
        "Sec": [1: ["Sec[#1] Tan[#1]"]],
        "Csc": [1: ["-(Cot[#1] Csc[#1])"]],
        "ArcSin": [1: ["1/Sqrt[1 - #1^2]"]],
        "ArcCos": [1: ["-(1/Sqrt[1 - #1^2])"]],
        "ArcTan": [1: ["1/(1 + #1^2)"], 2: ["-(#2/(#1^2 + #2^2))", "#1/(#1^2 + #2^2)"]],
        "ArcCot": [1: ["-(1/(1 + #1^2))"]],
        "ArcSec": [1: ["1/(Sqrt[1 - #1^(-2)] #1^2)"]],
        "ArcCsc": [1: ["-(1/(Sqrt[1 - #1^(-2)] #1^2))"]],
        "Sinh": [1: ["Cosh[#1]"]],
        "Cosh": [1: ["Sinh[#1]"]],
        "Tanh": [1: ["Sech[#1]^2"]],
        "Coth": [1: ["-Csch[#1]^2"]],
        "Sech": [1: ["-(Sech[#1] Tanh[#1])"]],
        "Csch": [1: ["-(Coth[#1] Csch[#1])"]],
        "ArcSinh": [1: ["1/Sqrt[1 + #1^2]"]],
        "ArcCosh": [1: ["1/(Sqrt[-1 + #1] Sqrt[1 + #1])"]],
        "ArcTanh": [1: ["1/(1 - #1^2)"]],
        "ArcCoth": [1: ["1/(1 - #1^2)"]],
        "ArcSech": [1: ["-(1/(#1 Sqrt[(1 - #1)/(1 + #1)] (1 + #1)))"]],
        "ArcCsch": [1: ["-(1/(Sqrt[1 + #1^(-2)] #1^2))"]],
        "Erf": [1: ["2/(E^#1^2 Sqrt[Pi])"]],
        "Erfc": [1: ["-2/(E^#1^2 Sqrt[Pi])"]],
        "Erfi": [1: ["(2 E^#1^2)/Sqrt[Pi]"]],
        "Gamma": [1: ["Gamma[#1] PolyGamma[0, #1]"]],
        "LogGamma": [1: ["PolyGamma[0, #1]"]],
        "Factorial": [1: ["Gamma[1 + #1] PolyGamma[0, 1 + #1]"]],
        "PolyGamma": [1: ["PolyGamma[1, #1]"], 2: [nil, "PolyGamma[1 + #1, #2]"]],
        "ProductLog": [1: ["ProductLog[#1]/(#1 (1 + ProductLog[#1]))"]],
        "ExpIntegralEi": [1: ["E^#1/#1"]],
        "LogIntegral": [1: ["1/Log[#1]"]],
        "SinIntegral": [1: ["Sin[#1]/#1"]],
        "CosIntegral": [1: ["Cos[#1]/#1"]],
        "SinhIntegral": [1: ["Sinh[#1]/#1"]],
        "CoshIntegral": [1: ["Cosh[#1]/#1"]],
        "BesselJ": [2: [nil, "(BesselJ[-1 + #1, #2] - BesselJ[1 + #1, #2])/2"]],
        "BesselY": [2: [nil, "(BesselY[-1 + #1, #2] - BesselY[1 + #1, #2])/2"]],
        "BesselI": [2: [nil, "(BesselI[-1 + #1, #2] + BesselI[1 + #1, #2])/2"]],
        "BesselK": [2: [nil, "-(BesselK[-1 + #1, #2] + BesselK[1 + #1, #2])/2"]],
    ]

    /// The parsed table, keyed by head symbol and argument count.
    static let table: [ObjectIdentifier: [Int: [Expr?]]] = {
        var t: [ObjectIdentifier: [Int: [Expr?]]] = [:]
        for (name, byCount) in sources {
            var parsed: [Int: [Expr?]] = [:]
            for (count, bodies) in byCount {
                parsed[count] = bodies.map { source in source.flatMap { try? Parser.parseExpression($0) } }
            }
            t[ObjectIdentifier(Symbol.named(name))] = parsed
        }
        return t
    }()

    /// The partial-derivative bodies of `head` called with `count` arguments, if it has an entry.
    static func bodies(_ head: Symbol, _ count: Int) -> [Expr?]? {
        table[ObjectIdentifier(head)]?[count]
    }

    /// Whether `head` is a builtin function with derivatives listed here.
    static func knows(_ head: Symbol) -> Bool { table[ObjectIdentifier(head)] != nil }

    /// `body` with `#i` replaced by `args[i - 1]` (the bodies contain no nested functions).
    static func substitute(_ body: Expr, _ args: [Expr]) -> Expr {
        guard case .normal(let n) = body else { return body }
        if n.head.symbol === Sym.Slot, n.args.count == 1, let i = n.args[0].int, i >= 1, i <= args.count { return args[i - 1] }
        return .call(substitute(n.head, args), n.args.map { substitute($0, args) })
    }
}
