/// The signature formats git knows (`gpg.format`), with the markers that open a
/// signature of each kind inside a signed object.
public enum SignatureFormat: String, Sendable, CaseIterable {
    case openpgp, x509, ssh

    var startMarkers: [String] {
        switch self {
        case .openpgp: ["-----BEGIN PGP SIGNATURE-----", "-----BEGIN PGP MESSAGE-----"]
        case .x509: ["-----BEGIN SIGNED MESSAGE-----"]
        case .ssh: ["-----BEGIN SSH SIGNATURE-----"]
        }
    }

    var defaultProgram: String {
        switch self {
        case .openpgp: "gpg"
        case .x509: "gpgsm"
        case .ssh: "ssh-keygen"
        }
    }

    /// The Debian package that provides the default program, for error hints.
    var package: String {
        switch self {
        case .openpgp: "gnupg"
        case .x509: "gpgsm"
        case .ssh: "openssh-client"
        }
    }

    static func detect(line: Substring) -> SignatureFormat? {
        allCases.first { format in format.startMarkers.contains { line.hasPrefix($0) } }
    }
}

/// A signed object's text split as git splits it: the payload that was signed, and the
/// signature appended to it.
public struct SignedPayload: Sendable {
    public let payload: String
    public let signature: String
    public let format: SignatureFormat
    /// How many signature blocks the object holds. Git verifies only the last one, so
    /// anything above it is payload; more than one is a sign of tampering.
    public let signatureBlockCount: Int

    /// Splits at the last line that opens a signature (as git does); nil when unsigned.
    public init?(_ text: String) {
        var offset = text.startIndex
        var lastStart: String.Index?
        var lastFormat: SignatureFormat?
        var count = 0
        while offset < text.endIndex {
            let lineEnd = text[offset...].firstIndex(of: "\n").map { text.index(after: $0) } ?? text.endIndex
            if let format = SignatureFormat.detect(line: text[offset..<lineEnd]) {
                lastStart = offset
                lastFormat = format
                count += 1
            }
            offset = lineEnd
        }
        guard let lastStart, let lastFormat else { return nil }
        payload = String(text[..<lastStart])
        signature = String(text[lastStart...])
        format = lastFormat
        signatureBlockCount = count
    }
}
