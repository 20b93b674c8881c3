import Foundation
import Testing
@testable import RampKernel
import Ramp
import RampSyntax

/// The evaluator's machine-number shortcuts (MachineFastPath.swift, simple definitions, pure
/// function bodies) must give exactly what the general path gives. Each test evaluates the same
/// input in a kernel with the shortcuts and in one without them and compares results and messages.
private final class Pair {
    let fast = Kernel.standard()
    let general = Kernel.standard()
    var fastMessages: [String] = []
    var generalMessages: [String] = []

    init() {
        fast.messageHandler = { [unowned self] in self.fastMessages.append($0.description) }
        general.messageHandler = { [unowned self] in self.generalMessages.append($0.description) }
        for name in ["Plus", "Times", "Power", "Less", "LessEqual", "Greater", "GreaterEqual", "Equal", "Unequal",
                     "AddTo", "SubtractFrom", "TimesBy", "Increment", "Decrement", "PreIncrement", "PreDecrement"] {
            #expect(general.data(Symbol.named(name)).machineOp != .none)
            general.data(Symbol.named(name)).machineOp = .none
        }
    }

    /// Evaluates `e` in both kernels and expects the same result (reals compared bit for bit, so
    /// the sign of zero counts) and the same messages.
    func check(_ e: Expr, sourceLocation: SourceLocation = #_sourceLocation) {
        let a = fast.evaluate(e), b = general.evaluate(e)
        #expect(same(a, b), "\(e.formatted(.inputForm)): \(a.formatted(.inputForm)) vs \(b.formatted(.inputForm))", sourceLocation: sourceLocation)
        #expect(fastMessages == generalMessages, sourceLocation: sourceLocation)
        fastMessages = []
        generalMessages = []
    }

    func check(_ code: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for e in try! Parser.parseProgram(code) { check(e, sourceLocation: sourceLocation) }
    }
}

private func same(_ a: Expr, _ b: Expr) -> Bool {
    switch (a, b) {
    case (.real(let x), .real(let y)): return x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN)
    case (.normal(let m), .normal(let n)):
        return m.args.count == n.args.count && same(m.head, n.head) && zip(m.args, n.args).allSatisfy { same($0, $1) }
    default: return a == b
    }
}

private let operands: [Expr] = [
    0, 1, -1, 2, 3, 7, -5, 62, 64, .integer(Int.max), .integer(Int.min), .integer(1 << 62), .integer(-(1 << 62)),
    .integer(3_037_000_500), 0.0, .real(-0.0), 1.5, -2.5, 1e308, -1e308, 5e-324, .real(.infinity),
    .rational(BigInt(1), over: BigInt(2)), .bigInteger(BigInt(1) << 70), .complex(1, 2), .sym("x"), .string("s"),
]

@Suite struct MachineFastPathTests {
    @Test func binaryArithmeticAndComparisonsMatchTheBuiltins() {
        let p = Pair()
        for op in ["Plus", "Times", "Power", "Less", "LessEqual", "Greater", "GreaterEqual", "Equal", "Unequal"] {
            for a in operands {
                for b in operands {
                    // Power of big exponents is slow and irrelevant here.
                    if op == "Power", case .integer(let k) = b, k > 64 || k < -64 { continue }
                    if op == "Power", case .bigInteger = b { continue }
                    p.check(.call(Symbol.named(op), [a, b]))
                }
            }
        }
    }

    @Test func overflowGoesToBigIntegers() {
        let p = Pair()
        p.check("Nest[# * 3 &, 1, 50]")
        p.check("Nest[Function[x, x + 2^62], 0, 4]")
        p.check("s = 2^62; Do[s += 2^62, {4}]; s")
        p.check("t = 9223372036854775807; t++; t")
        p.check("u = -9223372036854775808; u--; {u, --u}")
        p.check("3037000500^2")
        p.check("(-2)^63")
        p.check("2^64")
    }

