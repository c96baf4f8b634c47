import Foundation

/// The repository a command works in, and how user-typed paths map into it.
public final class Workspace {
    public let repository: Repository
    let context: CommandContext

    init(context: CommandContext) throws {
        self.context = context
        do {
            repository = try Repository.discover(from: context.workingDirectory, environment: context.environment)
        } catch let error as GitError where error.code == .notOwner {
            throw UserError(
                "\(context.workingDirectory) is owned by another user, so git will not trust it: \(error.message)",
                hint: "if you trust it, run: git config --global --add safe.directory \(context.workingDirectory)")
        } catch let error as GitError where error.code == .notFound {
            // libgit2 1.5 skips a repository owned by another user as if it were not there.
            if let foreign = Workspace.repositoryOwnedByAnotherUser(above: context.workingDirectory) {
                throw UserError(
                    "the repository at \(foreign) is owned by another user, so git will not trust it",
                    hint: "if you trust it, run: git config --global --add safe.directory \(foreign)")
            }
            throw UserError(
                "not a git repository (nor is any folder above it): \(context.workingDirectory)",
                hint: "run slagit init here, or change to a repository's folder")
        }
    }

    /// The nearest folder at or above `path` that holds a `.git` owned by someone else.
    static func repositoryOwnedByAnotherUser(above path: String) -> String? {
        var folder = URL(fileURLWithPath: path).standardizedFileURL
        while true {
            let dotGit = folder.appendingPathComponent(".git").path
            if let owner = (try? FileManager.default.attributesOfItem(atPath: dotGit))?[.ownerAccountID] as? NSNumber {
                return owner.uint32Value == getuid() ? nil : folder.path
            }
            guard folder.path != "/" else { return nil }
            folder.deleteLastPathComponent()
        }
    }

    var workdir: String {
        get throws {
            guard let workdir = repository.workdir else {
                throw UserError("this is a bare repository, which has no working tree", hint: "run slagit in a clone")
            }
            return workdir
        }
    }

    /// The repository-relative path of a path the user typed (relative to where they are).
    func repositoryPath(_ userPath: String) throws -> String {
        let absolute = userPath.hasPrefix("/") ? userPath : context.workingDirectory + "/" + userPath
        let standard = URL(fileURLWithPath: absolute).standardizedFileURL.resolvingSymlinksInPath().path
        let root = URL(fileURLWithPath: try workdir).standardizedFileURL.resolvingSymlinksInPath().path
        guard standard.hasPrefix(root + "/") else {
            throw UserError(
                "\(userPath) is outside the repository at \(root)", hint: "name a file inside the repository")
        }
        return String(standard.dropFirst(root.count + 1))
    }

