import Foundation

/// What checking one signature found.
public struct SignatureCheck: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        case good
        /// The signature does not match the payload.
        case bad
        /// No key known to the verifier made it (no public key, no allowed signer).
        case unknownKey = "unknown-key"
        case expiredKey = "expired-key"
        case revokedKey = "revoked-key"
    }

    public var outcome: Outcome
    /// The identities the verifier vouches for: SSH principals from the allowed-signers
    /// file, or the e-mail addresses of the OpenPGP/X.509 key's user ids.
    public var identities: [String]
    /// The key, as the verifier names it (fingerprint or key id).
    public var key: String?
    /// The verifier's own words, for reports.
    public var detail: String
}

/// Checks signatures exactly as `git tag -v` would, with the same programs and arguments.
public struct SignatureVerifier: Sendable {
    let config: SigningConfig
    let runner = ProgramRunner()

    public init(config: SigningConfig) { self.config = config }

    /// Verifies `signed`; `signedAt` is the signer's timestamp from the payload, which
    /// SSH checks against the allowed-signers validity window as git does.
    /// `expectedSigner` is also tried as an SSH principal: `find-principals` names only
    /// the first line that holds a key, so one key listed under two e-mails on two lines
    /// would otherwise vouch for only the first.
    public func verify(_ signed: SignedPayload, signedAt: Date?, expectedSigner: String? = nil) throws -> SignatureCheck
    {
        switch signed.format {
        case .openpgp, .x509: return try verifyWithGPG(signed)
        case .ssh: return try verifyWithSSH(signed, signedAt: signedAt, expectedSigner: expectedSigner)
        }
    }

    private func verifyWithGPG(_ signed: SignedPayload) throws -> SignatureCheck {
        let program = config.program(for: signed.format)
        let scratch = try TemporaryDirectory()
        let signatureFile = scratch.url.appendingPathComponent("signature")
        try Data(signed.signature.utf8).write(to: signatureFile)
        let result: ProgramRunner.Result
        do {
            result = try runner.run(
                // git's own verify arguments: --keyid-format=long for OpenPGP only.
                program,
                (signed.format == .openpgp ? ["--keyid-format=long"] : [])
                    + ["--status-fd=1", "--verify", signatureFile.path, "-"],
                input: Data(signed.payload.utf8))
        } catch is ProgramRunner.NotFound {
            throw config.missingProgram(signed.format)
        }
        var outcome = SignatureCheck.Outcome.unknownKey
        var fingerprint: String?
        var trust = "undefined"
        for line in result.stdoutText.split(separator: "\n") where line.hasPrefix("[GNUPG:] ") {
            let fields = line.split(separator: " ")
            guard fields.count > 1 else { continue }
            switch fields[1] {
            case "GOODSIG": outcome = .good
            case "BADSIG": outcome = .bad
            case "EXPKEYSIG": outcome = .expiredKey
            case "REVKEYSIG": outcome = .revokedKey
            case "ERRSIG", "NO_PUBKEY": if outcome != .bad { outcome = .unknownKey }
            case "VALIDSIG": if fields.count > 2 { fingerprint = String(fields[2]) }
            case let status where status.hasPrefix("TRUST_"): trust = status.dropFirst("TRUST_".count).lowercased()
            default: break
            }
        }
        if outcome == .good && result.status != 0 { outcome = .bad }
        // As git does with gpg.minTrustLevel: a good signature by a key trusted less is
        // not good enough.
        let levels = ["undefined", "never", "marginal", "fully", "ultimate"]
        if outcome == .good, let minimum = config.minTrustLevel, let required = levels.firstIndex(of: minimum),
            (levels.firstIndex(of: trust) ?? 0) < required
        {
            return SignatureCheck(
                outcome: .unknownKey, identities: [], key: fingerprint,
                detail: "the key's trust is \(trust), below gpg.minTrustLevel (\(minimum))")
        }
        var identities: [String] = []
        if let fingerprint, outcome != .bad, outcome != .unknownKey {
            identities = try userIDEmails(of: fingerprint, program: program)
        }
        let detail = result.stderrText.split(separator: "\n")
            .filter { !$0.contains("keybox") && !$0.contains("trustdb") }.joined(separator: "\n")
        return SignatureCheck(
            outcome: outcome, identities: identities, key: fingerprint, detail: Signer.firstLines(detail))
    }

