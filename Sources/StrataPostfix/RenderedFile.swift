/// One complete file of a Postfix instance.
public struct RenderedFile: Sendable, Hashable {
    /// Relative to `config_directory`: `main.cf`, `master.cf`, `tables/hat_IncomingMail.cidr`.
    public var path: String
    /// The whole file.
    public var content: String
    /// `0o644`, or `0o600` when it holds a secret.
    public var mode: UInt16

    /// Creates a file.
    public init(path: String, content: String, mode: UInt16 = 0o644) {
        self.path = path
        self.content = content
        self.mode = mode
    }
}
