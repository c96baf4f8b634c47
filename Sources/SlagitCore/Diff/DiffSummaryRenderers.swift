/// Short forms of a ``DiffReport``: one line of counts (`--stat`), and a Markdown body
/// for a pull-request comment.
enum DiffSummaryRenderer {
    /// `path: r1 → r2: 2 modified, 1 added; 1 service level weakened`.
    static func stat(_ report: DiffReport) -> String {
        var parts: [String] = []
        for kind in [ClauseChange.Kind.added, .removed, .modified, .moved, .renumbered, .split, .merged, .formatting] {
            let count = report.clauses.filter { $0.kind == kind }.count
            if count > 0 { parts.append("\(count) \(kind.rawValue)") }
        }
        var line =
            "\(report.path): \(report.from) → \(report.to): "
            + (parts.isEmpty ? "no clause changes" : parts.joined(separator: ", "))
        let levels = Dictionary(grouping: report.objectives, by: \.direction).sorted {
            $0.key.rawValue < $1.key.rawValue
        }
        if !levels.isEmpty {
            line +=
                "; " + levels.map { "\($0.value.count) service level(s) \($0.key.rawValue)" }.joined(separator: ", ")
        }
        if !report.metadata.isEmpty { line += "; \(report.metadata.count) front matter field(s) changed" }
        return line + "\n"
    }

    /// Markdown for a pull-request comment: service levels first (what parties care about
    /// most), then clauses with their word changes as ~~deleted~~ and **inserted**.
    static func markdown(_ report: DiffReport) -> String {
        var lines = ["### `\(report.path)`: \(report.from) → \(report.to)", ""]
        if report.isEmpty { return (lines + ["No changes.", ""]).joined(separator: "\n") }
        if !report.objectives.isEmpty {
            lines += ["| Service level | From | To | Change | Favours |", "|---|---|---|---|---|"]
            for change in report.objectives {
                lines.append(
                    "| `\(change.id)` | \(cell(change.from ?? "—")) | \(cell(change.to ?? "—")) | \(change.direction.rawValue) | \(change.direction.favours ?? "—") |"
                )
            }
            lines.append("")
        }
        if !report.metadata.isEmpty {
            lines.append("**Front matter**")
            lines.append("")
            for change in report.metadata {
                lines.append("- `\(change.field)`: \(change.from ?? "(none)") → \(change.to ?? "(none)")")
            }
            lines.append("")
        }
        let meaningful = report.clauses.filter { $0.kind != .formatting }
        if !meaningful.isEmpty {
            lines.append("**Clauses**")
            lines.append("")
            for change in meaningful {
                let number = [change.fromNumber, change.toNumber].compactMap { $0 }
                let numbering =
                    Set(number).count > 1
                    ? " (\(number.joined(separator: " → ")))" : number.first.map { " (\($0))" } ?? ""
                lines.append("- **\(change.kind.rawValue)** \(change.title)\(numbering)")
                if let words = change.words { lines.append("  > " + markdownWords(words)) }
            }
            lines.append("")
        }
        let formatting = report.clauses.filter { $0.kind == .formatting }
        if !formatting.isEmpty {
            lines.append("<details><summary>Formatting only: \(formatting.count) clause(s)</summary>")
            lines.append("")
            lines += formatting.map { "- \($0.title)" }
            lines += ["", "</details>", ""]
        }
        return lines.joined(separator: "\n")
    }

    /// Word changes as ~~deleted~~ and **inserted**, with the text's own Markdown and HTML
    /// characters escaped so they cannot change how the comment renders.
    private static func markdownWords(_ diff: WordDiff) -> String {
        var out = ""
        for segment in diff.segments {
            let lead = segment.text.hasPrefix(" ") ? " " : ""
            let body = escape(lead.isEmpty ? segment.text : String(segment.text.dropFirst()))
                .replacingOccurrences(of: "\n", with: " ¶ ")
            switch segment.kind {
            case .equal: out += lead + body
            case .deleted: out += lead + "~~" + body + "~~"
            case .inserted: out += lead + "**" + body + "**"
            }
        }
        return out
    }

    private static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_~[]<>#|".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    private static func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
}
