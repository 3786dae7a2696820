import Foundation
import Testing
import StrataModel

/// The agent reads its token file by the one rule the controller follows: trailing spaces, tabs, CR and LF removed.
@Suite("Agent token file", .serialized)
struct AgentTokenFileTests {
    @Test func aTokenFileEndingInSpacesTabsAndCRLFAuthenticatesWithoutThem() async throws {
        let sandbox = try AgentSandbox(token: "{file: agent.token}")
        try "from-a-file \t\r\n".write(toFile: sandbox.root + "/agent.token", atomically: true, encoding: .utf8)
        let agent = try await sandbox.start()
        #expect(try agent.request("GET", AgentAPI.statePath, token: "from-a-file").status == 200)
        // HTTP drops a header value's own trailing whitespace, so only another token can show that it is checked.
        #expect(try agent.request("GET", AgentAPI.statePath, token: "from-a-file-2").status == 401)
    }
}
