import Foundation
import Testing

/// Approvals across branches, clones and changed signer lists: where a careless or
/// hostile change could make an approval count that should not.
@Suite("Approvals across branches, clones and signer lists")
struct ApprovalTrustTests {
    /// A repository whose allowed-signers file is committed at .slagit/allowed_signers
    /// (the default place, so no git configuration names it).
    private static func sceneWithCommittedSigners() throws -> (Sandbox, provider: String, customer: String) {
        let sandbox = try Sandbox()
        let provider = try sandbox.makeSSHKey(for: "ops@provider.example", name: "provider", allowed: false)
        let customer = try sandbox.makeSSHKey(for: "cio@customer.example", name: "customer", allowed: false)
        let signers = ["ops@provider.example": provider, "cio@customer.example": customer].sorted { $0.key < $1.key }
            .map { "\($0.key) \(try! String(contentsOfFile: $0.value, encoding: .utf8))" }.joined()
        try sandbox.write(".slagit/allowed_signers", signers)
        try sandbox.git("add", ".slagit/allowed_signers")
        try sandbox.git("commit", "-q", "-m", "approvers' keys")
        try sandbox.write("sample.md", SampleAgreement.text())
        try #require(try sandbox.slagit("propose", "sample.md", "-m", "first").status == 0)
        return (sandbox, provider, customer)
    }

    private static func approve(_ sandbox: Sandbox, as email: String, key: String) throws {
        try sandbox.actAs(email, key: key)
        let result = try sandbox.slagit("approve", "sample.md")
        try #require(result.status == 0, "\(result.stderr)")
    }

