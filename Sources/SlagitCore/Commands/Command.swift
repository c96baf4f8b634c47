/// A slagit subcommand: its options and what it does. Returns the exit status
/// (0 nothing found, 1 found something); throws ``UserError`` for status 2.
protocol Command: SendableMetatype {
    static var spec: CommandSpec { get }
    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32
}

/// Output formats a report command accepts with `--format`.
enum ReportFormat: String {
    case text, json, github, junit, markdown, html

    static func from(_ arguments: ParsedArguments, allowed: [ReportFormat] = [.text, .json]) throws -> ReportFormat {
        let name = arguments.value("format") ?? "text"
        guard let format = ReportFormat(rawValue: name), allowed.contains(format) else {
            throw UserError(
                "unknown format '\(name)'", hint: "use one of: \(allowed.map(\.rawValue).joined(separator: ", "))")
        }
        return format
    }
}