    @Test func updatesMatchTheBuiltins() {
        let p = Pair()
        for op in ["AddTo", "SubtractFrom", "TimesBy"] {
            for a in operands {
                for b in operands {
                    p.check(.call(Sym.Set, [.sym("v"), a]))
                    p.check(.call(Symbol.named(op), [.sym("v"), b]))
                    p.check(.sym("v"))
                }
            }
        }
        for op in ["Increment", "Decrement", "PreIncrement", "PreDecrement"] {
            for a in operands {
                p.check(.call(Sym.Set, [.sym("w"), a]))
                p.check(.call(Symbol.named(op), [.sym("w")]))
                p.check(.sym("w"))
            }
        }
        // Variables without a value, delayed values, protected symbols, Part targets.
        p.check("Clear[q]; q += 1")
        p.check("q := 5; q += 1; {q, OwnValues[q]}")
        p.check("Pi += 1")
        p.check("l = {1, 2}; l[[1]] += 5; l")
        p.check("k = 1; k += (k = 10); k")
        p.check("r = 1; r += Sequence[2, 3]")
        p.check("m = 1; m += Unevaluated[1 + 1]; m")
    }

    @Test func pureFunctionBodies() {
        let p = Pair()
        for a in operands {
            p.check(.call(.call(Sym.Function, [.call(Sym.Plus, [.call(Sym.Slot, [1]), 1])]), [a]))
            p.check(.call(.call(Sym.Function, [.sym("y"), .call(Sym.Power, [.sym("y"), 2])]), [a]))
            p.check(.call(.call(Sym.Function, [.call(Symbol.named("Less"), [.call(Sym.Slot, [2]), .call(Sym.Slot, [1])])]), [a, 3]))
        }
        p.check("(#2 + 1) &[1]")
        p.check("(#0 + 1) &[1]")
        p.check("Function[{a, b}, a * b][2]")
        p.check("Function[{a, b}, a * b][2.5, 4]")
        p.check("Function[{a}, a + z][1]")
        p.check("Function[a, a + 1, HoldAll][1 + 1]")
        p.check("Nest[(# + 1) &, 0, 1000]")
        p.check("Map[#^2 &, Range[20]]")
        p.check("Select[Range[20], # > 10 &]")
    }

    @Test func tableBodies() {
        let p = Pair()
        p.check("Table[i^2, {i, 10}]")
        p.check("Table[i^2, {i, 1, 1000}]")
        p.check("Table[i + 0.5, {i, 3}]")
        p.check("Table[2^i, {i, 60, 66}]")
        p.check("Table[x^2, {x, {1, 2.5, a, 1/2}}]")
        p.check("n0 = 7; Table[n0 * i, {i, 300}]")
        p.check("Table[i < 3, {i, 5}]")
        p.check("Unprotect[Power]; Power[2, 2] := four; Protect[Power]; Table[i^2, {i, 3}]")
    }

    @Test func userDefinitionsForArithmeticStillApply() {
        let p = Pair()
        p.check("Unprotect[Plus]; Plus[1, 2] := 7; Protect[Plus]; {1 + 2, (# + 2) &[1], Nest[# + 2 &, 1, 1]}")
        p.check("Unprotect[Times]; Times[x_Integer, 3] := -x; Protect[Times]; {2 * 3, y = 2; y *= 3; y}")
        p.check("Block[{Plus = Times}, 2 + 3]")
        p.check("Unprotect[Less]; SetAttributes[Less, HoldAll]; a1 = 1; Hold[a1 < 2] /. Hold[e_] :> e")
    }
}

