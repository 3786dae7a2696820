/// Where a Postfix instance keeps its files: the renderer writes absolute table paths under
/// `configDirectory` and the directory parameters of main.cf from the rest.
public struct PostfixLayout: Sendable, Hashable {
    /// `config_directory`: main.cf, master.cf and `tables/` live here (stable paths, never a generation directory).
    public var configDirectory: String
    /// `queue_directory`; nil keeps Postfix's default (the parameter is not written).
    public var queueDirectory: String?
    /// `data_directory`; nil keeps Postfix's default.
    public var dataDirectory: String?
    /// `maillog_file`: Postfix's own log (there may be no syslog to read).
    public var maillogFile: String

    /// Creates a layout.
    public init(configDirectory: String, queueDirectory: String? = nil, dataDirectory: String? = nil, maillogFile: String) {
        self.configDirectory = configDirectory
        self.queueDirectory = queueDirectory
        self.dataDirectory = dataDirectory
        self.maillogFile = maillogFile
    }
}
