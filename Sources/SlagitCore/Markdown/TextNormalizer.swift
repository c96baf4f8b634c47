import Foundation

/// Removes differences of form that do not change what a text says: Unicode
/// normalisation (NFC vs NFD), curly vs straight quotes, runs of white space.
enum TextNormalizer {
    static func normalize(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for character in text.precomposedStringWithCanonicalMapping {
            if character.isWhitespace {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace {
                result.append(" ")
                pendingSpace = false
            }
            switch character {
            case "\u{2018}", "\u{2019}", "\u{201B}": result.append("'")
            case "\u{201C}", "\u{201D}", "\u{201F}": result.append("\"")
            case "\u{00A0}": result.append(" ")
            default: result.append(character)
            }
        }
        return result
    }
}
