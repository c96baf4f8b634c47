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
            // An approved revision that had expired by then puts nothing older back in force.
            if let expires = agreement.expires, expires < date, isApproved(revision, agreement, evaluation, by: date) {
                return nil
            }
            let approvals = approvals(of: revision, evaluation, by: date)
            guard isApproved(revision, agreement, evaluation, by: date),
                let since = approvals.compactMap({ $0.tagger?.calendarDate }).max()
            else { continue }
            return Answer(revision: revision, since: since, approvals: approvals)
        }
        return nil
    }

    private static func approvals(of revision: Revision, _ evaluation: AgreementEvaluation, by date: CalendarDate)
        -> [ApprovalVerdict]
    {
        evaluation.verdicts.filter { verdict in
            verdict.wasValidWhenMade && verdict.status != .elsewhere && verdict.record?.revision == revision.number
                && (verdict.tagger?.calendarDate).map { $0 <= date } == true
        }
    }

    private static func isApproved(
        _ revision: Revision, _ agreement: Agreement, _ evaluation: AgreementEvaluation, by date: CalendarDate
    ) -> Bool {
        let approvals = approvals(of: revision, evaluation, by: date)
        return agreement.parties.allSatisfy { party in
            Set(approvals.filter { $0.record?.party == party.role }.compactMap { $0.record?.approver.lowercased() })
                .count >= party.quorum
        }
    }
}
