/// `slagit verify [PATH]`: checks every approval's signature, signer and binding.
enum VerifyCommand: Command {
    static let spec = CommandSpec(
        name: "verify", summary: "verify every approval's signature, signer and bound content",
        usage: "slagit verify [PATH] [--format text|json]", valueOptions: ["format", "as-of"], flags: [],
        shortNames: [:], maxPositionals: 1,
        details: """
            For every approval tag of every agreement committed at HEAD (or of PATH), checks the
            signature with git's own signing programs, that the signer is one of the party's
            approvers, and that the tag binds the content it claims. Exits 1 when any approval
            tag is unsound (a forgery, a mistake), even one for an earlier revision: verify is
            the auditor's view. Approvals of earlier revisions are listed as superseded, and
            approvals of revisions on branches not merged here as elsewhere; neither fails.
            """)

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let format = try ReportFormat.from(arguments)
        let workspace = try Workspace(context: context)
        let head = try workspace.headCommit(orExplain: "verify")
        let path = try arguments.positionals.first.map(workspace.repositoryPath)
        let evaluations = try EvaluationReports.evaluate(
            workspace: workspace, commit: head, path: path, asOf: try Workspace.asOfDate(arguments))
        let findings = evaluations.flatMap { $0.findings.filter { $0.rule == "invalid-approval" } }
        let ok = findings.isEmpty
        switch format {
        case .json:
            context.writeOutput(
                JSONValue.object([
                    ("ok", .bool(ok)), ("findings", EvaluationReports.findingsJSON(findings)),
                    (
                        "approvals",
                        .array(
                            evaluations.flatMap { evaluation in
                                evaluation.verdicts.map { verdict in
                                    var json = EvaluationReports.approvalJSON(verdict)
                                    if case .object(var fields) = json {
                                        fields.insert(("agreement", .string(evaluation.id)), at: 0)
                                        json = .object(fields)
                                    }
                                    return json
                                }
                            })
                    ),
                ]).serialized())
        default:
            for evaluation in evaluations {
                context.print("\(evaluation.id) (\(evaluation.path))")
                if evaluation.verdicts.isEmpty { context.print("  no approvals") }
                for verdict in evaluation.verdicts {
                    context.print(
                        "  \(EvaluationReports.mark(verdict, colour: context.colourOutput)) \(verdict.tagName): \(verdict.status.rawValue): \(verdict.reason)"
                    )
                }
            }
            let count = evaluations.reduce(0) { $0 + $1.verdicts.count }
            context.print(
                count == 0
                    ? "No approvals to verify."
                    : ok
                        ? "All \(count) approval(s) verify."
                        : "\(findings.count) of \(count) approval(s) do not verify.")
        }
        return ok ? 0 : 1
    }
}
