/// What happened to one clause between two revisions.
public struct ClauseChange: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case added, removed, modified, moved, renumbered, formatting
        /// A new clause whose words came out of an existing one (`relatedID`).
        case split
        /// A clause whose words went into another one (`relatedID`).
        case merged
    }

    public var kind: Kind
    public var id: String
    /// The clause's id in the older revision, when it had one and it differs.
    public var fromID: String? = nil
    /// For `split`, the clause it was split from; for `merged`, the one it went into.
    public var relatedID: String? = nil
    public var title: String
    public var fromNumber: String?
    public var toNumber: String?
    public var fromLine: Int?
    public var toLine: Int?
    /// Section titles above the clause, outermost first, before and after.
    public var fromSection: [String]?
    public var toSection: [String]?
    /// True when the wording changed too (for `moved` and `renumbered` clauses).
    public var wordingChanged: Bool
    public var titleWords: WordDiff?
    public var words: WordDiff?
}

/// Compares the clause structure of two revisions of any Markdown document.
public enum DocumentDiff {
    public static func compare(_ old: ClauseDocument, _ new: ClauseDocument) -> [ClauseChange] {
        let pairs = ClauseMatcher.match(old: old.clauses, new: new.clauses)
        let reordered = reorderedClauses(old: old.clauses, new: new.clauses, pairs: pairs)
        var changes: [(order: Int, change: ClauseChange)] = []

        for (newIndex, clause) in new.clauses.enumerated() {
            guard let oldIndex = pairs[new: newIndex] else {
                changes.append(
                    (
                        newIndex * 2 + 1,
                        ClauseChange(
                            kind: .added, id: clause.id, title: clause.title, fromNumber: nil, toNumber: clause.number,
                            fromLine: nil, toLine: clause.startLine, fromSection: nil,
                            toSection: Array(new.path(of: newIndex).dropLast()), wordingChanged: true,
                            titleWords: nil, words: clause.text.isEmpty ? nil : WordDiff(from: "", to: clause.text))
                    ))
                continue
            }
            let before = old.clauses[oldIndex]
            // An untitled numbered paragraph's "title" is only its first words, which the
            // text diff already shows.
            let titled =
                (before.kind != .numberedParagraph || before.matchKey != nil || clause.matchKey != nil)
                && before.kind != .preamble && clause.kind != .preamble  // the preamble's "title" is a label
            let titleChanged = titled && before.title != clause.title
            let textChanged = before.text != clause.text
            let wordingChanged = titleChanged || textChanged
            let parentMoved = movedToAnotherParent(
                before: before, after: clause, old: old, new: new, pairs: pairs)
            let moved = parentMoved || reordered.contains(newIndex)
            let kind: ClauseChange.Kind
            if moved {
                kind = .moved
            } else if wordingChanged {
                kind = .modified
            } else if before.number != clause.number {
                kind = .renumbered
            } else if before.id != clause.id, before.hasExplicitID || clause.hasExplicitID {
                kind = .modified  // a changed {#id} changes what approvals and owners refer to
            } else if before.form != clause.form {
                kind = .formatting
            } else {
                continue
            }
            changes.append(
                (
                    newIndex * 2 + 1,
                    ClauseChange(
                        kind: kind, id: clause.id, fromID: before.id == clause.id ? nil : before.id,
                        title: clause.title, fromNumber: before.number,
                        toNumber: clause.number,
                        fromLine: before.startLine, toLine: clause.startLine,
                        fromSection: Array(old.path(of: oldIndex).dropLast()),
                        toSection: Array(new.path(of: newIndex).dropLast()), wordingChanged: wordingChanged,
                        titleWords: titleChanged ? WordDiff(from: before.title, to: clause.title) : nil,
                        words: textChanged ? WordDiff(from: before.text, to: clause.text) : nil)
                ))
        }
        // A removed clause is listed where it stood: just after its old predecessor's
        // counterpart, so the report reads in document order.
        for (oldIndex, clause) in old.clauses.enumerated() where pairs[old: oldIndex] == nil {
            var anchor = -1
            for earlier in stride(from: oldIndex - 1, through: 0, by: -1) {
                if let counterpart = pairs[old: earlier] {
                    anchor = counterpart
                    break
                }
            }
            changes.append(
                (
                    anchor * 2 + 2,
                    ClauseChange(
                        kind: .removed, id: clause.id, title: clause.title, fromNumber: clause.number, toNumber: nil,
                        fromLine: clause.startLine, toLine: nil, fromSection: Array(old.path(of: oldIndex).dropLast()),
                        toSection: nil, wordingChanged: true, titleWords: nil,
                        words: clause.text.isEmpty ? nil : WordDiff(from: clause.text, to: ""))
                ))
        }
        let ordered = changes.enumerated().sorted { ($0.element.order, $0.offset) < ($1.element.order, $1.offset) }
            .map(\.element.change)
        return recogniseSplitsAndMerges(ordered, old: old, new: new)
    }

