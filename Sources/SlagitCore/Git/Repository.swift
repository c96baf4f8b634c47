import CGit2
import Foundation

/// An open git repository. Owns its libgit2 handle and frees it on deinit.
///
/// Every libgit2 handle besides this one is short-lived and freed by `defer` in the
/// method that made it; values are copied out as Swift types before that.
public final class Repository {
    let handle: OpaquePointer
    /// The working tree's folder, with a trailing slash; nil for a bare repository.
    public let workdir: String?
    /// The `.git` folder (or the bare repository's folder), with a trailing slash.
    public let gitDir: String

    private init(handle: OpaquePointer) {
        self.handle = handle
        workdir = git_repository_workdir(handle).map { String(cString: $0) }
        gitDir = String(cString: git_repository_path(handle))
    }

    deinit { git_repository_free(handle) }

    /// Opens the repository that contains `path`, searching upwards as git does. When
    /// GIT_DIR is set (as in a server hook), the repository is opened as git would open
    /// it from the environment, which also makes a push's quarantined objects visible.
    public static func discover(from path: String, environment: [String: String] = [:]) throws -> Repository {
        LibGit2.ensureReady()
        var handle: OpaquePointer?
        let fromEnvironment = environment["GIT_DIR"] != nil
        try gitCall("git_repository_open_ext") {
            fromEnvironment
                ? git_repository_open_ext(&handle, nil, GIT_REPOSITORY_OPEN_FROM_ENV.rawValue, nil)
                : git_repository_open_ext(&handle, path, 0, nil)
        }
        return Repository(handle: handle!)
    }

    /// The full name of the branch HEAD is on (`refs/heads/main`), or nil when detached.
    public var headBranch: String? {
        var reference: OpaquePointer?
        guard git_reference_lookup(&reference, handle, "HEAD") == 0 else { return nil }
        defer { git_reference_free(reference) }
        guard git_reference_type(reference) == GIT_REFERENCE_SYMBOLIC,
            let target = git_reference_symbolic_target(reference)
        else { return nil }
        return String(cString: target)
    }

    /// True for a shallow clone, whose history stops short of the first commit.
    public var isShallow: Bool { git_repository_is_shallow(handle) == 1 }

    /// The best common ancestor of two commits, or nil when they share no history.
    public func mergeBase(_ one: ObjectID, _ two: ObjectID) throws -> ObjectID? {
        var out = git_oid()
        var first = one.raw
        var second = two.raw
        do {
            try gitCall("git_merge_base") { git_merge_base(&out, handle, &first, &second) }
        } catch let error as GitError where error.code == .notFound {
            return nil
        }
        return ObjectID(out)
    }

    /// Whether the object is in the object database (a shallow clone may lack it).
    public func contains(_ id: ObjectID) -> Bool {
        var odb: OpaquePointer?
        guard git_repository_odb(&odb, handle) == 0 else { return false }
        defer { git_odb_free(odb) }
        var oid = id.raw
        return git_odb_exists(odb, &oid) == 1
    }

