import ArgumentParser
import StrataApply

/// Options of the commands that talk to agents.
struct LiveOptions: ParsableArguments, Sendable {
    @Option(name: .long, help: ArgumentHelp("Seconds a whole state read may take, answer included (connecting: at most 5).", valueName: "seconds"))
    var timeout: Int = 10

    @Option(name: .long, help: ArgumentHelp("Seconds a whole apply request may take, answer included.", valueName: "seconds"))
    var applyTimeout: Int = 300

    init() {}

    var connection: ConnectionOptions {
        ConnectionOptions(connectTimeout: min(timeout, 5), readTimeout: timeout, applyTimeout: applyTimeout)
    }
}
