/// One proposed revision of an agreement: a commit whose message carries the trailers
/// `Agreement: ID`, `Revision: N` and `Agreement-Path: PATH`.
public struct Revision: Sendable {
    public let agreementID: String
    public let number: Int
    public let path: String
    public let commit: CommitInfo
    /// The agreement file's blob in that commit.
    public let blob: ObjectID

    public var label: String { "r\(number)" }

    static let agreementKey = "Agreement"
    static let revisionKey = "Revision"
    static let pathKey = "Agreement-Path"

    /// The trailers a revision commit carries, to append to the user's message.
    static func trailers(agreementID: String, number: Int, path: String) -> String {
        "\(agreementKey): \(agreementID)\n\(revisionKey): \(number)\n\(pathKey): \(path)\n"
    }
}

/// Finds the revisions of agreements in a commit's history.
public enum RevisionHistory {
    /// The revisions of `agreementID` reachable from `head`, newest first. A commit
    /// whose trailers name the agreement but whose file is missing is skipped.
    public static func revisions(
        of agreementID: String, in repository: Repository, from head: ObjectID?
    ) throws -> [Revision] {
        guard let head else { return [] }
        var result: [Revision] = []
        for id in try repository.history(from: head) {
            let info = try repository.commit(id)
            guard info.message.contains(Revision.agreementKey) else { continue }
            let trailers = messageTrailers(info.message)
            guard trailers.contains(where: { $0.key == Revision.agreementKey && $0.value == agreementID }),
                let number = trailers.last(where: { $0.key == Revision.revisionKey }).flatMap({ Int($0.value) }),
                let path = trailers.last(where: { $0.key == Revision.pathKey })?.value,
                let blob = try repository.blobID(at: path, inCommit: id)
            else { continue }
            result.append(Revision(agreementID: agreementID, number: number, path: path, commit: info, blob: blob))
        }
        return result
    }
}
