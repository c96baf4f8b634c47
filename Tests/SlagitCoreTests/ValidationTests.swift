import Foundation
import Testing

@testable import SlagitCore

/// Each file in fixtures/invalid marks the errors it must produce on the line where they
/// belong: `expect-error COLUMN: MESSAGE` for that line, `expect-error-next-line
/// COLUMN: MESSAGE` for the line after.
@Suite("Validation errors point at the fault")
struct ValidationTests {
    struct Expected: Equatable, CustomStringConvertible {
        let line: Int
        let column: Int
        let message: String
        var description: String { "\(line):\(column): \(message)" }
    }

    static let invalidFiles: [String] = {
        let folder = Sandbox.packageRoot.appendingPathComponent("fixtures/invalid")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter {
            $0.hasSuffix(".md")
        }.sorted()
    }()

    static func expectations(in text: String) -> [Expected] {
        let marker = #/expect-error(-next-line)? (\d+): (.*?)\s*(-->)?$/#
        var result: [Expected] = []
        for (index, line) in text.components(separatedBy: "\n").enumerated() {
            guard let match = line.firstMatch(of: marker) else { continue }
            result.append(
                Expected(line: index + 1 + (match.1 == nil ? 0 : 1), column: Int(match.2)!, message: String(match.3)))
        }
        return result
    }

    @Test("there are invalid fixtures to check")
    func fixturesExist() {
        #expect(Self.invalidFiles.count >= 8)
    }

    @Test("reports every marked error, and only those", arguments: invalidFiles)
    func reportsMarkedErrors(file: String) throws {
        let text = try Sandbox.fixture("invalid/" + file)
        let expected = Self.expectations(in: text)
        #expect(!expected.isEmpty, "\(file) marks no expected error")
        do {
            _ = try AgreementParser.parseAgreement(text, path: file)
            Issue.record("\(file) was accepted")
        } catch let error as UserError {
            let reported = error.diagnostics.map { diagnostic in
                Expected(
                    line: diagnostic.location?.line ?? 0, column: diagnostic.location?.column ?? 0,
                    message: diagnostic.message)
            }
            #expect(reported.count == expected.count, "reported: \(reported)")
            for expectation in expected {
                #expect(
                    reported.contains {
                        $0.line == expectation.line && $0.column == expectation.column
                            && $0.message.hasPrefix(expectation.message)
                    },
                    "expected \(expectation) in \(reported)")
            }
            #expect(error.diagnostics.allSatisfy { $0.path == file && $0.hint != nil })
        }
    }

    @Test("the command line prints path:line:column, the problem and the fix, and exits 2")
    func commandLineFormat() throws {
        let sandbox = try Sandbox()
        try sandbox.write("bad.md", try Sandbox.fixture("invalid/several-problems.md"))
        let result = try sandbox.slagit("propose", "bad.md", "-m", "x")
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.first == "bad.md:3:7: error: unknown kind 'servise'")
        #expect(lines.dropFirst().first == "  hint: use one of: service, customer, multi-level")
        #expect(result.stderr.contains("bad.md:9:9: error: review period 'fortnightly' cannot be read"))
    }
}
