import Foundation

/// `slagit init [PATH]`: makes or opens a repository and says what signing needs.
enum InitCommand: Command {
    static let spec = CommandSpec(
        name: "init", summary: "prepare a repository (new or existing) for slagit",
        usage: "slagit init [PATH] [--allowed-signers FILE] [--diff-driver]", valueOptions: ["allowed-signers"],
        flags: ["diff-driver"],
        shortNames: [:], maxPositionals: 1,
        details: """
            Creates a git repository at PATH (default: here) unless one is there, then checks
            what approving and verifying will need: your git identity, a signing key, and for
            SSH signatures an allowed-signers file. --allowed-signers FILE records FILE (a path
            inside the repository, so it is versioned with the agreements) as this repository's
            gpg.ssh.allowedSignersFile. --diff-driver registers slagit as git's diff driver for
            Markdown files (a '*.md diff=slagit' line in .gitattributes, and diff.slagit.command in
            this repository's configuration), so plain git diff shows clause-level changes.
            """)

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let target =
            arguments.positionals.first.map { $0.hasPrefix("/") ? $0 : context.workingDirectory + "/" + $0 }
            ?? context.workingDirectory
        let (repository, created) = try Repository.openOrCreate(at: target)
        context.print(created ? "Created a git repository in \(target)" : "Using the git repository in \(target)")
        if let allowed = arguments.value("allowed-signers") {
            guard let workdir = repository.workdir else {
                throw UserError(
                    "a bare repository has no working tree for an allowed-signers file", hint: "run init in a clone")
            }
            let absolute =
                allowed.hasPrefix("/")
                ? allowed : URL(fileURLWithPath: context.workingDirectory + "/" + allowed).standardizedFileURL.path
            guard FileManager.default.fileExists(atPath: absolute) else {
                throw UserError(
                    path: allowed, "no such file", hint: "create it with one 'email ssh-key' line per approver")
            }
            let relative = absolute.hasPrefix(workdir) ? String(absolute.dropFirst(workdir.count)) : absolute
            // Relative to the top of the working tree, which is where git resolves it.
            try repository.setConfig("gpg.ssh.allowedSignersFile", relative)
            context.print("Set gpg.ssh.allowedSignersFile to \(relative)")
        }
        if arguments.flag("diff-driver") {
            try registerDiffDriver(repository, context: context)
        }
        let identity = try? repository.defaultIdentity()
        let workspace = try Workspace(
            context: CommandContext(
                workingDirectory: repository.workdir ?? target, environment: context.environment,
                writeOutput: context.writeOutput, writeError: context.writeError,
                outputIsTerminal: context.outputIsTerminal, errorIsTerminal: context.errorIsTerminal))
        let signing = try workspace.signingConfig()
        context.print("")
        context.print("Identity:        " + (identity.map { "\($0.name) <\($0.email)>" } ?? "not set"))
        context.print("Signing:         \(signing.format.rawValue) with \(signing.program(for: signing.format))")
        context.print(
            "Signing key:     "
                + (signing.signingKey ?? (signing.format == .ssh ? "not set" : "your identity's default key")))
        if signing.format == .ssh {
            context.print("Allowed signers: " + (signing.sshAllowedSignersFile ?? "not set"))
        }
        var problems = signing.preflightProblems()
        if identity == nil {
            problems.insert(
                Diagnostic(
                    .warning, "git does not know who you are: user.name and user.email are not both set",
                    hint: "git config --global user.name \"Your Name\"; git config --global user.email you@example.com"),
                at: 0)
        }
        problems.forEach(context.report)
        let hasAgreements =
            (try? repository.headCommit()).flatMap { $0 }.map {
                (try? workspace.agreements(inCommit: $0).isEmpty) == false
            } ?? false
        context.print("")
        context.print(
            hasAgreements
                ? "Next: slagit status lists the agreements and what each still needs"
                : "Next: write an agreement (Markdown with 'agreement:' front matter), then slagit propose PATH -m MESSAGE"
        )
        return 0
    }

    /// Adds `*.md diff=slagit` to .gitattributes (once) and points diff.slagit.command at
    /// this slagit.
    private static func registerDiffDriver(_ repository: Repository, context: CommandContext) throws {
        guard let workdir = repository.workdir else {
            throw UserError(
                "a bare repository has no .gitattributes to register a diff driver in", hint: "run it in a clone")
        }
        let attributes = URL(fileURLWithPath: workdir + ".gitattributes")
        let existing = (try? String(contentsOf: attributes, encoding: .utf8)) ?? ""
        let line = "*.md diff=slagit"
        if !existing.split(separator: "\n").contains(where: { $0.trimmingCharacters(in: .whitespaces) == line }) {
            let separator = existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n"
            try Data((existing + separator + line + "\n").utf8).write(to: attributes)
        }
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? "slagit"
        try repository.setConfig("diff.slagit.command", "\"\(executable)\" diff-driver")
        context.print("Registered slagit as the diff driver for *.md (commit .gitattributes to share it)")
    }
}
