import Foundation
import Testing

/// When an approval of an earlier revision still counts: never by default; for
/// formatting-only changes, or changes to clauses a party does not own, when the
/// approved content said so.
@Suite("Approval carry-over and clause hashes")
struct CarryOverTests {
    static let scopeText = "The provider hosts the customer's web shop."

    static func agreement(policy: String?, scope: String = scopeText, availability: String? = nil) -> String {
        var text = SampleAgreement.text().replacingOccurrences(of: scopeText, with: scope)
        if let policy { text = text.replacingOccurrences(of: "objectives:\n", with: policy + "objectives:\n") }
        if let availability {
            text = text.replacingOccurrences(
                of: "The service is available for the share of each calendar month the objective names.",
                with: availability)
        }
        return text
    }

    static let formattingPolicy = "approval:\n  carry-over: formatting\n"
    static let ownersPolicy =
        "approval:\n  carry-over: [formatting, unowned-clauses]\n  owners:\n    provider: [availability]\n    customer: [scope]\n"

    /// r1 with `policy`, approved by both; then r2 with `next` proposed.
    private static func scene(policy: String?, next: String) throws -> Sandbox {
        let sandbox = try Sandbox()
        let provider = try sandbox.makeSSHKey(for: "ops@provider.example", name: "provider")
        let customer = try sandbox.makeSSHKey(for: "cio@customer.example", name: "customer")
        try sandbox.write("sample.md", agreement(policy: policy))
        try #require(try sandbox.slagit("propose", "sample.md", "-m", "first").status == 0)
        for (email, key) in [("ops@provider.example", provider), ("cio@customer.example", customer)] {
            try sandbox.actAs(email, key: key)
            try #require(try sandbox.slagit("approve", "sample.md").status == 0)
        }
        try sandbox.write("sample.md", next)
        try #require(try sandbox.slagit("propose", "sample.md", "-m", "second").status == 0)
        return sandbox
    }

    private static func statuses(_ sandbox: Sandbox) throws -> [String] {
        let output = try sandbox.slagit("verify", "--format", "json").stdout
        let document = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
        return (document?["approvals"] as? [[String: Any]] ?? []).compactMap { $0["status"] as? String }
    }

    @Test("by default even a formatting-only change needs new approvals")
    func strictByDefault() throws {
        let sandbox = try Self.scene(
            policy: nil, next: Self.agreement(policy: nil, scope: "The provider *hosts* the customer's web shop."))
        #expect(try sandbox.slagit("check").status == 1)
        #expect(try Self.statuses(sandbox) == ["superseded", "superseded"])
    }

    @Test("a formatting-only change keeps every approval when the approved content allows it")
    func formattingCarriesOver() throws {
        let sandbox = try Self.scene(
            policy: Self.formattingPolicy,
            next: Self.agreement(policy: Self.formattingPolicy, scope: "The provider *hosts* the customer's\nweb shop.")
        )
        let check = try sandbox.slagit("check")
        #expect(check.status == 0, "\(check.stdout)")
        #expect(try Self.statuses(sandbox) == ["carried-over", "carried-over"])
        let verify = try sandbox.slagit("verify").stdout
        #expect(verify.contains("counts for r2 by carry-over: only formatting changed"))
    }

    @Test("a change of wording is not formatting")
    func wordingDoesNotCarryOver() throws {
        let sandbox = try Self.scene(
            policy: Self.formattingPolicy,
            next: Self.agreement(policy: Self.formattingPolicy, scope: "The provider hosts the customer's online shop.")
        )
        #expect(try sandbox.slagit("check").status == 1)
        #expect(try Self.statuses(sandbox) == ["superseded", "superseded"])
    }

    @Test("a change to a clause one party owns keeps only the other party's approval")
    func unownedClauses() throws {
        let sandbox = try Self.scene(
            policy: Self.ownersPolicy,
            next: Self.agreement(policy: Self.ownersPolicy, availability: "The service is up nearly all the time."))
        let check = try sandbox.slagit("check")
        #expect(check.status == 1)
        #expect(check.stdout.contains("[missing-approval] party 'provider'"))
        #expect(!check.stdout.contains("party 'customer'"))
        let verify = try sandbox.slagit("verify").stdout
        #expect(verify.contains("the clauses changed (availability) are owned by other parties"))
    }

    @Test("a policy added by the new revision does not carry the old approvals")
    func policyCannotVouchForItself() throws {
        let sandbox = try Self.scene(
            policy: nil,
            next: Self.agreement(policy: Self.formattingPolicy, scope: "The provider *hosts* the customer's web shop."))
        #expect(try sandbox.slagit("check").status == 1)
    }

    @Test("approvals carry clause hashes, and a false one makes the approval malformed")
    func clauseHashes() throws {
        let sandbox = try Sandbox()
        let provider = try sandbox.makeSSHKey(for: "ops@provider.example", name: "provider")
        try sandbox.write("sample.md", Self.agreement(policy: nil))
        try sandbox.slagit("propose", "sample.md", "-m", "first")
        try sandbox.actAs("ops@provider.example", key: provider)
        try #require(try sandbox.slagit("approve", "sample.md").status == 0)
        let tag = try sandbox.git("tag", "-l", "sla/*").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let message = try sandbox.git("tag", "-l", "--format=%(contents)", tag).stdout
        let scopeHash = try sandbox.run(
            "/usr/bin/git", ["hash-object", "--stdin"], input: "Scope\n\(Self.scopeText)"
        ).stdout.prefix(10)
        #expect(message.contains("Clause: scope \(scopeHash)\n"))
        #expect(message.contains("Clause: availability "))
        // The same approval, by hand, with the scope clause's hash altered.
        let forgedMessage = message.components(separatedBy: "-----BEGIN")[0]
            .replacingOccurrences(of: "Clause: scope \(scopeHash)", with: "Clause: scope 0123456789")
        try sandbox.git("tag", "-d", tag)
        try sandbox.git("tag", "-s", tag, "-m", forgedMessage)
        let verify = try sandbox.slagit("verify")
        #expect(verify.stdout.contains("malformed: its Clause trailers do not match the clauses of the bound content"))
    }
}
