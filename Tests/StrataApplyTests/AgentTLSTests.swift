import Foundation
import Testing
import StrataModel
import StrataTestSupport

/// `agents.tls` against real agents serving HTTPS with certificates made at test time by the `openssl` command.
///
/// Machines are named `mxN.lab.test` and their agent URLs point at 127.0.0.1: with `enforce`, the controller
/// connects to the URL's address but verifies the certificate against the machine's name (and the cluster's CA).
@Suite(
    "TLS towards agents", .serialized,
    .enabled(if: AgentAvailability.works, "`strata agent` is not available in this build"),
    .enabled(if: OpenSSLAvailability.works, "the openssl command is not installed"))
struct AgentTLSTests {
    /// A CA, and for each machine a certificate signed by it for `names[machine]`.
    static func certificates(in directory: String, names: [String: String]) async throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let ca = try await runProgram([
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Strata Lab CA",
        ], directory: directory)
        try #require(ca.status == 0, "\(ca)")
        for (machine, name) in names {
            let request = try await runProgram([
                "openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "\(machine).key", "-out", "\(machine).csr", "-subj", "/CN=\(name)",
            ], directory: directory)
            try #require(request.status == 0, "\(request)")
            try "subjectAltName=DNS:\(name)\n".write(toFile: directory + "/\(machine).ext", atomically: true, encoding: .utf8)
            let signed = try await runProgram([
                "openssl", "x509", "-req", "-in", "\(machine).csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "\(machine).crt", "-days", "2", "-extfile", "\(machine).ext",
            ], directory: directory)
            try #require(signed.status == 0, "\(signed)")
        }
    }

    /// Two agents over HTTPS: mx1's certificate names mx1.lab.test, mx2's names another host.
    static func lab(tls mode: String) async throws -> (ConfigRepo, [LabAgent]) {
        let repo = try ConfigRepo()
        let pki = repo.path + "/.agents/pki"
        try await certificates(in: pki, names: ["mx1.lab.test": "mx1.lab.test", "mx2.lab.test": "somewhere-else.lab.test"])
        var agents: [LabAgent] = []
        for machine in ["mx1.lab.test", "mx2.lab.test"] {
            let agent = try LabAgent(machine: machine, base: repo.path + "/.agents", tls: ("../pki/\(machine).crt", "../pki/\(machine).key"))
            try await agent.start()
            agents.append(agent)
        }
        try LabCluster.write(
            into: repo, machines: agents.map { ($0.machine, $0.url) },
            agents: "{tls: \(mode), ca_file: .agents/pki/ca.pem, token: {env: \(LabCluster.tokenVariable)}}")
        return (repo, agents)
    }

    @Test func enforceAcceptsTheMachinesOwnCertificateAndRefusesAnotherName() async throws {
        let (repo, agents) = try await Self.lab(tls: "enforce")
        defer { withExtendedLifetime(agents) {} }
        let status = try await strata(["status", "--repo", repo.path, "--format", "json"], environment: LabCluster.environment())
        #expect(status.status == 1, "\(status)")
        let json = try JSONParser.parse(status.stdout)
        guard case .array(let rows)? = json["machines"] else { Issue.record("no machines"); return }
        #expect(rows[0]["machine"] == .string("mx1.lab.test"))
        #expect(rows[0]["reachable"] == .bool(true), "\(status)")
        #expect(rows[0]["agent"] == .string("https://127.0.0.1:\(agents[0].port)"))
        #expect(rows[1]["reachable"] == .bool(false))
        #expect(rows[1]["error"]?["code"] == .string("tls"), "\(status)")

        // Nothing reaches the machine whose certificate does not name it; the other one is applied.
        let apply = try await strata(["apply", "--repo", repo.path, "--yes"], environment: LabCluster.environment())
        #expect(apply.status == 1, "\(apply)")
        #expect(apply.stderr.contains("mx2.lab.test (tls)"))
    }

    @Test func enforceRefusesACertificateFromAnotherAuthority() async throws {
        let (repo, agents) = try await Self.lab(tls: "enforce")
        defer { withExtendedLifetime(agents) {} }
        // Replace the trusted CA by an unrelated one.
        try await Self.certificates(in: repo.path + "/.agents/other-ca", names: [:])
        try repo.replace("clusters/lab/cluster.yaml", "ca_file: .agents/pki/ca.pem", with: "ca_file: .agents/other-ca/ca.pem")
        let status = try await strata(["status", "--repo", repo.path, "--format", "json"], environment: LabCluster.environment())
        let json = try JSONParser.parse(status.stdout)
        guard case .array(let rows)? = json["machines"] else { Issue.record("no machines"); return }
        #expect(rows.allSatisfy { $0["error"]?["code"] == .string("tls") }, "\(status)")
    }

    @Test func permissiveEncryptsWithoutVerifying() async throws {
        let (repo, agents) = try await Self.lab(tls: "permissive")
        defer { withExtendedLifetime(agents) {} }
        let apply = try await strata(["apply", "--repo", repo.path, "--yes"], environment: LabCluster.environment())
        #expect(apply.status == 0, "\(apply)")
        #expect(apply.stdout.contains("Apply complete: 2 applied"))
    }
}
