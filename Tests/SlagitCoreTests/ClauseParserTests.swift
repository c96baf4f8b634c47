import Testing

@testable import SlagitCore

@Suite("Clauses from Markdown")
struct ClauseParserTests {
    /// `id number "title" lines` for each clause: the parser's debug view and its oracle.
    static func dump(_ markdown: String) -> [String] {
        ClauseParser.parse(markdown).clauses.map { clause in
            "\(clause.id) \(clause.number ?? "-") \"\(clause.title)\" \(clause.startLine)-\(clause.endLine)"
        }
    }

    @Test("headings nest by level; numbering and explicit ids are split off")
    func headings() {
        let markdown = """
            Intro text.

            # 1. Services {#services}

            We host things.

            ## 2.1 Availability

            Up most of the time.

            ## A. Support Hours

            ### (b) Weekends

            # IV. Exclusions
            """
        #expect(
            Self.dump(markdown) == [
                "preamble - \"(before the first heading)\" 1-1",
                "services 1. \"Services\" 3-5",
                "availability 2.1 \"Availability\" 7-9",
                "support-hours A. \"Support Hours\" 11-11",
                "weekends (b) \"Weekends\" 13-13",
                "exclusions IV. \"Exclusions\" 15-15",
            ])
        let clauses = ClauseParser.parse(markdown).clauses
        #expect(clauses[2].parent == 1)
        #expect(clauses[4].parent == 3)
        #expect(clauses[5].parent == nil)
    }

    @Test("numbered paragraphs are sub-clauses, titled by their bold lead-in")
    func numberedParagraphs() {
        let markdown = """
            # 3. Measurement

            How it is measured:

            1. **Measurement Period**. One calendar month.
            2. **Exclusions:** planned maintenance.
            3. Anything else the parties agree in writing.
            """
        #expect(
            Self.dump(markdown) == [
                "measurement 3. \"Measurement\" 1-7",
                "measurement/measurement-period 1. \"Measurement Period\" 5-5",
                "measurement/exclusions 2. \"Exclusions\" 6-6",
                "measurement/3 3. \"Anything else the parties agree in …\" 7-7",
            ])
        #expect(ClauseParser.parse(markdown).clauses[3].matchKey == nil)
    }

    @Test("a heading inside a numbered paragraph titles it")
    func headingInListItem() {
        let document = ClauseParser.parse("# 4. Fees\n\n1. ### 4.1 Late Payment\n\n   Interest accrues monthly.\n")
        #expect(document.clauses.map(\.id) == ["fees", "fees/late-payment"])
    }

    @Test("a link's target is part of the text; its style is not")
    func links() {
        let inline = ClauseParser.parse("# A\n\nSee [the policy](https://example.com/p).\n").clauses[0].text
        let reference = ClauseParser.parse("# A\n\nSee [the policy][p].\n\n[p]: https://example.com/p\n").clauses[0]
            .text
        let moved = ClauseParser.parse("# A\n\nSee [the policy](https://example.com/q).\n").clauses[0].text
        #expect(inline == reference)
        #expect(inline != moved)
    }

    @Test("text means the words, not the markup")
    func textWithoutMarkup() {
        let clauses = ClauseParser.parse("# Scope\n\nThe *provider*   hosts\n“the” **shop**. <!-- editor's note -->\n")
            .clauses
        #expect(clauses[0].text == "The provider hosts \"the\" shop.")
    }

    @Test("a bare year is a title, not a number")
    func yearIsNotNumbering() {
        #expect(ClauseNumbering.splitNumber("2021 Changes").number == nil)
        #expect(ClauseNumbering.splitNumber("2021. Changes").number == nil)
        #expect(ClauseNumbering.splitNumber("2.1.3 Nested") == ("2.1.3", "Nested"))
        #expect(ClauseNumbering.splitNumber("12 - Dashed").title == "Dashed")
        #expect(ClauseNumbering.splitNumber("Section 3. Credits").number == "Section 3.")
        #expect(ClauseNumbering.splitNumber("99.9% Uptime").number == nil)
    }

    @Test("a repeated title under another parent is qualified; a repeated explicit id is a duplicate")
    func duplicates() {
        let document = ClauseParser.parse("# A\n## Exclusions\n# B\n## Exclusions\n# C {#a}\n")
        #expect(document.clauses.map(\.id) == ["a", "exclusions", "b", "b/exclusions", "a~2"])
        #expect(document.duplicates.map(\.id) == ["a"])
    }
}
