/// `slagit check`: the pre-merge gate.
enum CheckCommand: Command {
    static let spec = CommandSpec(
        name: "check", summary: "the pre-merge gate for CI and git hooks",
        usage: "slagit check [--base REV] [--head REV] [--all] [--strict] [--format text|json|github]",
        valueOptions: ["base", "head", "format", "as-of"], flags: ["all", "strict"], shortNames: [:], maxPositionals: 0,
        details: """
            Looks at every agreement that differs between --base and --head (default HEAD), or
            every agreement with --all or without --base. Each must be valid, its newest
            revision must be the content at --head, fully approved by every party with verified
            signatures bound to exactly that content, and not expired. Prints one line per
            finding with file:line and exits 1 on any error. Warnings (review overdue) fail only
            with --strict. --format github writes workflow annotations. --as-of YYYY-MM-DD
            evaluates expiry and reviews on another day. SSH approvers' keys are read from the
            allowed-signers file as committed at --base (or --head), so a change cannot approve
            itself by adding a key.
            """)

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let format = try ReportFormat.from(arguments, allowed: [.text, .json, .github])
        let asOf = try Workspace.asOfDate(arguments)
        let workspace = try Workspace(context: context)
        let repository = workspace.repository
        let head =
            try arguments.value("head").map { try workspace.resolve(revision: $0, agreementPath: "").commit }
            ?? workspace.headCommit(orExplain: "check")
        var targets = try workspace.agreements(inCommit: head)
        let base = try arguments.value("base").map { try workspace.resolve(revision: $0, agreementPath: "").commit }
        if let base, !arguments.flag("all") {
            let before = Dictionary(
                try repository.files(inCommit: base).map { ($0.path, $0.blob) }, uniquingKeysWith: { a, _ in a })
            targets = targets.filter { before[$0.path] != $0.blob }
        }
        // The keys that vouch for approvers come from the base: a change under review
        // must not be able to approve itself by adding its own key.
        let evaluator = try workspace.evaluator(signers: .commit(base ?? head))
        let evaluations = try targets.map {
            try evaluator.evaluate(path: $0.path, blob: $0.blob, commit: head, asOf: asOf)
        }
        var findings = evaluations.flatMap(\.findings)
        if let base, let note = try signersChangeNote(workspace: workspace, base: base, head: head) {
            findings.append(note)
        }
        if findings.contains(where: { $0.rule == "missing-approval" }),
            try repository.references(withPrefix: "refs/tags/\(ApprovalRecord.tagPrefix)").isEmpty
        {
            findings.append(
                Finding(
                    severity: .note, agreement: nil, path: targets.first?.path ?? ".", line: 1,
                    rule: "no-approval-tags",
                    message: "this clone has no approval tags at all; CI clones often fetch none",
                    hint: "fetch them first: git fetch origin 'refs/tags/sla/*:refs/tags/sla/*'"))
        }
        let failing = findings.filter { $0.severity == .error || ($0.severity == .warning && arguments.flag("strict")) }
        let ok = failing.isEmpty
        switch format {
        case .json:
            context.writeOutput(
                JSONValue.object([
                    ("ok", .bool(ok)), ("checked", .array(evaluations.map { .string($0.path) })),
                    ("findings", EvaluationReports.findingsJSON(findings)),
                ]).serialized())
        case .github:
            for finding in findings {
                let level = finding.severity == .error ? "error" : finding.severity == .warning ? "warning" : "notice"
                let message = (finding.message + (finding.hint.map { ". Fix: \($0)" } ?? ""))
                    .replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\n", with: "%0A")
                context.print(
                    "::\(level) file=\(finding.path),line=\(finding.line),title=slagit \(finding.rule)::\(message)")
            }
        case .text:
            for finding in findings {
                context.print(finding.diagnostic.description)
            }
            let summary =
                ok
                ? "check passed: \(evaluations.count) agreement(s) approved and in force"
                : "check failed: \(failing.count) problem(s) in \(Set(failing.map(\.path)).count) file(s)"
                    + (arguments.flag("strict") ? "" : warningsNote(findings))
            context.print(context.colourOutput ? (ok ? Style.green(summary) : Style.red(summary)) : summary)
        }
        return ok ? 0 : 1
    }

    private static func warningsNote(_ findings: [Finding]) -> String {
        let warnings = findings.filter { $0.severity == .warning }.count
        return warnings == 0 ? "" : " (and \(warnings) warning(s), which fail only with --strict)"
    }

    /// A note when the change edits the allowed-signers file, which takes effect only
    /// once merged.
    private static func signersChangeNote(workspace: Workspace, base: ObjectID, head: ObjectID) throws -> Finding? {
        guard let file = try workspace.signingConfig().sshAllowedSignersFile,
            let relative = workspace.repositoryRelative(file),
            try workspace.repository.blobID(at: relative, inCommit: base)
                != workspace.repository.blobID(at: relative, inCommit: head)
        else { return nil }
        return Finding(
            severity: .note, agreement: nil, path: relative, line: 1, rule: "signers-changed",
            message:
                "this change edits the allowed-signers file; approvals are checked against the base's copy until it is merged",
            hint: "review the new keys; approvals made with them count after the merge")
    }
}
