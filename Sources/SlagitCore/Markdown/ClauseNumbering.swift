import Foundation

/// Splits a heading's text into its explicit `{#id}`, its numbering and its title.
///
/// Numbering is what readers use to cite a clause ("2.1", "A.", "IV.", "(b)",
/// "Section 3."); it changes when clauses are inserted, so it is never identity.
enum ClauseNumbering {
    private nonisolated(unsafe) static let explicitID = #/\s*\{#([A-Za-z0-9][A-Za-z0-9_.:-]*)\}\s*$/#
    // A bare number without a dot is numbering only when short: "2021 Changes" is a title.
    private nonisolated(unsafe) static let numbering =
        #/^((?:(?i:section|article|clause|schedule|appendix|annex|part)\s+|§\s*)?(?:\d+(?:\.\d+)+\.?|\d{1,3}\.?|[A-Z]\.|[IVXLC]+\.|\(?[a-z0-9]{1,4}\)))\s*[:\-–—]?\s+(\S.*)$/#

    /// Returns the explicit id (if any) and the text without it.
    static func splitExplicitID(_ text: String) -> (id: String?, rest: String) {
        guard text.contains("{#"), let match = text.firstMatch(of: explicitID) else { return (nil, text) }
        return (String(match.1), String(text[..<match.range.lowerBound]))
    }

    /// Returns the numbering (if any) and the title without it.
    static func splitNumber(_ text: String) -> (number: String?, title: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let quick = splitDecimalNumber(trimmed) { return quick }
        guard let match = trimmed.wholeMatch(of: numbering) else { return (nil, trimmed) }
        return (String(match.1), String(match.2).trimmingCharacters(in: .whitespaces))
    }

    /// The common case by hand, for speed: "2.1 Title", "3. Title", "12 Title". Returns
    /// nil to let the full pattern decide anything else.
    private static func splitDecimalNumber(_ text: String) -> (number: String?, title: String)? {
        let bytes = Array(text.utf8.prefix(24))
        guard let first = bytes.first, (0x30...0x39).contains(first) else { return nil }
        var index = 0
        var groups = 0
        var digitsInFirstGroup = 0
        while index < bytes.count {
            let start = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            guard index > start else { break }
            if groups == 0 { digitsInFirstGroup = index - start }
            groups += 1
            guard index < bytes.count, bytes[index] == 0x2E else { break }
            index += 1  // the dot
        }
        // Only a space may follow; anything else ("99.9%", "2021-01") is not numbering here.
        guard index < bytes.count, bytes[index] == 0x20 else { return nil }
        // A bare number of four digits or more is a year or an amount, as in the pattern.
        guard groups > 1 || digitsInFirstGroup <= 3 else { return (nil, text) }
        let number = String(decoding: bytes[..<index], as: UTF8.self)
        let rest = text.utf8.dropFirst(index)
        let title = String(decoding: rest, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        // Separators such as "1 - Title" are left to the full pattern.
        guard let head = title.first, head != ":", head != "-", head != "–", head != "—", !title.isEmpty else {
            return nil
        }
        return (number, title)
    }

    /// A clause key from a title: lowercase words joined by '-', letters of any script kept.
    static func slug(_ title: String) -> String {
        var result = ""
        var pendingDash = false
        for character in title.lowercased() {
            if character.isLetter || character.isNumber {
                if pendingDash && !result.isEmpty { result.append("-") }
                result.append(character)
                pendingDash = false
            } else {
                pendingDash = true
            }
        }
        return result
    }
}
