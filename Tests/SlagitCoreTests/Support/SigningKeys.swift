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

    /// Makes SSH keys for a provider and a customer approver and commits them as
    /// `.slagit/allowed_signers`, the versioned list every clone reads.
    func commitApproverKeys() throws -> (provider: String, customer: String) {
        let provider = try makeSSHKey(for: "ops@provider.example", name: "provider", allowed: false)
        let customer = try makeSSHKey(for: "cio@customer.example", name: "customer", allowed: false)
        try write(
            ".slagit/allowed_signers",
            "ops@provider.example \(try String(contentsOfFile: provider, encoding: .utf8))"
                + "cio@customer.example \(try String(contentsOfFile: customer, encoding: .utf8))")
        try git("add", ".slagit")
        try git("commit", "-q", "-m", "keys")
        return (provider, customer)
    }

    /// Makes `email` the person acting next, signing with `key`.
    func actAs(_ email: String, key: String) throws {
        try git("config", "user.email", email)
        try git("config", "user.signingKey", key)
    }
}

extension Sandbox {
    /// Makes a self-signed X.509 certificate for `email` with gpgsm (its key made by gpg,
    /// unprotected, so no pinentry is needed), trusts it, and selects `gpg.format x509`.
    /// Returns the certificate's fingerprint.
    @discardableResult
    func makeX509Certificate(for email: String, name: String) throws -> String {
        try Data("disable-crl-checks\n".utf8).write(to: gnupgHome.appendingPathComponent("gpgsm.conf"))
        let made = try run(
            "/usr/bin/gpg",
            [
                "--batch", "--pinentry-mode", "loopback", "--passphrase", "", "--quick-gen-key", "\(name) <\(email)>",
                "rsa2048", "sign", "never",
            ])
        guard made.status == 0 else { throw SandboxError("gpg key generation failed: \(made.stderr)") }
        let listed = try run("/usr/bin/gpg", ["--with-keygrip", "--with-colons", "-K", email]).stdout
        guard
            let grip = listed.split(separator: "\n").first(where: { $0.hasPrefix("grp:") })?
                .split(separator: ":", omittingEmptySubsequences: false)[9]
        else { throw SandboxError("no keygrip for \(email)") }
        let parameters =
            "Key-Type: RSA\nKey-Grip: \(grip)\nKey-Usage: sign\nSerial: random\nName-DN: CN=\(name)\nName-Email: \(email)\n"
        let parameterFile = root.appendingPathComponent("x509-\(name.filter(\.isLetter)).params")
        try Data(parameters.utf8).write(to: parameterFile)
        let certificate = try run(
            "/usr/bin/gpgsm",
            [
                "--batch", "--armor", "--pinentry-mode", "loopback", "--passphrase", "", "--generate-key",
                parameterFile.path,
            ])
        guard certificate.status == 0 else { throw SandboxError("gpgsm failed: \(certificate.stderr)") }
        let imported = try run("/usr/bin/gpgsm", ["--batch", "--import"], input: certificate.stdout)
        guard imported.status == 0 else { throw SandboxError("gpgsm import failed: \(imported.stderr)") }
        let certificates = try run("/usr/bin/gpgsm", ["--with-colons", "--list-keys", email]).stdout
        guard
            let fingerprint = certificates.split(separator: "\n").first(where: { $0.hasPrefix("fpr:") })?
                .split(separator: ":", omittingEmptySubsequences: false)[9]
        else { throw SandboxError("no certificate for \(email)") }
        let trustList = gnupgHome.appendingPathComponent("trustlist.txt")
        let trusted = ((try? String(contentsOf: trustList, encoding: .utf8)) ?? "") + "\(fingerprint) S relax\n"
        try Data(trusted.utf8).write(to: trustList)
        // gpg-agent reads the trust list when it starts: restart it.
        try run("/usr/bin/gpgconf", ["--kill", "gpg-agent"])
        try git("config", "gpg.format", "x509")
        return String(fingerprint)
    }
}
