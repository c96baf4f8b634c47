import Foundation
import Testing

/// A repository with one proposed agreement and keys for its two approvers.
private struct ApprovalScene {
    let sandbox: Sandbox
    let providerKey: String
    let customerKey: String
    let path = "sample.md"

    enum Format { case ssh, openpgp, x509 }

    init(_ format: Format) throws {
        sandbox = try Sandbox()
        switch format {
        case .ssh:
            providerKey = try sandbox.makeSSHKey(for: "ops@provider.example", name: "provider")
            customerKey = try sandbox.makeSSHKey(for: "cio@customer.example", name: "customer")
        case .openpgp:
            providerKey = try sandbox.makeOpenPGPKey(for: "ops@provider.example", name: "Olga Ops")
            customerKey = try sandbox.makeOpenPGPKey(for: "cio@customer.example", name: "Carl Io")
        case .x509:
            providerKey = try sandbox.makeX509Certificate(for: "ops@provider.example", name: "Olga Ops")
            customerKey = try sandbox.makeX509Certificate(for: "cio@customer.example", name: "Carl Io")
        }
        try sandbox.write(path, SampleAgreement.text())
        let proposed = try sandbox.slagit("propose", path, "-m", "first")
        guard proposed.status == 0 else { throw SandboxError(proposed.stderr) }
    }

    func approve(asProvider: Bool) throws -> Sandbox.Output {
        try sandbox.actAs(
            asProvider ? "ops@provider.example" : "cio@customer.example", key: asProvider ? providerKey : customerKey)
        return try sandbox.slagit("approve", path, "--party", asProvider ? "provider" : "customer")
    }

    func approveBoth() throws {
        for provider in [true, false] {
            let result = try approve(asProvider: provider)
            guard result.status == 0 else { throw SandboxError(result.stderr) }
        }
    }

    /// The tag-name suffix for the content at HEAD, computed with git itself: the blob
    /// hash of the binding trailers.
    func contentKey() throws -> String {
        let blob = try sandbox.git("rev-parse", "HEAD:\(path)").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let hashed = try sandbox.run(
            "/usr/bin/git", ["hash-object", "--stdin"], input: "Agreement-Path: \(path)\nAgreement-Blob: \(blob)\n")
        return String(hashed.stdout.prefix(10))
    }

    func tags() throws -> [String] {
        try sandbox.git("tag", "-l", "sla/*").stdout.split(separator: "\n").map(String.init)
    }
}

