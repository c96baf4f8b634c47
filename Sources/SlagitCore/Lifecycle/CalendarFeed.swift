import Foundation

/// An iCalendar (RFC 5545) feed of the dates agreements bring: reviews due, expiries,
/// and notice deadlines (expiry minus the agreement's `notice:` period).
struct CalendarFeed {
    struct Event: Equatable {
        /// Stable per agreement and kind of date, so re-importing the feed after a review
        /// moves the event instead of adding another.
        let uid: String
        let date: CalendarDate
        let summary: String
        let description: String
    }

    var events: [Event] = []

    /// Adds the upcoming dates of one agreement (on or after `asOf`; an overdue review is
    /// placed on `asOf`, so it stays in sight).
    mutating func add(_ evaluation: AgreementEvaluation, asOf: CalendarDate) {
        guard let agreement = evaluation.agreement else { return }
        let name = agreement.title.map { "\($0) (\(agreement.id))" } ?? agreement.id
        if let due = evaluation.reviewDue {
            let overdue = due < asOf
            events.append(
                Event(
                    uid: "\(agreement.id)-review", date: overdue ? asOf : due,
                    summary: overdue ? "Review overdue since \(due): \(name)" : "Review due: \(name)",
                    description:
                        "Hold the \(agreement.review?.text ?? "periodic") review of \(evaluation.path), then record it with slagit review."
                ))
        }
        if let expires = agreement.expires, expires >= asOf {
            events.append(
                Event(
                    uid: "\(agreement.id)-expires", date: expires, summary: "Expires: \(name)",
                    description: "\(evaluation.path) expires at the end of this day."))
            if let notice = agreement.notice {
                let deadline = expires.adding(months: -notice.months, days: -notice.days)
                if deadline >= asOf {
                    events.append(
                        Event(
                            uid: "\(agreement.id)-notice", date: deadline,
                            summary: "Notice deadline: \(name)",
                            description:
                                "Last day to give notice (\(notice.text) before expiry on \(expires)) for \(evaluation.path)."
                        ))
                }
            }
        }
    }

    /// The feed as text, lines ended with CRLF and folded at 75 octets as RFC 5545 asks.
    func render(stamp: CalendarDate) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//slagit//agreements//EN", "CALSCALE:GREGORIAN"]
        for event in events.sorted(by: { ($0.date, $0.uid) < ($1.date, $1.uid) }) {
            lines += [
                "BEGIN:VEVENT", "UID:\(event.uid)@slagit", "DTSTAMP:\(compact(stamp))T000000Z",
                "DTSTART;VALUE=DATE:\(compact(event.date))",
                "DTEND;VALUE=DATE:\(compact(CalendarDate(dayNumber: event.date.dayNumber + 1)))",
                "SUMMARY:\(escape(event.summary))", "DESCRIPTION:\(escape(event.description))",
                "TRANSP:TRANSPARENT", "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    private func compact(_ date: CalendarDate) -> String { date.description.replacingOccurrences(of: "-", with: "") }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Splits a line into 75-octet pieces, never inside a UTF-8 sequence; each
    /// continuation starts with a space.
    private func fold(_ line: String) -> String {
        var pieces: [String] = []
        var current = ""
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            let limit = pieces.isEmpty ? 75 : 74
            if octets + size > limit {
                pieces.append(current)
                current = ""
                octets = 0
            }
            current.unicodeScalars.append(scalar)
            octets += size
        }
        pieces.append(current)
        return pieces.joined(separator: "\r\n ")
    }
}
