/// One reachable HAT row: its pattern, its policy and where it came from.
struct HATRow {
    let pattern: HATPattern
    let policy: String
    let node: SettingNode

    /// The value in the client-stage table: the row decides the client stage either way.
    var clientAction: String { policy == "reject" || policy == "tcprefuse" ? "REJECT" : "OK" }
}
