import Foundation
import Testing
import StrataModel
import StrataLoad
import StrataCompile
import StrataPlan
import StrataTestSupport

/// A small cluster modelled on examples/americas, written inline so expected diffs sit beside the YAML they come from.
enum Fixture {
    static let cluster = """
        requires:
          version: "15.5.1"
          addressing: hostname
        settings:
          timezone: America/New_York
          dns:
            servers: [192.0.2.53, 198.51.100.53]
          text_resources:
            - name: disclaimer
              type: disclaimer
              text: Scanned by the Americas gateways.
          listeners:
            - name: IncomingMail
              interface: Data1
              footer: disclaimer
            - name: OutgoingMail
              interface: Data2
              type: private
              hat:
                - {match: "10.0.0.0/8", policy: relay}
                - {match: ALL, policy: reject}
          smtp_routes:
            - domain: example.com
              destinations: ["mail1.example.com:25"]
            - domain: .example.com
              destinations: ["mail1.example.com"]
          global_unsubscribe:
            - unsubscribed@example.org

        """

    static let usa = """
        settings:
          ntp:
            servers: [ntp-us.example.com]

        """

    /// A machine file with its two data interfaces (`198.51.100.<octet>`, `203.0.113.<octet>`) and extra settings.
    static func machine(group: String, octet: Int, settings extra: String = "") -> String {
        """
        group: \(group)
        settings:
          interfaces:
            - name: Data1
              address: 198.51.100.\(octet)/24
            - name: Data2
              address: 203.0.113.\(octet)/24
        \(extra)
        """
    }

    static let directory = "clusters/americas"

    /// The base repository: buttercup.run in Main_Group, losangeles and newyork in usa.
    static var files: [String: String] {
        [
            "\(directory)/cluster.yaml": cluster,
            "\(directory)/groups/Main_Group.yaml": "settings: {}\n",
            "\(directory)/groups/usa.yaml": usa,
            "\(directory)/machines/buttercup.run.yaml": machine(group: "Main_Group", octet: 30),
            "\(directory)/machines/losangeles.example.com.yaml": machine(group: "usa", octet: 20),
            "\(directory)/machines/newyork.example.com.yaml": machine(group: "usa", octet: 10),
        ]
    }

    /// Compiles the base repository and a variant (files replaced, added, or removed with nil) and diffs them.
    static func diff(_ changes: [String: String?], base: [String: String] = files) throws -> ConfigDiff {
        var variant = base
        for (path, text) in changes {
            let file = path.hasPrefix("clusters/") ? path : "\(directory)/\(path)"
            variant[file] = text
        }
        return ConfigDiffer.diff(before: try compile(base), after: try compile(variant))
    }

    /// Every effective configuration of a repository written to a temporary directory; fails on any error.
    static func compile(_ files: [String: String]) throws -> [EffectiveConfiguration] {
        let result = try TempRepo(files).compile()
        let diagnostics = result.diagnostics
        let errors = diagnostics.sorted.filter { $0.severity == .error }
        #expect(errors.isEmpty, "fixture does not compile: \(errors.map { "\($0.location.file):\($0.location.line) \($0.message)" })")
        return result.clusters.flatMap(\.effective)
    }
}

extension ConfigDiff {
    /// The machine with this name.
    subscript(_ name: String) -> MachineDiff? {
        machines.first { $0.machine.rawValue == name }
    }

    /// `machine: action` for every machine, in order.
    var actions: [String] {
        machines.map { "\($0.machine): \($0.action.rawValue)" }
    }
}

extension MachineDiff {
    /// The text lines of the changes.
    var lines: [String] { changes.map(\.line) }
}
