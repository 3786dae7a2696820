import StrataModel

/// E301/E302: every reference must resolve, on each machine's flattened configuration, to an item of the right kind.
struct ReferenceCheck: Check {
    private struct Problem: Hashable {
        var location: SourceLocation?
        var referrer: String
        var field: String
        var name: String
        var listName: String
        /// nil: missing; otherwise the target's actual type.
        var actualType: String?
    }

    private struct Occurrence {
        var reference: FoundReference
        var feature: String
        var provenance: Provenance
        var machines: [MachineName] = []
    }

    func run(_ context: CheckContext, diagnostics: inout Diagnostics) {
        var problems: [Problem: Occurrence] = [:]
        var order: [Problem] = []
        for machine in context.cluster.effective {
            var targetCache: [String: [String: Value]] = [:]
            for resolved in machine.features where context.usable(resolved.name, of: machine) {
                guard let definition = Catalogue.feature(resolved.name) else { continue }
                for reference in ReferenceWalker.references(in: resolved.value, feature: definition) {
                    let target = reference.target
                    guard context.usable(target.feature, of: machine) else { continue }
                    let items = targetCache[target.listName] ?? {
                        let items = machine[feature: target.feature].map { ReferenceWalker.targetItems(in: $0.value, target: target) } ?? [:]
                        targetCache[target.listName] = items
                        return items
                    }()
                    var actualType: String?
                    if let item = items[reference.name] {
                        guard let allowed = target.allowedTypes, let type = item[field: "type"]?.stringValue,
                              !allowed.contains(type) else { continue }
                        actualType = type
                    }
                    let problem = Problem(
                        location: reference.location, referrer: reference.referrer, field: reference.field,
                        name: reference.name, listName: target.listName, actualType: actualType)
                    if problems[problem] == nil {
                        problems[problem] = Occurrence(reference: reference, feature: resolved.name, provenance: resolved.provenance)
                        order.append(problem)
                    }
                    problems[problem]?.machines.append(machine.machine)
                }
            }
        }
        for problem in order {
            guard let occurrence = problems[problem] else { continue }
            diagnostics.append(diagnostic(problem, occurrence, context: context))
        }
    }

    private func diagnostic(_ problem: Problem, _ occurrence: Occurrence, context: CheckContext) -> Diagnostic {
        let reference = occurrence.reference
        let target = reference.target
        let machines = occurrence.machines.map(\.rawValue)
        let location = reference.location ?? .file(context.cluster.file)
        let machineText = (machines.count == 1 ? "machine " : "machines ") + NameList.text(machines)
        if let actualType = problem.actualType {
            let allowed = target.allowedTypes ?? []
            return Diagnostic(
                .wrongReferenceKind,
                "\(reference.referrer) uses \(ReferenceWalker.noun(forList: target.listName)) '\(reference.name)' as its \(reference.field), but on \(machineText) it is of type \(actualType)",
                at: location, notes: definitionNotes(problem, context: context),
                help: "a \(target.noun) must be of type \(allowed.joined(separator: " or ")): point '\(reference.field)' at one, or change the type of '\(reference.name)'")
        }
        let verb = machines.count == 1 ? "does" : "do"
        return Diagnostic(
            .unresolvedReference,
            "\(reference.referrer) refers to \(target.noun) '\(reference.name)', which \(machineText) \(verb) not resolve",
            at: location, notes: definitionNotes(problem, context: context),
            help: help(problem, occurrence, context: context))
    }

    /// Where the target is defined anywhere in the cluster, as notes.
    private func definitionNotes(_ problem: Problem, context: CheckContext) -> [DiagnosticNote] {
        let path = problem.listName.split(separator: ".").map(String.init)
        guard let feature = path.first else { return [] }
        var notes: [DiagnosticNote] = []
        for mode in context.cluster.allModes {
            guard let configured = mode.features[feature] else { continue }
            let target = ReferenceTarget(feature: feature, path: Array(path.dropFirst()), noun: "")
            guard let item = ReferenceWalker.targetItems(in: configured.value, target: target)[problem.name] else { continue }
            let type = item[field: "type"]?.stringValue.map { " (type \($0))" } ?? ""
            notes.append(DiagnosticNote(
                "\(ReferenceWalker.noun(forList: problem.listName)) '\(problem.name)'\(type) is defined here, in \(mode.mode) mode",
                at: item.location ?? configured.location))
        }
        if notes.isEmpty {
            notes.append(DiagnosticNote("'\(problem.name)' is not defined in any mode of cluster '\(context.cluster.name)'"))
        }
        return notes
    }

    private func help(_ problem: Problem, _ occurrence: Occurrence, context: CheckContext) -> String {
        let reference = occurrence.reference
        let target = reference.target
        if context.standalone {
            return "define \(problem.listName) '\(reference.name)' in this file, or remove the reference"
        }
        let machines = occurrence.machines.map(\.rawValue)
        guard case .configured(let mode) = occurrence.provenance, mode.level != .machine else {
            let file = context.file(of: occurrence.provenance.mode ?? .cluster)
            return "define \(problem.listName) '\(reference.name)' in \(file) or in a mode above it, or correct the \(reference.field)"
        }
        let moveDown = "move \(reference.referrer) down to machine mode on the machines that have it"
        let targetLevels = Catalogue.feature(target.feature)?.levels ?? []
        if targetLevels.contains(mode.level) {
            return "promote \(problem.listName) '\(reference.name)' to \(mode) mode (\(context.file(of: mode))), or move \(reference.referrer) down to machine mode (\(occurrence.feature) in each machine's file)"
        }
        let files = machines.map { context.file(of: .machine(MachineName($0))) }
        return "add \(target.noun) '\(reference.name)' to \(NameList.text(files)), or \(moveDown)"
    }
}

extension Provenance {
    /// The mode, if configured.
    var mode: Mode? {
        if case .configured(let mode) = self { return mode }
        return nil
    }
}