    /// The working-tree text of a repository path, or nil when there is no such file.
    func workingTreeText(_ path: String) throws -> String? {
        let root = try workdir
        let url = URL(fileURLWithPath: root + path)
        guard let data = try? Data(contentsOf: url) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    func text(of blob: ObjectID) throws -> String {
        String(decoding: try repository.blobData(blob), as: UTF8.self)
    }

    /// The agreements committed in `commit`: Markdown files whose front matter has
    /// an `agreement:` key.
    func agreements(inCommit commit: ObjectID) throws -> [(path: String, blob: ObjectID)] {
        try repository.files(inCommit: commit).filter { file in
            guard file.path.lowercased().hasSuffix(".md") else { return false }
            return AgreementParser.isAgreement(try text(of: file.blob))
        }
    }

    func headCommit(orExplain action: String) throws -> ObjectID {
        guard let head = try repository.headCommit() else {
            throw UserError(
                "the repository has no commits yet, so there is nothing to \(action)",
                hint: "propose an agreement first: slagit propose PATH -m MESSAGE")
        }
        return head
    }

    /// Where the allowed-signers file (SSH approvers' keys) is read from.
    enum SignersSource {
        /// As git reads it: the configured file, as it is on disk now.
        case workingTree
        /// As committed in a trusted commit, so a change under review cannot vouch for
        /// itself by adding its own key. Falls back to the working tree when the file is
        /// not in that commit.
        case commit(ObjectID)
        /// Only what git configuration names, never a file from the repository: for a
        /// server judging a push that has nothing older to trust.
        case configurationOnly
    }

    /// The file slagit uses when gpg.ssh.allowedSignersFile is not set: versioned with
    /// the agreements, so every clone has it.
    static let defaultAllowedSigners = ".slagit/allowed_signers"

    func signingConfig(signers: SignersSource = .workingTree) throws -> SigningConfig {
        let root = try? workdir
        var config = try SigningConfig(
            config: repository.config(), committer: try? repository.defaultIdentity(), workdir: root)
        var trusted: ObjectID?
        if case .commit(let commit) = signers { trusted = commit }
        var relative: String?
        if case .configurationOnly = signers {
            return config
        }
        if let file = config.sshAllowedSignersFile {
            relative = repositoryRelative(file)
        } else {
            // Not configured: the versioned file, if the repository has one. A bare
            // repository (a server) has only the committed copy.
            relative = Workspace.defaultAllowedSigners
            if let root, FileManager.default.fileExists(atPath: root + Workspace.defaultAllowedSigners) {
                config.sshAllowedSignersFile = root + Workspace.defaultAllowedSigners
            }
        }
        if let trusted, let relative, let blob = try repository.blobID(at: relative, inCommit: trusted) {
            let copy = scratch.url.appendingPathComponent("allowed_signers-\(blob.short)")
            try repository.blobData(blob).write(to: copy)
            config.sshAllowedSignersFile = copy.path
            config.sshAllowedSignersLabel = "\(relative) as committed at \(trusted.short)"
        }
        return config
    }

    /// The repository-relative path of a file inside the working tree, or nil.
    func repositoryRelative(_ file: String) -> String? {
        guard let root = try? workdir, file.hasPrefix(root) else { return nil }
        return String(file.dropFirst(root.count))
    }

    /// Scratch space that lives as long as this workspace (copies of committed files).
    private lazy var scratch: TemporaryDirectory = {
        do { return try TemporaryDirectory() } catch {
            preconditionFailure("cannot create a temporary folder: \(error)")
        }
    }()

    func identity() throws -> GitIdentity {
        do {
            var identity = try repository.defaultIdentity()
            // git dates commits and tags by GIT_COMMITTER_DATE when it is set; so does slagit.
            if let text = context.environment["GIT_COMMITTER_DATE"] {
                guard let moment = GitIdentity.parseGitDate(text) else {
                    throw UserError(
                        "GIT_COMMITTER_DATE '\(text)' is not a date slagit can read",
                        hint: "use 2026-11-30T10:00:00+0100 or @1796400000 +0100, or unset it")
                }
                (identity.time, identity.offsetMinutes) = moment
            }
            return identity
        } catch is GitError {
            throw UserError(
                "git does not know who you are: user.name and user.email are not both set",
                hint:
                    "run git config --global user.name \"Your Name\" and git config --global user.email you@example.com"
            )
        }
    }

    func evaluator(
        signers: SignersSource = .workingTree, pendingTags: [(name: String, target: ObjectID)] = []
    ) throws -> AgreementEvaluator {
        let verifier = ApprovalVerifier(
            repository: repository, signatures: SignatureVerifier(config: try signingConfig(signers: signers)),
            pendingTags: pendingTags)
        return AgreementEvaluator(repository: repository, approvals: verifier)
    }

    /// Days before expiry that an agreement counts as expiring: `--warn-days`, else git
    /// config `slagit.expiryWarningDays`, else 30.
    func expiryWarningDays(_ option: String?) throws -> Int {
        guard let text = try option ?? repository.config().string("slagit.expirywarningdays") else {
            return StalenessRules.defaultWarningDays
        }
        guard let days = Int(text), days >= 0 else {
            throw UserError(
                "the expiry warning window '\(text)' is not a number of days",
                hint: "use a whole number, as in --warn-days 60")
        }
        return days
    }

    /// The date commands evaluate against: `--as-of`, or today on this machine's clock.
    static func asOfDate(_ arguments: ParsedArguments) throws -> CalendarDate {
        guard let text = arguments.value("as-of") else { return CalendarDate(Date()) }
        guard let date = CalendarDate(iso: text) else {
            throw UserError("--as-of '\(text)' is not a date", hint: "write it as YYYY-MM-DD")
        }
        return date
    }

    /// Resolves a commit named for an option such as --base, saying in CI terms what to
    /// fetch when it is not in this clone.
    func resolve(revision spec: String, role: String) throws -> ObjectID {
        // A tag named like a branch would win in git's lookup order: a change could name
        // itself its own base. Refuse the ambiguity instead of guessing.
        if repository.referenceExists("refs/tags/\(spec)"),
            repository.referenceExists("refs/heads/\(spec)") || repository.referenceExists("refs/remotes/\(spec)")
        {
            throw UserError(
                "\(role) '\(spec)' is ambiguous: a tag and a branch have that name",
                hint:
                    "name the branch in full, as in refs/remotes/\(spec) or refs/heads/\(spec), and remove the tag if nobody meant it"
            )
        }
        do {
            return try repository.resolveCommit(spec)
        } catch let error as GitError {
            throw UserError(
                "\(role) '\(spec)' is not a commit in this clone: \(error.message)",
                hint: spec.contains("/")
                    ? "fetch it first, as in git fetch origin \(spec.split(separator: "/").dropFirst().joined(separator: "/"))"
                    : "name a branch, tag or commit that this clone has")
        }
    }

    /// Resolves a revision the user named for the agreement at `path`: `r3`, or any git
    /// revision. Returns the commit and the file's path in it.
    func resolve(revision spec: String, agreementPath path: String) throws -> (commit: ObjectID, path: String) {
        if spec.first == "r", let number = Int(spec.dropFirst()) {
            let head = try headCommit(orExplain: "compare")
            let text =
                try workingTreeText(path) ?? repository.blobID(at: path, inCommit: head).map { try self.text(of: $0) }
            // Even an agreement that no longer validates still names its id.
            let yaml = text.flatMap { MarkdownFile($0).frontMatterText }
            guard let yaml, let id = (try? parseYAML(yaml))??["agreement"]?.scalar else {
                throw UserError(
                    path: path, "'\(spec)' names a revision, but \(path) is not an agreement",
                    hint: "name a git revision instead, such as HEAD~1")
            }
            let revisions = try RevisionHistory.revisions(of: id, in: repository, from: head)
            guard let revision = revisions.first(where: { $0.number == number }) else {
                let known = revisions.map(\.label).reversed().joined(separator: ", ")
                throw UserError(
                    "agreement \(id) has no revision \(number)",
                    hint: known.isEmpty
                        ? "propose it first: slagit propose \(path) -m MESSAGE" : "its revisions are \(known)")
            }
            return (revision.commit.id, revision.path)
        }
        do {
            return (try repository.resolveCommit(spec), path)
        } catch let error as GitError {
            throw UserError(
                "'\(spec)' is not a revision here: \(error.message)",
                hint: "use r1, r2 … or a git revision such as HEAD~1 or a tag")
        }
    }
}
