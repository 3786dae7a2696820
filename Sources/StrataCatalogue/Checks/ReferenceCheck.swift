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
        // Machines that resolve a feature from the same mode share its value: walk it once per mode.
        var referenceCache: [String: [FoundReference]] = [:]
        var targetCache: [String: [String: Value]] = [:]
        for machine in context.cluster.effective {
            for resolved in machine.features where ReferenceWalker.referringFeatures.contains(resolved.name) {
                guard let definition = Catalogue.feature(resolved.name), context.usable(definition.name, of: machine) else { continue }
                let referenceKey = resolved.name + "@" + resolved.provenance.description
                let references = referenceCache[referenceKey] ?? {
                    let found = ReferenceWalker.references(in: resolved.value, feature: definition)
                    referenceCache[referenceKey] = found
                    return found
                }()
                for reference in references {
                    let target = reference.target
                    guard context.usable(target.feature, of: machine), let targetFeature = machine[feature: target.feature] else { continue }
                    let targetKey = target.listName + "@" + targetFeature.provenance.description
                    let items = targetCache[targetKey] ?? {
                        let items = ReferenceWalker.targetItems(in: targetFeature.value, target: target)
                        targetCache[targetKey] = items
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
        let definitions = self.definitions(problem, context: context)
        let notes = definitionNotes(problem, definitions, context: context)
        if let actualType = problem.actualType {
            let allowed = target.allowedTypes ?? []
            // Items of a suitable type that every affected machine resolves: the likely intended ones.
            let suitable = resolvedNames(of: target, on: occurrence.machines, context: context) { item in
                item[field: "type"]?.stringValue.map(allowed.contains) ?? false
            }
            let pointAt = suitable.isEmpty
                ? "point '\(reference.field)' at one"
                : "point '\(reference.field)' at one (\(NameList.text(suitable.map { "'\($0)'" }, limit: 5)))"
            return Diagnostic(
                .wrongReferenceKind,
                "\(reference.referrer) uses \(ReferenceWalker.itemNoun(ofList: target.listName)) '\(reference.name)' as its \(reference.field), but on \(machineText) it is of type \(actualType)",
                at: location, notes: notes,
                help: "\(Self.article(for: target.noun)) \(target.noun) must be of type \(allowed.joined(separator: " or ")): \(pointAt), or change the type of '\(reference.name)'")
        }
        let verb = machines.count == 1 ? "does" : "do"
        var message = "\(reference.referrer) refers to \(target.noun) '\(reference.name)', which \(machineText) \(verb) not resolve"
        if definitions.isEmpty {
            // Defined nowhere: most likely a typo of a name the machines do resolve.
            let known = resolvedNames(of: target, on: occurrence.machines, context: context) { _ in true }
            message += Suggestion.clause(for: reference.name, among: known)
        }
        var allNotes = notes
        for mode in definitions.isEmpty ? [] : hidingOverrides(occurrence, definitions: definitions, context: context) {
            let configured = context.cluster.allModes.first { $0.mode == mode }?[feature: target.feature]
            allNotes.append(DiagnosticNote(
                "\(mode) mode configures \(target.feature) here, without '\(reference.name)'", at: configured?.location))
        }
        return Diagnostic(
            .unresolvedReference, message, at: location, notes: allNotes,
            help: help(problem, occurrence, definitions: definitions, context: context))
    }

    /// The modes whose configured value defines the target item, cluster first.
    private func definitions(_ problem: Problem, context: CheckContext) -> [(mode: Mode, item: Value, configured: ConfiguredFeature)] {
        let path = problem.listName.split(separator: ".").map(String.init)
        guard let feature = path.first else { return [] }
        let target = ReferenceTarget(feature: FeatureName(feature), path: Array(path.dropFirst()), noun: "")
        var found: [(mode: Mode, item: Value, configured: ConfiguredFeature)] = []
        for mode in context.cluster.allModes {
            guard let configured = mode.features[feature],
                  let item = ReferenceWalker.targetItems(in: configured.value, target: target)[problem.name] else { continue }
            found.append((mode.mode, item, configured))
        }
        return found
    }

    /// Where the target is defined anywhere in the cluster, as notes.
    private func definitionNotes(
        _ problem: Problem, _ definitions: [(mode: Mode, item: Value, configured: ConfiguredFeature)], context: CheckContext
    ) -> [DiagnosticNote] {
        if definitions.isEmpty {
            let scope = context.standalone ? "this file" : "any mode of cluster '\(context.cluster.name)'"
            return [DiagnosticNote("'\(problem.name)' is not defined in \(scope)")]
        }
        return definitions.map { definition in
            let type = definition.item[field: "type"]?.stringValue.map { " (type \($0))" } ?? ""
            return DiagnosticNote(
                "\(ReferenceWalker.itemNoun(ofList: problem.listName)) '\(problem.name)'\(type) is defined here, in \(definition.mode) mode",
                at: definition.item.location ?? definition.configured.location)
        }
    }

    /// Names of the target list's items that every one of `machines` resolves and that pass `filter`, sorted.
    private func resolvedNames(
        of target: ReferenceTarget, on machines: [MachineName], context: CheckContext, filter: (Value) -> Bool
    ) -> [String] {
        var common: Set<String>?
        for machine in machines {
            guard let effective = context.cluster.effective(for: machine),
                  let resolved = effective[feature: target.feature] else { return [] }
            let names = Set(ReferenceWalker.targetItems(in: resolved.value, target: target).filter { filter($0.value) }.keys)
            common = common.map { $0.intersection(names) } ?? names
        }
        return (common ?? []).sorted()
    }

    /// Modes that configure the target feature for an affected machine without the item, while a mode the
    /// machine would otherwise inherit from defines it: the override hides the definition.
    private func hidingOverrides(
        _ occurrence: Occurrence, definitions: [(mode: Mode, item: Value, configured: ConfiguredFeature)], context: CheckContext
    ) -> [Mode] {
        var hiding: Set<Mode> = []
        for machine in occurrence.machines {
            guard let effective = context.cluster.effective(for: machine),
                  case .configured(let winner)? = effective[feature: occurrence.reference.target.feature]?.provenance else { continue }
            let chain: [Mode] = [.cluster, .group(effective.group), .machine(machine)]
            if definitions.contains(where: { chain.contains($0.mode) && $0.mode != winner }) { hiding.insert(winner) }
        }
        return hiding.sorted()
    }

    private func help(
        _ problem: Problem, _ occurrence: Occurrence, definitions: [(mode: Mode, item: Value, configured: ConfiguredFeature)],
        context: CheckContext
    ) -> String {
        let reference = occurrence.reference
        let target = reference.target
        if context.standalone {
            return "correct or remove '\(reference.field)', or define \(problem.listName) '\(reference.name)' in this file"
        }
        let machines = occurrence.machines.map(\.rawValue)
        let targetLevels = Catalogue.feature(target.feature)?.levels ?? []
        let referrerMode = occurrence.provenance.mode ?? .cluster
        if definitions.isEmpty {
            let place: String
            if targetLevels.contains(referrerMode.level) {
                place = context.file(of: referrerMode)
            } else {
                place = NameList.text(machines.map { context.file(of: .machine(MachineName($0))) })
            }
            return "correct '\(reference.field)', or define \(problem.listName) '\(reference.name)' in \(place)"
        }
        let hiding = hidingOverrides(occurrence, definitions: definitions, context: context)
        if !hiding.isEmpty {
            let files = NameList.text(hiding.map { context.file(of: $0) })
            return "add '\(reference.name)' to \(problem.listName) in \(files) as well (a mode's value replaces the inherited one as a whole), or delete \(hiding.count == 1 ? "that override" : "those overrides") to inherit it"
        }
        guard case .configured(let mode) = occurrence.provenance, mode.level != .machine else {
            let file = context.file(of: occurrence.provenance.mode ?? .cluster)
            return "define \(problem.listName) '\(reference.name)' in \(file) or in a mode above it, or correct '\(reference.field)'"
        }
        // A referrer that machine mode may not configure (failover) cannot move down.
        let canMoveDown = Catalogue.feature(occurrence.feature)?.levels.contains(.machine) ?? true
        let moveDown = "move \(reference.referrer) down to machine mode on the machines that have it"
        if targetLevels.contains(mode.level) {
            let promote = "promote \(problem.listName) '\(reference.name)' to \(mode) mode (\(context.file(of: mode)))"
            guard canMoveDown else { return promote }
            return "\(promote), or move \(reference.referrer) down to machine mode (\(occurrence.feature) in each machine's file)"
        }
        let files = machines.map { context.file(of: .machine(MachineName($0))) }
        let add = "add \(target.noun) '\(reference.name)' to \(NameList.text(files))"
        return canMoveDown ? "\(add), or \(moveDown)" : add
    }
}

extension ReferenceCheck {
    /// `a footer`, `an LDAP query`, `an interface`.
    static func article(for noun: String) -> String {
        let first = noun.first.map(String.init) ?? ""
        // Acronyms read letter by letter: "an LDAP", "an SMTP", but "a DNS".
        let vowelSound = "aeiou".contains(first) || (noun.prefix(2).allSatisfy(\.isUppercase) && "AEFHILMNORSX".contains(first))
        return vowelSound ? "an" : "a"
    }
}

extension Provenance {
    /// The mode, if configured.
    var mode: Mode? {
        if case .configured(let mode) = self { return mode }
        return nil
    }
}
