import CYAML

/// A YAML node with the place it starts, read by libyaml. Only what front matter needs:
/// scalars, sequences and mappings. Anchors and aliases are refused.
public struct YAMLNode: Sendable {
    public indirect enum Value: Sendable {
        case scalar(String, quoted: Bool)
        case sequence([YAMLNode])
        case mapping([(key: YAMLNode, value: YAMLNode)])
    }

    public let value: Value
    public let location: SourceLocation

    public var scalar: String? {
        if case .scalar(let text, _) = value { return text }
        return nil
    }

    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = value { return items }
        return nil
    }

    public var mapping: [(key: YAMLNode, value: YAMLNode)]? {
        if case .mapping(let pairs) = value { return pairs }
        return nil
    }

    /// The value under a scalar key of a mapping.
    public subscript(key: String) -> YAMLNode? {
        mapping?.first { $0.key.scalar == key }?.value
    }

    /// The entry (key node and value node) under `key`, for errors that point at the key.
    public func entry(_ key: String) -> (key: YAMLNode, value: YAMLNode)? {
        mapping?.first { $0.key.scalar == key }
    }
}

/// A YAML text that libyaml could not read, at the place it gave up.
public struct YAMLSyntaxError: Error, Sendable {
    public let message: String
    public let location: SourceLocation
}

/// Parses one YAML document with libyaml. `firstLine` is the line of the file the
/// text starts at, so every location is a line of the file, not of the snippet.
public func parseYAML(_ text: String, firstLine: Int = 1) throws -> YAMLNode? {
    var parser = yaml_parser_t()
    guard yaml_parser_initialize(&parser) == 1 else {
        throw YAMLSyntaxError(message: "libyaml could not start", location: .init(line: firstLine, column: 1))
    }
    defer { yaml_parser_delete(&parser) }
    let bytes = Array(text.utf8)
    return try bytes.withUnsafeBufferPointer { buffer -> YAMLNode? in
        yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
        var builder = YAMLTreeBuilder(firstLine: firstLine)
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else {
                let mark = parser.problem_mark
                let problem = parser.problem.map { String(cString: $0) } ?? "unreadable YAML"
                let context = parser.context.map { String(cString: $0) + ": " } ?? ""
                throw YAMLSyntaxError(
                    message: context + problem,
                    location: builder.location(of: mark))
            }
            defer { yaml_event_delete(&event) }
            if try builder.consume(event) { break }
        }
        return builder.root
    }
}

/// Turns libyaml's event stream into a ``YAMLNode`` tree.
private struct YAMLTreeBuilder {
    private enum Open {
        case sequence([YAMLNode], SourceLocation)
        case mapping([(key: YAMLNode, value: YAMLNode)], pendingKey: YAMLNode?, SourceLocation)
    }

    let firstLine: Int
    private var stack: [Open] = []
    private(set) var root: YAMLNode?

    init(firstLine: Int) { self.firstLine = firstLine }

    func location(of mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(line: Int(mark.line) + firstLine, column: Int(mark.column) + 1)
    }

    /// Returns true at the end of the stream.
    mutating func consume(_ event: yaml_event_t) throws -> Bool {
        let here = location(of: event.start_mark)
        switch event.type {
        case YAML_STREAM_END_EVENT:
            return true
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = String(
                decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            let quoted = scalar.style != YAML_PLAIN_SCALAR_STYLE
            try add(YAMLNode(value: .scalar(text, quoted: quoted), location: here))
        case YAML_SEQUENCE_START_EVENT:
            stack.append(.sequence([], here))
        case YAML_MAPPING_START_EVENT:
            stack.append(.mapping([], pendingKey: nil, here))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            switch stack.removeLast() {
            case .sequence(let items, let start):
                try add(YAMLNode(value: .sequence(items), location: start))
            case .mapping(let pairs, _, let start):
                try add(YAMLNode(value: .mapping(pairs), location: start))
            }
        case YAML_ALIAS_EVENT:
            throw YAMLSyntaxError(
                message: "YAML aliases (*name) are not supported in front matter; write the value out",
                location: here)
        default:
            break  // stream and document starts and ends carry nothing we keep
        }
        return false
    }

    private mutating func add(_ node: YAMLNode) throws {
        // YAML forbids a key twice in one mapping; readers disagree on which one wins
        // (libyaml keeps both, others the last), so an agreement must not have it.
        if case .mapping(let pairs, nil, _)? = stack.last, let key = node.scalar,
            let first = pairs.first(where: { $0.key.scalar == key })
        {
            throw YAMLSyntaxError(
                message: "duplicate key '\(key)' (first on line \(first.key.location.line))", location: node.location)
        }
        guard let top = stack.popLast() else {
            if root == nil { root = node }
            return
        }
        switch top {
        case .sequence(var items, let start):
            items.append(node)
            stack.append(.sequence(items, start))
        case .mapping(var pairs, let pendingKey, let start):
            if let key = pendingKey {
                pairs.append((key, node))
                stack.append(.mapping(pairs, pendingKey: nil, start))
            } else {
                stack.append(.mapping(pairs, pendingKey: node, start))
            }
        }
    }
}
