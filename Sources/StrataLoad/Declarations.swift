public import StrataModel
public import StrataYAML

/// A group file.
public struct GroupDeclaration: Sendable {
    /// The name taken from the file name.
    public var name: GroupName
    /// The file.
    public var file: DeclaredFile
}

/// A machine file.
public struct MachineDeclaration: Sendable {
    /// The name taken from the file name.
    public var name: MachineName
    /// The file.
    public var file: DeclaredFile
}

/// A cluster directory with its files, as found on disk or in git; no semantics yet.
public struct ClusterDeclaration: Sendable {
    /// The name taken from the directory name.
    public var name: ClusterName
    /// `clusters/<name>` as shown in diagnostics.
    public var directory: String
    /// `cluster.yaml`, nil when it is missing.
    public var file: DeclaredFile?
    /// Group files sorted by name.
    public var groups: [GroupDeclaration]
    /// Machine files sorted by name.
    public var machines: [MachineDeclaration]
}

/// Every cluster of a repository.
public struct RepositoryDeclarations: Sendable {
    /// Clusters sorted by name.
    public var clusters: [ClusterDeclaration]
}
