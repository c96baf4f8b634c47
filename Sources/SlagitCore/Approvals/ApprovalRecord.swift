/// What an approval binds, carried as trailers in a signed annotated tag's message
/// (PRODUCT.md §3): one agreement, one revision, one party, one approver, and the exact
/// content approved.
public struct ApprovalRecord: SignedRecord, Equatable {
    public struct Reference: Sendable, Equatable {
        public let path: String
        /// Nil when the referenced document was missing when approved.
        public let blob: ObjectID?
    }

    /// A clause's id and a short hash of its words, so an auditor can see which clauses
    /// an approval covered, and slagit which of them changed since.
    public struct ClauseHash: Sendable, Equatable {
        public let id: String
        public let hash: String
    }

    public let agreementID: String
    public let revision: Int
    public let party: String
    public let approver: String
    public let path: String
    public let blob: ObjectID
    public let references: [Reference]
    /// True for a withdrawal: a signed statement that the approval with the same binding
    /// no longer stands. History keeps both tags.
    public let isWithdrawal: Bool
    /// One per clause of the bound content; optional in hand-made tags, but checked
    /// against the bound blob whenever present.
    public let clauseHashes: [ClauseHash]

    static let tagPrefix = "sla/"

    public var signer: String { approver }

    public func refusal(by agreement: Agreement) -> String? {
        guard let party = agreement.party(party) else { return "revision \(revision) has no party '\(self.party)'" }
        guard party.approvers.contains(where: { $0.lowercased() == approver.lowercased() }) else {
            return
                "\(approver) is not an approver of party '\(self.party)' (approvers: \(party.approvers.joined(separator: ", ")))"
        }
        return nil
    }

    /// `sla/<agreement>/r<revision>/<party>/<approver>/<content>`, where `<content>` is a
    /// short hash of the bound blob ids. Readable, one per approver and content, so a
    /// second approval never replaces the first, and two branches that each propose
    /// their own revision 3 never collide.
    public var tagName: String {
        "\(ApprovalRecord.tagPrefix)\(agreementID)/r\(revision)/\(party)/\(approver)/\(contentKey)"
            + (isWithdrawal ? "-withdrawn" : "")
    }

    /// The clause hashes of an agreement's text: the first ten hex digits of the git blob
    /// hash of each clause's title and words (not its markup, so re-wrapping keeps them).
    public static func clauseHashes(of text: String) -> [ClauseHash] {
        let file = MarkdownFile(text)
        return ClauseParser.parse(file.body, firstLine: file.bodyFirstLine).clauses.map { clause in
            ClauseHash(id: clause.id, hash: String(hashAsBlob(clause.title + "\n" + clause.text).hex.prefix(10)))
        }
    }

    /// Whether `other` is the approval this withdrawal takes back.
    public func withdraws(_ other: ApprovalRecord) -> Bool {
        isWithdrawal && !other.isWithdrawal && other.revision == revision && other.party == party
            && other.approver.lowercased() == approver.lowercased() && other.contentKey == contentKey
    }

    /// The first ten hex digits of the git blob hash of the binding trailers: changes
    /// whenever the agreement or any referenced document does.
    public var contentKey: String {
        String(hashAsBlob(bindingLines).hex.prefix(10))
    }

    private var bindingLines: String {
        var lines = ["Agreement-Path: \(path)", "Agreement-Blob: \(blob.hex)"]
        for reference in references {
            lines.append("Reference: \(reference.path) \(reference.blob?.hex ?? "missing")")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The tag message: a summary line and the trailers.
    public var message: String {
        var lines = [
            "\(isWithdrawal ? "Withdraw the approval of" : "Approve") \(agreementID) r\(revision) for \(party)", "",
            "Agreement: \(agreementID)", "Revision: \(revision)", "Party: \(party)", "Approver: \(approver)",
        ]
        if isWithdrawal { lines.append("Withdrawn: yes") }
        let clauses = clauseHashes.map { "Clause: \($0.id) \($0.hash)\n" }.joined()
        return lines.joined(separator: "\n") + "\n" + bindingLines + clauses
    }

    public init(
        agreementID: String, revision: Int, party: String, approver: String, path: String, blob: ObjectID,
        references: [Reference], isWithdrawal: Bool = false, clauseHashes: [ClauseHash] = []
    ) {
        self.isWithdrawal = isWithdrawal
        self.clauseHashes = clauseHashes
        self.agreementID = agreementID
        self.revision = revision
        self.party = party
        self.approver = approver
        self.path = path
        self.blob = blob
        self.references = references
    }

    /// Reads the trailers of a tag message; the error says which trailer is wrong.
    public static func parse(message: String) -> Result<ApprovalRecord, MalformedApproval> {
        let trailers = messageTrailers(message)
        func single(_ key: String) -> String? {
            let values = trailers.filter { $0.key == key }.map(\.value)
            return values.count == 1 ? values[0] : nil
        }
        guard let agreementID = single("Agreement") else { return .failure(.init("no single 'Agreement:' trailer")) }
        guard let revision = single("Revision").flatMap(Int.init), revision > 0 else {
            return .failure(.init("no single 'Revision:' trailer with a revision number"))
        }
        guard let party = single("Party") else { return .failure(.init("no single 'Party:' trailer")) }
        guard let approver = single("Approver") else { return .failure(.init("no single 'Approver:' trailer")) }
        guard let path = single("Agreement-Path") else { return .failure(.init("no single 'Agreement-Path:' trailer")) }
        guard let blob = single("Agreement-Blob").flatMap({ ObjectID(hex: $0) }) else {
            return .failure(.init("no single 'Agreement-Blob:' trailer with a 40-digit object id"))
        }
        var references: [Reference] = []
        for value in trailers.filter({ $0.key == "Reference" }).map(\.value) {
            guard let space = value.lastIndex(of: " ") else {
                return .failure(.init("'Reference: \(value)' is not 'PATH BLOB-ID'"))
            }
            let idText = String(value[value.index(after: space)...])
            let id = ObjectID(hex: idText)
            guard id != nil || idText == "missing" else {
                return .failure(.init("'Reference: \(value)' does not end with a blob id"))
            }
            references.append(Reference(path: String(value[..<space]), blob: id))
        }
        var clauseHashes: [ClauseHash] = []
        for value in trailers.filter({ $0.key == "Clause" }).map(\.value) {
            let parts = value.split(separator: " ")
            guard parts.count == 2 else { return .failure(.init("'Clause: \(value)' is not 'ID HASH'")) }
            clauseHashes.append(ClauseHash(id: String(parts[0]), hash: String(parts[1])))
        }
        return .success(
            ApprovalRecord(
                agreementID: agreementID, revision: revision, party: party, approver: approver, path: path,
                blob: blob, references: references, isWithdrawal: single("Withdrawn") == "yes",
                clauseHashes: clauseHashes))
    }
}

/// An approval tag whose message does not say what it approves.
public struct MalformedApproval: Error, Sendable {
    public let reason: String
    init(_ reason: String) { self.reason = reason }
}
