/// master.cf: Debian's stock services with chroot `n` (the instance may live anywhere, and its
/// tables are read from outside any chroot), no stock `smtp inet` service, one `postlog` service,
/// then one smtpd service per listener and one cloned smtp transport per destination policy.
enum MasterCfRenderer {
    /// Debian 12's master.cf services without `smtp inet` and the optional pipe examples.
    static let stockServices: [[String]] = [
        ["pickup", "unix", "n", "-", "n", "60", "1", "pickup"],
        ["cleanup", "unix", "n", "-", "n", "-", "0", "cleanup"],
        ["qmgr", "unix", "n", "-", "n", "300", "1", "qmgr"],
        ["tlsmgr", "unix", "-", "-", "n", "1000?", "1", "tlsmgr"],
        ["rewrite", "unix", "-", "-", "n", "-", "-", "trivial-rewrite"],
        ["bounce", "unix", "-", "-", "n", "-", "0", "bounce"],
        ["defer", "unix", "-", "-", "n", "-", "0", "bounce"],
        ["trace", "unix", "-", "-", "n", "-", "0", "bounce"],
        ["verify", "unix", "-", "-", "n", "-", "1", "verify"],
        ["flush", "unix", "n", "-", "n", "1000?", "0", "flush"],
        ["proxymap", "unix", "-", "-", "n", "-", "-", "proxymap"],
        ["proxywrite", "unix", "-", "-", "n", "-", "1", "proxymap"],
        ["smtp", "unix", "-", "-", "n", "-", "-", "smtp"],
        ["relay", "unix", "-", "-", "n", "-", "-", "smtp"],
        ["showq", "unix", "n", "-", "n", "-", "-", "showq"],
        ["error", "unix", "-", "-", "n", "-", "-", "error"],
        ["retry", "unix", "-", "-", "n", "-", "-", "error"],
        ["discard", "unix", "-", "-", "n", "-", "-", "discard"],
        ["local", "unix", "-", "n", "n", "-", "-", "local"],
        ["virtual", "unix", "-", "n", "n", "-", "-", "virtual"],
        ["lmtp", "unix", "-", "-", "n", "-", "-", "lmtp"],
        ["anvil", "unix", "-", "-", "n", "-", "1", "anvil"],
        ["scache", "unix", "-", "-", "n", "-", "1", "scache"],
        ["postlog", "unix-dgram", "n", "-", "n", "-", "1", "postlogd"],
    ]

    static func render(machine: String, listeners: [ListenerService], transports: [ClonedTransport]) -> String {
        var text = "# master.cf rendered by Strata for \(machine). Hand edits are reported as drift and replaced.\n"
        text += "# service type  private unpriv  chroot  wakeup  maxproc command + args\n"
        for service in stockServices {
            text += line(service)
            if service[0] == "relay" { text += "  -o syslog_name=postfix/$service_name\n" }
        }
        for service in listeners {
            let listener = service.binding.listener
            text += "# listener \(listener.name) (\(listener.type)) on interface \(listener.interface)\n"
            text += line([service.binding.serviceName, "inet", "n", "-", "n", "-", String(listener.maxConnections), "smtpd"])
            for (name, value) in service.overrides { text += "  -o \(name)=\(value)\n" }
            for address in service.virtualAddresses {
                text += "# listener \(listener.name) on failover address \(address)\n"
                text += line([service.serviceName(virtual: address), "inet", "n", "-", "n", "-", String(listener.maxConnections), "smtpd"])
                for (name, value) in service.overrides { text += "  -o \(name)=\(value)\n" }
            }
        }
        for transport in transports {
            text += "# destination_controls \(transport.destination)\n"
            text += line([transport.service, "unix", "-", "-", "n", "-", "-", "smtp"])
            text += "  -o syslog_name=postfix/\(transport.service)\n"
            text += "  -o smtp_tls_security_level=\(transport.tlsLevel)\n"
            // Postfix counts reuses after the first message, and 0 means no limit: one message per
            // connection is no connection caching at all.
            text += transport.maxMessagesPerConnection == 1
                ? "  -o smtp_connection_cache_on_demand=no\n"
                : "  -o smtp_connection_reuse_count_limit=\(transport.maxMessagesPerConnection - 1)\n"
        }
        return text
    }

    /// Columns padded as in Postfix's own master.cf.
    private static func line(_ columns: [String]) -> String {
        let widths = [10, 6, 8, 8, 8, 8, 8]
        var text = ""
        for (index, column) in columns.enumerated() {
            guard index < widths.count else { text += column; break }
            text += column + String(repeating: " ", count: max(1, widths[index] - column.count))
        }
        return text + "\n"
    }
}
