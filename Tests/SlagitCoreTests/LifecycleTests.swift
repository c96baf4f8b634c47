import Foundation
import Testing

/// Out-of-date agreements, periodic reviews, what was in force on a date, and the
/// calendar feed. Approvals and reviews are made by hand with `git tag -s` and a set
/// date, so every rule is tested against a fixed `--as-of`.
@Suite("Staleness, reviews, show and calendar")
struct LifecycleTests {
    struct Scene {
        let sandbox: Sandbox
        let provider: String
        let customer: String

        init(_ text: String) throws {
            sandbox = try Sandbox()
            provider = try sandbox.makeSSHKey(for: "ops@provider.example", name: "provider")
            customer = try sandbox.makeSSHKey(for: "cio@customer.example", name: "customer")
            try sandbox.write("sample.md", text)
            let proposed = try propose("first", on: "2025-06-01")
            guard proposed.status == 0 else { throw SandboxError(proposed.stderr) }
        }

        /// Proposes the file as it is, dated `day` (slagit honours GIT_COMMITTER_DATE as git
        /// does), so approvals dated after it are plausible.
        @discardableResult
        func propose(_ message: String, on day: String) throws -> Sandbox.Output {
            try sandbox.slagit(
                ["propose", "sample.md", "-m", message],
                extraEnvironment: ["GIT_COMMITTER_DATE": "\(day)T08:00:00+0000"])
        }

        func approveBoth(revision: Int, on date: String, commit: String = "HEAD", references: [String] = []) throws {
            try sandbox.handApprove(
                "sample-hosting", revision: revision, party: "provider", approver: "ops@provider.example",
                key: provider,
                path: "sample.md", commit: commit, date: date, references: references)
            try sandbox.handApprove(
                "sample-hosting", revision: revision, party: "customer", approver: "cio@customer.example",
                key: customer,
                path: "sample.md", commit: commit, date: date, references: references)
        }

        /// `stale`'s exit status and flags, and the review date `status` reports.
        func stale(_ asOf: String) throws -> (status: Int32, flags: [String], reviewDue: String?) {
            func firstAgreement(_ output: String) throws -> [String: Any]? {
                let document = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
                return (document?["agreements"] as? [[String: Any]])?.first
            }
            let stale = try sandbox.slagit("stale", "--as-of", asOf, "--format", "json")
            let status = try sandbox.slagit("status", "--as-of", asOf, "--format", "json")
            return (
                stale.status, try firstAgreement(stale.stdout)?["flags"] as? [String] ?? [],
                try firstAgreement(status.stdout)?["review_due"] as? String
            )
        }
    }

    @Test(
        "a quarterly review from 30 November falls due on the last day of February",
        arguments: [
            ("2026-11-30T10:00:00+0000", "2027-02-28", "2027-03-01"),
            ("2027-11-30T10:00:00+0000", "2028-02-29", "2028-03-01"),
        ])
    func monthEnd(approvedAt: String, due: String, dayAfter: String) throws {
        let scene = try Scene(SampleAgreement.text(expires: "2029-12-31"))
        try scene.approveBoth(revision: 1, on: approvedAt)
        let onTheDay = try scene.stale(due)
        #expect(onTheDay.reviewDue == due)
        #expect(onTheDay.status == 0, "\(onTheDay.flags)")
        let late = try scene.stale(dayAfter)
        #expect(late.status == 1)
        #expect(late.flags == ["review-overdue"])
    }

    @Test("the approval's own time zone decides its day")
    func timeZoneOfTheSigner() throws {
        let scene = try Scene(SampleAgreement.text(expires: "2029-12-31", review: "P1D"))
        // 23:30 on 31 March in New York is already 1 April in UTC.
        try scene.approveBoth(revision: 1, on: "2026-03-31T23:30:00-0400")
        #expect(try scene.stale("2026-04-01").reviewDue == "2026-04-01")
    }

    @Test("a no-change review restarts the clock; changes-needed does not")
    func reviewRestartsClock() throws {
        let scene = try Scene(SampleAgreement.text(expires: "2029-12-31"))
        try scene.approveBoth(revision: 1, on: "2026-01-15T09:00:00+0000")
        #expect(try scene.stale("2026-04-16").flags == ["review-overdue"])
        try scene.sandbox.handReview(
            "sample-hosting", revision: 1, reviewer: "cio@customer.example", key: scene.customer, path: "sample.md",
            date: "2026-04-10", outcome: "changes-needed")
        #expect(try scene.stale("2026-04-16").reviewDue == "2026-04-15")
        try scene.sandbox.handReview(
            "sample-hosting", revision: 1, reviewer: "ops@provider.example", key: scene.provider, path: "sample.md",
            date: "2026-04-12")
        let after = try scene.stale("2026-04-16")
        #expect(after.reviewDue == "2026-07-12")
        #expect(after.status == 0)
        let log = try scene.sandbox.slagit("log", "sample.md")
        #expect(log.stdout.contains("reviewed 2026-04-12 by ops@provider.example: no-change"))
    }

