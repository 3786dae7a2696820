extension BackendPipeline {
    /// The backends agent.yaml names, in its order.
    static func make(_ configuration: AgentConfiguration) -> BackendPipeline {
        var backends: [any Backend] = []
        for settings in configuration.backends {
            switch settings {
            case .files(let files):
                let runner = self.runner(files.timeoutSeconds, settings, configuration)
                backends.append(FilesBackend(settings: files, runner: runner, machine: configuration.machine))
            case .postfix(let postfix):
                let runner = self.runner(postfix.timeoutSeconds, settings, configuration)
                backends.append(PostfixBackend(settings: postfix, runner: runner, machine: configuration.machine, keep: configuration.keepGenerations))
            case .keepalived(let keepalived):
                let runner = self.runner(keepalived.timeoutSeconds, settings, configuration)
                backends.append(KeepalivedBackend(settings: keepalived, runner: runner, machine: configuration.machine, devices: configuration.interfaces))
            }
        }
        return BackendPipeline(backends: backends)
    }

    /// A backend's command runner: its timeout, its namespace, and never the agent's token variable.
    private static func runner(_ timeout: Int, _ settings: BackendSettings, _ configuration: AgentConfiguration) -> CommandRunner {
        var runner = CommandRunner(timeoutSeconds: timeout)
        runner.namespace = settings.netns
        if configuration.token.source == .env { runner.hiddenVariables = [configuration.token.name] }
        return runner
    }
}
