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

    /// Makes a libgit2 signature; the caller frees it with `git_signature_free`.
    func makeSignature() throws -> UnsafeMutablePointer<git_signature> {
        var signature: UnsafeMutablePointer<git_signature>?
        try gitCall("git_signature_new") {
            git_signature_new(&signature, name, email, git_time_t(time), Int32(offsetMinutes))
        }
        return signature!
    }
}
