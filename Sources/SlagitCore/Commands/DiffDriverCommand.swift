import Foundation

/// `slagit diff-driver`: what git runs as the external diff for agreements once
/// `slagit init --diff-driver` has registered it, so `git diff` shows clause changes.
enum DiffDriverCommand: Command {
    static let spec = CommandSpec(
        name: "diff-driver", summary: "run by git diff as the diff driver that init --diff-driver registers",
        usage: "slagit diff-driver PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE", valueOptions: [],
        flags: [], shortNames: [:], maxPositionals: 7,
        details: """
            git calls this with the seven arguments of GIT_EXTERNAL_DIFF; it prints the clause-level
            diff of the two files. Plain git diff uses it; git log -p and git show need --ext-diff.
            """)

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let values = arguments.positionals
        guard values.count == 7 else {
            throw UserError("diff-driver takes the seven arguments git passes", hint: "usage: \(spec.usage)")
        }
        func read(_ file: String) -> String? {
            file == "/dev/null"
                ? nil : (try? Data(contentsOf: URL(fileURLWithPath: file))).map { String(decoding: $0, as: UTF8.self) }
        }
        let report = DiffReport.compare(
            old: read(values[1]), new: read(values[4]), path: values[0], from: String(values[2].prefix(10)),
            to: String(values[5].prefix(10)))
        context.writeOutput(DiffTextRenderer(colour: context.colourOutput).render(report))
        return 0
    }
}
