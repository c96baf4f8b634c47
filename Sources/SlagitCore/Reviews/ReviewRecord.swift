import Foundation

/// A periodic review (the quarterly audit) kept as a signed annotated tag on the
/// revision reviewed: who reviewed, when, with what outcome, the minutes, and the exact
/// content reviewed.
public struct ReviewRecord: SignedRecord, Equatable {
    public enum Outcome: String, Sendable, CaseIterable {
        /// The agreement stays as it is; the review clock restarts.
        case noChange = "no-change"
        /// The agreement needs a new revision; the clock does not restart.
        case changesNeeded = "changes-needed"
    }

    public let agreementID: String
    public let revision: Int
    public let reviewer: String
    public let outcome: Outcome
    public let reviewedOn: CalendarDate
    public let path: String
    public let blob: ObjectID
    public let minutes: String

    static let tagPrefix = "sla-review/"

    public var signer: String { reviewer }

    /// `sla-review/<agreement>/<date>/<reviewer>/<content>`: one per reviewer, day and
    /// content; outside `sla/` so that no review is ever taken for an approval.
    public var tagName: String {
        "\(ReviewRecord.tagPrefix)\(agreementID)/\(reviewedOn)/\(reviewer)/\(blob.short)"
    }

    public var message: String {
        let trimmed = minutes.trimmingCharacters(in: .whitespacesAndNewlines)
        return """
            Review \(agreementID) r\(revision): \(outcome.rawValue)

            \(trimmed)

            Review-Of: \(agreementID)
            Revision: \(revision)
            Reviewer: \(reviewer)
            Outcome: \(outcome.rawValue)
            Reviewed-On: \(reviewedOn)
            Agreement-Path: \(path)
            Agreement-Blob: \(blob.hex)

            """
    }

    public init(
        agreementID: String, revision: Int, reviewer: String, outcome: Outcome, reviewedOn: CalendarDate,
        path: String, blob: ObjectID, minutes: String
    ) {
        self.agreementID = agreementID
        self.revision = revision
        self.reviewer = reviewer
        self.outcome = outcome
        self.reviewedOn = reviewedOn
        self.path = path
        self.blob = blob
        self.minutes = minutes
    }

    /// Any party's approver may hold the review.
    public func refusal(by agreement: Agreement) -> String? {
        let approvers = agreement.parties.flatMap(\.approvers)
        return approvers.contains(where: { $0.lowercased() == reviewer.lowercased() })
            ? nil : "\(reviewer) is not an approver of any party, so cannot record a review"
    }

    public static func parse(message: String) -> Result<ReviewRecord, MalformedApproval> {
        let trailers = messageTrailers(message)
        func single(_ key: String) -> String? {
            let values = trailers.filter { $0.key == key }.map(\.value)
            return values.count == 1 ? values[0] : nil
        }
        guard let agreementID = single("Review-Of"), let revision = single("Revision").flatMap(Int.init),
            let reviewer = single("Reviewer"), let outcome = single("Outcome").flatMap(Outcome.init),
            let date = single("Reviewed-On").flatMap(CalendarDate.init(iso:)), let path = single("Agreement-Path"),
            let blob = single("Agreement-Blob").flatMap({ ObjectID(hex: $0) })
        else {
            return .failure(
                MalformedApproval(
                    "not every trailer of a review (Review-Of, Revision, Reviewer, Outcome, Reviewed-On, Agreement-Path, Agreement-Blob) once"
                ))
        }
        // The minutes are the paragraphs between the summary line and the trailers.
        var paragraphs = message.components(separatedBy: "\n\n")
        if paragraphs.count >= 3 {
            paragraphs.removeFirst()
            paragraphs.removeLast()
        }
        let minutes = paragraphs.joined(separator: "\n\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return .success(
            ReviewRecord(
                agreementID: agreementID, revision: revision, reviewer: reviewer, outcome: outcome, reviewedOn: date,
                path: path, blob: blob, minutes: minutes))
    }
}

/// What slagit concluded about one review tag.
public typealias ReviewVerdict = RecordVerdict<ReviewRecord>
