import CCmarkGFM
import Foundation

/// Reads a Markdown body into clauses with cmark-gfm. The only file that touches cmark:
/// it copies what it needs out of the node tree and frees the tree before returning.
public enum ClauseParser {
    /// Parses `body`, whose first line is line `firstLine` of its file.
    public static func parse(_ body: String, firstLine: Int = 1) -> ClauseDocument {
        cmark_gfm_core_extensions_ensure_registered()
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else {
            preconditionFailure("cmark-gfm could not allocate a parser")
        }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough"] {
            if let extensionHandle = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, extensionHandle)
            }
        }
        let bytes = Array(body.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                cmark_parser_feed(parser, $0, buffer.count)
            }
        }
        guard let root = cmark_parser_finish(parser) else {
            preconditionFailure("cmark-gfm returned no document")
        }
        defer { cmark_node_free(root) }
        var builder = ClauseBuilder(
            lines: SourceLines(body), firstLine: firstLine)
        var node = cmark_node_first_child(root)
        while let current = node {
            builder.add(block: current)
            node = cmark_node_next(current)
        }
        return builder.finish()
    }
}

/// A body's bytes and where each line starts: slicing source lines this way costs a
/// fraction of splitting the whole text into Strings.
struct SourceLines {
    private let bytes: [UInt8]
    private let starts: [Int]

    init(_ text: String) {
        bytes = Array(text.utf8)
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == 0x0A { starts.append(offset + 1) }
        self.starts = starts
    }

    var count: Int { starts.count }

