import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The pre-merge gate: its formats, the CI situations it must not be fooled by, and the
/// git hooks that run it.
@Suite("slagit check in CI and hooks")
struct CheckTests {
    /// An agreement at r2, approved at r1 by both parties and at r2 by the provider only,
    /// with the approvers' keys committed in .slagit/allowed_signers.
    private static func halfApprovedScene() throws -> Sandbox {
        let sandbox = try Sandbox()
        let (provider, customer) = try sandbox.commitApproverKeys()
        try sandbox.write("sample.md", SampleAgreement.text())
        try sandbox.slagit("propose", "sample.md", "-m", "first")
        for (email, key) in [("ops@provider.example", provider), ("cio@customer.example", customer)] {
            try sandbox.actAs(email, key: key)
            try #require(try sandbox.slagit("approve", "sample.md").status == 0)
        }
        try sandbox.git("branch", "base")
        try sandbox.write("sample.md", SampleAgreement.text(availability: ">= 99.5%", extraClause: "Disaster Recovery"))
        try sandbox.slagit("propose", "sample.md", "-m", "second")
        try sandbox.actAs("ops@provider.example", key: provider)
        try #require(try sandbox.slagit("approve", "sample.md").status == 0)
        return sandbox
    }

    static let formats = ["text", "json", "github", "junit", "markdown"]

    @Test("each format matches its golden file, with file and line", arguments: formats)
    func formatsMatchGolden(format: String) throws {
        let sandbox = try Self.halfApprovedScene()
        let result = try sandbox.slagit("check", "--base", "base", "--as-of", "2026-06-01", "--format", format)
        #expect(result.status == 1)
        let url = Sandbox.packageRoot.appendingPathComponent("fixtures/golden/check/half-approved.\(format)")
        if ProcessInfo.processInfo.environment["SLAGIT_RECORD_GOLDEN"] == "1" {
            try Data(result.stdout.utf8).write(to: url)
        }
        #expect(result.stdout == (try String(contentsOf: url, encoding: .utf8)))
    }

    @Test("the JUnit report is well-formed XML with one failing case")
    func junitParses() throws {
        let sandbox = try Self.halfApprovedScene()
        let result = try sandbox.slagit("check", "--as-of", "2026-06-01", "--format", "junit")
        let document = try XMLDocument(data: Data(result.stdout.utf8))
        let failures = try document.nodes(forXPath: "//testcase[failure]")
        #expect(failures.count == 1)
        #expect((failures.first as? XMLElement)?.attribute(forName: "name")?.stringValue == "missing-approval")
    }

