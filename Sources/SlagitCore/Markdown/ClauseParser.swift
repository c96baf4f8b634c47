import CCmarkGFM
import Foundation

/// Reads a Markdown body into clauses with cmark-gfm. The only file that touches cmark:
/// it copies what it needs out of the node tree and frees the tree before returning.
public enum ClauseParser {
    /// Parses `body`, whose first line is line `firstLine` of its file. Safe to call from
    /// several threads at once.
    public static func parse<Text: StringProtocol>(_ body: Text, firstLine: Int = 1) -> ClauseDocument {
        let lines = SourceLines(body)
        let root = parseTree(lines.bytes)
        var builder = ClauseBuilder(lines: lines, firstLine: firstLine)
        var node = cmark_node_first_child(root)
        while let current = node {
            builder.add(block: current)
            node = cmark_node_next(current)
        }
        // Freed before the clauses' Strings are made, so they can reuse its memory.
        cmark_node_free(root)
        return builder.finish()
    }

    /// cmark-gfm adds its extensions' special inline characters (strikethrough's `~`) to a
    /// process-wide table when a parse starts reading inlines, and removes them when it
    /// ends (github/cmark-gfm pull request 176 would fix this; Debian's version has it).
    /// Two parses at once could make one miss a strikethrough, so only one runs at a
    /// time; reading the finished trees needs no lock.
    private static let parseLock = NSLock()

    private static func parseTree(_ bytes: [UInt8]) -> OpaquePointer {
        parseLock.lock()
        defer { parseLock.unlock() }
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
        bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                cmark_parser_feed(parser, $0, buffer.count)
            }
        }
        guard let root = cmark_parser_finish(parser) else {
            preconditionFailure("cmark-gfm returned no document")
        }
        return root
    }
}

/// A body's bytes and where each line starts: slicing source lines this way costs a
/// fraction of splitting the whole text into Strings.
struct SourceLines {
    let bytes: [UInt8]
    private let starts: [Int]

    init<Text: StringProtocol>(_ text: Text) {
        // Copied as one block of memory where the text has one; byte by byte otherwise.
        bytes = text.utf8.withContiguousStorageIfAvailable { Array($0) } ?? Array(text.utf8)
        starts = bytes.withUnsafeBufferPointer { buffer in
            var starts = [0]
            for offset in buffer.indices where buffer[offset] == 0x0A { starts.append(offset + 1) }
            return starts
        }
    }

    var count: Int { starts.count }

    /// Appends lines `first` through `last` (0-based), joined by LF, without CRs before
    /// line ends. `droppingListMarker` removes an ordered-list marker ("12. ", "3) ")
    /// from the first: the number is numbering, not form.
    func append(from first: Int, through last: Int, droppingListMarker: Bool, to out: inout [UInt8]) {
        var lower = starts[first]
        let upper = last + 1 < starts.count ? starts[last + 1] - 1 : bytes.count
        if droppingListMarker {
            while lower < upper, bytes[lower] == 0x20 || (0x30...0x39).contains(bytes[lower]) { lower += 1 }
            if lower < upper { lower += 1 }
        }
        out.reserveCapacity(out.count + max(0, upper - lower))
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
    }
}

/// Walks the top-level blocks of a document and groups them into clauses.
///
/// Text is gathered as UTF-8 bytes, clause by clause, and made into Strings once at the
/// end: building Strings node by node cost most of a diff's time on long agreements.
private struct ClauseBuilder {
    let lines: SourceLines
    let firstLine: Int
    var clauses: [Clause] = []
    /// Per clause, what `finish` turns into its `text` (words of every block, one block
    /// per line, not yet normalised) and its `form` (Markdown source, not yet trimmed).
    var rawText: [[UInt8]] = []
    var rawForm: [[UInt8]] = []
    /// Numbered paragraphs without a title: `finish` names them by their first words.
    var untitled: [Int] = []
    /// Open headings, innermost last: (level, clause index).
    var headingStack: [(level: Int, index: Int)] = []
    var keysSeen: [String: Int] = [:]
    var duplicates: [(id: String, line: Int, column: Int, firstLine: Int)] = []
    let extensionRoles = ExtensionRoles()
    /// Reused for the text of each node read, so reading allocates only what is kept.
    var scratch: [UInt8] = []

