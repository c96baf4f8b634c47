/// A small agreement for tests that need one, with knobs for the parts tests change.
enum SampleAgreement {
    static func text(
        id: String = "sample-hosting", availability: String = ">= 99.9%", kind: String = "service",
        providerApprovers: String = "[ops@provider.example]", customerApprovers: String = "[cio@customer.example]",
        expires: String = "2027-12-31", references: [String] = [], extraClause: String? = nil,
        effective: String = "2026-01-01", review: String = "quarterly", notice: String? = nil,
        customerQuorum: Int? = nil
    ) -> String {
        let quorum = customerQuorum.map { "\n    quorum: \($0)" } ?? ""
        var text = """
            ---
            agreement: \(id)
            title: Sample Hosting Agreement
            kind: \(kind)
            parties:
              provider:
                name: Provider Ltd
                approvers: \(providerApprovers)
              customer:
                name: Customer plc
                approvers: \(customerApprovers)\(quorum)
            effective: \(effective)
            expires: \(expires)
            review: \(review)

            """
        if let notice { text += "notice: \(notice)\n" }
        if !references.isEmpty {
            text += "references:\n" + references.map { "  - \($0)\n" }.joined()
        }
        text += """
            objectives:
              - id: availability
                target: "\(availability)"
                window: calendar month
            ---

            # 1. Scope {#scope}

            The provider hosts the customer's web shop.

            # 2. Availability

            The service is available for the share of each calendar month the objective names.

            """
        if let extraClause { text += "\n# 3. \(extraClause)\n\nThis clause was added later.\n" }
        return text
    }
}
