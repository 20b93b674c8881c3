import Testing
@testable import RampKernel
import RampSyntax

private let x = Expr.sym("x"), y = Expr.sym("y"), z = Expr.sym("z")
private let I = Expr.complex(0, 1)
private func pow(_ b: Expr, _ e: Expr) -> Expr { .call(Sym.Power, b, e) }
private func mul(_ a: Expr...) -> Expr { .call(Sym.Times, a) }
private func add(_ a: Expr...) -> Expr { .call(Sym.Plus, a) }
private func q(_ n: Int, _ d: Int) -> Expr { .rational(BigInt(n), over: BigInt(d)) }
private let half = q(1, 2)
private let infinity = Expr.call(Sym.DirectedInfinity, [1])
private let complexInfinity = Expr.call(Sym.DirectedInfinity, [])

/// Collects messages of a kernel as `Head::tag` strings.
private final class Messages {
    var seen: [String] = []
    let kernel = Kernel()
    init() { kernel.messageHandler = { [unowned self] in self.seen.append("\($0.symbol.name)::\($0.tag)") } }
    var arith: Arithmetic { Arithmetic(kernel: kernel) }
}

@Suite struct PlusTests {
    let a = Arithmetic()

    @Test func machineIntegers() {
        #expect(a.plus([1, 2]) == 3)
        #expect(a.plus([]) == 0)
        #expect(a.plus([x]) == x)
        #expect(a.plus([.integer(Int.max), 1]) == .bigInteger(BigInt(Int.max) + 1))
        #expect(a.plus([.integer(Int.min), -1]) == .bigInteger(BigInt(Int.min) - 1))
        #expect(a.plus([.bigInteger(BigInt(Int.max) + 1), -1]) == .integer(Int.max))
    }

    @Test func exactAndMachine() {
        #expect(a.plus([half, q(1, 3)]) == q(5, 6))
        #expect(a.plus([half, half]) == 1)
        #expect(a.plus([1, 0.5]) == 1.5)
        #expect(a.plus([half, 0.25]) == 0.75)
        #expect(a.plus([I, 1]) == .complex(1, 1))
        #expect(a.plus([I, .complex(0, -1)]) == 0)
        #expect(a.plus([.complex(1, 2), 0.5]) == .complex(1.5, 2.0))
    }

    @Test func likeTermsAndOrder() {
        #expect(a.plus([x, x]) == mul(2, x))
        #expect(a.plus([x, 1, y, 2]) == add(3, x, y))
        #expect(a.plus([y, x]) == add(x, y))
        #expect(a.plus([mul(2, x), mul(-2, x)]) == 0)
        #expect(a.plus([mul(2, x), x, y]) == add(mul(3, x), y))
        #expect(a.plus([add(x, 1), add(y, 2)]) == add(3, x, y))
        #expect(a.plus([pow(x, 2), x, 1]) == add(1, x, pow(x, 2)))
        #expect(a.plus([y, pow(x, 2)]) == add(pow(x, 2), y))
        #expect(a.plus([x, mul(-1, x)]) == 0)
        #expect(a.plus([mul(half, x), mul(half, x)]) == x)
    }

    @Test func numericQuantitiesWithMachineNumbers() {
        let v = a.plus([.sym("Pi"), 1.0])
        #expect(v == .real(Double.pi + 1))
        #expect(a.plus([.sym("Pi"), 1]) == add(1, .sym("Pi")))
    }

    @Test func infinities() {
        let m = Messages()
        #expect(m.arith.plus([infinity, 1]) == infinity)
        #expect(m.arith.plus([infinity, infinity]) == infinity)
        #expect(m.seen.isEmpty)
        #expect(m.arith.plus([infinity, .call(Sym.DirectedInfinity, [-1])]) == .symbol(Sym.Indeterminate))
        #expect(m.seen == ["Infinity::indet"])
        #expect(m.arith.plus([.symbol(Sym.Indeterminate), 1]) == .symbol(Sym.Indeterminate))
    }
}

