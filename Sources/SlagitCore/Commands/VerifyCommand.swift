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

    /// What an auditor must hear about: every record tag that does not verify (of any
    /// revision, approvals and reviews alike), and every approval of the revision in force
    /// that no longer binds the content in force.
    static func auditFindings(_ evaluation: AgreementEvaluation) -> [Finding] {
        var findings = evaluation.findings.filter { $0.rule == "invalid-approval" }
        func add(_ rule: String, _ message: String, _ hint: String) {
            findings.append(
                Finding(
                    severity: .error, agreement: evaluation.id, path: evaluation.path, line: 1, rule: rule,
                    message: message, hint: hint))
        }
        for verdict in evaluation.verdicts
        where verdict.status == .contentMismatch && verdict.record?.revision == evaluation.latest?.number {
            add(
                "unbound-approval",
                "approval tag \(verdict.tagName) no longer binds the content in force: \(verdict.reason)",
                "propose the content in force (slagit propose \(evaluation.path)) and collect approvals, or restore the approved content"
            )
        }
        for review in evaluation.reviews where !review.isSound {
            add(
                "invalid-review",
                "review tag \(review.tagName) does not count (\(review.status.rawValue)): \(review.reason)",
                "remove it where it was shared (git push origin :refs/tags/\(review.tagName))")
        }
        return findings
    }

    static func reviewJSON(_ verdict: ReviewVerdict) -> JSONValue {
        .object([
            ("tag", .string(verdict.tagName)), ("reviewer", .optional(verdict.record?.reviewer)),
            ("date", .optional(verdict.record?.reviewedOn.description)),
            ("outcome", .optional(verdict.record?.outcome.rawValue)), ("valid", .bool(verdict.counts)),
            ("status", .string(verdict.status.rawValue)), ("reason", .string(verdict.reason)),
        ])
    }

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let format = try ReportFormat.from(arguments)
        let workspace = try Workspace(context: context)
        let head = try workspace.headCommit(orExplain: "verify")
        let path = try arguments.positionals.first.map(workspace.repositoryPath)
        let evaluations = try EvaluationReports.evaluate(
            workspace: workspace, commit: head, path: path, asOf: try Workspace.asOfDate(arguments))
        let findings = evaluations.flatMap(auditFindings)
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
                    ("reviews", .array(evaluations.flatMap { $0.reviews.map(reviewJSON) })),
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
                for verdict in evaluation.reviews {
                    let mark = verdict.isSound ? "·" : (context.colourOutput ? Style.red("✗") : "✗")
                    context.print("  \(mark) \(verdict.tagName): review \(verdict.status.rawValue): \(verdict.reason)")
                }
            }
            let approvals = evaluations.reduce(0) { $0 + $1.verdicts.count }
            let reviews = evaluations.reduce(0) { $0 + $1.reviews.count }
            if approvals + reviews == 0 {
                context.print("No approvals or reviews to verify.")
            } else if ok {
                context.print("All \(approvals) approval(s) and \(reviews) review(s) verify.")
            } else {
                findings.forEach { context.print($0.diagnostic.description) }
                context.print("\(findings.count) problem(s) among \(approvals) approval(s) and \(reviews) review(s).")
            }
        }
        return ok ? 0 : 1
    }
}