    /// Lines `first` through `last` (0-based), joined by LF, without CRs before line ends.
    /// `droppingListMarker` removes an ordered-list marker ("12. ", "3) ") from the first:
    /// the number is numbering, not form.
    func text(from first: Int, through last: Int, droppingListMarker: Bool) -> String {
        var lower = starts[first]
        let upper = last + 1 < starts.count ? starts[last + 1] - 1 : bytes.count
        if droppingListMarker {
            while lower < upper, bytes[lower] == 0x20 || (0x30...0x39).contains(bytes[lower]) { lower += 1 }
            if lower < upper { lower += 1 }
        }
        var out: [UInt8] = []
        out.reserveCapacity(max(0, upper - lower))
        var index = lower
        while index < upper {
            let byte = bytes[index]
            if byte == 0x0D, index + 1 == upper || bytes[index + 1] == 0x0A {
                index += 1
                continue
            }
            out.append(byte)
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Walks the top-level blocks of a document and groups them into clauses.
private struct ClauseBuilder {
    let lines: SourceLines
    let firstLine: Int
    var clauses: [Clause] = []
    /// Open headings, innermost last: (level, clause index).
    var headingStack: [(level: Int, index: Int)] = []
    var keysSeen: [String: Int] = [:]
    var duplicates: [(id: String, line: Int, column: Int, firstLine: Int)] = []

    init(lines: SourceLines, firstLine: Int) {
        self.lines = lines
        self.firstLine = firstLine
    }

    mutating func add(block node: OpaquePointer) {
        if cmark_node_get_type(node) == CMARK_NODE_HEADING {
            addHeading(node)
        } else if cmark_node_get_type(node) == CMARK_NODE_LIST,
            cmark_node_get_list_type(node) == CMARK_ORDERED_LIST, let parent = headingStack.last?.index
        {
            addNumberedParagraphs(list: node, parent: parent)
        } else {
            let index = headingStack.last?.index ?? preambleIndex()
            append(node, toClause: index)
        }
    }

    private mutating func preambleIndex() -> Int {
        if let first = clauses.first, first.kind == .preamble { return 0 }
        clauses.append(
            Clause(
                // "(preamble)" cannot be a title's slug, so no heading can take its key.
                kind: .preamble, id: "preamble", matchKey: "(preamble)", hasExplicitID: false,
                number: nil, title: "(before the first heading)", level: 0, parent: nil,
                text: "", form: "", startLine: firstLine, startColumn: 1, endLine: firstLine))
        return 0
    }

    private mutating func addHeading(_ node: OpaquePointer) {
        let level = Int(cmark_node_get_heading_level(node))
        while let top = headingStack.last, top.level >= level { headingStack.removeLast() }
        let parent = headingStack.last?.index
        let (explicitID, withoutID) = ClauseNumbering.splitExplicitID(inlineText(of: node))
        let (number, title) = ClauseNumbering.splitNumber(withoutID)
        let start = location(of: node)
        let key = register(
            explicitID: explicitID, title: title, parent: parent, line: start.line, column: start.column)
        clauses.append(
            Clause(
                kind: .heading, id: key, matchKey: key, hasExplicitID: explicitID != nil,
                number: number, title: title, level: level, parent: parent, text: "",
                form: String(repeating: "#", count: level) + " " + title, startLine: start.line,
                startColumn: start.column, endLine: endLine(of: node)))
        headingStack.append((level, clauses.count - 1))
    }

    private mutating func addNumberedParagraphs(list: OpaquePointer, parent: Int) {
        var number = Int(cmark_node_get_list_start(list))
        var item = cmark_node_first_child(list)
        while let current = item {
            let start = location(of: current)
            let title = leadInTitle(of: current)
            var key: String? = nil
            var id = "\(clauses[parent].id)/\(number)"
            if let title, !ClauseNumbering.slug(title).isEmpty {
                key = register(
                    explicitID: nil, title: title, parent: parent, line: start.line,
                    column: start.column, scoped: true)
                id = key!
            }
            let text = normalizedText(of: current)
            clauses.append(
                Clause(
                    kind: .numberedParagraph, id: id, matchKey: key, hasExplicitID: false,
                    number: "\(number).", title: title ?? firstWords(of: text), level: clauses[parent].level + 1,
                    parent: parent, text: text, form: sourceText(of: current, droppingListMarker: true),
                    startLine: start.line, startColumn: start.column, endLine: endLine(of: current)))
            number += 1
            item = cmark_node_next(current)
        }
        clauses[parent].endLine = max(clauses[parent].endLine, endLine(of: list))
    }

    private mutating func append(_ node: OpaquePointer, toClause index: Int) {
        let text = normalizedText(of: node)
        let form = sourceText(of: node, droppingListMarker: false)
        clauses[index].text += clauses[index].text.isEmpty || text.isEmpty ? text : "\n" + text
        clauses[index].form += "\n" + form
        clauses[index].endLine = max(clauses[index].endLine, endLine(of: node))
    }

    /// Chooses the clause's key: the explicit id, else the title's slug, qualified by the
    /// parent's key when another clause already took the plain slug.
    private mutating func register(
        explicitID: String?, title: String, parent: Int?, line: Int, column: Int, scoped: Bool = false
    ) -> String {
        let slug = ClauseNumbering.slug(title).isEmpty ? "untitled" : ClauseNumbering.slug(title)
        var key = explicitID ?? (scoped ? "\(clauses[parent!].id)/\(slug)" : slug)
        if let first = keysSeen[key] {
            if explicitID == nil, !scoped, let parent, keysSeen["\(clauses[parent].id)/\(slug)"] == nil {
                key = "\(clauses[parent].id)/\(slug)"
            } else {
                duplicates.append((key, line, column, first))
                var suffix = 2
                while keysSeen["\(key)~\(suffix)"] != nil { suffix += 1 }
                key = "\(key)~\(suffix)"
            }
        }
        keysSeen[key] = line
        return key
    }

    func finish() -> ClauseDocument {
        var result = clauses
        for index in result.indices {
            result[index].form = TextNormalizer.trimmed(result[index].form)
        }
        return ClauseDocument(clauses: result, duplicates: duplicates)
    }

    // MARK: Reading nodes

    private func location(of node: OpaquePointer) -> (line: Int, column: Int) {
        (Int(cmark_node_get_start_line(node)) + firstLine - 1, Int(cmark_node_get_start_column(node)))
    }

    private func endLine(of node: OpaquePointer) -> Int {
        Int(cmark_node_get_end_line(node)) + firstLine - 1
    }

    /// The Markdown source lines of a block, with CR line ends made LF.
    private func sourceText(of node: OpaquePointer, droppingListMarker: Bool) -> String {
        let start = Int(cmark_node_get_start_line(node)) - 1
        let end = min(Int(cmark_node_get_end_line(node)) - 1, lines.count - 1)
        guard start >= 0, start <= end else { return "" }
        return lines.text(from: start, through: end, droppingListMarker: droppingListMarker)
    }

    /// A list item's bold lead-in ("**Measurement Period**. The …"), without trailing
    /// punctuation, if the item opens with one.
    private func leadInTitle(of item: OpaquePointer) -> String? {
        // A heading inside the item ("1. ### Fees") titles it, without its numbering.
        if let heading = cmark_node_first_child(item), cmark_node_get_type(heading) == CMARK_NODE_HEADING {
            let title = ClauseNumbering.splitNumber(ClauseNumbering.splitExplicitID(inlineText(of: heading)).rest).title
            return title.isEmpty ? nil : title
        }
        guard let paragraph = cmark_node_first_child(item),
            cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
            let first = cmark_node_first_child(paragraph),
            cmark_node_get_type(first) == CMARK_NODE_STRONG
        else { return nil }
        let title = inlineText(of: first).trimmingCharacters(
            in: CharacterSet(charactersIn: ".:;,—– ").union(.whitespaces))
        return title.isEmpty ? nil : title
    }

    private func firstWords(of text: String) -> String {
        let words = text.split(whereSeparator: \.isWhitespace).prefix(6)
        return words.joined(separator: " ") + (words.count == 6 ? " …" : "")
    }

    /// The text of inline content, without markup.
    private func inlineText(of node: OpaquePointer) -> String {
        var out = ""
        collectText(node, into: &out)
        return TextNormalizer.normalize(out)
    }

    /// What a block says: its text without markup, one line per block, whitespace folded.
    private func normalizedText(of node: OpaquePointer) -> String {
        var out = ""
        collectText(node, into: &out)
        return TextNormalizer.normalizeLines(out)
    }

    static func removingHTMLComments(_ html: String) -> String {
        var result = ""
        var rest = Substring(html)
        while let open = rest.range(of: "<!--") {
            result += rest[..<open.lowerBound]
            let after = rest[open.upperBound...]
            // "<!-->" and "<!--->" end at once in HTML: what follows is shown, so it counts.
            if after.hasPrefix(">") {
                rest = after.dropFirst(1)
                continue
            }
            if after.hasPrefix("->") {
                rest = after.dropFirst(2)
                continue
            }
            guard let close = after.range(of: "-->") else { return result }
            rest = after[close.upperBound...]
        }
        return result + rest
    }

    private func collectText(_ node: OpaquePointer, into out: inout String) {
        let type = cmark_node_get_type(node)
        switch type {
        case CMARK_NODE_TEXT, CMARK_NODE_CODE:
            out += cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            return
        case CMARK_NODE_LINK:
            // Where a link points is part of what a clause says; how it is written (inline
            // or by reference) is not, and cmark resolves both to the same URL.
            var child = cmark_node_first_child(node)
            while let current = child {
                collectText(current, into: &out)
                child = cmark_node_next(current)
            }
            if let url = cmark_node_get_url(node).map({ String(cString: $0) }), !url.isEmpty { out += " <\(url)>" }
            return
        case CMARK_NODE_HTML_INLINE:
            // An inline tag (<br>, <li>, <b>) is form: it separates words but is not one.
            let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            out += literal.hasPrefix("<!--") ? ClauseBuilder.removingHTMLComments(literal) : " "
            return
        case CMARK_NODE_HTML_BLOCK, CMARK_NODE_CODE_BLOCK:
            // HTML comments are notes to editors, not words of the agreement.
            let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            out += "\n" + (type == CMARK_NODE_CODE_BLOCK ? literal : ClauseBuilder.removingHTMLComments(literal)) + "\n"
            return
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
            out += " "
            return
        default:
            break
        }
        let typeName = cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
        // Struck-through text is deleted text in a legal redline, not words in force.
        if typeName == "strikethrough" { return }
        // A table row is one line; its cells are parts of that line, not blocks of their own.
        let isRow = typeName == "table_row" || typeName == "table_header"
        let isBlock =
            isRow
            || (typeName != "table_cell"
                && (UInt32(type.rawValue) & UInt32(CMARK_NODE_TYPE_MASK)) == UInt32(CMARK_NODE_TYPE_BLOCK))
        if isBlock { out += "\n" }
        var child = cmark_node_first_child(node)
        var first = true
        while let current = child {
            if isRow && !first { out += " | " }
            collectText(current, into: &out)
            first = false
            child = cmark_node_next(current)
        }
        if isBlock { out += "\n" }
    }
}
