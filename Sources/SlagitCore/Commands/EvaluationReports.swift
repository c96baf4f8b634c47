/// JSON and text pieces shared by status, verify and check.
enum EvaluationReports {
    static func findingsJSON(_ findings: [Finding]) -> JSONValue {
        .array(
            findings.map { finding in
                .object([
                    ("severity", .string(finding.severity.rawValue)), ("agreement", .optional(finding.agreement)),
                    ("path", .string(finding.path)), ("line", .integer(finding.line)), ("rule", .string(finding.rule)),
                    ("message", .string(finding.message)), ("hint", .optional(finding.hint)),
                ])
            })
    }

    static func approvalJSON(_ verdict: ApprovalVerdict) -> JSONValue {
        .object([
            ("tag", .string(verdict.tagName)), ("party", .optional(verdict.record?.party)),
            ("approver", .optional(verdict.record?.approver)), ("revision", .optional(verdict.record?.revision)),
            ("valid", .bool(verdict.counts)), ("status", .string(verdict.status.rawValue)),
            ("reason", .string(verdict.reason)),
        ])
    }

    /// One agreement as PRODUCT.md §6 describes `status` entries, with the staleness
    /// flags (`extraFlags`) merged in.
    static func agreementJSON(
        _ evaluation: AgreementEvaluation, extraFlags: [Finding] = [], onlyExtraFlags: Bool = false
    ) -> JSONValue {
        let details: [Finding] =
            onlyExtraFlags
            ? extraFlags
            : evaluation.findings + extraFlags.filter { flag in !evaluation.findings.contains { $0.rule == flag.rule } }
        let flags: [String] = Set(details.map(\.rule)).sorted()
        let parties: [JSONValue] = evaluation.parties.map { party in
            .object([
                ("party", .string(party.party)), ("quorum", .integer(party.quorum)),
                ("approved_by", .array(party.approvedBy.map(JSONValue.string))), ("satisfied", .bool(party.satisfied)),
            ])
        }
        var lastApproval = JSONValue.null
        if let approval = evaluation.lastFullApproval {
            lastApproval = .object([
                ("revision", .integer(approval.revision)), ("date", .string(approval.date.description)),
            ])
        }
        return .object([
            ("id", .string(evaluation.id)), ("path", .string(evaluation.path)),
            ("revision", .optional(evaluation.latest?.number)), ("approved", .bool(evaluation.approved)),
            ("parties", .array(parties)),
            ("approvals", .array(evaluation.verdicts.map(approvalJSON))),
            ("review_due", .optional(evaluation.reviewDue?.description)),
            ("expires", .optional(evaluation.agreement?.expires?.description)),
            ("flags", .array(flags.map(JSONValue.string))),
            ("flag_details", findingsJSON(details)),
            ("last_full_approval", lastApproval),
            ("last_review", .optional(evaluation.lastReview?.description)),
        ])
    }

    /// A check mark or cross for a verdict, coloured when allowed.
    static func mark(_ verdict: ApprovalVerdict, colour: Bool) -> String {
        switch verdict.status {
        case .valid, .carriedOver: colour ? Style.green("✓") : "✓"
        case .superseded, .elsewhere, .withdrawn: "·"
        default: colour ? Style.red("✗") : "✗"
        }
    }

    /// The `status` and `stale` document: `{"as_of", "agreements"}`. `stale` lists only
    /// staleness flags; `status` every finding with them.
    static func statusDocument(
        asOf: CalendarDate, _ results: [(evaluation: AgreementEvaluation, flags: [Finding])], onlyStaleness: Bool
    ) -> String {
        JSONValue.object([
            ("as_of", .string(asOf.description)),
            (
                "agreements",
                .array(
                    results.map { agreementJSON($0.evaluation, extraFlags: $0.flags, onlyExtraFlags: onlyStaleness) })
            ),
        ]).serialized()
    }

    /// Evaluates every agreement at HEAD with its staleness flags (`--warn-days` honoured).
    static func evaluateWithStaleness(
        workspace: Workspace, arguments: ParsedArguments, asOf: CalendarDate
    ) throws -> [(evaluation: AgreementEvaluation, flags: [Finding])] {
        let head = try workspace.headCommit(orExplain: "report")
        let warningDays = try workspace.expiryWarningDays(arguments.value("warn-days"))
        return try evaluate(workspace: workspace, commit: head, path: nil, asOf: asOf).map {
            ($0, StalenessRules.flags($0, asOf: asOf, warningDays: warningDays))
        }
    }

    /// Evaluates the agreements of `commit`, or only the one at `path`.
    static func evaluate(
        workspace: Workspace, commit: ObjectID, path: String?, asOf: CalendarDate
    ) throws -> [AgreementEvaluation] {
        let evaluator = try workspace.evaluator()
        let targets: [(path: String, blob: ObjectID)]
        if let path {
            // One file: read it alone rather than every Markdown file in the tree.
            guard let blob = try workspace.repository.blobID(at: path, inCommit: commit),
                AgreementParser.isAgreement(try workspace.text(of: blob))
            else {
                throw UserError(
                    path: path, "not an agreement committed at HEAD", hint: "propose it first, or check the path")
            }
            targets = [(path, blob)]
        } else {
            targets = try workspace.agreements(inCommit: commit)
        }
        return try targets.map { try evaluator.evaluate(path: $0.path, blob: $0.blob, commit: commit, asOf: asOf) }
    }
}
