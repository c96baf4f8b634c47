/// The signing settings git would use in a repository, read from its configuration.
public struct SigningConfig: Sendable {
    public let format: SignatureFormat
    /// `user.signingKey` as configured (a key id, a key file path, or `key::…`).
    public let signingKey: String?
    public let openpgpProgram: String
    public let x509Program: String
    public let sshProgram: String
    /// The allowed-signers file signatures are checked against. Relative paths in git's
    /// configuration are relative to the top of the working tree, where git runs.
    public internal(set) var sshAllowedSignersFile: String?
    /// How messages name that file when it is a copy of a committed one.
    public internal(set) var sshAllowedSignersLabel: String?
    public let sshRevocationFile: String?
    public let sshDefaultKeyCommand: String?
    /// `gpg.minTrustLevel`: the least trust an OpenPGP key must have, as git enforces it.
    public let minTrustLevel: String?
    /// The committer identity, used as the OpenPGP/X.509 key when no signing key is set.
    public let committer: GitIdentity?

    /// Reads the settings; `workdir` (with its trailing slash) anchors relative paths.
    public init(config: GitConfig, committer: GitIdentity?, workdir: String? = nil) throws {
        let formatName = try config.string("gpg.format") ?? "openpgp"
        guard let format = SignatureFormat(rawValue: formatName.lowercased()) else {
            throw UserError(
                "gpg.format is '\(formatName)', which git does not know",
                hint: "set it to openpgp, x509 or ssh: git config gpg.format ssh")
        }
        self.format = format
        signingKey = try config.string("user.signingkey")
        openpgpProgram = try config.string("gpg.openpgp.program") ?? config.string("gpg.program") ?? "gpg"
        x509Program = try config.string("gpg.x509.program") ?? "gpgsm"
        sshProgram = try config.string("gpg.ssh.program") ?? "ssh-keygen"
        func anchored(_ path: String?) -> String? {
            guard let path, !path.hasPrefix("/"), let workdir else { return path }
            return workdir + path
        }
        sshAllowedSignersFile = anchored(try config.path("gpg.ssh.allowedsignersfile"))
        sshRevocationFile = anchored(try config.path("gpg.ssh.revocationfile"))
        sshDefaultKeyCommand = try config.string("gpg.ssh.defaultkeycommand")
        minTrustLevel = try config.string("gpg.mintrustlevel")?.lowercased()
        self.committer = committer
    }

    public func program(for format: SignatureFormat) -> String {
        switch format {
        case .openpgp: openpgpProgram
        case .x509: x509Program
        case .ssh: sshProgram
        }
    }

    /// Says, for a program that could not be started, which setting or package fixes it.
    func missingProgram(_ format: SignatureFormat) -> UserError {
        let program = program(for: format)
        let setting = format == .openpgp ? "gpg.program" : "gpg.\(format.rawValue).program"
        return UserError(
            "\(program) not found: it is needed for \(format.rawValue) signatures",
            hint: "install \(format.package) (apt-get install \(format.package)) or set \(setting) to its path")
    }
}
