public import StrataModel

/// Turns canonical JSON (the `show --format json` settings, the agent's configuration) back into typed values,
/// guided by the catalogue, and checks it the way a standalone file is checked.
///
/// Used where configurations travel as JSON: the agent's own checks, and comparing live state with desired state.
public enum CanonicalDecoder {
    /// The canonical JSON of a whole effective configuration: `{feature: value}` in catalogue order.
    public static func json(_ configuration: EffectiveConfiguration) -> JSON {
        .object(configuration.features.map { ($0.name, JSON($0.value)) })
    }

    /// Decodes `{feature: value}` for `machine`; features left out take their defaults, unknown ones are errors.
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
        var features: [ResolvedFeature] = []
        for definition in Catalogue.features {
            guard let value = given[definition.name.rawValue] else {
                features.append(ResolvedFeature(name: definition.name.rawValue, value: definition.defaultValue(machine), provenance: .defaultValue, overrides: []))
                continue
            }
            guard let decoded = decode(value, as: definition.type, path: definition.name.rawValue, at: location, diagnostics: &diagnostics) else { continue }
            features.append(ResolvedFeature(name: definition.name.rawValue, value: decoded, provenance: .configured(.machine(machine)), overrides: []))
        }
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

    private static func decode(_ json: JSON, as type: ValueType, path: String, at location: SourceLocation, diagnostics: inout Diagnostics) -> Value? {
        func mismatch(_ expected: String) -> Value? {
            diagnostics.report(.typeMismatch, "'\(path)' must be \(expected)", at: location)
            return nil
        }
        switch type {
        case .string, .choice:
            guard case .string(let text) = json else { return mismatch("a string") }
            if case .string(let format) = type, let problem = text.isEmpty ? ("empty", nil) : SchemaDecoder.problem(with: text, format: format) {
                diagnostics.report(.invalidValue, "'\(path)' is '\(text)', \(problem.message)", at: location)
                return nil
            }
            if case .choice(let words) = type, !words.contains(text) {
                diagnostics.report(.invalidValue, "'\(path)' is '\(text)', not one of \(words.joined(separator: ", "))", at: location)
                return nil
            }
            return .string(text)
        case .integer(let range):
            guard case .int(let number) = json else { return mismatch("an integer") }
            guard range.contains(number) else {
                diagnostics.report(.invalidValue, "'\(path)' is \(number), outside \(range.lowerBound)...\(range.upperBound)", at: location)
                return nil
            }
            return .integer(number)
        case .boolean:
            guard case .bool(let flag) = json else { return mismatch("true or false") }
            return .boolean(flag)
        case .duration:
            guard case .int(let seconds) = json, seconds >= 0 else { return mismatch("a number of seconds") }
            return .duration(seconds)
        case .secret:
            guard let reference = json["secret"]?.stringValue, json.objectKeys == ["secret"] else { return mismatch("{\"secret\": \"env:NAME\"}") }
            let parts = reference.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let source = SecretReference.Source(rawValue: parts[0]), !parts[1].isEmpty else {
                return mismatch("a secret reference env:NAME or file:PATH")
            }
            return Value(.secret(SecretReference(source: source, name: parts[1])))
        case .list(let element, _):
            guard case .array(let items) = json else { return mismatch("a list") }
            var values: [Value] = []
            for (index, item) in items.enumerated() {
                guard let value = decode(item, as: element, path: "\(path)[\(index)]", at: location, diagnostics: &diagnostics) else { return nil }
                values.append(value)
            }
            return .list(values)
        case .keyedList(let schema, _):
            return decode(json, as: .list(.record(schema), minimumCount: 0), path: path, at: location, diagnostics: &diagnostics)
        case .rootOrList(let element):
            if json == .string("root") { return .string("root") }
            return decode(json, as: .list(element, minimumCount: 1), path: path, at: location, diagnostics: &diagnostics)
        case .record(let schema):
            guard case .object(let entries) = json else { return mismatch("an object") }
            var fields: [Field] = []
            for (key, _) in entries where schema.field(key) == nil {
                diagnostics.report(.unknownKey, "unknown field '\(key)' in '\(path)'", at: location)
                return nil
            }
            for field in schema.fields {
                guard let value = json[field.name] else {
                    switch field.presence {
                    case .required:
                        diagnostics.report(.missingField, "'\(path)' is missing the required field '\(field.name)'", at: location)
                        return nil
                    case .optional: continue
                    case .defaulted(let value): fields.append(Field(field.name, value)); continue
                    }
                }
                guard let decoded = decode(value, as: field.type, path: "\(path).\(field.name)", at: location, diagnostics: &diagnostics) else { return nil }
                fields.append(Field(field.name, decoded))
            }
            return .record(fields)
        }
    }
}
