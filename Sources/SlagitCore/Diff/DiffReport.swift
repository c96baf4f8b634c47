/// The full difference between two revisions of one Markdown file: clauses, objectives
/// and front matter. The shape of `slagit diff --format json` (PRODUCT.md §6).
public struct DiffReport: Sendable {
    public struct ObjectiveChange: Sendable, Equatable {
        public var id: String
        public var from: String?
        public var to: String?
        public var fromWindow: String?
        public var toWindow: String?
        public var direction: ObjectiveDirection
        /// For availability targets: allowed downtime per 30-day month, before and after.
        public var fromDowntimeMinutes: Double?
        public var toDowntimeMinutes: Double?
    }

    public struct MetadataChange: Sendable, Equatable {
        public var field: String
        public var from: String?
        public var to: String?
    }

    public var from: String
    public var to: String
    public var path: String
    public var clauses: [ClauseChange]
    public var objectives: [ObjectiveChange]
    public var metadata: [MetadataChange]

    public var isEmpty: Bool { clauses.isEmpty && objectives.isEmpty && metadata.isEmpty }

    /// Compares two texts of the file at `path`. Either side may be missing (a file
    /// added or removed between the revisions).
    public static func compare(
        old: String?, new: String?, path: String, from: String, to: String
    ) -> DiffReport {
        let oldFile = old.map(MarkdownFile.init)
        let newFile = new.map(MarkdownFile.init)
        @Sendable func clauses(of file: MarkdownFile?) -> ClauseDocument {
            file.map { ClauseParser.parse($0.body, firstLine: $0.bodyFirstLine) }
                ?? ClauseDocument(clauses: [], duplicates: [])
        }
        let (oldDocument, newDocument) = concurrently({ clauses(of: oldFile) }, { clauses(of: newFile) })
        return DiffReport(
            from: from, to: to, path: path,
            clauses: DocumentDiff.compare(oldDocument, newDocument),
            objectives: compareObjectives(oldFile.map(objectives(in:)) ?? [], newFile.map(objectives(in:)) ?? []),
            metadata: compareMetadata(
                oldFile.map(AgreementParser.metadata(of:)) ?? [], newFile.map(AgreementParser.metadata(of:)) ?? []))
    }

    /// The objectives of a file, read leniently: a target that cannot be read is kept
    /// as text, so a diff of an invalid revision still shows it.
    private static func objectives(in file: MarkdownFile) -> [(id: String, target: String, window: String?)] {
        guard let yaml = file.frontMatterText, let root = try? parseYAML(yaml),
            let items = root["objectives"]?.sequence
        else { return [] }
        return items.compactMap { item in
            guard let id = item["id"]?.scalar, let target = item["target"]?.scalar else { return nil }
            return (id, target, item["window"]?.scalar)
        }
    }

    private static func compareObjectives(
        _ old: [(id: String, target: String, window: String?)],
        _ new: [(id: String, target: String, window: String?)]
    ) -> [ObjectiveChange] {
        var result: [ObjectiveChange] = []
        let oldByID = Dictionary(old.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let newIDs = Set(new.map(\.id))
        for objective in new {
            let newTarget = ObjectiveTarget(objective.target)
            guard let before = oldByID[objective.id] else {
                result.append(
                    ObjectiveChange(
                        id: objective.id, from: nil, to: objective.target, fromWindow: nil, toWindow: objective.window,
                        direction: .added, toDowntimeMinutes: downtime(objective.id, newTarget)))
                continue
            }
            let oldTarget = ObjectiveTarget(before.target)
            var direction = ObjectiveDirection.between(oldTarget, newTarget)
            if direction == .changed, oldTarget == nil, newTarget == nil, before.target == objective.target {
                direction = .unchanged
            }
            if direction == .unchanged && before.window != objective.window { direction = .changed }
            guard direction != .unchanged else { continue }
            result.append(
                ObjectiveChange(
                    id: objective.id, from: before.target, to: objective.target, fromWindow: before.window,
                    toWindow: objective.window, direction: direction,
                    fromDowntimeMinutes: downtime(objective.id, oldTarget),
                    toDowntimeMinutes: downtime(objective.id, newTarget)))
        }
        for objective in old where !newIDs.contains(objective.id) {
            result.append(
                ObjectiveChange(
                    id: objective.id, from: objective.target, to: nil, fromWindow: objective.window, toWindow: nil,
                    direction: .removed,
                    fromDowntimeMinutes: downtime(objective.id, ObjectiveTarget(objective.target))))
        }
        return result
    }

    /// Allowed downtime, for objectives that are availability by name: a percentage
    /// target such as first-contact resolution is not uptime.
    private static func downtime(_ id: String, _ target: ObjectiveTarget?) -> Double? {
        let name = id.lowercased()
        guard name.contains("availab") || name.contains("uptime") else { return nil }
        return target?.allowedMonthlyDowntimeMinutes
    }

    private static func compareMetadata(
        _ old: [(field: String, value: String)], _ new: [(field: String, value: String)]
    ) -> [MetadataChange] {
        let oldByField = Dictionary(old.map { ($0.field, $0.value) }, uniquingKeysWith: { first, _ in first })
        let newByField = Dictionary(new.map { ($0.field, $0.value) }, uniquingKeysWith: { first, _ in first })
        var result: [MetadataChange] = []
        for (field, value) in new where oldByField[field] != value {
            result.append(MetadataChange(field: field, from: oldByField[field], to: value))
        }
        for (field, value) in old where newByField[field] == nil {
            result.append(MetadataChange(field: field, from: value, to: nil))
        }
        return result
    }
}
