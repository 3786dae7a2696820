public import StrataModel

/// An operational failure of the state store or of a durable file (I/O): stable code, message, cause.
public typealias StateStoreError = OperationalError<StateStoreErrorCode>

/// The kinds of state store failure.
public enum StateStoreErrorCode: String, Sendable, Hashable {
    /// A system call failed (open, write, fsync, rename, lock).
    case io
    /// A file is not what this module wrote (damaged, or edited by hand).
    case corrupt
    /// A file is over the size its reader accepts.
    case tooLarge = "too-large"
}
