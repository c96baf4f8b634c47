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
        guard let match = trimmed.wholeMatch(of: numbering) else { return (nil, trimmed) }
        return (String(match.1), String(match.2).trimmingCharacters(in: .whitespaces))
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
