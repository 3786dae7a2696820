/// The `keepalived` backend: where the file goes, which keepalived runs it, and the files that tell the
/// agent about the daemon (pid files, state file). Paths are absolute once loaded; defaults under the
/// agent's state directory keep two agents (two namespaces) on one host from sharing a daemon.
public struct KeepalivedBackendSettings: Sendable, Hashable {
    /// keepalived.conf (default `/etc/keepalived/strata.conf`), written 0600 (it holds `auth_pass`).
    public var configFile: String
    /// The keepalived program (default `/usr/sbin/keepalived`).
    public var program: String
    /// The parent process's pid file (default `<state_dir>/keepalived/keepalived.pid`).
    public var pidFile: String
    /// The VRRP child's pid file (default `<state_dir>/keepalived/vrrp.pid`).
    public var vrrpPidFile: String
    /// The file keepalived's notify commands write the instance's state into (default `<state_dir>/keepalived/state`).
    public var stateFile: String
    /// The network namespace keepalived runs in (`ip netns exec NAME`); nil: the agent's own.
    public var netns: String?
    /// How long each command and each wait (daemon up, state known, daemon gone) may take, in seconds.
    public var timeoutSeconds: Int

    /// Creates the settings.
    public init(
        configFile: String, program: String, pidFile: String, vrrpPidFile: String, stateFile: String, netns: String? = nil,
        timeoutSeconds: Int = 30
    ) {
        self.configFile = configFile
        self.program = program
        self.pidFile = pidFile
        self.vrrpPidFile = vrrpPidFile
        self.stateFile = stateFile
        self.netns = netns
        self.timeoutSeconds = timeoutSeconds
    }
}
