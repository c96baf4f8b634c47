import Foundation
import Testing

@testable import SlagitCore

@Suite("Clause changes between two texts")
struct DocumentDiffTests {
    static func changes(_ old: String, _ new: String) -> [String] {
        DocumentDiff.compare(ClauseParser.parse(old), ClauseParser.parse(new)).map { "\($0.kind.rawValue) \($0.title)" }
    }

    @Test("inserting a section renumbers the ones after it, and nothing else")
    func renumbering() {
        let old = "# 1. Scope\n\nA.\n\n# 2. Credits\n\nB.\n\n# 3. Contacts\n\nC.\n"
        let new = "# 1. Scope\n\nA.\n\n# 2. Security\n\nNew.\n\n# 3. Credits\n\nB.\n\n# 4. Contacts\n\nC.\n"
        #expect(Self.changes(old, new) == ["added Security", "renumbered Credits", "renumbered Contacts"])
    }

    @Test("a clause moved to another section and edited is one move, not a removal and an addition")
    func movedAndEdited() {
        let old =
            "# Support\n\n## Escalation\n\nCall the duty manager within one hour of the incident.\n\n# Reporting\n\nMonthly.\n"
        let new =
            "# Support\n\nHelp.\n\n# Reporting\n\nMonthly.\n\n## Escalation\n\nCall the duty manager within two hours of the incident.\n"
        let result = DocumentDiff.compare(ClauseParser.parse(old), ClauseParser.parse(new))
        let escalation = result.first { $0.title == "Escalation" }
        #expect(escalation?.kind == .moved)
        #expect(escalation?.wordingChanged == true)
        #expect(escalation?.words?.segments.contains { $0.kind == .inserted && $0.text.contains("two hours") } == true)
        #expect(!result.contains { $0.kind == .added || $0.kind == .removed })
    }

    @Test("re-wrapping and emphasis are formatting")
    func formattingOnly() {
        let old = "# Scope\n\nThe provider hosts the shop\nand its database.\n"
        let new = "# Scope\n\nThe provider **hosts** the shop and its database.\n"
        #expect(Self.changes(old, new) == ["formatting Scope"])
    }

    @Test("a clause split off with edits shows the edits against the passage it came from")
    func splitWithEdits() {
        let old =
            "# Terms\n\nThe provider hosts the shop. Outages caused by the customer, by internet access problems, or by force majeure are excluded from the uptime calculation.\n"
        let new =
            "# Terms\n\nThe provider hosts the shop.\n\n# Exclusions\n\nOutages caused by the customer or by force majeure are excluded from the uptime calculation.\n"
        let changes = DocumentDiff.compare(ClauseParser.parse(old), ClauseParser.parse(new))
        let split = changes.first { $0.kind == .split }
        #expect(split?.relatedID == "terms")
        #expect(split?.words?.segments.filter { $0.kind == .deleted }.map(\.text) == [", by internet access problems,"])
    }

    @Test("a heading with no words of its own is never split from or merged into a table of contents")
    func noSplitFromContents() {
        let old =
            "# Summary\n\n| Section | Gist |\n|---|---|\n| Information we collect from your use of the service | data |\n\n# Information we collect from your use of the service\n\n## Details\n\nWe log requests.\n"
        let new = old.replacingOccurrences(
            of: "# Information we collect from your use of the service", with: "# Information collected automatically")
        let kinds = DocumentDiff.compare(ClauseParser.parse(old), ClauseParser.parse(new)).map(\.kind)
        #expect(!kinds.contains(.split) && !kinds.contains(.merged))
    }

    @Test("CRLF and LF line ends are the same text")
    func lineEnds() {
        let lf = "# 1. Scope\n\nThe provider hosts\nthe shop.\n\n# 2. Credits\n\nTen percent.\n"
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(ClauseParser.parse(crlf).clauses.map(\.title) == ["Scope", "Credits"])
        #expect(Self.changes(lf, crlf).isEmpty)
    }

    @Test("a renamed heading with the same text is matched and shown as a title change")
    func renamedHeading() {
        let old = "# Credits\n\nThe customer gets ten percent back when availability drops below the target.\n"
        let new = "# Service Credits\n\nThe customer gets ten percent back when availability drops below the target.\n"
        let result = DocumentDiff.compare(ClauseParser.parse(old), ClauseParser.parse(new))
        #expect(result.map(\.kind) == [.modified])
        #expect(result.first?.titleWords != nil)
        #expect(result.first?.words == nil)
    }

    @Test("removing an untitled numbered paragraph does not misreport the ones after it")
    func untitledParagraphRemoved() {
        let old =
            "# Exclusions\n\n1. Planned maintenance windows.\n2. Force majeure events.\n3. Customer misuse of the service.\n"
        let new = "# Exclusions\n\n1. Planned maintenance windows.\n2. Customer misuse of the service.\n"
        #expect(
            Self.changes(old, new) == ["removed Force majeure events.", "renumbered Customer misuse of the service."])
    }
}
