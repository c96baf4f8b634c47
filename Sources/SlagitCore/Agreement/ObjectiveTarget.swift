import Foundation

/// A service level target read as a quantity with a direction: `">= 99.9%"`, `"<= 4h"`.
public struct ObjectiveTarget: Sendable, Equatable, CustomStringConvertible {
    public enum Comparison: String, Sendable {
        case atLeast = ">=", greaterThan = ">", atMost = "<=", lessThan = "<", equal = "="

        /// +1 when a higher value is a stronger promise, -1 when lower is, 0 for `=`.
        var betterDirection: Int {
            switch self {
            case .atLeast, .greaterThan: 1
            case .atMost, .lessThan: -1
            case .equal: 0
            }
        }
    }

    public enum Dimension: String, Sendable { case percent, duration, count }

    public let comparison: Comparison
    /// The number as written, in `unit`.
    public let value: Double
    public let unit: String
    public let dimension: Dimension
    /// The value in the dimension's base unit: seconds for durations.
    public let baseValue: Double
    public let text: String

    private static let durationUnits: [String: Double] = [
        "ms": 0.001, "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
        "min": 60, "mins": 60, "minute": 60, "minutes": 60,
        "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600,
        "d": 86400, "day": 86400, "days": 86400,
    ]

    /// Reads a target; nil when it is not `OPERATOR NUMBER [UNIT]` with a known unit.
    public init?(_ text: String) {
        self.text = text
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        var comparison = Comparison.equal
        for candidate in [Comparison.atLeast, .atMost, .greaterThan, .lessThan, .equal] {
            if rest.hasPrefix(candidate.rawValue) {
                comparison = candidate
                rest = rest.dropFirst(candidate.rawValue.count)
                break
            }
        }
        if comparison == .equal, rest.hasPrefix("=") { rest = rest.dropFirst() }  // "=="
        rest = rest.drop { $0 == " " }
        let numberText = rest.prefix { $0.isNumber || $0 == "." }
        guard !numberText.isEmpty, numberText.filter({ $0 == "." }).count <= 1,
            let value = Double(numberText)
        else { return nil }
        let unit = rest.dropFirst(numberText.count).trimmingCharacters(in: .whitespaces).lowercased()
        self.comparison = comparison
        self.value = value
        self.unit = unit
        if unit == "%" {
            guard value <= 100 else { return nil }
            dimension = .percent
            baseValue = value
        } else if unit.isEmpty {
            dimension = .count
            baseValue = value
        } else if let factor = ObjectiveTarget.durationUnits[unit] {
            dimension = .duration
            baseValue = value * factor
        } else {
            return nil
        }
    }

    public var description: String { text }

    /// For an availability target (a lower bound in percent), the downtime it allows
    /// over a 30-day month, in minutes.
    public var allowedMonthlyDowntimeMinutes: Double? {
        guard dimension == .percent, comparison.betterDirection > 0 else { return nil }
        return (100 - value) / 100 * 30 * 24 * 60
    }
}

/// How a changed objective moved, and whom that favours.
public enum ObjectiveDirection: String, Sendable, Codable {
    case weakened, strengthened, changed, added, removed, unchanged

    /// Compares two targets as promises. Targets in different dimensions or with
    /// opposite comparisons cannot be ranked and are `changed`.
    public static func between(_ old: ObjectiveTarget?, _ new: ObjectiveTarget?) -> ObjectiveDirection {
        guard let old, let new else { return .changed }
        guard old.dimension == new.dimension,
            old.comparison.betterDirection == new.comparison.betterDirection
        else { return .changed }
        let better = old.comparison.betterDirection
        if better == 0 { return old.baseValue == new.baseValue ? .unchanged : .changed }
        let delta = (new.baseValue - old.baseValue) * Double(better)
        if abs(delta) > 1e-9 { return delta > 0 ? .strengthened : .weakened }
        // Same number: a strict comparison promises more than an inclusive one.
        let oldStrict = old.comparison == .greaterThan || old.comparison == .lessThan
        let newStrict = new.comparison == .greaterThan || new.comparison == .lessThan
        if oldStrict == newStrict { return .unchanged }
        return newStrict ? .strengthened : .weakened
    }

    /// The party a change is good for: a weaker promise favours the provider.
    public var favours: String? {
        switch self {
        case .weakened, .removed: "provider"
        case .strengthened, .added: "customer"
        default: nil
        }
    }
}
