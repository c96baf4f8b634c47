import CGit2
import Foundation

/// A name, an email and a moment, as git records them for authors, committers and taggers.
public struct GitIdentity: Sendable, Equatable {
    public var name: String
    public var email: String
    /// Seconds since 1970.
    public var time: Int64
    /// Minutes east of UTC.
    public var offsetMinutes: Int

    public init(name: String, email: String, time: Int64, offsetMinutes: Int) {
        self.name = name
        self.email = email
        self.time = time
        self.offsetMinutes = offsetMinutes
    }

    init(_ signature: git_signature) {
        name = signature.name.map { String(cString: $0) } ?? ""
        email = signature.email.map { String(cString: $0) } ?? ""
        time = signature.when.time
        offsetMinutes = Int(signature.when.offset)
    }

    /// The identity line of a commit or tag header: `Name <email> 1700000000 +0100`.
    public var headerLine: String {
        let sign = offsetMinutes < 0 ? "-" : "+"
        let minutes = abs(offsetMinutes)
        let zone = String(format: "%@%02d%02d", sign, minutes / 60, minutes % 60)
        return "\(name) <\(email)> \(time) \(zone)"
    }

    public var date: Date { Date(timeIntervalSince1970: TimeInterval(time)) }

    /// The day on the signer's own wall clock (their recorded offset), so an approval
    /// made late on 31 March in New York is dated 31 March wherever it is read.
    public var calendarDate: CalendarDate {
        CalendarDate(date, in: TimeZone(secondsFromGMT: offsetMinutes * 60) ?? TimeZone(identifier: "UTC")!)
    }

    /// Reads the date forms of GIT_COMMITTER_DATE that scripts use: ISO 8601 with an
    /// offset (`2026-11-30T10:00:00+0100`, `2026-11-30 10:00:00 +01:00`) and git's own
    /// `@1796400000 +0100`. Returns seconds since 1970 and minutes east of UTC.
    public static func parseGitDate(_ text: String) -> (Int64, Int)? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        func zone(_ text: Substring) -> Int? {
            let digits = text.replacingOccurrences(of: ":", with: "")
            guard digits.count == 5, let sign = digits.first, sign == "+" || sign == "-",
                let value = Int(digits.dropFirst())
            else { return text == "Z" ? 0 : nil }
            return (sign == "-" ? -1 : 1) * ((value / 100) * 60 + value % 100)
        }
        if trimmed.hasPrefix("@") {
            let parts = trimmed.dropFirst().split(separator: " ")
            guard let seconds = Int64(parts.first ?? ""), let offset = parts.count > 1 ? zone(parts[1]) : 0 else {
                return nil
            }
            return (seconds, offset)
        }
        guard trimmed.count >= 19, let day = CalendarDate(iso: String(trimmed.prefix(10))) else { return nil }
        let clock = trimmed.dropFirst(11).prefix(8).split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3, let offset = zone(Substring(trimmed.dropFirst(19).trimmingCharacters(in: .whitespaces)))
        else { return nil }
        let local =
            Int64(day.dayNumber - CalendarDate(year: 1970, month: 1, day: 1)!.dayNumber) * 86400
            + Int64(clock[0] * 3600 + clock[1] * 60 + clock[2])
        return (local - Int64(offset * 60), offset)
    }

    /// Makes a libgit2 signature; the caller frees it with `git_signature_free`.
    func makeSignature() throws -> UnsafeMutablePointer<git_signature> {
        var signature: UnsafeMutablePointer<git_signature>?
        try gitCall("git_signature_new") {
            git_signature_new(&signature, name, email, git_time_t(time), Int32(offsetMinutes))
        }
        return signature!
    }
}
