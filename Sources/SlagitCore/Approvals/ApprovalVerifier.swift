/// Checks approval tags: the signature (with git's programs), the signer against the
/// party's approvers, and that the tag's trailers, name and target agree.
public struct ApprovalVerifier {
    let repository: Repository
    let signatures: SignatureVerifier

    /// Tags arriving in the push a server hook is judging: not yet references, but
    /// their objects are readable, and they count as if already there.
    let pendingTags: [(name: String, target: ObjectID)]

    public init(
        repository: Repository, signatures: SignatureVerifier, pendingTags: [(name: String, target: ObjectID)] = []
    ) {
        self.repository = repository
        self.signatures = signatures
        self.pendingTags = pendingTags
    }

    /// Every approval tag of an agreement (`refs/tags/sla/<id>/…`), tag names without
    /// `refs/tags/`.
    public func approvalTags(of agreementID: String) throws -> [(name: String, target: ObjectID)] {
        let prefix = "\(ApprovalRecord.tagPrefix)\(agreementID)/"
        var tags = try repository.references(withPrefix: "refs/tags/" + prefix)
            .map { (name: String($0.name.dropFirst("refs/tags/".count)), target: $0.target) }
        for pending in pendingTags where pending.name.hasPrefix(prefix) {
            tags.removeAll { $0.name == pending.name }
            tags.append(pending)
        }
        return tags.sorted { $0.name < $1.name }
    }

    /// Every review tag of an agreement (`refs/tags/sla-review/<id>/…`).
    public func reviewTags(of agreementID: String) throws -> [(name: String, target: ObjectID)] {
        try repository.references(withPrefix: "refs/tags/\(ReviewRecord.tagPrefix)\(agreementID)/")
            .map { (name: String($0.name.dropFirst("refs/tags/".count)), target: $0.target) }
    }

    /// Checks one tag on its own terms: what it claims and who signed it. Whether it
    /// binds the content in force is for ``AgreementEvaluator`` to decide.
    public func verify(tagName: String, target: ObjectID, agreementID: String) throws -> ApprovalVerdict {
        try verifyRecord(tagName: tagName, target: target, agreementID: agreementID)
    }

    /// Checks any signed record tag (approval or review) on its own terms.
    func verifyRecord<Record: SignedRecord>(
        tagName: String, target: ObjectID, agreementID: String
    ) throws -> RecordVerdict<Record> {
        func verdict(
            _ status: RecordVerdict<Record>.Status, _ reason: String, _ record: Record? = nil,
            _ tagger: GitIdentity? = nil
        ) -> RecordVerdict<Record> {
            RecordVerdict(
                tagName: tagName, record: record, status: status, reason: reason, tagger: tagger, commit: commit)
        }
        let raw = try repository.rawObject(target)
        let commit = raw.type == .tag ? TagObject(raw: raw.data)?.target : target
        guard raw.type == .tag else {
            return verdict(
                .lightweight, "a lightweight tag carries no signature; approve with slagit approve or git tag -s")
        }
        guard let tag = TagObject(raw: raw.data) else {
            return verdict(.malformed, "the tag object cannot be read")
        }
        guard let signed = tag.signed else {
            return verdict(
                .unsigned, "the tag is not signed; approve with slagit approve or git tag -s", nil, tag.tagger)
        }
        let record: Record
        switch Record.parse(message: tag.message) {
        case .success(let parsed): record = parsed
        case .failure(let problem): return verdict(.malformed, "the tag message has \(problem.reason)", nil, tag.tagger)
        }
        guard signed.signatureBlockCount == 1 else {
            return verdict(
                .malformed, "the tag holds \(signed.signatureBlockCount) signature blocks; a record has one", record,
                tag.tagger)
        }
        guard record.agreementID == agreementID, record.tagName == tagName, tag.name == tagName else {
            return verdict(
                .malformed,
                "the tag is named '\(tagName)' but its trailers say '\(record.tagName)'", record, tag.tagger)
        }
        guard tag.targetType == "commit", let revision = try revisionCommit(tag.target, record: record) else {
            return verdict(
                .malformed,
                "the tag points at \(tag.target.short), which is not revision \(record.revision) of \(agreementID) with the bound content",
                record, tag.tagger)
        }
        if let problem = try datingProblem(record, tagger: tag.tagger, commit: tag.target) {
            return verdict(.malformed, problem, record, tag.tagger)
        }
        let check = try signatures.verify(signed, signedAt: tag.tagger?.date, expectedSigner: record.signer)
        switch check.outcome {
        case .good: break
        case .bad:
            return verdict(
                .badSignature, "the signature does not match the tag's content: \(check.detail)", record, tag.tagger)
        case .unknownKey:
            return verdict(.unknownKey, "no known key made this signature: \(check.detail)", record, tag.tagger)
        case .expiredKey:
            return verdict(
                .keyExpired, "the signing key was expired when it signed: \(check.detail)", record, tag.tagger)
        case .revokedKey: return verdict(.keyRevoked, "the signing key is revoked: \(check.detail)", record, tag.tagger)
        }
        // Who may sign is what the signed content itself says.
        let signedText = String(decoding: try repository.blobData(revision), as: UTF8.self)
        if let approval = record as? ApprovalRecord, !approval.clauseHashes.isEmpty,
            approval.clauseHashes != ApprovalRecord.clauseHashes(of: signedText)
        {
            return verdict(
                .malformed, "its Clause trailers do not match the clauses of the bound content", record, tag.tagger)
        }
        guard let signedContent = try? AgreementParser.parseAgreement(signedText, path: record.path) else {
            return verdict(.malformed, "revision \(record.revision) is not a valid agreement", record, tag.tagger)
        }
        if let refusal = record.refusal(by: signedContent) {
            return verdict(.signerNotApprover, refusal, record, tag.tagger)
        }
        let signer = record.signer.lowercased()
        guard check.identities.contains(signer) else {
            let actual =
                check.identities.isEmpty ? "a key with no matching identity" : check.identities.joined(separator: ", ")
            return verdict(
                .signerNotApprover, "signed by \(actual), not by the person it names (\(record.signer))", record,
                tag.tagger)
        }
        return verdict(.valid, "signed by \(record.signer)", record, tag.tagger)
    }

    /// A record cannot be signed before the revision it speaks of existed (a day's clock
    /// skew allowed), and a review's `Reviewed-On` must be the day it was signed.
    private func datingProblem(_ record: some SignedRecord, tagger: GitIdentity?, commit: ObjectID) throws -> String? {
        guard let tagger else { return "the tag has no tagger line, so no date" }
        let committed = try repository.commit(commit).committer
        if tagger.time < committed.time - 86400 {
            return
                "signed on \(tagger.calendarDate), before the revision it names was committed (\(committed.calendarDate))"
        }
        if let review = record as? ReviewRecord, review.reviewedOn != tagger.calendarDate {
            return "says it was reviewed on \(review.reviewedOn) but was signed on \(tagger.calendarDate)"
        }
        return nil
    }

    /// The agreement blob of the revision commit a tag points at, when that commit is
    /// the revision the trailers claim and holds the bound content.
    private func revisionCommit(_ commitID: ObjectID, record: some SignedRecord) throws -> ObjectID? {
        guard let info = try? repository.commit(commitID) else { return nil }
        let trailers = messageTrailers(info.message)
        guard trailers.contains(where: { $0.key == Revision.agreementKey && $0.value == record.agreementID }),
            trailers.last(where: { $0.key == Revision.revisionKey })?.value == String(record.revision),
            try repository.blobID(at: record.path, inCommit: commitID) == record.blob
        else { return nil }
        return record.blob
    }
}
