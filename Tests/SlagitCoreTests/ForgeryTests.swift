import Foundation
import Testing

/// Approvals that must not count, each built by hand in a test repository with real
/// keys, each rejected with its own reason; for the cryptographic cases, `git tag -v`
/// must reach the same verdict.
@Suite("Forged and broken approvals")
struct ForgeryTests {
    /// A proposed agreement (r1) with the provider's approval made properly, and keys.
    struct Scene {
        let sandbox: Sandbox
        let provider: String
        let customer: String
        let path = "sample.md"

        init(openpgp: Bool = false) throws {
            sandbox = try Sandbox()
            if openpgp {
                provider = try sandbox.makeOpenPGPKey(for: "ops@provider.example", name: "Olga Ops")
                customer = try sandbox.makeOpenPGPKey(for: "cio@customer.example", name: "Carl Io")
            } else {
                provider = try sandbox.makeSSHKey(for: "ops@provider.example", name: "provider")
                customer = try sandbox.makeSSHKey(for: "cio@customer.example", name: "customer")
            }
            try sandbox.write(path, SampleAgreement.text())
            try #require(try sandbox.slagit("propose", path, "-m", "first").status == 0)
            try sandbox.actAs("ops@provider.example", key: provider)
            try #require(try sandbox.slagit("approve", path).status == 0)
        }

