/// A Markdown file split into its YAML front matter and its body.
public struct MarkdownFile: Sendable {
    /// The YAML between the opening `---` and the closing `---` (or `...`), if any.
    public let frontMatterText: String?
    /// File line of the first YAML line (the one after the opening `---`).
    public let frontMatterFirstLine: Int
    /// A slice of the file's text: copying a long agreement's body costs as much as
    /// parsing its front matter many times over.
    public let body: Substring
    /// File line of the first body line.
    public let bodyFirstLine: Int

    /// Splits `text`. A file without an opening `---` on its first line has no front
    /// matter; one whose front matter never closes is treated the same way, and
    /// ``AgreementParser`` reports it.
    public init(_ text: String) {
        // Unicode scalars, not Characters: "\r\n" is one Character, and CRLF files must
        // split at their line ends too.
        var rest = Substring(text).unicodeScalars
        if rest.first == "\u{FEFF}" { rest = rest.dropFirst() }
        // Scan line by line without splitting the whole file: most files have no front
        // matter, and for those only the first line is looked at.
        func lineEnd(from start: String.Index) -> String.Index {
            rest[start...].firstIndex(of: "\n") ?? rest.endIndex
        }
        func isFence(_ line: Substring.UnicodeScalarView.SubSequence, _ closers: [String]) -> Bool {
            guard line.first == "-" || line.first == "." else { return false }
            return closers.contains(String(line).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let firstEnd = lineEnd(from: rest.startIndex)
        if isFence(rest[rest.startIndex..<firstEnd], ["---"]), firstEnd < rest.endIndex {
            var lineNumber = 2
            var start = rest.index(after: firstEnd)
            while true {
                let end = lineEnd(from: start)
                if isFence(rest[start..<end], ["---", "..."]) {
                    frontMatterText = String(rest[rest.index(after: firstEnd)..<start].dropLast())
                    frontMatterFirstLine = 2
                    body = end < rest.endIndex ? text[rest.index(after: end)...] : ""
                    bodyFirstLine = lineNumber + 1
                    return
                }
                guard end < rest.endIndex else { break }
                start = rest.index(after: end)
                lineNumber += 1
            }
        }
        frontMatterText = nil
        frontMatterFirstLine = 1
        body = text[rest.startIndex...]
        bodyFirstLine = 1
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
