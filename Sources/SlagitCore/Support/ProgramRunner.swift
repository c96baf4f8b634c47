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
    public func run(_ program: String, _ arguments: [String], input: Data = Data()) throws -> Result {
        guard let executable = ProgramRunner.locate(program) else { throw NotFound(program: program) }
        let scratch = try TemporaryDirectory()
        let inputURL = scratch.url.appendingPathComponent("stdin")
        let outputURL = scratch.url.appendingPathComponent("stdout")
        let errorURL = scratch.url.appendingPathComponent("stderr")
        try input.write(to: inputURL)
        try Data().write(to: outputURL)
        try Data().write(to: errorURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdin = try FileHandle(forReadingFrom: inputURL)
        let stdout = try FileHandle(forWritingTo: outputURL)
        let stderr = try FileHandle(forWritingTo: errorURL)
        defer {
            try? stdin.close()
            try? stdout.close()
            try? stderr.close()
        }
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        do {
            try process.run()
        } catch {
            throw NotFound(program: program)
        }
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: (try? Data(contentsOf: outputURL)) ?? Data(),
            stderr: (try? Data(contentsOf: errorURL)) ?? Data())
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
