/// A fixture that could not be set up as the test asked.
public struct FixtureError: Error, CustomStringConvertible {
    /// What went wrong.
    public var description: String
    /// Creates the error.
    public init(_ description: String) { self.description = description }
}
