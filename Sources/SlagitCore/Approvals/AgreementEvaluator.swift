/// The state of one agreement as of one commit: its revision, its approvals, whether
/// it is approved, and every problem found on the way.
public struct AgreementEvaluation: Sendable {
    public struct PartyApprovals: Sendable {
        public let party: String
        public let quorum: Int
        public let approvers: [String]
        /// Approvers whose approval of the content in force counts.
        public let approvedBy: [String]
        public var satisfied: Bool { approvedBy.count >= quorum }
    }

    public let path: String
    public let agreement: Agreement?
    public let blob: ObjectID
    public let latest: Revision?
    public let revisions: [Revision]
    public let verdicts: [ApprovalVerdict]
    public let parties: [PartyApprovals]
    public let findings: [Finding]
    public let reviewDue: CalendarDate?
    /// Review records of this agreement, each checked like an approval.
    public let reviews: [ReviewVerdict]
    /// The newest revision whose approvals were complete, and the day they became so.
    public let lastFullApproval: (revision: Int, date: CalendarDate)?
    /// The newest valid no-change review of the content in force.
    public let lastReview: CalendarDate?
    /// Each referenced document and its blob in the commit evaluated (nil: missing).
    public let references: [(path: String, blob: ObjectID?)]

    public var id: String { agreement?.id ?? path }
    public var approved: Bool {
        agreement != nil && latest?.blob == blob && !parties.isEmpty && parties.allSatisfy(\.satisfied)
    }
    public var flags: [String] { Array(Set(findings.map(\.rule))).sorted() }
}

/// Works out ``AgreementEvaluation``s.
public struct AgreementEvaluator {
    let repository: Repository
    let approvals: ApprovalVerifier

    public init(repository: Repository, approvals: ApprovalVerifier) {
        self.repository = repository
        self.approvals = approvals
    }