    /// Opens the repository at `path` if there is one there, or creates one with `main`
    /// as its first branch.
    public static func openOrCreate(at path: String) throws -> (Repository, created: Bool) {
        LibGit2.ensureReady()
        var handle: OpaquePointer?
        let opened = git_repository_open_ext(
            &handle, path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil)
        if opened == 0, let handle { return (Repository(handle: handle), false) }
        var options = git_repository_init_options()
        try gitCall("git_repository_init_options_init") {
            git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION))
        }
        options.flags = GIT_REPOSITORY_INIT_MKPATH.rawValue
        try "main".withCString { branch in
            options.initial_head = branch
            try gitCall("git_repository_init_ext") {
                git_repository_init_ext(&handle, path, &options)
            }
        }
        return (Repository(handle: handle!), true)
    }

    // MARK: Commits and revisions

    /// The commit HEAD points at, or nil on an unborn branch (a repository with no commits).
    public func headCommit() throws -> ObjectID? {
        var oid = git_oid()
        do {
            try gitCall("git_reference_name_to_id") { git_reference_name_to_id(&oid, handle, "HEAD") }
        } catch let error as GitError where error.code == .notFound || error.code == .unbornBranch {
            return nil
        }
        return ObjectID(oid)
    }

    /// Resolves any git revision (`main`, `HEAD~2`, a tag, an id) to the commit it names.
    public func resolveCommit(_ revision: String) throws -> ObjectID {
        var object: OpaquePointer?
        try gitCall("git_revparse_single") { git_revparse_single(&object, handle, revision) }
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        try gitCall("git_object_peel") { git_object_peel(&commit, object, GIT_OBJECT_COMMIT) }
        defer { git_object_free(commit) }
        return ObjectID(git_object_id(commit).pointee)
    }

    /// Reads one commit's message, parents and times.
    public func commit(_ id: ObjectID) throws -> CommitInfo {
        var commit: OpaquePointer?
        var oid = id.raw
        try gitCall("git_commit_lookup") { git_commit_lookup(&commit, handle, &oid) }
        defer { git_commit_free(commit) }
        let message =
            git_commit_message_raw(commit).map { String(decoding: Data(bytes: $0, count: strlen($0)), as: UTF8.self) }
            ?? ""
        var parents: [ObjectID] = []
        for index in 0..<git_commit_parentcount(commit) {
            if let parent = git_commit_parent_id(commit, index) { parents.append(ObjectID(parent.pointee)) }
        }
        let author = GitIdentity(git_commit_author(commit).pointee)
        let committer = GitIdentity(git_commit_committer(commit).pointee)
        return CommitInfo(
            id: id, message: message, parents: parents, author: author, committer: committer,
            tree: ObjectID(git_commit_tree_id(commit).pointee))
    }

    /// Every commit reachable from `start`, newest first (topological, then by time).
    public func history(from start: ObjectID) throws -> [ObjectID] {
        var walker: OpaquePointer?
        try gitCall("git_revwalk_new") { git_revwalk_new(&walker, handle) }
        defer { git_revwalk_free(walker) }
        try gitCall("git_revwalk_sorting") {
            git_revwalk_sorting(walker, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue)
        }
        var oid = start.raw
        try gitCall("git_revwalk_push") { git_revwalk_push(walker, &oid) }
        var result: [ObjectID] = []
        var next = git_oid()
        while true {
            let status = git_revwalk_next(&next, walker)
            if status == GIT_ITEROVER.rawValue { break }
            // libgit2 1.5 does not know shallow clones: their history simply ends where
            // the objects do.
            if status == GIT_ENOTFOUND.rawValue && isShallow { break }
            try gitCall("git_revwalk_next") { status }
            result.append(ObjectID(next))
        }
        return result
    }

    // MARK: Trees and blobs

    /// The blob id at `path` in a commit's tree, or nil when there is no file there.
    public func blobID(at path: String, inCommit commitID: ObjectID) throws -> ObjectID? {
        let treeID = try commit(commitID).tree
        var tree: OpaquePointer?
        var oid = treeID.raw
        try gitCall("git_tree_lookup") { git_tree_lookup(&tree, handle, &oid) }
        defer { git_tree_free(tree) }
        var entry: OpaquePointer?
        do {
            try gitCall("git_tree_entry_bypath") { git_tree_entry_bypath(&entry, tree, path) }
        } catch let error as GitError where error.code == .notFound {
            return nil
        }
        defer { git_tree_entry_free(entry) }
        guard git_tree_entry_type(entry) == GIT_OBJECT_BLOB else { return nil }
        return ObjectID(git_tree_entry_id(entry).pointee)
    }

    /// The bytes of a blob.
    public func blobData(_ id: ObjectID) throws -> Data {
        var blob: OpaquePointer?
        var oid = id.raw
        try gitCall("git_blob_lookup") { git_blob_lookup(&blob, handle, &oid) }
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let content = git_blob_rawcontent(blob) else { return Data() }
        return Data(bytes: content, count: size)
    }

    /// Every file (blob) in a commit's tree, as repository-relative paths.
    public func files(inCommit commitID: ObjectID) throws -> [(path: String, blob: ObjectID)] {
        var tree: OpaquePointer?
        var oid = try commit(commitID).tree.raw
        try gitCall("git_tree_lookup") { git_tree_lookup(&tree, handle, &oid) }
        defer { git_tree_free(tree) }
        var result: [(String, ObjectID)] = []
        try collectFiles(in: tree!, prefix: "", into: &result)
        return result
    }

    private func collectFiles(
        in tree: OpaquePointer, prefix: String, into result: inout [(String, ObjectID)]
    ) throws {
        for index in 0..<git_tree_entrycount(tree) {
            guard let entry = git_tree_entry_byindex(tree, index) else { continue }
            let name = String(cString: git_tree_entry_name(entry))
            let id = git_tree_entry_id(entry)!
            switch git_tree_entry_type(entry) {
            case GIT_OBJECT_BLOB:
                result.append((prefix + name, ObjectID(id.pointee)))
            case GIT_OBJECT_TREE:
                var subtree: OpaquePointer?
                try gitCall("git_tree_lookup") { git_tree_lookup(&subtree, handle, id) }
                defer { git_tree_free(subtree) }
                try collectFiles(in: subtree!, prefix: prefix + name + "/", into: &result)
            default:
                continue  // submodules are not agreements
            }
        }
    }

    /// The raw bytes of any object, as git stores them (used to check tag signatures).
    public func rawObject(_ id: ObjectID) throws -> (type: GitObjectType, data: Data) {
        var odb: OpaquePointer?
        try gitCall("git_repository_odb") { git_repository_odb(&odb, handle) }
        defer { git_odb_free(odb) }
        var object: OpaquePointer?
        var oid = id.raw
        try gitCall("git_odb_read") { git_odb_read(&object, odb, &oid) }
        defer { git_odb_object_free(object) }
        let size = git_odb_object_size(object)
        let data = size > 0 ? Data(bytes: git_odb_object_data(object), count: size) : Data()
        let type: GitObjectType
        switch git_odb_object_type(object) {
        case GIT_OBJECT_COMMIT: type = .commit
        case GIT_OBJECT_TREE: type = .tree
        case GIT_OBJECT_BLOB: type = .blob
        case GIT_OBJECT_TAG: type = .tag
        default: type = .other
        }
        return (type, data)
    }

    // MARK: References

    /// Every reference whose name starts with `prefix`, with the object it points at
    /// (not peeled: an annotated tag's reference gives the tag object).
    public func references(withPrefix prefix: String) throws -> [(name: String, target: ObjectID)] {
        var iterator: OpaquePointer?
        try gitCall("git_reference_iterator_new") { git_reference_iterator_new(&iterator, handle) }
        defer { git_reference_iterator_free(iterator) }
        var result: [(String, ObjectID)] = []
        var reference: OpaquePointer?
        while true {
            let status = git_reference_next(&reference, iterator)
            if status == GIT_ITEROVER.rawValue { break }
            try gitCall("git_reference_next") { status }
            defer { git_reference_free(reference) }
            let name = String(cString: git_reference_name(reference))
            guard name.hasPrefix(prefix) else { continue }
            var resolved: OpaquePointer?
            guard git_reference_resolve(&resolved, reference) == 0 else { continue }
            defer { git_reference_free(resolved) }
            if let target = git_reference_target(resolved) {
                result.append((name, ObjectID(target.pointee)))
            }
        }
        return result.sorted { $0.0 < $1.0 }
    }

    /// Whether `name` is a valid reference name for git.
    public static func isValidReferenceName(_ name: String) -> Bool {
        LibGit2.ensureReady()
        var valid: Int32 = 0
        return git_reference_name_is_valid(&valid, name) == 0 && valid == 1
    }

    // MARK: Writing

    /// Whether `path` in a commit's tree is a symbolic link (git stores the link's text).
    public func isSymbolicLink(at path: String, inCommit commitID: ObjectID) throws -> Bool {
        var tree: OpaquePointer?
        var oid = try commit(commitID).tree.raw
        try gitCall("git_tree_lookup") { git_tree_lookup(&tree, handle, &oid) }
        defer { git_tree_free(tree) }
        var entry: OpaquePointer?
        guard git_tree_entry_bypath(&entry, tree, path) == 0 else { return false }
        defer { git_tree_entry_free(entry) }
        return git_tree_entry_filemode(entry) == GIT_FILEMODE_LINK
    }

    /// Whether a reference of exactly this full name exists.
    public func referenceExists(_ name: String) -> Bool {
        var reference: OpaquePointer?
        guard git_reference_lookup(&reference, handle, name) == 0 else { return false }
        git_reference_free(reference)
        return true
    }

    /// The blob staged for `path` in the index, or nil when nothing is staged there.
    public func indexBlob(at path: String) throws -> ObjectID? {
        var index: OpaquePointer?
        try gitCall("git_repository_index") { git_repository_index(&index, handle) }
        defer { git_index_free(index) }
        guard let entry = git_index_get_bypath(index, path, 0) else { return nil }
        return ObjectID(entry.pointee.id)
    }

    /// Stores the working-tree file at `path` as a blob, through git's filters
    /// (line endings, attributes), as `git add` would.
    public func createBlobFromWorkdir(_ path: String) throws -> ObjectID {
        var oid = git_oid()
        try gitCall("git_blob_create_from_workdir") { git_blob_create_from_workdir(&oid, handle, path) }
        return ObjectID(oid)
    }

    /// Commits a tree that is `parent`'s tree with only `path` set to `blob`, and moves
    /// HEAD's branch to it. Nothing else of the index or working tree is read.
    ///
    /// libgit2 refuses (and nothing is written to HEAD) if HEAD moved away from `parent`
    /// in the meantime.
    public func commitReplacingOneFile(
        path: String, blob: ObjectID, parent: ObjectID?, message: String, identity: GitIdentity
    ) throws -> ObjectID {
        var index: OpaquePointer?
        try gitCall("git_index_new") { git_index_new(&index) }
        defer { git_index_free(index) }
        var mode: UInt32 = 0o100644
        if let parent {
            let info = try commit(parent)
            var tree: OpaquePointer?
            var treeOid = info.tree.raw
            try gitCall("git_tree_lookup") { git_tree_lookup(&tree, handle, &treeOid) }
            defer { git_tree_free(tree) }
            try gitCall("git_index_read_tree") { git_index_read_tree(index, tree) }
            if let existing = git_index_get_bypath(index, path, 0) { mode = existing.pointee.mode }
        }
        try path.withCString { cPath in
            var entry = git_index_entry()
            entry.mode = mode
            entry.id = blob.raw
            entry.path = cPath
            try gitCall("git_index_add") { git_index_add(index, &entry) }
        }
        var treeOid = git_oid()
        try gitCall("git_index_write_tree_to") { git_index_write_tree_to(&treeOid, index, handle) }
        var tree: OpaquePointer?
        try gitCall("git_tree_lookup") { git_tree_lookup(&tree, handle, &treeOid) }
        defer { git_tree_free(tree) }

        var parentCommit: OpaquePointer?
        if let parent {
            var parentOid = parent.raw
            try gitCall("git_commit_lookup") { git_commit_lookup(&parentCommit, handle, &parentOid) }
        }
        defer { git_commit_free(parentCommit) }
        let signature = try identity.makeSignature()
        defer { git_signature_free(signature) }
        var commitOid = git_oid()
        var parents: [OpaquePointer?] = parentCommit.map { [$0] } ?? []
        _ = try parents.withUnsafeMutableBufferPointer { buffer in
            try gitCall("git_commit_create") {
                git_commit_create(
                    &commitOid, handle, "HEAD", signature, signature, "UTF-8", message, tree,
                    buffer.count, buffer.baseAddress)
            }
        }
        return ObjectID(commitOid)
    }

    /// Sets the index entry of `path` to what the working tree holds, as `git add PATH`
    /// does, leaving every other entry as it was.
    public func stageWorkdirFile(_ path: String) throws {
        var index: OpaquePointer?
        try gitCall("git_repository_index") { git_repository_index(&index, handle) }
        defer { git_index_free(index) }
        try gitCall("git_index_read") { git_index_read(index, 0) }
        try gitCall("git_index_add_bypath") { git_index_add_bypath(index, path) }
        try gitCall("git_index_write") { git_index_write(index) }
    }

    /// Writes a tag object from its full text (header, message, signature) and creates
    /// `refs/tags/<its tag name>`. Fails with `.exists` rather than replace a tag.
    public func createTag(fromBuffer text: String) throws -> ObjectID {
        var oid = git_oid()
        try gitCall("git_tag_create_from_buffer") { git_tag_create_from_buffer(&oid, handle, text, 0) }
        return ObjectID(oid)
    }

    /// A snapshot of the configuration git would read here (system, global, local).
    public func config() throws -> GitConfig {
        var config: OpaquePointer?
        try gitCall("git_repository_config_snapshot") { git_repository_config_snapshot(&config, handle) }
        return GitConfig(handle: config!)
    }

    /// The identity git would use for a commit here (`user.name`, `user.email`, now).
    public func defaultIdentity() throws -> GitIdentity {
        var signature: UnsafeMutablePointer<git_signature>?
        try gitCall("git_signature_default") { git_signature_default(&signature, handle) }
        defer { git_signature_free(signature) }
        return GitIdentity(signature!.pointee)
    }
}

public enum GitObjectType: Sendable { case commit, tree, blob, tag, other }

/// One commit, copied out of libgit2.
public struct CommitInfo: Sendable {
    public let id: ObjectID
    public let message: String
    public let parents: [ObjectID]
    public let author: GitIdentity
    public let committer: GitIdentity
    public let tree: ObjectID
}

extension Repository {
    /// Sets a value in this repository's own configuration (`.git/config`).
    public func setConfig(_ name: String, _ value: String) throws {
        var config: OpaquePointer?
        try gitCall("git_repository_config") { git_repository_config(&config, handle) }
        defer { git_config_free(config) }
        var local: OpaquePointer?
        try gitCall("git_config_open_level") { git_config_open_level(&local, config, GIT_CONFIG_LEVEL_LOCAL) }
        defer { git_config_free(local) }
        try gitCall("git_config_set_string") { git_config_set_string(local, name, value) }
    }
}