@Suite("slagit approve, verify and check")
struct ApprovalTests {
    @Test(
        "approvals signed with SSH and OpenPGP keys verify with git tag -v, and check passes", arguments: [true, false])
    func roundTrip(ssh: Bool) throws {
        let scene = try ApprovalScene(ssh ? .ssh : .openpgp)
        let before = try scene.sandbox.slagit("check")
        #expect(before.status == 1)
        #expect(
            before.stdout.contains(
                "[missing-approval] party 'provider' needs approvals from all of: ops@provider.example for revision 1 (has 0 of 1)"
            ))
        try scene.approveBoth()
        let tags = try scene.tags()
        let key = try scene.contentKey()
        #expect(
            tags == [
                "sla/sample-hosting/r1/customer/cio@customer.example/\(key)",
                "sla/sample-hosting/r1/provider/ops@provider.example/\(key)",
            ])
        for tag in tags {
            let verified = try scene.sandbox.git("tag", "-v", tag, expectSuccess: false)
            #expect(verified.status == 0, "git tag -v \(tag): \(verified.stderr)")
            #expect(verified.stderr.contains(ssh ? "Good \"git\" signature" : "Good signature"))
        }
        let after = try scene.sandbox.slagit("check")
        #expect(after.status == 0, "\(after.stdout)\(after.stderr)")
        #expect(after.stdout.contains("check passed: 1 agreement(s)"))
        let verify = try scene.sandbox.slagit("verify", "--format", "json")
        #expect(verify.status == 0)
        #expect(verify.stdout.contains("\"ok\": true"))
        #expect(try scene.sandbox.git("fsck", "--strict").status == 0)
    }

    @Test("approvals signed with X.509 certificates (gpgsm) verify with git tag -v, and check passes")
    func x509RoundTrip() throws {
        let scene = try ApprovalScene(.x509)
        try scene.approveBoth()
        for tag in try scene.tags() {
            let verified = try scene.sandbox.git("tag", "-v", tag, expectSuccess: false)
            #expect(verified.status == 0, "git tag -v \(tag): \(verified.stderr)")
        }
        let check = try scene.sandbox.slagit("check")
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let verify = try scene.sandbox.slagit("verify")
        #expect(verify.stdout.contains("valid: signed by cio@customer.example"))
    }

    @Test("a key held only by ssh-agent signs through a literal key:: signing key")
    func agentHeldKey() throws {
        let scene = try ApprovalScene(.ssh)
        // The agent runs in the foreground for the test's life, so nothing outlives it.
        let socket = scene.sandbox.root.appendingPathComponent("agent.sock").path
        let agent = Process()
        agent.executableURL = URL(fileURLWithPath: "/usr/bin/ssh-agent")
        agent.arguments = ["-D", "-a", socket]
        agent.standardOutput = FileHandle.nullDevice
        agent.standardError = FileHandle.nullDevice
        try agent.run()
        // SIGKILL, not terminate(): the agent inherits the test runner's blocked signals,
        // and SIGTERM left it running after the tests.
        defer {
            kill(agent.processIdentifier, SIGKILL)
            agent.waitUntilExit()
        }
        for _ in 0..<100 where !FileManager.default.fileExists(atPath: socket) { usleep(20_000) }
        let privateKey = String(scene.customerKey.dropLast(".pub".count))
        try #require(
            try scene.sandbox.run("/usr/bin/ssh-add", ["-q", privateKey], extraEnvironment: ["SSH_AUTH_SOCK": socket])
                .status == 0)
        // The private key file goes away: only the agent can sign now.
        try FileManager.default.removeItem(atPath: privateKey)
        let literal = try String(contentsOfFile: scene.customerKey, encoding: .utf8).trimmingCharacters(
            in: .whitespacesAndNewlines)
        try scene.sandbox.actAs("cio@customer.example", key: "key::" + literal)
        let approved = try scene.sandbox.slagit(["approve", scene.path], extraEnvironment: ["SSH_AUTH_SOCK": socket])
        #expect(approved.status == 0, "\(approved.stderr)")
        let withoutAgent = try scene.sandbox.slagit(
            ["approve", scene.path, "--withdraw"], extraEnvironment: ["SSH_AUTH_SOCK": "/nonexistent"])
        #expect(withoutAgent.status == 2)
        #expect(withoutAgent.stderr.contains("hint: add the private key to ssh-agent (ssh-add)"))
    }

    @Test("a new revision needs new approvals; the old ones are superseded")
    func newRevisionNeedsApprovals() throws {
        let scene = try ApprovalScene(.ssh)
        try scene.approveBoth()
        try scene.sandbox.write(
            scene.path, SampleAgreement.text(availability: ">= 99.5%", extraClause: "Disaster Recovery"))
        #expect(try scene.sandbox.slagit("propose", scene.path, "-m", "second").status == 0)
        let check = try scene.sandbox.slagit("check")
        #expect(check.status == 1)
        #expect(
            check.stdout.contains(
                "sample.md:29:1: error: [missing-approval] party 'provider' needs approvals from all of: ops@provider.example for revision 2 (has 0 of 1); changed since r1, which it approved: availability weakened, Disaster Recovery (added)"
            ))
        // Each finding sits on the first changed clause, where a pull request shows it.
        #expect(check.stdout.contains("sample.md:29:1: error: [missing-approval] party 'customer'"))
        let log = try scene.sandbox.slagit("log", scene.path)
        #expect(log.stdout.contains("(superseded)"))
        try scene.approveBoth()
        #expect(try scene.sandbox.slagit("check").status == 0)
    }

    @Test("an approval signed by a key that is not the party's approver is rejected")
    func rejectsSignerWhoIsNotTheApprover() throws {
        let scene = try ApprovalScene(.ssh)
        // The customer's key, in a tag that claims the provider's approver. Made by hand
        // with git tag -s, which slagit honours when its trailers are right.
        let blob = try scene.sandbox.git("rev-parse", "HEAD:sample.md").stdout.trimmingCharacters(
            in: .whitespacesAndNewlines)
        try scene.sandbox.actAs("cio@customer.example", key: scene.customerKey)
        let name = "sla/sample-hosting/r1/provider/ops@provider.example/\(try scene.contentKey())"
        let message =
            "Approve\n\nAgreement: sample-hosting\nRevision: 1\nParty: provider\nApprover: ops@provider.example\nAgreement-Path: sample.md\nAgreement-Blob: \(blob)\n"
        try scene.sandbox.git("tag", "-s", name, "-m", message)
        // git itself finds the signature good: it is a real key, just not the approver's.
        #expect(try scene.sandbox.git("tag", "-v", name, expectSuccess: false).status == 0)
        #expect(try scene.approve(asProvider: false).status == 0)

        let verify = try scene.sandbox.slagit("verify")
        #expect(verify.status == 1)
        #expect(
            verify.stdout.contains(
                "✗ \(name): signer-not-approver: signed by cio@customer.example, not by the person it names (ops@provider.example)"
            ))
        let check = try scene.sandbox.slagit("check")
        #expect(check.status == 1)
        #expect(
            check.stdout.contains(
                "[missing-approval] party 'provider' needs approvals from all of: ops@provider.example"))
        #expect(
            check.stdout.contains(
                "warning: [invalid-approval] approval tag \(name) does not count (signer-not-approver)"))
    }

    @Test("approve refuses to write a tag the signer could not stand behind")
    func approveRefusesForeignKey() throws {
        let scene = try ApprovalScene(.ssh)
        try scene.sandbox.actAs("ops@provider.example", key: scene.customerKey)
        let result = try scene.sandbox.slagit("approve", scene.path)
        #expect(result.status == 2)
        #expect(
            result.stderr.contains(
                "your signing key belongs to cio@customer.example, not to ops@provider.example; no tag was written"))
        #expect(try scene.tags().isEmpty)
    }

    @Test("an agreement edited after approval no longer passes")
    func rejectsEditAfterApproval() throws {
        let scene = try ApprovalScene(.openpgp)
        try scene.approveBoth()
        try scene.sandbox.write(scene.path, SampleAgreement.text(availability: ">= 95%"))
        try scene.sandbox.git("commit", "-q", "-am", "quietly lower availability")
        let check = try scene.sandbox.slagit("check", "--format", "json")
        #expect(check.status == 1)
        #expect(check.stdout.contains("\"rule\": \"not-proposed\""))
        #expect(check.stdout.contains("it was changed without slagit propose"))
        let verify = try scene.sandbox.slagit("verify")
        #expect(verify.stdout.contains("content-mismatch: approved content"))
        #expect(verify.status == 1)
    }

    @Test("an unsigned tag with the right trailers is reported as unsigned")
    func rejectsUnsignedTag() throws {
        let scene = try ApprovalScene(.ssh)
        _ = try scene.approve(asProvider: true)
        let blob = try scene.sandbox.git("rev-parse", "HEAD:sample.md").stdout.trimmingCharacters(
            in: .whitespacesAndNewlines)
        let name = "sla/sample-hosting/r1/customer/cio@customer.example/\(try scene.contentKey())"
        try scene.sandbox.git(
            "tag", "-a", name, "-m",
            "Approve\n\nAgreement: sample-hosting\nRevision: 1\nParty: customer\nApprover: cio@customer.example\nAgreement-Path: sample.md\nAgreement-Blob: \(blob)\n"
        )
        let verify = try scene.sandbox.slagit("verify", "--format", "json")
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("\"status\": \"unsigned\""))
        let check = try scene.sandbox.slagit("check")
        #expect(check.status == 1)
        #expect(check.stdout.contains("(unsigned): the tag is not signed"))
        #expect(check.stdout.contains("[missing-approval] party 'customer'"))
    }
}
