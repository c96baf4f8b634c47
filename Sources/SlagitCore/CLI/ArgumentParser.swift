/// The options one command accepts.
public struct CommandSpec: Sendable {
    public let name: String
    public let summary: String
    public let usage: String
    /// Options that take a value (`-m MSG`, `--party=P`), long names without dashes.
    public let valueOptions: [String]
    /// Options that are on or off.
    public let flags: [String]
    /// Single-letter aliases: `m` → `message`.
    public let shortNames: [Character: String]
    public let maxPositionals: Int
    public let details: String
}

/// Arguments of one command, parsed.
public struct ParsedArguments: Sendable {
    public var positionals: [String] = []
    public var values: [String: String] = [:]
    public var flags: Set<String> = []

    public func value(_ name: String) -> String? { values[name] }
    public func flag(_ name: String) -> Bool { flags.contains(name) }
}

/// Parses `--name value`, `--name=value`, bundled short flags, and `--` (everything
/// after it is positional). Unknown options get the nearest known one suggested.
public enum ArgumentParser {
    public static func parse(_ arguments: [String], spec: CommandSpec) throws -> ParsedArguments {
        var result = ParsedArguments()
        var index = 0
        func usageError(_ message: String, hint: String? = nil) -> UserError {
            UserError(message, hint: hint ?? "see slagit \(spec.name) --help")
        }
        func take(_ name: String, inline: String?, short: Character? = nil) throws {
            if let inline {
                result.values[name] = inline
                return
            }
            index += 1
            guard index < arguments.count else {
                throw usageError(short.map { "-\($0) (--\(name)) needs a value" } ?? "--\(name) needs a value")
            }
            result.values[name] = arguments[index]
        }
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                result.positionals += arguments[(index + 1)...]
                break
            } else if argument.hasPrefix("--") {
                let body = argument.dropFirst(2)
                let name = String(body.prefix { $0 != "=" })
                let inline = body.contains("=") ? String(body.drop { $0 != "=" }.dropFirst()) : nil
                if spec.valueOptions.contains(name) {
                    try take(name, inline: inline)
                } else if spec.flags.contains(name) {
                    guard inline == nil else { throw usageError("--\(name) takes no value") }
                    result.flags.insert(name)
                } else {
                    let suggestion = nearest(name, among: spec.valueOptions + spec.flags)
                    throw usageError(
                        "unknown option --\(name) for slagit \(spec.name)",
                        hint: suggestion.map { "did you mean --\($0)?" })
                }
            } else if argument.hasPrefix("-"), argument.count > 1 {
                var letters = Array(argument.dropFirst())
                while !letters.isEmpty {
                    let letter = letters.removeFirst()
                    guard let name = spec.shortNames[letter] else {
                        throw usageError("unknown option -\(letter) for slagit \(spec.name)")
                    }
                    if spec.valueOptions.contains(name) {
                        try take(name, inline: letters.isEmpty ? nil : String(letters), short: letter)
                        letters = []
                    } else {
                        result.flags.insert(name)
                    }
                }
            } else {
                result.positionals.append(argument)
            }
            index += 1
        }
        if result.positionals.count > spec.maxPositionals {
            throw usageError(
                "too many arguments: \(result.positionals.joined(separator: " "))", hint: "usage: \(spec.usage)")
        }
        return result
    }

    /// The candidate closest to `word` by edit distance, if it is close enough to be a typo.
    static func nearest(_ word: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(Array(word), Array($0))) }.min { $0.1 < $1.1 }
        guard let best = scored, best.1 <= max(2, word.count / 3) else { return nil }
        return best.0
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
