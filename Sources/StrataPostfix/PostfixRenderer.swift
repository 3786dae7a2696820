public import StrataModel

/// Turns a machine's canonical effective configuration into the complete files of a Postfix instance.
/// The agent's backend and `strata render` both call this, so a reviewer reads exactly what is applied.
public enum PostfixRenderer {
    /// Renders every file; deterministic for equal inputs.
    public static func render(
        configuration: JSON, machine: String, secrets: PostfixSecrets, layout: PostfixLayout
    ) throws(PostfixRenderError) -> PostfixRendering {
        guard case .object = configuration else {
            throw PostfixRenderError(feature: "", path: "", message: "the configuration must be a JSON object")
        }
        let hostname = configuration["hostname"]?.stringValue ?? machine
        let main = "myhostname = \(hostname)\n"
        return PostfixRendering(
            files: [RenderedFile(path: "main.cf", content: main)], warnings: [], listeners: [],
            inetInterfaces: [], inetProtocols: "ipv4")
    }
}
