import Dispatch

/// Runs two independent pieces of work at the same time and returns both results: a
/// diff parses its two revisions this way, one per core.
func concurrently<First: Sendable, Second: Sendable>(
    _ first: @Sendable () -> First, _ second: @Sendable () -> Second
) -> (First, Second) {
    // Each slot is written by one iteration only, and `concurrentPerform` returns after
    // both iterations finish, so reading them afterwards is safe.
    nonisolated(unsafe) var firstResult: First?
    nonisolated(unsafe) var secondResult: Second?
    DispatchQueue.concurrentPerform(iterations: 2) { index in
        if index == 0 { firstResult = first() } else { secondResult = second() }
    }
    return (firstResult!, secondResult!)
}
