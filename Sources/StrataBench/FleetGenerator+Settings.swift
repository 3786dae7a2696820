extension FleetGenerator {
    /// Settings of `cluster.yaml`: most of the configuration lives here, as in a Cisco cluster.
    func clusterSettings(_ cluster: Int) -> [BenchField] {
        let zone = "\(clusterName(cluster)).example.com"
        return [
            BenchField(key: "users", value: FleetTables.users(count: shape.users, cluster: cluster)),
            BenchField(key: "timezone", value: .string("Europe/Paris")),
            BenchField(key: "ntp", value: .record(["servers": .list([.string("ntp1.\(zone)"), .string("ntp2.\(zone)")])])),
            BenchField(key: "dns", value: .record([
                "servers": .list([.string("192.0.2.53"), .string("198.51.100.53")]), "timeout": .duration(5),
            ])),
            BenchField(key: "text_resources", value: .list([
                .record(["name": .string("disclaimer"), "type": .string("disclaimer"),
                         "text": .string("Scanned by the \(clusterName(cluster)) gateways.\nIt may contain confidential information.")]),
                .record(["name": .string("quarantine_notice"), "type": .string("notification"),
                         "text": .string("A message addressed to you was quarantined.")]),
            ])),
            BenchField(key: "bounce_profiles", value: .list([
                .record(["name": .string("standard"), "max_retries": .int(100), "max_queue_lifetime": .duration(259_200),
                         "initial_retry": .duration(60), "max_retry": .duration(3_600), "send_bounces": .bool(true)]),
            ])),
            BenchField(key: "listeners", value: listeners(hatRows: shape.hatRows, seed: cluster * 7_919, zone: zone)),
            BenchField(key: "smtp_routes", value: FleetTables.smtpRoutes(count: shape.smtpRoutes, zone: zone)),
            BenchField(key: "destination_controls", value: .list((0..<5).map { index in
                .record([
                    "destination": .string(index == 0 ? "default" : "partner\(index).example.org"),
                    "max_connections": .int(index == 0 ? 500 : 50 * index), "max_messages_per_connection": .int(50),
                    "tls": .string(index == 0 ? "preferred" : "required"),
                ])
            })),
            BenchField(key: "global_unsubscribe", value: FleetTables.unsubscribe(count: shape.unsubscribe, zone: zone)),
        ]
    }

    /// Group overrides, by the group's index: none, routes and an empty unsubscribe list, listeners and DNS,
    /// or empty destination controls and other time servers.
    func groupSettings(_ group: Int, cluster: Int) -> [BenchField] {
        let zone = "\(groupName(group)).\(clusterName(cluster)).example.com"
        switch group % 4 {
        case 1:
            return [
                BenchField(key: "smtp_routes", value: FleetTables.smtpRoutes(count: max(1, shape.smtpRoutes / 10), zone: zone)),
                BenchField(key: "global_unsubscribe", value: .list([])),
            ]
        case 2:
            return [
                BenchField(key: "listeners", value: listeners(hatRows: max(1, shape.hatRows / 2), seed: cluster * 31 + group, zone: zone)),
                BenchField(key: "dns", value: .record(["servers": .list([.string("10.0.0.53")]), "timeout": .duration(10)])),
            ]
        case 3:
            return [
                BenchField(key: "destination_controls", value: .list([])),
                BenchField(key: "ntp", value: .record(["servers": .list([.string("ntp.\(zone)")])])),
            ]
        default:
            return []
        }
    }

    /// A machine's own settings: interfaces, host name, routes and keys; some machines override more.
    func machineSettings(_ machine: Int, cluster: Int) -> [BenchField] {
        let name = machineName(machine, cluster: cluster)
        let high = machine / 250
        let low = machine % 250 + 1
        func interface(_ label: String, _ network: Int, _ services: [String]) -> BenchValue {
            .record([
                "name": .string(label), "address": .string("10.\(network).\(high).\(low)/16"),
                "services": .list(services.map(BenchValue.string)),
            ])
        }
        let serial = "\(clusterName(cluster).uppercased())-\(padded(machine + 1, 5))"
        var fields = [
            BenchField(key: "interfaces", value: .list([
                interface("Management", 1, ["ssh", "https", "ccs"]), interface("Data1", 2, []), interface("Data2", 3, []),
            ])),
            BenchField(key: "hostname", value: .string(name)),
            BenchField(key: "routes", value: .list([.record(["destination": .string("default"), "gateway": .string("10.2.0.1")])])),
            BenchField(key: "feature_keys", value: .list([
                .record(["feature": .string("antispam"), "key": .string("ASPM-\(serial)")]),
                .record(["feature": .string("antivirus"), "key": .string("AVIR-\(serial)")]),
            ])),
        ]
        if machine % 10 == 3 {
            fields.append(BenchField(key: "smtp_routes", value: FleetTables.smtpRoutes(count: 5, zone: name)))
        }
        if machine % 10 == 7 {
            fields.append(BenchField(key: "global_unsubscribe", value: .list([])))
        }
        if machine % 25 == 11 {
            fields.append(BenchField(key: "listeners", value: listeners(hatRows: 10, seed: machine, zone: name)))
        }
        return fields
    }

    /// An inbound listener with the host access table and an outbound one, every default written out.
    private func listeners(hatRows: Int, seed: Int, zone: String) -> BenchValue {
        .list([
            .record([
                "name": .string("IncomingMail"), "interface": .string("Data1"), "port": .int(25), "type": .string("public"),
                "hat": FleetTables.hat(count: hatRows, seed: seed), "rat": FleetTables.rat(zone: zone),
                "footer": .string("disclaimer"), "bounce_profile": .string("standard"), "ldap": .map([]),
                "max_connections": .int(100),
            ]),
            .record([
                "name": .string("OutgoingMail"), "interface": .string("Data2"), "port": .int(25), "type": .string("private"),
                "hat": .list([
                    .record(["match": .string("10.0.0.0/8"), "policy": .string("relay")]),
                    .record(["match": .string("ALL"), "policy": .string("reject")]),
                ]),
                "rat": .list([]), "ldap": .map([]), "max_connections": .int(50),
            ]),
        ])
    }
}
