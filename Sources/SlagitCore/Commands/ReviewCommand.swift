/// `slagit review PATH -m MINUTES`: records a periodic review as a signed tag.
enum ReviewCommand: Command {
    static let spec = CommandSpec(
        name: "review", summary: "record a periodic review (the quarterly audit) as a signed record",
        usage: "slagit review PATH -m MINUTES [--outcome no-change|changes-needed] [--as EMAIL]",
        valueOptions: ["message", "outcome", "as"], flags: [], shortNames: ["m": "message"], maxPositionals: 1,
        details: """
            Writes a signed tag sla-review/<agreement>/<date>/<reviewer>/<blob> on the revision in
            force, carrying who reviewed, when, the outcome, the minutes and the exact content
            reviewed; signed as git tag -s would, so git tag -v verifies it. The reviewer
            (user.email, or --as) must be an approver of one of the parties. A no-change review
            (the default) restarts the review clock; changes-needed does not.
            """)

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        guard let userPath = arguments.positionals.first else {
            throw UserError("review needs the agreement's path", hint: "usage: \(spec.usage)")
        }
        guard let minutes = arguments.value("message"), !minutes.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        else {
            throw UserError("review needs the minutes", hint: "add -m \"what was reviewed and decided\"")
        }
        let outcomeName = arguments.value("outcome") ?? ReviewRecord.Outcome.noChange.rawValue
        guard let outcome = ReviewRecord.Outcome(rawValue: outcomeName) else {
            throw UserError("unknown outcome '\(outcomeName)'", hint: "use no-change or changes-needed")
        }
        let workspace = try Workspace(context: context)
        let repository = workspace.repository
        let path = try workspace.repositoryPath(userPath)
        let head = try workspace.headCommit(orExplain: "review")
        guard let blob = try repository.blobID(at: path, inCommit: head) else {
            throw UserError(
                path: userPath, "not committed on this branch",
                hint: "check the path; slagit status lists the agreements")
        }
        let agreement = try AgreementParser.parseAgreement(try workspace.text(of: blob), path: path)
        guard let latest = try RevisionHistory.revisions(of: agreement.id, in: repository, from: head).first,
            latest.blob == blob
        else {
            throw UserError(
                path: path, "the content at HEAD is not a proposed revision, so there is no revision to review",
                hint: "propose it first: slagit propose \(userPath) -m MESSAGE")
        }
        let identity = try workspace.identity()
        let reviewer = arguments.value("as") ?? identity.email
        let record = ReviewRecord(
            agreementID: agreement.id, revision: latest.number, reviewer: reviewer, outcome: outcome,
            reviewedOn: identity.calendarDate, path: path, blob: blob, minutes: minutes)
        if let refusal = record.refusal(by: agreement) {
            throw UserError(
                path: path, refusal, hint: "review as one of the approvers listed under 'parties:' (--as EMAIL)")
        }
        let verifier = ApprovalVerifier(
            repository: repository, signatures: SignatureVerifier(config: try workspace.signingConfig()))
        if try verifier.reviewTags(of: agreement.id).contains(where: { $0.name == record.tagName }) {
            throw UserError(
                "\(reviewer) already recorded a review of this content today (\(record.tagName))",
                hint: "nothing to do; to replace it, delete the tag with git tag -d \(record.tagName)")
        }
        try SignedTagWriter(repository: repository, signing: try workspace.signingConfig()).write(
            target: latest.commit.id, name: record.tagName, tagger: identity, message: record.message, signer: reviewer)
        context.print(
            "Recorded the review of \(agreement.id) r\(latest.number) (\(outcome.rawValue)): tag \(record.tagName)")
        if outcome == .noChange, let period = agreement.review {
            context.note("The next review is due on \(period.after(record.reviewedOn)).")
        }
        context.note("Share it: git push origin refs/tags/\(record.tagName)")
        return 0
    }
}
