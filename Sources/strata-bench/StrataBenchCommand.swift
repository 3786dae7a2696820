import ArgumentParser
import StrataBench

/// `strata-bench`: generates benchmark fleets and measures the floor of reading their YAML.
@main
struct StrataBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "strata-bench",
        abstract: "Generate benchmark fleets (Strata repository and equivalent Ansible inventory) and scan YAML.",
        discussion: "scripts/bench (make bench) drives these to compare Strata with ansible-inventory.",
        subcommands: [Generate.self, Scan.self, CompileFleet.self])
}

/// `strata-bench generate`: writes `<out>/strata` and `<out>/ansible`.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write a fleet as a Strata repository and as an Ansible inventory.")

    @Option(help: "Directory that receives strata/ and ansible/ (both replaced).") var out: String
    @Option(help: "Clusters.") var clusters = FleetShape.reference.clusters
    @Option(help: "Groups per cluster.") var groups = FleetShape.reference.groups
    @Option(help: "Machines per cluster.") var machines = FleetShape.reference.machines
    @Option(help: "SMTP routes per cluster.") var routes = FleetShape.reference.smtpRoutes
    @Option(help: "Host access table rows of each cluster's inbound listener.") var hat = FleetShape.reference.hatRows
    @Option(help: "Global unsubscribe entries per cluster.") var unsubscribe = FleetShape.reference.unsubscribe
    @Option(help: "Users per cluster.") var users = FleetShape.reference.users

    func run() throws {
        let shape = FleetShape(
            clusters: clusters, groups: groups, machines: machines, smtpRoutes: routes, hatRows: hat,
            unsubscribe: unsubscribe, users: users)
        if let problem = shape.problem { throw ValidationError(problem) }
        let summary = try FleetWriter(shape: shape).write(to: out)
        print("\(shape): strata \(summary.strataFiles) files \(summary.strataBytes) bytes; "
            + "ansible \(summary.ansibleFiles) files \(summary.ansibleBytes) bytes")
    }
}

/// `strata-bench scan DIR`: libyaml events of every YAML file, nothing built.
struct Scan: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Read every YAML file under a directory with libyaml's event parser only.")

    @Argument(help: "The directory to scan.") var directory: String

    func run() throws {
        let totals = try EventScan.scan(root: directory)
        print("files \(totals.files) bytes \(totals.bytes) events \(totals.events) failures \(totals.failures)")
        if totals.failures > 0 { throw ExitCode(1) }
    }
}