    /// Evaluates the agreement at `path` as committed in `commit`, on the date `asOf`.
    public func evaluate(path: String, blob: ObjectID, commit: ObjectID, asOf: CalendarDate) throws
        -> AgreementEvaluation
    {
        let text = String(decoding: try repository.blobData(blob), as: UTF8.self)
        var findings: [Finding] = []
        func add(
            _ severity: Diagnostic.Severity, _ rule: String, _ message: String, line: Int = 1, hint: String?,
            id: String?
        ) {
            findings.append(
                Finding(
                    severity: severity, agreement: id, path: path, line: line, rule: rule, message: message, hint: hint)
            )
        }
        let agreement: Agreement
        do {
            agreement = try AgreementParser.parseAgreement(text, path: path)
        } catch let error as UserError {
            for diagnostic in error.diagnostics {
                findings.append(
                    Finding(
                        severity: .error, agreement: nil, path: path, line: diagnostic.location?.line ?? 1,
                        rule: "invalid-agreement", message: diagnostic.message, hint: diagnostic.hint))
            }
            return AgreementEvaluation(
                path: path, agreement: nil, blob: blob, latest: nil, revisions: [], verdicts: [], parties: [],
                findings: findings, reviewDue: nil, reviews: [], lastFullApproval: nil, lastReview: nil, references: [])
        }
        let id = agreement.id
        let revisions = try RevisionHistory.revisions(of: id, in: repository, from: commit)
        let latest = revisions.first
        if let latest {
            if latest.blob != blob {
                add(
                    .error, "not-proposed",
                    "the content differs from revision \(latest.number): it was changed without slagit propose",
                    hint: "propose it: slagit propose \(path) -m \"what changed\"", id: id)
            }
        } else {
            add(
                .error, "not-proposed", "no revision of \(id) has been proposed",
                hint: "slagit propose \(path) -m \"first revision\"", id: id)
        }

        let currentReferences = try agreement.references.map { reference in
            (path: reference, blob: try repository.blobID(at: reference, inCommit: commit))
        }
        for reference in agreement.references where try repository.isSymbolicLink(at: reference, inCommit: commit) {
            add(
                .error, "reference-symlink",
                "referenced document \(reference) is a symbolic link: approvals bind the link, not the document",
                hint: "reference the file it points to", id: id)
        }
        var verdicts: [ApprovalVerdict] = []
        for tag in try approvals.approvalTags(of: id) {
            var verdict = try approvals.verify(tagName: tag.name, target: tag.target, agreementID: id)
            if verdict.status == .valid, let record = verdict.record {
                bind(&verdict, record: record, revisions: revisions, blob: blob, references: currentReferences)
            }
            verdicts.append(verdict)
        }
        applyWithdrawals(to: &verdicts)
        if let latest, latest.blob == blob {
            try applyCarryOver(
                to: &verdicts, agreement: agreement, latest: latest, current: text, references: currentReferences)
        }

        var parties: [AgreementEvaluation.PartyApprovals] = []
        for party in agreement.parties {
            let approvedBy = party.approvers(among: verdicts.filter(\.counts)).sorted()
            let summary = AgreementEvaluation.PartyApprovals(
                party: party.role, quorum: party.quorum, approvers: party.approvers, approvedBy: approvedBy)
            parties.append(summary)
            if !summary.satisfied, let latest, latest.blob == blob {
                let missing = party.approvers.filter { !approvedBy.contains($0.lowercased()) }
                let needed =
                    party.quorum == party.approvers.count
                    ? "approvals from all of: \(missing.joined(separator: ", "))"
                    : "\(party.quorum - approvedBy.count) more approval(s) from any of: \(missing.joined(separator: ", "))"
                let since = try changesSinceLastApproval(of: party.role, verdicts: verdicts, current: text, path: path)
                add(
                    .error, "missing-approval",
                    "party '\(party.role)' needs \(needed) for revision \(latest.number) (has \(approvedBy.count) of \(party.quorum))"
                        + (since?.summary ?? ""),
                    line: since?.line ?? party.location.line,
                    hint: "an approver of \(party.role) runs: slagit approve \(path) --party \(party.role)", id: id)
            }
        }
        // A tag that does not verify never counts, so it cannot pass anything; it is
        // reported, but as a warning: anyone who can push a tag could otherwise block
        // every merge. `verify`, the auditor's view, fails on it.
        for verdict in verdicts where !verdict.isSound {
            add(
                .warning, "invalid-approval",
                "approval tag \(verdict.tagName) does not count (\(verdict.status.rawValue)): \(verdict.reason)",
                hint: verdict.status == .unknownKey
                    ? "if the approver is genuine, add their key where this machine looks (the allowed-signers file or the gpg keyring); otherwise remove the tag where it was shared (git push origin :refs/tags/\(verdict.tagName))"
                    : "if it is your tag, approve again to replace it; otherwise remove it where it was shared (git push origin :refs/tags/\(verdict.tagName))",
                id: id)
        }
        if let expires = agreement.expires, expires < asOf {
            add(
                .error, "expired", "expired on \(expires)", hint: "propose a revision with a new 'expires:' date",
                id: id)
        }
        let fullApproval = lastFullApproval(verdicts: verdicts, agreement: agreement)
        var reviews: [ReviewVerdict] = []
        for tag in try approvals.reviewTags(of: id) {
            var verdict: ReviewVerdict = try approvals.verifyRecord(
                tagName: tag.name, target: tag.target, agreementID: id)
            if verdict.status == .valid, !revisions.contains(where: { $0.commit.id == verdict.commit }) {
                verdict.status = .elsewhere
                verdict.reason = "reviews a revision on another line of history"
            }
            reviews.append(verdict)
        }
        // A no-change review of exactly the content in force restarts the clock.
        let lastReview = reviews.filter { $0.counts && $0.record?.outcome == .noChange && $0.record?.blob == blob }
            .compactMap { $0.record?.reviewedOn }.max()
        let clockStart = [fullApproval?.date, lastReview].compactMap { $0 }.max()
        let reviewDue = agreement.review.flatMap { period in clockStart.map(period.after) }
        return AgreementEvaluation(
            path: path, agreement: agreement, blob: blob, latest: latest, revisions: revisions, verdicts: verdicts,
            parties: parties, findings: findings, reviewDue: reviewDue, reviews: reviews,
            lastFullApproval: fullApproval, lastReview: lastReview, references: currentReferences)
    }

