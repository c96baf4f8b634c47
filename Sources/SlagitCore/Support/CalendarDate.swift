import Foundation

/// A day in the proleptic Gregorian calendar, with no time and no time zone, so that a
/// date written in an agreement never shifts by a day wherever it is read.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...CalendarDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads exactly `YYYY-MM-DD`.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The date of `date` on the wall clock of `timeZone`.
    public init(_ date: Date, in timeZone: TimeZone = .current) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        year = parts.year!
        month = parts.month!
        day = parts.day!
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Adds whole months first, keeping the day but no later than the month's last day
    /// (30 November plus three months is 28 or 29 February), then days.
    public func adding(months: Int = 0, days: Int = 0) -> CalendarDate {
        let monthIndex = year * 12 + (month - 1) + months
        let newYear = monthIndex / 12
        let newMonth = monthIndex % 12 + 1
        let clampedDay = min(day, CalendarDate.daysIn(month: newMonth, year: newYear))
        let shifted = CalendarDate(year: newYear, month: newMonth, day: clampedDay)!
        return days == 0 ? shifted : CalendarDate(dayNumber: shifted.dayNumber + days)
    }

    /// Days since 0000-03-01 in the proleptic Gregorian calendar; only differences matter.
    public var dayNumber: Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = shiftedYear >= 0 ? shiftedYear / 400 : (shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra
    }

    public init(dayNumber: Int) {
        let era = (dayNumber >= 0 ? dayNumber : dayNumber - 146096) / 146097
        let dayOfEra = dayNumber - era * 146097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPart = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPart + 2) / 5 + 1
        let month = monthPart < 10 ? monthPart + 3 : monthPart - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.init(year: year, month: month, day: day)!
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CalendarDate(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date"))
        }
        self = date
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// How often an agreement must be reviewed: `monthly`, `quarterly`, `semiannual`,
/// `yearly`, or an ISO 8601 duration of years, months, weeks and days (`P90D`, `P1Y6M`).
public struct ReviewPeriod: Sendable, Equatable, CustomStringConvertible {
    public let months: Int
    public let days: Int
    public let text: String

    public init?(_ text: String) {
        self.text = text
        switch text.lowercased() {
        case "monthly": (months, days) = (1, 0)
        case "quarterly": (months, days) = (3, 0)
        case "semiannual", "semiannually", "half-yearly": (months, days) = (6, 0)
        case "yearly", "annual", "annually": (months, days) = (12, 0)
        default:
            guard let parsed = ReviewPeriod.parseISODuration(text) else { return nil }
            (months, days) = parsed
        }
    }

    private static func parseISODuration(_ text: String) -> (Int, Int)? {
        guard text.hasPrefix("P"), text.count > 1 else { return nil }
        var months = 0
        var days = 0
        var number = ""
        for character in text.dropFirst() {
            if character.isASCII && character.isNumber {
                number.append(character)
                continue
            }
            guard let value = Int(number) else { return nil }
            switch character {
            case "Y": months += value * 12
            case "M": months += value
            case "W": days += value * 7
            case "D": days += value
            default: return nil
            }
            number = ""
        }
        guard number.isEmpty, months + days > 0 else { return nil }
        return (months, days)
    }

    public func after(_ date: CalendarDate) -> CalendarDate {
        date.adding(months: months, days: days)
    }

    public var description: String { text }
}
