import Testing

@testable import SlagitCore

@Suite("Word-level changes")
struct WordDiffTests {
    @Test("changes fall on word and punctuation boundaries")
    func wordBoundaries() {
        let diff = WordDiff(from: "within 30 days, in writing", to: "within 45 days in writing")
        #expect(diff.segments.filter { $0.kind != .equal }.map(\.text) == [" 30", " 45", ","])
        #expect(DiffTextRenderer(colour: false).words(diff) == "within [-30-]{+45+} days[-,-] in writing")
    }

    @Test("Chinese and Japanese compare by character; emoji and combining marks stay whole")
    func scriptsAndGraphemes() {
        let chinese = WordDiff(from: "服务可用性", to: "服务稳定性")
        #expect(chinese.segments.map(\.kind) == [.equal, .deleted, .inserted, .equal])
        #expect(chinese.segments[1].text == "可用")
        let emoji = WordDiff(from: "status 👍🏽 ok", to: "status 👎🏽 ok")
        #expect(emoji.segments.first { $0.kind == .deleted }?.text == " 👍🏽")
        let accents = WordDiff.tokens("cafe\u{301} ok")
        #expect(accents.map(\.text) == ["cafe\u{301}", "ok"])
    }
}
