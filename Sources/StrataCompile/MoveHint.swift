import StrataCatalogue
import StrataLoad

/// The `help:` text of a restricted-mode error: which file the feature belongs in.
enum MoveHint {
    static func text(for feature: FeatureDefinition, cluster: ClusterDeclaration) -> String {
        if feature.levels == [.cluster] {
            return "move '\(feature.name)' to \(cluster.directory)/cluster.yaml"
        }
        if feature.levels == [.machine] {
            return "move '\(feature.name)' into each machine's file under \(cluster.directory)/machines/"
        }
        return "move '\(feature.name)' to \(cluster.directory)/cluster.yaml or to a group file under \(cluster.directory)/groups/"
    }
}
