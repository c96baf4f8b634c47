/// Pairs the clauses of two revisions of a document.
///
/// First by key (explicit `{#id}`, or the title without numbering), then, for what is
/// left, by how alike the clauses' words are, so a renamed heading or an untitled
/// numbered paragraph still finds its earlier self.
enum ClauseMatcher {
    /// How alike two clauses must be (Dice coefficient over their words) to be paired
    /// when their keys differ.
    static let similarityThreshold = 0.5

    /// Returns each clause's counterpart in the other revision, where it has one.
    static func match(old: [Clause], new: [Clause]) -> ClausePairs {
        var pairs = ClausePairs(oldCount: old.count, newCount: new.count)
        var newByKey: [String: Int] = [:]
        newByKey.reserveCapacity(new.count)
        // By index, not by element: copying a clause out of the list costs more than the lookup.
        for index in new.indices {
            if let key = new[index].matchKey, newByKey[key] == nil { newByKey[key] = index }
        }
        for index in old.indices {
            guard let key = old[index].matchKey, let counterpart = newByKey[key], pairs[new: counterpart] == nil,
                // The preamble pairs only with the preamble.
                (old[index].kind == .preamble) == (new[counterpart].kind == .preamble)
            else { continue }
            pairs.pair(old: index, new: counterpart)
        }
        let unmatchedOld = old.indices.filter { pairs[old: $0] == nil }
        let unmatchedNew = new.indices.filter { pairs[new: $0] == nil }
        guard !unmatchedOld.isEmpty, !unmatchedNew.isEmpty else { return pairs }

        // Candidate pairs share at least one word; an inverted index keeps this close to
        // linear when few clauses are unmatched.
        let oldWords = unmatchedOld.map { words(of: old[$0]) }
        let newWords = unmatchedNew.map { words(of: new[$0]) }
        var postings: [String: [Int]] = [:]
        for (position, bag) in newWords.enumerated() {
            for word in bag.keys { postings[word, default: []].append(position) }
        }
        var candidates: [(score: Double, old: Int, new: Int)] = []
        for (oldPosition, bag) in oldWords.enumerated() {
            var shared: [Int: Int] = [:]
            for (word, count) in bag {
                for newPosition in postings[word] ?? [] {
                    shared[newPosition, default: 0] += min(count, newWords[newPosition][word]!)
                }
            }
            let oldTotal = bag.values.reduce(0, +)
            for (newPosition, common) in shared {
                let newTotal = newWords[newPosition].values.reduce(0, +)
                let score = 2 * Double(common) / Double(oldTotal + newTotal)
                let oldIndex = unmatchedOld[oldPosition]
                let newIndex = unmatchedNew[newPosition]
                // Any kinds may pair here: text that lost its heading becomes the preamble.
                if score >= similarityThreshold {
                    candidates.append((score, oldIndex, newIndex))
                }
            }
        }
        candidates.sort { ($0.score, -$0.old, -$0.new) > ($1.score, -$1.old, -$1.new) }
        for candidate in candidates where pairs[old: candidate.old] == nil && pairs[new: candidate.new] == nil {
            pairs.pair(old: candidate.old, new: candidate.new)
        }
        return pairs
    }

    static func words(of clause: Clause) -> [String: Int] {
        var bag: [String: Int] = [:]
        for token in WordDiff.tokens(clause.title + " " + clause.text)
        where token.text.first?.isLetter == true || token.text.first?.isNumber == true {
            bag[token.text.lowercased(), default: 0] += 1
        }
        return bag
    }
}

/// Which clause of the older revision became which clause of the newer one, looked up
/// either way.
struct ClausePairs {
    private var newForOld: [Int?]
    private var oldForNew: [Int?]

    init(oldCount: Int, newCount: Int) {
        newForOld = Array(repeating: nil, count: oldCount)
        oldForNew = Array(repeating: nil, count: newCount)
    }

    /// The new clause the old clause at `index` became.
    subscript(old index: Int) -> Int? { newForOld[index] }
    /// The old clause the new clause at `index` came from.
    subscript(new index: Int) -> Int? { oldForNew[index] }

    mutating func pair(old: Int, new: Int) {
        newForOld[old] = new
        oldForNew[new] = old
    }
}
