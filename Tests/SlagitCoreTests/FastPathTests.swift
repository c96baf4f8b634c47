import Foundation
import Testing

@testable import SlagitCore

/// The fast paths (byte-level work on ASCII text: word tokens, slugs, white-space folding,
/// trimming, shortening; checks that skip Foundation's NFC or the numbering pattern) exist
/// only for speed: they must give exactly what the general paths give. Seeded random texts
/// over alphabets full of edge cases (CR LF, tabs, control characters, punctuation runs,
/// numbering keywords) check that.
@Suite("Fast paths agree with the general paths")
struct FastPathTests {
    /// SplitMix64: a tiny seeded generator, so every run checks the same texts.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let alphabet: [String] = [
        "a", "Z", "q", "7", "0", " ", "  ", "\t", "\n", "\r\n", "\r", "\u{0B}", "\u{0C}", "\u{1F}", "\u{01}", ".",
        ",", "-", "_", "'", "\"", "%", "(", ")", "|", "<", ">", "word", "99.9", "Section", "\n\n",
    ]

    static func randomTexts(count: Int) -> [String] {
        var generator = SeededGenerator(state: 42)
        return (0..<count).map { _ in
            let length = Int.random(in: 0...40, using: &generator)
            return (0..<length).map { _ in alphabet.randomElement(using: &generator)! }.joined()
        }
    }

    @Test("word tokens")
    func tokens() {
        for text in Self.randomTexts(count: 2000) {
            let fast = Array(text.utf8).withUnsafeBufferPointer { WordDiff.asciiTokens($0) }
            #expect(fast == WordDiff.tokensByCharacter(text), "\(text.debugDescription)")
        }
    }

    @Test("clause keys from titles")
    func slugs() {
        for text in Self.randomTexts(count: 2000) {
            #expect(
                ClauseNumbering.asciiSlug(text) == ClauseNumbering.slugByCharacter(text), "\(text.debugDescription)")
        }
        #expect(ClauseNumbering.asciiSlug("Tâche") == nil)
    }

    @Test("white space folded line by line, and trimmed")
    func normalisation() {
        for text in Self.randomTexts(count: 2000) {
            let bytes = Array(text.utf8)
            #expect(
                TextNormalizer.normalizeLines(bytes) == TextNormalizer.normalizeLinesByScalar(text),
                "\(text.debugDescription)")
            #expect(TextNormalizer.trimmed(bytes) == TextNormalizer.trimmed(text), "\(text.debugDescription)")
        }
    }

    @Test("line breaks marked and ends trimmed as Foundation would")
    func lineMarks() {
        let extra = ["\u{00A0}", "\u{3000}", "\u{2003}", "\u{200B}", "\u{FEFF}", "\u{180E}", "é", "¶"]
        var generator = SeededGenerator(state: 7)
        for text in Self.randomTexts(count: 1000) {
            let mixed = text + extra.randomElement(using: &generator)! + text.prefix(3)
            for sample in [text, mixed, extra.randomElement(using: &generator)! + text] {
                let foundation = sample.replacingOccurrences(of: "\n", with: " ¶ ").trimmingCharacters(in: .whitespaces)
                #expect(DiffTextRenderer.markingLineBreaks(sample) == foundation, "\(sample.debugDescription)")
            }
        }
    }

    @Test("long unchanged runs shortened at the same words")
    func shortening() {
        let renderer = DiffTextRenderer(colour: false)
        for text in Self.randomTexts(count: 2000) {
            let spaced = text.replacingOccurrences(of: "a", with: " a ")
            for (keepStart, keepEnd) in [(true, true), (true, false), (false, true)] {
                #expect(
                    renderer.shorten(spaced, keepStart: keepStart, keepEnd: keepEnd)
                        == renderer.shortenByCharacter(spaced, keepStart: keepStart, keepEnd: keepEnd),
                    "\(spaced.debugDescription)")
            }
        }
    }

    @Test("headings the quick numbering check passes over have no numbering by the full pattern")
    func numberingGuard() {
        let words = [
            "Section", "SECTION", "part", "Annex", "§", "§2", "A.", "b.", "IV.", "(b)", "a)", "(12)", "2.1", "2.1.",
            "12", "12.", "2021", "3:", "4-", "5–", "C.—", ":", "-", "—", "Fees", "Service", "Credits", "x", "(", ")",
            "Schedule", "1)", "Q.", "99.9%",
        ]
        var generator = SeededGenerator(state: 11)
        for _ in 0..<3000 {
            let count = Int.random(in: 1...4, using: &generator)
            let separators = [" ", "  ", "\t", ""]
            let heading = (0..<count).map { _ in
                words.randomElement(using: &generator)! + separators.randomElement(using: &generator)!
            }.joined()
            let trimmed = heading.trimmingCharacters(in: .whitespaces)
            if !ClauseNumbering.mayStartWithNumbering(trimmed) {
                #expect(ClauseNumbering.splitNumberByPattern(trimmed).number == nil, "\(trimmed.debugDescription)")
            }
        }
    }

    @Test("text NFC leaves alone is recognised without asking Foundation")
    func composedAlready() {
        let fastSet = (0..<0x300).compactMap(Unicode.Scalar.init) + (0x2010...0x2027).compactMap(Unicode.Scalar.init)
        for scalar in fastSet {
            let text = String(scalar)
            #expect(TextNormalizer.isComposedAlready(text))
            #expect(Array(text.precomposedStringWithCanonicalMapping.unicodeScalars) == [scalar], "\(scalar.value)")
        }
        var generator = SeededGenerator(state: 5)
        for _ in 0..<5000 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 2...6, using: &generator) {
                scalars.append(fastSet.randomElement(using: &generator)!)
            }
            let text = String(scalars)
            #expect(Array(text.precomposedStringWithCanonicalMapping.unicodeScalars) == Array(text.unicodeScalars))
        }
        #expect(!TextNormalizer.isComposedAlready("e\u{301}"))
        #expect(!TextNormalizer.isComposedAlready("\u{2001}"))  // EM QUAD is canonically EM SPACE
    }
}
