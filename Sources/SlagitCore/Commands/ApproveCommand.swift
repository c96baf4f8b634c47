/// `slagit approve PATH [--party P]`: signs an approval of the latest revision as a tag.
enum ApproveCommand: Command {
    static let spec = CommandSpec(
        name: "approve", summary: "record a signed approval of the latest proposed revision",
        usage: "slagit approve PATH [--party PARTY] [--as EMAIL] [--withdraw]", valueOptions: ["party", "as"],
        flags: ["withdraw"],
        shortNames: ["p": "party"], maxPositionals: 1,
        details: """
            Writes a signed annotated tag sla/<agreement>/r<N>/<party>/<approver> on the latest
            revision's commit. Its message binds the agreement, revision, party, approver, the
            agreement's blob id and each referenced document's blob id. It is signed as
            'git tag -s' would sign it, from git's configuration (gpg.format, user.signingKey,
            gpg.program, gpg.ssh.program, gpg.x509.program), so 'git tag -v' verifies it.
            The approver is user.email unless --as names another; --party defaults to the one
            party that lists the approver. --withdraw writes a signed withdrawal of your
            approval of the latest revision instead: it stops counting, and history keeps both.
            """)

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        guard let userPath = arguments.positionals.first else {
            throw UserError("approve needs the agreement's path", hint: "usage: \(spec.usage)")
        }
        let workspace = try Workspace(context: context)
        let repository = workspace.repository
        let path = try workspace.repositoryPath(userPath)
        let head = try workspace.headCommit(orExplain: "approve")
        guard try workspace.workingTreeText(path) != nil || repository.blobID(at: path, inCommit: head) != nil else {
            throw UserError(path: userPath, "no such file", hint: "check the path; slagit status lists the agreements")
        }
        let headText = try repository.blobID(at: path, inCommit: head).map { try workspace.text(of: $0) }
        guard let headText else {
            throw UserError(
                path: userPath, "not committed on this branch",
                hint: "propose it first: slagit propose \(userPath) -m MESSAGE")
        }
        let current = try AgreementParser.parseAgreement(headText, path: path)
        guard let latest = try RevisionHistory.revisions(of: current.id, in: repository, from: head).first else {
            throw UserError(
                path: path, "\(current.id) has no proposed revision", hint: "slagit propose \(userPath) -m MESSAGE")
        }
        let agreement = try AgreementParser.parseAgreement(try workspace.text(of: latest.blob), path: latest.path)
        if try repository.blobID(at: path, inCommit: head) != latest.blob {
            throw UserError(
                path: path, "HEAD holds changes made after revision \(latest.number) without slagit propose",
                hint: "propose them first (slagit propose \(userPath) -m MESSAGE) so there is one revision to approve")
        }
        if let onDisk = try workspace.workingTreeText(path), onDisk != headText {
            context.report(
                Diagnostic(
                    .warning, path: path,
                    "the working tree has unproposed edits; approving revision \(latest.number) as committed"))
        }

        let identity = try workspace.identity()
        let approver = arguments.value("as") ?? identity.email
        let party = try choosePartyFor(approver, requested: arguments.value("party"), agreement: agreement)
        // Referenced documents are bound as they are in force: at HEAD.
        let references = try agreement.references.map {
            ApprovalRecord.Reference(path: $0, blob: try repository.blobID(at: $0, inCommit: head))
        }
        if let link = try agreement.references.first(where: { try repository.isSymbolicLink(at: $0, inCommit: head) }) {
            throw UserError(
                path: path, "referenced document \(link) is a symbolic link, so an approval would bind only the link",
                hint: "reference the file it points to, and propose the agreement again")
        }
        if let missing = references.first(where: { $0.blob == nil }) {
            throw UserError(
                path: path,
                "referenced document \(missing.path) is not committed, so there is nothing to approve it against",
                hint:
                    "commit it with git (git add \(missing.path) && git commit), or remove it from 'references:' and propose again"
            )
        }
        let record = ApprovalRecord(
            agreementID: agreement.id, revision: latest.number, party: party.role, approver: approver,
            path: latest.path, blob: latest.blob, references: references,
            clauseHashes: ApprovalRecord.clauseHashes(of: try workspace.text(of: latest.blob)))
        guard Repository.isValidReferenceName("refs/tags/" + record.tagName) else {
            throw UserError(
                "'\(record.tagName)' cannot be a git tag name",
                hint: "approver and party names must not contain spaces or git's special characters")
        }

