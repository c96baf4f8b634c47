import CGit2
import Foundation

extension Repository {
    /// Pushes the given references to the remote `name`, each to the same name there.
    /// No credential callback is set: local and file remotes work; remotes that need a
    /// password or key fail with libgit2's authentication error.
    public func push(references: [String], to name: String) throws {
        try withRemote(name) { remote in
            var options = git_push_options()
            try gitCall("git_push_options_init") { git_push_options_init(&options, UInt32(GIT_PUSH_OPTIONS_VERSION)) }
            try withStringArray(references.map { "\($0):\($0)" }) { refspecs in
                try gitCall("git_remote_push") { git_remote_push(remote, &refspecs, &options) }
            }
        }
    }

    /// Fetches with the given refspecs from the remote `name`.
    public func fetch(refspecs: [String], from name: String) throws {
        try withRemote(name) { remote in
            var options = git_fetch_options()
            try gitCall("git_fetch_options_init") {
                git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION))
            }
            try withStringArray(refspecs) { refspecs in
                try gitCall("git_remote_fetch") { git_remote_fetch(remote, &refspecs, &options, "slagit fetch") }
            }
        }
    }

    private func withRemote(_ name: String, _ body: (OpaquePointer) throws -> Void) throws {
        var remote: OpaquePointer?
        try gitCall("git_remote_lookup") { git_remote_lookup(&remote, handle, name) }
        defer { git_remote_free(remote) }
        try body(remote!)
    }

    /// Lends libgit2 a `git_strarray` of copies of `strings`, freed afterwards.
    private func withStringArray(_ strings: [String], _ body: (inout git_strarray) throws -> Void) throws {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        defer { pointers.forEach { free($0) } }
        try pointers.withUnsafeMutableBufferPointer { buffer in
            var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
            try body(&array)
        }
    }
}
