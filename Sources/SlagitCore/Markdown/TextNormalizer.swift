import Foundation

/// Removes differences of form that do not change what a text says: Unicode
/// normalisation (NFC vs NFD), curly vs straight quotes, runs of white space.
enum TextNormalizer {
    static func normalize(_ text: String) -> String {
        // Most agreement text is ASCII, where NFC and quote styles change nothing: fold
        // white space byte by byte, which is many times faster than by Unicode scalar.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return foldASCIIWhitespace(text) }
        let composed = text.precomposedStringWithCanonicalMapping
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

    /// Normalises each line and drops empty ones: the text of one or more blocks.
    static func normalizeLines(_ text: String) -> String {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            return text.unicodeScalars.split(separator: "\n").map { normalize(String($0)) }.filter { !$0.isEmpty }
                .joined(separator: "\n")
        }
        // ASCII: one pass over the bytes, folding spaces and ending lines at LF.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var lineStart = 0
        var pendingSpace = false
        for byte in text.utf8 {
            if byte == 0x0A {
                if bytes.count > lineStart { bytes.append(0x0A) }
                lineStart = bytes.count
                pendingSpace = false
            } else if byte == 0x20 || (0x09...0x0D).contains(byte) {
                pendingSpace = bytes.count > lineStart
            } else {
                if pendingSpace {
                    bytes.append(0x20)
                    pendingSpace = false
                }
                bytes.append(byte)
            }
        }
        if bytes.last == 0x0A { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func foldASCIIWhitespace(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                pendingSpace = !bytes.isEmpty
                continue
            }
            if pendingSpace {
                bytes.append(0x20)
                pendingSpace = false
            }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
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
}
