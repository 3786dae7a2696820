import StrataModel
import StrataPlan

extension StatusView {
    /// A line for each machine of the table that is no longer in the repository: released (when, by whom, at which
    /// commit) or still to be released by the next apply.
    func departures(_ rows: [LiveMachine], of cluster: ClusterTargets) -> String {
        var out = ""
        for reading in rows where !cluster.machines.contains(where: { $0.machine == reading.target.machine }) {
            let name = reading.target.machine.rawValue
            guard let state = reading.state else {
                out += "\(name): left the repository; its agent could not be read, so whether it was released is not known\n"
                continue
            }
            if let release = state.release {
                let by = release.by.map { " by \($0.terminalSafe)" } ?? ""
                let commit = release.commit.map { " (commit \($0.prefix(10).terminalSafe))" } ?? ""
                out += "\(name): left the cluster; released \(release.at.terminalSafe)\(by)\(commit), keeps serving generation \(state.generation)\n"
            } else if state.generation > 0 {
                out += "\(name): left the repository; not released yet (`strata apply` releases it)\n"
            }
        }
        return out
    }
}
