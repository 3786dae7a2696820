/// The `postfix` backend: where the instance lives. Paths are absolute once loaded.
public struct PostfixBackendSettings: Sendable, Hashable {
    /// `config_directory`: a symbolic link the agent points at the current generation's directory.
    public var configDirectory: String
    /// `queue_directory`; nil keeps Postfix's default.
    public var queueDirectory: String?
    /// `data_directory`; nil keeps Postfix's default.
    public var dataDirectory: String?
    /// `maillog_file`: Postfix's own log, read for health checks (default `<state_dir>/postfix/maillog`).
    public var maillogFile: String
    /// How long each Postfix command and each probe may take, in seconds.
    public var timeoutSeconds: Int
    /// The network namespace the instance runs in (`ip netns exec NAME`); nil: the agent's own.
    public var netns: String?

    /// Creates the settings.
    public init(configDirectory: String, queueDirectory: String?, dataDirectory: String?, maillogFile: String, timeoutSeconds: Int = 30, netns: String? = nil) {
        self.configDirectory = configDirectory
        self.queueDirectory = queueDirectory
        self.dataDirectory = dataDirectory
        self.maillogFile = maillogFile
        self.timeoutSeconds = timeoutSeconds
        self.netns = netns
    }
}
