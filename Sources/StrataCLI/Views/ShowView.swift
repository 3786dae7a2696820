import StrataModel
import StrataLoad
import StrataYAML
import StrataCatalogue

/// Renders a machine's effective configuration as text (`strata show`); ``ShowJSONWriter`` writes its JSON.
struct ShowView {
    let configuration: EffectiveConfiguration
    let explain: Bool

    /// Each feature as YAML under a heading that names its mode.
    func text(style: Style) -> String {
        var out = style.bold("machine \(configuration.machine)") + " (cluster \(configuration.cluster), group \(configuration.group))\n"
        for feature in configuration.features {
            var heading = "\n" + style.bold(feature.name) + "  " + style.cyan("[\(feature.provenance)]")
            if explain {
                heading += "  " + style.dim(Self.explanation(feature))
            }
            out += heading + "\n"
            let body = YAMLWriter.emit(YAMLOutput(Self.masked(feature.value))) ?? ""
            for line in body.split(separator: "\n") where line != "..." {
                out += "  \(line)\n"
            }
        }
        return out
    }

    static func explanation(_ feature: ResolvedFeature) -> String {
        switch feature.provenance {
        case .defaultValue:
            return "default: no mode configures it"
        case .configured(let mode):
            let location = feature.location.map { " at \($0)" } ?? ""
            if feature.overrides.isEmpty { return "configured in mode \(mode)\(location)" }
            return "configured in mode \(mode)\(location), overriding " + feature.overrides.map(\.description).joined(separator: ", ")
        }
    }

    /// Secrets shown as `(sensitive)` in human output.
    static func masked(_ value: Value) -> Value {
        switch value.kind {
        case .secret: return .string("(sensitive)")
        case .list(let items): return Value(.list(items.map(masked)), at: value.location)
        case .record(let fields): return Value(.record(fields.map { Field($0.name, masked($0.value)) }), at: value.location)
        default: return value
        }
    }
}
