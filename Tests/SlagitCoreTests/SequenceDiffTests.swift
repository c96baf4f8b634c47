import Testing

@testable import SlagitCore

@Suite("Edit scripts and long clauses")
struct SequenceDiffTests {
    /// Replays an edit script: it must turn `old` into `new`, visiting every element once.
    static func apply(_ edits: [SequenceDiff.Edit], old: [Int], new: [Int]) -> [Int]? {
        var result: [Int] = []
        var nextOld = 0
        var nextNew = 0
        for edit in edits {
            switch edit.operation {
            case .equal:
                guard edit.oldIndex == nextOld, edit.newIndex == nextNew, old[edit.oldIndex] == new[edit.newIndex]
                else {
                    return nil
                }
                result.append(old[edit.oldIndex])
                nextOld += 1
                nextNew += 1
            case .delete:
                guard edit.oldIndex == nextOld else { return nil }
                nextOld += 1
            case .insert:
                guard edit.newIndex == nextNew else { return nil }
                result.append(new[edit.newIndex])
                nextNew += 1
            }
        }
        return nextOld == old.count && nextNew == new.count ? result : nil
    }

    /// The fewest insertions and deletions, by the textbook table of longest common subsequences.
    static func fewestEdits(_ old: [Int], _ new: [Int]) -> Int {
        var table = Array(repeating: Array(repeating: 0, count: new.count + 1), count: old.count + 1)
        for i in old.indices.reversed() {
            for j in new.indices.reversed() {
                table[i][j] = old[i] == new[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        return old.count + new.count - 2 * table[0][0]
    }

    @Test("edit scripts are valid and as short as possible")
    func shortestScripts() {
        var generator = FastPathTests.SeededGenerator(state: 3)
        for _ in 0..<500 {
            let old = (0..<Int.random(in: 0...30, using: &generator)).map { _ in
                Int.random(in: 0...4, using: &generator)
            }
            let new = (0..<Int.random(in: 0...30, using: &generator)).map { _ in
                Int.random(in: 0...4, using: &generator)
            }
            let edits = SequenceDiff.edits(from: old, to: new)
            #expect(Self.apply(edits, old: old, new: new) == new, "\(old) → \(new)")
            #expect(edits.filter { $0.operation != .equal }.count == Self.fewestEdits(old, new), "\(old) → \(new)")
        }
    }

    @Test("past the edit limit the middle is replaced whole, still a valid script")
    func editLimit() {
        let old = Array(0..<200)
        let new = old.map { $0.isMultiple(of: 2) ? $0 : $0 + 1000 }
        let edits = SequenceDiff.edits(from: old, to: new, maxEdits: 50)
        #expect(Self.apply(edits, old: old, new: new) == new)
        // The first and last elements match and are kept; everything between is replaced.
        #expect(edits.filter { $0.operation == .equal }.map(\.oldIndex) == [0])
        #expect(SequenceDiff.edits(from: old, to: new).filter { $0.operation == .equal }.count == 100)
    }

    @Test("a 20,000-row table with every twentieth row changed shows exactly those cells")
    func longTable() {
        let rows = (0..<20_000).map { "| r\($0) | svc\($0 % 37) | 99.\($0 % 10)% |" }
        let changed = rows.enumerated().map {
            $0.offset.isMultiple(of: 20) ? $0.element.replacingOccurrences(of: "| svc", with: "| service ") : $0.element
        }
        let diff = WordDiff(from: rows.joined(separator: "\n"), to: changed.joined(separator: "\n"))
        #expect(diff.segments.filter { $0.kind == .deleted }.count == 1000)
        #expect(diff.segments.filter { $0.kind == .inserted }.map(\.text).allSatisfy { $0.hasPrefix(" service ") })
        #expect(diff.segments.filter { $0.kind == .inserted }.count == 1000)
    }

    @Test("a long price table whose every row changed shows each changed price, not a rewrite")
    func everyRowChanged() {
        let header = "| Item | Monthly | Yearly |\n|---|---|---|\n"
        let before = header + (0..<1100).map { "| SKU-\($0) | \(200 + $0) | \(2400 + $0) |" }.joined(separator: "\n")
        let after = header + (0..<1100).map { "| SKU-\($0) | \(201 + $0) | \(2412 + $0) |" }.joined(separator: "\n")
        let diff = WordDiff(from: before, to: after)
        let deleted = diff.segments.filter { $0.kind == .deleted }
        #expect(deleted.count == 2200)
        #expect(!deleted.contains { $0.text.contains("SKU") })
    }

    @Test("a 20,000-row table with a tenth of its rows changed still shows row by row")
    func manyScatteredRows() {
        let rows = (0..<20_000).map { "| r\($0) | svc\($0 % 37) |" }
        let changed = rows.enumerated().map { $0.offset % 10 == 3 ? "| r\($0.offset) | moved |" : $0.element }
        let diff = WordDiff(from: rows.joined(separator: "\n"), to: changed.joined(separator: "\n"))
        #expect(diff.segments.filter { $0.kind == .inserted }.count == 2000)
        #expect(diff.segments.filter { $0.kind == .inserted }.allSatisfy { $0.text == " moved" })
    }

    @Test("a sentence split out of a long clause shows the edit made on the way")
    func splitFromLongClause() {
        var generator = FastPathTests.SeededGenerator(state: 9)
        let words = "the provider shall ensure that services are available to customer within agreed hours".split(
            separator: " ")
        let paragraphs = (0..<45).map { _ in
            (0..<100).map { _ in String(words.randomElement(using: &generator)!) }.joined(separator: " ")
        }
        let sentence = "Credits are the sole remedy for any failure to meet the availability target in any month."
        var withSentence = paragraphs
        withSentence[5] += " " + sentence
        let before = "# 1. Terms\n\n" + withSentence.joined(separator: "\n\n") + "\n\n# 2. End\n\nx\n"
        let after =
            "# 1. Terms\n\n" + paragraphs.joined(separator: "\n\n") + "\n\n# 1A. Remedy\n\n"
            + sentence.replacingOccurrences(of: "sole", with: "non-exclusive") + "\n\n# 2. End\n\nx\n"
        let changes = DocumentDiff.compare(ClauseParser.parse(before), ClauseParser.parse(after))
        let split = changes.first { $0.kind == .split }
        #expect(split?.relatedID == "terms")
        let edits = split?.words?.segments.filter { $0.kind != .equal }.map(\.text)
        #expect(edits == [" sole", " non-exclusive"])
    }
}
