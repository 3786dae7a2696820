public import ArgumentParser

/// The `strata` command: a configuration compiler for clusters of mail gateways.
public struct StrataCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "strata",
        abstract: "Validate, flatten and apply the configuration of mail-gateway clusters kept in git.",
        discussion: """
            The repository holds clusters/<cluster>/cluster.yaml, groups/<group>.yaml and \
            machines/<machine>.yaml. Settings inherit cluster -> group -> machine, one feature at a time.
            """,
        version: "0.1.0",
        subcommands: [
            ValidateCommand.self, ShowCommand.self, WhereCommand.self, ExportCommand.self, SchemaCommand.self,
        ])

    public init() {}
}
