import AsyncHTTPClient
import Foundation
public import Logging
import NIOCore
import NIOSSL
import StrataModel
public import StrataPlan

/// The open means of reaching the machines of some clusters: one HTTP client per cluster with agents (its TLS
/// mode, CA and token), the state directories of embedded clusters. Only exists inside ``with(_:options:secrets:logger:_:)``,
/// which shuts the clients down however the body ends.
public struct AgentConnections: Sendable {
    private struct Remote: Sendable {
        var client: HTTPClient
        var token: String?
        /// Why none of this cluster's agents can be reached as configured (missing token or CA file).
        var problem: AgentCallError?
        /// `enforce`: requests are addressed to the machine's name (so the certificate is checked against it)
        /// while connecting to the address of its agent URL.
        var verifiesMachineName: Bool
    }

    private var remotes: [ClusterName: Remote] = [:]
    private var embeddedVersions: [ClusterName: String] = [:]
    private let options: ConnectionOptions
    private let logger: Logger

    private init(options: ConnectionOptions, logger: Logger) {
        self.options = options
        self.logger = logger
    }

    /// Opens what `clusters` need, runs `body`, and closes everything again. The agents' token is resolved
    /// here (a missing one makes every agent of its cluster fail with `configuration`).
    public static func with<Result>(
        _ clusters: [ClusterTargets], options: ConnectionOptions, secrets: SecretResolver, logger: Logger,
        _ body: (AgentConnections) async throws -> Result
    ) async throws -> Result {
        try await open(clusters[...], AgentConnections(options: options, logger: logger), secrets: secrets, body)
    }

    private static func open<Result>(
        _ remaining: ArraySlice<ClusterTargets>, _ built: AgentConnections, secrets: SecretResolver,
        _ body: (AgentConnections) async throws -> Result
    ) async throws -> Result {
        guard let cluster = remaining.first else { return try await body(built) }
        var next = built
        switch cluster.connection {
        case .embedded(_, let version):
            next.embeddedVersions[cluster.cluster] = version
            return try await open(remaining.dropFirst(), next, secrets: secrets, body)
        case .agents(let access):
            var problem: AgentCallError?
            var token: String?
            if let reference = access.token {
                do {
                    token = try secrets.value(of: reference)
                } catch {
                    problem = AgentCallError(.configuration, "the agents' token of cluster \(cluster.cluster) is unavailable: \(error.message)")
                }
            }
            var configuration = HTTPClient.Configuration()
            configuration.redirectConfiguration = .disallow
            configuration.timeout = .init(connect: .seconds(Int64(built.options.connectTimeout)), read: nil)
            // A refused connection is an answer (the machine is unreachable), not something to retry until the deadline.
            configuration.connectionPool.retryConnectionEstablishment = false
            switch access.tls {
            case .off:
                break
            case .permissive:
                var tls = TLSConfiguration.makeClientConfiguration()
                tls.certificateVerification = .none
                configuration.tlsConfiguration = tls
            case .enforce:
                var tls = TLSConfiguration.makeClientConfiguration()
                tls.certificateVerification = .fullVerification
                if let caFile = access.caFile {
                    if FileManager.default.isReadableFile(atPath: caFile) {
                        tls.trustRoots = .file(caFile)
                    } else {
                        problem = problem ?? AgentCallError(
                            .configuration, "the CA file of cluster \(cluster.cluster) cannot be read (agents.ca_file)", cause: caFile)
                    }
                }
                configuration.tlsConfiguration = tls
                configuration.dnsOverride = dnsOverride(cluster)
            }
            let verifies = access.tls == .enforce
            let name = cluster.cluster
            return try await HTTPClient.withHTTPClient(configuration: configuration, backgroundActivityLogger: built.logger) { client in
                next.remotes[name] = Remote(client: client, token: token, problem: problem, verifiesMachineName: verifies)
                return try await open(remaining.dropFirst(), next, secrets: secrets, body)
            }
        }
    }

    /// `machine → address` for agent URLs whose host is not the machine's name.
    private static func dnsOverride(_ cluster: ClusterTargets) -> [String: String] {
        var map: [String: String] = [:]
        for target in cluster.machines {
            guard case .agent(let url) = target.endpoint, let host = URLComponents(string: url)?.host,
                  host != target.machine.rawValue else { continue }
            map[target.machine.rawValue] = host
        }
        return map
    }

    /// The agent of a target; throws the target's or its cluster's configuration problem.
    public func agent(for target: MachineTarget) throws(AgentCallError) -> any MachineAgent {
        if let problem = target.problem { throw problem }
        switch target.endpoint {
        case .embedded(let directory):
            return EmbeddedAgent(
                directory: directory, machine: target.machine, version: embeddedVersions[target.cluster] ?? target.requiredVersion ?? "embedded")
        case .agent(let url):
            guard let remote = remotes[target.cluster] else {
                throw AgentCallError(.configuration, "no connection was opened for cluster \(target.cluster)")
            }
            if let problem = remote.problem { throw problem }
            var base = url
            if remote.verifiesMachineName, var components = URLComponents(string: url) {
                components.host = target.machine.rawValue
                base = components.string ?? url
            }
            return HTTPAgent(
                client: remote.client, baseURL: base, displayURL: url, machine: target.machine, token: remote.token,
                options: options, logger: logger)
        }
    }
}
