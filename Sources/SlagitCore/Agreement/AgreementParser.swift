import Foundation

/// Reads agreements and plain Markdown files, and validates agreements.
public enum AgreementParser {
    private nonisolated(unsafe) static let agreementID = #/[a-z0-9]+(-[a-z0-9]+)*/#
    private nonisolated(unsafe) static let objectiveID = #/[a-z0-9]+([-_.][a-z0-9]+)*/#

    /// True when `text` has front matter with an `agreement:` key: the one thing that
    /// makes a Markdown file an agreement.
    public static func isAgreement(_ text: String) -> Bool {
        guard let yaml = MarkdownFile(text).frontMatterText else { return false }
        // Cheap test first: most Markdown files in a repository are not agreements.
        guard yaml.contains("agreement") else { return false }
        return (try? parseYAML(yaml))??["agreement"] != nil
    }

    /// Reads and validates an agreement. Throws a ``UserError`` listing every problem
    /// found, each with its file, line and column.
    public static func parseAgreement(_ text: String, path: String) throws -> Agreement {
        var problems = Problems(path: path)
        let file = MarkdownFile(text)
        guard let yamlText = file.frontMatterText else {
            let unclosed = MarkdownFile.hasUnclosedFrontMatter(text)
            throw UserError(
                path: path, location: .init(line: 1, column: 1),
                unclosed
                    ? "front matter opened with '---' is never closed"
                    : "not an agreement: the file has no YAML front matter",
                hint: unclosed
                    ? "end the front matter with a line holding only '---'"
                    : "start the file with a '---' line, 'agreement: an-id', and a closing '---'")
        }
        let root: YAMLNode
        do {
            guard let parsed = try parseYAML(yamlText, firstLine: file.frontMatterFirstLine),
                parsed.mapping != nil
            else {
                throw UserError(
                    path: path, location: .init(line: 1, column: 1),
                    "front matter is not a mapping of keys to values",
                    hint: "write the front matter as 'key: value' lines")
            }
            root = parsed
        } catch let error as YAMLSyntaxError {
            throw UserError(
                path: path, location: error.location, "front matter is not valid YAML: \(error.message)",
                hint: "fix the YAML at this place; quote values that contain ': ' or start with '>'")
        }
        let document = ClauseParser.parse(file.body, firstLine: file.bodyFirstLine)

        let id = problems.agreementID(root)
        let title = problems.optionalString(root, "title")
        let kind = problems.kind(root)
        let parties = problems.parties(root)
        let effective = problems.date(root, "effective")
        let expires = problems.date(root, "expires")
        if let effective, let expires, expires < effective, let node = root["expires"] {
            problems.add(
                node.location, "expires (\(expires)) is before effective (\(effective))",
                hint: "correct one of the two dates")
        }
        let review = problems.review(root)
        let notice = problems.review(root, key: "notice")
        let references = problems.references(root)
        let objectives = problems.objectives(root)
        let approvalPolicy = problems.approvalPolicy(root, parties: parties)
        for duplicate in document.duplicates {
            problems.add(
                .init(line: duplicate.line, column: duplicate.column),
                "duplicate clause id '\(duplicate.id)' (first used on line \(duplicate.firstLine))",
                hint: "give one of the two clauses its own explicit id, as in '## Title {#other-id}'")
        }
        if !problems.list.isEmpty { throw UserError(problems.list) }
        return Agreement(
            path: path, id: id!, title: title, kind: kind, parties: parties, effective: effective,
            expires: expires, review: review, notice: notice, references: references, objectives: objectives,
            approvalPolicy: approvalPolicy, document: document, metadata: flatten(root),
            warnings: misspeltKeys(root, path: path))
    }

    static let knownKeys = [
        "agreement", "title", "kind", "parties", "effective", "expires", "review", "notice", "references", "objectives",
        "approval",
    ]
    static let knownPartyKeys = ["name", "approvers", "quorum"]

    /// Keys one or two letters away from a key slagit reads: almost surely typos, which
    /// would otherwise silently switch a rule off.
    static func misspeltKeys(_ root: YAMLNode, path: String) -> [Diagnostic] {
        func check(_ node: YAMLNode?, known: [String]) -> [Diagnostic] {
            (node?.mapping ?? []).compactMap { pair in
                guard let key = pair.key.scalar, !known.contains(key),
                    let suggestion = ArgumentParser.nearest(key, among: known),
                    ArgumentParser.editDistance(Array(key), Array(suggestion)) <= 2
                else { return nil }
                return Diagnostic(
                    .warning, path: path, location: pair.key.location, "unknown key '\(key)' is ignored",
                    hint: "did you mean '\(suggestion)'?")
            }
        }
        var result = check(root, known: knownKeys)
        for party in root["parties"]?.mapping ?? [] {
            result += check(party.value, known: knownPartyKeys)
        }
        return result
    }

