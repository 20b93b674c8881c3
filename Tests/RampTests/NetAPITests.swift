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

    @Test func nonNetsAreRejected() {
        let k = Kernel.standard()
        #expect(NetHandle(.integer(3), kernel: k) == nil)
    }
}
