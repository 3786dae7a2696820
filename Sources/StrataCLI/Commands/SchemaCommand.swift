import ArgumentParser
import StrataModel
import StrataCompile
import StrataYAML
import StrataCatalogue

/// `strata schema KIND`: the JSON Schema of a kind of file, generated from the catalogue.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (draft 2020-12) of a cluster, group, machine or standalone file.",
        discussion: "The files in schemas/ are this command's output; editors use them to complete and check YAML.")

    @Argument(help: "cluster, group, machine or standalone.")
    var kind: String

    func validate() throws {
        guard JSONSchemaGenerator.FileKind(rawValue: kind) != nil else {
            throw ValidationError("unknown kind '\(kind)'; use cluster, group, machine or standalone")
        }
    }

    func run() throws {
        guard let kind = JSONSchemaGenerator.FileKind(rawValue: kind) else { return }
        Console().out(JSONSchemaGenerator.schema(for: kind).rendered() + "\n")
    }
}
