import RampSyntax
#if canImport(Glibc)
import Glibc
#endif

/// Automatic tick marks: major ticks at a "nice" step (1, 2 or 5 times a power of ten) giving about
/// `target` marks over the range, four minor ticks between majors (one between for a step of 2…),
/// labels with as many decimals as the step needs (`0.5`, `1.0`, as Wolfram writes them).
enum Ticks {
    struct Mark {
        var value: Double
        var label: String?
        var major: Bool
    }

    /// The step: 1, 2 or 5 × 10^k closest to `span / target` from above.
    static func niceStep(_ span: Double, target: Double) -> Double {
        guard span > 0, span.isFinite, target > 0 else { return 1 }
        let raw = span / target
        guard raw > 0, raw.isFinite else { return span }
        let p = pow10(floorLog10(raw))
        // The candidate nearest to the raw step on a log scale.
        return [1.0, 2.0, 5.0, 10.0].map { $0 * p }.min { abs(log10($0 / raw)) < abs(log10($1 / raw)) } ?? p
    }

    /// ⌊log10 x⌋, or 0 when x is not a positive finite number.
    static func floorLog10(_ x: Double) -> Int {
        guard x > 0, x.isFinite else { return 0 }
        return Int(log10(x).rounded(.down))
    }

    static func pow10(_ k: Int) -> Double {
        var r = 1.0
        if k >= 0 { for _ in 0..<Swift.min(k, 308) { r *= 10 } } else { for _ in 0..<Swift.min(-k, 323) { r /= 10 } }
        return r
    }

    static func automatic(_ lo: Double, _ hi: Double, target: Double) -> [Mark] {
        guard lo < hi, lo.isFinite, hi.isFinite else { return [] }
        let step = niceStep(hi - lo, target: target)
        guard step > 0, step.isFinite else { return [] }
        let mantissa = (step / pow10(floorLog10(step))).rounded()
        let minorCount = mantissa == 2 ? 4 : 5
        let minor = step / Double(minorCount)
        let decimals = Swift.max(0, -floorLog10(step))
        var out: [Mark] = []
        let first = (lo / minor).rounded(.up), last = (hi / minor).rounded(.down)
        guard last - first < 10_000 else { return [] }
        var i = first
        while i <= last {
            let v = i * minor
            let isMajor = abs((v / step) - (v / step).rounded()) < 1e-6
            out.append(Mark(value: v, label: isMajor ? label(v, decimals: decimals, step: step) : nil, major: isMajor))
            i += 1
        }
        return out
    }

    /// A tick label: `-1.5`, `2`, `0.25`, and `2×10⁶` style for large or tiny magnitudes.
    static func label(_ v: Double, decimals: Int, step: Double) -> String {
        guard v.isFinite else { return "" }
        if v == 0 || abs(v) < step * 1e-9 { return "0" }
        let a = abs(v)
        if a >= 1e6 || (a < 1e-4) {
            var e = floorLog10(a)
            let scale = pow10(e)
            // Subnormal magnitudes: no exact power of ten to divide by.
            guard scale > 0, scale.isFinite, (v / scale).isFinite else { return String(v) }
            var m = v / scale
            m = (m * 1000).rounded() / 1000
            // 9.9996 × 10^e rounds to 10.0 × 10^e: write 1 × 10^(e+1).
            if abs(m) >= 10 { m /= 10; e += 1 }
            let ms = fixed(m, decimals: Swift.max(0, Swift.min(3, -floorLog10(step / scale))))
            return (ms == "1" ? "" : (ms == "-1" ? "-" : ms + "×")) + "10" + superscript(e)
        }
        return fixed(v, decimals: Swift.min(decimals, 12))
    }

    static func fixed(_ v: Double, decimals: Int) -> String {
        let scale = pow10(decimals)
        let r = (abs(v) * scale).rounded()
        guard r < 9e15 else { return String(v) }
        var digits = String(Int(r))
        if decimals > 0 {
            while digits.count <= decimals { digits = "0" + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
        }
        return (v < 0 && r != 0 ? "-" : "") + digits
    }

    static func superscript(_ n: Int) -> String {
        let map: [Character: Character] = ["0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻"]
        return String(String(n).map { map[$0] ?? $0 })
    }
}
