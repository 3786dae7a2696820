import ArgumentParser
import StrataModel
import StrataCompile
import StrataYAML
import StrataCatalogue

/// `strata where FEATURE`: the modes that configure a feature and the machines resolving from each (CLUSTERSHOW).
struct WhereCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "where",
        abstract: "Show which modes configure a feature and which machines take it from each.",
        discussion: """
            Like Cisco's clustershow: for each cluster, every mode that configures the feature, where, \
            and the machines whose effective value comes from it. A mode that configures the feature \
            but reaches no machine is listed with none, because every machine below it overrides it.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var revision: RevisionOption
    @OptionGroup var output: FormatOption<DataFormat>

    @Argument(help: "The feature, e.g. listeners.")
    var feature: String

    func validate() throws {
        guard Catalogue.feature(feature) != nil else {
            let suggestion = Suggestion.closest(to: feature, among: Catalogue.names).map { "; did you mean '\($0)'?" } ?? ""
            throw ValidationError("unknown feature '\(feature)'\(suggestion)")
        }
    }

    func run() throws {
        let console = Console()
        let workspace = try Workspace.load(global, revision: revision.rev)
        try workspace.refuseErrors(in: workspace.result.clusters.map(\.name), console: console)
        guard let definition = Catalogue.feature(feature) else { return }
        let reports = workspace.result.clusters.map { FeatureUsage(cluster: $0, feature: definition.name.rawValue) }
        switch output.format {
        case .json:
            console.out(JSON.object([
                ("feature", .string(definition.name.rawValue)),
                ("allowed", .array(Level.allCases.filter(definition.levels.contains).map { .string($0.rawValue) })),
                ("clusters", .array(reports.map { $0.json() })),
            ]).rendered() + "\n")
        default:
            let style = Style(enabled: console.colorStdout)
            var out = style.bold("feature \(definition.name)") + " (allowed in \(definition.allowedModesText))\n"
            for report in reports { out += report.text(style: style) }
            console.out(out)
        }
    }
}

/// Where one feature is configured in one cluster.
struct FeatureUsage {
    struct Row {
        var mode: String
        var location: SourceLocation?
        var machines: [String]
        /// Why no machine takes the value from this mode.
        var emptyReason = "every machine below overrides it"
    }

    let cluster: ClusterName
    let rows: [Row]

    init(cluster compiled: CompiledCluster, feature: String) {
        cluster = compiled.name
        var machinesByMode: [String: [String]] = [:]
        for machine in compiled.effective {
            guard let resolved = machine[feature: feature] else { continue }
            machinesByMode[resolved.provenance.description, default: []].append(machine.machine.rawValue)
        }
        var rows: [Row] = compiled.allModes.compactMap { mode in
            guard let configured = mode.features[feature] else { return nil }
            var row = Row(mode: mode.mode.description, location: configured.location, machines: machinesByMode[mode.mode.description] ?? [])
            if case .group(let group) = mode.mode, !compiled.machines.values.contains(where: { $0.group == group }) {
                row.emptyReason = "the group has no machine"
            }
            return row
        }
        rows.append(Row(mode: "default", location: nil, machines: machinesByMode["default"] ?? []))
        self.rows = rows
    }

    func json() -> JSON {
        .object([
            ("cluster", .string(cluster.rawValue)),
            ("modes", .array(rows.map { row in
                .object([
                    ("mode", .string(row.mode)),
                    ("file", .optional(row.location?.file)),
                    ("line", row.location.map { .int($0.line) } ?? .null),
                    ("column", row.location.map { .int($0.column) } ?? .null),
                    ("machines", .array(row.machines.map(JSON.string))),
                ])
            })),
        ])
    }

    func text(style: Style) -> String {
        var out = "\ncluster \(cluster)\n"
        let width = rows.map(\.mode.count).max() ?? 0
        for row in rows {
            let padded = row.mode + String(repeating: " ", count: width - row.mode.count)
            let location = row.location.map { "  \($0)".terminalSafe } ?? ""
            let machines = row.machines.isEmpty ? style.dim("(no machine: \(row.emptyReason))") : row.machines.joined(separator: ", ")
            if row.mode == "default" && row.machines.isEmpty { continue }
            out += "  " + style.cyan(padded) + location + "\n      -> " + machines + "\n"
        }
        return out
    }
}
