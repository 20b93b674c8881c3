import Testing
import Ramp

@Suite struct NetAPITests {
    @Test func buildApplyAndExtractFromSwift() throws {
        let k = Kernel.standard()
        let layer = try #require(k.parametricRampLayer(inputShape: [3], slope: 0.25))
        let net = try #require(layer.initialized(seed: 1))
        let y = try #require(net.apply([-2, 0, 4]))
        #expect(y == [-0.5, 0, 4])
        #expect(net.array("Slope") == [0.25, 0.25, 0.25])
        #expect(net.apply(batch: [[-4, 1, 1], [1, 1, -1]]) == [[-1, 1, 1], [1, 1, -0.25]])
        #expect(net.summary.contains("ParametricRampLayer"))
    }

    @Test func trainFromSwiftLearnsTheSlopes() throws {
        let k = Kernel.standard()
        k.printHandler = { _ in }
        let net = try #require(k.parametricRampLayer(inputShape: [3])?.initialized(seed: 1))
        #expect(net.array("Slope") == [0.1, 0.1, 0.1].map { Float($0) })
        let truth: [Float] = [0.3, 0.5, 0.7]
        let examples: [(input: [Float], output: [Float])] = (0..<64).map { i in
            let x: [Float] = [-Float(i % 7 + 1) / 2, -Float(i % 5 + 1), Float(i % 3) - 1.5]
            return (x, zip(x, truth).map { $0 < 0 ? $0 * $1 : $0 })
        }
        let trained = try #require(net.trained(on: examples, rounds: 1000, seed: 7))
        let slopes = try #require(trained.array("Slope"))
        for (learned, wanted) in zip(slopes, truth) { #expect(abs(learned - wanted) < 0.05) }
        // The untrained handle is a value: training returned a new net.
        #expect(net.array("Slope") == [0.1, 0.1, 0.1].map { Float($0) })
    }

    @Test func nonNetsAreRejected() {
        let k = Kernel.standard()
        #expect(NetHandle(.integer(3), kernel: k) == nil)
    }
}