        let approvals = ApprovalVerifier(
            repository: repository, signatures: SignatureVerifier(config: try workspace.signingConfig()))
        if arguments.flag("withdraw") {
            return try withdraw(
                record, approvals: approvals, workspace: workspace, target: latest.commit.id, context: context)
        }
        if let existing = try approvals.approvalTags(of: agreement.id).first(where: { $0.name == record.tagName }) {
            let verdict = try approvals.verify(
                tagName: existing.name, target: existing.target, agreementID: agreement.id)
            guard verdict.isSound else {
                throw UserError(
                    "tag \(record.tagName) exists but is not a valid approval (\(verdict.status.rawValue)): \(verdict.reason)",
                    hint: "delete it with git tag -d \(record.tagName), then approve again")
            }
            context.print("Already approved: \(record.tagName)")
            return 0
        }

        try SignedTagWriter(repository: repository, signing: try workspace.signingConfig()).write(
            target: latest.commit.id, name: record.tagName, tagger: identity, message: record.message, signer: approver)
        context.print(
            "Approved \(agreement.id) r\(latest.number) for \(party.role) as \(approver): tag \(record.tagName)")
        context.note("Share it: git push origin refs/tags/\(record.tagName)")
        return 0
    }

    /// Writes a signed withdrawal of the approval `record` describes, which must exist.
    private static func withdraw(
        _ record: ApprovalRecord, approvals: ApprovalVerifier, workspace: Workspace, target: ObjectID,
        context: CommandContext
    ) throws -> Int32 {
        let tags = try approvals.approvalTags(of: record.agreementID)
        guard tags.contains(where: { $0.name == record.tagName }) else {
            throw UserError(
                "\(record.approver) has no approval of \(record.agreementID) r\(record.revision) for \(record.party) to withdraw",
                hint: "slagit log \(record.path) lists the approvals")
        }
        let withdrawal = ApprovalRecord(
            agreementID: record.agreementID, revision: record.revision, party: record.party, approver: record.approver,
            path: record.path, blob: record.blob, references: record.references, isWithdrawal: true,
            clauseHashes: record.clauseHashes)
        if tags.contains(where: { $0.name == withdrawal.tagName }) {
            context.print("Already withdrawn: \(withdrawal.tagName)")
            return 0
        }
        try SignedTagWriter(repository: workspace.repository, signing: try workspace.signingConfig()).write(
            target: target, name: withdrawal.tagName, tagger: try workspace.identity(), message: withdrawal.message,
            signer: record.approver)
        context.print(
            "Withdrew the approval of \(record.agreementID) r\(record.revision) for \(record.party): tag \(withdrawal.tagName)"
        )
        context.note("Share it: git push origin refs/tags/\(withdrawal.tagName)")
        return 0
    }

    private static func choosePartyFor(_ approver: String, requested: String?, agreement: Agreement) throws
        -> Agreement.Party
    {
        let lowered = approver.lowercased()
        if let requested {
            guard let party = agreement.party(requested) else {
                throw UserError(
                    path: agreement.path, "\(agreement.id) has no party '\(requested)'",
                    hint: "its parties are: \(agreement.parties.map(\.role).joined(separator: ", "))")
            }
            guard party.approvers.contains(where: { $0.lowercased() == lowered }) else {
                throw UserError(
                    path: agreement.path, location: party.location,
                    "\(approver) is not an approver of party '\(party.role)' (approvers: \(party.approvers.joined(separator: ", ")))",
                    hint:
                        "approve as one of them (--as EMAIL, or git config user.email), or propose a revision that adds you"
                )
            }
            return party
        }
        let matching = agreement.parties.filter { $0.approvers.contains { $0.lowercased() == lowered } }
        switch matching.count {
        case 1: return matching[0]
        case 0:
            throw UserError(
                path: agreement.path, "\(approver) is not an approver of any party of \(agreement.id)",
                hint: "set user.email (or --as) to an approver's address; approvers are listed under 'parties:'")
        default:
            throw UserError(
                "\(approver) approves for several parties (\(matching.map(\.role).joined(separator: ", ")))",
                hint: "say which with --party")
        }
    }
}
