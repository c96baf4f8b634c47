import Testing

@testable import SlagitCore

@Suite("Calendar dates and review periods")
struct CalendarDateTests {
    @Test(
        "reads only real YYYY-MM-DD dates",
        arguments: [
            ("2026-02-28", true), ("2028-02-29", true), ("2027-02-29", false), ("2026-13-01", false),
            ("2026-1-01", false), ("26-01-01", false), ("2026-01-01T00:00", false),
        ])
    func reads(text: String, valid: Bool) {
        #expect((CalendarDate(iso: text) != nil) == valid)
    }

    @Test(
        "month arithmetic keeps to the month's last day",
        arguments: [
            ("2026-11-30", "quarterly", "2027-02-28"),
            ("2027-11-30", "quarterly", "2028-02-29"),
            ("2026-01-31", "monthly", "2026-02-28"),
            ("2026-08-31", "semiannual", "2027-02-28"),
            ("2026-01-01", "P90D", "2026-04-01"),
            ("2026-01-01", "P1Y2M10D", "2027-03-11"),
            ("2024-02-29", "yearly", "2025-02-28"),
        ])
    func reviewPeriods(start: String, period: String, due: String) throws {
        let from = try #require(CalendarDate(iso: start))
        let review = try #require(ReviewPeriod(period))
        #expect(review.after(from).description == due)
    }

    @Test(
        "GIT_COMMITTER_DATE forms",
        arguments: [
            ("2026-11-30T10:00:00+0100", Int64(1_796_029_200), 60),
            ("2026-11-30 10:00:00 -05:00", Int64(1_796_050_800), -300),
            ("@1796400000 +0000", Int64(1_796_400_000), 0),
            ("2026-11-30T09:00:00Z", Int64(1_796_029_200), 0),
        ])
    func gitDates(text: String, seconds: Int64, offset: Int) throws {
        let parsed = try #require(GitIdentity.parseGitDate(text))
        #expect(parsed.0 == seconds)
        #expect(parsed.1 == offset)
    }

    @Test("day numbers round-trip across centuries")
    func dayNumbers() throws {
        for text in ["1900-03-01", "2000-02-29", "2026-12-04", "2100-12-31"] {
            let date = try #require(CalendarDate(iso: text))
            #expect(CalendarDate(dayNumber: date.dayNumber) == date)
        }
        let a = try #require(CalendarDate(iso: "2026-12-31"))
        let b = try #require(CalendarDate(iso: "2027-01-01"))
        #expect(b.dayNumber - a.dayNumber == 1)
    }
}
