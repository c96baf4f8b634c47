/// `slagit check`: the pre-merge gate.
enum CheckCommand: Command {
    static let spec = CommandSpec(
        name: "check", summary: "the pre-merge gate for CI and git hooks",
        usage: """
            slagit check [--base REV] [--head REV] [--all] [--strict] [--allow-removal] [--as-of DATE]
                         [--format text|json|github|junit|markdown] | --install-hook pre-push|pre-merge-commit|pre-receive
            """,
        valueOptions: ["base", "head", "format", "as-of", "install-hook"], flags: ["all", "strict", "allow-removal"],
        shortNames: [:],
        maxPositionals: 0,
        details: """
            Looks at every agreement that differs between --base and --head (default HEAD), or
            whose referenced documents differ, or every agreement with --all or without --base.
            Deleting an agreement, or its 'agreement:' key, fails unless --allow-removal. Each must be valid, its newest
            revision must be the content at --head, fully approved by every party with verified
            signatures bound to exactly that content, and not expired. Prints one line per
            finding with file:line and exits 1 on any error. Warnings (review overdue) fail only
            with --strict. --format github writes workflow annotations, junit a JUnit XML report
            (one test case per agreement and rule), markdown a pull-request comment. An
            environment that cannot show the truth (a shallow clone without tags, no common
            history with --base, a missing signing program) exits 2. --as-of YYYY-MM-DD
            evaluates expiry and reviews on another day. SSH approvers' keys are read from the
            allowed-signers file as committed at --base (or --head), so a change cannot approve
            itself by adding a key. --install-hook writes a git hook that runs this check:
            pre-push and pre-merge-commit for developers, pre-receive for a git server, where
            a push that would put an unapproved agreement on a protected branch (git config
            slagit.protectedBranches, default main and master) is refused.
            """)

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let format = try ReportFormat.from(arguments, allowed: [.text, .json, .github, .junit, .markdown])
        let workspace = try Workspace(context: context)
        if let hook = arguments.value("install-hook") {
            return try GitHooks.install(hook, workspace: workspace, context: context)
        }
        let head =
            try arguments.value("head").map { try workspace.resolve(revision: $0, role: "--head") }
            ?? workspace.headCommit(orExplain: "check")
        let base = try arguments.value("base").map { try workspace.resolve(revision: $0, role: "--base") }
        let check = PreMergeCheck(
            workspace: workspace, asOf: try Workspace.asOfDate(arguments), strict: arguments.flag("strict"),
            allowRemoval: arguments.flag("allow-removal"))
        let outcome = try check.run(base: base, head: head, all: arguments.flag("all"))
        switch format {
        case .json: context.writeOutput(CheckRenderer.json(outcome))
        case .github: context.writeOutput(CheckRenderer.github(outcome))
        case .junit: context.writeOutput(CheckRenderer.junit(outcome))
        case .markdown: context.writeOutput(CheckRenderer.markdown(outcome))
        // html is refused above, with the list of formats check speaks.
        case .text, .html: context.writeOutput(CheckRenderer.text(outcome, colour: context.colourOutput))
        }
        return outcome.ok ? 0 : 1
    }
}