@Suite struct TimesTests {
    let a = Arithmetic()

    @Test func numbers() {
        #expect(a.times([2, 3]) == 6)
        #expect(a.times([]) == 1)
        #expect(a.times([.integer(Int.max), 2]) == .bigInteger(BigInt(Int.max) * 2))
        #expect(a.times([half, 4]) == 2)
        #expect(a.times([I, I]) == -1)
        #expect(a.times([.complex(1, 1), .complex(1, -1)]) == 2)
        #expect(a.times([2.0, half]) == 1.0)
        #expect(a.times([0, x]) == 0)
        #expect(a.times([0, 1.5]) == 0)
        #expect(a.times([0.0, x]) == 0.0)
    }

    @Test func likeFactorsAndOrder() {
        #expect(a.times([x, x]) == pow(x, 2))
        #expect(a.times([2, x, 3]) == mul(6, x))
        #expect(a.times([y, x]) == mul(x, y))
        #expect(a.times([x, pow(x, -1)]) == 1)
        #expect(a.times([pow(x, 2), pow(x, 3)]) == pow(x, 5))
        #expect(a.times([mul(2, x), mul(3, y)]) == mul(6, x, y))
        #expect(a.times([1.0, x]) == mul(1.0, x))
        #expect(a.times([.sym("Pi"), 2.0]) == .real(2 * Double.pi))
    }

    @Test func numericPowers() {
        // Sqrt[2] Sqrt[2] = 2, Sqrt[2]/2 = 1/Sqrt[2], 3/Sqrt[3] = Sqrt[3], 2 Sqrt[2] stays.
        #expect(a.times([pow(2, half), pow(2, half)]) == 2)
        #expect(a.times([half, pow(2, half)]) == pow(2, q(-1, 2)))
        #expect(a.times([3, pow(3, q(-1, 2))]) == pow(3, half))
        #expect(a.times([2, pow(2, half)]) == mul(2, pow(2, half)))
        #expect(a.times([pow(2, half), pow(3, half)]) == mul(pow(2, half), pow(3, half)))
    }

    @Test func infinities() {
        let m = Messages()
        #expect(m.arith.times([-2, infinity]) == .call(Sym.DirectedInfinity, [-1]))
        #expect(m.arith.times([I, infinity]) == .call(Sym.DirectedInfinity, [I]))
        #expect(m.seen.isEmpty)
        #expect(m.arith.times([0, infinity]) == .symbol(Sym.Indeterminate))
        #expect(m.seen == ["Infinity::indet"])
    }
}

@Suite struct PowerTests {
    let a = Arithmetic()

    @Test func integerPowers() {
        #expect(a.power(2, 10) == 1024)
        #expect(a.power(2, 100) == .integer(BigInt(1) << 100))
        #expect(a.power(2, -2) == q(1, 4))
        #expect(a.power(q(2, 3), 2) == q(4, 9))
        #expect(a.power(q(2, 3), -1) == q(3, 2))
        #expect(a.power(-1, .integer(BigInt(10).power(30))) == 1)
        #expect(a.power(I, 2) == -1)
        #expect(a.power(I, 3) == .complex(0, -1))
        #expect(a.power(.complex(1, 1), 2) == .complex(0, 2))
        #expect(a.power(.complex(1, 1), -1) == .complex(half, q(-1, 2)))
        #expect(a.power(2.0, 3) == 8.0)
        #expect(a.power(x, 1) == x)
        #expect(a.power(x, 0) == 1)
        #expect(a.power(1, x) == 1)
    }