    /// Lets a party's approval of an earlier revision count for the one in force when the
    /// policy of the content they approved allows it for every change since (the policy
    /// of the new content cannot vouch for itself).
    private func applyCarryOver(
        to verdicts: inout [ApprovalVerdict], agreement: Agreement, latest: Revision, current: String,
        references: [(path: String, blob: ObjectID?)]
    ) throws {
        for party in agreement.parties {
            guard party.approvers(among: verdicts.filter(\.counts)).count < party.quorum else { continue }
            let candidates = verdicts.indices.filter {
                verdicts[$0].status == .superseded && verdicts[$0].record?.party == party.role
            }
            // Grouped by the commit each tag points at, whose content the tag binds and
            // verification checked: never by revision number, which any commit can claim.
            let commits = Dictionary(grouping: candidates) { verdicts[$0].commit?.hex ?? "" }
            let newestFirst = commits.values.sorted {
                (verdicts[$0[0]].record?.revision ?? 0) > (verdicts[$1[0]].record?.revision ?? 0)
            }
            for group in newestFirst {
                guard let record = verdicts[group[0]].record else { continue }
                let approvedText = String(decoding: try repository.blobData(record.blob), as: UTF8.self)
                guard let approved = try? AgreementParser.parseAgreement(approvedText, path: record.path),
                    !approved.approvalPolicy.carryOver.isEmpty
                else { continue }
                let report = DiffReport.compare(
                    old: approvedText, new: current, path: record.path, from: "r\(record.revision)", to: latest.label)
                let sameReferences = group.allSatisfy { index in
                    let bound = verdicts[index].record!.references.map { "\($0.path) \($0.blob?.hex ?? "-")" }
                    return bound == references.map { "\($0.path) \($0.blob?.hex ?? "-")" }
                }
                guard sameReferences,
                    let why = Self.carryOverReason(
                        report, policy: approved.approvalPolicy, party: party.role,
                        parties: approved.parties.map(\.role))
                else { continue }
                for index in group {
                    verdicts[index].status = .carriedOver
                    verdicts[index].reason =
                        "approves r\(record.revision); counts for r\(latest.number) by carry-over: \(why)"
                }
                break
            }
        }
    }

    /// Why the changes in `report` keep `party`'s approval under `policy`, or nil. For
    /// `unowned-clauses`, every changed clause must be owned by another party, under its
    /// old id and its new one: a clause nobody owns, or one whose id was changed to leave
    /// its owner, carries nothing.
    static func carryOverReason(
        _ report: DiffReport, policy: Agreement.ApprovalPolicy, party: String, parties: [String]
    ) -> String? {
        guard report.metadata.isEmpty, report.objectives.isEmpty else { return nil }
        let meaningful = report.clauses.filter { $0.kind != .formatting }
        if meaningful.isEmpty, policy.carryOver.contains(.formatting) {
            return "only formatting changed"
        }
        let others = parties.filter { $0 != party }
        func ownedElsewhere(_ id: String) -> Bool {
            !policy.party(party, owns: id) && others.contains { policy.party($0, owns: id) }
        }
        guard policy.carryOver.contains(.unownedClauses), !meaningful.isEmpty,
            meaningful.allSatisfy({ ownedElsewhere($0.id) && ownedElsewhere($0.fromID ?? $0.id) })
        else { return nil }
        return "the clauses changed (\(meaningful.map(\.id).joined(separator: ", "))) are owned by other parties"
    }

    /// Marks each approval that a sound withdrawal by the same approver takes back.
    private func applyWithdrawals(to verdicts: inout [ApprovalVerdict]) {
        let withdrawals = verdicts.filter { verdict in
            verdict.record?.isWithdrawal == true && [.valid, .superseded, .contentMismatch].contains(verdict.status)
        }
        for index in verdicts.indices {
            if verdicts[index].record?.isWithdrawal == true, verdicts[index].isSound {
                verdicts[index].reason = "withdraws the approval of r\(verdicts[index].record!.revision) it names"
                continue
            }
            guard let record = verdicts[index].record, verdicts[index].wasValidWhenMade,
                let withdrawal = withdrawals.first(where: { $0.record!.withdraws(record) })
            else { continue }
            verdicts[index].status = .withdrawn
            let day = withdrawal.tagger.map { " on \($0.calendarDate)" } ?? ""
            verdicts[index].reason = "withdrawn by \(record.approver)\(day) (\(withdrawal.tagName))"
        }
    }

