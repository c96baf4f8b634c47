import CGit2

/// A failed libgit2 call, with the few codes that callers act on given their own cases.
public struct GitError: Error, CustomStringConvertible, Sendable {
    public enum Code: Equatable, Sendable {
        case notFound
        case exists
        case unbornBranch
        case locked
        case notOwner
        /// An object's content does not hash to its id: the object store is damaged or was
        /// tampered with.
        case hashMismatch
        case other(Int32)

        init(_ raw: Int32) {
            switch raw {
            case GIT_ENOTFOUND.rawValue: self = .notFound
            case GIT_EEXISTS.rawValue: self = .exists
            case GIT_EUNBORNBRANCH.rawValue: self = .unbornBranch
            case GIT_ELOCKED.rawValue: self = .locked
            case GIT_EOWNER.rawValue: self = .notOwner
            case GIT_EMISMATCH.rawValue: self = .hashMismatch
            default: self = .other(raw)
            }
        }
    }

    public let code: Code
    /// The libgit2 function that failed, for bug reports.
    public let function: String
    /// libgit2's own text; it may be empty, since `git_error_last()` can be NULL on 1.5.
    public let message: String

    public var description: String {
        message.isEmpty ? "\(function) failed (\(code))" : message
    }
}

/// Runs one libgit2 call and throws a ``GitError`` when it returns a negative status.
///
/// The error text is read at once: libgit2 keeps it per thread and the next call replaces it.
@discardableResult
func gitCall(_ function: String, _ call: () -> Int32) throws -> Int32 {
    let status = call()
    guard status < 0 else { return status }
    var message = ""
    if let last = git_error_last(), let text = last.pointee.message {
        message = String(cString: text)
    }
    throw GitError(code: GitError.Code(status), function: function, message: message)
}
