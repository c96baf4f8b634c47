import Foundation
import Testing

/// A throwaway world for one test: its own folder, HOME, GNUPGHOME and git
/// configuration, so nothing of the user's (or another test's) leaks in.
final class Sandbox {
    let root: URL
    let home: URL
    let gnupgHome: URL
    /// The repository the test works in.
    let repo: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("slagit-test-\(UUID().uuidString)")
        home = root.appendingPathComponent("home")
        gnupgHome = root.appendingPathComponent("gnupg")
        repo = root.appendingPathComponent("repo")
        for folder in [home, gnupgHome, repo] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: gnupgHome.path)
        try git("init", "-q", "-b", "main")
        try git("config", "user.name", "Test Person")
        try git("config", "user.email", "tester@example.com")
    }

    deinit {
        // gpg-agent keeps a socket in GNUPGHOME; stop it so nothing outlives the test.
        _ = try? run("/usr/bin/gpgconf", ["--kill", "all"], in: root)
        try? FileManager.default.removeItem(at: root)
    }

    var environment: [String: String] {
        var environment: [String: String] = [
            "HOME": home.path, "GNUPGHOME": gnupgHome.path, "GIT_CONFIG_NOSYSTEM": "1",
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "LANG": "C.UTF-8", "TZ": "UTC",
        ]
        environment["GIT_AUTHOR_DATE"] = nil
        return environment
    }

    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs a program with the sandbox's environment.
    @discardableResult
    func run(
        _ program: String, _ arguments: [String], in folder: URL? = nil, input: String = "",
        extraEnvironment: [String: String] = [:]
    ) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.currentDirectoryURL = folder ?? repo
        process.environment = environment.merging(extraEnvironment) { $1 }
        let scratch = root.appendingPathComponent("io-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let paths = ["in", "out", "err"].map { scratch.appendingPathComponent($0) }
        try Data(input.utf8).write(to: paths[0])
        try Data().write(to: paths[1])
        try Data().write(to: paths[2])
        let handles = try [
            FileHandle(forReadingFrom: paths[0]), FileHandle(forWritingTo: paths[1]),
            FileHandle(forWritingTo: paths[2]),
        ]
        defer { handles.forEach { try? $0.close() } }
        process.standardInput = handles[0]
        process.standardOutput = handles[1]
        process.standardError = handles[2]
        try process.run()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: try String(contentsOf: paths[1], encoding: .utf8),
            stderr: try String(contentsOf: paths[2], encoding: .utf8))
    }

    /// Runs the git CLI (tests use it to prove interop; the product never does).
    @discardableResult
    func git(_ arguments: String..., expectSuccess: Bool = true) throws -> Output {
        let output = try run("/usr/bin/git", arguments)
        if expectSuccess && output.status != 0 {
            throw SandboxError("git \(arguments.joined(separator: " ")) failed: \(output.stderr)")
        }
        return output
    }

    /// Runs the built slagit executable.
    @discardableResult
    func slagit(_ arguments: String..., extraEnvironment: [String: String] = [:]) throws -> Output {
        try slagit(arguments, extraEnvironment: extraEnvironment)
    }

    @discardableResult
    func slagit(_ arguments: [String], extraEnvironment: [String: String] = [:]) throws -> Output {
        try run(Sandbox.slagitExecutable, arguments, extraEnvironment: extraEnvironment)
    }

    static let slagitExecutable: String = {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        // On Linux the test binary is `<build>/slagitPackageTests.xctest`; slagit sits beside it.
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("slagit").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/slagit").path
    }()

    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func fixture(_ relativePath: String) throws -> String {
        try String(contentsOf: packageRoot.appendingPathComponent("fixtures/" + relativePath), encoding: .utf8)
    }

    func write(_ relativePath: String, _ text: String) throws {
        let url = repo.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ relativePath: String) throws -> String {
        try String(contentsOf: repo.appendingPathComponent(relativePath), encoding: .utf8)
    }
}

struct SandboxError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
