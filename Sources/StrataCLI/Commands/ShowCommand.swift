import ArgumentParser
import StrataModel

/// `strata show MACHINE`: the flattened configuration of a machine.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show the effective configuration of a machine, with where each feature comes from.",
        discussion: """
            Every catalogue feature is shown, defaults included, with its mode: cluster, group:NAME, \
            machine:NAME or default; a feature without a default (failover, failover_priority) only where \
            it is set. --explain adds which higher modes each value overrides. \
            The repository must validate without errors.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var revision: RevisionOption
    @OptionGroup var output: FormatOption<DataFormat>

    @Argument(help: "The machine, e.g. newyork.example.com.")
    var machine: String?

    @Flag(name: .long, help: "Show every machine of the repository (or of --cluster).")
    var all = false

    @Flag(name: .long, help: "Say which mode each feature comes from and what it overrides.")
    var explain = false

    func validate() throws {
        if all == (machine != nil) {
            throw ValidationError("name one machine, or pass --all")
        }
    }

    func run() throws {
        let console = Console()
        let workspace = try Workspace.load(global, revision: revision.rev)
        var configurations: [EffectiveConfiguration] = []
        if let machine {
            let (cluster, name) = try workspace.machine(machine)
            try workspace.refuseErrors(in: [cluster.name], console: console)
            guard let effective = cluster.effective(for: name) else { throw CommandFailure("machine '\(name)' has no effective configuration") }
            configurations = [effective]
        } else {
            try workspace.refuseErrors(in: workspace.result.clusters.map(\.name), console: console)
            configurations = workspace.result.clusters.flatMap(\.effective)
        }
        // One machine at a time, so a fleet's output never sits in memory as a whole.
        switch output.format {
        case .json where machine != nil:
            var show = ShowJSONWriter(explain: explain, level: 0, sink: console.outSafe)
            show.machine(configurations[0])
            show.raw("\n")
            show.flush()
        case .json:
            var show = ShowJSONWriter(explain: explain, level: 2, sink: console.outSafe)
            show.raw("{\n  \"machines\": [")
            for (index, configuration) in configurations.enumerated() {
                show.raw(index == 0 ? "\n    " : ",\n    ")
                show.machine(configuration)
                show.flush()
            }
            show.raw(configurations.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
            show.flush()
        default:
            let style = Style(enabled: console.colorStdout)
            for (index, configuration) in configurations.enumerated() {
                console.out((index == 0 ? "" : "\n") + ShowView(configuration: configuration, explain: explain).text(style: style))
            }
        }
    }
}
