import Testing
import Ramp

@Suite struct PublicAPITests {
    @Test func valuesRoundTrip() {
        let k = Kernel.standard()
        k.setValue("hello", of: "greeting")
        #expect(k.evaluate(.sym("greeting")) == "hello")
    }
}
