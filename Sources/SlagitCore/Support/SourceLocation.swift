/// A place in a file: 1-based line and column, as editors and compilers count them.
public struct SourceLocation: Sendable, Equatable, Codable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}
