/// A difference between what a backend rendered for the current generation and what the machine runs.
public struct BackendDrift: Sendable, Hashable {
    /// The backend that found it (`postfix`).
    public var backend: String
    /// The file, relative to the backend's directory (`main.cf`).
    public var file: String
    /// The parameter that differs, when the file has parameters (`smtpd_banner`).
    public var parameter: String?
    /// What differs: `changed`, `added`, `removed`, `missing file`, `unexpected file`.
    public var message: String

    /// Creates a drift finding.
    public init(backend: String, file: String, parameter: String?, message: String) {
        self.backend = backend
        self.file = file
        self.parameter = parameter
        self.message = message
    }

    /// `main.cf: smtpd_banner changed by hand`.
    public var summary: String {
        "\(file)" + (parameter.map { ": \($0)" } ?? "") + " \(message)"
    }

    /// The JSON form.
    public var json: JSON {
        .object([
            ("backend", .string(backend)), ("file", .string(file)), ("parameter", .optional(parameter)), ("message", .string(message)),
        ])
    }

    /// Reads the JSON form leniently (an answer field); nil when a field is missing.
    public init?(json: JSON) {
        guard let backend = json["backend"]?.stringValue, let file = json["file"]?.stringValue,
              let message = json["message"]?.stringValue else { return nil }
        self.init(backend: backend, file: file, parameter: json["parameter"]?.stringValue, message: message)
    }
}
