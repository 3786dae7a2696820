/// A mail feature in use that a backend cannot express (or only partly), reported in the apply answer.
public struct BackendWarning: Sendable, Hashable {
    /// The backend that found it (`postfix`).
    public var backend: String
    /// The Strata feature, e.g. `content_filters`.
    public var feature: String
    /// Where in the configuration, e.g. `listeners[IncomingMail].footer`.
    public var path: String
    /// What is not enforced and why.
    public var message: String

    /// Creates a warning.
    public init(backend: String, feature: String, path: String, message: String) {
        self.backend = backend
        self.feature = feature
        self.path = path
        self.message = message
    }

    /// The JSON form.
    public var json: JSON {
        .object([("backend", .string(backend)), ("feature", .string(feature)), ("path", .string(path)), ("message", .string(message))])
    }

    /// Reads the JSON form leniently (an answer field); nil when a field is missing.
    public init?(json: JSON) {
        guard let backend = json["backend"]?.stringValue, let feature = json["feature"]?.stringValue,
              let path = json["path"]?.stringValue, let message = json["message"]?.stringValue else { return nil }
        self.init(backend: backend, feature: feature, path: path, message: message)
    }
}
