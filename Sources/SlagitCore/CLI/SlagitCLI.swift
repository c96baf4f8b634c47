import Foundation

/// The command line: picks the command, parses its arguments, prints diagnostics and
/// chooses the exit status. Takes its arguments as an array so tests can call it.
public enum SlagitCLI {
    /// A command's options and entry point. (A list of `any Command.Type` would do, but
    /// calling a throwing static requirement through it crashes the Swift 6.3 compiler.)
    struct Entry: Sendable {
        let spec: CommandSpec
        let run: @Sendable (ParsedArguments, CommandContext) throws -> Int32

        init<C: Command>(_ command: C.Type) {
            spec = C.spec
            run = { try C.run($0, $1) }
        }
    }

    static let commands: [Entry] = [
        Entry(InitCommand.self), Entry(ProposeCommand.self), Entry(DiffCommand.self), Entry(ApproveCommand.self),
        Entry(VerifyCommand.self), Entry(LogCommand.self), Entry(StatusCommand.self), Entry(CheckCommand.self),
        Entry(StaleCommand.self), Entry(ReviewCommand.self), Entry(ShowCommand.self), Entry(CalendarCommand.self),
        Entry(PushCommand.self), Entry(FetchCommand.self), Entry(HookCommand.self), Entry(DiffDriverCommand.self),
    ]

    /// Exit statuses: 0 success and nothing found; 1 the command found something;
    /// 2 the user's input or environment is wrong; 70 an internal fault.
    public enum ExitStatus {
        public static let success: Int32 = 0
        public static let found: Int32 = 1
        public static let userError: Int32 = 2
        public static let internalFault: Int32 = 70
    }

    public static func run(_ arguments: [String], context: CommandContext) -> Int32 {
        guard let name = arguments.first, !["-h", "--help", "help"].contains(name) else {
            if arguments.isEmpty {
                context.writeError(overview())
                return ExitStatus.userError
            }
            context.writeOutput(overview())
            return ExitStatus.success
        }
        if name == "--version" {
            context.print("slagit 0.1.0")
            return ExitStatus.success
        }
        guard let command = commands.first(where: { $0.spec.name == name }) else {
            let suggestion = ArgumentParser.nearest(name, among: commands.map(\.spec.name))
            context.report(
                Diagnostic(
                    .error, "unknown command '\(name)'",
                    hint: suggestion.map { "did you mean 'slagit \($0)'?" }
                        ?? "run slagit --help for the list of commands"))
            return ExitStatus.userError
        }
        let rest = Array(arguments.dropFirst())
        if rest.contains("--help") || rest.contains("-h") {
            context.writeOutput(help(command.spec))
            return ExitStatus.success
        }
        do {
            let parsed = try ArgumentParser.parse(rest, spec: command.spec)
            return try command.run(parsed, context)
        } catch let error as UserError {
            error.diagnostics.forEach(context.report)
            if asksForGitHubAnnotations(rest) {
                // So the failure shows on the pull request, not only in the log.
                for diagnostic in error.diagnostics {
                    let place = diagnostic.path.map { "file=\($0),line=\(diagnostic.location?.line ?? 1) " } ?? ""
                    let text = diagnostic.message + (diagnostic.hint.map { ". Fix: \($0)" } ?? "")
                    context.print(
                        "::error \(place)title=slagit could not run::\(text.replacingOccurrences(of: "\n", with: "%0A"))"
                    )
                }
            }
            return ExitStatus.userError
        } catch let error as GitError {
            context.report(Diagnostic(.error, "git: \(error.description)", hint: hint(for: error)))
            return ExitStatus.userError
        } catch {
            context.report(
                Diagnostic(.error, "internal error: \(error)", hint: "please report this with the command you ran"))
            return ExitStatus.internalFault
        }
    }

    private static func asksForGitHubAnnotations(_ arguments: [String]) -> Bool {
        arguments.contains("--format=github")
            || zip(arguments, arguments.dropFirst()).contains { $0 == "--format" && $1 == "github" }
    }

    private static func hint(for error: GitError) -> String? {
        switch error.code {
        case .locked: "another git process is running here; wait for it, or remove a stale .lock file"
        case .notOwner: "if you trust this repository, add it to git's safe.directory"
        case .notFound: "check the revision or path"
        case .hashMismatch:
            "the repository's object store is damaged or was altered: run git fsck, and restore the object from a clone you trust"
        default: nil
        }
    }

    static func overview() -> String {
        var lines = [
            "slagit: service level agreements kept in git", "", "usage: slagit COMMAND [OPTIONS]", "", "commands:",
        ]
        for command in commands {
            lines.append(
                "  " + command.spec.name.padding(toLength: 9, withPad: " ", startingAt: 0) + command.spec.summary)
        }
        lines += ["", "Every command has --help. Exit status: 0 fine, 1 found something, 2 bad input or environment."]
        return lines.joined(separator: "\n") + "\n"
    }

    static func help(_ spec: CommandSpec) -> String {
        "usage: \(spec.usage)\n\n\(spec.summary).\n\n\(spec.details)\n"
    }
}
