public import StrataModel

/// Turns canonical JSON (the `show --format json` settings, the agent's configuration) back into typed values,
/// guided by the catalogue (through ``SchemaDecoder``, the decoder YAML files go through too), and checks it the
/// way a standalone file is checked.
///
/// Used where configurations travel as JSON: the agent's own checks, and comparing live state with desired state.
public enum CanonicalDecoder {
    /// The canonical JSON of a whole effective configuration: `{feature: value}` in catalogue order.
    public static func json(_ configuration: EffectiveConfiguration) -> JSON {
        .object(configuration.features.map { ($0.name, JSON($0.value)) })
    }

    /// The same, sharing with earlier machines of `shared` the JSON of every feature resolved from the same cluster or
    /// group mode: those machines have the same value, and a fleet's plan then holds one copy of a 2,000-route
    /// table per group, not one per machine.
    public static func json(_ configuration: EffectiveConfiguration, shared: inout SharedFeatureJSON) -> JSON {
        .object(configuration.features.map { feature in
            guard let mode = feature.sharedMode else { return (feature.name, JSON(feature.value)) }
            let key = SharedFeatureJSON.Key(cluster: configuration.cluster, feature: feature.name, mode: mode)
            if let known = shared.values[key] { return (feature.name, known) }
            let json = JSON(feature.value)
            shared.values[key] = json
            return (feature.name, json)
        })
    }

    /// Decodes `{feature: value}` for `machine`; features left out (or null) take their defaults, or are absent when they
    /// have none; unknown ones are errors.
    /// Diagnostics point at `file` (line 1) with the feature path in the message.
    public static func decode(_ json: JSON, machine: MachineName, file: String = "configuration") -> (EffectiveConfiguration?, Diagnostics) {
        var diagnostics = Diagnostics()
        let location = SourceLocation.file(file)
        guard case .object(let fields) = json else {
            diagnostics.report(.typeMismatch, "a configuration must be a JSON object of features", at: location)
            return (nil, diagnostics)
        }
        var given: [String: JSON] = [:]
        for (name, value) in fields {
            guard Catalogue.feature(name) != nil else {
                diagnostics.report(.unknownFeature, "unknown feature '\(name)'\(Suggestion.clause(for: name, among: Catalogue.names))", at: location)
                continue
            }
            given[name] = value
        }
        var decoder = SchemaDecoder(file: file)
        var features: [ResolvedFeature] = []
        for definition in Catalogue.features {
            // `null` is how a feature without a default may say it is absent (`"failover": null`).
            guard let value = given[definition.name.rawValue], !(value.isNull && definition.defaultValue(machine) == nil) else {
                if let value = definition.defaultValue(machine) {
                    features.append(ResolvedFeature(name: definition.name.rawValue, value: value, provenance: .defaultValue, overrides: []))
                }
                continue
            }
            guard let decoded = decoder.decode(value, as: definition.type, path: definition.name.rawValue) else { continue }
            features.append(ResolvedFeature(name: definition.name.rawValue, value: decoded, provenance: .configured(.machine(machine)), overrides: []))
        }
        diagnostics.append(contentsOf: decoder.diagnostics)
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        let configuration = EffectiveConfiguration(
            cluster: ClusterName(StandaloneCompiler.syntheticName), group: GroupName(StandaloneCompiler.syntheticName),
            machine: machine, features: features)
        return (configuration, diagnostics)
    }

    /// The standalone checks (references, listener bindings, mta relations, no listeners) on a decoded configuration.
    public static func check(_ configuration: EffectiveConfiguration, file: String = "configuration") -> Diagnostics {
        var settings = ModeSettings(mode: .machine(configuration.machine), file: file)
        for feature in configuration.features where feature.provenance != .defaultValue {
            settings.features[feature.name] = ConfiguredFeature(name: feature.name, value: feature.value, location: .file(file))
        }
        let spec = MachineSpec(name: configuration.machine, group: configuration.group, settings: settings)
        return StandaloneMachine.check(spec, effective: configuration, file: file).diagnostics
    }
}

extension JSON {
    fileprivate var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

/// The canonical JSON of features resolved from cluster and group modes, by cluster, mode and feature
/// (``CanonicalDecoder/json(_:shared:)``). Values resolved per machine (``FailoverPeers``), machine modes and defaults
/// are never shared.
public struct SharedFeatureJSON: Sendable {
    struct Key: Hashable {
        let cluster: ClusterName
        let feature: String
        let mode: Mode
    }

    var values: [Key: JSON] = [:]

    /// An empty cache.
    public init() {}
}
