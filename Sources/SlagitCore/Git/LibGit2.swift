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
}
