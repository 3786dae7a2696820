/// A mail feature in use that Postfix cannot express (or only partly): reported, never silently dropped.
public struct RenderWarning: Sendable, Hashable {
    /// The Strata feature, e.g. `content_filters`.
    public var feature: String
    /// Where in the configuration, e.g. `listeners[IncomingMail].footer`.
    public var path: String
    /// What is not enforced and why.
    public var message: String

    /// Creates a warning.
    public init(feature: String, path: String, message: String) {
        self.feature = feature
        self.path = path
        self.message = message
    }
}