    @Test("a clone with no signing configuration checks against the committed allowed-signers file")
    func freshCloneChecks() throws {
        let (sandbox, provider, customer) = try Self.sceneWithCommittedSigners()
        try Self.approve(sandbox, as: "ops@provider.example", key: provider)
        try Self.approve(sandbox, as: "cio@customer.example", key: customer)
        let clone = sandbox.root.appendingPathComponent("clone")
        try sandbox.run("/usr/bin/git", ["clone", "-q", "--no-tags", sandbox.repo.path, clone.path])
        let withoutTags = try sandbox.run(Sandbox.slagitExecutable, ["check"], in: clone)
        #expect(withoutTags.status == 1)
        #expect(withoutTags.stdout.contains("[no-approval-tags]"))
        try sandbox.run("/usr/bin/git", ["fetch", "-q", "origin", "refs/tags/sla/*:refs/tags/sla/*"], in: clone)
        let check = try sandbox.run(Sandbox.slagitExecutable, ["check"], in: clone)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    @Test("a change that adds its own key to the allowed signers cannot approve itself")
    func changeCannotApproveItself() throws {
        let (sandbox, provider, _) = try Self.sceneWithCommittedSigners()
        try sandbox.git("checkout", "-q", "-b", "change")
        // The attacker lists their own key as the customer's approver and approves.
        let attacker = try sandbox.makeSSHKey(for: "cio@customer.example", name: "attacker", allowed: false)
        let signers = try sandbox.read(".slagit/allowed_signers")
        try sandbox.write(
            ".slagit/allowed_signers",
            signers + "cio@customer.example \(try String(contentsOfFile: attacker, encoding: .utf8))")
        try sandbox.git("commit", "-q", "-am", "add a key")
        try sandbox.write("sample.md", SampleAgreement.text(availability: ">= 95%"))
        try #require(try sandbox.slagit("propose", "sample.md", "-m", "lower availability").status == 0)
        try Self.approve(sandbox, as: "ops@provider.example", key: provider)
        try Self.approve(sandbox, as: "cio@customer.example", key: attacker)

        let check = try sandbox.slagit("check", "--base", "main", "--head", "HEAD")
        #expect(check.status == 1)
        #expect(check.stdout.contains("[missing-approval] party 'customer'"))
        #expect(check.stdout.contains("(unknown-key)"))
        #expect(check.stdout.contains(".slagit/allowed_signers:1:1: note: [signers-changed]"))
    }

    @Test("approvals of another branch's revision neither count nor fail here, and do not block approving")
    func otherBranchApprovals() throws {
        let (sandbox, provider, customer) = try Self.sceneWithCommittedSigners()
        try sandbox.git("checkout", "-q", "-b", "abandoned")
        try sandbox.write("sample.md", SampleAgreement.text(availability: ">= 99%"))
        try #require(try sandbox.slagit("propose", "sample.md", "-m", "their r2").status == 0)
        try Self.approve(sandbox, as: "ops@provider.example", key: provider)
        try sandbox.git("checkout", "-q", "main")
        try sandbox.write("sample.md", SampleAgreement.text(availability: ">= 99.95%"))
        try #require(try sandbox.slagit("propose", "sample.md", "-m", "our r2").status == 0)

        let approve = try sandbox.slagit("approve", "sample.md")
        #expect(approve.status == 0, "\(approve.stderr)")
        #expect(approve.stdout.hasPrefix("Approved sample-hosting r2 for provider"))
        try Self.approve(sandbox, as: "cio@customer.example", key: customer)
        #expect(try sandbox.slagit("check").status == 0)
        let verify = try sandbox.slagit("verify")
        #expect(verify.status == 0, "\(verify.stdout)")
        #expect(verify.stdout.contains("elsewhere: approves revision 2 on another line of history"))
    }

    @Test("one key listed for two e-mails on two lines can approve as either")
    func oneKeyTwoPrincipals() throws {
        let sandbox = try Sandbox()
        let key = try sandbox.makeSSHKey(for: "ops@provider.example", name: "shared")
        let signers = sandbox.root.appendingPathComponent("allowed_signers")
        let text = try String(contentsOf: signers, encoding: .utf8)
        try Data((text + "cio@customer.example \(try String(contentsOfFile: key, encoding: .utf8))").utf8).write(
            to: signers)
        try sandbox.write("sample.md", SampleAgreement.text())
        try #require(try sandbox.slagit("propose", "sample.md", "-m", "first").status == 0)
        try sandbox.actAs("cio@customer.example", key: key)
        let result = try sandbox.slagit("approve", "sample.md")
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test("approve refuses while a referenced document is not committed")
    func missingReference() throws {
        let sandbox = try Sandbox()
        let key = try sandbox.makeSSHKey(for: "ops@provider.example", name: "provider")
        try sandbox.write("sample.md", SampleAgreement.text(references: ["policies/incident.md"]))
        let proposed = try sandbox.slagit("propose", "sample.md", "-m", "first")
        #expect(proposed.stderr.contains("warning: referenced document policies/incident.md does not exist"))
        try sandbox.actAs("ops@provider.example", key: key)
        let refused = try sandbox.slagit("approve", "sample.md")
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("referenced document policies/incident.md is not committed"))
        try sandbox.write("policies/incident.md", "# Incident response\n")
        try sandbox.git("add", "policies/incident.md")
        try sandbox.git("commit", "-q", "-m", "policy")
        #expect(try sandbox.slagit("approve", "sample.md").status == 0)
        let tag = try sandbox.git("tag", "-l", "sla/*").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let message = try sandbox.git("tag", "-l", "--format=%(contents)", tag).stdout
        let policyBlob = try sandbox.git("rev-parse", "HEAD:policies/incident.md").stdout.trimmingCharacters(
            in: .whitespacesAndNewlines)
        #expect(message.contains("Reference: policies/incident.md \(policyBlob)"))
        // Changing the policy afterwards undoes the approval's binding.
        try sandbox.write("policies/incident.md", "# Incident response\n\nCall us.\n")
        try sandbox.git("commit", "-q", "-am", "policy changed")
        let verify = try sandbox.slagit("verify")
        #expect(
            verify.stdout.contains(
                "content-mismatch: referenced document policies/incident.md changed since it was approved"))
    }

    @Test("a misspelt slagit key is a warning that names the key it resembles")
    func misspeltKey() throws {
        let sandbox = try Sandbox()
        try sandbox.write(
            "sample.md", SampleAgreement.text().replacingOccurrences(of: "review: quarterly", with: "reveiw: quarterly")
        )
        let result = try sandbox.slagit("propose", "sample.md", "-m", "first")
        #expect(result.status == 0)
        #expect(
            result.stderr.contains(
                "sample.md:14:1: warning: unknown key 'reveiw' is ignored\n  hint: did you mean 'review'?"))
    }
}
