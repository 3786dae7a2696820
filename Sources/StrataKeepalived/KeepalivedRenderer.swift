public import StrataModel

/// Turns a machine's canonical effective configuration into its keepalived.conf: one VRRP instance
/// for its `failover`, unicast to its peers, with an SMTP banner check of the monitored listener.
/// The agent's keepalived backend and `strata render --backend keepalived` both call this.
public enum KeepalivedRenderer {
    /// Nil when the configuration has no `failover` (the backend then stops keepalived). Deterministic
    /// for equal inputs.
    public static func render(
        configuration: JSON, machine: String, secrets: KeepalivedSecrets, layout: KeepalivedLayout
    ) throws(KeepalivedRenderError) -> KeepalivedRendering? {
        guard case .object = configuration else {
            throw KeepalivedRenderError(path: "", message: "the configuration must be a JSON object")
        }
        guard let settings = try FailoverSettings.read(configuration) else { return nil }
        let device = try FailoverReader.word(layout.device(for: settings.interface), FailoverReader(json: .null, path: "failover.interface"))
        let password = try self.password(settings.secretReference, secrets: secrets)
        let name = try FailoverReader.word(machine, FailoverReader(json: .null, path: "machine"))
        let stateFile = try FailoverReader.word(layout.stateFile, FailoverReader(json: .null, path: "state_file"))
        let instance = "strata_\(settings.routerID)"
        let text = KeepalivedText.render(KeepalivedText.Input(
            machine: name, instance: instance, settings: settings, device: device, password: password, stateFile: stateFile))
        return KeepalivedRendering(
            content: text, instance: instance, routerID: settings.routerID, interface: settings.interface, device: device,
            sourceAddress: settings.sourceAddress, addresses: settings.addresses, monitor: settings.monitor)
    }

    /// The `auth_pass` value: keepalived keeps only the first 8 characters and ignores the rest, so a
    /// longer secret would silently differ from what the operator set (DECISIONS: "Failover").
    private static func password(_ reference: String, secrets: KeepalivedSecrets) throws(KeepalivedRenderError) -> String {
        let node = FailoverReader(json: .null, path: "failover.secret")
        switch secrets {
        case .references:
            return try FailoverReader.word(reference, node)
        case .resolved(let values):
            guard let value = values[reference] else { throw node.failure("the secret \(reference) was not resolved") }
            guard !value.isEmpty else { throw node.failure("the secret \(reference) is empty") }
            guard value.count <= 8 else {
                throw node.failure("the secret \(reference) has \(value.count) characters; VRRP allows at most 8 (keepalived would silently cut it)")
            }
            guard value.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F && !"\"'{}#!\\".unicodeScalars.contains($0) })
            else { throw node.failure("the secret \(reference) must be printable ASCII without spaces, quotes, braces, '#', '!' or '\\'") }
            return value
        }
    }
}
