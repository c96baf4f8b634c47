import Foundation
import Testing

@Suite("slagit propose")
struct ProposeTests {
    @Test("commits only the agreement, with trailers, and leaves other changes alone")
    func commitsOnlyTheAgreement() throws {
        let sandbox = try Sandbox()
        try sandbox.write("notes.txt", "first\n")
        try sandbox.git("add", "notes.txt")
        try sandbox.git("commit", "-q", "-m", "notes")
        // A staged change, an unstaged change on top of it, and an untracked file.
        try sandbox.write("notes.txt", "staged\n")
        try sandbox.git("add", "notes.txt")
        try sandbox.write("notes.txt", "staged\nand unstaged\n")
        try sandbox.write("scratch.txt", "untracked\n")
        try sandbox.write("agreements/sample.md", SampleAgreement.text())

        let proposed = try sandbox.slagit("propose", "agreements/sample.md", "-m", "First draft")
        #expect(proposed.status == 0, "\(proposed.stderr)")
        #expect(proposed.stdout.contains("Proposed sample-hosting r1"))

        let files = try sandbox.git("show", "--name-only", "--format=", "HEAD").stdout
        #expect(files == "agreements/sample.md\n")
        let message = try sandbox.git("log", "-1", "--format=%B").stdout
        #expect(
            message == "First draft\n\nAgreement: sample-hosting\nRevision: 1\nAgreement-Path: agreements/sample.md\n\n"
        )
        let trailers = try sandbox.git("log", "-1", "--format=%(trailers:key=Revision,valueonly)").stdout
        #expect(trailers.trimmingCharacters(in: .whitespacesAndNewlines) == "1")

        #expect(try sandbox.git("diff", "--cached", "--", "notes.txt").stdout.contains("+staged"))
        #expect(try sandbox.read("notes.txt") == "staged\nand unstaged\n")
        let status = try sandbox.git("status", "--porcelain").stdout
        #expect(status.split(separator: "\n").sorted() == ["?? scratch.txt", "MM notes.txt"])
        #expect(try sandbox.git("fsck", "--strict").status == 0)
    }

    @Test("numbers revisions per agreement")
    func numbersRevisionsPerAgreement() throws {
        let sandbox = try Sandbox()
        try sandbox.write("a.md", SampleAgreement.text(id: "alpha"))
        try sandbox.write("b.md", SampleAgreement.text(id: "beta"))
        #expect(try sandbox.slagit("propose", "a.md", "-m", "alpha 1").status == 0)
        #expect(try sandbox.slagit("propose", "b.md", "-m", "beta 1").status == 0)
        try sandbox.write("a.md", SampleAgreement.text(id: "alpha", availability: ">= 99.5%"))
        let second = try sandbox.slagit("propose", "a.md", "-m", "alpha 2")
        #expect(second.stdout.contains("Proposed alpha r2"))
        let revisions = try sandbox.git(
            "log", "--format=%(trailers:key=Agreement,key=Revision,valueonly,separator=%x20)"
        ).stdout
        #expect(revisions.split(separator: "\n") == ["alpha 2", "beta 1", "alpha 1"])
        #expect(try sandbox.git("fsck", "--strict").status == 0)
    }

    @Test("refuses an unchanged agreement with exit status 2")
    func refusesUnchanged() throws {
        let sandbox = try Sandbox()
        try sandbox.write("a.md", SampleAgreement.text())
        try sandbox.slagit("propose", "a.md", "-m", "one")
        let again = try sandbox.slagit("propose", "a.md", "-m", "again")
        #expect(again.status == 2)
        #expect(again.stderr.contains("a.md: error: unchanged since revision 1"))
        #expect(try sandbox.git("rev-list", "--count", "HEAD").stdout == "1\n")
    }

    @Test("refuses an invalid agreement, naming file, line and column, and commits nothing")
    func refusesInvalid() throws {
        let sandbox = try Sandbox()
        try sandbox.write("a.md", SampleAgreement.text(kind: "servise"))
        let result = try sandbox.slagit("propose", "a.md", "-m", "bad")
        #expect(result.status == 2)
        #expect(result.stderr.contains("a.md:4:7: error: unknown kind 'servise'"))
        #expect(result.stderr.contains("hint: use one of: service, customer, multi-level"))
        #expect(try sandbox.git("rev-parse", "--verify", "-q", "HEAD", expectSuccess: false).status != 0)
    }
}
