import StrataModel

/// E303: no two listeners of one machine bind the same interface and port.
struct ListenerBindingCheck: Check {
    private struct Clash: Hashable {
        var second: SourceLocation?
        var first: SourceLocation?
        var description: String
    }

    func run(_ context: CheckContext, diagnostics: inout Diagnostics) {
        var clashes: [Clash: [String]] = [:]
        var order: [Clash] = []
        for machine in context.cluster.effective where context.usable(.listeners, of: machine) {
            var bound: [String: Value] = [:]
            for listener in machine[feature: .listeners]?.value.listItems ?? [] {
                guard let interface = listener[field: "interface"]?.stringValue, let port = listener[field: "port"]?.integerValue else { continue }
                let binding = "\(interface):\(port)"
                guard let first = bound[binding] else {
                    bound[binding] = listener
                    continue
                }
                let clash = Clash(
                    second: listener.location, first: first.location,
                    description: "listeners '\(first[field: "name"]?.description ?? "?")' and '\(listener[field: "name"]?.description ?? "?")' both bind interface '\(interface)' port \(port)")
                if clashes[clash] == nil { order.append(clash) }
                clashes[clash, default: []].append(machine.machine.rawValue)
            }
        }
        for clash in order {
            let machines = clashes[clash] ?? []
            diagnostics.report(
                .duplicateBinding, "\(clash.description) on \(machines.count == 1 ? "machine" : "machines") \(NameList.text(machines))",
                at: clash.second ?? .file(context.cluster.file),
                notes: [DiagnosticNote("the first listener is configured here", at: clash.first)],
                help: "give one of the listeners another port or interface")
        }
    }
}
