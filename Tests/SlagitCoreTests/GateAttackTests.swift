import Foundation
import Testing

@testable import SlagitCore

/// Ways an unapproved change once got past the gate, each now closed.
@Suite("Attacks on the gate")
struct GateAttackTests {
    static let formatting = "approval:\n  carry-over: [formatting]\n"

    /// An approved r1 (with `policy`), keys committed, approvals by both parties.
    private static func approvedScene(policy: String? = nil) throws -> (Sandbox, provider: String, customer: String) {
        let sandbox = try Sandbox()
        let (provider, customer) = try sandbox.commitApproverKeys()
        var text = SampleAgreement.text()
        if let policy { text = text.replacingOccurrences(of: "objectives:\n", with: policy + "objectives:\n") }
        try sandbox.write("sample.md", text)
        try sandbox.slagit("propose", "sample.md", "-m", "first")
        for (email, key) in [("ops@provider.example", provider), ("cio@customer.example", customer)] {
            try sandbox.actAs(email, key: key)
            try #require(try sandbox.slagit("approve", "sample.md").status == 0)
        }
        try sandbox.git("branch", "approved")
        return (sandbox, provider, customer)
    }

    @Test("commits that merely claim revision numbers cannot borrow an approval's carry-over")
    func forgedRevisionClaims() throws {
        let (sandbox, _, _) = try Self.approvedScene(policy: Self.formatting)
        try sandbox.write(
            "sample.md",
            SampleAgreement.text(availability: ">= 95%").replacingOccurrences(
                of: "objectives:\n", with: Self.formatting + "objectives:\n"))
        try sandbox.git(
            "commit", "-q", "-am", "Tidy\n\nAgreement: sample-hosting\nRevision: 1\nAgreement-Path: sample.md")
        try sandbox.git(
            "commit", "-q", "--allow-empty", "-m",
            "Formatting\n\nAgreement: sample-hosting\nRevision: 2\nAgreement-Path: sample.md")
        let check = try sandbox.slagit("check", "--base", "approved")
        #expect(check.status == 1, "\(check.stdout)")
        #expect(try !sandbox.slagit("verify").stdout.contains("carried-over"))
        // Nor can they pass their text off as the approved one.
        let shown = try sandbox.slagit("show", "sample.md")
        #expect(shown.stdout.contains("target: \">= 99.9%\""))
        #expect(shown.stderr.contains("sample-hosting r1 was in force"))
    }

    @Test("a base name shadowed by a tag is refused as ambiguous")
    func shadowedBase() throws {
        let (sandbox, _, _) = try Self.approvedScene()
        try sandbox.git("tag", "approved", "HEAD")
        let check = try sandbox.slagit("check", "--base", "approved")
        #expect(check.status == 2)
        #expect(check.stderr.contains("--base 'approved' is ambiguous: a tag and a branch have that name"))
    }

    @Test("a clause nobody owns, or one whose id leaves its owner, carries no approval")
    func unownedLoopholes() throws {
        let policy =
            "approval:\n  carry-over: [unowned-clauses]\n  owners:\n    provider: [scope]\n    customer: [availability]\n"
        let (sandbox, _, _) = try Self.approvedScene(policy: policy)
        let base = SampleAgreement.text().replacingOccurrences(of: "objectives:\n", with: policy + "objectives:\n")
        try sandbox.write("sample.md", base + "\n# 3. Exceptions\n\nNo credits during peak season.\n")
        try sandbox.slagit("propose", "sample.md", "-m", "new clause")
        #expect(try sandbox.slagit("check").status == 1)

        try sandbox.git("reset", "-q", "--hard", "approved")
        let renamed = base.replacingOccurrences(of: "# 2. Availability", with: "# 2. Availability {#uptime}")
            .replacingOccurrences(of: "The service is available", with: "The service is mostly available")
        try sandbox.write("sample.md", renamed)
        try sandbox.slagit("propose", "sample.md", "-m", "rename the id")
        let check = try sandbox.slagit("check", "--format", "json")
        #expect(check.status == 1, "\(check.stdout)")
    }