    /// What changed since the revision a party last approved: a short list for the
    /// finding, and the line of the first changed clause (where CI shows the finding).
    private func changesSinceLastApproval(
        of party: String, verdicts: [ApprovalVerdict], current: String, path: String
    ) throws -> (summary: String, line: Int?)? {
        let approved = verdicts.filter { $0.wasValidWhenMade && $0.status != .elsewhere && $0.record?.party == party }
        guard let newest = approved.max(by: { ($0.record?.revision ?? 0) < ($1.record?.revision ?? 0) })?.record else {
            return nil
        }
        let number = newest.revision
        let before = String(decoding: try repository.blobData(newest.blob), as: UTF8.self)
        let report = DiffReport.compare(old: before, new: current, path: path, from: "r\(number)", to: "now")
        var items = report.objectives.map { "\($0.id) \($0.direction.rawValue)" }
        items += report.clauses.filter { $0.kind != .formatting }.map { "\($0.title) (\($0.kind.rawValue))" }
        guard !items.isEmpty else { return ("; only formatting changed since r\(number), which it approved", nil) }
        let shown = items.prefix(6).joined(separator: ", ") + (items.count > 6 ? ", and \(items.count - 6) more" : "")
        let firstLine = report.clauses.first { $0.kind != .formatting && $0.kind != .removed }?.toLine
        return ("; changed since r\(number), which it approved: \(shown)", firstLine)
    }

    /// Decides whether an approval that is sound on its own binds the content in force.
    private func bind(
        _ verdict: inout ApprovalVerdict, record: ApprovalRecord, revisions: [Revision], blob: ObjectID,
        references: [(path: String, blob: ObjectID?)]
    ) {
        guard revisions.contains(where: { $0.commit.id == verdict.commit }) else {
            verdict.status = .elsewhere
            verdict.reason =
                "approves revision \(record.revision) on another line of history (commit \(verdict.commit?.short ?? "?") is not on this branch)"
            return
        }
        guard let latest = revisions.first, record.revision == latest.number else {
            verdict.status = .superseded
            verdict.reason =
                "approves revision \(record.revision); revision \(revisions.first?.number ?? 0) is in force"
            return
        }
        guard record.blob == blob else {
            verdict.status = .contentMismatch
            verdict.reason = "approved content \(record.blob.short) but \(blob.short) is in force"
            return
        }
        let bound = Dictionary(record.references.map { ($0.path, $0.blob) }, uniquingKeysWith: { first, _ in first })
        for reference in references where bound[reference.path] != .some(reference.blob) {
            verdict.status = .contentMismatch
            verdict.reason =
                reference.blob == nil
                ? "referenced document \(reference.path) is missing"
                : "referenced document \(reference.path) changed since it was approved"
            return
        }
    }

    /// The latest full approval of any revision on this line of history: when every
    /// party's quorum of approvals, valid when made, of that revision's commit was complete.
    private func lastFullApproval(
        verdicts: [ApprovalVerdict], agreement: Agreement
    ) -> (revision: Int, date: CalendarDate)? {
        let sound = verdicts.filter { $0.wasValidWhenMade && $0.status != .elsewhere }
        var latest: (revision: Int, date: CalendarDate)?
        for ofCommit in Dictionary(grouping: sound, by: { $0.commit?.hex ?? "" }).values {
            guard let revision = ofCommit.first?.record?.revision, agreement.isFullyApproved(by: ofCommit),
                let date = ofCommit.compactMap({ $0.tagger?.calendarDate }).max()
            else { continue }
            if latest == nil || revision > latest!.revision { latest = (revision, date) }
        }
        return latest
    }
}
