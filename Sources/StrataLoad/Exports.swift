// Callers of the loader handle the parsed files (`DeclaredFile`, `YAMLLimits`), which live in StrataYAML.
@_exported public import StrataYAML
