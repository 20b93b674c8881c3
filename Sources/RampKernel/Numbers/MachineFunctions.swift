import RampSyntax
import RealModule

/// A machine complex number for the numeric evaluation of elementary functions.
struct MachineComplex {
    var re: Double
    var im: Double

    init(_ re: Double, _ im: Double = 0) { self.re = re; self.im = im }

    /// From a number atom (nil for non-numbers).
    init?(_ e: Expr) {
        if case .complex(let r, let i) = e {
            guard let x = Numbers.double(r), let y = Numbers.double(i) else { return nil }
            self.init(x, y)
        } else if let x = Numbers.double(e) {
            self.init(x)
        } else {
            return nil
        }
    }

    /// As an expression: a machine real when the imaginary part is exactly zero.
    var expr: Expr { im == 0 ? .real(re) : .complex(.real(re), .real(im)) }
    /// Always complex (for functions whose result is complex for complex input).
    var complexExpr: Expr { .complex(.real(re), .real(im)) }

    static func + (a: Self, b: Self) -> Self { Self(a.re + b.re, a.im + b.im) }
    static func - (a: Self, b: Self) -> Self { Self(a.re - b.re, a.im - b.im) }
    static func * (a: Self, b: Self) -> Self { Self(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re) }
    static func / (a: Self, b: Self) -> Self {
        let d = b.re * b.re + b.im * b.im
        return Self((a.re * b.re + a.im * b.im) / d, (a.im * b.re - a.re * b.im) / d)
    }
    static prefix func - (a: Self) -> Self { Self(-a.re, -a.im) }
    static let i = Self(0, 1)
    static let one = Self(1, 0)

    var abs: Double { Double.hypot(re, im) }
    var arg: Double { Double.atan2(y: im, x: re) }

    static func exp(_ z: Self) -> Self {
        let m = Double.exp(z.re)
        return z.im == 0 ? Self(m) : Self(m * Double.cos(z.im), m * Double.sin(z.im))
    }
    static func log(_ z: Self) -> Self { Self(Double.log(z.abs), z.arg) }
    static func sqrt(_ z: Self) -> Self {
        if z.im == 0 && z.re >= 0 { return Self(Double.sqrt(z.re)) }
        let m = z.abs
        let r = Double.sqrt((m + z.re) / 2)
        var s = Double.sqrt((m - z.re) / 2)
        if z.im < 0 || (z.im == 0 && z.im.sign == .minus) { s = -s }
        return Self(r, s)
    }
    static func sin(_ z: Self) -> Self {
        Self(Double.sin(z.re) * Double.cosh(z.im), Double.cos(z.re) * Double.sinh(z.im))
    }
    static func cos(_ z: Self) -> Self {
        Self(Double.cos(z.re) * Double.cosh(z.im), -Double.sin(z.re) * Double.sinh(z.im))
    }
    static func sinh(_ z: Self) -> Self { -i * sin(i * z) }
    static func cosh(_ z: Self) -> Self { cos(i * z) }
    static func asin(_ z: Self) -> Self { -i * log(i * z + sqrt(one - z * z)) }
    static func acos(_ z: Self) -> Self { Self(Double.pi / 2) - asin(z) }
    static func atan(_ z: Self) -> Self { (i / Self(2)) * (log(one - i * z) - log(one + i * z)) }
    static func asinh(_ z: Self) -> Self { log(z + sqrt(z * z + one)) }
    static func acosh(_ z: Self) -> Self { log(z + sqrt(z + one) * sqrt(z - one)) }
    static func atanh(_ z: Self) -> Self { (log(one + z) - log(one - z)) / Self(2) }
}

/// Machine evaluation of the elementary functions by name (real where the result is real, complex
/// outside the real domain, as Wolfram gives `Log[-1.]` = `0. + 3.14159 I`).
enum MachineFunctions {
    typealias C = MachineComplex

    /// Applies the named one-argument function to a machine number; nil when unknown.
    static func apply(_ name: String, _ z: C) -> Expr? {
        let real = z.im == 0
        let x = z.re
        switch name {
        case "Sqrt": return real && x >= 0 ? .real(Double.sqrt(x)) : C.sqrt(z).complexExpr
        case "Exp": return real ? .real(Double.exp(x)) : C.exp(z).complexExpr
        case "Log":
            if real && x > 0 { return .real(Double.log(x)) }
            if real && x == 0 { return nil }
            return C.log(z).complexExpr
        case "Sin": return real ? .real(Double.sin(x)) : C.sin(z).complexExpr
        case "Cos": return real ? .real(Double.cos(x)) : C.cos(z).complexExpr
        case "Tan": return real ? .real(Double.tan(x)) : (C.sin(z) / C.cos(z)).complexExpr
        case "Cot": return real ? .real(1 / Double.tan(x)) : (C.cos(z) / C.sin(z)).complexExpr
        case "Sec": return real ? .real(1 / Double.cos(x)) : (C.one / C.cos(z)).complexExpr
        case "Csc": return real ? .real(1 / Double.sin(x)) : (C.one / C.sin(z)).complexExpr
        case "Sinh": return real ? .real(Double.sinh(x)) : C.sinh(z).complexExpr
        case "Cosh": return real ? .real(Double.cosh(x)) : C.cosh(z).complexExpr
        case "Tanh": return real ? .real(Double.tanh(x)) : (C.sinh(z) / C.cosh(z)).complexExpr
        case "Coth": return real ? .real(1 / Double.tanh(x)) : (C.cosh(z) / C.sinh(z)).complexExpr
        case "Sech": return real ? .real(1 / Double.cosh(x)) : (C.one / C.cosh(z)).complexExpr
        case "Csch": return real ? .real(1 / Double.sinh(x)) : (C.one / C.sinh(z)).complexExpr
        case "ArcSin": return real && abs(x) <= 1 ? .real(Double.asin(x)) : C.asin(z).complexExpr
        case "ArcCos": return real && abs(x) <= 1 ? .real(Double.acos(x)) : C.acos(z).complexExpr
        case "ArcTan": return real ? .real(Double.atan(x)) : C.atan(z).complexExpr
        case "ArcCot": return real ? .real(x == 0 ? Double.pi / 2 : Double.atan(1 / x)) : C.atan(C.one / z).complexExpr
        case "ArcSinh": return real ? .real(Double.asinh(x)) : C.asinh(z).complexExpr
        case "ArcCosh": return real && x >= 1 ? .real(Double.acosh(x)) : C.acosh(z).complexExpr
        case "ArcTanh": return real && abs(x) < 1 ? .real(Double.atanh(x)) : C.atanh(z).complexExpr
        case "Abs": return .real(z.abs)
        case "Gamma": return real ? .real(Double.gamma(x)) : nil
        case "Erf": return real ? .real(Double.erf(x)) : nil
        case "Erfc": return real ? .real(Double.erfc(x)) : nil
        default: return nil
        }
    }

    /// The machine value of a numeric constant symbol.
    static func constant(_ name: String) -> Double? {
        switch name {
        case "Pi": return Double.pi
        case "E": return 2.718281828459045
        case "Degree": return Double.pi / 180
        case "GoldenRatio": return 1.618033988749895
        case "EulerGamma": return 0.5772156649015329
        case "Catalan": return 0.915965594177219
        case "Khinchin": return 2.6854520010653062
        case "Glaisher": return 1.2824271291006226
        default: return nil
        }
    }
}
