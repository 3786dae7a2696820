import StrataCatalogue
import StrataModel
import StrataYAML

/// A standalone file read for `init --from` and `join`: its machine, serial, settings as written
/// (catalogue order), effective configuration and diagnostics.
struct Standalone {
    var machine: MachineName?
    var serial: String?
    var settings: [(String, YAMLNode)] = []
    var effective: EffectiveConfiguration?
    var diagnostics = Diagnostics()

    init(bytes: [UInt8], path: String) {
        let root = YAMLParser.parse(bytes, file: path, diagnostics: &diagnostics)
        let result = StandaloneCompiler.compile(DeclaredFile(path: path, root: root, parsed: !diagnostics.hasErrors))
        diagnostics.append(contentsOf: result.diagnostics)
        guard !diagnostics.hasErrors, let effective = result.effective, let entries = root?.mappingEntries else { return }
        self.effective = effective
        machine = effective.machine
        serial = entries.first { $0.keyText == "serial" }?.value.scalar?.text
        let written = entries.first { $0.keyText == "settings" }?.value.mappingEntries ?? []
        settings = Catalogue.names.compactMap { name in written.first { $0.keyText == name }.map { (name, $0.value) } }
    }
}
