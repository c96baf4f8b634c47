import Foundation

/// Runs an outside program (gpg, ssh-keygen, gpgsm) the way git does: found on PATH
/// unless given with a '/', with the user's environment, input on stdin.
public struct ProgramRunner: Sendable {
    public struct Result: Sendable {
        public let status: Int32
        public let stdout: Data
        public let stderr: Data

        public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
        public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    }

    /// The program could not be started at all.
    public struct NotFound: Error, Sendable {
        public let program: String
    }

    public init() {}

    /// Runs `program` with `arguments`, feeding `input` on stdin. Output goes through
    /// temporary files, so neither side can block on a full pipe.
    ///
    /// Started with posix_spawn rather than Foundation's Process, which closes every
    /// possible file descriptor before exec and so costs about 50 ms a start: checking
    /// 40 approvals takes two starts each.
    public func run(_ program: String, _ arguments: [String], input: Data = Data()) throws -> Result {
        guard let executable = ProgramRunner.locate(program) else { throw NotFound(program: program) }
        let scratch = try TemporaryDirectory()
        let paths = ["stdin", "stdout", "stderr"].map { scratch.url.appendingPathComponent($0).path }
        try input.write(to: URL(fileURLWithPath: paths[0]))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, paths[0], O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, paths[1], O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, paths[2], O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        guard posix_spawn(&pid, executable, &actions, nil, argv, environ) == 0 else {
            throw NotFound(program: program)
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS / WTERMSIG are macros Swift cannot import.
        let signal = status & 0x7f
        let exitStatus = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        return Result(
            status: exitStatus, stdout: (try? Data(contentsOf: URL(fileURLWithPath: paths[1]))) ?? Data(),
            stderr: (try? Data(contentsOf: URL(fileURLWithPath: paths[2]))) ?? Data())
    }

    /// The executable git would start for `program`.
    static func locate(_ program: String) -> String? {
        let manager = FileManager.default
        if program.contains("/") {
            return manager.isExecutableFile(atPath: program) ? program : nil
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(program)"
            if manager.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// A folder under the system's temporary folder, removed with everything in it when
/// this value goes away.
public final class TemporaryDirectory {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("slagit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
