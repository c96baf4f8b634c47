/// `slagit show PATH --as-of DATE`: the text that was in force on a date.
enum ShowCommand: Command {
    static let spec = CommandSpec(
        name: "show", summary: "the text in force on a date, with its revision and approvals",
        usage: "slagit show PATH [--as-of YYYY-MM-DD] [--format text|json]", valueOptions: ["format", "as-of"],
        flags: [], shortNames: [:], maxPositionals: 1,
        details: """
            Prints the agreement as it was in force on --as-of (default: today): the newest
            revision whose approvals were all made by that day and whose effective date had come.
            The text goes to standard output, unchanged; which revision it is and who approved
            it go to standard error (or into --format json). Exits 1 when nothing was in force.
            """)

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let format = try ReportFormat.from(arguments)
        guard let userPath = arguments.positionals.first else {
            throw UserError("show needs the agreement's path", hint: "usage: \(spec.usage)")
        }
        let asOf = try Workspace.asOfDate(arguments)
        let workspace = try Workspace(context: context)
        let head = try workspace.headCommit(orExplain: "show")
        let path = try workspace.repositoryPath(userPath)
        guard
            let evaluation = try EvaluationReports.evaluate(workspace: workspace, commit: head, path: path, asOf: asOf)
                .first
        else { return 1 }
        guard let answer = try InForce.revision(on: asOf, evaluation: evaluation, repository: workspace.repository)
        else {
            context.report(
                Diagnostic(
                    .note, path: path, "no revision of \(evaluation.id) was fully approved and in effect on \(asOf)",
                    hint: "slagit log \(userPath) lists the revisions and their approvals"))
            return 1
        }
        let text = try workspace.text(of: answer.revision.blob)
        let approvers = answer.approvals.compactMap { verdict in
            verdict.record.map { "\($0.approver) (\($0.party), \(verdict.tagger?.calendarDate.description ?? "?"))" }
        }
        switch format {
        case .json:
            context.writeOutput(
                JSONValue.object([
                    ("id", .string(evaluation.id)), ("path", .string(answer.revision.path)),
                    ("as_of", .string(asOf.description)), ("revision", .integer(answer.revision.number)),
                    ("commit", .string(answer.revision.commit.id.hex)),
                    ("in_force_since", .string(answer.since.description)),
                    ("approvals", .array(answer.approvals.map(EvaluationReports.approvalJSON))),
                    ("text", .string(text)),
                ]).serialized())
        default:
            context.note(
                "\(evaluation.id) r\(answer.revision.number) was in force on \(asOf), approved by \(answer.since): "
                    + approvers.joined(separator: ", "))
            context.writeOutput(text)
        }
        return 0
    }
}
