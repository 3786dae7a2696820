import ArgumentParser
import StrataKeepalived
import StrataModel
import StrataPostfix

extension RenderCommand {
    /// keepalived.conf as the one file of a rendering (mode 0600: it holds `auth_pass`); no files for a
    /// machine without failover, which is said on standard error in text form.
    func renderKeepalived(_ configuration: JSON, machine: String, console: Console) throws -> PostfixRendering {
        let layout = KeepalivedLayout(devices: try devices(), stateFile: stateFile)
        let rendering: KeepalivedRendering?
        do {
            rendering = try KeepalivedRenderer.render(configuration: configuration, machine: machine, secrets: .references, layout: layout)
        } catch {
            throw CommandFailure("cannot render \(machine) for keepalived: \(error.path): \(error.message)")
        }
        guard let rendering else {
            if output.format == .text {
                console.err("\(machine) has no failover: the keepalived backend stops keepalived and removes its file\n")
            }
            return PostfixRendering(files: [], warnings: [], listeners: [], inetInterfaces: [], inetProtocols: "")
        }
        return PostfixRendering(
            files: [RenderedFile(path: "keepalived.conf", content: rendering.content, mode: 0o600)], warnings: [], listeners: [],
            inetInterfaces: [], inetProtocols: "")
    }

    /// `--interface-map NAME=DEVICE` options as a map; a malformed one is a usage error.
    func devices() throws -> [String: String] {
        var map: [String: String] = [:]
        for entry in interfaceMap {
            let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, map[parts[0]] == nil else {
                throw ValidationError("--interface-map '\(entry)' is not NAME=DEVICE (each NAME once)")
            }
            map[parts[0]] = parts[1]
        }
        return map
    }
}
