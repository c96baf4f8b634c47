/// What the pre-merge gate found.
public struct CheckOutcome: Sendable {
    public let evaluations: [AgreementEvaluation]
    public let findings: [Finding]
    public let strict: Bool

    /// Errors, and warnings too under `--strict`.
    public var failing: [Finding] { findings.filter { $0.severity == .error || ($0.severity == .warning && strict) } }
    public var ok: Bool { failing.isEmpty }
}

/// The pre-merge gate (PRODUCT.md §5), shared by `slagit check` and the git hooks.
///
/// Where the clone cannot show the truth (no approval tags, history cut short, no
/// common history with the base), it throws a ``UserError`` (exit 2) rather than pass or
/// fail on evidence it does not have.
struct PreMergeCheck {
    let workspace: Workspace
    var asOf: CalendarDate
    var strict = false
    /// Whether removing an agreement (deleting it, or its `agreement:` key) is allowed.
    var allowRemoval = false
    /// Where SSH approvers' keys come from; by default the allowed-signers file as
    /// committed at the base (or, with no base, at the head).
    var signers: Workspace.SignersSource?
    /// Tags arriving in the push a server hook judges.
    var pendingTags: [(name: String, target: ObjectID)] = []

    /// Checks the agreements that differ between the merge base of `base` and `head`,
    /// and `head` (all agreements at `head` when `base` is nil or `all` is set).
    func run(base: ObjectID?, head: ObjectID, all: Bool) throws -> CheckOutcome {
        let repository = workspace.repository
        let allAtHead = try workspace.agreements(inCommit: head)
        var targets = allAtHead
        var forkPoint: ObjectID?
        if let base {
            guard let found = try repository.mergeBase(base, head) else {
                throw UserError(
                    "the base \(base.short) and the head \(head.short) share no history, so the change cannot be told apart",
                    hint: repository.isShallow
                        ? "this is a shallow clone: fetch the whole history (git fetch --unshallow, or fetch-depth: 0 in actions/checkout)"
                        : "check that --base names the branch this change will merge into")
            }
            forkPoint = found
            if !all {
                let before = Dictionary(
                    try repository.files(inCommit: found).map { ($0.path, $0.blob) }, uniquingKeysWith: { a, _ in a })
                // Touched: the agreement itself, or any document it references.
                targets = try targets.filter { target in
                    guard before[target.path] == target.blob else { return true }
                    let references =
                        (try? AgreementParser.parseAgreement(workspace.text(of: target.blob), path: target.path))?
                        .references ?? []
                    return try references.contains { try before[$0] != repository.blobID(at: $0, inCommit: head) }
                }
            }
        }
        // The keys that vouch for approvers come from the base: a change under review
        // must not be able to approve itself by adding its own key.
        let evaluator = try workspace.evaluator(signers: signers ?? .commit(base ?? head), pendingTags: pendingTags)
        let evaluations = try targets.map {
            try evaluator.evaluate(path: $0.path, blob: $0.blob, commit: head, asOf: asOf)
        }
        var findings = evaluations.flatMap(\.findings)
        // What will soon need attention is said, but fails the check only with --strict.
        let warningDays = try workspace.expiryWarningDays(nil)
        for evaluation in evaluations {
            findings += StalenessRules.flags(evaluation, asOf: asOf, warningDays: warningDays)
                .filter { ["review-overdue", "expiring"].contains($0.rule) }
        }
        if let forkPoint, let note = try signersChangeNote(base: forkPoint, head: head) { findings.append(note) }
        if let forkPoint { findings += try removals(since: forkPoint, head: head, remaining: allAtHead) }
        findings += try cloneNotes(findings: findings, paths: targets.map(\.path))
        return CheckOutcome(evaluations: evaluations, findings: findings, strict: strict)
    }

    /// Agreements in force at the fork point that the change deletes, or turns into plain
    /// Markdown by dropping `agreement:`: either takes an approved agreement out of
    /// force without anyone's approval.
    private func removals(since forkPoint: ObjectID, head: ObjectID, remaining atHead: [(path: String, blob: ObjectID)])
        throws
        -> [Finding]
    {
        let remaining = Set(atHead.map(\.path))
        return try workspace.agreements(inCommit: forkPoint).filter { !remaining.contains($0.path) }.map { removed in
            let deleted = try workspace.repository.blobID(at: removed.path, inCommit: head) == nil
            return Finding(
                severity: allowRemoval ? .note : .error, agreement: nil, path: removed.path, line: 1,
                rule: "removed-agreement",
                message: deleted
                    ? "this change deletes the agreement at \(removed.path)"
                    : "this change removes the 'agreement:' key, so \(removed.path) stops being an agreement",
                hint: allowRemoval
                    ? "retiring it was allowed with --allow-removal"
                    : "if retiring it is agreed, run the check with --allow-removal; otherwise restore it")
        }
    }

    /// A failure that comes only from what this clone lacks is an environment problem:
    /// in a shallow clone it throws. In a full clone with no approval tags at all the
    /// failure may be real (nothing approved yet), so it stands, with a note.
    private func cloneNotes(findings: [Finding], paths: [String]) throws -> [Finding] {
        let repository = workspace.repository
        let wouldFail = findings.contains { ["missing-approval", "not-proposed"].contains($0.rule) }
        guard wouldFail else { return [] }
        let storedTags = try repository.references(withPrefix: "refs/tags/\(ApprovalRecord.tagPrefix)")
        let hasTags = !pendingTags.isEmpty || !storedTags.isEmpty
        if repository.isShallow && !hasTags {
            throw UserError(
                "this is a shallow clone without approval tags, so approvals cannot be checked",
                hint:
                    "fetch the history and the tags first: git fetch --unshallow origin 'refs/tags/sla/*:refs/tags/sla/*' (in GitHub Actions: actions/checkout with fetch-depth: 0 and fetch-tags: true)"
            )
        }
        if repository.isShallow {
            throw UserError(
                "this is a shallow clone: revisions or approvals older than its history may be missing, so the failure cannot be trusted",
                hint: "fetch the whole history: git fetch --unshallow (or fetch-depth: 0 in actions/checkout)")
        }
        guard !hasTags else { return [] }
        return [
            Finding(
                severity: .note, agreement: nil, path: paths.first ?? ".", line: 1, rule: "no-approval-tags",
                message: "this clone has no approval tags at all; CI clones often fetch none",
                hint: "fetch them first: slagit fetch (or git fetch origin 'refs/tags/sla/*:refs/tags/sla/*')")
        ]
    }

    /// A note when the change edits the allowed-signers file, which takes effect only
    /// once merged.
    private func signersChangeNote(base: ObjectID, head: ObjectID) throws -> Finding? {
        let configured = try workspace.signingConfig().sshAllowedSignersFile
        let relative = configured.flatMap(workspace.repositoryRelative) ?? Workspace.defaultAllowedSigners
        let repository = workspace.repository
        guard try repository.blobID(at: relative, inCommit: base) != repository.blobID(at: relative, inCommit: head)
        else { return nil }
        return Finding(
            severity: .note, agreement: nil, path: relative, line: 1, rule: "signers-changed",
            message:
                "this change edits the allowed-signers file; approvals are checked against the base's copy until it is merged",
            hint: "review the new keys; approvals made with them count after the merge")
    }
}
