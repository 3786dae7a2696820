import StrataModel
import StrataYAML

extension YAMLOutput {
    /// A parsed node to emit again, as it was written: plain numbers and words stay plain, strings are
    /// quoted only where YAML needs it, text of several lines becomes a literal block. Aliases and
    /// merge keys were expanded by the parser; comments inside the value are not kept.
    init(node: YAMLNode) {
        switch node.content {
        case .scalar(let scalar):
            if scalar.text.contains("\n") {
                self = .literal(scalar.text)
            } else if scalar.style == .plain, scalar.resolved != .string(scalar.text) {
                self = .plain(scalar.text)
            } else {
                self = .string(scalar.text)
            }
        case .sequence(let items):
            self = .sequence(items.map(YAMLOutput.init(node:)))
        case .mapping(let entries):
            self = .mapping(entries.map { ($0.keyText ?? "", YAMLOutput(node: $0.value)) })
        }
    }
}
