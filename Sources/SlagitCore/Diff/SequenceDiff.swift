/// The shortest edit script between two sequences (Myers' O((N+M)·D) algorithm), after
/// trimming their common prefix and suffix.
///
/// Known shortcoming: the trace keeps a copy of the frontier per step, so one huge clause
/// rewritten throughout (a 20,000-row table) is slow and memory-hungry; clause-sized
/// inputs, the usual case, are not.
enum SequenceDiff {
    enum Operation: Equatable { case equal, delete, insert }

    struct Edit: Equatable {
        var operation: Operation
        /// Index in the old sequence (for equal and delete) or the new one (insert).
        var oldIndex: Int
        var newIndex: Int
    }

    static func edits<Element: Hashable>(from old: [Element], to new: [Element]) -> [Edit] {
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
        for edit in middleEdits(oldMiddle, newMiddle) {
            result.append(
                Edit(operation: edit.operation, oldIndex: edit.oldIndex + prefix, newIndex: edit.newIndex + prefix))
        }
        for offset in 0..<suffix {
            result.append(
                Edit(operation: .equal, oldIndex: old.count - suffix + offset, newIndex: new.count - suffix + offset))
        }
        return result
    }

    private static func middleEdits<Element: Hashable>(_ old: [Element], _ new: [Element]) -> [Edit] {
        let n = old.count
        let m = new.count
        if n == 0 { return (0..<m).map { Edit(operation: .insert, oldIndex: 0, newIndex: $0) } }
        if m == 0 { return (0..<n).map { Edit(operation: .delete, oldIndex: $0, newIndex: 0) } }
        let maxD = n + m
        let offset = maxD
        var frontier = [Int](repeating: 0, count: 2 * maxD + 2)
        var trace: [[Int]] = []
        search: for d in 0...maxD {
            trace.append(frontier)
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
                if x >= n, y >= m { break search }
            }
        }
        // Walk the trace backwards to recover the path.
        var edits: [Edit] = []
        var x = n
        var y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let snapshot = trace[d]
            let k = x - y
            let previousK: Int
            if k == -d || (k != d && snapshot[offset + k - 1] < snapshot[offset + k + 1]) {
                previousK = k + 1
            } else {
                previousK = k - 1
            }
            let previousX = d == 0 ? 0 : snapshot[offset + previousK]
            let previousY = previousX - previousK
            while x > previousX, y > previousY {
                x -= 1
                y -= 1
                edits.append(Edit(operation: .equal, oldIndex: x, newIndex: y))
            }
            if d > 0 {
                if x == previousX {
                    y -= 1
                    edits.append(Edit(operation: .insert, oldIndex: x, newIndex: y))
                } else {
                    x -= 1
                    edits.append(Edit(operation: .delete, oldIndex: x, newIndex: y))
                }
            }
        }
        return edits.reversed()
    }
}
