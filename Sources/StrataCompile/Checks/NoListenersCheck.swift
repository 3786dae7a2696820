import StrataModel

/// W408: a machine whose flattened listeners are empty accepts no mail.
struct NoListenersCheck: Check {
    func run(_ context: CheckContext, diagnostics: inout Diagnostics) {
        for machine in context.cluster.effective where context.usable("listeners", of: machine) {
            guard let listeners = machine[feature: "listeners"], listeners.value.listItems?.isEmpty == true else { continue }
            let file = context.file(of: .machine(machine.machine))
            let source: String
            var notes: [DiagnosticNote] = []
            switch listeners.provenance {
            case .defaultValue:
                source = "no mode configures listeners for it"
            case .configured(let mode):
                source = "\(mode) configures an empty list"
                notes.append(DiagnosticNote("configured empty here", at: listeners.value.location))
            }
            diagnostics.report(
                .noListeners, "machine '\(machine.machine)' has no listeners and accepts no mail (\(source))", at: .file(file),
                notes: notes, help: "configure listeners at cluster mode, or delete the empty override to inherit them")
        }
    }
}
