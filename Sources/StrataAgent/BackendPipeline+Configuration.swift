extension BackendPipeline {
    /// The backends agent.yaml names, in its order.
    static func make(_ configuration: AgentConfiguration) -> BackendPipeline {
        var backends: [any Backend] = []
        for settings in configuration.backends {
            switch settings {
            case .files(let files):
                var runner = CommandRunner(timeoutSeconds: files.timeoutSeconds)
                if configuration.token.source == .env { runner.hiddenVariables = [configuration.token.name] }
                backends.append(FilesBackend(settings: files, runner: runner, machine: configuration.machine))
            case .postfix(let postfix):
                var runner = CommandRunner(timeoutSeconds: postfix.timeoutSeconds)
                if configuration.token.source == .env { runner.hiddenVariables = [configuration.token.name] }
                backends.append(PostfixBackend(settings: postfix, runner: runner, machine: configuration.machine, keep: configuration.keepGenerations))
            }
        }
        return BackendPipeline(backends: backends)
    }
}