        var providerTag: String {
            get throws {
                try sandbox.git("tag", "-l", "sla/*/provider/*").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }

        func customerTagName(revision: Int = 1) throws -> String {
            "sla/sample-hosting/r\(revision)/customer/cio@customer.example/\(try sandbox.binding(path).key)"
        }

        func customerMessage(revision: Int = 1, approver: String = "cio@customer.example") throws -> String {
            let bound = try sandbox.binding(path)
            return
                "Approve\n\nAgreement: sample-hosting\nRevision: \(revision)\nParty: customer\nApprover: \(approver)\n\(bound.lines)"
        }

        /// Stores a tag object from its raw text, as a forger would, and points `name` at it.
        func storeRawTag(_ text: String, as name: String) throws {
            let written = try sandbox.run(
                "/usr/bin/git", ["hash-object", "-t", "tag", "-w", "--literally", "--stdin"], input: text)
            try #require(written.status == 0, "\(written.stderr)")
            try sandbox.git(
                "update-ref", "refs/tags/\(name)", written.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        }

        func rawTag(_ name: String) throws -> String { try sandbox.git("cat-file", "tag", name).stdout }

        /// The verdict `verify --format json` gives the tag `name`.
        func verdict(of name: String) throws -> (status: String, reason: String) {
            let output = try sandbox.slagit("verify", "--format", "json").stdout
            let document = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
            let approvals = document?["approvals"] as? [[String: Any]] ?? []
            let match = approvals.first { $0["tag"] as? String == name }
            return (match?["status"] as? String ?? "absent", match?["reason"] as? String ?? "")
        }

        func gitVerifies(_ name: String) throws -> Bool {
            try sandbox.git("tag", "-v", name, expectSuccess: false).status == 0
        }

        func checkFailsForCustomer() throws -> Bool {
            let check = try sandbox.slagit("check")
            return check.status == 1 && check.stdout.contains("[missing-approval] party 'customer'")
        }
    }

    @Test("an unsigned annotated tag")
    func unsigned() throws {
        let scene = try Scene()
        let name = try scene.customerTagName()
        try scene.sandbox.git("tag", "-a", name, "-m", try scene.customerMessage())
        #expect(try scene.verdict(of: name).status == "unsigned")
        #expect(try !scene.gitVerifies(name))
        #expect(try scene.checkFailsForCustomer())
    }

    @Test("a lightweight tag")
    func lightweight() throws {
        let scene = try Scene()
        let name = try scene.customerTagName()
        try scene.sandbox.git("tag", name)
        #expect(try scene.verdict(of: name).status == "lightweight")
        #expect(try !scene.gitVerifies(name))
        #expect(try scene.checkFailsForCustomer())
    }

    @Test("a signature by a key nobody listed")
    func unknownKey() throws {
        let scene = try Scene()
        let stranger = try scene.sandbox.makeSSHKey(for: "cio@customer.example", name: "stranger", allowed: false)
        try scene.sandbox.actAs("cio@customer.example", key: stranger)
        let name = try scene.customerTagName()
        try scene.sandbox.git("tag", "-s", name, "-m", try scene.customerMessage())
        #expect(try scene.verdict(of: name).status == "unknown-key")
        #expect(try !scene.gitVerifies(name))
        #expect(try scene.checkFailsForCustomer())
    }

    @Test("a valid signature copied onto other content")
    func signatureOverOtherContent() throws {
        let scene = try Scene()
        // The provider's real signature, under a customer approval it never signed.
        let providerText = try scene.rawTag(try scene.providerTag)
        let signature = try #require(providerText.range(of: "-----BEGIN SSH SIGNATURE-----"))
        let name = try scene.customerTagName()
        let commit = try scene.sandbox.git("rev-parse", "HEAD").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let forged =
            "object \(commit)\ntype commit\ntag \(name)\ntagger Carl Io <cio@customer.example> \(Int(Date().timeIntervalSince1970)) +0000\n\n"
            + (try scene.customerMessage()) + providerText[signature.lowerBound...]
        try scene.storeRawTag(forged, as: name)
        #expect(try scene.verdict(of: name).status == "bad-signature")
        #expect(try !scene.gitVerifies(name))
        #expect(try scene.checkFailsForCustomer())
    }

    @Test("trailers edited after signing")
    func editedTrailers() throws {
        let scene = try Scene()
        let original = try scene.providerTag
        let text = try scene.rawTag(original)
        // Move the provider's approval to the customer: rename in the object and the ref.
        let edited = text.replacingOccurrences(of: "Party: provider", with: "Party: customer")
            .replacingOccurrences(of: "/provider/", with: "/customer/")
            .replacingOccurrences(of: "Approver: ops@provider.example", with: "Approver: cio@customer.example")
            .replacingOccurrences(of: "ops@provider.example/", with: "cio@customer.example/")
        let name = try scene.customerTagName()
        try scene.storeRawTag(edited, as: name)
        #expect(try scene.verdict(of: name).status == "bad-signature")
        #expect(try !scene.gitVerifies(name))
        #expect(try scene.checkFailsForCustomer())
    }

    @Test("an approval of one revision presented for the next")
    func approvalOfEarlierRevision() throws {
        let scene = try Scene()
        try scene.sandbox.actAs("cio@customer.example", key: scene.customer)
        try #require(try scene.sandbox.slagit("approve", scene.path).status == 0)
        let oldCustomer = try scene.customerTagName()
        try scene.sandbox.write(scene.path, SampleAgreement.text(availability: ">= 97%"))
        try scene.sandbox.slagit("propose", scene.path, "-m", "second")
        #expect(try scene.verdict(of: oldCustomer).status == "superseded")
        #expect(try scene.checkFailsForCustomer())
        // The same signed object under a name that claims revision 2.
        let target = try scene.sandbox.git("rev-parse", oldCustomer).stdout.trimmingCharacters(
            in: .whitespacesAndNewlines)
        let claimed = try scene.customerTagName(revision: 2)
        try scene.sandbox.git("update-ref", "refs/tags/\(claimed)", target)
        let verdict = try scene.verdict(of: claimed)
        #expect(verdict.status == "malformed")
        #expect(verdict.reason.contains("is named '\(claimed)' but its trailers say"))
        #expect(try scene.checkFailsForCustomer())
    }

    @Test("a tag whose name claims another party")
    func nameClaimsAnotherParty() throws {
        let scene = try Scene()
        let target = try scene.sandbox.git("rev-parse", try scene.providerTag).stdout.trimmingCharacters(
            in: .whitespacesAndNewlines)
        let name = try scene.customerTagName()
        try scene.sandbox.git("update-ref", "refs/tags/\(name)", target)
        #expect(try scene.verdict(of: name).status == "malformed")
        #expect(try scene.checkFailsForCustomer())
    }

    @Test("two signature blocks")
    func twoSignatureBlocks() throws {
        let scene = try Scene()
        try scene.sandbox.actAs("cio@customer.example", key: scene.customer)
        try #require(try scene.sandbox.slagit("approve", scene.path).status == 0)
        let name = try scene.customerTagName()
        let text = try scene.rawTag(name)
        let signature = try #require(text.range(of: "-----BEGIN SSH SIGNATURE-----"))
        try scene.sandbox.git("tag", "-d", name)
        try scene.storeRawTag(text + text[signature.lowerBound...], as: name)
        let verdict = try scene.verdict(of: name)
        #expect(verdict.status == "malformed")
        #expect(verdict.reason.contains("2 signature blocks"))
        #expect(try !scene.gitVerifies(name))
        #expect(try scene.checkFailsForCustomer())
    }

    @Test("an SSH key used outside its validity window")
    func sshKeyOutsideValidity() throws {
        let scene = try Scene()
        let expired = try scene.sandbox.makeSSHKey(for: "cio@customer.example", name: "expired", allowed: false)
        let signers = scene.sandbox.root.appendingPathComponent("allowed_signers")
        let line =
            "cio@customer.example valid-before=\"20200101\" \(try String(contentsOfFile: expired, encoding: .utf8))"
        try Data(((try String(contentsOf: signers, encoding: .utf8)) + line).utf8).write(to: signers)
        try scene.sandbox.actAs("cio@customer.example", key: expired)
        let name = try scene.customerTagName()
        try scene.sandbox.git("tag", "-s", name, "-m", try scene.customerMessage())
        let verdict = try scene.verdict(of: name)
        #expect(verdict.status == "key-expired")
        #expect(verdict.reason.contains("outside its validity window"))
        #expect(try !scene.gitVerifies(name))
        #expect(try scene.checkFailsForCustomer())
    }

    @Test("a revoked OpenPGP key")
    func revokedOpenPGPKey() throws {
        let scene = try Scene(openpgp: true)
        try scene.sandbox.actAs("cio@customer.example", key: scene.customer)
        try #require(try scene.sandbox.slagit("approve", scene.path).status == 0)
        let name = try scene.customerTagName()
        #expect(try scene.gitVerifies(name))
        // gpg leaves a revocation certificate for every new key; import it.
        let certificate = scene.sandbox.gnupgHome.appendingPathComponent("openpgp-revocs.d/\(scene.customer).rev")
        let armored = try String(contentsOf: certificate, encoding: .utf8).replacingOccurrences(
            of: ":-----BEGIN", with: "-----BEGIN")
        let imported = try scene.sandbox.run("/usr/bin/gpg", ["--batch", "--import"], input: armored)
        try #require(imported.status == 0, "\(imported.stderr)")
        #expect(try scene.verdict(of: name).status == "key-revoked")
        #expect(try !scene.gitVerifies(name))
        #expect(try scene.checkFailsForCustomer())
    }

    @Test("an OpenPGP key trusted less than gpg.minTrustLevel does not count, as with git tag -v")
    func minTrustLevel() throws {
        let scene = try Scene(openpgp: true)
        // A key made elsewhere and imported without trust.
        let elsewhere = scene.sandbox.root.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: elsewhere.path)
        let made = try scene.sandbox.run(
            "/usr/bin/gpg",
            [
                "--batch", "--pinentry-mode", "loopback", "--passphrase", "", "--quick-gen-key",
                "Carl Io <cio@customer.example>", "ed25519", "sign", "never",
            ],
            extraEnvironment: ["GNUPGHOME": elsewhere.path])
        try #require(made.status == 0)
        let exported = try scene.sandbox.run(
            "/usr/bin/gpg", ["--armor", "--export-secret-keys", "cio@customer.example"],
            extraEnvironment: ["GNUPGHOME": elsewhere.path])
        let fingerprint = try scene.sandbox.run(
            "/usr/bin/gpg", ["--with-colons", "--list-keys", "cio@customer.example"],
            extraEnvironment: ["GNUPGHOME": elsewhere.path]
        ).stdout.split(separator: "\n").first { $0.hasPrefix("fpr:") }!.split(
            separator: ":", omittingEmptySubsequences: false)[9]
        try #require(
            try scene.sandbox.run("/usr/bin/gpg", ["--batch", "--import"], input: exported.stdout).status == 0)
        try scene.sandbox.actAs("cio@customer.example", key: String(fingerprint))
        let name = try scene.customerTagName()
        try scene.sandbox.git("tag", "-s", name, "-m", try scene.customerMessage())
        #expect(try scene.gitVerifies(name))
        #expect(try scene.verdict(of: name).status == "valid")
        try scene.sandbox.git("config", "gpg.minTrustLevel", "fully")
        #expect(try !scene.gitVerifies(name))
        let verdict = try scene.verdict(of: name)
        #expect(verdict.status == "unknown-key")
        #expect(verdict.reason.contains("below gpg.minTrustLevel (fully)"))
    }

    @Test("a tag pointing at another commit than its trailers name")
    func wrongCommit() throws {
        let scene = try Scene()
        let message = try scene.customerMessage()
        let name = try scene.customerTagName()
        try scene.sandbox.write("notes.txt", "unrelated\n")
        try scene.sandbox.git("add", "notes.txt")
        try scene.sandbox.git("commit", "-q", "-m", "unrelated")
        try scene.sandbox.actAs("cio@customer.example", key: scene.customer)
        try scene.sandbox.git("tag", "-s", name, "-m", message, "HEAD")
        let verdict = try scene.verdict(of: name)
        #expect(verdict.status == "malformed")
        #expect(verdict.reason.contains("which is not revision 1 of sample-hosting"))
        #expect(try scene.gitVerifies(name))  // cryptographically fine: the lie is in what it points at
        #expect(try scene.checkFailsForCustomer())
    }
}