    @Test func exactRoots() {
        #expect(a.power(4, half) == 2)
        #expect(a.power(8, q(1, 3)) == 2)
        #expect(a.power(8, half) == mul(2, pow(2, half)))
        #expect(a.power(12, half) == mul(2, pow(3, half)))
        #expect(a.power(2, half) == pow(2, half))
        #expect(a.power(4, q(1, 3)) == pow(2, q(2, 3)))
        #expect(a.power(2, q(3, 2)) == mul(2, pow(2, half)))
        #expect(a.power(2, q(-3, 2)) == mul(half, pow(2, q(-1, 2))))
        #expect(a.power(8, q(2, 3)) == 4)
        #expect(a.power(8, q(-1, 3)) == half)
        #expect(a.power(q(4, 9), half) == q(2, 3))
        #expect(a.power(q(1, 2), half) == pow(2, q(-1, 2)))
        #expect(a.power(q(3, 4), half) == mul(half, pow(3, half)))
        #expect(a.power(q(2, 3), half) == pow(q(2, 3), half))
        #expect(a.power(.integer(BigInt(10).power(40)), half) == .integer(BigInt(10).power(20)))
    }

    @Test func negativeBases() {
        #expect(a.power(-1, half) == I)
        #expect(a.power(-4, half) == .complex(0, 2))
        #expect(a.power(-2, half) == mul(I, pow(2, half)))
        #expect(a.power(-1, q(3, 2)) == .complex(0, -1))
        #expect(a.power(-8, q(1, 3)) == mul(2, pow(-1, q(1, 3))))
        #expect(a.power(-2, q(1, 3)) == pow(-2, q(1, 3)))
        #expect(a.power(-1, q(4, 3)) == mul(-1, pow(-1, q(1, 3))))
    }

    @Test func machinePowers() {
        #expect(a.power(2, 0.5) == .real(2.0.squareRoot()))
        #expect(a.power(4.0, half) == 2.0)
        guard case .complex(.real(let re), .real(let im)) = a.power(-4.0, 0.5) else {
            Issue.record("expected a machine complex"); return
        }
        #expect(abs(re) < 1e-15 && abs(im - 2) < 1e-15)
    }

    @Test func symbolic() {
        #expect(a.power(pow(x, 2), 3) == pow(x, 6))
        #expect(a.power(pow(x, 2), half) == pow(pow(x, 2), half))
        #expect(a.power(pow(x, half), 2) == x)
        #expect(a.power(mul(x, y), 2) == mul(pow(x, 2), pow(y, 2)))
        #expect(a.power(mul(4, x), half) == mul(2, pow(x, half)))
        #expect(a.power(mul(2, x), y) == mul(pow(2, y), pow(x, y)))
    }

    @Test func zeroAndInfinity() {
        let m = Messages()
        #expect(m.arith.power(0, -1) == complexInfinity)
        #expect(m.seen == ["Power::infy"])
        #expect(m.arith.power(0, 0) == .symbol(Sym.Indeterminate))
        #expect(m.seen == ["Power::infy", "Power::indet"])
        #expect(m.arith.power(0, 2) == 0)
        #expect(m.arith.power(infinity, -1) == 0)
        #expect(m.arith.power(infinity, 2) == infinity)
        #expect(m.arith.power(0.0, -1) == complexInfinity)
        #expect(m.arith.power(2, infinity) == infinity)
        #expect(m.arith.power(half, infinity) == 0)
    }
}

@Suite struct CanonicalOrderTests {
    func sorted(_ xs: [Expr]) -> [Expr] { xs.sorted { canonicalOrder($0, $1) < 0 } }

    @Test func atomsAndNumbers() {
        #expect(sorted([y, "a", 3, x, half, -2.5]) == [-2.5, half, 3, "a", x, y])
        #expect(sorted([.sym("b"), .sym("B"), .sym("a"), .sym("A")]) == [.sym("a"), .sym("A"), .sym("b"), .sym("B")])
        #expect(sorted(["b", "B", "a", "ab"]) == ["a", "ab", "b", "B"])
        #expect(sorted([.complex(5, -10), .complex(5, 5), 5]) == [5, .complex(5, 5), .complex(5, -10)])
        #expect(canonicalOrder(1, 1.0) < 0)
        #expect(canonicalOrder(x, x) == 0)
    }

