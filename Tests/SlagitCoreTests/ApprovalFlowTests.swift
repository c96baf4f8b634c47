import Foundation
import Testing

@Suite("Quorum, withdrawal and approvals through a remote")
struct ApprovalFlowTests {
    private static func scene(quorum: Int?) throws -> (Sandbox, keys: [String: String]) {
        let sandbox = try Sandbox()
        var keys: [String: String] = [:]
        for email in ["ops@provider.example", "cio@customer.example", "legal@customer.example"] {
            keys[email] = try sandbox.makeSSHKey(for: email, name: email)
        }
        try sandbox.write(
            "sample.md",
            SampleAgreement.text(
                customerApprovers: "[cio@customer.example, legal@customer.example]", customerQuorum: quorum))
        try #require(try sandbox.slagit("propose", "sample.md", "-m", "first").status == 0)
        return (sandbox, keys)
    }

    private static func approve(_ sandbox: Sandbox, _ email: String, _ keys: [String: String], _ extra: String...)
        throws
    {
        try sandbox.actAs(email, key: keys[email]!)
        let result = try sandbox.slagit(["approve", "sample.md"] + extra)
        try #require(result.status == 0, "\(result.stderr)")
    }

    @Test("a quorum of one of two customer approvers is met by either")
    func quorumOfOne() throws {
        let (sandbox, keys) = try Self.scene(quorum: 1)
        try Self.approve(sandbox, "ops@provider.example", keys)
        try Self.approve(sandbox, "legal@customer.example", keys)
        #expect(try sandbox.slagit("check").status == 0)
    }

    @Test("without a quorum every approver must sign")
    func quorumOfAll() throws {
        let (sandbox, keys) = try Self.scene(quorum: nil)
        try Self.approve(sandbox, "ops@provider.example", keys)
        try Self.approve(sandbox, "legal@customer.example", keys)
        let check = try sandbox.slagit("check")
        #expect(check.status == 1)
        #expect(
            check.stdout.contains(
                "party 'customer' needs approvals from all of: cio@customer.example for revision 1 (has 1 of 2)"))
        try Self.approve(sandbox, "cio@customer.example", keys)
        #expect(try sandbox.slagit("check").status == 0)
    }

    @Test("a withdrawn approval stops counting, and history keeps both tags")
    func withdrawal() throws {
        let (sandbox, keys) = try Self.scene(quorum: 1)
        try Self.approve(sandbox, "ops@provider.example", keys)
        try Self.approve(sandbox, "cio@customer.example", keys)
        #expect(try sandbox.slagit("check").status == 0)
        try Self.approve(sandbox, "cio@customer.example", keys, "--withdraw")
        let check = try sandbox.slagit("check")
        #expect(check.status == 1)
        #expect(check.stdout.contains("[missing-approval] party 'customer'"))
        let tags = try sandbox.git("tag", "-l", "sla/*/customer/*").stdout.split(separator: "\n")
        #expect(tags.count == 2)
        #expect(tags.last?.hasSuffix("-withdrawn") == true)
        #expect(try sandbox.git("tag", "-v", String(tags.last!), expectSuccess: false).status == 0)
        let verify = try sandbox.slagit("verify")
        #expect(verify.status == 0, "\(verify.stdout)")
        #expect(verify.stdout.contains("withdrawn: withdrawn by cio@customer.example on"))
        // Approving again after a withdrawal needs a new revision: the same content's
        // approval tag already exists.
        let again = try sandbox.slagit("approve", "sample.md")
        #expect(again.stdout.contains("Already approved"))
    }

    @Test("approvals travel through a bare remote with slagit push and fetch")
    func remoteRoundTrip() throws {
        let (sandbox, keys) = try Self.scene(quorum: 1)
        let server = sandbox.root.appendingPathComponent("server.git")
        try sandbox.run("/usr/bin/git", ["init", "-q", "--bare", "-b", "main", server.path])
        try sandbox.git("remote", "add", "origin", server.path)
        try sandbox.git("push", "-q", "origin", "main")
        try Self.approve(sandbox, "ops@provider.example", keys)
        try Self.approve(sandbox, "cio@customer.example", keys)
        let pushed = try sandbox.slagit("push")
        #expect(pushed.status == 0, "\(pushed.stderr)")
        #expect(pushed.stdout == "Pushed 2 approval and review tag(s) to origin.\n")

        let clone = sandbox.root.appendingPathComponent("clone")
        try sandbox.run("/usr/bin/git", ["clone", "-q", "--no-tags", server.path, clone.path])
        let signers = sandbox.root.appendingPathComponent("allowed_signers").path
        try sandbox.run("/usr/bin/git", ["config", "gpg.ssh.allowedSignersFile", signers], in: clone)
        let before = try sandbox.run(Sandbox.slagitExecutable, ["check"], in: clone)
        #expect(before.status == 1)
        #expect(before.stdout.contains("fetch them first"))
        let fetched = try sandbox.run(Sandbox.slagitExecutable, ["fetch"], in: clone)
        #expect(
            fetched.stdout == "Fetched 2 new approval and review tag(s) from origin (2 in all).\n", "\(fetched.stderr)")
        #expect(try sandbox.run(Sandbox.slagitExecutable, ["check"], in: clone).status == 0)
        for tag in try sandbox.run("/usr/bin/git", ["tag", "-l", "sla/*"], in: clone).stdout.split(separator: "\n") {
            #expect(try sandbox.run("/usr/bin/git", ["tag", "-v", String(tag)], in: clone).status == 0)
            #expect(try sandbox.git("tag", "-v", String(tag), expectSuccess: false).status == 0)
        }
    }
}
