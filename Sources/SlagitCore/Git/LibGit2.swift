import CGit2
import CGitShim
import Foundation

/// The one place libgit2 is initialised.
///
/// libgit2 stays initialised for the life of the process: slagit is a short-lived
/// command, and shutting down while another thread may still hold a handle is worse
/// than leaving the library to the operating system at exit.
enum LibGit2 {
    static let ready: Bool = {
        git_libgit2_init()
        // git itself skips the system configuration when GIT_CONFIG_NOSYSTEM is set;
        // libgit2 does not look at that variable, so slagit does it to read what git reads.
        if let value = ProcessInfo.processInfo.environment["GIT_CONFIG_NOSYSTEM"],
            ["1", "true", "yes", "on"].contains(value.lowercased())
        {
            _ = slagit_git_set_config_search_path(
                Int32(GIT_CONFIG_LEVEL_SYSTEM.rawValue), "")
        }
        return true
    }()

    static func ensureReady() { precondition(ready) }

    /// Stops libgit2 from re-hashing every object it reads, for the rest of the process.
    ///
    /// Only for commands that show text and decide nothing (`diff`, the git diff driver):
    /// git itself does not re-hash what it reads for `git diff`, and skipping it halves
    /// the time to read a long agreement. Commands that verify approvals or gate merges
    /// keep the check, so a corrupted object store cannot pass for approved text.
    static func skipHashCheckOnRead() {
        ensureReady()
        _ = slagit_git_set_strict_hash_verification(0)
    }
}