    /// Flattens front matter into dotted field names with text values; sequences of
    /// scalars become one comma-separated value. Objectives are left out: they are
    /// compared as quantities instead.
    static func flatten(_ root: YAMLNode) -> [(field: String, value: String)] {
        var result: [(String, String)] = []
        func walk(_ node: YAMLNode, _ name: String) {
            switch node.value {
            case .scalar(let text, _):
                result.append((name, text))
            case .sequence(let items):
                if items.allSatisfy({ $0.scalar != nil }) {
                    result.append((name, items.compactMap(\.scalar).joined(separator: ", ")))
                } else {
                    for (index, item) in items.enumerated() {
                        let key = item["id"]?.scalar ?? String(index + 1)
                        walk(item, "\(name).\(key)")
                    }
                }
            case .mapping(let pairs):
                for pair in pairs {
                    walk(pair.value, name.isEmpty ? (pair.key.scalar ?? "?") : "\(name).\(pair.key.scalar ?? "?")")
                }
            }
        }
        for pair in root.mapping ?? [] where pair.key.scalar != "objectives" {
            walk(pair.value, pair.key.scalar ?? "?")
        }
        return result
    }

    /// Reads any Markdown file's front matter fields, for diffs of files that are not
    /// agreements. Unreadable YAML yields no fields rather than an error.
    static func metadata(of file: MarkdownFile) -> [(field: String, value: String)] {
        guard let yaml = file.frontMatterText, let root = try? parseYAML(yaml), root.mapping != nil else {
            return []
        }
        return flatten(root)
    }

    /// Collects validation problems of one file.
    private struct Problems {
        let path: String
        var list: [Diagnostic] = []
        /// Where a missing key is reported: the first line of the front matter.
        let frontMatterStart = SourceLocation(line: 2, column: 1)

        mutating func add(_ location: SourceLocation, _ message: String, hint: String) {
            list.append(Diagnostic(.error, path: path, location: location, message, hint: hint))
        }

        mutating func agreementID(_ root: YAMLNode) -> String? {
            guard let node = root["agreement"] else {
                add(
                    frontMatterStart, "front matter has no 'agreement:' key",
                    hint: "add 'agreement: an-id' (lowercase letters, digits and '-')")
                return nil
            }
            guard let id = node.scalar, id.wholeMatch(of: AgreementParser.agreementID) != nil else {
                add(
                    node.location, "agreement id '\(node.scalar ?? "(not text)")' is malformed",
                    hint: "use lowercase letters, digits and single '-' between them, as in 'acme-hosting'")
                return nil
            }
            return id
        }

        mutating func optionalString(_ root: YAMLNode, _ key: String) -> String? {
            guard let node = root[key] else { return nil }
            guard let text = node.scalar else {
                add(node.location, "'\(key)' must be text", hint: "write '\(key): some text'")
                return nil
            }
            return text
        }

        mutating func kind(_ root: YAMLNode) -> Agreement.Kind? {
            guard let node = root["kind"] else { return nil }
            guard let text = node.scalar, let kind = Agreement.Kind(rawValue: text) else {
                add(
                    node.location, "unknown kind '\(node.scalar ?? "(not text)")'",
                    hint: "use one of: service, customer, multi-level")
                return nil
            }
            return kind
        }

        mutating func parties(_ root: YAMLNode) -> [Agreement.Party] {
            guard let entry = root.entry("parties") else {
                add(
                    frontMatterStart, "front matter has no 'parties:'",
                    hint: "add 'parties:' with at least one party (provider, customer) and its approvers")
                return []
            }
            guard let pairs = entry.value.mapping, !pairs.isEmpty else {
                add(
                    entry.value.location, "'parties' must map party names to their details",
                    hint: "write 'parties:' then, indented, 'provider:' with 'name:' and 'approvers:'")
                return []
            }
            var result: [Agreement.Party] = []
            for pair in pairs {
                let role = pair.key.scalar ?? "?"
                let node = pair.value
                guard node.mapping != nil else {
                    add(
                        node.location, "party '\(role)' must have 'name' and 'approvers'",
                        hint: "indent them under '\(role):'")
                    continue
                }
                let approversNode = node["approvers"]
                let approvers =
                    approversNode?.sequence?.compactMap(\.scalar) ?? approversNode?.scalar.map { [$0] } ?? []
                if approvers.isEmpty {
                    add(
                        approversNode?.location ?? pair.key.location, "party '\(role)' has no approvers",
                        hint: "add 'approvers: [someone@example.com]' under '\(role):'")
                    continue
                }
                if let bad = approversNode?.sequence?.first(where: { $0.scalar.map(Self.looksLikeEmail) != true }) {
                    add(
                        bad.location,
                        "approver '\(bad.scalar ?? "(not text)")' of party '\(role)' is not an email address",
                        hint: "list approvers by the email address their signing key carries")
                    continue
                }
                var quorum = approvers.count
                if let quorumNode = node["quorum"] {
                    guard let value = quorumNode.scalar.flatMap(Int.init), (1...approvers.count).contains(value) else {
                        add(
                            quorumNode.location,
                            "quorum of party '\(role)' must be a whole number from 1 to \(approvers.count)",
                            hint: "set how many of the \(approvers.count) approvers must sign")
                        continue
                    }
                    quorum = value
                }
                result.append(
                    Agreement.Party(
                        role: role, name: node["name"]?.scalar, approvers: approvers, quorum: quorum,
                        location: pair.key.location))
            }
            return result
        }

