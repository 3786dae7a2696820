import StrataPlan

extension MachineAction {
    /// The one-character marker of text views (`+` create, `~` update, `-` delete, `=` noop, `?` unknown), coloured.
    func marker(style: Style) -> String {
        switch self {
        case .create: style.green("+")
        case .update: style.yellow("~")
        case .delete: style.red("-")
        case .noop: style.dim("=")
        case .unknown: style.red("?")
        }
    }
}
