import Testing
import Ramp

@Suite struct NetInstallTests {
    @Test func standardKernelEvaluates() {
        let k = Kernel.standard()
        #expect(k.evaluate(42) == 42)
    }
}