    /// Share of a clause's words that must reappear in another clause for a new clause to
    /// count as split from it, or a removed one as merged into it.
    static let containmentThreshold = 0.8

    /// Turns "added" clauses whose words came out of one old clause into `split`, and
    /// "removed" clauses whose words went into one new clause into `merged`.
    private static func recogniseSplitsAndMerges(_ changes: [ClauseChange], old: ClauseDocument, new: ClauseDocument)
        -> [ClauseChange]
    {
        // Word bags of every clause are costly; most diffs add and remove nothing.
        guard changes.contains(where: { $0.kind == .added || $0.kind == .removed }) else { return changes }
        // The clause's own words only: a heading's title alone, or a table of contents
        // that repeats every title, must not make a split or a merge.
        func bag(_ clause: Clause) -> [String: Int] {
            var bag: [String: Int] = [:]
            for token in WordDiff.tokens(clause.text)
            where token.text.first?.isLetter == true || token.text.first?.isNumber == true {
                bag[token.text.lowercased(), default: 0] += 1
            }
            return bag
        }
        func containment(_ part: [String: Int], in whole: [String: Int]) -> Double {
            let total = part.values.reduce(0, +)
            guard total >= 8 else { return 0 }
            let shared = part.reduce(0) { $0 + min($1.value, whole[$1.key] ?? 0) }
            return Double(shared) / Double(total)
        }
        // A split's source must have lost words (modified or removed); a merge's target
        // must have gained them (modified or added).
        let changedOld = Set(
            changes.filter { $0.kind == .modified || $0.kind == .removed || $0.kind == .moved }.map {
                $0.fromID ?? $0.id
            })
        let changedNew = Set(
            changes.filter { $0.kind == .modified || $0.kind == .added || $0.kind == .moved }.map(\.id))
        // Bags only of the clauses that can take part: in a long agreement with one clause
        // added, tokenising every other clause would cost more than the rest of the diff.
        let oldHosts = old.clauses.indices.filter { changedOld.contains(old.clauses[$0].id) }
        let newHosts = new.clauses.indices.filter { changedNew.contains(new.clauses[$0].id) }
        let oldBags = Dictionary(oldHosts.map { ($0, bag(old.clauses[$0])) }, uniquingKeysWith: { first, _ in first })
        let newBags = Dictionary(newHosts.map { ($0, bag(new.clauses[$0])) }, uniquingKeysWith: { first, _ in first })
        let oldIndexByID = Dictionary(
            old.clauses.indices.map { (old.clauses[$0].id, $0) }, uniquingKeysWith: { first, _ in first })
        let newIndexByID = Dictionary(
            new.clauses.indices.map { (new.clauses[$0].id, $0) }, uniquingKeysWith: { first, _ in first })
        func bestHost(for part: [String: Int], among hosts: [Int], bags: [Int: [String: Int]]) -> Int? {
            let scored = hosts.map { ($0, containment(part, in: bags[$0] ?? [:])) }
            guard let best = scored.max(by: { $0.1 < $1.1 }), best.1 >= containmentThreshold else { return nil }
            return best.0
        }
        return changes.map { change in
            var change = change
            if change.kind == .added, let index = newIndexByID[change.id],
                let host = bestHost(for: newBags[index] ?? bag(new.clauses[index]), among: oldHosts, bags: oldBags)
            {
                change.kind = .split
                change.relatedID = old.clauses[host].id
                // Compare it with the passage it came from, so edits made on the way show.
                let words = WordDiff(
                    from: alignedPassage(of: new.clauses[index].text, in: old.clauses[host].text),
                    to: new.clauses[index].text)
                change.words = words.hasChanges ? words : nil
                change.wordingChanged = words.hasChanges
            } else if change.kind == .removed, let index = oldIndexByID[change.id],
                let host = bestHost(for: oldBags[index] ?? bag(old.clauses[index]), among: newHosts, bags: newBags)
            {
                change.kind = .merged
                change.relatedID = new.clauses[host].id
                let words = WordDiff(
                    from: old.clauses[index].text,
                    to: alignedPassage(of: old.clauses[index].text, in: new.clauses[host].text))
                change.words = words.hasChanges ? words : nil
                change.wordingChanged = words.hasChanges
            }
            return change
        }
    }

