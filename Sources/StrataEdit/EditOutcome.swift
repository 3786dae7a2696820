public import StrataModel

/// What an edit would do: the files it changes, or the diagnostics that refuse it, and every machine's
/// effective configuration before and after.
public struct EditOutcome: Sendable {
    /// The edit, with `all-groups` resolved to the cluster's groups.
    public var edit: FeatureEdit
    /// The modes written to, in order.
    public var targets: [Mode]
    /// The changed files, in path order (empty when a check refused the edit; when the edited cluster does
    /// not compile, the files as they would be, so diagnostics can show their lines; never written then).
    public var files: [EditedFile]
    /// Refusals (E6xx) and the edited repository's errors (for example E301), plus the edit's warnings (W6xx).
    public var diagnostics: Diagnostics
    /// Effective configurations before the edit.
    public var before: [EffectiveConfiguration]
    /// Effective configurations after it (the same as before when refused).
    public var after: [EffectiveConfiguration]

    /// Whether the edit is refused: nothing may be written.
    public var refused: Bool { diagnostics.hasErrors }
}
