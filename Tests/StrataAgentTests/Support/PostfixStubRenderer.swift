import Foundation
import StrataModel
import StrataPostfix

/// A stand-in for the renderer in the backend's own tests: the scratch instance of Docs/POSTFIX facts
/// (one listener with a HAT and a RAT, one transport route), from a tiny JSON
/// `{"address", "port", "route", "interfaces"}`, so the agent half is tested whatever the renderer does.
enum PostfixStubRenderer {
    static func configuration(address: String = "127.0.0.1", port: Int, route: String, interfaces: [String]? = nil) -> JSON {
        .object([
            ("address", .string(address)), ("port", .int(port)), ("route", .string(route)),
            ("interfaces", .array((interfaces ?? [address]).map(JSON.string))),
        ])
    }

    @Sendable static func render(
        _ configuration: JSON, _ machine: String, _ secrets: PostfixSecrets, _ layout: PostfixLayout
    ) throws(PostfixRenderError) -> PostfixRendering {
        guard let address = configuration["address"]?.stringValue, let port = configuration["port"]?.intValue,
              let route = configuration["route"]?.stringValue else {
            throw PostfixRenderError(feature: "listeners", path: "listeners", message: "the stub needs address, port and route")
        }
        let interfaces: [String] = {
            guard case .array(let items)? = configuration["interfaces"] else { return [address] }
            return items.compactMap(\.stringValue)
        }()
        let directory = layout.configDirectory
        let main = """
            compatibility_level = 3.6
            queue_directory = \(layout.queueDirectory ?? "/var/spool/postfix")
            data_directory = \(layout.dataDirectory ?? "/var/lib/postfix")
            maillog_file = \(layout.maillogFile)
            maillog_file_prefixes = /tmp, /var/log, \(FileManager.default.temporaryDirectory.path)
            inet_interfaces = \(interfaces.joined(separator: ", "))
            inet_protocols = ipv4
            mydestination =
            alias_maps =
            local_recipient_maps =
            smtp_dns_support_level = disabled
            myhostname = \(machine)
            relay_domains = example.com
            transport_maps = texthash:\(directory)/tables/transport
            mynetworks = 127.0.0.1/32

            """
        let master = stockMaster() + """
            \(address):\(port) inet n - n - - smtpd
              -o syslog_name=postfix/IncomingMail
              -o smtpd_client_restrictions=check_client_access,cidr:\(directory)/tables/hat_IncomingMail.cidr
              -o smtpd_relay_restrictions=check_recipient_access,texthash:\(directory)/tables/rat_IncomingMail,reject

            """
        let host = route.split(separator: ":").first.map(String.init) ?? route
        let routePort = route.split(separator: ":").last.map(String.init) ?? "25"
        return PostfixRendering(
            files: [
                RenderedFile(path: "main.cf", content: main), RenderedFile(path: "master.cf", content: master),
                RenderedFile(path: "tables/hat_IncomingMail.cidr", content: "127.0.0.3/32 REJECT\n0.0.0.0/0 DUNNO\n"),
                RenderedFile(path: "tables/rat_IncomingMail", content: "example.com OK\n"),
                RenderedFile(path: "tables/transport", content: "example.com smtp:[\(host)]:\(routePort)\n"),
            ],
            warnings: [RenderWarning(feature: "text_resources", path: "listeners[IncomingMail].footer", message: "footers are not enforced")],
            listeners: [ProbeTarget(listener: "IncomingMail", address: address, port: port)],
            inetInterfaces: interfaces, inetProtocols: "ipv4")
    }

    /// Debian's master.cf with chroot off everywhere and without its own `smtp inet` listener.
    static func stockMaster() -> String {
        let stock = (try? String(contentsOfFile: "/etc/postfix/master.cf", encoding: .utf8)) ?? ""
        var lines: [String] = []
        for line in stock.split(separator: "\n", omittingEmptySubsequences: false) {
            var fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            if fields.first == "smtp", fields.count > 1, fields[1] == "inet" { continue }
            if let first = line.first, !first.isWhitespace, first != "#", fields.count >= 8 {
                fields[4] = "n"
                lines.append(fields.joined(separator: " "))
            } else {
                lines.append(String(line))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