    /// The stretch of `text` that lines up with `passage`: from the first to the last of
    /// its words that the two share, in order.
    static func alignedPassage(of passage: String, in text: String) -> String {
        let part = WordDiff.tokens(passage)
        let allOfText = WordDiff.tokens(text)
        // In a long text only the stretch around the passage is aligned: against the whole
        // text, everything else would count as edits and exceed the edit limit.
        let whole = Array(allOfText[stretch(of: part.map(\.text), in: allOfText.map(\.text))])
        let equal = WordDiff.alignment(whole.map(\.text), part.map(\.text)).filter { $0.operation == .equal }
        // Common words ("the", "of") match far and wide; the passage starts and ends where
        // three words in a row agree.
        func startsRun(_ index: Int, step: Int) -> Bool {
            (1...2).allSatisfy { offset in
                let other = index + offset * step
                return equal.indices.contains(other) && equal[other].oldIndex == equal[index].oldIndex + offset * step
            }
        }
        let firstRun = equal.indices.first { startsRun($0, step: 1) }
        let lastRun = equal.indices.last { startsRun($0, step: -1) }
        guard let first = (firstRun.map { equal[$0] } ?? equal.first)?.oldIndex,
            let last = (lastRun.map { equal[$0] } ?? equal.last)?.oldIndex, first <= last
        else { return "" }
        return whole[first...last].enumerated().map {
            ($0.offset > 0 && $0.element.spaceBefore ? " " : "") + $0.element.text
        }
        .joined()
    }

    /// Where in `whole` a passage of `part`'s words is worth looking for: all of it when it
    /// is short; in a long text, the stretch where most of the passage's three-word runs
    /// occur, with room on both sides.
    static func stretch(of part: [String], in whole: [String]) -> Range<Int> {
        guard part.count + whole.count > WordDiff.lineFirstThreshold, part.count >= 3, whole.count >= 3 else {
            return whole.indices
        }
        func run(_ tokens: [String], at index: Int) -> String {
            tokens[index] + "\u{0}" + tokens[index + 1] + "\u{0}" + tokens[index + 2]
        }
        let runs = Set((0..<(part.count - 2)).map { run(part, at: $0) })
        let hits = (0..<(whole.count - 2)).filter { runs.contains(run(whole, at: $0)) }
        guard !hits.isEmpty else { return whole.indices }
        // The densest window of hits as wide as twice the passage.
        let width = 2 * part.count
        var best = (count: 0, start: 0)
        var low = 0
        for high in hits.indices {
            while hits[high] - hits[low] > width { low += 1 }
            if high - low + 1 > best.count { best = (high - low + 1, hits[low]) }
        }
        return max(0, best.start - part.count)..<min(whole.count, best.start + width + part.count)
    }

    /// Whether a clause left a section that still exists, or joined one that existed
    /// before. A clause whose section heading was removed (or became the preamble) has
    /// not moved: the structure around it dissolved.
    private static func movedToAnotherParent(
        before: Clause, after: Clause, old: ClauseDocument, new: ClauseDocument, pairs: ClausePairs
    ) -> Bool {
        if let oldParent = before.parent, let survivor = pairs[old: oldParent], new.clauses[survivor].kind != .preamble,
            survivor != after.parent
        {
            return true
        }
        if let newParent = after.parent, let origin = pairs[new: newParent], origin != before.parent {
            return true
        }
        return false
    }

    /// Clauses that kept their parent but changed place among their siblings: those
    /// outside the longest run of siblings that kept their relative order.
    private static func reorderedClauses(old: [Clause], new: [Clause], pairs: ClausePairs) -> Set<Int> {
        var siblingsByParent: [Int: [Int]] = [:]
        for (newIndex, clause) in new.enumerated() {
            guard let oldIndex = pairs[new: newIndex], old[oldIndex].parent.flatMap({ pairs[old: $0] }) == clause.parent
            else {
                continue
            }
            siblingsByParent[clause.parent ?? -1, default: []].append(newIndex)
        }
        var result = Set<Int>()
        for siblings in siblingsByParent.values {
            let oldOrder = siblings.map { pairs[new: $0]! }
            let kept = Set(longestIncreasingSubsequence(oldOrder).map { siblings[$0] })
            result.formUnion(siblings.filter { !kept.contains($0) })
        }
        return result
    }

    /// Positions of one longest strictly increasing subsequence (patience sorting).
    static func longestIncreasingSubsequence(_ values: [Int]) -> [Int] {
        var tails: [Int] = []
        var previous = [Int](repeating: -1, count: values.count)
        for (position, value) in values.enumerated() {
            var low = 0
            var high = tails.count
            while low < high {
                let middle = (low + high) / 2
                if values[tails[middle]] < value { low = middle + 1 } else { high = middle }
            }
            if low > 0 { previous[position] = tails[low - 1] }
            if low == tails.count { tails.append(position) } else { tails[low] = position }
        }
        var result: [Int] = []
        var current = tails.last ?? -1
        while current >= 0 {
            result.append(current)
            current = previous[current]
        }
        return result.reversed()
    }
}
