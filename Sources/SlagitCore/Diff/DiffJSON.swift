extension DiffReport {
    /// The `--format json` document (PRODUCT.md §6), plus line numbers, sections and words.
    public var json: JSONValue {
        .object([
            ("from", .string(from)), ("to", .string(to)), ("path", .string(path)),
            ("clauses", .array(clauses.map(\.json))),
            ("objectives", .array(objectives.map(\.json))),
            (
                "metadata",
                .array(
                    metadata.map {
                        .object([("field", .string($0.field)), ("from", .optional($0.from)), ("to", .optional($0.to))])
                    })
            ),
        ])
    }
}

extension ClauseChange {
    var json: JSONValue {
        var fields: [(String, JSONValue)] = [
            ("id", .string(id)), ("title", .string(title)), ("change", .string(kind.rawValue)),
            ("from_number", .optional(fromNumber)), ("to_number", .optional(toNumber)),
            ("from_line", .optional(fromLine)), ("to_line", .optional(toLine)),
            ("from_section", fromSection.map { .array($0.map(JSONValue.string)) } ?? .null),
            ("to_section", toSection.map { .array($0.map(JSONValue.string)) } ?? .null),
            ("wording_changed", .bool(wordingChanged)),
        ]
        if let fromID { fields.append(("from_id", .string(fromID))) }
        if let relatedID { fields.append((kind == .split ? "split_from" : "merged_into", .string(relatedID))) }
        if let titleWords { fields.append(("title_words", titleWords.json)) }
        if let words { fields.append(("words", words.json)) }
        return .object(fields)
    }
}

extension WordDiff {
    var json: JSONValue {
        .array(segments.map { .object([("op", .string($0.kind.rawValue)), ("text", .string($0.text))]) })
    }
}

extension DiffReport.ObjectiveChange {
    var json: JSONValue {
        var fields: [(String, JSONValue)] = [
            ("id", .string(id)), ("from", .optional(from)), ("to", .optional(to)),
            ("direction", .string(direction.rawValue)), ("favours", .optional(direction.favours)),
        ]
        if fromWindow != nil || toWindow != nil {
            fields += [("from_window", .optional(fromWindow)), ("to_window", .optional(toWindow))]
        }
        if fromDowntimeMinutes != nil || toDowntimeMinutes != nil {
            fields += [
                (
                    "from_downtime_minutes_per_30_days",
                    fromDowntimeMinutes.map { .number(($0 * 100).rounded() / 100) } ?? .null
                ),
                (
                    "to_downtime_minutes_per_30_days",
                    toDowntimeMinutes.map { .number(($0 * 100).rounded() / 100) } ?? .null
                ),
            ]
        }
        return .object(fields)
    }
}
