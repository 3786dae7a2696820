package import StrataModel
package import StrataYAML

/// Reads the top level of one cluster, group, machine or standalone file and its `settings:`.
package struct ModeFileReader {
    /// The top-level entries by key, after unknown keys and nulls were reported.
    package private(set) var entries: [String: YAMLEntry] = [:]
    /// Features that were configured but invalid (so later checks do not pile up follow-on errors).
    package private(set) var invalidFeatures: Set<String> = []
    /// Decodes the values and collects the diagnostics of this file.
    package var decoder: SchemaDecoder

    /// Built once: every unknown-feature diagnostic of a run shares this text instead of a copy of it.
    private static let featureListHelp = "the features are: " + Catalogue.names.joined(separator: ", ")

    /// Reads the top level of `file`, reporting unknown keys and nulls.
    package init(file: DeclaredFile, allowedKeys: [String]) {
        decoder = SchemaDecoder(file: file.path)
        guard let root = file.root else { return }
        guard let topLevel = root.mappingEntries else {
            decoder.diagnostics.report(
                .typeMismatch, "a configuration file must be a mapping, found \(root.kindDescription)",
                at: root.mark.location(in: file.path))
            return
        }
        for entry in topLevel {
            guard let key = entry.keyText else { continue }
            guard allowedKeys.contains(key) else {
                decoder.diagnostics.report(
                    .unknownKey, "unknown top-level key '\(key)'\(Suggestion.clause(for: key, among: allowedKeys))",
                    at: entry.key.mark.location(in: file.path), help: "this file may hold: " + allowedKeys.joined(separator: ", "))
                continue
            }
            if entry.value.isNull {
                decoder.diagnostics.report(
                    .nullValue, "'\(key)' is null", at: entry.value.mark.location(in: file.path),
                    help: key == "settings" ? "write `settings: {}` for a mode that configures nothing, or delete the key" : "give it a value or delete the key")
                continue
            }
            entries[key] = entry
        }
    }

    /// Decodes a top-level record such as `requires:`.
    package mutating func record(_ key: String, schema: RecordSchema) -> Value? {
        guard let entry = entries[key] else { return nil }
        return decoder.decodeRecord(entry.value, schema: schema, path: key)
    }

    /// Decodes a top-level string such as `group:`.
    package mutating func string(_ key: String, format: StringFormat) -> Value? {
        guard let entry = entries[key] else { return nil }
        return decoder.decode(entry.value, as: .string(format), path: key)
    }

    /// Decodes `settings:` for `mode`; features outside `allowedLevel` are refused with E201 unless `allowEveryFeature`.
    package mutating func settings(mode: Mode, moveHint: (FeatureDefinition) -> String, allowEveryFeature: Bool = false) -> ModeSettings {
        var result = ModeSettings(mode: mode, file: decoder.file)
        guard let entry = entries["settings"] else { return result }
        guard let features = entry.value.mappingEntries else {
            _ = decoder.mismatch(entry.value, expected: "a mapping of features", path: "settings")
            return result
        }
        for feature in features {
            guard let name = feature.keyText else { continue }
            let location = feature.key.mark.location(in: decoder.file)
            guard let definition = Catalogue.feature(name) else {
                decoder.diagnostics.report(
                    .unknownFeature, "unknown feature '\(name)'\(Suggestion.clause(for: name, among: Catalogue.names))",
                    at: location, help: Self.featureListHelp)
                continue
            }
            guard allowEveryFeature || definition.levels.contains(mode.level) else {
                decoder.diagnostics.report(
                    .restrictedMode, "'\(name)' cannot be configured in \(mode.level.rawValue) mode (\(mode)); it is allowed in \(definition.allowedModesText)",
                    at: location, help: moveHint(definition))
                invalidFeatures.insert(name)
                continue
            }
            if let value = decoder.decode(feature.value, as: definition.type, path: name) {
                result.features[name] = ConfiguredFeature(name: name, value: value, location: location)
            } else {
                invalidFeatures.insert(name)
            }
        }
        return result
    }
}