    @Test("a key written twice in front matter is an error, not a silent choice")
    func duplicateKeys() throws {
        let text = SampleAgreement.text().replacingOccurrences(
            of: "---\n\n# 1.", with: "objectives:\n  - id: availability\n    target: \">= 95%\"\n---\n\n# 1.")
        #expect(throws: UserError.self) { _ = try SlagitCoreTestAccess.parse(text) }
        let sandbox = try Sandbox()
        try sandbox.write("sample.md", text)
        let result = try sandbox.slagit("propose", "sample.md", "-m", "x")
        #expect(result.status == 2)
        #expect(result.stderr.contains("duplicate key 'objectives'"))
    }

    @Test("a symbolic link as a referenced document is refused")
    func symlinkedReference() throws {
        let sandbox = try Sandbox()
        try sandbox.makeSSHKey(for: "ops@provider.example", name: "provider")
        try sandbox.write("policies/2026.md", "# Policy\n")
        try FileManager.default.createSymbolicLink(
            atPath: sandbox.repo.appendingPathComponent("policies/current.md").path, withDestinationPath: "2026.md")
        try sandbox.git("add", "policies")
        try sandbox.git("commit", "-q", "-m", "policies")
        try sandbox.write("sample.md", SampleAgreement.text(references: ["policies/current.md"]))
        try sandbox.slagit("propose", "sample.md", "-m", "first")
        try sandbox.actAs("ops@provider.example", key: sandbox.home.appendingPathComponent("key-provider.pub").path)
        let approve = try sandbox.slagit("approve", "sample.md")
        #expect(approve.status == 2)
        #expect(approve.stderr.contains("referenced document policies/current.md is a symbolic link"))
        #expect(try sandbox.slagit("check").stdout.contains("[reference-symlink]"))
    }

    @Test("struck-through words are deleted words, and '<!-->' hides nothing")
    func markupThatChangesMeaning() {
        let old = ClauseParser.parse("# Data\n\nThe provider shall not move Customer data.\n")
        let struck = ClauseParser.parse("# Data\n\nThe provider shall ~~not~~ move Customer data.\n")
        #expect(DocumentDiff.compare(old, struck).map(\.kind) == [.modified])
        let hidden = ClauseParser.parse("# Data\n\nThe provider shall not move Customer data. <!--> Or it may. -->\n")
        #expect(DocumentDiff.compare(old, hidden).map(\.kind) == [.modified])
    }

    @Test("a server refuses rewriting or deleting a protected branch that holds agreements")
    func serverRollback() throws {
        let (sandbox, provider, customer) = try Self.approvedScene()
        try sandbox.write("sample.md", SampleAgreement.text(availability: ">= 99.99%"))
        try sandbox.slagit("propose", "sample.md", "-m", "better")
        for (email, key) in [("ops@provider.example", provider), ("cio@customer.example", customer)] {
            try sandbox.actAs(email, key: key)
            try #require(try sandbox.slagit("approve", "sample.md").status == 0)
        }
        let server = sandbox.root.appendingPathComponent("server.git")
        try sandbox.run("/usr/bin/git", ["init", "-q", "--bare", "-b", "main", server.path])
        try sandbox.git("remote", "add", "origin", server.path)
        let keysOnly = try sandbox.git("rev-parse", "approved~1").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try sandbox.git("push", "-q", "origin", "\(keysOnly):refs/heads/main")
        try sandbox.run(Sandbox.slagitExecutable, ["check", "--install-hook", "pre-receive"], in: server)
        try sandbox.git("push", "-q", "origin", "main", "refs/tags/sla/*")
        let rollback = try sandbox.git("push", "-f", "origin", "approved:main", expectSuccess: false)
        #expect(rollback.status != 0)
        #expect(rollback.stderr.contains("rewrites the branch's history and changes or removes sample.md"))
        let created = try sandbox.git("push", "origin", "main:master", expectSuccess: false)
        #expect(created.status == 0, "\(created.stderr)")
        let deleted = try sandbox.git("push", "origin", ":master", expectSuccess: false)
        #expect(deleted.status != 0)
        #expect(deleted.stderr.contains("deleting a protected branch that holds agreements is not allowed"))
    }
}
