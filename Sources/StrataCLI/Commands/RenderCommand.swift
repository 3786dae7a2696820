import ArgumentParser
import Foundation
import StrataModel
import StrataCompile
import StrataPostfix
import StrataKeepalived
import StrataYAML
import StrataCatalogue

/// `strata render MACHINE --backend postfix`: the files the agent's backend would write for a machine.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Print or write the files a backend would write for a machine (Postfix's files or keepalived.conf).",
        discussion: """
            The agent's postfix and keepalived backends run the same renderers, so this is exactly what they apply. \
            Text output is a sequence of `==> PATH <==` sections, paths relative to the config \
            directory; --format json prints {"files": {path: content}, "warnings": [...]}; -o DIR \
            writes the tree (0600 for files that hold a secret). Secrets are written as their \
            reference (env:NAME), never their value. Mail features Postfix cannot express are \
            reported as warnings (on standard error in text form); see Docs/postfix.md. \
            --backend keepalived renders keepalived.conf (nothing for a machine without failover); \
            --interface-map maps Strata interface names to devices as agent.yaml's interfaces: does \
            (unmapped names are used as the device name); see Docs/keepalived.md.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var revision: RevisionOption

    @OptionGroup var output: FormatOption<DataFormat>

    @Argument(help: "The machine, e.g. newyork.example.com.")
    var machine: String

    @Option(name: .long, help: ArgumentHelp("The backend whose files to render: postfix or keepalived.", valueName: "backend"))
    var backend: String

    @Option(
        name: .customLong("interface-map"),
        help: ArgumentHelp("keepalived: a Strata interface's device, NAME=DEVICE (repeatable; default: the name).", valueName: "name=device"))
    var interfaceMap: [String] = []

    @Option(name: .customLong("state-file"), help: ArgumentHelp("keepalived: the VRRP state file, as the agent's default.", valueName: "file"))
    var stateFile = "/var/lib/strata-agent/keepalived/state"

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write the files under this directory.", valueName: "dir"))
    var outputDirectory: String?

    @Option(name: .customLong("config-directory"), help: ArgumentHelp("Postfix's config_directory, used in table paths.", valueName: "dir"))
    var configDirectory = "/etc/postfix"

    @Option(name: .customLong("queue-directory"), help: ArgumentHelp("queue_directory (default: Postfix's).", valueName: "dir"))
    var queueDirectory: String?

    @Option(name: .customLong("data-directory"), help: ArgumentHelp("data_directory (default: Postfix's).", valueName: "dir"))
    var dataDirectory: String?

    @Option(name: .customLong("maillog-file"), help: ArgumentHelp("maillog_file, as the agent's default.", valueName: "file"))
    var maillogFile = "/var/lib/strata-agent/postfix/maillog"

    func validate() throws {
        guard backend == "postfix" || backend == "keepalived" else {
            throw ValidationError("unknown backend '\(backend)': the backends with files to render are postfix and keepalived")
        }
        _ = try devices()
    }

    func run() throws {
        let console = Console()
        let workspace = try Workspace.load(global, revision: revision.rev)
        let (_, effective) = try workspace.effectiveConfiguration(of: machine, console: console)
        let name = effective.machine
        let rendering: PostfixRendering
        if backend == "keepalived" {
            rendering = try renderKeepalived(CanonicalDecoder.json(effective), machine: name.description, console: console)
        } else {
            let layout = PostfixLayout(
                configDirectory: configDirectory, queueDirectory: queueDirectory, dataDirectory: dataDirectory, maillogFile: maillogFile)
            do {
                rendering = try PostfixRenderer.render(
                    configuration: CanonicalDecoder.json(effective), machine: name.description, secrets: .references, layout: layout)
            } catch {
                throw CommandFailure("cannot render \(name.description) for postfix: \(error.path): \(error.message)")
            }
        }
        if let outputDirectory { try write(rendering.files, under: outputDirectory) }
        switch output.format {
        case .json:
            console.out(Self.json(rendering).rendered() + "\n")
        case .text:
            for warning in rendering.warnings { console.err("warning: \(warning.path): \(warning.message)\n") }
            if let outputDirectory {
                console.out(rendering.files.map { "wrote \(outputDirectory)/\($0.path)\n" }.joined())
            } else {
                console.out(rendering.files.enumerated().map { index, file in
                    (index == 0 ? "" : "\n") + "==> \(file.path) <==\n" + file.content
                }.joined())
            }
        }
    }

    /// `{"files": {path: content}, "warnings": [{"feature", "path", "message"}]}`.
    static func json(_ rendering: PostfixRendering) -> JSON {
        .object([
            ("files", .object(rendering.files.map { ($0.path, .string($0.content)) })),
            ("warnings", .array(rendering.warnings.map {
                .object([("feature", .string($0.feature)), ("path", .string($0.path)), ("message", .string($0.message))])
            })),
        ])
    }

    private func write(_ files: [RenderedFile], under root: String) throws {
        let manager = FileManager.default
        for file in files {
            let url = URL(fileURLWithPath: root).appendingPathComponent(file.path)
            do {
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                // Created with its final mode, so a file meant to be 0600 is never readable by others.
                if manager.fileExists(atPath: url.path) { try manager.removeItem(at: url) }
                guard manager.createFile(atPath: url.path, contents: Data(file.content.utf8), attributes: [.posixPermissions: Int(file.mode)])
                else { throw CommandFailure("cannot write '\(url.path)'") }
                try manager.setAttributes([.posixPermissions: Int(file.mode)], ofItemAtPath: url.path)
            } catch let failure as CommandFailure {
                throw failure
            } catch {
                throw CommandFailure("cannot write '\(url.path)': \(error.localizedDescription)")
            }
        }
    }
}
