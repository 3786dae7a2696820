/// A configuration the renderer cannot turn into keepalived.conf (a 422 at the agent, naming the Strata path).
public struct KeepalivedRenderError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The Strata path, e.g. `failover.secret`.
    public var path: String
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
