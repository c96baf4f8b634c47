import Foundation

/// Git hooks that run the pre-merge check: `pre-push` and `pre-merge-commit` on a
/// developer's machine, `pre-receive` on a git server.
enum GitHooks {
    static let supported = ["pre-push", "pre-merge-commit", "pre-receive"]
    private static let marker = "# Installed by slagit check --install-hook"
    private static let zero = String(repeating: "0", count: 40)

    /// Writes the hook script into the repository's hooks folder. Never replaces a hook
    /// that slagit did not write.
    static func install(_ name: String, workspace: Workspace, context: CommandContext) throws -> Int32 {
        guard supported.contains(name) else {
            throw UserError("no '\(name)' hook in slagit", hint: "use one of: \(supported.joined(separator: ", "))")
        }
        let folder = URL(fileURLWithPath: workspace.repository.gitDir).appendingPathComponent("hooks")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(name)
        if let existing = try? String(contentsOf: file, encoding: .utf8), !existing.contains(marker) {
            throw UserError(
                path: file.path, "a \(name) hook is already installed, and slagit did not write it",
                hint: "add the line 'slagit hook \(name) \"$@\"' to it yourself, or move it away and install again")
        }
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? "slagit"
        let script = """
            #!/bin/sh
            \(marker) \(name).
            # Runs the pre-merge check on what is about to land on a protected branch
            # (git config slagit.protectedBranches; default: main master) and refuses it
            # when an agreement is not approved.
            exec "\(executable)" hook \(name) "$@"

            """
        try Data(script.utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path)
        context.print("Installed the \(name) hook: \(file.path)")
        return 0
    }

    /// Runs a hook: reads what git hands it and checks each update to a protected branch.
    /// Returns 0 to let git go on, 1 to refuse.
    static func run(_ name: String, input: String, workspace: Workspace, context: CommandContext) throws -> Int32 {
        let protected = try protectedBranches(workspace.repository)
        var checks: [(ref: String, base: ObjectID?, head: ObjectID)] = []
        var pendingTags: [(name: String, target: ObjectID)] = []
        switch name {
        case "pre-receive":
            for line in input.split(separator: "\n") {
                let fields = line.split(separator: " ").map(String.init)
                guard fields.count == 3 else { continue }
                if let refusal = try rewriteRefusal(
                    ref: fields[2], old: fields[0], new: fields[1], protected: protected, workspace: workspace)
                {
                    context.writeError("slagit: refusing \(fields[2]): \(refusal)\n")
                    return 1
                }
                guard fields[1] != zero, let new = ObjectID(hex: fields[1]) else { continue }
                if fields[2].hasPrefix("refs/tags/\(ApprovalRecord.tagPrefix)") {
                    pendingTags.append((String(fields[2].dropFirst("refs/tags/".count)), new))
                } else if protected.contains(fields[2]) {
                    checks.append((fields[2], fields[0] == zero ? nil : ObjectID(hex: fields[0]), new))
                }
            }
        case "pre-push":
            // Known shortcoming: this judges the local approval tags, not whether they are
            // part of this push; the server's pre-receive (or CI) sees what really arrives.
            for line in input.split(separator: "\n") {
                let fields = line.split(separator: " ").map(String.init)
                guard fields.count == 4, fields[1] != zero, let local = ObjectID(hex: fields[1]),
                    protected.contains(fields[2])
                else { continue }
                let remote = fields[3] == zero ? nil : ObjectID(hex: fields[3])
                checks.append((fields[2], remote.flatMap { workspace.repository.contains($0) ? $0 : nil }, local))
            }
        case "pre-merge-commit":
            // git runs this hook before it writes MERGE_HEAD; what is being merged is
            // named in GIT_REFLOG_ACTION ("merge feature").
            let mergeHead = URL(fileURLWithPath: workspace.repository.gitDir).appendingPathComponent("MERGE_HEAD")
            let fromFile = (try? String(contentsOf: mergeHead, encoding: .utf8)).flatMap {
                ObjectID(hex: String($0.prefix(40)))
            }
            let action = context.environment["GIT_REFLOG_ACTION"] ?? ""
            let named = action.hasPrefix("merge ") ? String(action.dropFirst("merge ".count)) : nil
            guard let branch = workspace.repository.headBranch, protected.contains(branch),
                let head = try workspace.repository.headCommit(),
                let incoming = try fromFile ?? named.map({ try workspace.repository.resolveCommit($0) })
            else { return 0 }
            checks.append((branch, head, incoming))
        default:
            throw UserError("no '\(name)' hook in slagit", hint: "use one of: \(supported.joined(separator: ", "))")
        }
        var refused = false
        for update in checks {
            var check = PreMergeCheck(workspace: workspace, asOf: CalendarDate(Date()), pendingTags: pendingTags)
            if name == "pre-receive" && update.base == nil {
                // A new branch has no past of its own to trust: take the keys from the
                // server's default branch, or else only from the server's configuration.
                check.signers = try trustAnchorForNewBranch(workspace.repository, excluding: update.ref)
            }
            let outcome = try check.run(base: update.base, head: update.head, all: update.base == nil)
            guard !outcome.ok else { continue }
            refused = true
            context.writeError("slagit: refusing \(update.ref): an agreement would land without its approvals\n")
            context.writeError(CheckRenderer.text(outcome, colour: false))
            context.writeError(
                name == "pre-merge-commit"
                    ? "slagit: undo the merge with git merge --abort, or get the approvals first\n"
                    : "slagit: approvals are tags; push them with the branch: git push origin \(update.ref.replacingOccurrences(of: "refs/heads/", with: "")) 'refs/tags/sla/*'\n"
            )
        }
        return refused ? 1 : 0
    }

    /// Refuses deleting a protected branch that holds agreements, and rewriting one so
    /// that an agreement differs from what was there: either would take approved content
    /// out of force (a rollback, a removal) without a new revision and its approvals.
    private static func rewriteRefusal(
        ref: String, old: String, new: String, protected: Set<String>, workspace: Workspace
    ) throws -> String? {
        guard protected.contains(ref), old != zero, let oldTip = ObjectID(hex: old) else { return nil }
        let before = try workspace.agreements(inCommit: oldTip)
        guard !before.isEmpty else { return nil }
        guard new != zero, let newTip = ObjectID(hex: new) else {
            return "deleting a protected branch that holds agreements is not allowed"
        }
        guard try workspace.repository.mergeBase(oldTip, newTip) != oldTip else { return nil }  // fast-forward
        let after = Dictionary(
            try workspace.agreements(inCommit: newTip).map { ($0.path, $0.blob) }, uniquingKeysWith: { a, _ in a })
        if let changed = before.first(where: { after[$0.path] != $0.blob }) {
            return
                "this rewrites the branch's history and changes or removes \(changed.path); propose a new revision on top instead"
        }
        return nil
    }

    /// The server's default branch tip, when there is one other than `ref`.
    private static func trustAnchorForNewBranch(_ repository: Repository, excluding ref: String) throws
        -> Workspace.SignersSource
    {
        if let branch = repository.headBranch, branch != ref, let tip = try? repository.resolveCommit(branch) {
            return .commit(tip)
        }
        return .configurationOnly
    }

    /// Full reference names of the protected branches.
    static func protectedBranches(_ repository: Repository) throws -> Set<String> {
        let configured = try repository.config().string("slagit.protectedbranches") ?? "main master"
        return Set(configured.split(whereSeparator: { $0 == " " || $0 == "," }).map { "refs/heads/\($0)" })
    }
}
