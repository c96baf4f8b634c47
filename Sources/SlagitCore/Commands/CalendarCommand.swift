/// `slagit calendar`: an iCalendar feed of review dates, expiries and notice deadlines.
enum CalendarCommand: Command {
    static let spec = CommandSpec(
        name: "calendar", summary: "an iCalendar (.ics) feed of reviews due, expiries and notice deadlines",
        usage: "slagit calendar [--as-of YYYY-MM-DD] > agreements.ics", valueOptions: ["as-of"], flags: [],
        shortNames: [:], maxPositionals: 0,
        details: """
            Writes one all-day event per date on or after --as-of (default: today) for every
            agreement committed at HEAD: the next review, the expiry, and the notice deadline
            (the expiry minus the agreement's 'notice:' period, such as P90D). An overdue
            review is placed on the --as-of day. Calendar programs import the output.
            """)

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let asOf = try Workspace.asOfDate(arguments)
        let workspace = try Workspace(context: context)
        let head = try workspace.headCommit(orExplain: "list")
        var feed = CalendarFeed()
        for evaluation in try EvaluationReports.evaluate(workspace: workspace, commit: head, path: nil, asOf: asOf) {
            feed.add(evaluation, asOf: asOf)
        }
        context.writeOutput(feed.render(stamp: asOf))
        return 0
    }
}
