import CGit2

/// Reads the trailers ("Key: value" lines in the last paragraph) of a commit or tag
/// message, with libgit2's parser, which follows git's `interpret-trailers` rules.
public func messageTrailers(_ message: String) -> [(key: String, value: String)] {
    LibGit2.ensureReady()
    var array = git_message_trailer_array()
    guard git_message_trailers(&array, message) == 0 else { return [] }
    defer { git_message_trailer_array_free(&array) }
    var result: [(String, String)] = []
    for index in 0..<array.count {
        let trailer = array.trailers[index]
        guard let key = trailer.key, let value = trailer.value else { continue }
        result.append((String(cString: key), String(cString: value)))
    }
    return result
}
