import Foundation
import StrataState
import StrataTestSupport

extension ConfigRepo {
    /// The embedded state store of a machine.
    func store(_ cluster: String, _ machine: String) throws -> StateStore {
        try FileManager.default.createDirectory(atPath: path + "/.strata/state/\(cluster)", withIntermediateDirectories: true)
        return try StateStore(directory: path + "/.strata/state/\(cluster)/\(machine)")
    }

    /// Whether the embedded state of a machine exists at all.
    func hasState(_ cluster: String, _ machine: String) -> Bool {
        FileManager.default.fileExists(atPath: path + "/.strata/state/\(cluster)/\(machine)")
    }

    /// The current generation of a machine's embedded state (0 when none).
    func generation(_ cluster: String, _ machine: String) throws -> Int {
        guard hasState(cluster, machine) else { return 0 }
        return try store(cluster, machine).currentNumber()
    }
}
