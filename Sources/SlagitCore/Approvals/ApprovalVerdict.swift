/// A record kept as a signed tag on a revision commit: an approval or a review. What
/// the verifier needs to know of each kind.
public protocol SignedRecord: Sendable {
    var agreementID: String { get }
    var revision: Int { get }
    var path: String { get }
    var blob: ObjectID { get }
    /// The e-mail of the person the signature must speak for.
    var signer: String { get }
    /// The tag name the record's trailers imply.
    var tagName: String { get }
    static func parse(message: String) -> Result<Self, MalformedApproval>
    /// Nil when `signer` may sign this record for `agreement` (the content it binds);
    /// otherwise why not.
    func refusal(by agreement: Agreement) -> String?
    /// True for a record that takes another back (a withdrawn approval); such a record
    /// never counts as an approval itself.
    var isWithdrawal: Bool { get }
}

extension SignedRecord {
    public var isWithdrawal: Bool { false }
}

/// What slagit concluded about one approval tag.
public typealias ApprovalVerdict = RecordVerdict<ApprovalRecord>

/// What slagit concluded about one signed record tag.
public struct RecordVerdict<Record: SignedRecord>: Sendable {
    public enum Status: String, Sendable {
        /// Signed, by one of the party's approvers, over the agreement revision it names.
        case valid
        /// Valid, but for an earlier revision than the one in force.
        case superseded
        /// Valid, but for a revision on another line of history (a branch not merged here).
        case elsewhere
        case unsigned
        case lightweight
        case malformed
        case badSignature = "bad-signature"
        case unknownKey = "unknown-key"
        case keyExpired = "key-expired"
        case keyRevoked = "key-revoked"
        case signerNotApprover = "signer-not-approver"
        /// Bound to content other than the content in force.
        case contentMismatch = "content-mismatch"
        /// Valid when made, then taken back by a signed withdrawal.
        case withdrawn
        /// Approves an earlier revision, and counts for the one in force because the
        /// agreement's carry-over policy covers every change since.
        case carriedOver = "carried-over"
    }

    /// The tag's name without `refs/tags/`.
    public let tagName: String
    public let record: Record?
    public var status: Status
    /// Why, in a sentence a user can act on.
    public var reason: String
    public let tagger: GitIdentity?
    /// The commit the tag points at.
    public let commit: ObjectID?

    /// Counts towards the revision in force.
    public var counts: Bool { (status == .valid || status == .carriedOver) && record?.isWithdrawal != true }
    /// Signed by whom it claims, for the revision it claims, whether or not that is the
    /// content in force now: the approvals that made up a past full approval.
    public var wasValidWhenMade: Bool {
        [.valid, .superseded, .elsewhere, .contentMismatch, .carriedOver].contains(status)
            && record?.isWithdrawal != true
    }

    /// Not a forgery or a mistake: valid, here or for another revision.
    /// A content mismatch is sound too: the tag is genuine, the content moved on.
    public var isSound: Bool {
        [.valid, .superseded, .elsewhere, .withdrawn, .carriedOver, .contentMismatch].contains(status)
    }
}
