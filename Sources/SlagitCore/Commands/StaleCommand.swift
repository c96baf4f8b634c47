/// `slagit stale`: only the agreements that are out of date, each with why and what to do.
enum StaleCommand: Command {
    static let spec = CommandSpec(
        name: "stale", summary: "only the agreements that are out of date, with the reason",
        usage: "slagit stale [--as-of YYYY-MM-DD] [--warn-days N] [--format text|json]",
        valueOptions: ["format", "as-of", "warn-days"], flags: [], shortNames: [:], maxPositionals: 0,
        details: """
            Flags, for every agreement committed at HEAD: review-overdue (the last no-change
            review or full approval plus the review period), expired, expiring (within
            --warn-days, default 30, or git config slagit.expiryWarningDays),
            changed-since-approval, never-approved, reference-changed, reference-missing and
            not-yet-effective. Works offline from the repository alone. Exits 1 when anything
            is flagged, so a scheduled CI job fails.
            """)

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let format = try ReportFormat.from(arguments)
        let asOf = try Workspace.asOfDate(arguments)
        let workspace = try Workspace(context: context)
        let stale = try EvaluationReports.evaluateWithStaleness(workspace: workspace, arguments: arguments, asOf: asOf)
            .filter { !$0.flags.isEmpty }
        switch format {
        case .json:
            context.writeOutput(EvaluationReports.statusDocument(asOf: asOf, stale, onlyStaleness: true))
        default:
            if stale.isEmpty { context.print("No agreement is out of date on \(asOf).") }
            for (evaluation, flags) in stale {
                context.print("\(evaluation.id) (\(evaluation.path))")
                for flag in flags {
                    context.print("  \(flag.rule): \(flag.message)")
                    if let hint = flag.hint { context.print("    → \(hint)") }
                }
            }
        }
        return stale.isEmpty ? 0 : 1
    }
}
