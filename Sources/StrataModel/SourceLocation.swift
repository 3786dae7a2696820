/// A position in a file of the configuration repository, 1-based, as shown to users.
public struct SourceLocation: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Path relative to the repository root (or the path given for a standalone file).
    public var file: String
    /// Line number, starting at 1.
    public var line: Int
    /// Column number, starting at 1.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// A location that stands for a whole file (line 1, column 1).
    public static func file(_ path: String) -> SourceLocation {
        SourceLocation(file: path, line: 1, column: 1)
    }

    /// `file:line:col`.
    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// A line/column mark inside one YAML document; the file is known to the document.
public struct SourceMark: Sendable, Hashable {
    /// Line number, starting at 1.
    public var line: Int32
    /// Column number, starting at 1.
    public var column: Int32

    /// Creates a mark.
    public init(line: Int32, column: Int32) {
        self.line = line
        self.column = column
    }

    /// The start of a document.
    public static let start = SourceMark(line: 1, column: 1)

    /// The mark placed in `file`.
    public func location(in file: String) -> SourceLocation {
        SourceLocation(file: file, line: Int(line), column: Int(column))
    }
}
