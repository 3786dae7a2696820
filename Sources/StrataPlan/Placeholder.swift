/// Placeholder until the plan module lands.
enum StrataPlanPlaceholder {}
