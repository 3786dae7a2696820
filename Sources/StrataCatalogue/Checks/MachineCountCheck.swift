import StrataModel

/// W402: more machines than `requires.max_machines` (Cisco documents communication errors above 20).
struct MachineCountCheck: Check {
    func run(_ context: CheckContext, diagnostics: inout Diagnostics) {
        let count = context.cluster.machines.count
        let limit = context.cluster.requirements.maxMachines
        guard count > limit else { return }
        diagnostics.report(
            .tooManyMachines, "cluster '\(context.cluster.name)' has \(count) machines, more than max_machines (\(limit))",
            at: .file(context.cluster.file),
            help: "split the cluster, or raise requires.max_machines if the platform supports it")
    }
}
