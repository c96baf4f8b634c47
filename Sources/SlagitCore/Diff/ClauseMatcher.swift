/// Pairs the clauses of two revisions of a document.
///
/// First by key (explicit `{#id}`, or the title without numbering), then, for what is
/// left, by how alike the clauses' words are, so a renamed heading or an untitled
/// numbered paragraph still finds its earlier self.
enum ClauseMatcher {
    /// How alike two clauses must be (Dice coefficient over their words) to be paired
    /// when their keys differ.
    static let similarityThreshold = 0.5

    /// Returns, for each old clause index, the index of its counterpart in `new`.
    static func match(old: [Clause], new: [Clause]) -> [Int: Int] {
        var pairs: [Int: Int] = [:]
        var newByKey: [String: Int] = [:]
        for (index, clause) in new.enumerated() {
            if let key = clause.matchKey, newByKey[key] == nil { newByKey[key] = index }
        }
        var taken = Set<Int>()
        for (index, clause) in old.enumerated() {
            guard let key = clause.matchKey, let counterpart = newByKey[key], !taken.contains(counterpart),
                compatible(clause, new[counterpart])
            else { continue }
            pairs[index] = counterpart
            taken.insert(counterpart)
        }
        let unmatchedOld = old.indices.filter { pairs[$0] == nil }
        let unmatchedNew = new.indices.filter { !taken.contains($0) }
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
        for candidate in candidates where pairs[candidate.old] == nil && !taken.contains(candidate.new) {
            pairs[candidate.old] = candidate.new
            taken.insert(candidate.new)
        }
        return pairs
    }

    private static func compatible(_ a: Clause, _ b: Clause) -> Bool {
        (a.kind == .preamble) == (b.kind == .preamble)
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
