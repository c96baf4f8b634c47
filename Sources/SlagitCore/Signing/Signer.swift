import Foundation

/// Signs a payload exactly as `git tag -s` would with the same configuration, running
/// the same program with the same arguments.
public struct Signer: Sendable {
    let config: SigningConfig
    let runner = ProgramRunner()

    public init(config: SigningConfig) { self.config = config }

    /// Returns the armored signature to append to `payload`.
    public func sign(_ payload: String) throws -> String {
        switch config.format {
        case .openpgp, .x509: return try signWithGPG(payload)
        case .ssh: return try signWithSSH(payload)
        }
    }

    private func signWithGPG(_ payload: String) throws -> String {
        let program = config.program(for: config.format)
        let key = config.signingKey ?? config.committer.map { "\($0.name) <\($0.email)>" } ?? ""
        let result: ProgramRunner.Result
        do {
            result = try runner.run(program, ["--status-fd=2", "-bsau", key], input: Data(payload.utf8))
        } catch is ProgramRunner.NotFound {
            throw config.missingProgram(config.format)
        }
        guard result.status == 0, result.stderrText.contains("[GNUPG:] SIG_CREATED ") else {
            throw UserError(
                "\(program) could not sign with key '\(key)': \(Signer.firstLines(result.stderrText))",
                hint: config.looksLikeSSHKey(key)
                    ? "that looks like an SSH key: git config gpg.format ssh"
                    : "check that the key exists (\(program) --list-secret-keys) and set user.signingKey to it")
        }
        return result.stdoutText
    }

    private func signWithSSH(_ payload: String) throws -> String {
        let scratch = try TemporaryDirectory()
        var key = config.signingKey
        if key == nil, let command = config.sshDefaultKeyCommand {
            key = try defaultKey(from: command)
        }
        guard var key, !key.isEmpty else {
            throw UserError(
                "no SSH signing key: user.signingKey is not set",
                hint: "set it to your key file, as in git config user.signingKey ~/.ssh/id_ed25519.pub")
        }
        var arguments = ["-Y", "sign", "-n", "git", "-f"]
        var useAgent = false
        if key.hasPrefix("key::") || key.hasPrefix("ssh-") {
            // A literal public key: the private half must be in ssh-agent.
            if key.hasPrefix("key::") { key.removeFirst(5) }
            let keyFile = scratch.url.appendingPathComponent("signing-key.pub")
            try (key + "\n").write(to: keyFile, atomically: true, encoding: .utf8)
            key = keyFile.path
            useAgent = true
        } else if key.hasPrefix("~/") {
            key = FileManager.default.homeDirectoryForCurrentUser.path + key.dropFirst(1)
        }
        arguments.append(key)
        if useAgent { arguments.append("-U") }
        let payloadFile = scratch.url.appendingPathComponent("payload")
        try Data(payload.utf8).write(to: payloadFile)
        arguments.append(payloadFile.path)
        let result: ProgramRunner.Result
        do {
            result = try runner.run(config.sshProgram, arguments)
        } catch is ProgramRunner.NotFound {
            throw config.missingProgram(.ssh)
        }
        guard result.status == 0,
            let signature = try? String(contentsOf: payloadFile.appendingPathExtension("sig"), encoding: .utf8)
        else {
            throw UserError(
                "\(config.sshProgram) could not sign with '\(key)': \(Signer.firstLines(result.stderrText))",
                hint: useAgent
                    ? "add the private key to ssh-agent (ssh-add) or set user.signingKey to the key file"
                    : "check that user.signingKey names a readable SSH key file")
        }
        return signature
    }

    private func defaultKey(from command: String) throws -> String {
        let parts = command.split(separator: " ").map(String.init)
        guard let program = parts.first,
            let result = try? runner.run(program, Array(parts.dropFirst())), result.status == 0,
            let line = result.stdoutText.split(separator: "\n").first
        else {
            throw UserError(
                "gpg.ssh.defaultKeyCommand '\(command)' gave no key",
                hint: "set user.signingKey, or make the command print a public key")
        }
        return "key::" + line
    }

    static func firstLines(_ text: String) -> String {
        let lines = text.split(separator: "\n").filter { !$0.hasPrefix("[GNUPG:]") }.prefix(3)
        return lines.isEmpty ? "no message" : lines.joined(separator: "; ")
    }
}