    /// The e-mail addresses in a key's user ids (OpenPGP) or certificate (X.509).
    private func userIDEmails(of fingerprint: String, program: String) throws -> [String] {
        // gpgsm lists X.509 certificates the same way but knows no --fixed-list-mode.
        let mode = program == config.x509Program ? [] : ["--fixed-list-mode"]
        let result = try runner.run(program, ["--with-colons"] + mode + ["--list-keys", fingerprint])
        var emails: [String] = []
        for line in result.stdoutText.split(separator: "\n") {
            let fields = line.split(separator: ":", omittingEmptySubsequences: false)
            guard fields.count > 9, fields[0] == "uid" else { continue }
            // Revoked ("r") and expired ("e") user ids do not speak for the key.
            if fields[1] == "r" || fields[1] == "e" { continue }
            let uid = fields[9].replacingOccurrences(of: "\\x3a", with: ":")
            if let open = uid.lastIndex(of: "<"), let close = uid.lastIndex(of: ">"), open < close {
                emails.append(String(uid[uid.index(after: open)..<close]).lowercased())
            } else if uid.contains("@") {
                emails.append(uid.lowercased())
            }
        }
        return emails
    }

    /// Tells a key that is not listed at all from one listed only for another time: a
    /// `valid-before` or `valid-after` window shows when asked about a moment long past
    /// or far ahead.
    private func unmatchedKey(signatureFile: String, allowedSigners: String, timed: Bool) throws -> SignatureCheck {
        for moment in timed ? ["19700102000000", "99991230000000"] : [] {
            guard
                let probe = try? runner.run(
                    config.sshProgram,
                    ["-Y", "find-principals", "-f", allowedSigners, "-s", signatureFile, "-Overify-time=\(moment)"]),
                probe.status == 0
            else { continue }
            let principals = probe.stdoutText.split(separator: "\n").joined(separator: ", ")
            return SignatureCheck(
                outcome: .expiredKey, identities: [], key: nil,
                detail:
                    "the key of \(principals) was outside its validity window in \(config.sshAllowedSignersLabel ?? allowedSigners) when it signed"
            )
        }
        return SignatureCheck(
            outcome: .unknownKey, identities: [], key: nil,
            detail: "no principal in \(config.sshAllowedSignersLabel ?? allowedSigners) matches the signing key")
    }

    private func verifyWithSSH(_ signed: SignedPayload, signedAt: Date?, expectedSigner: String?) throws
        -> SignatureCheck
    {
        guard let allowedSigners = config.sshAllowedSignersFile else {
            throw UserError(
                "gpg.ssh.allowedSignersFile is not set, so SSH signatures cannot be checked",
                hint:
                    "point it at a file of 'email key' lines, as in git config gpg.ssh.allowedSignersFile .slagit/allowed_signers"
            )
        }
        guard FileManager.default.fileExists(atPath: allowedSigners) else {
            throw UserError(
                "the allowed-signers file '\(allowedSigners)' (gpg.ssh.allowedSignersFile) does not exist",
                hint: "create it with one 'email key' line per approver, or correct the setting")
        }
        let scratch = try TemporaryDirectory()
        let signatureFile = scratch.url.appendingPathComponent("signature")
        try Data(signed.signature.utf8).write(to: signatureFile)
        var timeArguments: [String] = []
        if let signedAt {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = "yyyyMMddHHmmss"
            timeArguments = ["-Overify-time=" + formatter.string(from: signedAt)]
        }
        let find: ProgramRunner.Result
        do {
            find = try runner.run(
                config.sshProgram,
                ["-Y", "find-principals", "-f", allowedSigners, "-s", signatureFile.path] + timeArguments)
        } catch is ProgramRunner.NotFound {
            throw config.missingProgram(.ssh)
        }
        var principals =
            find.status == 0 ? find.stdoutText.split(separator: "\n").map(String.init).filter { !$0.isEmpty } : []
        if let expectedSigner, !principals.contains(where: { $0.lowercased() == expectedSigner.lowercased() }) {
            principals.append(expectedSigner)
        }
        guard !principals.isEmpty else {
            return try unmatchedKey(
                signatureFile: signatureFile.path, allowedSigners: allowedSigners, timed: !timeArguments.isEmpty)
        }
        var verified: [String] = []
        var detail = ""
        for principal in principals {
            var arguments = [
                "-Y", "verify", "-n", "git", "-f", allowedSigners, "-I", principal, "-s", signatureFile.path,
            ]
            if let revocations = config.sshRevocationFile { arguments += ["-r", revocations] }
            let result = try runner.run(config.sshProgram, arguments + timeArguments, input: Data(signed.payload.utf8))
            if result.status == 0 {
                verified.append(principal.lowercased())
                detail = result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
            } else if detail.isEmpty {
                detail = Signer.firstLines(result.stderrText + result.stdoutText)
            }
        }
        if verified.isEmpty && find.status != 0 {
            return try unmatchedKey(
                signatureFile: signatureFile.path, allowedSigners: allowedSigners, timed: !timeArguments.isEmpty)
        }
        return SignatureCheck(
            outcome: verified.isEmpty ? .bad : .good, identities: verified, key: nil, detail: detail)
    }
}
