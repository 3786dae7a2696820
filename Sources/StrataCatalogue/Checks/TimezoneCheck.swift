import StrataModel

/// W409: machines of one cluster resolve different time zones (MDaemon: every node in the same zone).
///
/// When cluster mode configures a zone, that is the cluster's intended zone and the group overrides that
/// differ from it are the deviation: the warning points at one of them and says which files to edit.
/// Otherwise the zone most machines resolve is taken as the reference.
struct TimezoneCheck: Check {
    func run(_ context: CheckContext, diagnostics: inout Diagnostics) {
        var machinesByZone: [String: [String]] = [:]
        var whereConfigured: [String: SourceLocation] = [:]
        /// The modes (other than cluster mode) that configure each zone.
        var overridesByZone: [String: Set<Mode>] = [:]
        for machine in context.cluster.effective where context.usable(.timezone, of: machine) {
            guard let resolved = machine[feature: .timezone] else { continue }
            let name = resolved.value.stringValue ?? ""
            machinesByZone[name, default: []].append(machine.machine.rawValue)
            if whereConfigured[name] == nil, let location = resolved.value.location { whereConfigured[name] = location }
            if case .configured(let mode) = resolved.provenance, mode != .cluster {
                overridesByZone[name, default: []].insert(mode)
            }
        }
        guard machinesByZone.count > 1 else { return }
        let zones = machinesByZone.keys.sorted { (machinesByZone[$0]!.count, $1) > (machinesByZone[$1]!.count, $0) }
        let clusterZone = context.cluster.clusterSettings[feature: .timezone]?.value.stringValue
        let reference = clusterZone.flatMap { machinesByZone[$0] != nil ? $0 : nil } ?? zones[0]
        let deviating = zones.filter { $0 != reference }
        let notes = zones.map { zone in
            DiagnosticNote(
                "\(zone)\(whereConfigured[zone] == nil ? " (the default, no mode configures timezone)" : ""): \(NameList.text(machinesByZone[zone] ?? [], limit: 5))",
                at: whereConfigured[zone])
        }
        // Point at a deviating override when there is one, else at any place a zone is configured.
        let location = deviating.lazy.compactMap { whereConfigured[$0] }.first
            ?? zones.lazy.compactMap { whereConfigured[$0] }.first
            ?? .file(context.cluster.file)
        let help: String
        if clusterZone == reference {
            let overrides = deviating.flatMap { overridesByZone[$0] ?? [] }.sorted().map { context.file(of: $0) }
            help = overrides.isEmpty
                ? "configure timezone once at cluster mode (\(reference)) so logs and schedules agree"
                : "delete timezone from \(NameList.text(overrides)) so every machine resolves the cluster's \(reference) and logs and schedules agree"
        } else {
            let overrides = zones.flatMap { overridesByZone[$0] ?? [] }.sorted().map { context.file(of: $0) }
            let remove = overrides.isEmpty ? "" : " and delete it from \(NameList.text(overrides))"
            help = "configure timezone once at cluster mode (\(reference))\(remove) so logs and schedules agree"
        }
        diagnostics.report(
            .differingTimezones,
            "machines of cluster '\(context.cluster.name)' resolve \(zones.count) different time zones",
            at: location, notes: notes, help: help)
    }
}
