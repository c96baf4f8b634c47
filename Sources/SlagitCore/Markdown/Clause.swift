/// One clause of a document: a heading and the text under it up to its first
/// sub-clause, or a numbered paragraph (an ordered-list item) inside a heading's text.
public struct Clause: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        /// Text before the first heading.
        case preamble
        case heading
        /// An ordered-list item, a sub-clause of the heading it sits under.
        case numberedParagraph = "numbered-paragraph"
    }

    public var kind: Kind
    /// Unique within the document; what reports call the clause.
    public var id: String
    /// What identifies the clause across revisions: its explicit `{#id}` or its title
    /// without numbering. Nil for a numbered paragraph without a title: those are
    /// matched by their text alone.
    public var matchKey: String?
    /// True when `id` came from an explicit `{#id}`.
    public var hasExplicitID: Bool
    /// The numbering as written ("2.1", "A.", "(b)"), if any.
    public var number: String?
    /// The title without numbering and without `{#id}`.
    public var title: String
    /// The heading level (1–6); a numbered paragraph is one deeper than its heading.
    public var level: Int
    /// Index of the enclosing clause in the document's clause list.
    public var parent: Int?
    /// The clause's own words, with markup, line wrapping and quote styles removed:
    /// what the clause says. Sub-clauses are not included.
    public var text: String
    /// The clause's own Markdown with the numbering removed: how it is written.
    /// Differs from an earlier revision's while `text` does not for a formatting change.
    public var form: String
    public var startLine: Int
    public var startColumn: Int
    public var endLine: Int
}

/// The clauses of one Markdown body, in document order.
public struct ClauseDocument: Sendable {
    public var clauses: [Clause]
    /// Clause ids written twice with `{#id}`, or titles repeated under one parent:
    /// an agreement must not have them. Each names the second place.
    public var duplicates: [(id: String, line: Int, column: Int, firstLine: Int)]

    public init(clauses: [Clause], duplicates: [(id: String, line: Int, column: Int, firstLine: Int)]) {
        self.clauses = clauses
        self.duplicates = duplicates
    }

    /// The path of titles from the top, for showing where a clause sits.
    public func path(of index: Int) -> [String] {
        var names: [String] = []
        var current: Int? = index
        while let at = current {
            names.insert(clauses[at].title, at: 0)
            current = clauses[at].parent
        }
        return names
    }
}
