/// `slagit status`: every agreement with its revision, approvals, dates and flags.
enum StatusCommand: Command {
    static let spec = CommandSpec(
        name: "status", summary: "every agreement: revision, approvals per party, review and expiry dates, flags",
        usage: "slagit status [--format text|json] [--as-of YYYY-MM-DD] [--warn-days N]",
        valueOptions: ["format", "as-of", "warn-days"], flags: [],
        shortNames: [:], maxPositionals: 0,
        details: "Reports the agreements committed at HEAD. Dates are evaluated against today unless --as-of is given.")

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let format = try ReportFormat.from(arguments)
        let asOf = try Workspace.asOfDate(arguments)
        let workspace = try Workspace(context: context)
        let results = try EvaluationReports.evaluateWithStaleness(
            workspace: workspace, arguments: arguments, asOf: asOf)
        let evaluations = results.map(\.evaluation)
        let staleness = results.map(\.flags)
        switch format {
        case .json:
            context.writeOutput(EvaluationReports.statusDocument(asOf: asOf, results, onlyStaleness: false))
        default:
            if evaluations.isEmpty { context.print("No agreements committed at HEAD.") }
            for (evaluation, stale) in zip(evaluations, staleness) {
                let revision = evaluation.latest.map { "r\($0.number)" } ?? "not proposed"
                let state = evaluation.approved ? "approved" : "NOT approved"
                context.print("\(evaluation.id)  \(revision)  \(state)  \(evaluation.path)")
                for party in evaluation.parties {
                    let who = party.approvedBy.isEmpty ? "none" : party.approvedBy.joined(separator: ", ")
                    context.print("  \(party.party): \(party.approvedBy.count)/\(party.quorum) (\(who))")
                }
                var dates: [String] = []
                if let due = evaluation.reviewDue { dates.append("review due \(due)") }
                if let expires = evaluation.agreement?.expires { dates.append("expires \(expires)") }
                if !dates.isEmpty { context.print("  " + dates.joined(separator: ", ")) }
                let shown =
                    evaluation.findings
                    + stale.filter { flag in !evaluation.findings.contains { $0.rule == flag.rule } }
                for finding in shown {
                    context.print("  \(finding.severity == .error ? "!" : "~") \(finding.rule): \(finding.message)")
                }
            }
        }
        return 0
    }
}
