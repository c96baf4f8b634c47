import Foundation

/// Real signing keys made for one test, and the git configuration to use them.
extension Sandbox {
    /// Makes an ed25519 SSH key for `email` and adds it to the repository's
    /// allowed-signers file (unless `allowed` is false). Returns the public key's path.
    @discardableResult
    func makeSSHKey(for email: String, name: String, allowed: Bool = true) throws -> String {
        let keyPath = home.appendingPathComponent("key-\(name)").path
        let made = try run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", email, "-f", keyPath])
        guard made.status == 0 else { throw SandboxError("ssh-keygen failed: \(made.stderr)") }
        if allowed {
            let publicKey = try String(contentsOfFile: keyPath + ".pub", encoding: .utf8)
            let signers = root.appendingPathComponent("allowed_signers")
            let existing = (try? String(contentsOf: signers, encoding: .utf8)) ?? ""
            try Data((existing + "\(email) \(publicKey)").utf8).write(to: signers)
            try git("config", "gpg.ssh.allowedSignersFile", signers.path)
        }
        try git("config", "gpg.format", "ssh")
        return keyPath + ".pub"
    }

    /// Makes an OpenPGP key with the user id `Name <email>` in the sandbox's GNUPGHOME.
    /// Returns its fingerprint.
    @discardableResult
    func makeOpenPGPKey(for email: String, name: String) throws -> String {
        let made = try run(
            "/usr/bin/gpg",
            [
                "--batch", "--pinentry-mode", "loopback", "--passphrase", "", "--quick-gen-key", "\(name) <\(email)>",
                "ed25519", "sign", "never",
            ])
        guard made.status == 0 else { throw SandboxError("gpg key generation failed: \(made.stderr)") }
        let listed = try run("/usr/bin/gpg", ["--with-colons", "--list-keys", email])
        guard let line = listed.stdout.split(separator: "\n").first(where: { $0.hasPrefix("fpr:") }) else {
            throw SandboxError("no fingerprint for \(email)")
        }
        try git("config", "gpg.format", "openpgp")
        return String(line.split(separator: ":", omittingEmptySubsequences: false)[9])
    }

    /// Makes `email` the person acting next, signing with `key`.
    func actAs(_ email: String, key: String) throws {
        try git("config", "user.email", email)
        try git("config", "user.signingKey", key)
    }
}
