public import StrataModel
public import StrataYAML

extension Diagnostics {
    /// `(file, line, code)` triples, for exact assertions.
    public var triples: [String] {
        sorted.map { "\($0.location.file):\($0.location.line) \($0.code.rawValue)" }
    }
}

/// Parses YAML text with the project's parser.
public func parseYAML(_ text: String, limits: YAMLLimits = .standard) -> (YAMLNode?, Diagnostics) {
    var diagnostics = Diagnostics()
    let node = YAMLParser.parse(Array(text.utf8), file: "test.yaml", limits: limits, diagnostics: &diagnostics)
    return (node, diagnostics)
}

/// A minimal valid cluster: one group, machines in it, given cluster settings.
public func minimalCluster(cluster: String = "", group: String = "settings: {}\n", machines: [String: String] = [:]) -> [String: String] {
    var files = [
        "clusters/c1/cluster.yaml": cluster.isEmpty ? "settings: {}\n" : cluster,
        "clusters/c1/groups/main.yaml": group,
    ]
    for (name, text) in machines { files["clusters/c1/machines/\(name).yaml"] = text }
    return files
}
