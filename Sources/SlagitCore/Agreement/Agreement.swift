/// An agreement: a Markdown file whose front matter has an `agreement:` key, read and
/// validated. See PRODUCT.md §1 for the format.
public struct Agreement: Sendable {
    public enum Kind: String, Sendable, CaseIterable { case service, customer, multiLevel = "multi-level" }

    public struct Party: Sendable, Equatable {
        /// The key under `parties:` (`provider`, `customer`, …): what `--party` names.
        public let role: String
        public let name: String?
        public let approvers: [String]
        /// How many distinct approvers must sign; all of them unless `quorum:` says less.
        public let quorum: Int
        /// Where the party is declared, for findings about its approvals.
        public let location: SourceLocation
    }

    public struct Objective: Sendable {
        public let id: String
        public let target: ObjectiveTarget
        public let window: String?
        public let location: SourceLocation
    }

    /// When an approval of an earlier revision still counts for a later one. Strict (never)
    /// unless the agreement opts in under `approval: carry-over:`.
    public struct ApprovalPolicy: Sendable, Equatable {
        public enum CarryOver: String, Sendable, CaseIterable {
            /// Changes only of form (wrapping, emphasis, quotes) keep every approval.
            case formatting
            /// Changes confined to clauses a party does not own keep that party's approval.
            case unownedClauses = "unowned-clauses"
        }

        public var carryOver: Set<CarryOver> = []
        /// Clause ids each party owns (a clause's sub-clauses with it).
        public var owners: [String: [String]] = [:]

        public static let strict = ApprovalPolicy()

        /// Whether `party` owns the clause `id` (or a clause it sits in).
        public func party(_ party: String, owns id: String) -> Bool {
            (owners[party] ?? []).contains { id == $0 || id.hasPrefix($0 + "/") }
        }
    }

    /// Repository-relative path of the file.
    public let path: String
    public let id: String
    public let title: String?
    public let kind: Kind?
    public let parties: [Party]
    public let effective: CalendarDate?
    public let expires: CalendarDate?
    public let review: ReviewPeriod?
    /// How long before expiry notice (of renewal or termination) must be given.
    public let notice: ReviewPeriod?
    /// Repository-relative paths of the documents this agreement relies on.
    public let references: [String]
    public let objectives: [Objective]
    public let approvalPolicy: ApprovalPolicy
    public let document: ClauseDocument
    /// Every front matter field as text, flattened to dotted names, for diffs.
    public let metadata: [(field: String, value: String)]
    /// Problems that do not make the agreement invalid, such as a key that looks like a
    /// misspelt slagit key (`reveiw:`). Other unknown keys are the author's own and kept.
    public let warnings: [Diagnostic]

    public func party(_ role: String) -> Party? { parties.first { $0.role == role } }
}
