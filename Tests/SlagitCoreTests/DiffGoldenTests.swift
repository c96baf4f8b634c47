import Foundation
import Testing

@testable import SlagitCore

/// Diffs of consecutive fixture revisions, compared in full with the files in
/// fixtures/golden/diff. Run with SLAGIT_RECORD_GOLDEN=1 to write them anew, then read
/// the change against the fixture's CHANGES.md before committing it.
@Suite("Clause diff of the fixture agreements")
struct DiffGoldenTests {
    static let pairs: [(agreement: String, from: Int, to: Int)] = ["hosting", "support", "multi-level"].flatMap {
        name in
        [(name, 1, 2), (name, 2, 3), (name, 3, 4)]
    }

    static let cases = pairs.map { "\($0.agreement) r\($0.from)-r\($0.to)" }

    @Test("matches the golden JSON, text, Markdown and stat", arguments: cases)
    func matchesGolden(name: String) throws {
        let parts = name.split(separator: " ")
        let agreement = String(parts[0])
        let numbers = parts[1].split(separator: "-").map { String($0) }
        let old = try Sandbox.fixture("agreements/\(agreement)/\(numbers[0]).md")
        let new = try Sandbox.fixture("agreements/\(agreement)/\(numbers[1]).md")
        let report = DiffReport.compare(old: old, new: new, path: "\(agreement).md", from: numbers[0], to: numbers[1])
        try compareWithGolden(report.json.serialized(), file: "\(agreement).\(numbers[0])-\(numbers[1]).json")
        let stem = "\(agreement).\(numbers[0])-\(numbers[1])"
        try compareWithGolden(DiffTextRenderer(colour: false).render(report), file: "\(stem).txt")
        try compareWithGolden(DiffSummaryRenderer.markdown(report), file: "\(stem).md")
        try compareWithGolden(DiffSummaryRenderer.stat(report), file: "\(stem).stat")
    }

    @Test("the demo pair weakens availability and adds a clause")
    func demoPair() throws {
        let report = DiffReport.compare(
            old: try Sandbox.fixture("agreements/hosting/r1.md"), new: try Sandbox.fixture("agreements/hosting/r2.md"),
            path: "hosting.md", from: "r1", to: "r2")
        #expect(report.objectives.map(\.direction) == [.weakened])
        #expect(report.clauses.filter { $0.kind == .added }.map(\.title) == ["Disaster Recovery"])
    }

    private func compareWithGolden(_ actual: String, file: String) throws {
        let url = Sandbox.packageRoot.appendingPathComponent("fixtures/golden/diff/" + file)
        if ProcessInfo.processInfo.environment["SLAGIT_RECORD_GOLDEN"] == "1" {
            try Data(actual.utf8).write(to: url)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(
            actual == expected,
            "differs from fixtures/golden/diff/\(file); re-record with SLAGIT_RECORD_GOLDEN=1 if intended")
    }
}
