import StrataModel
import StrataPlan

/// The machines of a cluster at earlier commits, each commit read once (through the CLI's ``ClusterHistory``).
struct FormerMachines {
    let history: ClusterHistory?
    private var read: [String: [MachineTarget]?] = [:]

    init(history: ClusterHistory?) {
        self.history = history
    }

    /// The cluster's machines at `commit`; nil, with a warning the first time, when the commit cannot be read.
    /// `why` says what the commit is (by default: one that machines of the cluster last applied).
    mutating func machines(
        of cluster: ClusterName, at commit: String, warnings: inout [ClusterName: [String]],
        why: String = "which machines of the cluster last applied"
    ) -> [MachineTarget]? {
        let key = "\(cluster)@\(commit)"
        if let known = read[key] { return known }
        guard let history else { return nil }
        do {
            let machines = try history(cluster, commit).machines
            read[key] = machines
            return machines
        } catch {
            read[key] = .some(nil)
            warnings[cluster, default: []].append(
                "\(cluster): commit \(commit.prefix(12)), \(why), cannot be read (\(error)); "
                    + "machines removed since then are not looked for")
            return nil
        }
    }
}
