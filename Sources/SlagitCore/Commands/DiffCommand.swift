/// `slagit diff [REV_A [REV_B]] [PATH]`: clause-level differences.
enum DiffCommand: Command {
    static let spec = CommandSpec(
        name: "diff", summary: "clause-level diff between revisions, or against the working tree",
        usage: "slagit diff [REV_A [REV_B]] [PATH] [--format text|json|markdown|html] [--stat] [--exit-code]",
        valueOptions: ["format"], flags: ["exit-code", "stat"], shortNames: [:], maxPositionals: 3,
        details: """
            Revisions are r1, r2 … (an agreement's proposed revisions), any git revision
            (HEAD~1, a branch, a tag), 'index' for what is staged, or 'worktree' for the file as it
            is on disk. --stat prints one line of counts per file; --format markdown writes a
            pull-request comment; --format html a self-contained redline page, with the verified
            approvals each side carries. With no
            revision, compares the latest revision (or HEAD) with the working tree; with one,
            that revision with the working tree. PATH may be any Markdown file. Without PATH,
            every agreement that differs is shown. --exit-code exits 1 when anything differs.
            """)

    private static let worktree = "worktree"
    private static let index = "index"

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let format = try ReportFormat.from(arguments, allowed: [.text, .json, .markdown, .html])
        let workspace = try Workspace(context: context)
        var positionals = arguments.positionals
        var path: String?
        if let last = positionals.last, try looksLikePath(last, workspace: workspace) {
            path = try workspace.repositoryPath(last)
            positionals.removeLast()
        }
        guard positionals.count <= 2 else {
            throw UserError("too many revisions: \(positionals.joined(separator: " "))", hint: "usage: \(spec.usage)")
        }
        let paths: [String]
        if let path {
            paths = [path]
        } else {
            let head = try workspace.headCommit(orExplain: "compare")
            paths = try workspace.agreements(inCommit: head).map(\.path)
        }
        var reports: [DiffReport] = []
        for path in paths {
            let from = try positionals.first ?? defaultBase(for: path, workspace: workspace)
            let to = positionals.count == 2 ? positionals[1] : worktree
            let old = try content(of: path, at: from, workspace: workspace)
            let new = try content(of: path, at: to, workspace: workspace)
            if old == nil && new == nil {
                throw UserError(
                    path: path, "no such file at \(from) or at \(to)", hint: "check the path and the revisions")
            }
            reports.append(DiffReport.compare(old: old, new: new, path: path, from: from, to: to))
        }
        // Without a path every agreement is compared; only those that differ are shown.
        if paths.count > 1 { reports = reports.filter { !$0.isEmpty } }
        if arguments.flag("stat") {
            context.writeOutput(
                reports.isEmpty ? "no agreement differs\n" : reports.map(DiffSummaryRenderer.stat).joined())
            return arguments.flag("exit-code") && reports.contains { !$0.isEmpty } ? 1 : 0
        }
        switch format {
        case .markdown:
            context.writeOutput(reports.map(DiffSummaryRenderer.markdown).joined(separator: "\n"))
        case .html:
            guard reports.count == 1, let report = reports.first else {
                throw UserError(
                    "--format html writes one page for one file",
                    hint: "name the file: slagit diff REV_A REV_B PATH --format html")
            }
            let renderer = DiffHTMLRenderer(
                fromApprovals: try approvals(at: report.from, path: report.path, workspace: workspace),
                toApprovals: try approvals(at: report.to, path: report.path, workspace: workspace))
            context.writeOutput(renderer.render(report))
        case .json:
            context.writeOutput(
                reports.count == 1
                    ? reports[0].json.serialized()
                    : JSONValue.object([("diffs", .array(reports.map(\.json)))]).serialized())
        default:
            let renderer = DiffTextRenderer(colour: context.colourOutput)
            context.writeOutput(
                reports.isEmpty ? "no agreement differs\n" : reports.map(renderer.render).joined(separator: "\n"))
        }
        return arguments.flag("exit-code") && reports.contains { !$0.isEmpty } ? 1 : 0
    }

    private static func looksLikePath(_ argument: String, workspace: Workspace) throws -> Bool {
        if argument.hasSuffix(".md") || argument.hasSuffix(".markdown")
            || argument.contains("/") && !argument.hasPrefix("refs/")
        {
            return true
        }
        guard let path = try? workspace.repositoryPath(argument) else { return false }
        return try workspace.workingTreeText(path) != nil
    }

    /// What the working tree is compared with by default: the agreement's latest
    /// revision, or HEAD for other files.
    private static func defaultBase(for path: String, workspace: Workspace) throws -> String {
        guard let head = try workspace.repository.headCommit() else { return "HEAD" }
        let committed = try workspace.repository.blobID(at: path, inCommit: head).map { try workspace.text(of: $0) }
        let onDisk = try workspace.workingTreeText(path)
        if let text = committed ?? onDisk,
            let id = (try? parseYAML(MarkdownFile(text).frontMatterText ?? ""))??["agreement"]?.scalar,
            let latest = try RevisionHistory.revisions(of: id, in: workspace.repository, from: head).first
        {
            return latest.label
        }
        return "HEAD"
    }

    /// The verified approvals whose tags point at the commit `revision` names, for the
    /// redline's header. None for the index or the working tree.
    private static func approvals(at revision: String, path: String, workspace: Workspace) throws -> [String] {
        guard revision != worktree, revision != index,
            let resolved = try? workspace.resolve(revision: revision, agreementPath: path),
            let blob = try workspace.repository.blobID(at: resolved.path, inCommit: resolved.commit),
            let id = try? AgreementParser.parseAgreement(workspace.text(of: blob), path: resolved.path).id
        else { return [] }
        let verifier = ApprovalVerifier(
            repository: workspace.repository, signatures: SignatureVerifier(config: try workspace.signingConfig()))
        return try verifier.approvalTags(of: id).compactMap { tag in
            let verdict = try verifier.verify(tagName: tag.name, target: tag.target, agreementID: id)
            guard verdict.status == .valid, verdict.commit == resolved.commit, let record = verdict.record,
                !record.isWithdrawal
            else { return nil }
            return "\(record.approver) (\(record.party))"
        }
    }

    private static func content(of path: String, at revision: String, workspace: Workspace) throws -> String? {
        if revision == worktree { return try workspace.workingTreeText(path) }
        if revision == index {
            return try workspace.repository.indexBlob(at: path).map { try workspace.text(of: $0) }
        }
        let resolved = try workspace.resolve(revision: revision, agreementPath: path)
        return try workspace.repository.blobID(at: resolved.path, inCommit: resolved.commit).map {
            try workspace.text(of: $0)
        }
    }
}
