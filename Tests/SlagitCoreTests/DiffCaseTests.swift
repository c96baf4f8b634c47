import Foundation
import Testing

@testable import SlagitCore

/// One small before/after pair per kind of change, in fixtures/diff-cases, each with the
/// changes it must produce and golden output in fixtures/golden/diff-cases
/// (SLAGIT_RECORD_GOLDEN=1 writes them anew).
@Suite("Diff of each kind of change")
struct DiffCaseTests {
    static let expected: [String: [String]] = [
        "moved-and-edited": ["moved Escalation"],
        "split": ["modified Service Credits", "split Claiming Credits"],
        "merged": ["modified Service Credits", "merged Claiming Credits"],
        "renumbered-only": ["added Security", "renumbered Credits", "renumbered Contacts"],
        "formatting-only": ["formatting Definitions", "formatting Maintenance"],
        "objectives-with-units": [],
        "renamed-heading": ["modified Service Credits"],
    ]

    @Test("reports exactly the expected changes, and matches its golden output", arguments: expected.keys.sorted())
    func diffCase(name: String) throws {
        let before = try Sandbox.fixture("diff-cases/\(name)/before.md")
        let after = try Sandbox.fixture("diff-cases/\(name)/after.md")
        let report = DiffReport.compare(old: before, new: after, path: "\(name).md", from: "before", to: "after")
        #expect(report.clauses.map { "\($0.kind.rawValue) \($0.title)" } == Self.expected[name])
        for (suffix, text) in [
            ("json", report.json.serialized()), ("txt", DiffTextRenderer(colour: false).render(report)),
        ] {
            let url = Sandbox.packageRoot.appendingPathComponent("fixtures/golden/diff-cases/\(name).\(suffix)")
            if ProcessInfo.processInfo.environment["SLAGIT_RECORD_GOLDEN"] == "1" { try Data(text.utf8).write(to: url) }
            #expect(text == (try String(contentsOf: url, encoding: .utf8)))
        }
    }

    @Test("service levels compare as quantities across units")
    func objectivesAcrossUnits() throws {
        let report = DiffReport.compare(
            old: try Sandbox.fixture("diff-cases/objectives-with-units/before.md"),
            new: try Sandbox.fixture("diff-cases/objectives-with-units/after.md"), path: "u.md", from: "a", to: "b")
        #expect(
            report.objectives.map { "\($0.id) \($0.direction.rawValue)" } == [
                "availability weakened", "p1-resolution strengthened", "api-latency weakened",
            ])
        #expect(report.objectives.first?.toDowntimeMinutes.map { ($0 * 10).rounded() / 10 } == 216.0)
    }

    @Test("a moved clause keeps its word changes")
    func movedKeepsWords() throws {
        let report = DiffReport.compare(
            old: try Sandbox.fixture("diff-cases/moved-and-edited/before.md"),
            new: try Sandbox.fixture("diff-cases/moved-and-edited/after.md"), path: "m.md", from: "a", to: "b")
        let moved = try #require(report.clauses.first)
        #expect(moved.fromSection == ["Support"])
        #expect(moved.toSection == ["Reporting"])
        #expect(moved.words?.segments.filter { $0.kind != .equal }.map(\.text) == [" four", " two"])
    }
}
