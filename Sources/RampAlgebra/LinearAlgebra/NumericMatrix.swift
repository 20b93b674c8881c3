import RampKernel
import RampSyntax

/// Machine-real linear algebra: LU factorisation with partial pivoting (Det, Inverse,
/// LinearSolve) and Gauss–Jordan elimination with a tolerance (RowReduce, MatrixRank).
struct LUFactorization {
    var lu: [[Double]]
    var permutation: [Int]
    var sign: Double
    /// Whether a pivot was exactly zero (the matrix is singular to machine precision).
    var singular: Bool

    init(_ m: [[Double]], kernel: Kernel) throws(EvaluationControl) {
        var a = m
        let n = a.count
        var perm = Array(0..<n)
        var sign = 1.0
        var singular = false
        for k in 0..<n {
            try kernel.checkAbort()
            var p = k
            for i in (k + 1)..<max(n, k + 1) where abs(a[i][k]) > abs(a[p][k]) { p = i }
            if a[p][k] == 0 { singular = true; continue }
            if p != k { a.swapAt(p, k); perm.swapAt(p, k); sign = -sign }
            for i in (k + 1)..<max(n, k + 1) {
                let l = a[i][k] / a[k][k]
                a[i][k] = l
                if l == 0 { continue }
                for j in (k + 1)..<n { a[i][j] -= l * a[k][j] }
            }
        }
        self.lu = a
        self.permutation = perm
        self.sign = sign
        self.singular = singular
    }

    var determinant: Double {
        var d = sign
        for i in 0..<lu.count { d *= lu[i][i] }
        return d
    }

    /// The solution of `m x = b` (not singular).
    func solve(_ b: [Double]) -> [Double] {
        let n = lu.count
        var y = permutation.map { b[$0] }
        for i in 0..<n { for j in 0..<i { y[i] -= lu[i][j] * y[j] } }
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in (i + 1)..<max(n, i + 1) { y[i] -= lu[i][j] * y[j] }
            y[i] /= lu[i][i]
        }
        return y
    }
}

enum NumericElimination {
    /// The reduced row echelon form with entries below a relative tolerance taken as zero.
    static func rowReduce(_ m: [[Double]], kernel: Kernel) throws(EvaluationControl) -> ([[Double]], [Int]) {
        var a = m
        let rows = a.count, cols = a.first?.count ?? 0
        let scale = a.flatMap { $0 }.map(abs).max() ?? 0
        let tolerance = scale * Double(max(rows, cols)) * Double.ulpOfOne * 16
        var pivots: [Int] = []
        var r = 0
        for c in 0..<cols where r < rows {
            try kernel.checkAbort()
            var p = r
            for i in r..<rows where abs(a[i][c]) > abs(a[p][c]) { p = i }
            if abs(a[p][c]) <= tolerance { for i in r..<rows { a[i][c] = 0 }; continue }
            a.swapAt(p, r)
            let pivot = a[r][c]
            for j in 0..<cols { a[r][j] /= pivot }
            a[r][c] = 1
            for i in 0..<rows where i != r {
                let factor = a[i][c]
                if factor == 0 { continue }
                for j in 0..<cols { a[i][j] -= factor * a[r][j] }
                a[i][c] = 0
            }
            pivots.append(c)
            r += 1
        }
        return (a, pivots)
    }

    static func expr(_ m: [[Double]]) -> Expr { .list(m.map { .list($0.map { .real($0) }) }) }
}
