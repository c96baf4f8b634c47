/// The shortest edit script between two sequences (Myers' O((N+M)·D) algorithm), after
/// trimming their common prefix and suffix.
///
/// The search keeps, for each number of edits d, only the d + 1 furthest-reaching points it
/// found, so memory grows with the square of the number of edits, not with the length of
/// the sequences. Past `maxEdits` edits the search gives up and the middle of the two
/// sequences is reported as deleted and inserted whole: such a change reads as a rewrite
/// anyway, and the bound keeps time and memory in check (4,096 edits need about 35 MB).
enum SequenceDiff {
    enum Operation: Equatable { case equal, delete, insert }

    struct Edit: Equatable {
        var operation: Operation
        /// Index in the old sequence (for equal and delete) or the new one (insert).
        var oldIndex: Int
        var newIndex: Int
    }

    static let maxEdits = 4096

    static func edits<Element: Hashable>(from old: [Element], to new: [Element], maxEdits: Int = maxEdits) -> [Edit] {
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix,
            old[old.count - 1 - suffix] == new[new.count - 1 - suffix]
        {
            suffix += 1
        }
        var result = (0..<prefix).map { Edit(operation: .equal, oldIndex: $0, newIndex: $0) }
        let oldMiddle = Array(old[prefix..<(old.count - suffix)])
        let newMiddle = Array(new[prefix..<(new.count - suffix)])
        let middle =
            middleEdits(oldMiddle, newMiddle, maxEdits: maxEdits)
            ?? (0..<oldMiddle.count).map { Edit(operation: .delete, oldIndex: $0, newIndex: 0) }
            + (0..<newMiddle.count).map { Edit(operation: .insert, oldIndex: oldMiddle.count, newIndex: $0) }
        for edit in middle {
            result.append(
                Edit(operation: edit.operation, oldIndex: edit.oldIndex + prefix, newIndex: edit.newIndex + prefix))
        }
        for offset in 0..<suffix {
            result.append(
                Edit(operation: .equal, oldIndex: old.count - suffix + offset, newIndex: new.count - suffix + offset))
        }
        return result
    }

    /// Nil when the two need more than `maxEdits` edits.
    private static func middleEdits<Element: Hashable>(_ old: [Element], _ new: [Element], maxEdits: Int) -> [Edit]? {
        let n = old.count
        let m = new.count
        if n == 0 { return (0..<m).map { Edit(operation: .insert, oldIndex: 0, newIndex: $0) } }
        if m == 0 { return (0..<n).map { Edit(operation: .delete, oldIndex: $0, newIndex: 0) } }
        let limit = min(n + m, maxEdits)
        let offset = limit + 1
        var frontier = [Int](repeating: 0, count: 2 * limit + 3)
        // For each d, the furthest x reached on diagonals k = -d, -d + 2, …, d, in that order.
        var trace: [Int32] = []
        var rowStarts: [Int] = []
        var finalD: Int?
        search: for d in 0...limit {
            rowStarts.append(trace.count)
            for k in stride(from: -d, through: d, by: 2) {
                var x: Int
                if k == -d || (k != d && frontier[offset + k - 1] < frontier[offset + k + 1]) {
                    x = frontier[offset + k + 1]
                } else {
                    x = frontier[offset + k - 1] + 1
                }
                var y = x - k
                while x < n, y < m, old[x] == new[y] {
                    x += 1
                    y += 1
                }
                frontier[offset + k] = x
                trace.append(Int32(x))
                if x >= n, y >= m {
                    finalD = d
                    break search
                }
            }
        }
        guard let finalD else { return nil }
        func reached(_ d: Int, _ k: Int) -> Int { Int(trace[rowStarts[d] + (k + d) / 2]) }
        // Walk back from the end: each step undoes one edit and the run of equal elements after it.
        var edits: [Edit] = []
        var x = n
        var y = m
        for d in stride(from: finalD, through: 1, by: -1) {
            let k = x - y
            let previousK = k == -d || (k != d && reached(d - 1, k - 1) < reached(d - 1, k + 1)) ? k + 1 : k - 1
            let previousX = reached(d - 1, previousK)
            let previousY = previousX - previousK
            while x > previousX, y > previousY {
                x -= 1
                y -= 1
                edits.append(Edit(operation: .equal, oldIndex: x, newIndex: y))
            }
            if x == previousX {
                y -= 1
                edits.append(Edit(operation: .insert, oldIndex: x, newIndex: y))
            } else {
                x -= 1
                edits.append(Edit(operation: .delete, oldIndex: x, newIndex: y))
            }
        }
        while x > 0, y > 0 {
            x -= 1
            y -= 1
            edits.append(Edit(operation: .equal, oldIndex: x, newIndex: y))
        }
        return edits.reversed()
    }
}
