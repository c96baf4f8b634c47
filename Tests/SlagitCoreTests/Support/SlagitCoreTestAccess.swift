@testable import SlagitCore

/// Library entry points some tests call directly.
enum SlagitCoreTestAccess {
    static func parse(_ text: String) throws -> Agreement {
        try AgreementParser.parseAgreement(text, path: "test.md")
    }
}