    @Test("a record dated before its revision, or a review dated unlike its signature, is malformed")
    func datesMustAgree() throws {
        let scene = try Scene(SampleAgreement.text(expires: "2029-12-31"))
        try scene.sandbox.handApprove(
            "sample-hosting", revision: 1, party: "provider", approver: "ops@provider.example", key: scene.provider,
            path: "sample.md", date: "2025-01-01T09:00:00+0000")
        try scene.sandbox.handReview(
            "sample-hosting", revision: 1, reviewer: "cio@customer.example", key: scene.customer, path: "sample.md",
            date: "2026-03-01")
        // The same review again, but claiming a later day than it was signed on.
        try scene.sandbox.actAs("cio@customer.example", key: scene.customer)
        let tag = try scene.sandbox.git("tag", "-l", "sla-review/*").stdout.trimmingCharacters(
            in: .whitespacesAndNewlines)
        let message = try scene.sandbox.git("tag", "-l", "--format=%(contents)", tag).stdout
            .components(separatedBy: "-----BEGIN")[0].replacingOccurrences(
                of: "Reviewed-On: 2026-03-01", with: "Reviewed-On: 2027-09-01")
        let later = tag.replacingOccurrences(of: "2026-03-01", with: "2027-09-01")
        try scene.sandbox.run(
            "/usr/bin/git", ["tag", "-s", later, "-m", message],
            extraEnvironment: ["GIT_COMMITTER_DATE": "2026-03-01T12:00:00+0000"])
        let verify = try scene.sandbox.slagit("verify")
        #expect(verify.status == 1)
        #expect(
            verify.stdout.contains(
                "malformed: signed on 2025-01-01, before the revision it names was committed (2025-06-01)"))
        #expect(verify.stdout.contains("malformed: says it was reviewed on 2027-09-01 but was signed on 2026-03-01"))
    }

    @Test("slagit review writes a signed record that git verifies")
    func reviewCommand() throws {
        let scene = try Scene(SampleAgreement.text(expires: "2029-12-31"))
        try scene.sandbox.actAs("cio@customer.example", key: scene.customer)
        let result = try scene.sandbox.slagit("review", "sample.md", "-m", "Quarterly audit.\n\nAll targets met.")
        #expect(result.status == 0, "\(result.stderr)")
        let tag = try scene.sandbox.git("tag", "-l", "sla-review/*").stdout.trimmingCharacters(
            in: .whitespacesAndNewlines)
        #expect(tag.hasPrefix("sla-review/sample-hosting/"))
        #expect(try scene.sandbox.git("tag", "-v", tag, expectSuccess: false).status == 0)
        let json = try scene.sandbox.slagit("log", "sample.md", "--format", "json").stdout
        #expect(json.contains("\"minutes\": \"Quarterly audit.\\n\\nAll targets met.\""))
        #expect(json.contains("\"outcome\": \"no-change\""))
        let stranger = try scene.sandbox.slagit("review", "sample.md", "-m", "x", "--as", "someone@else.example")
        #expect(stranger.status == 2)
        #expect(stranger.stderr.contains("someone@else.example is not an approver of any party"))
    }

    @Test("a changed or missing referenced document is flagged")
    func references() throws {
        let scene = try Scene(SampleAgreement.text(expires: "2029-12-31", references: ["policy.md", "gone.md"]))
        for name in ["policy.md", "gone.md"] { try scene.sandbox.write(name, "# \(name)\n") }
        try scene.sandbox.git("add", "policy.md", "gone.md")
        try scene.sandbox.git("commit", "-q", "-m", "policies")
        // The approvals sit on the revision commit, which is one before the policies'.
        try scene.approveBoth(
            revision: 1, on: "2026-05-01T09:00:00+0000", commit: "HEAD~1", references: ["policy.md", "gone.md"])
        #expect(try scene.stale("2026-05-02").status == 0)
        try scene.sandbox.write("policy.md", "# policy\n\nNew duty.\n")
        try scene.sandbox.git("rm", "-q", "gone.md")
        try scene.sandbox.git("commit", "-q", "-am", "change a policy, drop another")
        let flags = try scene.stale("2026-05-02").flags
        #expect(flags == ["reference-changed", "reference-missing"])
    }

    @Test("an agreement both expired and changed since approval carries both flags")
    func expiredAndChanged() throws {
        let scene = try Scene(SampleAgreement.text(expires: "2026-03-31"))
        try scene.approveBoth(revision: 1, on: "2026-01-10T09:00:00+0000")
        try scene.sandbox.write("sample.md", SampleAgreement.text(availability: ">= 99%", expires: "2026-03-31"))
        try scene.propose("second", on: "2026-02-01")
        let result = try scene.stale("2026-04-01")
        #expect(result.flags == ["changed-since-approval", "expired"])
        let text = try scene.sandbox.slagit("stale", "--as-of", "2026-04-01").stdout
        #expect(text.contains("  expired: expired on 2026-03-31\n    → propose a revision with a new 'expires:' date"))
    }

    @Test("expiring within the warning window, and not yet effective")
    func expiringAndNotYetEffective() throws {
        let scene = try Scene(SampleAgreement.text(expires: "2026-12-31", effective: "2026-02-01"))
        try scene.approveBoth(revision: 1, on: "2026-01-20T09:00:00+0000")
        #expect(try scene.stale("2026-01-25").flags == ["not-yet-effective"])
        #expect(try scene.stale("2026-12-10").flags.contains("expiring"))
        let narrow = try scene.sandbox.slagit("stale", "--as-of", "2026-12-10", "--warn-days", "10", "--format", "json")
        #expect(!narrow.stdout.contains("\"expiring\""))
        let check = try scene.sandbox.slagit("check", "--as-of", "2026-12-10")
        #expect(check.status == 0)
        #expect(check.stdout.contains("warning: [expiring] expires on 2026-12-31, in 21 day(s)"))
        #expect(try scene.sandbox.slagit("check", "--as-of", "2026-12-10", "--strict").status == 1)
    }

    @Test("show gives the text in force on a date")
    func show() throws {
        let scene = try Scene(SampleAgreement.text(expires: "2029-12-31"))
        try scene.approveBoth(revision: 1, on: "2026-02-01T09:00:00+0000")
        let second = SampleAgreement.text(availability: ">= 99.5%", expires: "2029-12-31")
        try scene.sandbox.write("sample.md", second)
        try scene.propose("second", on: "2026-05-01")
        try scene.approveBoth(revision: 2, on: "2026-06-01T09:00:00+0000")
        let before = try scene.sandbox.slagit("show", "sample.md", "--as-of", "2026-01-15")
        #expect(before.status == 1)
        let march = try scene.sandbox.slagit("show", "sample.md", "--as-of", "2026-03-01")
        #expect(march.stdout == SampleAgreement.text(expires: "2029-12-31"))
        #expect(march.stderr.contains("sample-hosting r1 was in force on 2026-03-01, approved by 2026-02-01"))
        let july = try scene.sandbox.slagit("show", "sample.md", "--as-of", "2026-07-01", "--format", "json")
        #expect(july.stdout.contains("\"revision\": 2"))
        #expect(july.stdout.contains("\"in_force_since\": \"2026-06-01\""))
        // After it expires, nothing is in force, not even an older revision.
        #expect(try scene.sandbox.slagit("show", "sample.md", "--as-of", "2030-01-01").status == 1)
    }

    @Test("the calendar is valid iCalendar with one event per due date")
    func calendar() throws {
        let scene = try Scene(SampleAgreement.text(expires: "2027-06-30", notice: "P90D"))
        try scene.approveBoth(revision: 1, on: "2026-11-30T09:00:00+0000")
        let feed = try scene.sandbox.slagit("calendar", "--as-of", "2026-12-04")
        #expect(feed.status == 0)
        let icsPath = scene.sandbox.root.appendingPathComponent("agreements.ics")
        try Data(feed.stdout.utf8).write(to: icsPath)
        let script = """
            import sys, icalendar
            calendar = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
            for event in calendar.walk('VEVENT'):
                print(event.decoded('DTSTART').isoformat(), event.get('SUMMARY'))
            """
        let parsed = try scene.sandbox.run("/usr/bin/python3", ["-c", script, icsPath.path])
        #expect(parsed.status == 0, "\(parsed.stderr)")
        #expect(
            parsed.stdout.split(separator: "\n") == [
                "2027-02-28 Review due: Sample Hosting Agreement (sample-hosting)",
                "2027-04-01 Notice deadline: Sample Hosting Agreement (sample-hosting)",
                "2027-06-30 Expires: Sample Hosting Agreement (sample-hosting)",
            ])
        #expect(feed.stdout.contains("\r\nEND:VCALENDAR\r\n"))
    }
}
