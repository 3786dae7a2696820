import Foundation
import Testing
import StrataTestSupport

extension Trait where Self == ConditionTrait {
    /// Root and network namespaces: otherwise the suite is reported as skipped, with the reason.
    static var needsNetworkLab: Self { .enabled(if: NetworkLab.available, Comment(rawValue: NetworkLab.skipReason)) }

    /// keepalived and Postfix installed: otherwise the suite is reported as skipped, with the reason.
    static var needsKeepalivedAndPostfix: Self {
        .enabled(
            if: LabKeepalived.available && FileManager.default.isExecutableFile(atPath: LabPostfix.postfix),
            "SKIPPED (not counted as passed): needs keepalived and Postfix installed (scripts/install-deps as root)")
    }
}
