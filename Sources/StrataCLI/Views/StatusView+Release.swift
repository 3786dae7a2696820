import StrataModel
import StrataPlan

extension StatusView {
    /// A line for each machine of the table that is no longer in the repository: released (when, by whom, at which
    /// commit) or still to be released by the next apply.
    /// A machine still in the repository whose agent reports a release (released out of band, or by a plan file
    /// made while it was gone) says so too: the next apply re-joins it.
    func departures(_ rows: [LiveMachine], of cluster: ClusterTargets) -> String {
        var out = ""
        for reading in rows {
            let name = reading.target.machine.rawValue
            guard cluster.machines.contains(where: { $0.machine == reading.target.machine }) else {
                out += departure(reading)
                continue
            }
            if let release = reading.state?.release {
                out += "\(name): released \(release.at.terminalSafe)\(Self.releasedBy(release)) although the repository still has it; "
                    + "the next `strata apply` re-joins it\n"
            }
        }
        return out
    }

    private static func releasedBy(_ release: ReleaseRecord) -> String {
        let by = release.by.map { " by \($0.terminalSafe)" } ?? ""
        return by + (release.commit.map { " (commit \($0.prefix(10).terminalSafe))" } ?? "")
    }

    private func departure(_ reading: LiveMachine) -> String {
        let name = reading.target.machine.rawValue
        guard let state = reading.state else {
            return "\(name): left the repository; its agent could not be read, so whether it was released is not known\n"
        }
        if let release = state.release {
            return "\(name): left the cluster; released \(release.at.terminalSafe)\(Self.releasedBy(release)), keeps serving generation \(state.generation)\n"
        }
        return state.generation > 0 ? "\(name): left the repository; not released yet (`strata apply` releases it)\n" : ""
    }
}