    @Test("a shallow clone without tags is an environment problem, not a failed check")
    func shallowWithoutTags() throws {
        let sandbox = try Self.halfApprovedScene()
        let clone = sandbox.root.appendingPathComponent("shallow")
        try sandbox.run(
            "/usr/bin/git", ["clone", "-q", "--depth", "1", "--no-tags", "file://\(sandbox.repo.path)", clone.path])
        let result = try sandbox.run(Sandbox.slagitExecutable, ["check", "--as-of", "2026-06-01"], in: clone)
        #expect(result.status == 2)
        #expect(
            result.stderr.contains(
                "error: this is a shallow clone without approval tags, so approvals cannot be checked"))
        #expect(result.stderr.contains("fetch-depth: 0"))
    }

    @Test("a base with no common history is an environment problem")
    func noMergeBase() throws {
        let sandbox = try Self.halfApprovedScene()
        try sandbox.git("checkout", "-q", "--orphan", "unrelated")
        try sandbox.git("commit", "-q", "-m", "unrelated", "--allow-empty")
        let result = try sandbox.slagit("check", "--base", "unrelated", "--head", "main")
        #expect(result.status == 2)
        #expect(result.stderr.contains("share no history"))
        let missing = try sandbox.slagit("check", "--base", "origin/main")
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("--base 'origin/main' is not a commit in this clone"))
        #expect(missing.stderr.contains("hint: fetch it first, as in git fetch origin main"))
    }

    @Test("a detached HEAD is checked like a branch")
    func detachedHead() throws {
        let sandbox = try Self.halfApprovedScene()
        try sandbox.git("checkout", "-q", "--detach", "base")
        let result = try sandbox.slagit("check", "--as-of", "2026-06-01")
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test("a missing signing program is an environment problem with the fix")
    func missingProgram() throws {
        let sandbox = try Self.halfApprovedScene()
        try sandbox.git("config", "gpg.ssh.program", "/nonexistent/ssh-keygen")
        let result = try sandbox.slagit("check", "--as-of", "2026-06-01")
        #expect(result.status == 2)
        #expect(result.stderr.contains("error: /nonexistent/ssh-keygen not found: it is needed for ssh signatures"))
        #expect(
            result.stderr.contains(
                "hint: install openssh-client (apt-get install openssh-client) or set gpg.ssh.program"))
    }

    @Test(
        "a repository owned by another user is refused with the safe.directory fix",
        .enabled(if: getuid() == 0, "only root can hand a folder to another user"))
    func otherOwner() throws {
        let sandbox = try Self.halfApprovedScene()
        let chown = try sandbox.run("/bin/chown", ["-R", "65534:65534", sandbox.repo.path])
        try #require(chown.status == 0)
        let result = try sandbox.slagit("check")
        #expect(result.status == 2)
        #expect(result.stderr.contains("is owned by another user"))
        #expect(result.stderr.contains("safe.directory"))
        try sandbox.run("/bin/chown", ["-R", "0:0", sandbox.repo.path])
    }

    @Test("a pre-receive hook refuses an unapproved agreement and accepts it once approvals are pushed")
    func preReceive() throws {
        let sandbox = try Sandbox()
        let (provider, customer) = try sandbox.commitApproverKeys()
        let server = sandbox.root.appendingPathComponent("server.git")
        try sandbox.run("/usr/bin/git", ["init", "-q", "--bare", "-b", "main", server.path])
        let installed = try sandbox.run(
            Sandbox.slagitExecutable, ["check", "--install-hook", "pre-receive"], in: server)
        #expect(installed.status == 0, "\(installed.stderr)")
        try sandbox.git("remote", "add", "origin", server.path)
        try sandbox.git("push", "-q", "origin", "main")

        try sandbox.write("sample.md", SampleAgreement.text())
        try sandbox.slagit("propose", "sample.md", "-m", "first")
        let refused = try sandbox.git("push", "origin", "main", expectSuccess: false)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("remote: slagit: refusing refs/heads/main"))
        #expect(refused.stderr.contains("[missing-approval] party 'provider'"))

        for (email, key) in [("ops@provider.example", provider), ("cio@customer.example", customer)] {
            try sandbox.actAs(email, key: key)
            try #require(try sandbox.slagit("approve", "sample.md").status == 0)
        }
        // Only the provider's approval first: still refused.
        let providerTag = try sandbox.git("tag", "-l", "sla/*/provider/*").stdout.trimmingCharacters(
            in: .whitespacesAndNewlines)
        try sandbox.git("push", "-q", "origin", "refs/tags/\(providerTag)")
        #expect(try sandbox.git("push", "origin", "main", expectSuccess: false).status != 0)
        // The rest of the approvals in the same push as the branch: accepted.
        let accepted = try sandbox.git("push", "origin", "main", "refs/tags/sla/*", expectSuccess: false)
        #expect(accepted.status == 0, "\(accepted.stderr)")
        let serverHead = try sandbox.run("/usr/bin/git", ["rev-parse", "main"], in: server).stdout
        #expect(serverHead == (try sandbox.git("rev-parse", "main").stdout))
    }

    @Test("pre-push and pre-merge-commit hooks refuse unapproved agreements on main only")
    func developerHooks() throws {
        let sandbox = try Self.halfApprovedScene()
        for hook in ["pre-push", "pre-merge-commit"] {
            #expect(try sandbox.slagit("check", "--install-hook", hook).status == 0)
        }
        let remote = sandbox.root.appendingPathComponent("remote.git")
        try sandbox.run("/usr/bin/git", ["init", "-q", "--bare", remote.path])
        try sandbox.git("remote", "add", "origin", remote.path)
        // A feature branch may carry an unapproved revision; main may not.
        try sandbox.git("push", "-q", "origin", "main:refs/heads/feature")
        let push = try sandbox.git("push", "origin", "main", expectSuccess: false)
        #expect(push.status != 0)
        #expect(push.stderr.contains("slagit: refusing refs/heads/main"))

        try sandbox.git("checkout", "-q", "-b", "release", "base")
        try sandbox.git("config", "slagit.protectedBranches", "release")
        let merge = try sandbox.git("merge", "--no-ff", "-q", "-m", "merge", "main", expectSuccess: false)
        #expect(merge.status != 0)
        #expect(merge.stderr.contains("slagit: refusing refs/heads/release"))
        #expect(try sandbox.git("rev-parse", "HEAD").stdout == (try sandbox.git("rev-parse", "base").stdout))
    }

    @Test("a junk tag for the revision in force is reported but cannot block an approved change")
    func junkTagDoesNotBlock() throws {
        let sandbox = try Self.halfApprovedScene()
        try sandbox.actAs("cio@customer.example", key: sandbox.home.appendingPathComponent("key-customer.pub").path)
        try #require(try sandbox.slagit("approve", "sample.md").status == 0)
        try sandbox.git("tag", "-a", "-m", "junk", "sla/sample-hosting/r2/provider/x@y.example/0000000000")
        let check = try sandbox.slagit("check", "--as-of", "2026-06-01")
        #expect(check.status == 0, "\(check.stdout)")
        #expect(
            check.stdout.contains(
                "warning: [invalid-approval] approval tag sla/sample-hosting/r2/provider/x@y.example/0000000000 does not count (unsigned)"
            ))
        #expect(try sandbox.slagit("verify").status == 1)
    }

    @Test("changing a referenced document touches the agreement; removing an agreement fails")
    func referencesAndRemovals() throws {
        let sandbox = try Sandbox()
        let key = try sandbox.makeSSHKey(for: "ops@provider.example", name: "provider")
        let customer = try sandbox.makeSSHKey(for: "cio@customer.example", name: "customer")
        try sandbox.write("policy.md", "# Policy\n")
        try sandbox.write("sample.md", SampleAgreement.text(references: ["policy.md"]))
        try sandbox.git("add", "policy.md")
        try sandbox.git("commit", "-q", "-m", "policy")
        try sandbox.slagit("propose", "sample.md", "-m", "first")
        for (email, signingKey) in [("ops@provider.example", key), ("cio@customer.example", customer)] {
            try sandbox.actAs(email, key: signingKey)
            try #require(try sandbox.slagit("approve", "sample.md").status == 0)
        }
        try sandbox.git("branch", "approved")
        try sandbox.write("policy.md", "# Policy\n\nNew duties.\n")
        try sandbox.git("commit", "-q", "-am", "policy v2")
        let changed = try sandbox.slagit("check", "--base", "approved", "--as-of", "2026-06-01")
        #expect(changed.status == 1)
        #expect(changed.stdout.contains("[missing-approval]"))

        try sandbox.git("reset", "-q", "--hard", "approved")
        try sandbox.git("rm", "-q", "sample.md")
        try sandbox.git("commit", "-q", "-m", "retire")
        let removed = try sandbox.slagit("check", "--base", "approved", "--as-of", "2026-06-01")
        #expect(removed.status == 1)
        #expect(
            removed.stdout.contains(
                "sample.md:1:1: error: [removed-agreement] this change deletes the agreement at sample.md"))
        #expect(
            try sandbox.slagit("check", "--base", "approved", "--allow-removal", "--as-of", "2026-06-01").status == 0)

        try sandbox.git("reset", "-q", "--hard", "approved")
        let plain = SampleAgreement.text(references: ["policy.md"]).replacingOccurrences(
            of: "agreement: sample-hosting\n", with: "")
        try sandbox.write("sample.md", plain)
        try sandbox.git("commit", "-q", "-am", "no longer an agreement")
        let dropped = try sandbox.slagit("check", "--base", "approved", "--as-of", "2026-06-01")
        #expect(dropped.stdout.contains("[removed-agreement] this change removes the 'agreement:' key"))
    }

    @Test("a push that creates a protected branch cannot vouch for itself with its own keys")
    func newBranchOnServer() throws {
        let sandbox = try Self.halfApprovedScene()
        let customer = sandbox.home.appendingPathComponent("key-customer.pub").path
        try sandbox.actAs("cio@customer.example", key: customer)
        try #require(try sandbox.slagit("approve", "sample.md").status == 0)
        let server = sandbox.root.appendingPathComponent("server.git")
        try sandbox.run("/usr/bin/git", ["init", "-q", "--bare", "-b", "main", server.path])
        try sandbox.run(Sandbox.slagitExecutable, ["check", "--install-hook", "pre-receive"], in: server)
        try sandbox.git("remote", "add", "origin", server.path)
        // Only the keys first: the server's main then holds the trusted list.
        let keysOnly = try sandbox.git("rev-parse", "base~1").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try sandbox.git("push", "-q", "origin", "\(keysOnly):refs/heads/main")
        // An intruder maps the provider's address to their own key on a new branch.
        let intruder = try sandbox.makeSSHKey(for: "ops@provider.example", name: "intruder", allowed: false)
        try sandbox.git("checkout", "-q", "-b", "evil")
        try sandbox.write(
            ".slagit/allowed_signers",
            "ops@provider.example \(try String(contentsOfFile: intruder, encoding: .utf8))"
                + "cio@customer.example \(try String(contentsOfFile: customer, encoding: .utf8))")
        try sandbox.git("commit", "-q", "-am", "rotate keys")
        try sandbox.write("sample.md", SampleAgreement.text(availability: ">= 90%"))
        try sandbox.slagit("propose", "sample.md", "-m", "evil")
        for (email, key) in [("ops@provider.example", intruder), ("cio@customer.example", customer)] {
            try sandbox.actAs(email, key: key)
            try #require(try sandbox.slagit("approve", "sample.md").status == 0)
        }
        let pushed = try sandbox.git(
            "push", "origin", "evil:refs/heads/master", "refs/tags/sla/*", expectSuccess: false)
        #expect(pushed.status != 0)
        #expect(pushed.stderr.contains("slagit: refusing refs/heads/master"))
    }

    @Test("install-hook never replaces a hook slagit did not write")
    func keepsForeignHook() throws {
        let sandbox = try Sandbox()
        let hook = sandbox.repo.appendingPathComponent(".git/hooks/pre-push")
        try Data("#!/bin/sh\nexit 0\n".utf8).write(to: hook)
        let result = try sandbox.slagit("check", "--install-hook", "pre-push")
        #expect(result.status == 2)
        #expect(result.stderr.contains("a pre-push hook is already installed, and slagit did not write it"))
        #expect(try String(contentsOf: hook, encoding: .utf8) == "#!/bin/sh\nexit 0\n")
    }
}
