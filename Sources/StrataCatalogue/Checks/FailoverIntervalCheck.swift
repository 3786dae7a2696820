import StrataModel

/// E509: a failover's intervals are ones keepalived can run: advertisements every 1 to 255 seconds (VRRP's
/// 8-bit field), health checks at least a second apart and at most an hour.
struct FailoverIntervalCheck: Check {
    static let advertisement = 1...255
    static let monitor = 1...3_600

    func run(_ context: CheckContext, diagnostics: inout Diagnostics) {
        for use in FailoverUse.all(in: context) {
            check(use.value[field: "advert_interval"], field: "advert_interval", range: Self.advertisement, use, context, &diagnostics)
            check(use.value[field: "monitor"]?[field: "interval"], field: "monitor.interval", range: Self.monitor, use, context, &diagnostics)
        }
    }

    private func check(
        _ value: Value?, field: String, range: ClosedRange<Int>, _ use: FailoverUse, _ context: CheckContext,
        _ diagnostics: inout Diagnostics
    ) {
        guard let value, let seconds = value.integerValue, !range.contains(seconds) else { return }
        let lower = DurationFormat.format(range.lowerBound), upper = DurationFormat.format(range.upperBound)
        diagnostics.report(
            .failoverInterval, "failover.\(field) is \(DurationFormat.format(seconds)) in \(use.mode) mode, outside \(lower)...\(upper)",
            at: use.location(of: value, context: context),
            help: "write a duration from \(lower) to \(upper)\(field == "advert_interval" ? "; 1s is usual" : "")")
    }
}
