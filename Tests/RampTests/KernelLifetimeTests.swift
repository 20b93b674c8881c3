import Testing
import Ramp

/// An embedder that makes kernels and drops them gets their memory back: nothing the kernel
/// installs (builtin closures, the evaluation thread, message handlers) keeps it alive.
@Suite struct KernelLifetimeTests {
    @Test func aBareKernelIsFreed() {
        weak var weakKernel: Kernel?
        do { let k = Kernel(); weakKernel = k }
        #expect(weakKernel == nil)
    }
    @Test func aStandardKernelIsFreed() {
        weak var weakKernel: Kernel?
        do { let k = Kernel.standard(); weakKernel = k }
        #expect(weakKernel == nil)
    }
    @Test func aDroppedKernelIsFreed() throws {
        weak var weakKernel: Kernel?
        do {
            let kernel = Kernel.standard()
            weakKernel = kernel
            _ = try kernel.evaluate(source: "f[x_] := x^2; Total[f /@ Range[10]]")
            _ = try kernel.evaluate(source: "NetInitialize[ParametricRampLayer[\"Input\" -> 3]][{1, -2, 3}]")
        }
        #expect(weakKernel == nil, "a Kernel is still alive after its last reference was dropped")
    }
}
