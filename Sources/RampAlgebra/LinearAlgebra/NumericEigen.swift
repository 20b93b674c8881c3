import ComplexModule
import RampKernel
import RampSyntax

/// Machine-real eigenproblems: cyclic Jacobi rotations for symmetric matrices (orthonormal
/// eigenvectors), otherwise reduction to Hessenberg form and the Francis double-shift QR iteration
/// for the eigenvalues, and inverse iteration (complex LU) for the eigenvectors.
enum NumericEigen {
    /// Eigenvalues and unit eigenvectors of a real square matrix, in Wolfram's order (decreasing
    /// absolute value, ties by decreasing argument); nil when the QR iteration does not converge.
    static func eigensystem(_ m: [[Double]], vectors: Bool, kernel: Kernel) throws(EvaluationControl) -> (values: [Complex], vectors: [[Complex]])? {
        let n = m.count
        var pairs: [(Complex, [Complex])] = []
        if (0..<n).allSatisfy({ i in (0..<i).allSatisfy { m[i][$0] == m[$0][i] } }) {
            let (values, v) = try jacobi(m, kernel: kernel)
            for j in 0..<n { pairs.append((Complex(values[j], 0), (0..<n).map { Complex(v[$0][j], 0) })) }
        } else {
            guard let values = try hqr(hessenberg(m), kernel: kernel) else { return nil }
            for λ in values {
                pairs.append((λ, vectors ? try inverseIteration(m, λ, kernel: kernel) : []))
            }
        }
        pairs = stableSorted(pairs) { a, b in EigenOrder.before(a.0, b.0) }
        let complexVectors = pairs.contains { $0.0.imaginary != 0 }
        return (pairs.map { $0.0 }, pairs.map { normalized($0.1, complex: complexVectors) })
    }

    static func stableSorted<T>(_ xs: [T], by less: (T, T) -> Bool) -> [T] {
        xs.enumerated().sorted { a, b in less(a.element, b.element) || (!less(b.element, a.element) && a.offset < b.offset) }.map { $0.element }
    }

    /// Unit length; a real vector with its last nonzero entry positive, a complex one with its
    /// (first) largest entry real and positive.
    static func normalized(_ v: [Complex], complex: Bool) -> [Complex] {
        guard !v.isEmpty else { return v }
        let norm = v.reduce(0.0) { $0 + $1.lengthSquared }.squareRoot()
        guard norm > 0, norm.isFinite else { return v }
        var w = v.map { $0 * Complex(1 / norm, 0) }
        if !complex && w.allSatisfy({ $0.imaginary == 0 }) {
            if let last = w.last(where: { abs($0.real) > 1e-14 }), last.real < 0 { w = w.map { -$0 } }
            return w.map { Complex($0.real, 0) }
        }
        let big = w.map { $0.length }.max() ?? 0
        guard let pivot = w.first(where: { $0.length >= big * (1 - 1e-12) }), pivot.length > 0 else { return w }
        let phase = pivot.conjugate * Complex(1 / pivot.length, 0)
        // Parts at the rounding level of a unit vector are zero.
        w = w.map { z in
            let p = z * phase
            return Complex(abs(p.real) < 1e-15 ? 0 : p.real, abs(p.imaginary) < 1e-15 ? 0 : p.imaginary)
        }
        return w
    }

    /// Cyclic Jacobi: the eigenvalues (unsorted) and the eigenvectors as the columns of `v`.
    static func jacobi(_ m: [[Double]], kernel: Kernel) throws(EvaluationControl) -> ([Double], [[Double]]) {
        var a = m
        let n = a.count
        var v = (0..<n).map { i in (0..<n).map { $0 == i ? 1.0 : 0.0 } }
        let total = a.joined().reduce(0.0) { $0 + $1 * $1 }
        for _ in 0..<100 {
            try kernel.checkAbort()
            var off = 0.0
            for i in 0..<n { for j in (i + 1)..<max(n, i + 1) { off += a[i][j] * a[i][j] } }
            if off <= total * 1e-32 || off == 0 { break }
            for p in 0..<n {
                for q in (p + 1)..<max(n, p + 1) where a[p][q] != 0 {
                    let theta = (a[q][q] - a[p][p]) / (2 * a[p][q])
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<n {
                        let akp = a[k][p], akq = a[k][q]
                        a[k][p] = c * akp - s * akq; a[k][q] = s * akp + c * akq
                    }
                    for k in 0..<n {
                        let apk = a[p][k], aqk = a[q][k]
                        a[p][k] = c * apk - s * aqk; a[q][k] = s * apk + c * aqk
                    }
                    for k in 0..<n {
                        let vkp = v[k][p], vkq = v[k][q]
                        v[k][p] = c * vkp - s * vkq; v[k][q] = s * vkp + c * vkq
                    }
                }
            }
        }
        // Rayleigh quotients of the (orthonormal) vectors: the eigenvalues to rounding.
        let values = (0..<n).map { j in
            var q = 0.0
            for i in 0..<n { var row = 0.0; for k in 0..<n { row += m[i][k] * v[k][j] }; q += v[i][j] * row }
            return q
        }
        return (values, v)
    }

