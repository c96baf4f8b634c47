/// What slagit concluded about one approval tag.
public struct ApprovalVerdict: Sendable {
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
    }

    /// The tag's name without `refs/tags/`.
    public let tagName: String
    public let record: ApprovalRecord?
    public var status: Status
    /// Why, in a sentence a user can act on.
    public var reason: String
    public let tagger: GitIdentity?
    /// The commit the tag points at.
    public let commit: ObjectID?

    /// Counts towards the revision in force.
    public var counts: Bool { status == .valid }
    /// Not a forgery or a mistake: valid, here or for another revision.
    public var isSound: Bool { status == .valid || status == .superseded || status == .elsewhere }
}
