/// How serious a diagnostic is: errors fail `validate`, warnings do not.
public enum Severity: String, Sendable, Hashable, Codable, Comparable {
    case error
    case warning

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs == .error && rhs == .warning
    }
}

/// A related place shown under a diagnostic (`note:` line).
public struct DiagnosticNote: Sendable, Hashable, Codable {
    /// What the note says.
    public var message: String
    /// Where it points, if anywhere.
    public var location: SourceLocation?

    /// Creates a note.
    public init(_ message: String, at location: SourceLocation? = nil) {
        self.message = message
        self.location = location
    }
}

/// One finding about the user's files: a stable code, a message, where, related places and a fix.
public struct Diagnostic: Sendable, Hashable, Codable {
    /// Error or warning.
    public var severity: Severity
    /// Stable code such as `E301`.
    public var code: DiagnosticCode
    /// Lowercase message without a full stop.
    public var message: String
    /// Where the problem is.
    public var location: SourceLocation
    /// Related places.
    public var notes: [DiagnosticNote]
    /// How to fix it, if there is a single good answer.
    public var help: String?

    /// Creates a diagnostic; the severity comes from the code.
    public init(
        _ code: DiagnosticCode, _ message: String, at location: SourceLocation,
        notes: [DiagnosticNote] = [], help: String? = nil
    ) {
        self.severity = code.severity
        self.code = code
        self.message = message
        self.location = location
        self.notes = notes
        self.help = help
    }
}

/// The diagnostics of one run, accumulated instead of thrown.
public struct Diagnostics: Sendable, Hashable {
    /// All findings in the order they were reported.
    public private(set) var all: [Diagnostic] = []

    /// An empty collection.
    public init() {}

    /// Adds one finding.
    public mutating func append(_ diagnostic: Diagnostic) { all.append(diagnostic) }

    /// Adds one finding built from its parts.
    public mutating func report(
        _ code: DiagnosticCode, _ message: String, at location: SourceLocation,
        notes: [DiagnosticNote] = [], help: String? = nil
    ) {
        all.append(Diagnostic(code, message, at: location, notes: notes, help: help))
    }

    /// Adds all findings of another collection.
    public mutating func append(contentsOf other: Diagnostics) { all.append(contentsOf: other.all) }

    /// Number of errors.
    public var errorCount: Int { all.reduce(0) { $0 + ($1.severity == .error ? 1 : 0) } }
    /// Number of warnings.
    public var warningCount: Int { all.count - errorCount }
    /// Whether any error was reported.
    public var hasErrors: Bool { all.contains { $0.severity == .error } }

    /// The findings ordered by file, line and column, each reported once.
    public var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        let unique = all.filter { seen.insert($0).inserted }
        return unique.enumerated().sorted { lhs, rhs in
            if lhs.element.location != rhs.element.location {
                return lhs.element.location < rhs.element.location
            }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }
}
