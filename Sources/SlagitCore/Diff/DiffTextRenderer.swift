import Foundation

/// Renders a ``DiffReport`` for a person: plain text, or coloured on a terminal.
public struct DiffTextRenderer {
    public var colour: Bool
    /// Unchanged words kept on each side of a change inside a long clause.
    public var contextWords = 6

    public init(colour: Bool) { self.colour = colour }

    public func render(_ report: DiffReport) -> String {
        var lines: [String] = []
        let header = "\(report.path): \(report.from) → \(report.to)"
        lines.append(colour ? Style.bold(header) : header)
        if report.isEmpty {
            lines.append("  no changes")
            return lines.joined(separator: "\n") + "\n"
        }
        if !report.objectives.isEmpty {
            lines.append("")
            lines.append("Service levels")
            for change in report.objectives { lines.append("  " + objectiveLine(change)) }
        }
        if !report.metadata.isEmpty {
            lines.append("")
            lines.append("Front matter")
            for change in report.metadata {
                lines.append("  \(change.field): \(change.from ?? "(none)") → \(change.to ?? "(none)")")
            }
        }
        let meaningful = report.clauses.filter { $0.kind != .formatting }
        let formatting = report.clauses.filter { $0.kind == .formatting }
        if !meaningful.isEmpty {
            lines.append("")
            lines.append("Clauses")
            for change in meaningful { lines += clauseLines(change) }
        }
        if !formatting.isEmpty {
            lines.append("")
            lines.append(
                "Formatting only (same words): "
                    + formatting.map { numbered($0.toNumber, $0.title) }.joined(separator: "; "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func objectiveLine(_ change: DiffReport.ObjectiveChange) -> String {
        var text =
            "\(change.id): \(change.from ?? "(none)") → \(change.to ?? "(none)")  \(label(change.direction.rawValue, change.direction))"
        if let favours = change.direction.favours, change.direction != .added, change.direction != .removed {
            text += " (favours the \(favours))"
        }
        if let before = change.fromDowntimeMinutes, let after = change.toDowntimeMinutes {
            text += String(format: "; allowed downtime per 30 days %.1f → %.1f min", before, after)
        }
        if change.fromWindow != change.toWindow, change.from != nil, change.to != nil {
            text += "; window \(change.fromWindow ?? "(none)") → \(change.toWindow ?? "(none)")"
        }
        return text
    }

    private func label(_ text: String, _ direction: ObjectiveDirection) -> String {
        guard colour else { return text }
        switch direction {
        case .weakened, .removed: return Style.red(text)
        case .strengthened, .added: return Style.green(text)
        default: return Style.yellow(text)
        }
    }

    private func numbered(_ number: String?, _ title: String) -> String {
        number.map { "\($0) \(title)" } ?? title
    }

    private func clauseLines(_ change: ClauseChange) -> [String] {
        let kind = change.kind.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)
        var description: String
        switch change.kind {
        case .added:
            description = numbered(change.toNumber, change.title) + sectionSuffix(change.toSection)
            description += line(nil, change.toLine)
        case .removed:
            description = numbered(change.fromNumber, change.title) + sectionSuffix(change.fromSection)
            description += line(change.fromLine, nil)
        case .split:
            description = numbered(change.toNumber, change.title) + " (split from \(change.relatedID ?? "?"))"
            description += line(nil, change.toLine)
        case .merged:
            description = numbered(change.fromNumber, change.title) + " (merged into \(change.relatedID ?? "?"))"
            description += line(change.fromLine, nil)
        case .renumbered:
            description = "\(change.fromNumber ?? "(none)") → \(change.toNumber ?? "(none)") \(change.title)"
        case .moved:
            description =
                "\(change.title): \(place(change.fromSection, change.fromNumber)) → \(place(change.toSection, change.toNumber))"
            if change.wordingChanged { description += ", and reworded" }
        case .modified, .formatting:
            description = numbered(change.toNumber, change.title)
            if change.fromNumber != change.toNumber { description += " (was \(change.fromNumber ?? "unnumbered"))" }
            if let fromID = change.fromID { description += " (id \(fromID) → \(change.id))" }
            description += sectionSuffix(change.toSection) + line(change.fromLine, change.toLine)
        }
        var lines = ["  \(kind) \(description)"]
        if let titleWords = change.titleWords { lines.append("      title: " + words(titleWords)) }
        if let wordDiff = change.words { lines.append("      " + words(wordDiff)) }
        return lines
    }

    private func sectionSuffix(_ section: [String]?) -> String {
        guard let section, !section.isEmpty else { return "" }
        return " (in " + section.joined(separator: " › ") + ")"
    }

    private func place(_ section: [String]?, _ number: String?) -> String {
        let path = (section ?? []).joined(separator: " › ")
        let label = [path.isEmpty ? "top level" : path, number].compactMap { $0 }.joined(separator: " ")
        return label
    }

    private func line(_ from: Int?, _ to: Int?) -> String {
        switch (from, to) {
        case let (from?, to?): " [line \(from) → \(to)]"
        case let (from?, nil): " [was line \(from)]"
        case let (nil, to?): " [line \(to)]"
        default: ""
        }
    }

    /// Word changes with a little context, as `[-deleted-]{+inserted+}` (or struck
    /// through and underlined in colour); long unchanged runs are shortened to "…".
    func words(_ diff: WordDiff) -> String {
        var out = ""
        var previous: WordDiff.Kind?
        for (index, segment) in diff.segments.enumerated() {
            let lead = segment.text.hasPrefix(" ") ? " " : ""
            let body = lead.isEmpty ? segment.text : String(segment.text.dropFirst())
            switch segment.kind {
            case .equal:
                out += shorten(segment.text, keepStart: index > 0, keepEnd: index < diff.segments.count - 1)
            case .deleted:
                out += lead + (colour ? Style.strike(body) : "[-\(body)-]")
            case .inserted:
                // A replacement reads as one edit: the insertion follows the deletion directly.
                out += (previous == .deleted ? "" : lead) + (colour ? Style.underline(body) : "{+\(body)+}")
            }
            previous = segment.kind
        }
        return Self.markingLineBreaks(out)
    }

    /// One line of text: each line break shown as " ¶ ", spaces and tabs trimmed from
    /// both ends (as Foundation's `.whitespaces`, which costs far more on long diffs).
    static func markingLineBreaks(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            if byte == 0x0A { bytes.append(contentsOf: " ¶ ".utf8) } else { bytes.append(byte) }
        }
        var lower = 0
        var upper = bytes.count
        while lower < upper, bytes[lower] == 0x20 || bytes[lower] == 0x09 { lower += 1 }
        while upper > lower, bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09 { upper -= 1 }
        let line = String(decoding: bytes[lower..<upper], as: UTF8.self)
        // Beyond ASCII, other spaces (no-break, ideographic, zero-width) are trimmed too.
        guard lower < upper, bytes[lower] >= 0x80 || bytes[upper - 1] >= 0x80 else { return line }
        let scalars = line.unicodeScalars
        let isSpace = { (scalar: Unicode.Scalar) in
            scalar == "\t" || scalar == "\u{200B}" || scalar.properties.generalCategory == .spaceSeparator
        }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
            let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(scalars[first...last])
    }

    /// An unchanged run of words with its middle left out when long: `contextWords` words
    /// kept next to each change.
    func shorten(_ text: String, keepStart: Bool, keepEnd: Bool) -> String {
        var copy = text
        // ASCII text splits at space bytes: the same pieces as splitting by Character, faster.
        let asciiSpaces: [Int]? = copy.withUTF8 { bytes in
            guard TextNormalizer.isASCII(bytes) else { return nil }
            var positions: [Int] = []
            for (offset, byte) in bytes.enumerated() where byte == 0x20 { positions.append(offset) }
            return positions
        }
        guard let spaces = asciiSpaces else { return shortenByCharacter(text, keepStart: keepStart, keepEnd: keepEnd) }
        guard spaces.count + 1 > contextWords * 2 + 1 else { return text }
        let utf8 = text.utf8
        let head = keepStart ? String(text[..<utf8.index(utf8.startIndex, offsetBy: spaces[contextWords])]) : ""
        let tailStart = utf8.index(utf8.startIndex, offsetBy: spaces[spaces.count - contextWords] + 1)
        let tail = keepEnd ? String(text[tailStart...]) : ""
        return head + (keepStart ? " …" : "…") + (keepEnd ? " " + tail : "")
    }

    /// `shorten` for text in any script, split by Character.
    func shortenByCharacter(_ text: String, keepStart: Bool, keepEnd: Bool) -> String {
        let pieces = text.split(separator: " ", omittingEmptySubsequences: false)
        guard pieces.count > contextWords * 2 + 1 else { return text }
        let head = keepStart ? pieces.prefix(contextWords + 1).joined(separator: " ") : ""
        let tail = keepEnd ? pieces.suffix(contextWords).joined(separator: " ") : ""
        return head + (keepStart ? " …" : "…") + (keepEnd ? " " + tail : "")
    }
}
