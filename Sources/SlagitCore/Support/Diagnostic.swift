/// One thing slagit has to tell a user about their input: where, what, and what to do.
///
/// Every layer reports problems as diagnostics; only the command line prints them.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable { case error, warning, note }

    public var severity: Severity
    /// Repository-relative (or as the user typed it) path of the file at fault, if any.
    public var path: String?
    public var location: SourceLocation?
    public var message: String
    /// What the user can do about it, as one sentence.
    public var hint: String?

    public init(
        _ severity: Severity = .error, path: String? = nil, location: SourceLocation? = nil,
        _ message: String, hint: String? = nil
    ) {
        self.severity = severity
        self.path = path
        self.location = location
        self.message = message
        self.hint = hint
    }

    /// `path:line:column: error: message` and, on a second line, the hint.
    public var description: String {
        var place = ""
        if let path {
            place = path
            if let location { place += ":\(location.line):\(location.column)" }
            place += ": "
        }
        var text = "\(place)\(severity.rawValue): \(message)"
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }
}

/// The user's input or environment is wrong (exit status 2). Carries every problem
/// found, so a user can fix them all in one go.
public struct UserError: Error, Sendable, CustomStringConvertible {
    public let diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public init(
        path: String? = nil, location: SourceLocation? = nil, _ message: String, hint: String? = nil
    ) {
        diagnostics = [Diagnostic(.error, path: path, location: location, message, hint: hint)]
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
