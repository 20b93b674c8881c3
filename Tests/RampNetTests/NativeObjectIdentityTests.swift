import Testing
import Ramp

/// SameQ on native objects must be symmetric and agree with hashing, or dictionaries keyed by
/// expressions (Times collecting like factors, Union, Association) trap at random.
@Suite struct NativeObjectIdentityTests {
    static let constructors = [
        "ParametricRampLayer[]", "ParametricRampLayer[\"Input\" -> 3]", "NetInitialize[ParametricRampLayer[\"Input\" -> 3]]",
        "LinearLayer[2]", "LinearLayer[3]", "ElementwiseLayer[Tanh]", "ElementwiseLayer[Ramp]",
        "MeanSquaredLossLayer[]", "MeanAbsoluteLossLayer[]", "MeanSquaredLossLayer[\"Input\" -> 2]",
        "NetChain[{LinearLayer[2], ParametricRampLayer[]}]", "NetChain[{ParametricRampLayer[]}]",
        "NumericArray[{1., 2.}, \"Real32\"]", "NumericArray[{1, 2}, \"Integer8\"]",
        "NetExtract[\"Slope\"]", "<|a -> 1|>", "0.", "-0.",
    ]

    @Test func sameQIsSymmetricAndAgreesWithHashing() throws {
        let kernel = Kernel.standard()
        let objects = try Self.constructors.map { try kernel.evaluate(source: $0) }
        for (i, a) in objects.enumerated() {
            for (j, b) in objects.enumerated() {
                #expect((a == b) == (b == a), "\(Self.constructors[i]) vs \(Self.constructors[j]): SameQ not symmetric")
                if a == b {
                    #expect(a.hashValue == b.hashValue, "\(Self.constructors[i]) === \(Self.constructors[j]) but hashes differ")
                }
                // Only the last two (0. and -0.) are the same.
                let expectedSame = i == j || (i >= objects.count - 2 && j >= objects.count - 2)
                #expect((a == b) == expectedSame, "\(Self.constructors[i]) === \(Self.constructors[j]) is \(a == b)")
            }
        }
    }
}
