/// Which revision of an agreement was in force on a given day.
enum InForce {
    struct Answer {
        let revision: Revision
        /// The day its approvals became complete.
        let since: CalendarDate
        let approvals: [ApprovalVerdict]
    }

    /// The newest revision that, on `date`, had every party's approvals (made on or
    /// before that day) and had taken effect.
    static func revision(on date: CalendarDate, evaluation: AgreementEvaluation, repository: Repository) throws
        -> Answer?
    {
        for revision in evaluation.revisions {
            let text = String(decoding: try repository.blobData(revision.blob), as: UTF8.self)
            guard let agreement = try? AgreementParser.parseAgreement(text, path: revision.path) else { continue }
            if let effective = agreement.effective, date < effective { continue }
            let approvals = approvals(of: revision, evaluation, by: date)
            guard agreement.isFullyApproved(by: approvals) else { continue }
            // An approved revision that had expired by then puts nothing older back in force.
            if let expires = agreement.expires, expires < date { return nil }
            guard let since = approvals.compactMap({ $0.tagger?.calendarDate }).max() else { continue }
            return Answer(revision: revision, since: since, approvals: approvals)
        }
        return nil
    }

    /// Approvals of this revision's own commit (never of another commit that merely
    /// claims the same revision number), valid when made, and made by `date`.
    private static func approvals(of revision: Revision, _ evaluation: AgreementEvaluation, by date: CalendarDate)
        -> [ApprovalVerdict]
    {
        evaluation.verdicts.filter { verdict in
            verdict.wasValidWhenMade && verdict.commit == revision.commit.id
                && (verdict.tagger?.calendarDate).map { $0 <= date } == true
        }
    }
}
