import StrataModel

/// W409: machines of one cluster resolve different time zones (MDaemon: every node in the same zone).
struct TimezoneCheck: Check {
    func run(_ context: CheckContext, diagnostics: inout Diagnostics) {
        var machinesByZone: [String: [String]] = [:]
        var whereConfigured: [String: SourceLocation] = [:]
        for machine in context.cluster.effective where context.usable("timezone", of: machine) {
            guard let zone = machine[feature: "timezone"]?.value else { continue }
            let name = zone.stringValue ?? ""
            machinesByZone[name, default: []].append(machine.machine.rawValue)
            if whereConfigured[name] == nil, let location = zone.location { whereConfigured[name] = location }
        }
        guard machinesByZone.count > 1 else { return }
        let zones = machinesByZone.keys.sorted { (machinesByZone[$0]!.count, $1) > (machinesByZone[$1]!.count, $0) }
        let majority = zones[0]
        let notes = zones.map { zone in
            DiagnosticNote("\(zone): \(NameList.text(machinesByZone[zone] ?? [], limit: 5))", at: whereConfigured[zone])
        }
        let odd = zones.dropFirst().first { whereConfigured[$0] != nil } ?? zones[1]
        diagnostics.report(
            .differingTimezones,
            "machines of cluster '\(context.cluster.name)' resolve \(zones.count) different time zones",
            at: whereConfigured[odd] ?? .file(context.cluster.file), notes: notes,
            help: "configure timezone once at cluster mode (\(majority)) so logs and schedules agree")
    }
}
