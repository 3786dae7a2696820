import StrataModel

/// Mail features in use that have no Postfix mapping: reported on every render, never dropped
/// silently. OS-layer features (interfaces, routes, users, ssh, timezone, ntp, dns, feature keys)
/// are another layer's job and are not reported here.
enum UnmappedFeatures {
    static func warnings(configuration: JSON) throws(PostfixRenderError) -> [RenderWarning] {
        var warnings: [RenderWarning] = []
        for filter in try SettingNode.feature("content_filters", of: configuration)?.items(keyField: "name") ?? [] {
            warnings.append(RenderWarning(
                feature: "content_filters", path: filter.path,
                message: "content filters have no Postfix mapping (header_checks/body_checks or a milter would be needed): not applied"))
        }
        for dictionary in try SettingNode.feature("dictionaries", of: configuration)?.items(keyField: "name") ?? [] {
            warnings.append(RenderWarning(
                feature: "dictionaries", path: dictionary.path, message: "dictionaries have no Postfix mapping: not used"))
        }
        return warnings
    }
}
