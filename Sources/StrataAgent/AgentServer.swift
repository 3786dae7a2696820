public import Logging
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import NIOCore
import NIOPosix
import NIOSSL
import StrataState

/// The node agent: serves the `/v1` API (Docs/agent-api.md) until SIGTERM or SIGINT, then finishes
/// the requests in flight and returns.
public struct AgentServer: Sendable {
    /// What `agent.yaml` says.
    public let configuration: AgentConfiguration
    /// Where the agent logs (one line per request and per apply; never the token or secret values).
    public let logger: Logger

    /// Creates an agent.
    public init(configuration: AgentConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Resolves the token, opens the state directory, puts the backend back to the current generation
    /// if a crash left it elsewhere, and serves until a graceful shutdown.
    public func run() async throws(AgentError) {
        let configuration = self.configuration
        var logger = self.logger
        logger[metadataKey: "machine"] = "\(configuration.machine)"
        let token = try ConfigurationSecrets.value(of: configuration.token)
        let server = try serverBuilder(registry: ConnectionRegistry(maxConnections: configuration.limits.maxConnections))
        let router = try await makeRouter(token: token, logger: logger)

        if configuration.tls == nil && !configuration.listen.isLoopback {
            logger.warning("serving plain HTTP on a non-loopback address: the token and secrets cross the network in clear; configure tls")
        }
        let scheme = configuration.tls == nil ? "http" : "https"
        let listen = configuration.listen
        let startupLogger = logger
        // Hummingbird's own messages (one per connection error) only at warning and above, unless debugging.
        var frameworkLogger = logger
        frameworkLogger.logLevel = logger.logLevel <= .debug ? logger.logLevel : .warning
        let application = Application(
            router: router, server: server,
            configuration: ApplicationConfiguration(address: .hostname(listen.host, port: listen.port), serverName: "strata-agent"),
            onServerRunning: { channel in
                try? await channel.eventLoop.submit {
                    try channel.pipeline.syncOperations.addHandler(AcceptPauseHandler(), position: .first)
                }.get()
                let port = channel.localAddress?.port ?? listen.port
                startupLogger.info(
                    "listening on \(ListenAddress(host: listen.host, port: port))",
                    metadata: ["scheme": "\(scheme)", "version": "\(configuration.version)"])
            },
            logger: frameworkLogger)
        do {
            try await application.runService()
        } catch {
            throw AgentError(code: .server, message: "cannot serve on \(listen)", cause: "\(error)")
        }
        logger.info("stopped")
    }

    /// Plain HTTP/1.1, or HTTP/1.1 over TLS with the configured certificate and key; either way with
    /// the connection limits of agent.yaml.
    private func serverBuilder(registry: ConnectionRegistry) throws(AgentError) -> HTTPServerBuilder {
        let http1 = LimitedHTTP1Channel.builder(limits: configuration.limits, registry: registry)
        guard let tls = configuration.tls else { return http1 }
        do {
            let chain = try NIOSSLCertificate.fromPEMFile(tls.certificate).map { NIOSSLCertificateSource.certificate($0) }
            let key = try NIOSSLPrivateKey(file: tls.key, format: .pem)
            let tlsConfiguration = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
            return try .tls(http1, tlsConfiguration: tlsConfiguration)
        } catch {
            throw AgentError(code: .tls, message: "cannot load the TLS certificate '\(tls.certificate)' and key '\(tls.key)'", cause: "\(error)")
        }
    }
}
