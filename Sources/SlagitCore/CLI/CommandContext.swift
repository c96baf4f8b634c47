import Foundation

/// Everything a command needs from the outside world, passed in so tests can run
/// commands without spawning a process.
public struct CommandContext {
    public var workingDirectory: String
    public var environment: [String: String]
    /// Writes to standard output: the product of the command.
    public var writeOutput: (String) -> Void
    /// Writes to standard error: diagnostics and narration.
    public var writeError: (String) -> Void
    public var outputIsTerminal: Bool
    public var errorIsTerminal: Bool
    /// Reads all of standard input (what git hands a hook).
    public var readInput: () -> String

    public init(
        workingDirectory: String, environment: [String: String], writeOutput: @escaping (String) -> Void,
        writeError: @escaping (String) -> Void, outputIsTerminal: Bool, errorIsTerminal: Bool,
        readInput: @escaping () -> String = { "" }
    ) {
        self.workingDirectory = workingDirectory
        self.environment = environment
        self.writeOutput = writeOutput
        self.writeError = writeError
        self.outputIsTerminal = outputIsTerminal
        self.errorIsTerminal = errorIsTerminal
        self.readInput = readInput
    }

    /// Colour only on a terminal, and never when NO_COLOR is set (to anything).
    public var colourOutput: Bool { outputIsTerminal && environment["NO_COLOR"] == nil }
    var colourErrors: Bool { errorIsTerminal && environment["NO_COLOR"] == nil }

    func print(_ text: String = "") { writeOutput(text + "\n") }

    func report(_ diagnostic: Diagnostic) {
        var text = diagnostic.description
        if colourErrors {
            let colour = diagnostic.severity == .error ? Style.red : Style.yellow
            text = text.replacingOccurrences(
                of: "\(diagnostic.severity.rawValue):", with: colour("\(diagnostic.severity.rawValue):"), options: [],
                range: text.range(of: "\(diagnostic.severity.rawValue):"))
        }
        writeError(text + "\n")
    }

    /// Progress and next steps for a person, on stderr so stdout stays the product.
    func note(_ text: String) { writeError(text + "\n") }
}

/// ANSI styles, used only when ``CommandContext`` says colour is on.
enum Style {
    static func red(_ text: String) -> String { "\u{1B}[31m\(text)\u{1B}[0m" }
    static func green(_ text: String) -> String { "\u{1B}[32m\(text)\u{1B}[0m" }
    static func yellow(_ text: String) -> String { "\u{1B}[33m\(text)\u{1B}[0m" }
    static func bold(_ text: String) -> String { "\u{1B}[1m\(text)\u{1B}[0m" }
    static func strike(_ text: String) -> String { "\u{1B}[9;31m\(text)\u{1B}[0m" }
    static func underline(_ text: String) -> String { "\u{1B}[4;32m\(text)\u{1B}[0m" }
}
