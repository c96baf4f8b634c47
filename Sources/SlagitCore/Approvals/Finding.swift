/// One result of `check` or `verify`, or one flag of `status`: PRODUCT.md §6's
/// `findings` entries.
public struct Finding: Sendable, Equatable {
    public var severity: Diagnostic.Severity
    public var agreement: String?
    public var path: String
    public var line: Int
    /// A stable name for the kind of problem, for CI rules and JSON readers.
    public var rule: String
    public var message: String
    /// The command or change that fixes it.
    public var hint: String?

    public var diagnostic: Diagnostic {
        Diagnostic(severity, path: path, location: .init(line: line, column: 1), "[\(rule)] \(message)", hint: hint)
    }
}