    @Test func monomials() {
        #expect(sorted([y, pow(x, 2), x]) == [x, pow(x, 2), y])
        #expect(sorted([mul(x, pow(y, 2)), mul(pow(x, 2), y)]) == [mul(pow(x, 2), y), mul(x, pow(y, 2))])
        #expect(sorted([mul(2, x), x]) == [x, mul(2, x)])
        #expect(sorted([.sym("c"), mul(.sym("a"), .sym("b"))]) == [mul(.sym("a"), .sym("b")), .sym("c")])
        let sinx = Expr.call(Symbol.named("Sin"), [x])
        #expect(sorted([pow(sinx, 2), sinx, x]) == [x, sinx, pow(sinx, 2)])
        // {1, 1/Sqrt[2], -Sqrt[2]}: Wolfram's documented canonical order.
        #expect(sorted([mul(-1, pow(2, half)), 1, pow(2, q(-1, 2))]) == [1, pow(2, q(-1, 2)), mul(-1, pow(2, half))])
    }

    @Test func expressions() {
        let f = Symbol.named("f"), g = Symbol.named("g")
        #expect(sorted([.call(g, [x]), .call(f, [x, y]), .call(f, [y])]) == [.call(f, [y]), .call(g, [x]), .call(f, [x, y])])
        #expect(sorted([[1, 2, 3], [4]]) == [[4], [1, 2, 3]])
    }
}

@Suite struct KernelArithmeticTests {
    @Test func builtinsThroughTheEvaluator() {
        let k = Kernel()
        #expect(k.evaluate(add(add(x, 1), 2)) == add(3, x))
        #expect(k.evaluate(.call(Symbol.named("Subtract"), [x, x])) == 0)
        #expect(k.evaluate(.call(Symbol.named("Divide"), [1, 3])) == q(1, 3))
        #expect(k.evaluate(.call(Symbol.named("Sqrt"), [16])) == 4)
        #expect(k.evaluate(.call(Symbol.named("N"), [q(1, 3)])) == .real(1.0 / 3.0))
        #expect(k.evaluate(.call(Symbol.named("N"), [.sym("Pi")])) == .real(Double.pi))
        #expect(k.evaluate(mul(.sym("I"), .sym("I"))) == -1)
        #expect(k.evaluate(.call(Symbol.named("Minus"), [.sym("Infinity")])) == .call(Sym.DirectedInfinity, [-1]))
    }

    @Test func listsThread() {
        let k = Kernel()
        #expect(k.evaluate(add([1, 2, 3], 10)) == [11, 12, 13])
        #expect(k.evaluate(add([1, x], [2, 3])) == [3, add(3, x)])
        #expect(k.evaluate(pow([1, 2, 3], 2)) == [1, 4, 9])
        var seen: [String] = []
        k.messageHandler = { seen.append($0.description) }
        #expect(k.evaluate(add([1, 2], [1, 2, 3])) == add([1, 2], [1, 2, 3]))
        #expect(seen.count == 1 && seen[0].hasPrefix("Thread::tdlen"))
    }

    @Test func packedFastPaths() {
        let k = Kernel()
        let p = Expr.packed(PackedArray(integers: Array(1...5)))
        let r = k.evaluate(add(pow(p, 2), mul(3, p)))
        guard case .packed(let out) = r, case .integers(let v) = out.storage else {
            Issue.record("expected a packed result, got \(r)"); return
        }
        #expect(v == [4, 10, 18, 28, 40])
        let reals = k.evaluate(mul(p, 0.5))
        guard case .packed(let o2) = reals, case .reals(let w) = o2.storage else {
            Issue.record("expected packed reals"); return
        }
        #expect(w == [0.5, 1, 1.5, 2, 2.5])
        // Overflow leaves the packed path and stays exact.
        let big = k.evaluate(mul(.packed(PackedArray(integers: [Int.max, 1])), 2))
        #expect(big == .list([.bigInteger(BigInt(Int.max) * 2), 2]))
    }
}
