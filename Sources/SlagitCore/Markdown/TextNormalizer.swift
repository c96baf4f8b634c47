import Foundation

/// Removes differences of form that do not change what a text says: Unicode
/// normalisation (NFC vs NFD), curly vs straight quotes, runs of white space.
///
/// The byte-level entry points exist for speed: most agreement text is ASCII, where NFC
/// and quote styles change nothing, so white space is folded byte by byte, many times
/// faster than by Unicode scalar. Anything else takes the scalar path, with the same result.
enum TextNormalizer {
    static func normalize(_ text: String) -> String {
        var copy = text
        let ascii = copy.withUTF8 { isASCII($0) }
        if ascii { return copy.withUTF8 { foldASCIIWhitespace($0) } }
        let composed = isComposedAlready(text) ? text : text.precomposedStringWithCanonicalMapping
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in composed.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace {
                result.append(" ")
                pendingSpace = false
            }
            switch scalar {
            case "\u{2018}", "\u{2019}", "\u{201B}": result.append("'")
            case "\u{201C}", "\u{201D}", "\u{201F}": result.append("\"")
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    /// True when NFC cannot change `text`, decided without Foundation (whose NFC costs far
    /// more): every scalar is below U+0300, where every character is already composed and
    /// no combining mark lives, or is typographic punctuation (U+2010–U+2027: dashes,
    /// curly quotes, the ellipsis), which has no canonical decomposition.
    static func isComposedAlready(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.value < 0x300 || (0x2010...0x2027).contains($0.value) }
    }

    /// `normalize` of UTF-8 bytes.
    static func normalize(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.withUnsafeBufferPointer { buffer in
            isASCII(buffer) ? foldASCIIWhitespace(buffer) : normalize(String(decoding: buffer, as: UTF8.self))
        }
    }

    /// Normalises each line of UTF-8 text and drops empty ones: the text of one or more blocks.
    static func normalizeLines(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { buffer in
            guard isASCII(buffer) else { return normalizeLinesByScalar(String(decoding: buffer, as: UTF8.self)) }
            return foldASCIIWhitespace(buffer, keepingLineBreaks: true)
        }
    }

    /// `normalizeLines` for text in any script, line by line through `normalize`.
    static func normalizeLinesByScalar(_ text: String) -> String {
        text.unicodeScalars.split(separator: "\n").map { normalize(String($0)) }.filter { !$0.isEmpty }
            .joined(separator: "\n")
    }

    /// UTF-8 text without leading and trailing white space and newlines.
    static func trimmed(_ bytes: [UInt8]) -> String {
        var lower = 0
        var upper = bytes.count
        while lower < upper, isASCIISpace(bytes[lower]) { lower += 1 }
        while upper > lower, isASCIISpace(bytes[upper - 1]) { upper -= 1 }
        let text = String(decoding: bytes[lower..<upper], as: UTF8.self)
        // Unicode has white space beyond ASCII (no-break space, ideographic space).
        if lower < upper, bytes[lower] >= 0x80 || bytes[upper - 1] >= 0x80 { return trimmed(text) }
        return text
    }

    /// `text` without leading and trailing white space and newlines, without Foundation.
    static func trimmed(_ text: String) -> String {
        let isSpace = { (scalar: Unicode.Scalar) in scalar.properties.isWhitespace }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
            let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(scalars[first...last])
    }

    /// True when every byte is ASCII; reads eight bytes at a time.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var accumulated: UInt64 = 0
        var index = 0
        while index + 8 <= bytes.count {
            accumulated |= raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            index += 8
        }
        while index < bytes.count {
            accumulated |= UInt64(bytes[index])
            index += 1
        }
        return accumulated & 0x8080_8080_8080_8080 == 0
    }

    /// Space, tab, LF, VT, FF, CR: the ASCII white space of Unicode's White_Space property.
    @inline(__always)
    static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// Folds runs of ASCII white space into one space and trims each end. With
    /// `keepingLineBreaks`, LF ends a line instead: each line is folded and trimmed on its
    /// own, and empty lines are dropped.
    private static func foldASCIIWhitespace(_ buffer: UnsafeBufferPointer<UInt8>, keepingLineBreaks: Bool = false)
        -> String
    {
        String(unsafeUninitializedCapacity: buffer.count) { output in
            var written = 0
            var lineStart = 0
            var pendingSpace = false
            for byte in buffer {
                if keepingLineBreaks, byte == 0x0A {
                    if written > lineStart {
                        output[written] = 0x0A
                        written += 1
                    }
                    lineStart = written
                    pendingSpace = false
                } else if isASCIISpace(byte) {
                    pendingSpace = written > lineStart
                } else {
                    if pendingSpace {
                        output[written] = 0x20
                        written += 1
                        pendingSpace = false
                    }
                    output[written] = byte
                    written += 1
                }
            }
            if written > 0, output[written - 1] == 0x0A { written -= 1 }
            return written
        }
    }
}
