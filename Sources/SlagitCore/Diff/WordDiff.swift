/// Word-level differences inside one clause's text.
public struct WordDiff: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable { case equal, deleted, inserted }

    public struct Segment: Sendable, Equatable, Codable {
        public var kind: Kind
        public var text: String
    }

    public var segments: [Segment]

    /// Compares two texts word by word. Words break at white space and punctuation;
    /// characters of scripts written without spaces (Chinese, Japanese) count as words
    /// of their own; a user-perceived character (emoji, combining sequence) is never split.
    public init(from old: String, to new: String) {
        let oldTokens = WordDiff.tokens(old)
        let newTokens = WordDiff.tokens(new)
        var segments: [Segment] = []
        func append(_ kind: Kind, _ token: Token) {
            let piece = (token.spaceBefore ? " " : "") + token.text
            if let last = segments.last, last.kind == kind {
                segments[segments.count - 1].text += piece
            } else {
                segments.append(Segment(kind: kind, text: piece))
            }
        }
        var kept = 0
        for edit in WordDiff.alignment(oldTokens.map(\.text), newTokens.map(\.text)) {
            switch edit.operation {
            case .equal:
                kept += 1
                append(.equal, newTokens[edit.newIndex])
            case .delete: append(.deleted, oldTokens[edit.oldIndex])
            case .insert: append(.inserted, newTokens[edit.newIndex])
            }
        }
        // A passage mostly rewritten reads better as the old text struck out and the new
        // text inserted whole than as new words stitched across a few kept ones.
        if !oldTokens.isEmpty, !newTokens.isEmpty,
            Double(kept) < WordDiff.rewriteThreshold * Double(max(oldTokens.count, newTokens.count))
        {
            segments = [Segment(kind: .deleted, text: old), Segment(kind: .inserted, text: " " + new)]
        }
        self.segments = segments
    }

    /// Clauses with more tokens than this (long tables, long lists) are aligned line by
    /// line first, then word by word inside the lines that changed, as `git diff
    /// --word-diff` does: word by word throughout, a 20,000-row table took a minute.
    static let lineFirstThreshold = 4000

    /// How the tokens of two texts line up: word by word, or for long texts line by line
    /// and then word by word inside each run of changed lines.
    static func alignment(_ old: [String], _ new: [String]) -> [SequenceDiff.Edit] {
        guard old.count + new.count > lineFirstThreshold else { return SequenceDiff.edits(from: old, to: new) }
        // Lines as ranges of token indices; a line's "\n" token ends it.
        func lines(_ tokens: [String]) -> [Range<Int>] {
            var result: [Range<Int>] = []
            var start = 0
            for (index, token) in tokens.enumerated() where token == "\n" {
                result.append(start..<(index + 1))
                start = index + 1
            }
            if start < tokens.count { result.append(start..<tokens.count) }
            return result
        }
        let oldLines = lines(old)
        let newLines = lines(new)
        let oldKeys = oldLines.map { old[$0].joined(separator: "\u{0}") }
        let newKeys = newLines.map { new[$0].joined(separator: "\u{0}") }
        // A line found on one side only changed for certain. Lining up only the lines both
        // sides have (as git's xdiff does) keeps the line pass small however many rows changed.
        let oldKeySet = Set(oldKeys)
        let newKeySet = Set(newKeys)
        let sharedOld = oldKeys.indices.filter { newKeySet.contains(oldKeys[$0]) }
        let sharedNew = newKeys.indices.filter { oldKeySet.contains(newKeys[$0]) }
        let anchors = SequenceDiff.edits(from: sharedOld.map { oldKeys[$0] }, to: sharedNew.map { newKeys[$0] })
            .filter { $0.operation == .equal }.map { (old: sharedOld[$0.oldIndex], new: sharedNew[$0.newIndex]) }
        var result: [SequenceDiff.Edit] = []
        func append(_ edits: [SequenceDiff.Edit], oldOffset: Int, newOffset: Int) {
            for edit in edits {
                result.append(
                    SequenceDiff.Edit(
                        operation: edit.operation, oldIndex: edit.oldIndex + oldOffset,
                        newIndex: edit.newIndex + newOffset))
            }
        }
        // The lines between two anchors changed. As many lines on each side (a table whose
        // rows all changed) pair up row by row; otherwise the run is aligned word by word.
        func alignChangedRun(oldRun: Range<Int>, newRun: Range<Int>) {
            if oldRun.count == newRun.count, oldRun.count > 1 {
                for (oldLine, newLine) in zip(oldLines[oldRun], newLines[newRun]) {
                    append(
                        SequenceDiff.edits(from: Array(old[oldLine]), to: Array(new[newLine])),
                        oldOffset: oldLine.lowerBound, newOffset: newLine.lowerBound)
                }
                return
            }
            let oldStart = oldRun.lowerBound < oldLines.count ? oldLines[oldRun.lowerBound].lowerBound : old.count
            let newStart = newRun.lowerBound < newLines.count ? newLines[newRun.lowerBound].lowerBound : new.count
            let oldTokens = oldRun.isEmpty ? oldStart..<oldStart : oldStart..<oldLines[oldRun.upperBound - 1].upperBound
            let newTokens = newRun.isEmpty ? newStart..<newStart : newStart..<newLines[newRun.upperBound - 1].upperBound
            append(
                SequenceDiff.edits(from: Array(old[oldTokens]), to: Array(new[newTokens])),
                oldOffset: oldTokens.lowerBound, newOffset: newTokens.lowerBound)
        }
        var nextOld = 0
        var nextNew = 0
        for anchor in anchors + [(old: oldLines.count, new: newLines.count)] {
            alignChangedRun(oldRun: nextOld..<anchor.old, newRun: nextNew..<anchor.new)
            if anchor.old < oldLines.count {
                let oldLine = oldLines[anchor.old]
                let newLine = newLines[anchor.new]
                for offset in 0..<oldLine.count {
                    result.append(
                        SequenceDiff.Edit(
                            operation: .equal, oldIndex: oldLine.lowerBound + offset,
                            newIndex: newLine.lowerBound + offset))
                }
            }
            nextOld = anchor.old + 1
            nextNew = anchor.new + 1
        }
        return result
    }

    /// Below this share of words kept, a change is shown as a rewrite.
    static let rewriteThreshold = 0.4

    public var hasChanges: Bool { segments.contains { $0.kind != .equal } }

    struct Token: Equatable {
        var text: String
        var spaceBefore: Bool
    }

    static func tokens(_ text: String) -> [Token] {
        var copy = text
        if let ascii = copy.withUTF8({ TextNormalizer.isASCII($0) ? asciiTokens($0) : nil }) { return ascii }
        return tokensByCharacter(text)
    }

    /// `tokens` for text in any script, one Character at a time.
    static func tokensByCharacter(_ text: String) -> [Token] {
        var result: [Token] = []
        var word = ""
        var wordSpace = false
        var sawSpace = false
        func flushWord() {
            if !word.isEmpty { result.append(Token(text: word, spaceBefore: wordSpace)) }
            word = ""
        }
        for character in text {
            if character == "\n" {
                // Line breaks (table rows, list items) are kept: a change at a row's end
                // must not read as if it ran into the next row.
                flushWord()
                result.append(Token(text: "\n", spaceBefore: false))
                sawSpace = false
            } else if character.isWhitespace {
                flushWord()
                sawSpace = true
            } else if (character.isLetter || character.isNumber) && !isSpacelessScript(character) {
                if word.isEmpty { wordSpace = sawSpace }
                word.append(character)
                sawSpace = false
            } else {
                flushWord()
                result.append(Token(text: String(character), spaceBefore: sawSpace))
                sawSpace = false
            }
        }
        flushWord()
        return result
    }

    /// `tokens` of ASCII text, byte by byte: letters and digits make words, every other
    /// visible character is a token of its own. The same result, several times faster.
    static func asciiTokens(_ bytes: UnsafeBufferPointer<UInt8>) -> [Token] {
        var result: [Token] = []
        var wordStart = -1
        var wordSpace = false
        var sawSpace = false
        func flushWord(at end: Int) {
            if wordStart >= 0 {
                result.append(
                    Token(
                        text: String(decoding: UnsafeBufferPointer(rebasing: bytes[wordStart..<end]), as: UTF8.self),
                        spaceBefore: wordSpace))
            }
            wordStart = -1
        }
        var skipLineFeed = false
        for (offset, byte) in bytes.enumerated() {
            // CR LF is one Character, white space as a whole, as in `tokens`.
            if skipLineFeed {
                skipLineFeed = false
                continue
            }
            let isWordByte =
                (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte)
            if isWordByte {
                if wordStart < 0 {
                    wordStart = offset
                    wordSpace = sawSpace
                }
                sawSpace = false
                continue
            }
            flushWord(at: offset)
            if byte == 0x0A {
                result.append(Token(text: "\n", spaceBefore: false))
                sawSpace = false
            } else if TextNormalizer.isASCIISpace(byte) {
                sawSpace = true
                skipLineFeed = byte == 0x0D && offset + 1 < bytes.count && bytes[offset + 1] == 0x0A
            } else {
                result.append(Token(text: String(UnicodeScalar(byte)), spaceBefore: sawSpace))
                sawSpace = false
            }
        }
        flushWord(at: bytes.count)
        return result
    }

    /// Han, kana, Hangul syllables and Thai: scripts whose words are not separated by spaces.
    private static func isSpacelessScript(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F,
            0xAC00...0xD7AF, 0x0E00...0x0E7F:
            return true
        default:
            return false
        }
    }
}
