import Foundation
import Testing

@Suite("The command line")
struct CommandLineTests {
    /// Two proposed revisions of the sample agreement and an edit on disk.
    private static func twoRevisions() throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.write("sample.md", SampleAgreement.text())
        try #require(try sandbox.slagit("propose", "sample.md", "-m", "first").status == 0)
        try sandbox.write("sample.md", SampleAgreement.text(availability: ">= 99.5%", extraClause: "Disaster Recovery"))
        try #require(try sandbox.slagit("propose", "sample.md", "-m", "second").status == 0)
        try sandbox.write(
            "sample.md", SampleAgreement.text(availability: ">= 99.99%", extraClause: "Disaster Recovery"))
        return sandbox
    }

    @Test("diff refuses an object whose content no longer matches its id")
    func diffTamperedObject() throws {
        let sandbox = try Self.twoRevisions()
        let blob = try sandbox.git("rev-parse", "HEAD:sample.md").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        // Rewrite the loose object in place: same id, different text (a stronger availability).
        let script = """
            import sys, zlib
            path = ".git/objects/" + sys.argv[1][:2] + "/" + sys.argv[1][2:]
            text = zlib.decompress(open(path, "rb").read()).split(b"\\0", 1)[1].replace(b"99.5%", b"99.99%")
            import os; os.chmod(path, 0o644)
            open(path, "wb").write(zlib.compress(b"blob %d\\0" % len(text) + text))
            """
        try #require(try sandbox.run("/usr/bin/python3", ["-c", script, blob]).status == 0)
        let diff = try sandbox.slagit("diff", "HEAD~1", "HEAD", "sample.md")
        #expect(diff.status == 2)
        #expect(diff.stderr.contains("hash mismatch"), "\(diff.stderr)")
        #expect(diff.stderr.contains("hint: the repository's object store is damaged or was altered: run git fsck"))
        #expect(!diff.stdout.contains("99.99%"))
    }

    @Test("diff names revisions as rN, git revisions or the working tree")
    func diffRevisions() throws {
        let sandbox = try Self.twoRevisions()
        let byNumber = try sandbox.slagit("diff", "r1", "r2", "sample.md")
        #expect(byNumber.status == 0)
        #expect(byNumber.stdout.hasPrefix("sample.md: r1 → r2\n"))
        #expect(byNumber.stdout.contains("availability: >= 99.9% → >= 99.5%  weakened (favours the provider)"))
        #expect(byNumber.stdout.contains("  added       3. Disaster Recovery [line 29]"))
        let byGit = try sandbox.slagit("diff", "HEAD~1", "HEAD", "sample.md", "--format", "json")
        #expect(byGit.stdout.contains("\"from\": \"HEAD~1\""))
        #expect(byGit.stdout.contains("\"direction\": \"weakened\""))
        let againstDisk = try sandbox.slagit("diff", "sample.md", "--exit-code")
        #expect(againstDisk.status == 1)
        #expect(againstDisk.stdout.hasPrefix("sample.md: r2 → worktree\n"))
        #expect(againstDisk.stdout.contains(">= 99.5% → >= 99.99%  strengthened (favours the customer)"))
        let unknown = try sandbox.slagit("diff", "r7", "sample.md")
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("agreement sample-hosting has no revision 7\n  hint: its revisions are r1, r2"))
    }

    @Test("the HTML redline is one self-contained page with insertions, deletions and service levels")
    func htmlRedline() throws {
        let sandbox = try Self.twoRevisions()
        let page = try sandbox.slagit("diff", "r1", "r2", "sample.md", "--format", "html")
        #expect(page.status == 0)
        let html = page.stdout
        #expect(html.hasPrefix("<!doctype html>"))
        #expect(
            html.contains(
                "<tr class=\"weakened\"><td><code>availability</code></td><td>&gt;= 99.9%</td><td>&gt;= 99.5%</td>"))
        #expect(html.contains("<span class=\"badge added\">added</span> <ins>3. Disaster Recovery</ins>"))
        #expect(html.contains("<ins>This clause was added later.</ins>"))
        // Nothing is fetched: no external resources of any kind.
        for fetch in ["src=", "href=", "@import", "url(", "<script", "<link"] {
            #expect(!html.contains(fetch), "the page refers to an outside resource: \(fetch)")
        }
    }

    @Test("diff compares the index, and counts with --stat")
    func indexAndStat() throws {
        let sandbox = try Self.twoRevisions()
        try sandbox.git("add", "sample.md")
        try sandbox.write("sample.md", SampleAgreement.text(availability: ">= 90%", extraClause: "Disaster Recovery"))
        let staged = try sandbox.slagit("diff", "r2", "index", "sample.md", "--stat")
        #expect(staged.stdout == "sample.md: r2 → index: no clause changes; 1 service level(s) strengthened\n")
        let unstaged = try sandbox.slagit("diff", "index", "worktree", "sample.md", "--stat")
        #expect(unstaged.stdout == "sample.md: index → worktree: no clause changes; 1 service level(s) weakened\n")
    }

    @Test("init --diff-driver makes plain git diff show clause changes")
    func gitDiffDriver() throws {
        let sandbox = try Self.twoRevisions()
        let registered = try sandbox.slagit("init", "--diff-driver")
        #expect(registered.status == 0)
        #expect(try sandbox.read(".gitattributes") == "*.md diff=slagit\n")
        let diff = try sandbox.git("diff", "HEAD~1", "HEAD", "--", "sample.md")
        #expect(diff.stdout.contains("availability: >= 99.9% → >= 99.5%  weakened (favours the provider)"))
        #expect(diff.stdout.contains("  added       3. Disaster Recovery"))
        // Registering twice adds nothing.
        try sandbox.slagit("init", "--diff-driver")
        #expect(try sandbox.read(".gitattributes") == "*.md diff=slagit\n")
    }

    @Test("diff works on any Markdown file, with or without front matter")
    func diffPlainMarkdown() throws {
        let sandbox = try Sandbox()
        try sandbox.write("terms.md", "# Terms\n\nYou may use the site.\n\n# Privacy\n\nWe keep logs.\n")
        try sandbox.git("add", "terms.md")
        try sandbox.git("commit", "-q", "-m", "terms")
        try sandbox.write("terms.md", "# Terms\n\nYou may use the site.\n\n# Privacy\n\nWe keep logs for 30 days.\n")
        let result = try sandbox.slagit("diff", "terms.md")
        #expect(result.status == 0)
        #expect(
            result.stdout
                == "terms.md: HEAD → worktree\n\nClauses\n  modified    Privacy [line 5 → 5]\n      We keep logs {+for 30 days+}.\n"
        )
    }

    @Test("status and log report revisions and approvals as JSON")
    func statusAndLogJSON() throws {
        let sandbox = try Self.twoRevisions()
        let status = try sandbox.slagit("status", "--format", "json", "--as-of", "2026-06-01")
        #expect(status.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        #expect(document["as_of"] as? String == "2026-06-01")
        let agreement = try #require((document["agreements"] as? [[String: Any]])?.first)
        #expect(agreement["id"] as? String == "sample-hosting")
        #expect(agreement["revision"] as? Int == 2)
        #expect(agreement["approved"] as? Bool == false)
        #expect(agreement["flags"] as? [String] == ["missing-approval", "never-approved"])
        let log = try sandbox.slagit("log", "sample.md", "--format", "json")
        let revisions = try #require(
            (try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [String: Any])?["revisions"]
                as? [[String: Any]])
        #expect(revisions.map { $0["revision"] as? Int } == [2, 1])
        #expect(revisions.map { $0["summary"] as? String } == ["second", "first"])
    }

    @Test("an expired agreement fails the check on the date given")
    func expiry() throws {
        let sandbox = try Sandbox()
        try sandbox.write("sample.md", SampleAgreement.text(expires: "2026-03-31"))
        try sandbox.slagit("propose", "sample.md", "-m", "first")
        let before = try sandbox.slagit("check", "--as-of", "2026-03-31", "--format", "json")
        #expect(!before.stdout.contains("\"rule\": \"expired\""))
        let after = try sandbox.slagit("check", "--as-of", "2026-04-01", "--format", "github")
        #expect(after.status == 1)
        #expect(after.stdout.contains("::error file=sample.md,line=1,title=slagit expired::expired on 2026-03-31"))
    }

    @Test("usage errors suggest the fix and exit 2; help exits 0")
    func usage() throws {
        let sandbox = try Sandbox()
        let typo = try sandbox.slagit("stauts")
        #expect(typo.status == 2)
        #expect(typo.stderr == "error: unknown command 'stauts'\n  hint: did you mean 'slagit status'?\n")
        let option = try sandbox.slagit("status", "--formt", "json")
        #expect(option.status == 2)
        #expect(option.stderr.contains("hint: did you mean --format?"))
        let missing = try sandbox.slagit("propose", "a.md", "-m")
        #expect(missing.stderr.contains("-m (--message) needs a value"))
        let help = try sandbox.slagit("approve", "--help")
        #expect(help.status == 0)
        #expect(help.stdout.hasPrefix("usage: slagit approve PATH [--party PARTY] [--as EMAIL]"))
        let outside = try sandbox.run(Sandbox.slagitExecutable, ["status"], in: sandbox.home)
        #expect(outside.status == 2)
        #expect(outside.stderr.contains("not a git repository"))
    }

    @Test("colour only on a terminal, never with NO_COLOR")
    func noColourWhenPiped() throws {
        let sandbox = try Self.twoRevisions()
        let piped = try sandbox.slagit("diff", "r1", "r2", "sample.md")
        #expect(!piped.stdout.contains("\u{1B}["))
        let terminal = try sandbox.run(
            "/usr/bin/script", ["-qec", "\(Sandbox.slagitExecutable) diff r1 r2 sample.md", "/dev/null"])
        #expect(terminal.stdout.contains("\u{1B}["))
        let noColour = try sandbox.run(
            "/usr/bin/script", ["-qec", "\(Sandbox.slagitExecutable) diff r1 r2 sample.md", "/dev/null"],
            extraEnvironment: ["NO_COLOR": "1"])
        #expect(!noColour.stdout.contains("\u{1B}["))
    }
}
