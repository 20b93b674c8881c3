import Foundation
import Testing

/// Programs the evaluation fuzzer (`scripts/fuzz.sh eval`) found crashing, hanging or trapping the
/// interpreter, kept in Fixtures/fuzz-eval (one `.wl` file each, with a comment naming what went
/// wrong): each must now run to its end through the executable.
@Suite struct FuzzFindingsTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fuzz-eval")

    static var findings: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".wl") }.sorted()
    }

    @Test func thereAreFindings() {
        #expect(!Self.findings.isEmpty)
    }

    @Test(arguments: findings) func findingRunsToItsEnd(_ name: String) throws {
        let path = Self.folder.appendingPathComponent(name).path
        // The last line prints "done" only if everything before it returned.
        let run = try ramp([path])
        #expect(run.status == 0, "\(name): status \(run.status)\n\(run.err.prefix(2000))")
        #expect(run.out.hasSuffix("done\n"), "\(name): \(run.out.suffix(500))")
    }
}
