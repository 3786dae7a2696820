import StrataModel
import StrataLoad
public import StrataCompile

extension TempRepo {
    /// Loads and compiles the repository in-process.
    public func compile() throws -> CompilationResult {
        var diagnostics = Diagnostics()
        let declarations = try RepositoryLoader(source: WorkingTreeSource(root: path)).load(diagnostics: &diagnostics)
        var result = Compiler.compile(declarations)
        diagnostics.append(contentsOf: result.diagnostics)
        result.diagnostics = diagnostics
        return result
    }
}
