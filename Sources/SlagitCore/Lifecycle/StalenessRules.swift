/// The rules that make an agreement out of date (PRODUCT.md §4), each a flag that says
/// why and what to do.
public enum StalenessRules {
    /// Days before expiry from which an agreement is flagged as expiring.
    public static let defaultWarningDays = 30

    public static func flags(_ evaluation: AgreementEvaluation, asOf: CalendarDate, warningDays: Int) -> [Finding] {
        guard let agreement = evaluation.agreement else { return [] }
        var flags: [Finding] = []
        func flag(_ rule: String, _ message: String, _ hint: String, line: Int = 1) {
            flags.append(
                Finding(
                    severity: .warning, agreement: agreement.id, path: evaluation.path, line: line, rule: rule,
                    message: message, hint: hint))
        }
        let path = evaluation.path
        if let due = evaluation.reviewDue, due < asOf {
            let since =
                evaluation.lastReview.map { "last review \($0)" }
                ?? evaluation.lastFullApproval.map { "fully approved \($0.date)" } ?? ""
            flag(
                "review-overdue", "the \(agreement.review?.text ?? "periodic") review was due on \(due) (\(since))",
                "hold the review, then record it: slagit review \(path) -m \"minutes\" --outcome no-change")
        }
        if let expires = agreement.expires {
            if expires < asOf {
                flag(
                    "expired", "expired on \(expires)",
                    "propose a revision with a new 'expires:' date, or retire the agreement")
            } else if expires.dayNumber - asOf.dayNumber <= warningDays {
                flag(
                    "expiring", "expires on \(expires), in \(expires.dayNumber - asOf.dayNumber) day(s)",
                    "renegotiate now: propose a revision with a new 'expires:' date")
            }
        }
        if let effective = agreement.effective, asOf < effective {
            flag(
                "not-yet-effective", "takes effect on \(effective)",
                "nothing to do before then; check that the date is the one agreed")
        }
        if let approved = evaluation.lastFullApproval {
            if let latest = evaluation.latest, !evaluation.approved,
                latest.number > approved.revision || latest.blob != evaluation.blob
            {
                flag(
                    "changed-since-approval",
                    "changed since r\(approved.revision) was fully approved on \(approved.date)",
                    "collect approvals of the current revision: slagit approve \(path)")
            }
            let bound = boundReferences(evaluation, revision: approved.revision)
            for reference in evaluation.references
            where reference.blob != nil && bound[reference.path] != reference.blob {
                flag(
                    "reference-changed",
                    "referenced document \(reference.path) changed since the approval of \(approved.date)",
                    "review the change to \(reference.path); if the agreement still holds, approve it again")
            }
        } else if evaluation.latest != nil {
            flag(
                "never-approved", "no revision has ever been fully approved",
                "each party approves: slagit approve \(path)")
        }
        for reference in evaluation.references where reference.blob == nil {
            flag(
                "reference-missing", "referenced document \(reference.path) is missing",
                "restore it, or propose a revision without it in 'references:'")
        }
        return flags
    }

    /// The referenced documents' blobs as the approvals of `revision` bound them.
    private static func boundReferences(_ evaluation: AgreementEvaluation, revision: Int) -> [String: ObjectID] {
        var bound: [String: ObjectID] = [:]
        for verdict in evaluation.verdicts where verdict.wasValidWhenMade && verdict.record?.revision == revision {
            for reference in verdict.record?.references ?? [] {
                if let blob = reference.blob { bound[reference.path] = blob }
            }
        }
        return bound
    }
}
