import Testing
import RampREPL

@Suite struct VersionTests {
    @Test func versionIsSemantic() {
        #expect(RampVersion.string.split(separator: ".").count == 3)
    }
}
