import CGit2

/// A read-only snapshot of git configuration. Owns its libgit2 handle.
public final class GitConfig {
    private let handle: OpaquePointer

    init(handle: OpaquePointer) { self.handle = handle }
    deinit { git_config_free(handle) }

    /// The value of `name`, or nil when it is not set.
    public func string(_ name: String) throws -> String? {
        try read(name, "git_config_get_string_buf", git_config_get_string_buf)
    }

    /// The value of `name` as a path, with a leading `~/` expanded as git does.
    public func path(_ name: String) throws -> String? {
        try read(name, "git_config_get_path", git_config_get_path)
    }

    private func read(
        _ name: String, _ function: String,
        _ getter: (UnsafeMutablePointer<git_buf>, OpaquePointer, UnsafePointer<CChar>) -> Int32
    ) throws -> String? {
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        do {
            try gitCall(function) { getter(&buffer, handle, name) }
        } catch let error as GitError where error.code == .notFound {
            return nil
        }
        return buffer.ptr.map { String(cString: $0) }
    }
}
