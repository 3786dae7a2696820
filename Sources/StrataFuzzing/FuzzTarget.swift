import StrataCatalogue
import StrataCompile
import StrataLoad
import StrataModel

/// What each fuzzer feeds its input to. Every entry point runs the same code the product runs on that
/// input, and renders what it produced, so that a crash, a leak or a hang anywhere on the path shows.
public enum FuzzTarget: String, Sendable, CaseIterable {
    /// A repository (see ``FuzzArchive``) loaded and compiled, each machine rendered as canonical JSON;
    /// and, for a `standalone:` file, the standalone checks.
    case yaml
    /// An agent request body (`POST /v1/apply` or `/v1/rollback`) decoded strictly, then the apply
    /// configuration decoded and checked against the catalogue as the agent does.
    case request
    /// An agent's answer (state or error body) decoded as the controller reads it.
    case answer

    /// Runs one input.
    public func run(_ input: UnsafeRawBufferPointer) {
        switch self {
        case .yaml: Self.compileRepository(input)
        case .request: Self.decodeRequest(Array(input))
        case .answer: Self.decodeAnswer(Array(input))
        }
    }

    private static func compileRepository(_ input: UnsafeRawBufferPointer) {
        let files = FuzzArchive.unpack(input)
        let source = InMemorySource(files: files)
        // Sequential: under the sanitizers, handing each tiny input's files to worker threads made the target
        // twenty times slower; the parallel merge has its own tests (ParallelLoadingTests).
        let loader = RepositoryLoader(source: source, parallel: false)
        var diagnostics = Diagnostics()
        if let declarations = try? loader.load(diagnostics: &diagnostics) {
            let result = Compiler.compile(declarations, parallel: false)
            for cluster in result.clusters {
                for machine in cluster.effective { _ = CanonicalDecoder.json(machine).rendered(pretty: false) }
            }
            diagnostics.append(contentsOf: result.diagnostics)
        }
        for path in files.keys.sorted() where path.hasSuffix(".yaml") && !path.hasPrefix("clusters/") {
            var fileDiagnostics = Diagnostics()
            if let file = try? loader.parseFile(path, diagnostics: &fileDiagnostics) {
                let standalone = StandaloneCompiler.compile(file)
                if let effective = standalone.effective { _ = CanonicalDecoder.json(effective).rendered(pretty: false) }
            }
        }
        _ = diagnostics.sorted.map(\.message)
    }

    private static func decodeRequest(_ bytes: [UInt8]) {
        if let request = try? ApplyRequest(body: bytes) {
            let (decoded, _) = CanonicalDecoder.decode(request.configuration, machine: MachineName(request.machine))
            if let decoded { _ = CanonicalDecoder.check(decoded).sorted.map(\.message) }
            _ = request.json.rendered(pretty: false)
        }
        if let rollback = try? RollbackRequest(body: bytes) { _ = rollback.json.rendered(pretty: false) }
    }

    private static func decodeAnswer(_ bytes: [UInt8]) {
        if let state = try? AgentState(body: bytes) {
            _ = state.json.rendered(pretty: true)
            if let configuration = state.configuration {
                _ = CanonicalDecoder.decode(configuration, machine: MachineName(state.machine))
            }
        }
        if let failure = AgentErrorBody(body: bytes) { _ = failure.json.rendered(pretty: false) }
    }
}
