import Testing
import StrataApply
import StrataModel
import StrataPlan

/// The plan file: a versioned artefact that reads back exactly and refuses what it does not know.
@Suite("Plan file")
struct PlanFileTests {
    static func samplePlan() -> Plan {
        let change = ConfigChange(path: "mta.maximal_backoff_time", before: .duration(3_600), after: .duration(7_200))
        let secret = ConfigChange(
            path: "ldap.servers[corp].bind_password", before: Value(.secret(SecretReference(source: .env, name: "P"))),
            after: Value(.secret(SecretReference(source: .env, name: "P"))))
        let machines = [
            PlannedMachine(
                cluster: ClusterName("c1"), machine: MachineName("a.example.com"), endpoint: .agent(url: "https://10.0.0.1:7443"),
                action: .update, reachable: true, version: "15.5.1", liveGeneration: 4, problem: nil, changes: [change, secret],
                notes: ["a note"], configuration: .object([("dns", .object([("servers", .string("root")), ("timeout", .int(5))]))]),
                configHash: String(repeating: "ab", count: 32), secretReferences: [SecretReference(source: .env, name: "P")]),
            PlannedMachine(
                cluster: ClusterName("c1"), machine: MachineName("b.example.com"), endpoint: .agent(url: "https://b.example.com:7443"),
                action: .unknown, reachable: false, version: nil, liveGeneration: nil,
                problem: AgentCallError(.unreachable, "cannot connect", cause: "connection refused"), changes: [], notes: [],
                configuration: nil, configHash: nil, secretReferences: []),
        ]
        let cluster = PlannedCluster(
            cluster: ClusterName("c1"),
            connection: .agents(AgentAccess(tls: .enforce, token: SecretReference(source: .env, name: "T"), caFile: "/etc/ca.pem", port: 7443)),
            requiredVersion: "15.5.1", commit: "abc", warnings: [])
        return Plan(createdAt: "2030-01-01T00:00:00Z", clusters: [cluster], machines: machines)
    }

    @Test func aPlanFileReadsBackExactly() throws {
        let plan = Self.samplePlan()
        let text = plan.fileJSON.rendered()
        let read = try Plan(fileJSON: try JSONParser.parse(text))
        #expect(read.fileJSON.rendered() == text)
        #expect(read.machines[0].changes == plan.machines[0].changes)
        #expect(read.machines[0].changes[0].line == "mta.maximal_backoff_time: 1h → 2h")
        #expect(read.machines[0].liveGeneration == 4)
        #expect(read.machines[1].problem?.code == .unreachable)
        #expect(read.clusters == plan.clusters)
        let top = try JSONParser.parse(text)
        #expect(top.objectKeys == ["format", "format_version", "created_at", "summary", "clusters", "machines"])
        #expect(top["format"] == .string("strata-plan"))
        #expect(top["format_version"] == .int(1))
        #expect(top["clusters"].flatMap { if case .array(let items) = $0 { items.first?["connection"]?["token"] } else { nil } } == .string("env:T"))
    }

    @Test func anotherFormatVersionIsRefused() throws {
        guard case .object(var fields) = Self.samplePlan().fileJSON else { Issue.record("not an object"); return }
        fields[1] = ("format_version", .int(2))
        #expect(throws: JSONObjectReader.Failure.self) { try Plan(fileJSON: .object(fields)) }
        do {
            _ = try Plan(fileJSON: .object(fields))
        } catch {
            #expect(error.message.contains("format version 2; this strata reads version 1"))
        }
        #expect(throws: JSONObjectReader.Failure.self) { try Plan(fileJSON: .object([("format", .string("terraform"))])) }
    }

    @Test func aMachineToChangeNeedsItsConfigurationAndGeneration() throws {
        guard case .object(var fields) = Self.samplePlan().fileJSON, case .array(var machines) = fields[5].1,
              case .object(var first) = machines[0] else { Issue.record("unexpected shape"); return }
        first = first.map { $0.0 == "configuration" ? ($0.0, .null) : $0 }
        machines[0] = .object(first)
        fields[5] = ("machines", .array(machines))
        #expect(throws: JSONObjectReader.Failure.self) { try Plan(fileJSON: .object(fields)) }
    }

    @Test func thePlanOutputKeepsTheDiffContract() throws {
        let json = Self.samplePlan().json
        #expect(json.objectKeys == ["summary", "machines", "created_at", "warnings"])
        #expect(json["summary"]?.objectKeys == ["create", "update", "delete", "noop", "unknown", "changes", "unreachable", "errors"])
        guard case .array(let machines)? = json["machines"] else { Issue.record("no machines"); return }
        #expect(machines[0]["changes"] == .array([
            .object([("path", .string("mta.maximal_backoff_time")), ("before", .int(3_600)), ("after", .int(7_200))]),
            .object([
                ("path", .string("ldap.servers[corp].bind_password")), ("before", .object([("secret", .string("env:P"))])),
                ("after", .object([("secret", .string("env:P"))])),
            ]),
        ]))
        #expect(machines[1]["action"] == .string("unknown"))
        #expect(machines[1]["reachable"] == .bool(false))
        #expect(machines[1]["error"]?["code"] == .string("unreachable"))
    }
}
