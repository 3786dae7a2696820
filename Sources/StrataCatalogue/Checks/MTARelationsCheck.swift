import StrataModel

/// E410: `mta` values that contradict each other, checked where each `mta` is configured.
struct MTARelationsCheck: Check {
    /// (smaller, larger): the first must not exceed the second.
    static let relations: [(String, String)] = [
        ("minimal_backoff_time", "maximal_backoff_time"),
        ("bounce_queue_lifetime", "maximal_queue_lifetime"),
        ("initial_destination_concurrency", "default_destination_concurrency_limit"),
        ("message_size_limit", "mailbox_size_limit"),
    ]

    func run(_ context: CheckContext, diagnostics: inout Diagnostics) {
        for mode in context.cluster.allModes {
            guard let mta = mode[feature: .mta] else { continue }
            for (smaller, larger) in Self.relations {
                guard let low = mta.value[field: smaller], let high = mta.value[field: larger],
                      let lowNumber = low.integerValue, let highNumber = high.integerValue, lowNumber > highNumber else { continue }
                // mailbox_size_limit 0 means "no limit" in Postfix.
                if larger == "mailbox_size_limit" && highNumber == 0 { continue }
                let blame = low.location ?? high.location ?? mta.location
                var notes: [DiagnosticNote] = []
                if low.location != nil, let other = high.location { notes.append(DiagnosticNote("\(larger) is set here", at: other) ) }
                if high.location == nil { notes.append(DiagnosticNote("\(larger) is at its default, \(high.description)")) }
                if low.location == nil { notes.append(DiagnosticNote("\(smaller) is at its default, \(low.description)")) }
                diagnostics.report(
                    .mtaRelation, "mta.\(smaller) (\(low.description)) must not exceed mta.\(larger) (\(high.description)) in \(mode.mode) mode",
                    at: blame, notes: notes, help: "lower \(smaller) or raise \(larger)")
            }
        }
    }
}
