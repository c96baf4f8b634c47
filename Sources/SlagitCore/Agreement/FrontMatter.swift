/// A Markdown file split into its YAML front matter and its body.
public struct MarkdownFile: Sendable {
    /// The YAML between the opening `---` and the closing `---` (or `...`), if any.
    public let frontMatterText: String?
    /// File line of the first YAML line (the one after the opening `---`).
    public let frontMatterFirstLine: Int
    public let body: String
    /// File line of the first body line.
    public let bodyFirstLine: Int

    /// Splits `text`. A file without an opening `---` on its first line has no front
    /// matter; one whose front matter never closes is treated the same way, and
    /// ``AgreementParser`` reports it.
    public init(_ text: String) {
        var lines = text.components(separatedBy: "\n")
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = String(first.dropFirst()) }
        let isFence = { (line: String, closers: [String]) in
            closers.contains(line.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\r", with: ""))
        }
        guard let first = lines.first, isFence(first, ["---"]),
            let close = lines.dropFirst().firstIndex(where: { isFence($0, ["---", "..."]) })
        else {
            frontMatterText = nil
            frontMatterFirstLine = 1
            body = lines.joined(separator: "\n")
            bodyFirstLine = 1
            return
        }
        frontMatterText = lines[1..<close].joined(separator: "\n")
        frontMatterFirstLine = 2
        body = lines[(close + 1)...].joined(separator: "\n")
        bodyFirstLine = close + 2
    }

    /// True when the file opens with `---` but no closing fence follows.
    public static func hasUnclosedFrontMatter(_ text: String) -> Bool {
        let file = MarkdownFile(text)
        return file.frontMatterText == nil
            && text.split(separator: "\n", maxSplits: 1).first.map {
                $0.trimmingCharacters(in: .whitespaces) == "---"
            } == true
    }
}
