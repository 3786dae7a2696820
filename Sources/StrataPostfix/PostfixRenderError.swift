/// A configuration the renderer cannot turn into Postfix files (a 422 at the agent, naming the Strata path).
public struct PostfixRenderError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The Strata feature, e.g. `listeners`.
    public var feature: String
    /// The path in the configuration, e.g. `listeners[IncomingMail].interface`.
    public var path: String
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(feature: String, path: String, message: String) {
        self.feature = feature
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
