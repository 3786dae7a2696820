import Foundation
import StrataTestSupport

/// Runs `strata` to completion with NO_COLOR, no terminal, this process's environment plus `environment`.
func strata(_ arguments: [String], environment: [String: String] = [:], unset: [String] = [], directory: String? = nil) async throws -> CommandResult {
    try await StartedProcess(TestPaths.strata.path, arguments, environment: environment, unset: unset, directory: directory).finish()
}

/// Runs any program to completion.
func runProgram(_ arguments: [String], directory: String? = nil, environment: [String: String] = [:]) async throws -> CommandResult {
    try await StartedProcess("/usr/bin/env", arguments, environment: environment, directory: directory).finish()
}

/// Whether `strata agent` is implemented in this build (it is built by another part of the project).
enum AgentAvailability {
    static let works: Bool = {
        guard let result = try? StartedProcess(TestPaths.strata.path, ["agent", "--help"]).finishBlocking() else { return false }
        return result.status == 0 && result.stdout.contains("--config")
    }()
}

/// Whether the `openssl` command is installed (for certificates made at test time).
enum OpenSSLAvailability {
    static let works: Bool = (try? StartedProcess("/usr/bin/env", ["openssl", "version"]).finishBlocking())?.status == 0
}