    /// Upper Hessenberg form by stabilised elementary similarity transformations.
    static func hessenberg(_ m: [[Double]]) -> [[Double]] {
        var a = m
        let n = a.count
        guard n > 2 else { return a }
        for r in 1..<(n - 1) {
            var x = 0.0, i = r
            for j in r..<n where abs(a[j][r - 1]) > abs(x) { x = a[j][r - 1]; i = j }
            if i != r {
                for j in (r - 1)..<n { let t = a[i][j]; a[i][j] = a[r][j]; a[r][j] = t }
                for j in 0..<n { let t = a[j][i]; a[j][i] = a[j][r]; a[j][r] = t }
            }
            if x != 0 {
                for i in (r + 1)..<n {
                    var y = a[i][r - 1]
                    if y == 0 { continue }
                    y /= x
                    a[i][r - 1] = 0
                    for j in r..<n { a[i][j] -= y * a[r][j] }
                    for j in 0..<n { a[j][r] += y * a[j][i] }
                }
            }
        }
        return a
    }

    /// The eigenvalues of an upper Hessenberg matrix by the Francis double-shift QR iteration.
    static func hqr(_ h: [[Double]], kernel: Kernel) throws(EvaluationControl) -> [Complex]? {
        var a = h
        let n = a.count
        var wr = [Double](repeating: 0, count: n), wi = wr
        var anorm = 0.0
        for i in 0..<n { for j in max(i - 1, 0)..<n { anorm += abs(a[i][j]) } }
        guard anorm.isFinite else { return nil }
        var nn = n - 1, t = 0.0
        func sign(_ a: Double, _ b: Double) -> Double { b >= 0 ? abs(a) : -abs(a) }
        while nn >= 0 {
            var its = 0
            var l = 0
            repeat {
                try kernel.checkAbort()
                l = nn
                while l >= 1 {
                    var s = abs(a[l - 1][l - 1]) + abs(a[l][l])
                    if s == 0 { s = anorm }
                    if abs(a[l][l - 1]) + s == s { a[l][l - 1] = 0; break }
                    l -= 1
                }
                var x = a[nn][nn]
                if l == nn {
                    wr[nn] = x + t; wi[nn] = 0; nn -= 1
                } else {
                    var y = a[nn - 1][nn - 1]
                    var w = a[nn][nn - 1] * a[nn - 1][nn]
                    if l == nn - 1 {
                        let p = 0.5 * (y - x), q = p * p + w
                        var z = abs(q).squareRoot()
                        x += t
                        if q >= 0 {
                            z = p + sign(z, p)
                            wr[nn - 1] = x + z; wr[nn] = wr[nn - 1]
                            if z != 0 { wr[nn] = x - w / z }
                            wi[nn - 1] = 0; wi[nn] = 0
                        } else {
                            wr[nn - 1] = x + p; wr[nn] = x + p
                            wi[nn - 1] = -z; wi[nn] = z
                        }
                        nn -= 2
                    } else {
                        if its == 60 { return nil }
                        if its == 10 || its == 20 || its == 40 {
                            t += x
                            for i in 0...nn { a[i][i] -= x }
                            let s = abs(a[nn][nn - 1]) + abs(a[nn - 1][nn - 2])
                            x = 0.75 * s; y = x; w = -0.4375 * s * s
                        }
                        its += 1
                        var m = nn - 2
                        var p = 0.0, q = 0.0, r = 0.0, z = 0.0
                        while m >= l {
                            z = a[m][m]
                            r = x - z
                            let s0 = y - z
                            p = (r * s0 - w) / a[m + 1][m] + a[m][m + 1]
                            q = a[m + 1][m + 1] - z - r - s0
                            r = a[m + 2][m + 1]
                            let s = abs(p) + abs(q) + abs(r)
                            p /= s; q /= s; r /= s
                            if m == l { break }
                            let u = abs(a[m][m - 1]) * (abs(q) + abs(r))
                            let v = abs(p) * (abs(a[m - 1][m - 1]) + abs(z) + abs(a[m + 1][m + 1]))
                            if u + v == v { break }
                            m -= 1
                        }
                        for i in (m + 2)...nn {
                            a[i][i - 2] = 0
                            if i != m + 2 { a[i][i - 3] = 0 }
                        }
                        var k = m
                        while k <= nn - 1 {
                            if k != m {
                                p = a[k][k - 1]; q = a[k + 1][k - 1]; r = 0
                                if k != nn - 1 { r = a[k + 2][k - 1] }
                                x = abs(p) + abs(q) + abs(r)
                                if x != 0 { p /= x; q /= x; r /= x }
                            }
                            let s = sign((p * p + q * q + r * r).squareRoot(), p)
                            if s != 0 {
                                if k == m {
                                    if l != m { a[k][k - 1] = -a[k][k - 1] }
                                } else {
                                    a[k][k - 1] = -s * x
                                }
                                p += s; x = p / s; y = q / s; z = r / s; q /= p; r /= p
                                for j in k...nn {
                                    p = a[k][j] + q * a[k + 1][j]
                                    if k != nn - 1 { p += r * a[k + 2][j]; a[k + 2][j] -= p * z }
                                    a[k + 1][j] -= p * y; a[k][j] -= p * x
                                }
                                let mmin = nn < k + 3 ? nn : k + 3
                                for i in l...mmin {
                                    p = x * a[i][k] + y * a[i][k + 1]
                                    if k != nn - 1 { p += z * a[i][k + 2]; a[i][k + 2] -= p * r }
                                    a[i][k + 1] -= p * q; a[i][k] -= p
                                }
                            }
                            k += 1
                        }
                    }
                }
            } while l < nn - 1
        }
        guard wr.allSatisfy(\.isFinite), wi.allSatisfy(\.isFinite) else { return nil }
        return (0..<n).map { Complex(wr[$0], wi[$0]) }
    }

