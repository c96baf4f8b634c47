/// A self-contained redline page for a ``DiffReport``: no scripts, fonts or images are
/// fetched, so it opens the same anywhere, offline, years later.
public struct DiffHTMLRenderer {
    /// Approvals each side carries, as lines such as "ops@provider.example (provider)".
    public var fromApprovals: [String] = []
    public var toApprovals: [String] = []

    public init(fromApprovals: [String] = [], toApprovals: [String] = []) {
        self.fromApprovals = fromApprovals
        self.toApprovals = toApprovals
    }

    public func render(_ report: DiffReport) -> String {
        var body: [String] = []
        body.append("<h1>\(escape(report.path))</h1>")
        body.append(
            "<p class=\"sides\"><span class=\"from\">\(escape(report.from))</span> → <span class=\"to\">\(escape(report.to))</span></p>"
        )
        body.append(approvalsSection())
        if !report.objectives.isEmpty { body.append(objectivesSection(report.objectives)) }
        if !report.metadata.isEmpty { body.append(metadataSection(report.metadata)) }
        let meaningful = report.clauses.filter { $0.kind != .formatting }
        body.append("<h2>Clauses</h2>")
        if meaningful.isEmpty { body.append("<p>No clause changed in meaning.</p>") }
        for change in meaningful { body.append(clauseSection(change)) }
        let formatting = report.clauses.filter { $0.kind == .formatting }
        if !formatting.isEmpty {
            body.append(
                "<details><summary>Formatting only: \(formatting.count) clause(s) with the same words</summary><ul>"
                    + formatting.map { "<li>\(escape(numbered($0.toNumber, $0.title)))</li>" }.joined()
                    + "</ul></details>")
        }
        return """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Redline: \(escape(report.path)) \(escape(report.from)) → \(escape(report.to))</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            \(body.joined(separator: "\n"))
            </body>
            </html>

            """
    }

    private func approvalsSection() -> String {
        func list(_ approvals: [String]) -> String {
            approvals.isEmpty
                ? "<p class=\"none\">no verified approvals</p>"
                : "<ul>" + approvals.map { "<li>✓ \(escape($0))</li>" }.joined() + "</ul>"
        }
        return """
            <section class="approvals"><div><h3>Approvals of the earlier side</h3>\(list(fromApprovals))</div>\
            <div><h3>Approvals of the later side</h3>\(list(toApprovals))</div></section>
            """
    }

    private func objectivesSection(_ changes: [DiffReport.ObjectiveChange]) -> String {
        let rows = changes.map { change -> String in
            var downtime = ""
            if let before = change.fromDowntimeMinutes, let after = change.toDowntimeMinutes {
                downtime = String(format: "%.1f → %.1f min", before, after)
            }
            return
                "<tr class=\"\(change.direction.rawValue)\"><td><code>\(escape(change.id))</code></td><td>\(escape(change.from ?? "—"))</td><td>\(escape(change.to ?? "—"))</td><td class=\"direction\">\(change.direction.rawValue)</td><td>\(change.direction.favours ?? "—")</td><td>\(downtime)</td></tr>"
        }
        return """
            <h2>Service levels</h2>
            <table class="objectives"><thead><tr><th>Objective</th><th>Before</th><th>After</th><th>Change</th><th>Favours</th><th>Allowed downtime per 30 days</th></tr></thead>
            <tbody>\(rows.joined())</tbody></table>
            """
    }

    private func metadataSection(_ changes: [DiffReport.MetadataChange]) -> String {
        let rows = changes.map {
            "<tr><td><code>\(escape($0.field))</code></td><td><del>\(escape($0.from ?? ""))</del></td><td><ins>\(escape($0.to ?? ""))</ins></td></tr>"
        }
        return
            "<h2>Front matter</h2><table><thead><tr><th>Field</th><th>Before</th><th>After</th></tr></thead><tbody>\(rows.joined())</tbody></table>"
    }

