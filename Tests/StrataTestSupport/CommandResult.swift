/// What a finished program printed and how it exited.
public struct CommandResult: CustomStringConvertible, Sendable {
    /// The exit status.
    public var status: Int32
    /// Everything written to standard output.
    public var stdout: String
    /// Everything written to standard error.
    public var stderr: String
    /// How long the process ran, from its start to its exit (0 when not measured).
    public var seconds: Double = 0

    /// Creates a result.
    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }

    /// Standard output followed by standard error.
    public var output: String { stdout + stderr }
    /// The whole result, for assertion messages.
    public var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
}