    init(lines: SourceLines, firstLine: Int) {
        self.lines = lines
        self.firstLine = firstLine
        // Room for a clause every other line, so long documents rarely regrow these.
        let expected = lines.count / 2 + 1
        clauses.reserveCapacity(expected)
        rawText.reserveCapacity(expected)
        rawForm.reserveCapacity(expected)
        keysSeen.reserveCapacity(expected)
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

    private mutating func newClause(_ clause: Clause, text: [UInt8] = [], form: [UInt8]) {
        clauses.append(clause)
        rawText.append(text)
        rawForm.append(form)
    }

    private mutating func preambleIndex() -> Int {
        if let first = clauses.first, first.kind == .preamble { return 0 }
        newClause(
            Clause(
                // "(preamble)" cannot be a title's slug, so no heading can take its key.
                kind: .preamble, id: "preamble", matchKey: "(preamble)", hasExplicitID: false,
                number: nil, title: "(before the first heading)", level: 0, parent: nil,
                text: "", form: "", startLine: firstLine, startColumn: 1, endLine: firstLine),
            form: [])
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
        newClause(
            Clause(
                kind: .heading, id: key, matchKey: key, hasExplicitID: explicitID != nil,
                number: number, title: title, level: level, parent: parent, text: "", form: "",
                startLine: start.line, startColumn: start.column, endLine: endLine(of: node)),
            form: headingForm(level: level, title: title))
        headingStack.append((level, clauses.count - 1))
    }

    /// How a heading is written, without its numbering: "## Title".
    private func headingForm(level: Int, title: String) -> [UInt8] {
        var form: [UInt8] = []
        form.reserveCapacity(level + 1 + title.utf8.count)
        for _ in 0..<level { form.append(0x23) }
        form.append(0x20)
        form.append(contentsOf: title.utf8)
        return form
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
            let text = Array(collectedText(of: current))
            var form: [UInt8] = []
            appendSource(of: current, droppingListMarker: true, to: &form)
            if title == nil { untitled.append(clauses.count) }
            newClause(
                Clause(
                    kind: .numberedParagraph, id: id, matchKey: key, hasExplicitID: false,
                    number: "\(number).", title: title ?? "", level: clauses[parent].level + 1,
                    parent: parent, text: "", form: "",
                    startLine: start.line, startColumn: start.column, endLine: endLine(of: current)),
                text: text, form: form)
            number += 1
            item = cmark_node_next(current)
        }
        clauses[parent].endLine = max(clauses[parent].endLine, endLine(of: list))
    }

    private mutating func append(_ node: OpaquePointer, toClause index: Int) {
        // The buffers are taken out while they grow: appending to them in place through
        // `self` made Swift copy the whole list of buffers on every call.
        var text: [UInt8] = []
        var form: [UInt8] = []
        swap(&text, &rawText[index])
        swap(&form, &rawForm[index])
        // Blocks go one per line; `finish` drops the empty lines this leaves.
        text.append(0x0A)
        text.append(contentsOf: collectedText(of: node))
        form.append(0x0A)
        appendSource(of: node, droppingListMarker: false, to: &form)
        swap(&text, &rawText[index])
        swap(&form, &rawForm[index])
        clauses[index].endLine = max(clauses[index].endLine, endLine(of: node))
    }

