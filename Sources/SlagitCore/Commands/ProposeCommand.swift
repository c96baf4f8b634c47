/// `slagit propose PATH -m MSG`: validates an agreement and commits it, and only it,
/// as its next revision.
enum ProposeCommand: Command {
    static let spec = CommandSpec(
        name: "propose", summary: "validate and commit a new revision of one agreement",
        usage: "slagit propose PATH -m MESSAGE", valueOptions: ["message"], flags: [],
        shortNames: ["m": "message"], maxPositionals: 1,
        details: """
            Commits the working-tree content of PATH, and nothing else, on the current branch,
            with trailers naming the agreement and its revision number. Other staged and
            unstaged changes stay exactly as they were. An invalid agreement, or one unchanged
            since its last revision, is refused.
            """)

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        guard let userPath = arguments.positionals.first else {
            throw UserError("propose needs the agreement's path", hint: "usage: \(spec.usage)")
        }
        guard let message = arguments.value("message"), !message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        else {
            throw UserError("propose needs a message saying what changed", hint: "add -m \"what changed and why\"")
        }
        let workspace = try Workspace(context: context)
        let path = try workspace.repositoryPath(userPath)
        guard let text = try workspace.workingTreeText(path) else {
            throw UserError(
                path: userPath, "no such file in the working tree", hint: "check the path, or write the agreement first"
            )
        }
        let agreement = try AgreementParser.parseAgreement(text, path: path)
        agreement.warnings.forEach(context.report)
        let repository = workspace.repository
        let head = try repository.headCommit()
        let revisions = try RevisionHistory.revisions(of: agreement.id, in: repository, from: head)
        if let latest = revisions.first, latest.path != path, let head,
            let other = try repository.blobID(at: latest.path, inCommit: head),
            (try? AgreementParser.parseAgreement(workspace.text(of: other), path: latest.path).id) == agreement.id
        {
            throw UserError(
                path: path, location: .init(line: 2, column: 1),
                "agreement id '\(agreement.id)' is already used by \(latest.path)",
                hint: "give this agreement its own id, or edit \(latest.path) instead")
        }
        // Before anything is written: a missing identity must not leave a stray blob.
        let identity = try workspace.identity()
        let blob = try repository.createBlobFromWorkdir(path)
        if let latest = revisions.first, latest.blob == blob, latest.path == path {
            throw UserError(
                path: path, "unchanged since revision \(latest.number), so there is nothing to propose",
                hint: "edit the agreement first; to see what is in force run slagit log \(path)")
        }
        for reference in agreement.references where try workspace.workingTreeText(reference) == nil {
            context.report(
                Diagnostic(
                    .warning, path: path, "referenced document \(reference) does not exist",
                    hint: "add it, or remove it from 'references:'"))
        }
        let number = (revisions.first?.number ?? 0) + 1
        let fullMessage =
            message.trimmingCharacters(in: .whitespacesAndNewlines) + "\n\n"
            + Revision.trailers(agreementID: agreement.id, number: number, path: path)
        let commit = try repository.commitReplacingOneFile(
            path: path, blob: blob, parent: head, message: fullMessage, identity: identity)
        do {
            try repository.stageWorkdirFile(path)
        } catch let error as GitError {
            // The commit stands; only the index is behind, which git shows as a staged undo.
            context.report(
                Diagnostic(
                    .warning, path: path, "committed, but the index could not be updated: \(error.message)",
                    hint: "run git add \(path)"))
        }
        context.print("Proposed \(agreement.id) r\(number) as \(commit.short) (\(path))")
        let approvers = agreement.parties.map { "\($0.role): \($0.approvers.joined(separator: ", "))" }.joined(
            separator: "; ")
        context.note("Next: each party approves with slagit approve \(path) --party PARTY (\(approvers))")
        return 0
    }
}