    /// An eigenvector for the eigenvalue `λ` by inverse iteration on `m - λ I` (slightly shifted).
    static func inverseIteration(_ m: [[Double]], _ λ: Complex, kernel: Kernel) throws(EvaluationControl) -> [Complex] {
        let n = m.count
        let scale = max(m.joined().map(abs).max() ?? 1, 1e-300)
        let shift = λ + Complex(scale * 1e-13, 0)
        var a = (0..<n).map { i in (0..<n).map { j in Complex(m[i][j], 0) - (i == j ? shift : .zero) } }
        // LU with partial pivoting; a zero pivot is replaced by a tiny one.
        var perm = Array(0..<n)
        for k in 0..<n {
            try kernel.checkAbort()
            var p = k
            for i in k..<n where a[i][k].length > a[p][k].length { p = i }
            if p != k { a.swapAt(p, k); perm.swapAt(p, k) }
            if a[k][k].length == 0 { a[k][k] = Complex(scale * 1e-16, 0) }
            for i in (k + 1)..<max(n, k + 1) {
                let f = a[i][k] / a[k][k]
                a[i][k] = f
                for j in (k + 1)..<n { a[i][j] = a[i][j] - f * a[k][j] }
            }
        }
        var x = (0..<n).map { Complex(1 + Double($0) * 0.1, 0) }
        for _ in 0..<3 {
            var y = perm.map { x[$0] }
            for i in 0..<n { for j in 0..<i { y[i] = y[i] - a[i][j] * y[j] } }
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in (i + 1)..<max(n, i + 1) { y[i] = y[i] - a[i][j] * y[j] }
                y[i] = y[i] / a[i][i]
            }
            let norm = y.reduce(0.0) { max($0, $1.length) }
            guard norm > 0, norm.isFinite else { break }
            x = y.map { $0 * Complex(1 / norm, 0) }
        }
        return x
    }
}

/// Wolfram's order of numeric eigenvalues: decreasing absolute value, ties by decreasing argument
/// (`{-1, 1}`, `{I, -I}`, `{1 + I, 1 - I}`).
enum EigenOrder {
    static func before(_ a: Complex, _ b: Complex) -> Bool {
        let (x, y) = (a.length, b.length)
        if abs(x - y) > 1e-10 * max(x, y) { return x > y }
        let (p, q) = (argument(a), argument(b))
        if abs(p - q) > 1e-10 { return p > q }
        return false
    }

    static func argument(_ z: Complex) -> Double {
        if z.imaginary == 0 { return z.real < 0 ? Double.pi : 0 }
        return atan2(z.imaginary, z.real)
    }
}

import Foundation
