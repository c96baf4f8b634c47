import Foundation

/// The formats `slagit check` speaks: text for people, and what CI systems read.
enum CheckRenderer {
    static func text(_ outcome: CheckOutcome, colour: Bool) -> String {
        var lines = outcome.findings.map(\.diagnostic.description)
        let warnings = outcome.findings.filter { $0.severity == .warning }.count
        let summary =
            outcome.ok
            ? (outcome.evaluations.isEmpty
                ? "check passed: no agreement is touched by this change"
                : "check passed: \(outcome.evaluations.count) agreement(s) approved and in force")
            : "check failed: \(outcome.failing.count) problem(s) in \(Set(outcome.failing.map(\.path)).count) file(s)"
                + (outcome.strict || warnings == 0
                    ? "" : " (and \(warnings) warning(s), which fail only with --strict)")
        lines.append(colour ? (outcome.ok ? Style.green(summary) : Style.red(summary)) : summary)
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ outcome: CheckOutcome) -> String {
        JSONValue.object([
            ("ok", .bool(outcome.ok)), ("checked", .array(outcome.evaluations.map { .string($0.path) })),
            ("findings", EvaluationReports.findingsJSON(outcome.findings)),
        ]).serialized()
    }

    /// GitHub Actions workflow commands: each finding becomes an annotation on its line.
    static func github(_ outcome: CheckOutcome) -> String {
        outcome.findings.map { finding in
            let level = finding.severity == .error ? "error" : finding.severity == .warning ? "warning" : "notice"
            let message = escapeWorkflowData(finding.message + (finding.hint.map { ". Fix: \($0)" } ?? ""))
            let file = escapeWorkflowProperty(finding.path)
            return "::\(level) file=\(file),line=\(finding.line),title=slagit \(finding.rule)::\(message)\n"
        }.joined()
    }

    /// Properties (file=…) also escape ':' and ',', which separate them.
    static func escapeWorkflowProperty(_ text: String) -> String {
        escapeWorkflowData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    static func escapeWorkflowData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// JUnit XML: one test case per agreement and rule, so CI dashboards list each.
    static func junit(_ outcome: CheckOutcome) -> String {
        let rules = [
            "invalid-agreement", "not-proposed", "missing-approval", "invalid-approval", "expired", "review-overdue",
        ]
        var cases: [String] = []
        var failures = 0
        for evaluation in outcome.evaluations {
            let present =
                evaluation.findings.map(\.rule) + outcome.findings.filter { $0.path == evaluation.path }.map(\.rule)
            for rule in rules + Set(present).subtracting(rules).sorted() {
                let hits = outcome.findings.filter { $0.rule == rule && $0.path == evaluation.path }
                let failing = hits.filter { outcome.failing.contains($0) }
                var element =
                    "    <testcase classname=\"\(xml(evaluation.id))\" name=\"\(rule)\" file=\"\(xml(evaluation.path))\""
                if failing.isEmpty {
                    let notes = hits.map { "\($0.path):\($0.line): \($0.severity.rawValue): \($0.message)" }
                    element +=
                        notes.isEmpty
                        ? "/>"
                        : ">\n      <system-out>\(xml(notes.joined(separator: "\n")))</system-out>\n    </testcase>"
                } else {
                    failures += 1
                    let body = failing.map {
                        "\($0.path):\($0.line): \($0.message)" + ($0.hint.map { "\nfix: \($0)" } ?? "")
                    }
                    element +=
                        ">\n      <failure message=\"\(xml(failing[0].message))\" type=\"\(rule)\">\(xml(body.joined(separator: "\n")))</failure>\n    </testcase>"
                }
                cases.append(element)
            }
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites name="slagit check" tests="\(cases.count)" failures="\(failures)">
              <testsuite name="slagit check" tests="\(cases.count)" failures="\(failures)" errors="0">
            \(cases.joined(separator: "\n"))
              </testsuite>
            </testsuites>

            """
    }

    static func xml(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case _ where scalar.value < 0x20 && scalar != "\n" && scalar != "\t": out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A pull-request comment: a verdict, a table of agreements, and what to do.
    static func markdown(_ outcome: CheckOutcome) -> String {
        var lines = [outcome.ok ? "### ✅ slagit check passed" : "### ❌ slagit check failed", ""]
        if outcome.evaluations.isEmpty {
            lines.append("No agreement is touched by this change.")
        } else {
            lines += ["| Agreement | Revision | Approved | Parties |", "|---|---|---|---|"]
            for evaluation in outcome.evaluations {
                let parties = evaluation.parties.map { "\($0.party) \($0.approvedBy.count)/\($0.quorum)" }
                    .joined(separator: ", ")
                lines.append(
                    "| `\(cell(evaluation.path))` | \(evaluation.latest.map { "r\($0.number)" } ?? "—") | \(evaluation.approved ? "yes" : "**no**") | \(cell(parties)) |"
                )
            }
        }
        if !outcome.findings.isEmpty {
            lines += ["", "#### Findings", ""]
            for finding in outcome.findings {
                let mark = finding.severity == .error ? "❌" : finding.severity == .warning ? "⚠️" : "ℹ️"
                lines.append("- \(mark) `\(finding.path):\(finding.line)` **\(finding.rule)**: \(finding.message)")
                if let hint = finding.hint {
                    lines.append("  - Fix: \(hint)")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
}
