import Foundation

/// An annotated tag object's text, parsed: header fields, message, and the signature
/// appended to the message (as `git tag -s` writes it).
struct TagObject {
    let target: ObjectID
    let targetType: String
    let name: String
    let tagger: GitIdentity?
    /// The message with any signature removed.
    let message: String
    let signed: SignedPayload?

    /// The text of a tag object to be signed.
    static func payload(target: ObjectID, name: String, tagger: GitIdentity, message: String) -> String {
        "object \(target.hex)\ntype commit\ntag \(name)\ntagger \(tagger.headerLine)\n\n\(message)"
    }

    init?(raw: Data) {
        let text = String(decoding: raw, as: UTF8.self)
        guard let headerEnd = text.range(of: "\n\n") else { return nil }
        var fields: [String: String] = [:]
        for line in text[..<headerEnd.lowerBound].split(separator: "\n") {
            guard let space = line.firstIndex(of: " ") else { continue }
            fields[String(line[..<space])] = String(line[line.index(after: space)...])
        }
        guard let object = fields["object"].flatMap({ ObjectID(hex: $0) }), let type = fields["type"],
            let name = fields["tag"]
        else { return nil }
        target = object
        targetType = type
        self.name = name
        tagger = fields["tagger"].flatMap(TagObject.parseIdentity)
        signed = SignedPayload(text)
        let body = text[headerEnd.upperBound...]
        if let signed {
            message = String(signed.payload.dropFirst(text.distance(from: text.startIndex, to: headerEnd.upperBound)))
        } else {
            message = String(body)
        }
    }

    /// Reads `Name <email> 1700000000 +0100`.
    static func parseIdentity(_ line: String) -> GitIdentity? {
        guard let open = line.lastIndex(of: "<"), let close = line.lastIndex(of: ">"), open < close else { return nil }
        let name = line[..<open].trimmingCharacters(in: .whitespaces)
        let email = String(line[line.index(after: open)..<close])
        let rest = line[line.index(after: close)...].split(separator: " ")
        guard rest.count == 2, let time = Int64(rest[0]), rest[1].count == 5,
            let zone = Int(rest[1].dropFirst())
        else { return nil }
        let minutes = (zone / 100) * 60 + zone % 100
        return GitIdentity(
            name: name, email: email, time: time, offsetMinutes: rest[1].hasPrefix("-") ? -minutes : minutes)
    }
}
