/// The references slagit keeps approvals and reviews under.
enum ApprovalRefs {
    static let prefixes = ["refs/tags/\(ApprovalRecord.tagPrefix)", "refs/tags/\(ReviewRecord.tagPrefix)"]
    static let fetchRefspecs = prefixes.map { "\($0)*:\($0)*" }

    static func remoteHint(_ error: GitError, remote: String, push: Bool) -> UserError {
        let command =
            push
            ? "git push \(remote) 'refs/tags/sla/*' 'refs/tags/sla-review/*'"
            : "git fetch \(remote) 'refs/tags/sla/*:refs/tags/sla/*' 'refs/tags/sla-review/*:refs/tags/sla-review/*'"
        return UserError(
            "could not \(push ? "push to" : "fetch from") \(remote): \(error.message)",
            hint: "git itself can use your credentials: \(command)")
    }
}

/// `slagit push [REMOTE]`: sends every approval and review tag to a remote.
enum PushCommand: Command {
    static let spec = CommandSpec(
        name: "push", summary: "push approval and review tags to a remote",
        usage: "slagit push [REMOTE]", valueOptions: [], flags: [], shortNames: [:], maxPositionals: 1,
        details: """
            Pushes every tag under refs/tags/sla/ and refs/tags/sla-review/ to REMOTE (default
            origin), each to the same name. Tags are never overwritten there. The same as
            git push REMOTE 'refs/tags/sla/*' 'refs/tags/sla-review/*', which is the way for
            remotes that need your credentials.
            """)

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let remote = arguments.positionals.first ?? "origin"
        let workspace = try Workspace(context: context)
        let references = try ApprovalRefs.prefixes.flatMap {
            try workspace.repository.references(withPrefix: $0).map(\.name)
        }
        guard !references.isEmpty else {
            context.print("No approval or review tags to push.")
            return 0
        }
        do {
            try workspace.repository.push(references: references, to: remote)
        } catch let error as GitError {
            throw ApprovalRefs.remoteHint(error, remote: remote, push: true)
        }
        context.print("Pushed \(references.count) approval and review tag(s) to \(remote).")
        return 0
    }
}

/// `slagit fetch [REMOTE]`: brings every approval and review tag from a remote.
enum FetchCommand: Command {
    static let spec = CommandSpec(
        name: "fetch", summary: "fetch approval and review tags from a remote",
        usage: "slagit fetch [REMOTE]", valueOptions: [], flags: [], shortNames: [:], maxPositionals: 1,
        details: """
            Fetches refs/tags/sla/* and refs/tags/sla-review/* from REMOTE (default origin). The
            same as git fetch REMOTE 'refs/tags/sla/*:refs/tags/sla/*'
            'refs/tags/sla-review/*:refs/tags/sla-review/*'.
            """)

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let remote = arguments.positionals.first ?? "origin"
        let workspace = try Workspace(context: context)
        let before = try ApprovalRefs.prefixes.flatMap { try workspace.repository.references(withPrefix: $0) }.count
        do {
            try workspace.repository.fetch(refspecs: ApprovalRefs.fetchRefspecs, from: remote)
        } catch let error as GitError {
            throw ApprovalRefs.remoteHint(error, remote: remote, push: false)
        }
        let after = try ApprovalRefs.prefixes.flatMap { try workspace.repository.references(withPrefix: $0) }.count
        context.print("Fetched \(after - before) new approval and review tag(s) from \(remote) (\(after) in all).")
        return 0
    }
}
