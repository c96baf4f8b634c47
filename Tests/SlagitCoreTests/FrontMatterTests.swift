import Testing

@testable import SlagitCore

@Suite("Front matter and body")
struct FrontMatterTests {
    @Test("splits front matter from the body and keeps file line numbers")
    func splits() {
        let file = MarkdownFile("---\na: 1\nb: 2\n---\n# Title\n")
        #expect(file.frontMatterText == "a: 1\nb: 2")
        #expect(file.frontMatterFirstLine == 2)
        #expect(file.body == "# Title\n")
        #expect(file.bodyFirstLine == 5)
    }

    @Test("a byte-order mark, CRLF line ends and a '...' closer are accepted")
    func variants() {
        let file = MarkdownFile("\u{FEFF}---\r\na: 1\r\n...\r\nText\r\n")
        #expect(file.frontMatterText == "a: 1\r")
        #expect(file.bodyFirstLine == 4)
        #expect(file.body == "Text\r\n")
    }

    @Test("no front matter, and front matter that never closes, leave the whole text as body")
    func noFrontMatter() {
        #expect(MarkdownFile("# Title\n---\n").frontMatterText == nil)
        let unclosed = MarkdownFile("---\na: 1\n")
        #expect(unclosed.frontMatterText == nil)
        #expect(unclosed.body == "---\na: 1\n")
        #expect(MarkdownFile.hasUnclosedFrontMatter("---\na: 1\n"))
    }

    @Test("an empty front matter block is front matter")
    func empty() {
        let file = MarkdownFile("---\n---\nBody\n")
        #expect(file.frontMatterText == "")
        #expect(file.body == "Body\n")
        #expect(file.bodyFirstLine == 3)
    }
}
