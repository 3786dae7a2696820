/// Placeholder until the git module lands.
enum StrataGitPlaceholder {}
