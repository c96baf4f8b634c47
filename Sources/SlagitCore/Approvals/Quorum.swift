/// Counting approvals against quorums, in one place.
extension Agreement.Party {
    /// The distinct approvers (lowercased) of this party among `verdicts`. The caller
    /// chooses which verdicts count (in force, or valid when made).
    func approvers(among verdicts: [ApprovalVerdict]) -> Set<String> {
        Set(verdicts.filter { $0.record?.party == role }.compactMap { $0.record?.approver.lowercased() })
    }
}

extension Agreement {
    /// Whether every party's quorum is met among `verdicts`.
    func isFullyApproved(by verdicts: [ApprovalVerdict]) -> Bool {
        parties.allSatisfy { $0.approvers(among: verdicts).count >= $0.quorum }
    }
}
