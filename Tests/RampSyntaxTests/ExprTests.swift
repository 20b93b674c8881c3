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
}
