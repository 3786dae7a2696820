#if canImport(Glibc)
import Glibc
#endif
import StrataPostfix

/// The health of a switched instance: it runs, every listener answers 220 and gets to RCPT without
/// `4.3.5`, and the log since the switch says nothing fatal.
struct PostfixHealth: Sendable {
    let instance: PostfixInstance
    let log: PostfixLog
    let timeoutSeconds: Int

    /// What is wrong, or nil when the instance serves.
    func problem(listeners: [ProbeTarget], since offset: Int) -> String? {
        guard instance.isRunning() else { return "the instance is not running" }
        for listener in listeners {
            if let failure = probe(listener) { return "listener \(listener.listener) (\(listener.address):\(listener.port)): \(failure)" }
        }
        // A master that cannot bind a listener after a reload exits moments after logging the reload,
        // and another program may hold the port and answer the probe: it must still run afterwards.
        guard instance.isRunning() else { return "the instance stopped while its listeners were probed" }
        if let alarm = log.alarms(since: offset).first { return "the log says: \(alarm)" }
        return nil
    }

    /// Probes one listener; a refused connection is retried (the master may still be opening its
    /// sockets after a start) until the bound, as long as the instance runs.
    private func probe(_ listener: ProbeTarget) -> String? {
        let bound = min(timeoutSeconds, 10)
        let deadline = ContinuousClock.now.advanced(by: .seconds(bound))
        var last = "no answer"
        repeat {
            do {
                _ = try SMTPProbe(timeoutSeconds: bound, namespace: instance.settings.netns).probe(address: listener.address, port: listener.port, recipient: "probe@strata-probe.invalid")
                return nil
            } catch {
                last = "\(error)"
                guard last.contains("Connection refused") else { return last }
                guard instance.isRunning() else { return last + "; the instance stopped" }
            }
            usleep(100_000)
        } while ContinuousClock.now < deadline
        return last
    }
}
