/// `slagit log PATH`: the revisions of an agreement, with who approved each.
enum LogCommand: Command {
    static let spec = CommandSpec(
        name: "log", summary: "revisions of an agreement, with who approved each",
        usage: "slagit log PATH [--format text|json]", valueOptions: ["format", "as-of"], flags: [], shortNames: [:],
        maxPositionals: 1, details: "Lists the revisions reachable from HEAD, newest first, with their sound approvals."
    )

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let format = try ReportFormat.from(arguments)
        guard let userPath = arguments.positionals.first else {
            throw UserError("log needs the agreement's path", hint: "usage: \(spec.usage)")
        }
        let workspace = try Workspace(context: context)
        let head = try workspace.headCommit(orExplain: "list")
        let path = try workspace.repositoryPath(userPath)
        guard
            let evaluation = try EvaluationReports.evaluate(
                workspace: workspace, commit: head, path: path, asOf: try Workspace.asOfDate(arguments)
            ).first
        else { return 0 }
        func approvals(of revision: Revision) -> [ApprovalVerdict] {
            evaluation.verdicts.filter { $0.record?.revision == revision.number }
        }
        func reviews(of revision: Revision) -> [ReviewVerdict] {
            evaluation.reviews.filter { $0.record?.revision == revision.number }
        }
        func reviewJSON(_ verdict: ReviewVerdict) -> JSONValue {
            .object([
                ("tag", .string(verdict.tagName)), ("reviewer", .optional(verdict.record?.reviewer)),
                ("date", .optional(verdict.record?.reviewedOn.description)),
                ("outcome", .optional(verdict.record?.outcome.rawValue)),
                ("minutes", .optional(verdict.record?.minutes)),
                ("valid", .bool(verdict.counts)), ("status", .string(verdict.status.rawValue)),
                ("reason", .string(verdict.reason)),
            ])
        }
        switch format {
        case .json:
            context.writeOutput(
                JSONValue.object([
                    ("id", .string(evaluation.id)), ("path", .string(path)),
                    (
                        "revisions",
                        .array(
                            evaluation.revisions.map { revision in
                                .object([
                                    ("revision", .integer(revision.number)),
                                    ("commit", .string(revision.commit.id.hex)),
                                    ("author", .string(revision.commit.author.name)),
                                    ("author_email", .string(revision.commit.author.email)),
                                    ("date", .string(CalendarDate(revision.commit.committer.date).description)),
                                    ("summary", .string(summary(revision.commit.message))),
                                    ("approvals", .array(approvals(of: revision).map(EvaluationReports.approvalJSON))),
                                    ("reviews", .array(reviews(of: revision).map(reviewJSON))),
                                ])
                            })
                    ),
                ]).serialized())
        default:
            for revision in evaluation.revisions {
                let date = CalendarDate(revision.commit.committer.date)
                context.print(
                    "r\(revision.number)  \(revision.commit.id.short)  \(date)  \(revision.commit.author.name)  \(summary(revision.commit.message))"
                )
                for verdict in approvals(of: revision) {
                    let party = verdict.record?.party ?? "?"
                    context.print(
                        "    \(EvaluationReports.mark(verdict, colour: context.colourOutput)) \(party): \(verdict.record?.approver ?? "?") (\(verdict.status.rawValue))"
                    )
                }
                for verdict in reviews(of: revision) {
                    let record = verdict.record
                    let mark = verdict.counts ? "reviewed" : "review (\(verdict.status.rawValue))"
                    context.print(
                        "    \(mark) \(record?.reviewedOn.description ?? "?") by \(record?.reviewer ?? "?"): \(record?.outcome.rawValue ?? "?"), \(record?.minutes.split(separator: "\n").first ?? "")"
                    )
                }
            }
        }
        return 0
    }

    private static func summary(_ message: String) -> String {
        String(message.split(separator: "\n", omittingEmptySubsequences: true).first ?? "")
    }
}