    private func clauseSection(_ change: ClauseChange) -> String {
        var heading = "<span class=\"badge \(change.kind.rawValue)\">\(change.kind.rawValue)</span> "
        switch change.kind {
        case .renumbered:
            heading +=
                "<del class=\"number\">\(escape(change.fromNumber ?? ""))</del> <ins class=\"number\">\(escape(change.toNumber ?? ""))</ins> \(escape(change.title))"
        case .moved:
            heading +=
                escape(change.title)
                + "<span class=\"place\">from \(escape(place(change.fromSection, change.fromNumber))) to \(escape(place(change.toSection, change.toNumber)))</span>"
        case .removed:
            heading += "<del>\(escape(numbered(change.fromNumber, change.title)))</del>"
        case .added:
            heading += "<ins>\(escape(numbered(change.toNumber, change.title)))</ins>"
        case .split:
            heading +=
                "<ins>\(escape(numbered(change.toNumber, change.title)))</ins><span class=\"place\">split from \(escape(change.relatedID ?? ""))</span>"
        case .merged:
            heading +=
                "<del>\(escape(numbered(change.fromNumber, change.title)))</del><span class=\"place\">merged into \(escape(change.relatedID ?? ""))</span>"
        default:
            heading += escape(numbered(change.toNumber, change.title))
        }
        var parts = ["<section class=\"clause \(change.kind.rawValue)\"><h3>\(heading)</h3>"]
        if let titleWords = change.titleWords {
            parts.append("<p class=\"title-words\">Title: \(words(titleWords))</p>")
        }
        if let wordDiff = change.words { parts.append("<p class=\"words\">\(words(wordDiff))</p>") }
        parts.append("</section>")
        return parts.joined()
    }

    private func words(_ diff: WordDiff) -> String {
        diff.segments.map { segment in
            let text = escape(segment.text).replacingOccurrences(of: "\n", with: "<br>")
            switch segment.kind {
            case .equal: return text
            case .deleted: return "<del>\(text)</del>"
            case .inserted: return "<ins>\(text)</ins>"
            }
        }.joined()
    }

    private func numbered(_ number: String?, _ title: String) -> String { number.map { "\($0) \(title)" } ?? title }

    private func place(_ section: [String]?, _ number: String?) -> String {
        let path = (section ?? []).joined(separator: " › ")
        return [path.isEmpty ? "the top level" : path, number].compactMap { $0 }.joined(separator: " ")
    }

    func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }

    static let style = """
        body{font:16px/1.5 Georgia,serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}
        h1{font-size:1.5em;margin-bottom:0}h2{border-bottom:1px solid #ccc;margin-top:1.5em}
        .sides{color:#555;margin-top:.2em}code{font-size:.9em}
        del{background:#fdd;color:#900;text-decoration:line-through}ins{background:#dfd;color:#060;text-decoration:underline}
        table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:.3em .5em;text-align:left}
        tr.weakened .direction,tr.removed .direction{color:#900;font-weight:bold}
        tr.strengthened .direction,tr.added .direction{color:#060;font-weight:bold}
        .approvals{display:flex;gap:2em}.approvals div{flex:1}.none{color:#777}
        .clause{border-left:4px solid #ccc;padding:.2em 1em;margin:1em 0}.clause h3{margin:.2em 0;font-size:1.05em}
        .clause.added{border-color:#3a3}.clause.removed{border-color:#c33}.clause.moved{border-color:#36c}
        .clause.renumbered{border-color:#999}.clause.modified{border-color:#d90}
        .badge{font:bold .75em sans-serif;text-transform:uppercase;padding:.1em .4em;border-radius:.3em;background:#eee}
        .badge.moved{background:#def}.badge.added{background:#dfd}.badge.removed{background:#fdd}.badge.modified{background:#fed}
        .place{display:block;font:italic .85em Georgia,serif;color:#36c}
        """
}
