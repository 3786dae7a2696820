package import StrataModel

/// Reads secret values, the agents' bearer token among them, the same way on the agent and on the
/// controller: `env:NAME` from an environment, `file:PATH` from a file (relative to a base directory),
/// and in both cases trailing spaces, tabs, CR and LF removed. A value that is empty afterwards is refused.
package struct SecretSource: Sendable {
    /// Why a secret has no value; each side words it for its own readers.
    package enum Failure: Error, Sendable, Hashable {
        /// The environment variable is not set.
        case unset
        /// The file does not exist.
        case noFile(path: String)
        /// The file exists but cannot be read (permissions, too large): the error says why.
        case unreadable(path: String, StateStoreError)
        /// The file's contents are not UTF-8 text.
        case notText(path: String)
        /// Nothing is left once trailing whitespace is removed.
        case empty
    }

    /// The largest secret file read.
    package static let maxFileBytes = 1 << 20

    private let environment: @Sendable (String) -> String?
    private let baseDirectory: String

    /// A source reading variables through `environment` and relative files from `baseDirectory`.
    package init(baseDirectory: String, environment: @escaping @Sendable (String) -> String?) {
        self.environment = environment
        self.baseDirectory = baseDirectory
    }

    /// The value of `reference`, trailing whitespace removed.
    package func value(of reference: SecretReference) throws(Failure) -> String {
        let text: String
        switch reference.source {
        case .env:
            guard let value = environment(reference.name) else { throw .unset }
            text = value
        case .file:
            let path = reference.name.hasPrefix("/") ? reference.name : baseDirectory + "/" + reference.name
            let bytes: [UInt8]?
            do { bytes = try AtomicFile.read(path, limit: Self.maxFileBytes) } catch { throw .unreadable(path: path, error) }
            guard let bytes else { throw .noFile(path: path) }
            guard let decoded = String(validating: bytes, as: UTF8.self) else { throw .notText(path: path) }
            text = decoded
        }
        let trimmed = Self.trimmed(text)
        guard !trimmed.isEmpty else { throw .empty }
        return trimmed
    }

    /// The text without trailing spaces, tabs, CRs and LFs: the one rule for every secret and token.
    package static func trimmed(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars
        while let last = scalars.last, [" ", "\t", "\r", "\n"].contains(last) { scalars.removeLast() }
        return String(scalars)
    }
}
