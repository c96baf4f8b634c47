import Foundation

/// Approvals and reviews made by hand with `git tag -s`, on a chosen date: slagit must
/// honour them, and they let tests set the clock that dates them.
extension Sandbox {
    /// The blob of `path` at `commit`, the referenced documents' blobs at HEAD (where
    /// slagit binds them), and the content key slagit puts in tag names, computed with
    /// git itself.
    func binding(_ path: String, at commit: String = "HEAD", references: [String] = []) throws -> (
        blob: String, key: String, lines: String
    ) {
        let blob = try git("rev-parse", "\(commit):\(path)").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        var lines = "Agreement-Path: \(path)\nAgreement-Blob: \(blob)\n"
        for reference in references {
            let referenceBlob = try git("rev-parse", "HEAD:\(reference)").stdout.trimmingCharacters(
                in: .whitespacesAndNewlines)
            lines += "Reference: \(reference) \(referenceBlob)\n"
        }
        let key = try run("/usr/bin/git", ["hash-object", "--stdin"], input: lines).stdout.prefix(10)
        return (blob, String(key), lines)
    }

    /// Signs an approval of revision `revision` (the commit `commit`) with `git tag -s`,
    /// dated `date` (ISO 8601, as GIT_COMMITTER_DATE takes it).
    func handApprove(
        _ agreement: String, revision: Int, party: String, approver: String, key: String, path: String,
        commit: String = "HEAD", date: String, references: [String] = []
    ) throws {
        try actAs(approver, key: key)
        let bound = try binding(path, at: commit, references: references)
        let name = "sla/\(agreement)/r\(revision)/\(party)/\(approver)/\(bound.key)"
        let message =
            "Approve\n\nAgreement: \(agreement)\nRevision: \(revision)\nParty: \(party)\nApprover: \(approver)\n\(bound.lines)"
        let result = try run(
            "/usr/bin/git", ["tag", "-s", name, "-m", message, commit], extraEnvironment: ["GIT_COMMITTER_DATE": date])
        guard result.status == 0 else { throw SandboxError("git tag -s failed: \(result.stderr)") }
    }

    /// Signs a review record with `git tag -s`, dated `date` (YYYY-MM-DD, noon UTC).
    func handReview(
        _ agreement: String, revision: Int, reviewer: String, key: String, path: String, date: String,
        outcome: String = "no-change"
    ) throws {
        try actAs(reviewer, key: key)
        let blob = try binding(path).blob
        let name = "sla-review/\(agreement)/\(date)/\(reviewer)/\(blob.prefix(10))"
        let message = """
            Review \(agreement) r\(revision): \(outcome)

            Walked through every service level; nothing to change.

            Review-Of: \(agreement)
            Revision: \(revision)
            Reviewer: \(reviewer)
            Outcome: \(outcome)
            Reviewed-On: \(date)
            Agreement-Path: \(path)
            Agreement-Blob: \(blob)

            """
        let result = try run(
            "/usr/bin/git", ["tag", "-s", name, "-m", message],
            extraEnvironment: ["GIT_COMMITTER_DATE": "\(date)T12:00:00+0000"])
        guard result.status == 0 else { throw SandboxError("git tag -s failed: \(result.stderr)") }
    }
}