    /// Chooses the clause's key: the explicit id, else the title's slug, qualified by the
    /// parent's key when another clause already took the plain slug.
    private mutating func register(
        explicitID: String?, title: String, parent: Int?, line: Int, column: Int, scoped: Bool = false
    ) -> String {
        let titleSlug = ClauseNumbering.slug(title)
        let slug = titleSlug.isEmpty ? "untitled" : titleSlug
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

    /// Makes each clause's text and form out of its raw bytes, freeing the bytes as it goes.
    mutating func finish() -> ClauseDocument {
        // Taken out of `self` first, so the list is changed in place rather than copied.
        var result: [Clause] = []
        swap(&result, &clauses)
        for index in result.indices {
            result[index].text = TextNormalizer.normalizeLines(rawText[index])
            result[index].form = TextNormalizer.trimmed(rawForm[index])
            rawText[index] = []
            rawForm[index] = []
        }
        for index in untitled { result[index].title = firstWords(of: result[index].text) }
        return ClauseDocument(clauses: result, duplicates: duplicates)
    }

    // MARK: Reading nodes

    private func location(of node: OpaquePointer) -> (line: Int, column: Int) {
        (Int(cmark_node_get_start_line(node)) + firstLine - 1, Int(cmark_node_get_start_column(node)))
    }

    private func endLine(of node: OpaquePointer) -> Int {
        Int(cmark_node_get_end_line(node)) + firstLine - 1
    }

    /// Appends the Markdown source lines of a block, with CR line ends made LF.
    private func appendSource(of node: OpaquePointer, droppingListMarker: Bool, to out: inout [UInt8]) {
        let start = Int(cmark_node_get_start_line(node)) - 1
        let end = min(Int(cmark_node_get_end_line(node)) - 1, lines.count - 1)
        guard start >= 0, start <= end else { return }
        lines.append(from: start, through: end, droppingListMarker: droppingListMarker, to: &out)
    }

    /// A list item's bold lead-in ("**Measurement Period**. The …"), without trailing
    /// punctuation, if the item opens with one.
    private mutating func leadInTitle(of item: OpaquePointer) -> String? {
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
        let words = text.split(maxSplits: 6, whereSeparator: \.isWhitespace).prefix(6)
        return words.joined(separator: " ") + (words.count == 6 ? " …" : "")
    }

    /// The text of inline content, without markup.
    private mutating func inlineText(of node: OpaquePointer) -> String {
        TextNormalizer.normalize(collectedText(of: node))
    }

    /// The text of a node, without markup, in `scratch`; valid until the next call.
    private mutating func collectedText(of node: OpaquePointer) -> ArraySlice<UInt8> {
        scratch.removeAll(keepingCapacity: true)
        Self.collectText(node, roles: extensionRoles, into: &scratch)
        return scratch[...]
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

    private static func append(_ string: UnsafePointer<CChar>?, to out: inout [UInt8]) {
        guard let string else { return }
        out.append(contentsOf: UnsafeRawBufferPointer(start: string, count: strlen(string)))
    }

    private static func collectText(_ node: OpaquePointer, roles: ExtensionRoles, into out: inout [UInt8]) {
        let type = cmark_node_get_type(node)
        switch type {
        case CMARK_NODE_TEXT, CMARK_NODE_CODE:
            Self.append(cmark_node_get_literal(node), to: &out)
            return
        case CMARK_NODE_LINK:
            // Where a link points is part of what a clause says; how it is written (inline
            // or by reference) is not, and cmark resolves both to the same URL.
            var child = cmark_node_first_child(node)
            while let current = child {
                collectText(current, roles: roles, into: &out)
                child = cmark_node_next(current)
            }
            if let url = cmark_node_get_url(node), url.pointee != 0 {
                out.append(contentsOf: " <".utf8)
                Self.append(url, to: &out)
                out.append(0x3E)
            }
            return
        case CMARK_NODE_HTML_INLINE:
            // An inline tag (<br>, <li>, <b>) is form: it separates words but is not one.
            let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            out.append(contentsOf: (literal.hasPrefix("<!--") ? ClauseBuilder.removingHTMLComments(literal) : " ").utf8)
            return
        case CMARK_NODE_HTML_BLOCK, CMARK_NODE_CODE_BLOCK:
            // HTML comments are notes to editors, not words of the agreement.
            out.append(0x0A)
            if type == CMARK_NODE_CODE_BLOCK {
                Self.append(cmark_node_get_literal(node), to: &out)
            } else {
                let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                out.append(contentsOf: ClauseBuilder.removingHTMLComments(literal).utf8)
            }
            out.append(0x0A)
            return
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
            out.append(0x20)
            return
        case CMARK_NODE_PARAGRAPH, CMARK_NODE_ITEM, CMARK_NODE_LIST, CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_HEADING:
            collectChildren(of: node, isBlock: true, isRow: false, roles: roles, into: &out)
        case CMARK_NODE_EMPH, CMARK_NODE_STRONG:
            collectChildren(of: node, isBlock: false, isRow: false, roles: roles, into: &out)
        default:
            switch roles.role(of: node, type: type) {
            // Struck-through text is deleted text in a legal redline, not words in force.
            case .strikethrough: return
            // A table row is one line; its cells are parts of that line, not blocks of their own.
            case .tableRow: collectChildren(of: node, isBlock: true, isRow: true, roles: roles, into: &out)
            case .tableCell, .inline: collectChildren(of: node, isBlock: false, isRow: false, roles: roles, into: &out)
            case .block: collectChildren(of: node, isBlock: true, isRow: false, roles: roles, into: &out)
            }
        }
    }

    private static func collectChildren(
        of node: OpaquePointer, isBlock: Bool, isRow: Bool, roles: ExtensionRoles, into out: inout [UInt8]
    ) {
        if isBlock { out.append(0x0A) }
        var child = cmark_node_first_child(node)
        var first = true
        while let current = child {
            if isRow && !first { out.append(contentsOf: " | ".utf8) }
            collectText(current, roles: roles, into: &out)
            first = false
            child = cmark_node_next(current)
        }
        if isBlock { out.append(0x0A) }
    }
}

/// What each extension node type (tables, strikethrough) is, looked up by name once per
/// document: cmark numbers extension types when it registers them.
private final class ExtensionRoles {
    enum Role { case strikethrough, tableRow, tableCell, block, inline }

    private var roles: [UInt32: Role] = [:]

    func role(of node: OpaquePointer, type: cmark_node_type) -> Role {
        if let known = roles[type.rawValue] { return known }
        let role: Role
        switch cmark_node_get_type_string(node).map({ String(cString: $0) }) {
        case "strikethrough": role = .strikethrough
        case "table_row", "table_header": role = .tableRow
        case "table_cell": role = .tableCell
        default:
            role =
                (UInt32(type.rawValue) & UInt32(CMARK_NODE_TYPE_MASK)) == UInt32(CMARK_NODE_TYPE_BLOCK)
                ? .block : .inline
        }
        roles[type.rawValue] = role
        return role
    }

}
