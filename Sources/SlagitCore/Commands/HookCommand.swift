/// `slagit hook NAME`: what the hooks that `check --install-hook` writes run.
enum HookCommand: Command {
    static let spec = CommandSpec(
        name: "hook", summary: "run by the git hooks that check --install-hook writes",
        usage: "slagit hook pre-push|pre-merge-commit|pre-receive [GIT'S HOOK ARGUMENTS]", valueOptions: [],
        flags: [], shortNames: [:], maxPositionals: 3,
        details: """
            Reads what git hands the hook on standard input and runs the pre-merge check on
            every update to a protected branch (git config slagit.protectedBranches, default
            main and master). In pre-receive, approval tags pushed together with the branch
            count. Exits 1, so git refuses, when an agreement would land without its approvals.
            """)

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        guard let name = arguments.positionals.first else {
            throw UserError("hook needs the hook's name", hint: "usage: \(spec.usage)")
        }
        let workspace = try Workspace(context: context)
        return try GitHooks.run(name, input: context.readInput(), workspace: workspace, context: context)
    }
}
