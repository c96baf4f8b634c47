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
        guard containsIDOpener(text), let match = text.firstMatch(of: explicitID) else { return (nil, text) }
        return (String(match.1), String(text[..<match.range.lowerBound]))
    }

    /// Whether `text` contains "{#", looked for byte by byte: most headings have no id.
    private static func containsIDOpener(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if previous == 0x7B, byte == 0x23 { return true }
            previous = byte
        }
        return false
    }

    /// Returns the numbering (if any) and the title without it.
    static func splitNumber(_ text: String) -> (number: String?, title: String) {
        let trimmed = trimmingSpaces(text)
        if let quick = splitDecimalNumber(trimmed) { return quick }
        guard mayStartWithNumbering(trimmed) else { return (nil, trimmed) }
        return splitNumberByPattern(trimmed)
    }

    /// `splitNumber` of trimmed text through the full pattern alone.
    static func splitNumberByPattern(_ trimmed: String) -> (number: String?, title: String) {
        guard let match = trimmed.wholeMatch(of: numbering) else { return (nil, trimmed) }
        return (String(match.1), String(match.2).trimmingCharacters(in: .whitespaces))
    }

    /// False when the pattern cannot match, decided from the first word alone: most titles
    /// ("Service Credits") have no numbering, and the pattern costs far more than this.
    /// Without a keyword ("Section", "§") the numbering is the first word, ending in a
    /// digit, '.', ')' or a separator (':', '-', '–', '—').
    static func mayStartWithNumbering(_ text: String) -> Bool {
        let firstWord = text.prefix { !$0.isWhitespace }
        guard let first = firstWord.first, let last = firstWord.last else { return false }
        if first == "§" || first.isNumber { return true }
        let keywords = ["section", "article", "clause", "schedule", "appendix", "annex", "part"]
        if keywords.contains(firstWord.lowercased()) { return true }
        return last == "." || last == ")" || last == ":" || last == "-" || last == "–" || last == "—"
    }

    /// The common case by hand, for speed: "2.1 Title", "3. Title", "12 Title". Returns
    /// nil to let the full pattern decide anything else.
    private static func splitDecimalNumber(_ text: String) -> (number: String?, title: String)? {
        var copy = text
        let scanned: (index: Int, groups: Int, digitsInFirstGroup: Int)? = copy.withUTF8 { all in
            let bytes = UnsafeBufferPointer(rebasing: all.prefix(24))
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
            return (index, groups, digitsInFirstGroup)
        }
        guard let (index, groups, digitsInFirstGroup) = scanned else { return nil }
        // A bare number of four digits or more is a year or an amount, as in the pattern.
        guard groups > 1 || digitsInFirstGroup <= 3 else { return (nil, text) }
        let numberEnd = text.utf8.index(text.startIndex, offsetBy: index)
        let number = String(text[..<numberEnd])
        var titleStart = numberEnd
        while titleStart < text.endIndex, text.utf8[titleStart] == 0x20 || text.utf8[titleStart] == 0x09 {
            titleStart = text.utf8.index(after: titleStart)
        }
        let title = trimmingSpaces(String(text[titleStart...]))
        // Separators such as "1 - Title" are left to the full pattern.
        guard let head = title.first, head != ":", head != "-", head != "–", head != "—", !title.isEmpty else {
            return nil
        }
        return (number, title)
    }

    /// `text` without leading and trailing spaces and tabs (Foundation's `.whitespaces`),
    /// returned as is when it starts and ends with a visible ASCII character, as most do.
    private static func trimmingSpaces(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last, first > 0x20, first < 0x80, last > 0x20,
            last < 0x80
        else { return text.trimmingCharacters(in: .whitespaces) }
        return text
    }

    /// A clause key from a title: lowercase words joined by '-', letters of any script kept.
    static func slug(_ title: String) -> String {
        asciiSlug(title) ?? slugByCharacter(title)
    }

    /// `slug` for titles in any script, one Character at a time.
    static func slugByCharacter(_ title: String) -> String {
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

    /// `slug` for ASCII titles, byte by byte; nil for any other title.
    static func asciiSlug(_ title: String) -> String? {
        var copy = title
        return copy.withUTF8 { bytes -> String? in
            guard TextNormalizer.isASCII(bytes) else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { output in
                var written = 0
                var pendingDash = false
                for byte in bytes {
                    let lowered = (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
                    if (0x61...0x7A).contains(lowered) || (0x30...0x39).contains(lowered) {
                        if pendingDash && written > 0 {
                            output[written] = 0x2D
                            written += 1
                        }
                        output[written] = lowered
                        written += 1
                        pendingDash = false
                    } else {
                        pendingDash = true
                    }
                }
                return written
            }
        }
    }
}
