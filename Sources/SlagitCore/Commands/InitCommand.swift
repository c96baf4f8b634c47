import Foundation

/// `slagit init [PATH]`: makes or opens a repository and says what signing needs.
enum InitCommand: Command {
    static let spec = CommandSpec(
        name: "init", summary: "prepare a repository (new or existing) for slagit",
        usage: "slagit init [PATH] [--allowed-signers FILE]", valueOptions: ["allowed-signers"], flags: [],
        shortNames: [:], maxPositionals: 1,
        details: """
            Creates a git repository at PATH (default: here) unless one is there, then checks
            what approving and verifying will need: your git identity, a signing key, and for
            SSH signatures an allowed-signers file. --allowed-signers FILE records FILE (a path
            inside the repository, so it is versioned with the agreements) as this repository's
            gpg.ssh.allowedSignersFile.
            """)

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let target = arguments.positionals.first.map { $0.hasPrefix("/") ? $0 : context.workingDirectory + "/" + $0 }
            ?? context.workingDirectory
        let (repository, created) = try Repository.openOrCreate(at: target)
        context.print(created ? "Created a git repository in \(target)" : "Using the git repository in \(target)")
        if let allowed = arguments.value("allowed-signers") {
            guard let workdir = repository.workdir else {
                throw UserError("a bare repository has no working tree for an allowed-signers file", hint: "run init in a clone")
            }
            let absolute = allowed.hasPrefix("/") ? allowed : URL(fileURLWithPath: context.workingDirectory + "/" + allowed).standardizedFileURL.path
            guard FileManager.default.fileExists(atPath: absolute) else {
                throw UserError(path: allowed, "no such file", hint: "create it with one 'email ssh-key' line per approver")
            }
            let relative = absolute.hasPrefix(workdir) ? String(absolute.dropFirst(workdir.count)) : absolute
            try repository.setConfig("gpg.ssh.allowedSignersFile", relative.hasPrefix("/") ? relative : workdir + relative)
            context.print("Set gpg.ssh.allowedSignersFile to \(relative)")
        }
        let config = try repository.config()
        let identity = try? repository.defaultIdentity()
        context.print("")
        context.print("Identity:      " + (identity.map { "\($0.name) <\($0.email)>" } ?? "not set: git config user.name / user.email"))
        let signing = try SigningConfig(config: config, committer: identity)
        context.print("Signing:       \(signing.format.rawValue) with \(signing.program(for: signing.format))"
            + (ProgramRunner.locate(signing.program(for: signing.format)) == nil ? " (not installed)" : ""))
        context.print("Signing key:   " + (signing.signingKey ?? (signing.format == .ssh ? "not set: git config user.signingKey ~/.ssh/id_ed25519.pub" : "your identity's default key")))
        if signing.format == .ssh {
            context.print("Allowed signers: " + (signing.sshAllowedSignersFile ?? "not set: slagit init --allowed-signers FILE"))
        }
        context.print("")
        context.print("Next: write an agreement (Markdown with 'agreement:' front matter), then slagit propose PATH -m MESSAGE")
        return 0
    }
}
