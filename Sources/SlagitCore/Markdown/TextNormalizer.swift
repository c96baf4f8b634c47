import Foundation

/// Removes differences of form that do not change what a text says: Unicode
/// normalisation (NFC vs NFD), curly vs straight quotes, runs of white space.
enum TextNormalizer {
    static func normalize(_ text: String) -> String {
        // Most agreement text is ASCII, where NFC changes nothing: skip the costly mapping.
        let composed = text.utf8.allSatisfy { $0 < 0x80 } ? text : text.precomposedStringWithCanonicalMapping
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
}
