import Testing

@testable import SlagitCore

@Suite("Objectives compare as quantities with a direction")
struct ObjectiveTargetTests {
    @Test(
        "reads operators, numbers and units",
        arguments: [
            (">= 99.9%", ObjectiveTarget.Comparison.atLeast, 99.9, ObjectiveTarget.Dimension.percent, 99.9),
            ("<= 4h", .atMost, 4, .duration, 14_400),
            ("<= 240min", .atMost, 240, .duration, 14_400),
            ("< 300 ms", .lessThan, 300, .duration, 0.3),
            ("> 4", .greaterThan, 4, .count, 4),
            ("<= 3d", .atMost, 3, .duration, 259_200),
        ])
    func reads(
        text: String, comparison: ObjectiveTarget.Comparison, value: Double, dimension: ObjectiveTarget.Dimension,
        base: Double
    ) throws {
        let target = try #require(ObjectiveTarget(text))
        #expect(target.comparison == comparison)
        #expect(target.value == value)
        #expect(target.dimension == dimension)
        #expect(abs(target.baseValue - base) < 1e-9)
    }

    @Test("refuses what it cannot read", arguments: ["about 99%", ">= 101%", "<= 4 fortnights", ">= 9.9.9%", ""])
    func refuses(text: String) {
        #expect(ObjectiveTarget(text) == nil)
    }

    @Test(
        "gives the direction of a change",
        arguments: [
            (">= 99.9%", ">= 99.5%", ObjectiveDirection.weakened),
            (">= 99.5%", ">= 99.95%", .strengthened),
            ("<= 4h", "<= 2h", .strengthened),
            ("<= 1h", "<= 90min", .weakened),
            ("<= 240min", "<= 4h", .unchanged),
            (">= 99.9%", "> 99.9%", .strengthened),
            (">= 99.9%", "<= 4h", .changed),
            ("<= 5%", ">= 5%", .changed),
        ])
    func direction(old: String, new: String, expected: ObjectiveDirection) {
        #expect(ObjectiveDirection.between(ObjectiveTarget(old), ObjectiveTarget(new)) == expected)
    }

    @Test("availability turns into allowed downtime over a 30-day month")
    func downtime() throws {
        #expect(abs(try #require(ObjectiveTarget(">= 99.9%")?.allowedMonthlyDowntimeMinutes) - 43.2) < 1e-9)
        #expect(abs(try #require(ObjectiveTarget(">= 99.95%")?.allowedMonthlyDowntimeMinutes) - 21.6) < 1e-9)
        #expect(ObjectiveTarget("<= 5%")?.allowedMonthlyDowntimeMinutes == nil)
    }

    @Test("a converted unit is not reported as a change")
    func convertedUnitIsNoChange() {
        let old = SampleAgreement.text(availability: "<= 240min")
        let new = SampleAgreement.text(availability: "<= 4h")
        let report = DiffReport.compare(old: old, new: new, path: "a.md", from: "a", to: "b")
        #expect(report.objectives.isEmpty)
    }
}