@Suite struct SimpleDefinitionTests {
    @Test func simpleLeftSidesMatchLikeThePatternMatcher() {
        let k = Kernel.standard()
        func ev(_ s: String) -> String {
            var r = Expr.null
            for e in try! Parser.parseProgram(s) { r = k.evaluate(e) }
            return r.formatted(.inputForm)
        }
        #expect(ev("f[n_] := f[n - 1] + f[n - 2]; f[0] = 0; f[1] = 1; f[20]") == "6765")
        #expect(ev("g[x_Integer] := int; g[x_Real] := real; g[x_] := other; {g[1], g[1.5], g[a], g[]}") == "{int, real, other, g[]}")
        #expect(ev("h[0, x_] := zero[x]; h[n_, x_] := h[n - 1, x + 1]; h[3, 0]") == "zero[3]")
        #expect(ev("s1[x_, y_] := {y, x}; s1[Sequence[1, 2]]") == "{2, 1}")
        #expect(ev("SetAttributes[s2, SequenceHold]; s2[x_] := {x}; s2[Sequence[1, 2]]") == "{1, 2}")
        #expect(ev("c[x_] := x /; x > 0; c[x_] := neg; {c[1], c[-1]}") == "{1, neg}")
        #expect(ev("HoldPattern[hp[x_]] := x + 1; hp[1]") == "2")
        #expect(ev("m[x_] := Module[{t = x}, t^2 /; t > 2]; {m[3], m[1]}") == "{9, m[1]}")
        #expect(ev("r[n_] := Return[n + 1]; r[1]") == "2")
        // Orderless and Flat heads still go through the pattern matcher.
        #expect(ev("SetAttributes[o, Orderless]; o[x_Integer, y_Symbol] := {x, y}; o[a, 1]") == "{1, a}")
        #expect(ev("SetAttributes[fl, Flat]; fl[x_, y_] := {x, y}; fl[1, 2, 3]") == "{fl[1], {fl[2], fl[3]}}")
        #expect(ev("u[x_] := first; u[x_] := second; u[1]") == "second")
        #expect(ev("DownValues[f2]; f2[1] = a; f2[x_] := b; f2[1] = c; {f2[1], f2[2]}") == "{c, b}")
    }

    @Test func recursionLimitAndAbortStillWork() async {
        let k = Kernel.standard()
        var messages: [String] = []
        k.messageHandler = { messages.append("\($0.symbol.name)::\($0.tag)") }
        _ = k.evaluate(try! Parser.parseProgram("deep[n_] := deep[n + 1] + 1")[0])
        #expect(k.evaluate(try! Parser.parseProgram("deep[0]")[0]).hasHead(Sym.Hold))
        #expect(messages == ["$RecursionLimit::reclim2"])

        for code in ["s = 0; Do[s += i, {i, 10^12}]", "Nest[# + 1 &, 0, 10^12]",
                     "tree[n_] := If[n > 0, tree[n - 1] + tree[n - 1], 0]; tree[60]", "i = 0; While[True, i++]"] {
            let t = Thread { Thread.sleep(forTimeInterval: 0.1); k.abort() }
            t.start()
            var r = Expr.null
            for e in try! Parser.parseProgram(code) { r = k.evaluate(e) }
            #expect(r == .aborted, "\(code)")
        }
    }
}

@Suite struct EvaluatorConstantsTests {
    /// The evaluator tests attribute bits through literal constants (Evaluator.swift).
    @Test func attributeBitsAgreeWithAttributes() {
        #expect(holdFirstBit == Attributes.holdFirst.rawValue)
        #expect(holdRestBit == Attributes.holdRest.rawValue)
        #expect(holdAllCompleteBit == Attributes.holdAllComplete.rawValue)
        #expect(flatBit == Attributes.flat.rawValue)
        #expect(orderlessBit == Attributes.orderless.rawValue)
        #expect(listableBit == Attributes.listable.rawValue)
        #expect(protectedBit == Attributes.protected.rawValue)
        #expect(sequenceHoldBit == Attributes.sequenceHold.rawValue)
        #expect(Attributes.holdAll == [.holdFirst, .holdRest])
        #expect(Attributes.nHoldAll == [.nHoldFirst, .nHoldRest])
    }
}
