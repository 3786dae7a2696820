// Code that compiles a repository also names features, schemas and YAML; importing StrataCompile keeps
// giving it the catalogue (which moved out of this module) so callers need one import.
@_exported public import StrataCatalogue
