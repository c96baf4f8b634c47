import CGit2

/// A git object id (SHA-1), as a plain Swift value.
public struct ObjectID: Hashable, Sendable, CustomStringConvertible {
    public let hex: String

    init(_ oid: git_oid) {
        var copy = oid
        var buffer = [CChar](repeating: 0, count: Int(GIT_OID_HEXSZ))
        git_oid_fmt(&buffer, &copy)
        hex = String(decoding: buffer.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Parses 40 hex digits; returns nil for anything else.
    public init?(hex: String) {
        guard hex.count == Int(GIT_OID_HEXSZ), hex.allSatisfy(\.isHexDigit) else { return nil }
        self.hex = hex.lowercased()
    }

    var raw: git_oid {
        var oid = git_oid()
        _ = git_oid_fromstr(&oid, hex)
        return oid
    }

    public var short: String { String(hex.prefix(10)) }
    public var description: String { hex }
}

/// The id git would give `text` stored as a blob (`git hash-object --stdin`).
public func hashAsBlob(_ text: String) -> ObjectID {
    LibGit2.ensureReady()
    var oid = git_oid()
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { git_odb_hash(&oid, $0.baseAddress, $0.count, GIT_OBJECT_BLOB) }
    return ObjectID(oid)
}
