import Testing
@testable import RampSyntax

@Suite struct ExprTests {
    @Test func symbolsAreInterned() {
        #expect(Symbol.named("foo") === Symbol.named("foo"))
        #expect(Symbol.named("foo") !== Symbol.named("bar"))
    }

    @Test func packedArrayEqualsItsList() {
        let packed = Expr.packed(PackedArray(integers: [1, 2, 3, 4], shape: [2, 2]))
        let list: Expr = [[1, 2], [3, 4]]
        #expect(packed == list)
        #expect(list == packed)
        #expect(packed.hashValue == list.hashValue)
        #expect(packed != [[1, 2], [3, 5]])
        #expect(PackedArray.pack(list).map(Expr.packed) == packed)
    }

    @Test func packingMixedNumbersGivesReals() {
        let p = PackedArray.pack([1, 2.5])
        #expect(p?.storage == .reals([1, 2.5]))
        #expect(PackedArray.pack([1, "a"]) == nil)
        #expect(PackedArray.pack([[1], [2, 3]]) == nil)
    }

    @Test func integerAndRealAreNotSame() {
        #expect(Expr.integer(1) != Expr.real(1))
    }

    @Test func rationalsAreCanonical() {
        #expect(Expr.rational(6, over: -4) == .rational(-3, 2))
        #expect(Expr.rational(6, over: 3) == .integer(2))
    }

    /// A zero denominator gives what n/0 evaluates to (it trapped: a precondition).
    @Test func rationalOverZeroIsComplexInfinityOrIndeterminate() {
        #expect(Expr.rational(3, over: 0) == .call(Sym.DirectedInfinity, []))
        #expect(Expr.rational(-3, over: 0) == .call(Sym.DirectedInfinity, []))
        #expect(Expr.rational(0, over: 0) == .symbol(Sym.Indeterminate))
    }

    /// The checked way to build an array from user-given sizes: zero dimensions and rank 0, which
    /// `PackedArray.init` refuses (a precondition), give the lists (or element) they stand for.
    @Test func packedArrayExprTakesEveryShape() {
        #expect(PackedArray.expr(shape: [2, 2], storage: .integers([1, 2, 3, 4])) == [[1, 2], [3, 4]])
        if case .packed = PackedArray.expr(shape: [3], storage: .reals([1, 2, 3])) {} else { Issue.record("not packed") }
        #expect(PackedArray.expr(shape: [0], storage: .reals([])) == .emptyList)
        #expect(PackedArray.expr(shape: [2, 0], storage: .integers([])) == [[], []])
        #expect(PackedArray.expr(shape: [2, 0, 3], storage: .integers([])) == [[], []])
        #expect(PackedArray.expr(shape: [0, 3], storage: .reals([])) == .emptyList)
        #expect(PackedArray.expr(shape: [], storage: .reals([2.5])) == .real(2.5))
        #expect(Expr.emptyNested([3, 0]) == [[], [], []])
    }
}
