import Foundation

/// Looks for signing set-ups that would make `approve` fail, so `init` can say so
/// before anyone tries.
extension SigningConfig {
    public func preflightProblems() -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let program = program(for: format)
        if ProgramRunner.locate(program) == nil {
            problems.append(missingProgram(format).diagnostics[0])
            return problems
        }
        switch format {
        case .openpgp, .x509:
            if let key = signingKey, looksLikeSSHKey(key) {
                problems.append(
                    Diagnostic(
                        .warning,
                        "user.signingKey '\(key)' looks like an SSH key, but gpg.format is \(format.rawValue)",
                        hint: "to sign with SSH keys: git config gpg.format ssh"))
            }
            let key = signingKey ?? committer.map { "\($0.name) <\($0.email)>" }
            if let key, (try? ProgramRunner().run(program, ["--list-secret-keys", key]))?.status != 0 {
                problems.append(
                    Diagnostic(
                        .warning, "\(program) has no secret key for '\(key)', so approve cannot sign",
                        hint:
                            "create or import one, or set user.signingKey to a key that \(program) --list-secret-keys shows"
                    ))
            }
        case .ssh:
            guard let key = signingKey else {
                problems.append(
                    Diagnostic(
                        .warning, "no SSH signing key: user.signingKey is not set",
                        hint: "git config user.signingKey ~/.ssh/id_ed25519.pub"))
                break
            }
            let path =
                key.hasPrefix("~/") ? FileManager.default.homeDirectoryForCurrentUser.path + key.dropFirst(1) : key
            if !looksLikeSSHKey(key) && !FileManager.default.fileExists(atPath: path) {
                problems.append(
                    Diagnostic(
                        .warning, "user.signingKey names '\(key)', which does not exist",
                        hint: "point it at your SSH key file (the .pub for a key held in ssh-agent)"))
            }
            if sshAllowedSignersFile == nil {
                problems.append(
                    Diagnostic(
                        .warning, "no allowed-signers file, so SSH approvals cannot be verified",
                        hint:
                            "write one 'email key' line per approver to .slagit/allowed_signers and commit it, or run slagit init --allowed-signers FILE"
                    ))
            }
        }
        return problems
    }

    func looksLikeSSHKey(_ key: String) -> Bool {
        key.hasSuffix(".pub") || key.hasPrefix("ssh-") || key.hasPrefix("key::")
    }
}
