import StrataModel

/// W408: a machine whose flattened listeners are empty accepts no mail.
struct NoListenersCheck: Check {
    func run(_ context: CheckContext, diagnostics: inout Diagnostics) {
        for machine in context.cluster.effective where context.usable(.listeners, of: machine) {
            guard let listeners = machine[feature: .listeners], listeners.value.listItems?.isEmpty == true else { continue }
            let file = context.file(of: .machine(machine.machine))
            let source: String
            let help: String
            var notes: [DiagnosticNote] = []
            switch listeners.provenance {
            case .defaultValue:
                source = "no mode configures listeners for it"
                help = context.standalone
                    ? "configure listeners under settings: in \(file)"
                    : "configure listeners at cluster mode (\(context.file(of: .cluster))) so every machine inherits them"
            case .configured(let mode):
                source = "\(mode) configures an empty list"
                notes.append(DiagnosticNote("configured empty here", at: listeners.value.location))
                if let above = listeners.overrides.first {
                    help = "delete the empty override in \(context.file(of: mode)) to inherit the listeners of \(above) mode, or list the listeners there"
                } else {
                    help = "add listeners to the empty list in \(context.file(of: mode))"
                }
            }
            diagnostics.report(
                .noListeners, "machine '\(machine.machine)' has no listeners and accepts no mail (\(source))", at: .file(file),
                notes: notes, help: help)
        }
    }
}
