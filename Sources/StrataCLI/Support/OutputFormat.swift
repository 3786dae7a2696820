import ArgumentParser

/// The output formats; not every command offers all of them.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text
    case json
    case markdown
    case github
}
