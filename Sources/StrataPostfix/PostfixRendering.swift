/// Everything the renderer produces for one machine.
public struct PostfixRendering: Sendable, Hashable {
    /// The files, sorted by path.
    public var files: [RenderedFile]
    /// Mail features in use without a (full) Postfix mapping.
    public var warnings: [RenderWarning]
    /// Every listener to probe, in configuration order.
    public var listeners: [ProbeTarget]
    /// main.cf's `inet_interfaces` values (a change needs stop+start, not reload).
    public var inetInterfaces: [String]
    /// main.cf's `inet_protocols` (`ipv4`, `ipv6` or `all`).
    public var inetProtocols: String
    /// The failover's virtual addresses that listeners also bind (not probed, not in `inet_interfaces`:
    /// only the machine holding them can; binding them needs `ip_nonlocal_bind`).
    public var virtualAddresses: [String]

    /// Creates a rendering.
    public init(
        files: [RenderedFile], warnings: [RenderWarning], listeners: [ProbeTarget], inetInterfaces: [String], inetProtocols: String,
        virtualAddresses: [String] = []
    ) {
        self.files = files
        self.warnings = warnings
        self.listeners = listeners
        self.inetInterfaces = inetInterfaces
        self.inetProtocols = inetProtocols
        self.virtualAddresses = virtualAddresses
    }

    /// The file at `path`, if rendered.
    public func file(_ path: String) -> RenderedFile? { files.first { $0.path == path } }
}