        static func looksLikeEmail(_ text: String) -> Bool {
            let parts = text.split(separator: "@", omittingEmptySubsequences: false)
            return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty && !text.contains(" ")
        }

        mutating func date(_ root: YAMLNode, _ key: String) -> CalendarDate? {
            guard let node = root[key] else { return nil }
            guard let text = node.scalar, let date = CalendarDate(iso: text) else {
                add(
                    node.location, "'\(key)' is not a date: '\(node.scalar ?? "(not text)")'",
                    hint: "write the date as YYYY-MM-DD, as in 2027-12-31")
                return nil
            }
            return date
        }

        mutating func review(_ root: YAMLNode, key: String = "review") -> ReviewPeriod? {
            guard let node = root[key] else { return nil }
            guard let text = node.scalar, let period = ReviewPeriod(text) else {
                add(
                    node.location, "\(key) period '\(node.scalar ?? "(not text)")' cannot be read",
                    hint: "use monthly, quarterly, semiannual, yearly, or an ISO 8601 duration such as P90D")
                return nil
            }
            return period
        }

        mutating func references(_ root: YAMLNode) -> [String] {
            guard let node = root["references"] else { return [] }
            guard let items = node.sequence, items.allSatisfy({ $0.scalar != nil }) else {
                add(
                    node.location, "'references' must be a list of repository paths",
                    hint: "write '- path/to/document.md' lines under it")
                return []
            }
            return items.compactMap(\.scalar)
        }

        mutating func approvalPolicy(_ root: YAMLNode, parties: [Agreement.Party]) -> Agreement.ApprovalPolicy {
            guard let node = root["approval"] else { return .strict }
            var policy = Agreement.ApprovalPolicy()
            guard node.mapping != nil else {
                add(
                    node.location, "'approval' must hold 'carry-over' and 'owners'",
                    hint: "indent them under 'approval:'")
                return policy
            }
            if let carry = node["carry-over"] {
                for item in carry.sequence ?? [carry] {
                    guard let name = item.scalar,
                        name == "none" || Agreement.ApprovalPolicy.CarryOver(rawValue: name) != nil
                    else {
                        add(
                            item.location, "unknown carry-over rule '\(item.scalar ?? "(not text)")'",
                            hint: "use none, formatting, unowned-clauses, or a list of them")
                        continue
                    }
                    if let rule = Agreement.ApprovalPolicy.CarryOver(rawValue: name) { policy.carryOver.insert(rule) }
                }
            }
            for pair in node["owners"]?.mapping ?? [] {
                let party = pair.key.scalar ?? "?"
                guard parties.contains(where: { $0.role == party }) else {
                    add(
                        pair.key.location, "owners names '\(party)', which is not a party",
                        hint: "use a party listed under 'parties:'")
                    continue
                }
                policy.owners[party] = pair.value.sequence?.compactMap(\.scalar) ?? pair.value.scalar.map { [$0] } ?? []
            }
            return policy
        }

        mutating func objectives(_ root: YAMLNode) -> [Agreement.Objective] {
            guard let node = root["objectives"] else { return [] }
            guard let items = node.sequence else {
                add(
                    node.location, "'objectives' must be a list",
                    hint: "write '- id: availability' items with a 'target'")
                return []
            }
            var result: [Agreement.Objective] = []
            var seen: [String: Int] = [:]
            for item in items {
                guard let id = item["id"]?.scalar, id.wholeMatch(of: AgreementParser.objectiveID) != nil else {
                    add(
                        item["id"]?.location ?? item.location, "objective has no id or a malformed one",
                        hint: "give it 'id:' of lowercase letters, digits and '-', as in 'p1-first-response'")
                    continue
                }
                if let first = seen[id] {
                    add(
                        item.location, "objective id '\(id)' is used twice (first on line \(first))",
                        hint: "give each objective its own id")
                    continue
                }
                seen[id] = item.location.line
                guard let targetNode = item["target"] else {
                    add(item.location, "objective '\(id)' has no target", hint: "add 'target: \">= 99.9%\"' or similar")
                    continue
                }
                guard let text = targetNode.scalar, let target = ObjectiveTarget(text) else {
                    add(
                        targetNode.location,
                        "target '\(targetNode.scalar ?? "(not text)")' of objective '\(id)' cannot be read",
                        hint:
                            "write an operator, a number and a unit, quoted, as in \">= 99.9%\" or \"<= 4h\" (units: %, ms, s, min, h, d)"
                    )
                    continue
                }
                result.append(
                    Agreement.Objective(id: id, target: target, window: item["window"]?.scalar, location: item.location)
                )
            }
            return result
        }
    }
}
